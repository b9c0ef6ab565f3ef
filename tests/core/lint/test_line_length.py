"""The line-length rules as a writer meets them: widths, places, messages and the rewrap fix."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import Finding, apply_fixes, lint, lint_parsed
from editor.core.lint.width import display_width
from editor.core.markdown import MarkdownParser
from editor.core.render import render_text
from tests.core.lint.test_properties import drafts

CORPUS = Path("/work/shared/corpus/twir")
FIXTURES = Path(__file__).parents[2] / "fixtures" / "lint"
MARKER = re.compile(r"[ \t]?\{([a-z][a-z-]*)(?::([+-]\d+))?\}")
RULES = ("overlong-line", "overlong-code-line", "overlong-heading")


def findings(text: str, rule: str = "overlong-line", **limits: int) -> list[Finding]:
    return [f for f in lint(Document(text), LintSettings(**limits)) if f.rule == rule]


def normalized_html(text: str) -> str:
    return " ".join(render_text(text).html.split())


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("plain ascii", 11),
        ("日本語", 6),
        ("Ｆｕｌｌ", 8),
        ("e\u0301", 1),  # combining acute accent
        ("👨\u200d👩\u200d👧", 2),  # ZWJ family: one picture
        ("❤\ufe0f", 2),  # VS16 turns a narrow symbol into an emoji
        ("👍🏽", 2),  # skin-tone modifier
        ("🇯🇵", 2),  # flag: two regional indicators
        ("1\ufe0f\u20e3", 2),  # keycap
        ("a\tb", 5),  # tab to the next stop of four
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_finding_spans_from_the_limit_to_the_end_of_the_line() -> None:
    line = "word " * 30
    [finding] = findings(line.rstrip(), max_line_length=100)
    assert (finding.line, finding.column, finding.end_line) == (1, 101, 1)
    assert finding.end_column == len(line.rstrip()) + 1
    assert finding.family == "line-length" and finding.severity == "warning"


def test_columns_count_characters_but_the_limit_counts_display_columns() -> None:
    line = "日本語 " * 20  # 20 x 4 characters, 20 x 7 columns
    [finding] = findings(line.rstrip(), max_line_length=100)
    assert finding.column == 58  # 14 groups of 7 columns = 98; the next group's second character
    assert "139 columns wide (limit 100)" in finding.message


def test_message_says_what_the_reader_sees() -> None:
    [finding] = findings("x " * 70, max_line_length=100)
    assert finding.message == (
        "This line is 139 columns wide (limit 100); it will wrap unevenly in plain-text mail "
        "and narrow windows."
    )
    [code] = findings("```\n" + "x" * 90 + "\n```", "overlong-code-line")
    assert code.message.startswith("This code line is 90 columns wide (limit 80); code does not wrap")
    [heading] = findings("# " + "word " * 20, "overlong-heading")
    assert heading.message.startswith("This heading is 101 columns wide (limit 80)")


def test_limits_come_from_settings() -> None:
    text = "word " * 15  # 74 columns once stripped
    assert findings(text, max_line_length=100) == []
    assert len(findings(text, max_line_length=60)) == 1


def test_no_fix_for_code_headings_or_cjk_without_spaces() -> None:
    assert findings("```\n" + "x " * 50 + "\n```", "overlong-code-line")[0].fix is None
    assert findings("# " + "word " * 20, "overlong-heading")[0].fix is None
    [cjk] = findings("日本語の文章" * 10, max_line_length=40)
    assert cjk.fix is None  # a line break between CJK characters would show as a space


def test_fix_applies_to_the_whole_paragraph_once() -> None:
    text = ("long words " * 12 + "\n") * 3 + "\nnext paragraph\n"
    found = findings(text)
    assert len(found) == 3 and len({f.fix for f in found}) == 1
    fixed, applied = apply_fixes(Document(text), found)
    assert len(applied) == 1
    assert findings(fixed) == []
    assert all(display_width(line) <= 100 for line in fixed.split("\n"))


def test_a_report_without_fixes_lists_the_same_findings() -> None:
    text = ("long words " * 12 + "\n") * 3 + "\n- a\n* b\n"
    parsed = MarkdownParser().parse(Document(text))
    with_fixes = lint_parsed(parsed, LintSettings())
    without = lint_parsed(parsed, LintSettings(), fixes=False)
    assert any(finding.fix for finding in with_fixes)
    assert without == [replace(finding, fix=None) for finding in with_fixes]


def _fixture_texts() -> list[tuple[str, str]]:
    return [
        (path.stem, MARKER.sub("", path.read_text(encoding="utf-8")))
        for path in sorted(FIXTURES.glob("line-length-*.md"))
        if not path.name.endswith(".fixed.md")
    ]


@pytest.mark.parametrize(("name", "text"), _fixture_texts(), ids=lambda v: v if "\n" not in v else "")
@pytest.mark.parametrize("limit", [30, 50, 80])
def test_rewrap_never_changes_the_rendered_html(name: str, text: str, limit: int) -> None:
    found = findings(text, max_line_length=limit)
    fixed, applied = apply_fixes(Document(text), found)
    assert applied or not any(f.fix for f in found)
    assert normalized_html(fixed) == normalized_html(text)
    assert all(f.fix is None for f in findings(fixed, max_line_length=limit))  # only unfixable lines left


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not available")
def test_rewrap_of_the_corpus_renders_the_same_and_leaves_no_fixable_line() -> None:
    for path in sorted(CORPUS.glob("*.md"))[:12]:
        text = path.read_text(encoding="utf-8")
        found = findings(text, max_line_length=80)
        fixed, applied = apply_fixes(Document(text), found)
        assert applied, path.name
        assert normalized_html(fixed) == normalized_html(text), path.name
        assert [f for f in findings(fixed, max_line_length=80) if f.fix is not None] == [], path.name


def test_rules_are_registered_in_their_family() -> None:
    from editor.core.lint import RULES as REGISTERED

    ours = {rule.id: rule for rule in REGISTERED if rule.family == "line-length"}
    assert tuple(ours) == RULES
    assert all(rule.severity == "warning" and rule.description for rule in ours.values())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=drafts(), limit=st.sampled_from([20, 40, 100]))
def test_rewrap_of_any_draft_renders_the_same(text: str, limit: int) -> None:
    found = findings(text, max_line_length=limit)
    fixed, _ = apply_fixes(Document(text), found)
    assert normalized_html(fixed) == normalized_html(text)
