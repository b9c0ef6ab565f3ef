"""The quick inline tokens of plain one-line paragraphs are markdown-it's own, or not given at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from editor.core.document import Document
from editor.core.inline_deferred import inline_children, inline_html, inline_outline
from editor.core.markdown import MarkdownParser, create_markdown
from editor.core.render import Renderer, create_render_markdown
from editor.core.seed import seeded_parse
from editor.core.simple_inline import full_inline_tokens, simple_inline_html, simple_inline_tokens
from tests.shared import CORPUS, SEED, needs_corpus, needs_seed

MD = create_markdown()
RENDER_MD = create_render_markdown()


def _full_agrees(source: str, env: dict[str, object] | None = None) -> bool:
    """Whether the quick path took *source*; when it did, its tokens equal the inline parser's, field
    for field (link targets, levels, markup)."""
    quick = full_inline_tokens(source, MD)
    if quick is not None:
        parsed: list = []  # type: ignore[type-arg]
        MD.inline.parse(source, MD, env if env is not None else {}, parsed)
        assert quick == parsed, source
    return quick is not None


def _html_agrees(source: str, env: dict[str, object] | None = None) -> bool:
    """Whether the quick HTML took *source*; when it did, it is what markdown-it renders of the
    inline tokens a full parse gives it (the core rules after the inline parse included)."""
    quick = simple_inline_html(source, RENDER_MD)
    if quick is not None:
        (inline,) = RENDER_MD.parseInline(source, env if env is not None else {})
        assert quick == RENDER_MD.renderer.renderInline(
            inline.children or [], RENDER_MD.options, env or {}
        ), source
    return quick is not None


def _outline(tokens: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(token.type, token.content) for token in tokens]


def _markdown_it(source: str) -> list[tuple[str, str]]:
    (inline,) = MD.parseInline(source)
    return _outline(inline.children or [])


def _assert_agrees(source: str) -> bool:
    """Whether the quick path took *source*; when it did, it gave markdown-it's tokens."""
    quick = simple_inline_tokens(source)
    if quick is not None:
        assert _outline(quick) == _markdown_it(source), source
    return quick is not None


def _corpus_one_line_inlines(md: MarkdownIt) -> Iterator[tuple[Token, dict[str, object]]]:
    """Every one-line paragraph's inline token of the corpus and the seed sample, parsed by *md*
    in full, with its draft's env."""
    for path in [*sorted(CORPUS.glob("*.md")), SEED]:
        env: dict[str, object] = {}
        for token in md.parse(path.read_text(encoding="utf-8"), env):
            if token.type == "inline" and "\n" not in token.content:
                yield token, env


@needs_corpus
@needs_seed
def test_every_paragraph_of_the_corpus_comes_out_as_markdown_it_makes_it() -> None:
    taken = total = 0
    for token, _ in _corpus_one_line_inlines(MD):
        total += 1
        quick = simple_inline_tokens(token.content)
        if quick is not None:
            taken += 1
            assert _outline(quick) == _outline(token.children or []), token.content
    assert taken > 0.7 * total  # the newsletter's link items do take the quick path


@pytest.mark.parametrize(
    "source",
    [
        "Plain words, with commas (and brackets) / slashes - dashes | bars.",
        "2025-11-23 | Virtual (Dallas, TX, US) | [Dallas Rust User Meetup](https://www.meetup.com/dallasrust)",
        "[**Rust Hack and Learn**](https://www.meetup.com/rust-berlin/events/308455932/)",
        "[`fix(diag)`: Gate `blanket_hint` with -Zprofile](https://github.com/rust-lang/cargo/pull/17313)",
        "[**`Vec` and friends**](https://example.com/x) by someone",
        "Ends with a link: [here](https://example.com/y)",
        "Émilie: déjà vu!",
        'She said "ship it" (twice)',  # (quotes come out as &quot;)
    ],
)
def test_the_common_shapes_take_the_quick_path(source: str) -> None:
    assert _assert_agrees(source)
    assert _full_agrees(source)
    assert _html_agrees(source)


