"""Linting successive versions with one memo gives exactly the findings of a fresh lint of each.

The live worker keeps one parser and one ``LintMemo`` per draft and lints every
version with them; whatever the rules remember between runs (per-block reports,
fingerprints, indexes) must never change a finding, a message or a fix. The drafts
are corpus text mixed with lines that stress the rules (long lines, pseudo-bullets,
lists, references, fences), edited by typing, deleting, pressing Enter, pasting a
stretch twice and changing the limits.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import lint_parsed
from editor.core.lint.model import LintMemo
from editor.core.lint.repetition_join import joined_units
from editor.core.lint.repetition_units import document_units
from editor.core.markdown import MarkdownParser
from tests.shared import needs_corpus

CORPUS = Path(__file__).parents[4] / "shared" / "corpus" / "twir"

LONG = "word " * 30
STRESS = (
    "",
    "",
    "",
    f"A long prose line that goes on {LONG}and on.",
    f"- a long item {LONG}end",
    f"    code {LONG}",
    "```",
    f"# A long heading {LONG}",
    "• pseudo bullet one",
    "• pseudo bullet two",
    "– dash item",
    "- item one of a list here",
    "* another marker item",
    "1. first ordered item",
    "3. skipped number item",
    "  - nested a bit",
    "lazy line folded into the item",
    "[ref]: https://example.com/a",
    f"see [ref] and [other][ref] {LONG}",
    "[ref] " * 25,  # only links while [ref] is defined: not reported then
    "[ref]: https://example.com/b",
    "> quoted text that goes on",
    "<!-- a comment -->",
    "| a | b |",
    "|---|---|",
    "This sentence is repeated for the checks to find twice. It has enough words in it.",
    "宽字符的中文句子也应该被检查到底有没有太长了这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长",
)


def _corpus_paragraphs() -> list[str]:
    chunks: list[str] = []
    for path in sorted(CORPUS.glob("*.md"))[::9]:
        text = path.read_text(encoding="utf-8")
        chunks.extend(chunk for chunk in text.split("\n\n") if chunk.strip())
    return chunks or ["plain text"]


CHUNKS = _corpus_paragraphs()
PIECE = st.one_of(st.sampled_from(CHUNKS), st.sampled_from(STRESS))
TEXT = st.lists(PIECE, min_size=1, max_size=25).map("\n\n".join)
TYPED = st.sampled_from(
    ["x", " ", "\n", "\n\n", ".", "word ", "- ", "1. ", "• ", "`", "[", "](x)", "# ", ">", "[ref]: /y\n"]
)


@st.composite
def _edit(draw: st.DrawFn, text: str) -> str:
    """One edit of *text*: type, delete, paste a stretch twice, or insert a stress line."""
    kind = draw(st.sampled_from(["type", "type", "delete", "paste", "line"]))
    at = draw(st.integers(0, len(text)))
    if kind == "type":
        return text[:at] + draw(TYPED) + text[at:]
    if kind == "delete":
        return text[:at] + text[at + draw(st.integers(1, 40)) :]
    if kind == "paste":
        start = draw(st.integers(0, len(text)))
        piece = text[start : start + draw(st.integers(1, 400))]
        return text[:at] + piece + text[at:]
    line_start = text.rfind("\n", 0, at) + 1
    return text[:line_start] + draw(st.sampled_from(STRESS)) + "\n" + text[line_start:]


@st.composite
def _versions(draw: st.DrawFn) -> list[tuple[str, int]]:
    text = draw(TEXT)
    versions = [(text, 100)]
    for _ in range(draw(st.integers(1, 6))):
        for _ in range(draw(st.integers(1, 2))):  # the worker lints only the newest of quick edits
            text = draw(_edit(text))
        versions.append((text, draw(st.sampled_from([100, 100, 100, 60]))))
    return versions


def _fresh(text: str, version: int, settings: LintSettings) -> list[object]:
    parsed = MarkdownParser().parse(Document(text, version=version))
    return list(lint_parsed(parsed, settings, memo=LintMemo()))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_versions())
def test_one_memo_across_versions_gives_the_findings_of_fresh_lints(versions: list[tuple[str, int]]) -> None:
    parser, memo = MarkdownParser(), LintMemo()
    for version, (text, limit) in enumerate(versions):
        lint_settings = replace(LintSettings(), max_line_length=limit, max_code_line_length=limit - 20)
        parsed = parser.parse(Document(text, version=version))
        kept = lint_parsed(parsed, lint_settings, memo=memo)
        assert kept == _fresh(text, version, lint_settings)


@needs_corpus
def test_typing_through_a_corpus_issue_keeps_findings_exact() -> None:
    """A whole issue, typed into at its end and in its middle, key by key."""
    path = sorted(CORPUS.glob("*.md"))[5]
    text = path.read_text(encoding="utf-8") + "\n\n" + CHUNKS[3] + "\n\n" + CHUNKS[3] + "\n"
    parser, memo, lint_settings = MarkdownParser(), LintMemo(), LintSettings()
    middle = text.find("\n", len(text) // 2)
    for version, char in enumerate("Typing, a new sentence here.\n- item\n"):
        text = text[:middle] + char + text[middle:]
        middle += 1
        parsed = parser.parse(Document(text, version=version))
        assert lint_parsed(parsed, lint_settings, memo=memo) == _fresh(text, version, lint_settings)


def test_defining_a_reference_changes_the_findings_of_unchanged_blocks() -> None:
    """Whether ``[ref]`` is a link (and a line of links is exempt) depends on a definition elsewhere."""
    links = "[ref] " * 25
    defined = f"{links}\n\nText.\n\n[ref]: https://example.com\n"
    texts = [f"{links}\n\nText.\n", defined, f"{links}\n\nText.\n"]
    parser, memo, lint_settings = MarkdownParser(), LintMemo(), LintSettings()
    found = []
    for version, text in enumerate(texts):
        parsed = parser.parse(Document(text, version=version))
        found.append(lint_parsed(parsed, lint_settings, memo=memo))
        assert found[-1] == _fresh(text, version, lint_settings)
    assert found[0] and not found[1] and found[2]


def test_a_line_put_between_two_copies_ends_the_passage_there() -> None:
    """A new sentence inside the earlier copy splits the repeated passage (and removing it joins it)."""
    passage = [
        "The first line of the passage says something here.",
        "The second line of the passage adds a little more.",
        "The third line of the passage ends the whole thing.",
    ]
    joined = "\n".join([*passage, *passage]) + "\n"
    split = "\n".join([*passage[:2], "An entirely new remark stands in between now.", *passage[2:], *passage])
    parser, memo, lint_settings = MarkdownParser(), LintMemo(), LintSettings()
    counts = []
    for version, text in enumerate([joined, split + "\n", joined]):
        found = lint_parsed(parser.parse(Document(text, version=version)), lint_settings, memo=memo)
        assert found == _fresh(text, version, lint_settings)
        counts.append(sum(1 for finding in found if finding.rule == "repeated-passage"))
    assert counts == [1, 2, 1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_versions())
def test_units_joined_after_an_edit_equal_units_joined_from_scratch(versions: list[tuple[str, int]]) -> None:
    parser, last = MarkdownParser(), None
    for version, (text, _) in enumerate(versions):
        last = joined_units(parser.parse(Document(text, version=version)), last)
        assert last.units == document_units(MarkdownParser().parse(Document(text, version=version)))


def test_blocks_moved_by_different_numbers_of_lines_are_joined_again() -> None:
    """Blank lines put between unchanged blocks move those after them by different amounts."""
    blocks = [f"Paragraph {name} has a sentence of its own here." for name in "ABCD"]
    before = "\n\n".join(blocks) + "\n"
    after = "\n\n".join(blocks[:2]) + "\n\n\n" + blocks[2] + "\n\n\n\n" + blocks[3] + "\n"
    parser = MarkdownParser()
    last = joined_units(parser.parse(Document(before)))
    now = joined_units(parser.parse(Document(after, version=1)), last)
    assert now.units == document_units(MarkdownParser().parse(Document(after, version=1)))


def test_an_indented_reference_after_a_list_changes_its_fix_with_a_memo_too() -> None:
    memo = LintMemo()
    before = "Intro text here\n• alpha\n• beta\n\n[x]: /u\n"
    after = "Intro text here\n• alpha\n• beta\n\n   [x]: /u\n"
    lint_parsed(MarkdownParser().parse(Document(before, version=1)), LintSettings(), memo=memo)
    kept = lint_parsed(MarkdownParser().parse(Document(after, version=2)), LintSettings(), memo=memo)
    fresh = lint_parsed(MarkdownParser().parse(Document(after, version=2)), LintSettings())
    assert [(f.rule, f.fix.safe if f.fix else None) for f in kept] == [
        (f.rule, f.fix.safe if f.fix else None) for f in fresh
    ]
