"""Pathological Markdown and arbitrary text: render, export and lint finish without raising."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.export import export_text
from editor.core.lint import apply_fixes, lint
from editor.core.render import render_text

PATHOLOGICAL = {
    "10,000 nested quotes": ">" * 10_000 + " deep\n\nAfter.\n",
    "10,000 nested quotes on three lines": (">" * 10_000 + " deep\n") * 3,
    "10,000 nested bullets": "- " * 10_000 + "deep\n\nAfter.\n",
    "10,000 nested numbers": "1. " * 10_000 + "deep\n",
    "1,000 indented list levels": "".join("  " * i + "- x\n" for i in range(1_000)),
    "10,000 open divs": "<div>" * 10_000 + "\n",
    "5 MB single line of words": "word " * 1_000_000,
    "5 MB single line without spaces": "w" * 5_000_000,
    "100,000 stars": "*" * 100_000,
    "100,000 spaced stars": "* " * 50_000,
    "100,000 underscores and letters": "_a" * 50_000,
    "100,000 backticks": "`" * 100_000,
    "100,000 less-than signs": "<" * 100_000,
    "nested emphasis": "*" * 5_000 + "a" + "*" * 5_000,
    "5,000 footnotes": "".join(f"[^{i}]\n" for i in range(5_000))
    + "".join(f"[^{i}]: n\n" for i in range(5_000)),
    "a 5,000-column table": "|"
    + "a|" * 5_000
    + "\n|"
    + "-|" * 5_000
    + "\n"
    + ("|" + "b|" * 5_000 + "\n") * 5,
    "NUL and control characters": "a\0b\x01c\x1b[31m\x7f\ufeff\ufffe\n" * 100,
    "bidi, zero-width and Unicode line separators": "\u202e\u200b\u2028\u2029\U0001f600\n" * 100,
}
SLOW_LINT = {
    "100,000 open brackets": "[" * 100_000,
    "20,000 unclosed links": "[a](" * 20_000,
    "50,000 unclosed links with titles": "[a](x " * 50_000,
    "30,000 unmatched code spans": "`a ``b " * 30_000,
}


@pytest.mark.parametrize(
    "text", list(PATHOLOGICAL.values()) + list(SLOW_LINT.values()), ids=[*PATHOLOGICAL, *SLOW_LINT]
)
def test_pathological_markdown_renders_and_exports(text: str) -> None:
    html = render_text(text, source_lines=True).html
    assert isinstance(html, str)
    assert "<script" not in export_text(text, "html")


def test_text_after_deep_nesting_is_still_shown() -> None:
    html = render_text(">" * 10_000 + " deep\n\nAfter the quotes.\n").html
    assert "After the quotes." in html


@pytest.mark.slow
@pytest.mark.parametrize("text", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_pathological_markdown_lints(text: str) -> None:
    document = Document.from_source(text)
    for finding in lint(document, LintSettings()):
        assert 1 <= finding.line <= finding.end_line <= len(document.lines)


@pytest.mark.slow
@pytest.mark.parametrize("text", list(SLOW_LINT.values()), ids=list(SLOW_LINT))
def test_pathological_brackets_lint(text: str) -> None:
    assert isinstance(lint(Document.from_source(text), LintSettings()), list)


MARKDOWNISH = st.text(
    st.sampled_from("ab \n\r\t>-*_+`#[]()!<>|:\\&;=\"'/1.\u2022\u00e9\u4e16\0"), max_size=300
)


@given(MARKDOWNISH)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_render_never_raises(text: str) -> None:
    render_text(text, source_lines=True)


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_render_never_raises_for_any_unicode(text: str) -> None:
    render_text(text, source_lines=True)


@given(MARKDOWNISH)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_lint_never_raises_and_findings_lie_inside_the_document(text: str) -> None:
    document = Document.from_source(text)
    for finding in lint(document, LintSettings()):
        assert 1 <= finding.line <= finding.end_line <= len(document.lines)
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(document.text)
    text_after, _ = apply_fixes(document, lint(document, LintSettings()))
    assert isinstance(text_after, str)


@given(MARKDOWNISH)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_each_fix_applies_cleanly_and_adds_no_finding_of_its_rule(text: str) -> None:
    document = Document.from_source(text)
    findings = lint(document, LintSettings())
    for finding in findings:
        if finding.fix is None or not finding.fix.safe:
            continue
        fixed, applied = apply_fixes(document, [finding])
        assert applied == [finding]
        before = sum(1 for f in findings if f.rule == finding.rule)
        after = sum(1 for f in lint(Document.from_source(fixed), LintSettings()) if f.rule == finding.rule)
        assert after <= before, (finding.rule, fixed)
