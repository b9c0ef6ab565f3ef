"""Word counts: the memo that recounts only edited paragraphs gives what a fresh count gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.stats import StatsMemo, TextStats, text_stats
from tests.shared import needs_corpus

CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "twir"
PIECES = (
    "",
    "\n",
    "\n\n",
    "# Heading",
    "- item",
    "1. first",
    "> quote",
    "word",
    "two words",
    "[link](https://example.com/a b)",
    "](",
    ")",
    "**bold**",
    "`code`",
    "don't",
    "well-known",
)


def test_markers_and_link_targets_are_not_words() -> None:
    assert text_stats("# One *two* [three](https://four.example/five)\n\n- six") == TextStats(4, 53)
    assert text_stats("") == TextStats(0, 0)


def test_a_link_target_never_reaches_past_a_blank_line() -> None:
    assert text_stats("see [a](b\n\nthree more words)").words == 6


@settings(max_examples=150, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(PIECES)), min_size=1, max_size=12
    )
)
@needs_corpus
def test_the_memo_counts_edited_text_like_a_fresh_count(edits: list[tuple[float, int, str]]) -> None:
    text = sorted(CORPUS.glob("*.md"))[0].read_text(encoding="utf-8")[:6000]
    memo = StatsMemo()
    assert memo.stats(text) == text_stats(text)
    for where, removed, inserted in edits:
        start = round(where * len(text))
        text = text[:start] + inserted + text[start + removed :]
        assert memo.stats(text) == text_stats(text)
