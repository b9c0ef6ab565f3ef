"""Properties of the list-balance rules on generated list-heavy drafts (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor.core.document import Document
from editor.core.lint import Finding, lint
from editor.core.lint.engine import apply_edits
from editor.core.render import render_text

FAMILY = "list-balance"

MARKERS = ["- ", "* ", "+ ", "1. ", "2. ", "3. ", "9. ", "10. ", "1) ", "-   ", "• ", "– ", "◦ "]
WORDS = ["Apples.", "pears", "Then run it.", "and more", "`code`", "[link](https://example.com)", "# Title"]


@st.composite
def lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["item", "item", "text", "blank", "fence", "quote"]))
    indent = draw(st.sampled_from(["", " ", "  ", "   ", "    ", "\t", " \t", "\t  ", "      "]))
    words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
    if kind == "item":
        return indent + draw(st.sampled_from(MARKERS)) + words
    if kind == "text":
        return indent + words
    if kind == "fence":
        return "```"
    if kind == "quote":
        return (
            draw(st.sampled_from(["> ", ">", "> > ", ">\t"]))
            + indent
            + draw(st.sampled_from(["", *MARKERS]))
            + words
        )
    return ""


drafts = st.lists(lines(), min_size=1, max_size=14).map(lambda found: "\n".join(found) + "\n")


def list_findings(text: str) -> list[Finding]:
    return [f for f in lint(Document(text)) if f.family == FAMILY]


def words(text: str) -> list[str]:
    """The words a reader sees; bare numbers left out, as a typed `1.` may rightly become a list number."""
    found = re.findall(r"\w+", re.sub(r"<[^>]+>", " ", render_text(text).html))
    return [word for word in found if not word.isdigit()]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_findings_stay_inside_the_document_and_fixes_apply(text: str) -> None:
    document = Document(text)
    for finding in list_findings(text):
        assert 1 <= finding.line <= finding.end_line <= document.line_count
        assert finding.column >= 1 and finding.end_column - 1 <= len(document.lines[finding.end_line - 1])
        if finding.fix is not None:
            apply_edits(text, finding.fix.edits)  # raises if edits overlap or leave the text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
@example("Apples.\n>  - Apples.\n>- Apples.\n")  # re-indented after a bare ">": one more space
def test_a_safe_fix_keeps_the_words_and_clears_its_finding(text: str) -> None:
    for finding in list_findings(text):
        if finding.fix is None or not finding.fix.safe:
            continue
        fixed = apply_edits(text, finding.fix.edits)
        if "as a code block" not in finding.message:  # code shown raw becomes the list it was meant to be
            assert words(fixed) == words(text), finding
        again = {(f.rule, f.line) for f in list_findings(fixed)}
        assert (finding.rule, finding.line) not in again or finding.rule == "loose-tight-mix", finding
