"""Properties of the repetition rules on generated drafts full of repeats (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.document import Document
from editor.core.lint import Finding, apply_fixes, lint

RULES = frozenset({"duplicate-paragraph", "near-duplicate-paragraph", "repeated-passage"})
SENTENCES = (
    "The release notes explain every change that readers will notice this week.",
    "Upgrading takes a minute: run the installer again and restart the editor.",
    "No one praises the API that works or the system that scales under pressure.",
    "The exporter keeps tables as tables and wraps long code lines for phones.",
    "Thanks for reading!",
    "TBD",
)
PIECES = st.sampled_from(SENTENCES)
LINE = st.lists(PIECES, min_size=1, max_size=3).map(" ".join)
PREFIX = st.sampled_from(("", "", "- ", "1. ", "> ", "• "))
BLOCK = st.lists(st.tuples(PREFIX, LINE).map("".join), min_size=1, max_size=4).map("\n".join)
DRAFT = st.lists(BLOCK, min_size=1, max_size=8).map("\n\n".join)


def repetition(text: str) -> list[Finding]:
    return [f for f in lint(Document(text)) if f.rule in RULES]


@settings(max_examples=60, deadline=None)
@given(DRAFT)
def test_findings_stay_inside_the_document_and_point_backwards(text: str) -> None:
    lines = text.split("\n")
    for finding in repetition(text):
        assert 1 <= finding.line <= finding.end_line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        assert 1 <= finding.end_column <= len(lines[finding.end_line - 1]) + 1
        assert finding.related and all(1 <= line <= finding.end_line for line in finding.related)
        assert finding.related[0] <= finding.line


@settings(max_examples=60, deadline=None)
@given(DRAFT)
def test_fixing_again_and_again_shortens_the_draft_until_no_exact_copy_is_left(text: str) -> None:
    for _ in range(20):
        findings = repetition(text)
        fixed, applied = apply_fixes(Document(text), findings)
        if not applied:
            break
        assert len(fixed) < len(text)
        text = fixed
    assert not [f for f in repetition(text) if f.fix is not None and f.fix.safe]