@pytest.mark.parametrize(
    "source",
    [
        "see crates.io for more",  # linkify makes a link of a name with a known ending
        "go to https://example.com now",
        "mail someone@example.com",
        "*emphasis* here",
        "snake_case name",
        "a \\* escape",
        "an &amp; entity",
        "<b>html</b>",
        "![image](https://example.com/a.png)",
        "[label](/relative)",
        "[label](javascript:alert(1))",
        '[label](https://example.com "title")',
        "[ref] and [text][ref]",
        "``double `tick``",
        "`a``b`",
        "` spaced `",
        "[** spaced**](https://example.com)",
        "[a **b**](https://example.com)",
        "a note[^1]",
        "two\nlines",
        "~~strike~~",
        "see //localhost now",  # linkify's scheme-less "//" link
        "[a](https://x\x01y)",  # a control character ends a link target
    ],
)
def test_anything_else_is_left_to_markdown_it(source: str) -> None:
    assert not _assert_agrees(source)
    assert not _full_agrees(source)
    assert not _html_agrees(source)


def test_a_target_with_an_entity_is_left_to_markdown_it_which_decodes_it() -> None:
    source = "[label](https://example.com/?a=1&amp;b=2)"
    assert _assert_agrees(source)  # (the checks read no targets)
    assert not _full_agrees(source)
    assert not _html_agrees(source)


PIECES = (
    "word",
    "Word",
    " ",
    ".",
    ". ",
    ":",
    ": ",
    "!",
    "(",
    ")",
    "-",
    "|",
    "é",
    "7",
    "`code`",
    "`",
    "``",
    "*",
    "**",
    "_",
    "[",
    "]",
    "](https://example.com/a)",
    "(https://example.com/b)",
    "[text](https://example.com/c)",
    "[**text**](https://example.com/d)",
    "https://",
    "www.",
    "a.rs",
    "//",
    "/",
    "localhost",
    "\x01",
    "@",
    "\\",
    "&",
    "<",
    "~",
    "^",
)


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join))
def test_generated_near_misses_agree_or_are_left_alone(source: str) -> None:
    _assert_agrees(source.strip())
    _full_agrees(source.strip())
    _html_agrees(source.strip())


@needs_corpus
@needs_seed
def test_every_one_line_paragraph_of_the_corpus_gets_the_inline_parsers_tokens_field_for_field() -> None:
    taken = total = 0
    for token, env in _corpus_one_line_inlines(MD):
        total += 1
        taken += _full_agrees(token.content, env)
    assert taken > 0.7 * total


def test_a_deferred_parse_keeps_its_pending_tokens_for_whoever_needs_them_all() -> None:
    parsed = MarkdownParser().parse_deferring_inline(Document("- [a](https://example.com/a)\n- b\n- c\n"))
    inline = next(token for token in parsed.blocks[0].tokens if token.type == "inline")
    assert _outline(inline_outline(inline)) == [("link_open", ""), ("text", "a"), ("link_close", "")]
    assert inline.children is None  # the full parse (with link targets) is still to come


@needs_corpus
@needs_seed
def test_every_one_line_paragraph_of_the_corpus_renders_as_markdown_it_renders_it() -> None:
    taken = total = 0
    for token, env in _corpus_one_line_inlines(RENDER_MD):
        total += 1
        quick = simple_inline_html(token.content, RENDER_MD)
        if quick is not None:
            taken += 1
            expected = RENDER_MD.renderer.renderInline(token.children or [], RENDER_MD.options, env)
            assert quick == expected, token.content
    assert taken > 0.7 * total


def test_a_render_makes_plain_paragraphs_html_without_their_tokens_and_leaves_them_to_come() -> None:
    text = "- [**a `b`**](https://example.com/a)\n- b, c (d)\n\nSome *emphasis*.\n"
    parsed = seeded_parse(MarkdownParser(RENDER_MD), Document(text), defer_inline=True)
    html = Renderer(RENDER_MD).render(parsed, source_lines=False).html
    assert html == RENDER_MD.render(text)
    inlines = [token for block in parsed.blocks for token in block.tokens if token.type == "inline"]
    assert [inline_html(token) is not None for token in inlines] == [True, True, False]
    assert [token.children is None for token in inlines] == [True, True, False]  # (the emphasis was parsed)
    assert [t.type for t in inline_children(inlines[0])][:3] == ["link_open", "text", "strong_open"]
