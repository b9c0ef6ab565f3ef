"""The repetition rules on the scraped seed, on small drafts, and their fixes and caching."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import Finding, apply_fixes, lint, repetition_units

SHARED = Path(__file__).resolve().parents[4] / "shared"
SEED = SHARED / "samples" / "000_851cad3446e524f9.txt"
FAMILY = "repetition"

# (first line, last line) of each later copy in the seed -> the earlier copy, 1-based.
SEED_PASSAGES = {
    (9, 15): (2, 8),
    (22, 27): (16, 21),
    (32, 35): (28, 31),
    (41, 45): (36, 40),
    (53, 59): (46, 52),
    (65, 69): (60, 64),
}


def repetition(text: str, settings: LintSettings | None = None) -> list[Finding]:
    return [f for f in lint(Document.from_source(text), settings) if f.family == FAMILY]


def paragraphs(*texts: str) -> str:
    return "\n\n".join(texts) + "\n"


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("the shared seed sample is not available")
    return Document.from_source(SEED.read_text(encoding="utf-8")).text


def test_seed_reports_each_of_the_six_passages_once_with_the_earlier_copy(seed: str) -> None:
    findings = repetition(seed)
    got = {(f.line, f.end_line): (f.related[0], f.related[-1]) for f in findings}
    assert got == SEED_PASSAGES
    assert {f.rule for f in findings} == {"repeated-passage"}
    for finding in findings:
        assert finding.related == tuple(range(finding.related[0], finding.related[-1] + 1))
        assert f"(lines {finding.line}–{finding.end_line})" in finding.message


def test_seed_repeated_list_items_are_one_finding_a_writer_understands(seed: str) -> None:
    (finding,) = [f for f in repetition(seed) if f.line == 65]
    assert "list items" in finding.message
    assert "items 1–3 of the same list" in finding.message


def test_seed_fixes_leave_one_copy_of_each_passage_and_nothing_to_report(seed: str) -> None:
    document = Document(seed)
    findings = repetition(seed)
    assert all(f.fix is not None and f.fix.safe for f in findings)
    fixed, applied = apply_fixes(document, findings)
    lines = seed.split("\n")
    dropped = {n for first, last in SEED_PASSAGES for n in range(first, last + 1)}
    expected = "\n".join(line for n, line in enumerate(lines, start=1) if n not in dropped)
    assert len(applied) == 6
    assert fixed == expected
    assert repetition(fixed) == []


LIGHT = (
    "The preview is rendered on the server instead of the client, so the first paint arrives quickly "
    "even on slow phones and the page stays usable while images load in the background."
)
LIGHT_EDITED = LIGHT.replace("instead of the client", "rather than on the client")
BUILD = (
    "Our build servers compile every pull request twice, once with the stable toolchain and once with "
    "nightly, and publish both test reports on the dashboard before anyone reviews the change."
)
BUILD_REWORDED = (
    "Every pull request is compiled twice by our build servers, with the stable toolchain and again "
    "with nightly, and both test reports are published on the dashboard before anyone reviews it."
)
EXPORT = (
    "The exporter inlines every style into the HTML, because most mail clients drop style sheets; the "
    "result looks the same in Gmail, Outlook and Apple Mail as it does in the preview."
)
EXPORT_TOPIC = (
    "The exporter also handles dark mode: mail clients that support it get a second palette, chosen by "
    "a media query, and those that do not simply keep the light one from the preview."
)


def test_a_lightly_reworded_copy_is_a_warning_whose_fix_is_only_offered() -> None:
    (finding,) = repetition(paragraphs(LIGHT, EXPORT, LIGHT_EDITED))
    assert (finding.rule, finding.severity, finding.line, finding.related) == (
        "near-duplicate-paragraph",
        "warning",
        5,
        (1,),
    )
    assert finding.fix is not None and not finding.fix.safe
    fixed, _ = apply_fixes(Document(paragraphs(LIGHT, EXPORT, LIGHT_EDITED)), [finding])
    assert LIGHT_EDITED in fixed  # lint --fix leaves an unsafe fix alone


def test_a_heavy_rewording_is_only_information() -> None:
    (finding,) = repetition(paragraphs(BUILD, EXPORT, BUILD_REWORDED))
    assert (finding.rule, finding.severity, finding.line) == ("near-duplicate-paragraph", "info", 5)
    assert "may be a reworded copy" in finding.message


def test_paragraphs_that_share_a_topic_are_not_copies() -> None:
    assert repetition(paragraphs(EXPORT, LIGHT, EXPORT_TOPIC, BUILD)) == []


def test_the_near_duplicate_threshold_comes_from_the_settings() -> None:
    text = paragraphs(LIGHT, EXPORT, LIGHT_EDITED)
    strict = repetition(text, LintSettings(near_duplicate_threshold=0.95))
    assert [(f.line, f.severity) for f in strict] == [(5, "info")]  # still alike, no longer a sure copy


def test_rules_can_be_turned_off_one_by_one() -> None:
    text = paragraphs(LIGHT, EXPORT, LIGHT)
    assert [f.rule for f in repetition(text)] == ["duplicate-paragraph"]
    assert repetition(text, LintSettings(disable=frozenset({"duplicate-paragraph"}))) == []


def test_front_matter_and_pelican_headers_are_not_prose() -> None:
    summary = "The new exporter writes email-safe HTML with every style inlined, for all mail clients."
    yaml = f"---\ntitle: Issue 42\nsummary: {summary}\n---\n\nsummary: {summary}\n"
    pelican = f"Title: Issue 42\nSummary: {summary}\n\nSummary: {summary}\n"
    assert repetition(yaml) == []
    assert repetition(pelican) == []


def test_a_copy_whose_links_differ_is_reported_but_not_deleted_by_lint_fix() -> None:
    text = (
        "* 2026-06-16 | San Francisco, CA, US | [Rust Study Group](https://example.com/a)\n"
        "* 2026-06-17 | Oakland, CA, US | [Rust Oakland](https://example.com/c)\n"
        "* 2026-06-16 | San Francisco, CA, US | [Rust Study Group](https://example.com/b)\n"
    )
    (finding,) = repetition(text)
    assert (finding.rule, finding.line, finding.related) == ("duplicate-paragraph", 3, (1,))
    assert "only links or formatting differ" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_cjk_paragraphs_are_compared_by_character_pairs() -> None:
    text = paragraphs(
        "预览在服务器上渲染，所以即使在很慢的手机上第一次绘制也很快。",
        "另一段。",
        "预览在服务器上渲染，所以即使在很慢的手机上第一次绘制也很快。",
    )
    assert [(f.rule, f.line) for f in repetition(text)] == [("duplicate-paragraph", 5)]


def test_editing_one_paragraph_fingerprints_only_that_block_again() -> None:
    blocks = [
        f"Paragraph {n} talks about release {n} and what changed in it for the readers." for n in range(50)
    ]
    before = paragraphs(*blocks)
    repetition(before)
    misses = repetition_units.CACHE.misses
    blocks[25] = blocks[25].replace("readers", "writers")
    repetition(paragraphs(*blocks))
    assert repetition_units.CACHE.misses - misses == 1


def test_a_link_target_with_parentheses_or_brackets_is_not_read_as_words() -> None:
    from editor.core.lint.text_normalize import words

    assert words("See [the page](https://en.wikipedia.org/wiki/Rust_(language)) now.") == (
        "see",
        "the",
        "page",
        "now",
    )
    assert words("See [results](https://example.com/?q=[1]) now.") == ("see", "results", "now")
