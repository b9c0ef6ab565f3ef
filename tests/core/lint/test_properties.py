"""Properties every registered rule keeps on arbitrary Markdown-ish drafts (hypothesis).

The drafts mix list markers, pseudo-bullets, headings, fences, quotes, tables,
HTML, long words and URLs, CJK and emoji, hard breaks and blank lines, with
lines drawn from a small pool so that repeats happen. For every rule: linting
never raises, findings lie inside the document, fixes edit inside the text and
apply cleanly, and applying one finding's fix leaves no finding of the same
rule at the place it repaired.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import RULES, Finding, Fix, apply_edits, lint

STARTS = (
    "", "", "", "- ", "* ", "+ ", "1. ", "2. ", "3) ", "10. ", "  - ", "    - ", "   ",
    "• ", "◦ ", "– ", "▪ ", "# ", "## ", "### ", "> ", "> - ", ">> ", "    ", "\t",
    "- [ ] ", "[^1]: ", "[ref]: https://example.com/ref ",
)  # fmt: skip
WHOLE_LINES = (
    "```", "~~~", "```python", "| a | b |", "|---|---|", "<div>", "</div>", "<!-- note", "-->",
    "---", "===", "***", "Title: Weekly", "Date: 2025-01-01", "$$", "",
)  # fmt: skip
WORDS = (
    "the", "release", "notes", "Rust", "crate", "is", "fast.", "Read", "more:", "a", "list,",
    "日本語の文章です", "한국어", "👨\u200d👩\u200d👧", "❤\ufe0f", "e\u0301", "`code span`", "**bold**",
    "[link](https://example.com/x)", "![img](https://example.com/i.png)", "<https://example.com>",
    "https://example.com/" + "segment/" * 14, "x" * 45, "\\", "*", "_", "[", "]", "(", ")", "#1",
    "1.", "-", "•", "<b>", "&amp;", "[^1]", "[ref]",
)  # fmt: skip
ENDINGS = ("", "", "", "  ", "\\", " ")

line_text = st.one_of(
    st.builds(
        lambda start, words, end: start + " ".join(words) + end,
        st.sampled_from(STARTS),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=24),
        st.sampled_from(ENDINGS),
    ),
    st.sampled_from(WHOLE_LINES),
)


LIST_STARTS = ("- ", "* ", "+ ", "  - ", "    - ", "• ", "– ", "> - ", "")
short_text = st.lists(st.sampled_from(WORDS[:12]), min_size=1, max_size=6).map(" ".join)


@st.composite
def list_runs(draw: st.DrawFn) -> str:
    """Consecutive list items: bullets, numbers that may skip or repeat, pseudo-bullets."""
    count = draw(st.integers(2, 6))
    if draw(st.booleans()):
        numbers = draw(st.lists(st.integers(1, 12), min_size=count, max_size=count))
        starts = [f"{n}{draw(st.sampled_from('.)'))} " for n in numbers]
    else:
        starts = draw(st.lists(st.sampled_from(LIST_STARTS), min_size=count, max_size=count))
    return "\n".join(start + draw(short_text) for start in starts)


@st.composite
def drafts(draw: st.DrawFn) -> str:
    """A draft built from a small pool of lines and list runs, so that lines and paragraphs repeat."""
    pool = draw(st.lists(st.one_of(line_text, list_runs()), min_size=1, max_size=8))
    picks = draw(st.lists(st.integers(-2, len(pool) - 1), max_size=30))
    return "\n".join(pool[i] if i >= 0 else "" for i in picks)


lint_settings = st.builds(
    LintSettings,
    max_line_length=st.sampled_from([20, 40, 100]),
    max_code_line_length=st.sampled_from([20, 80]),
    max_heading_length=st.sampled_from([20, 80]),
)

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@dataclass(frozen=True)
class Place:
    """Where a finding starts, as an offset into its document's text."""

    rule: str
    offset: int


def _place(document: Document, finding: Finding) -> Place:
    return Place(finding.rule, document.offset(finding.line - 1, finding.column - 1))


def _old_range(fix: Fix, new_offset: int) -> tuple[int, int]:
    """The range of the old text that a new offset comes from (an edit's range if inside its text)."""
    delta = 0
    for edit in sorted(fix.edits, key=lambda e: e.start):
        new_start = edit.start + delta
        if new_offset < new_start:
            break
        if new_offset < new_start + len(edit.text):
            return edit.start, edit.end
        delta += len(edit.text) - (edit.end - edit.start)
    return new_offset - delta, new_offset - delta


def _assert_inside(document: Document, finding: Finding) -> None:
    lines = document.lines
    assert 1 <= finding.line <= finding.end_line <= len(lines), finding
    assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding
    assert 1 <= finding.end_column <= len(lines[finding.end_line - 1]) + 1, finding
    assert finding.line < finding.end_line or finding.column <= finding.end_column, finding
    assert all(1 <= line <= len(lines) for line in finding.related), finding


def _assert_fix_applies(document: Document, fix: Fix) -> str:
    assert fix.version == document.version
    assert fix.edits, fix
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    for edit in edits:
        assert 0 <= edit.start <= edit.end <= len(document.text), edit
    for before, after in pairwise(edits):
        assert before.end <= after.start, (before, after)
    return apply_edits(document.text, fix.edits)


@PROPERTY_SETTINGS
@given(text=drafts(), lint_settings=lint_settings)
def test_findings_lie_inside_the_document(text: str, lint_settings: LintSettings) -> None:
    document = Document(text)
    for finding in lint(document, lint_settings):
        _assert_inside(document, finding)
        assert finding.rule in {rule.id for rule in RULES}
        if finding.fix is not None:
            _assert_fix_applies(document, finding.fix)


@PROPERTY_SETTINGS
@given(text=drafts(), lint_settings=lint_settings, data=st.data())
def test_a_fix_leaves_no_finding_of_its_rule_where_it_applied(
    text: str, lint_settings: LintSettings, data: st.DataObject
) -> None:
    document = Document(text)
    fixable = [f for f in lint(document, lint_settings) if f.fix is not None and f.fix.safe]
    if not fixable:
        return
    finding = data.draw(st.sampled_from(fixable), label="finding")
    assert finding.fix is not None
    fixed = Document(_assert_fix_applies(document, finding.fix))
    where = _place(document, finding).offset
    for after in lint(fixed, lint_settings):
        _assert_inside(fixed, after)
        if after.rule != finding.rule:
            continue
        start, end = _old_range(finding.fix, _place(fixed, after).offset)
        repaired = start <= where <= end if start != end else start == where
        assert not repaired, (finding, after, fixed.text)
