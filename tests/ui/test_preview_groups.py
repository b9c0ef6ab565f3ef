"""The light preview's groups: which blocks they hold, and lines to paragraphs and back."""

from __future__ import annotations

from editor.core.render import RenderedBlock
from editor.ui.preview_groups import (
    FIRST,
    Group,
    around,
    blocks_of,
    group_of_line,
    line_of_paragraph,
    paragraph_of_line,
    relined,
)


def block(start: int, end: int) -> RenderedBlock:
    return RenderedBlock(start, end, f"<p>{start}</p>")


# Three groups: one block per line pair; the middle group holds two blocks that became four paragraphs.
GROUPS = [
    Group([block(0, 2)], 1),
    Group([block(2, 4), block(4, 6)], 4),
    Group([block(6, 8)], 1),
]


def test_the_groups_around_a_stretch_of_blocks() -> None:
    assert around(GROUPS, 1, 2) == (1, 2)  # the second block: the middle group
    assert around(GROUPS, 1, 3) == (1, 2)
    assert around(GROUPS, 0, 4) == (0, 3)
    assert around(GROUPS, 1, 1) == (1, 1)  # an insertion before the middle group touches none
    assert around(GROUPS, 4, 4) == (3, 3)  # after the last


def test_lines_map_to_paragraphs_and_back_exactly_where_a_group_holds_one_block() -> None:
    assert paragraph_of_line(GROUPS, 0) == FIRST
    assert paragraph_of_line(GROUPS, 7) == FIRST + 1 + 4
    assert line_of_paragraph(GROUPS, FIRST + 1 + 4) == 6
    assert group_of_line(GROUPS, 5) == 1
    assert line_of_paragraph(GROUPS, FIRST + 1 + 2) == 4  # inside the middle group: halfway, by interpolation
    assert paragraph_of_line([], 3) is None and line_of_paragraph([], 3) == 0 and group_of_line([], 3) == -1


def test_the_same_blocks_moved_take_their_new_lines() -> None:
    groups = [Group(list(g.blocks), g.paragraphs) for g in GROUPS]
    moved = [RenderedBlock(b.start_line + 3, b.end_line + 3, b.html) for b in blocks_of(groups)]
    relined(groups, moved)
    assert blocks_of(groups) == moved and [len(g.blocks) for g in groups] == [1, 2, 1]
