"""The gated linkify rule makes exactly the links markdown-it's own rule makes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_core import linkify
from markdown_it.token import Token

from editor.core.linkify_gate import MAY_HOLD_LINK, may_hold_link
from editor.core.markdown import create_markdown
from tests.shared import CORPUS, SEED, needs_corpus, needs_seed

GATED = create_markdown()
PLAIN = create_markdown()
PLAIN.core.ruler.at("linkify", linkify)  # markdown-it's rule as it comes

# Text made of what links are made of, and of what merely looks like them.
PIECES = st.sampled_from(
    [
        "http", "https", "ftp", "mailto", ":", "//", "/", "@", ".", "www", "localhost", "example",
        "com", "org", "io", "rs", "1", "192", " ", "\n", "-", "_", "(", ")", "[", "]", "<", ">",
        "a", "Z", "é", "рф", "。", "e.g", "v1.2", "WWW", "HTTPS", "`", "*", "\\",
    ]
)  # fmt: skip
TEXT = st.lists(PIECES, max_size=30).map("".join)


@given(TEXT)
@settings(max_examples=3000)
def test_whatever_linkify_it_finds_holds_what_the_gate_looks_for(text: str) -> None:
    if GATED.linkify.test(text):
        assert MAY_HOLD_LINK.search(text), text


@given(
    st.lists(
        st.one_of(TEXT, st.sampled_from(["[a link](https://x.org)", "<a href='y'>", "</a>"])), max_size=6
    )
)
@settings(max_examples=1500)
def test_any_text_renders_as_with_markdown_its_own_rule(pieces: list[str]) -> None:
    text = " ".join(pieces)
    assert GATED.render(text) == PLAIN.render(text)


def _tokens(*kinds_and_contents: tuple[str, str]) -> list[Token]:
    return [Token(kind, "", 0, content=content) for kind, content in kinds_and_contents]


def test_paragraphs_without_a_possible_link_are_passed_by() -> None:
    words = ("text", "Plain words, and ")
    link = (("link_open", ""), ("text", "https://x.org"), ("link_close", ""))
    assert not may_hold_link(_tokens(words, *link, ("text", " too.")))  # inside a link: not linkify's
    assert may_hold_link(_tokens(words, ("html_inline", "<a href='x'>"), ("text", "anything")))
    for text in ("See https://x.org", "See www.example", "mail me@x", "see example.com", "on LOCALHOST"):
        assert may_hold_link(_tokens(words, *link, ("text", text))), text


@needs_corpus
@needs_seed
def test_the_corpus_and_the_seed_render_as_with_markdown_its_own_rule() -> None:
    for path in [*sorted(CORPUS.glob("*.md")), SEED]:
        text = path.read_text(encoding="utf-8")
        assert GATED.render(text) == PLAIN.render(text), path.name
