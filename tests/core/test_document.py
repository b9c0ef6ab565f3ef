"""Document snapshots: line and offset mapping, blocks with source line ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.document import Document, Position


def test_offsets_and_positions_round_trip_on_a_small_text() -> None:
    doc = Document("ab\n\ncdé\n")
    assert doc.lines == ("ab", "", "cdé", "")
    assert doc.position(0) == Position(0, 0)
    assert doc.position(3) == Position(1, 0)
    assert doc.position(6) == Position(2, 2)
    assert doc.offset(2, 3) == 7


@given(st.text(alphabet=st.sampled_from("ab \n\té字"), max_size=200))
def test_position_and_offset_are_inverse(text: str) -> None:
    doc = Document(text)
    for offset in range(len(text) + 1):
        pos = doc.position(offset)
        assert doc.offset(pos.line, pos.column) == offset


def test_out_of_range_positions_are_refused() -> None:
    doc = Document("one\ntwo")
    with pytest.raises(ValueError):
        doc.position(99)
    with pytest.raises(ValueError):
        doc.offset(5, 0)


def test_from_source_normalizes_line_endings() -> None:
    assert Document.from_source("a\r\nb\rc\n").lines == ("a", "b", "c", "")


def test_blocks_have_kinds_and_source_line_ranges() -> None:
    doc = Document("# Head\n\nPara one\nstill para\n\n- a\n- b\n\n```\ncode\n```\n")
    spans = [(b.kind, b.start_line, b.end_line) for b in doc.blocks]
    assert spans == [("heading", 0, 1), ("paragraph", 2, 4), ("bullet_list", 5, 7), ("fence", 8, 11)]


def test_pelican_header_is_a_front_matter_block() -> None:
    doc = Document("Title: Issue 1\nDate: 2026-01-01\n\nText")
    assert [(b.kind, b.start_line, b.end_line) for b in doc.blocks] == [
        ("front_matter", 0, 2),
        ("paragraph", 3, 4),
    ]
