"""Parsing with inline tokens deferred gives exactly what a full parse gives, once they are asked for."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.common import normalize_url
from markdown_it.token import Token

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.inline_deferred import inline_children
from editor.core.lint import lint_parsed
from editor.core.markdown import (
    PLAIN_URL,
    MarkdownParser,
    ParsedDocument,
    create_markdown,
    skip_parser_debug_logging,
)
from tests.shared import needs_corpus, needs_seed

SHARED = Path(__file__).parents[3] / "shared"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "lint"


def _drafts() -> list[Path]:
    corpus = sorted((SHARED / "corpus" / "twir").glob("*.md"))
    samples = sorted((SHARED / "samples").glob("*.txt"))
    return [*corpus, *samples, *sorted(FIXTURES.rglob("*.md"))]


def _forced(parsed: ParsedDocument) -> list[dict[str, Any]]:
    """Every token of the document as data, inline children parsed (deferred ones now)."""
    for block in parsed.blocks:
        for token in block.tokens:
            if token.type == "inline":
                inline_children(token)
    return [token.as_dict() for block in parsed.blocks for token in block.tokens]


def _pending(parsed: ParsedDocument) -> list[Token]:
    return [t for b in parsed.blocks for t in b.tokens if t.type == "inline" and t.children is None]


def _assert_same_parse(text: str) -> None:
    document = Document.from_source(text)
    full = MarkdownParser().parse_once(document)
    deferred = MarkdownParser().parse_deferring_inline(document)
    assert [(b.kind, b.start_line, b.end_line, b.source) for b in deferred.blocks] == [
        (b.kind, b.start_line, b.end_line, b.source) for b in full.blocks
    ]
    assert _forced(deferred) == _forced(full)
    assert _without_empty_footnotes(deferred.env) == _without_empty_footnotes(full.env)


def _without_empty_footnotes(env: dict[str, Any]) -> dict[str, Any]:
    """*env* less an empty ``footnotes`` entry: the footnote plugin leaves one wherever its inline
    rule was tried, which the quick path for plain paragraphs never does; it means nothing."""
    if env.get("footnotes") == {"refs": {}, "list": {}}:
        return {key: value for key, value in env.items() if key != "footnotes"}
    return env


def _assert_same_findings(text: str) -> None:
    document = Document.from_source(text)
    full = lint_parsed(MarkdownParser().parse_once(document), LintSettings())
    deferred = lint_parsed(MarkdownParser().parse_deferring_inline(document), LintSettings())
    assert deferred == full


@pytest.mark.parametrize("path", _drafts(), ids=lambda p: p.name)
def test_deferred_parse_has_the_full_parse_tokens_and_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _assert_same_parse(text)
    _assert_same_findings(text)


@needs_corpus
def test_the_corpus_is_there() -> None:
    assert len([p for p in _drafts() if p.suffix == ".md" and "twir" in p.parts]) == 54


def test_inline_tokens_wait_until_asked_for() -> None:
    parsed = MarkdownParser().parse_deferring_inline(Document("Some *words* and [a link](/x).\n"))
    (inline,) = _pending(parsed)
    children = inline_children(inline)
    assert [t.type for t in children][:3] == ["text", "em_open", "text"]
    assert inline.children is children
    assert inline_children(inline) is children  # parsed once


@pytest.mark.parametrize(
    "text",
    [
        "A note.[^1]\n\n[^1]: The note.\n",
        "An inline note.^[Inline.]\n",
        "[^x]: defined but unused\n\ntext\n",
    ],
)
def test_drafts_with_footnotes_are_parsed_fully(text: str) -> None:
    parsed = MarkdownParser().parse_deferring_inline(Document(text))
    assert not _pending(parsed)
    _assert_same_parse(text)


def test_a_parse_of_the_window_never_defers() -> None:
    parsed = MarkdownParser().parse(Document("- [ ] task with [link](/a)\n- item\n"))
    assert not _pending(parsed)
    inlines = [t for b in parsed.blocks for t in b.tokens if t.type == "inline"]
    assert all(inline_children(t) is t.children for t in inlines)


def test_task_list_items_come_out_as_in_a_full_parse() -> None:
    text = "- [ ] open *task*\n- [x] done [link](/a)\n- [X]\tcaps\n  - [ ] nested\n- [] not a task\n"
    _assert_same_parse(text)
    parsed = MarkdownParser().parse_deferring_inline(Document(text))
    first = next(t for t in parsed.blocks[0].tokens if t.type == "inline")
    assert first.content == " open *task*"  # tasklists' change to the content is made at once
    assert inline_children(first)[0].content.startswith("<input")


# Inline pieces that exercise every inline rule and the core rules after inline parsing.
INLINE = (
    "words",
    "Word.",
    "[text](https://example.com/a)",
    "[text](https://example.com/a 'title\nover lines')",
    '[*em* text](</with space> "t")',
    "[bad](javascript:alert(1))",
    "[ctrl](<\x0bjavascript:x>)",
    "[ref]",
    "[text][ref]",
    "[missing][nope]",
    "![img](/a.png 'title')",
    "![alt *em*\nline](/b.png)",
    "`code`",
    "``co`de``",
    "<!-- note -->",
    "<!-- note\nover lines -->",
    "<b>bold</b>",
    "<a href='x'>",
    "</a>",
    "https://example.com/path?q=1",
    "http\\://example.com",
    "www.example.org",
    "user@example.com",
    "<https://auto.link/x>",
    "<mail@example.com>",
    "*em*",
    "**strong**",
    "_under_",
    "~~strike~~",
    "\\*",
    "&amp;",
    "&#x41;",
    "[^1]",
    "^[inline note]",
    "[ ] ",
    "[x] ",
    "[",
    "]",
    "(",
    "%E2%82%AC",
    "http://пример.рф/путь",
    "https://EXAMPLE.com/%zz",
    "\\",
    "  ",
)
PREFIXES = (
    "",
    "",
    "",
    "- ",
    "* ",
    "1. ",
    "  - ",
    "    ",
    "> ",
    "> - ",
    "# ",
    "- [ ] ",
    "- [x] ",
    "* [X] ",
    "[^1]: ",
    "| ",
)
WHOLE_LINES = (
    "",
    "",
    "[ref]: https://example.com/ref 'Ref title'",
    "[Ref]: <https://example.com/other>",
    "```",
    "---",
    "===",
    "| a | b |",
    "|---|---|",
    "<div>",
    "</div>",
    "Title: A draft",
)
LINE = st.one_of(
    st.sampled_from(WHOLE_LINES),
    st.builds(
        lambda prefix, pieces: prefix + " ".join(pieces),
        st.sampled_from(PREFIXES),
        st.lists(st.sampled_from(INLINE), max_size=5),
    ),
)
DRAFT = st.lists(LINE, min_size=1, max_size=20).map("\n".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFT)
def test_deferred_parse_equals_full_parse_on_generated_markdown(text: str) -> None:
    _assert_same_parse(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFT)
def test_deferred_parse_gives_the_same_findings_on_generated_markdown(text: str) -> None:
    _assert_same_findings(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_memoised_url_normalisation_is_markdown_its(url: str) -> None:
    md = create_markdown()
    for _ in range(2):  # the second call comes from the cache
        assert md.normalizeLink(url) == normalize_url.normalizeLink(url)
        assert md.normalizeLinkText(url) == normalize_url.normalizeLinkText(url)


@settings(max_examples=1000, deadline=None)
@given(st.from_regex(PLAIN_URL, fullmatch=True))
def test_urls_taken_as_they_are_are_what_markdown_it_makes_of_them(url: str) -> None:
    assert normalize_url.normalizeLink(url) == url


def test_a_host_too_long_for_markdown_it_is_left_to_it() -> None:
    url = "https://" + ".".join(["a" * 50] * 5) + ".com/page"  # 259 characters of host: mdurl drops it
    assert create_markdown().normalizeLink(url) == normalize_url.normalizeLink(url) == "https:///page"


def _markdown_it_loggers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """markdown-it's modules that log; restored after the test."""
    named = list(sys.modules.items())
    modules = [m for n, m in named if n.startswith("markdown_it.") and hasattr(m, "LOGGER")]
    for module in modules:
        monkeypatch.setattr(module, "LOGGER", module.LOGGER)
    return modules


@needs_seed
def test_skipping_debug_logging_leaves_the_parse_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    modules = _markdown_it_loggers(monkeypatch)
    text = (SHARED / "samples" / "000_851cad3446e524f9.txt").read_text(encoding="utf-8")
    before = [t.as_dict() for t in create_markdown().parse(text)]
    skip_parser_debug_logging()
    assert modules
    assert all(not isinstance(m.LOGGER, logging.Logger) for m in modules)
    assert [t.as_dict() for t in create_markdown().parse(text)] == before
    logging.getLogger("markdown_it.rules_block.paragraph").warning("still passed on")


def test_debug_logging_asked_for_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    modules = _markdown_it_loggers(monkeypatch)
    monkeypatch.setattr(logging.getLogger("markdown_it"), "level", logging.DEBUG)
    logging.getLogger("markdown_it").manager._clear_cache()  # type: ignore[attr-defined]
    skip_parser_debug_logging()
    assert all(isinstance(m.LOGGER, logging.Logger) for m in modules)
    logging.getLogger("markdown_it").manager._clear_cache()  # type: ignore[attr-defined]
