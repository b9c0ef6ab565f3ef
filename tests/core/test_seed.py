"""A one-pass first parse gives, block for block and token for token, what block-wise parsing gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.document import Document
from editor.core.inline_deferred import inline_children
from editor.core.markdown import MarkdownParser, ParsedDocument
from editor.core.render import Renderer, create_render_markdown
from editor.core.seed import seeded_parse, worth_seeding
from tests.core.test_incremental import EDIT, TEXT, _apply
from tests.shared import needs_corpus

CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "twir"
MD = create_render_markdown()


def blockwise(text: str, version: int = 0) -> ParsedDocument:
    return MarkdownParser(MD).parse(Document(text, version=version))


def assert_same(seeded: ParsedDocument, reference: ParsedDocument) -> None:
    assert seeded.env == reference.env
    assert len(seeded.blocks) == len(reference.blocks)
    for ours, theirs in zip(seeded.blocks, reference.blocks, strict=True):
        assert (ours.kind, ours.start_line, ours.end_line, ours.source) == (
            theirs.kind,
            theirs.start_line,
            theirs.end_line,
            theirs.source,
        )
        assert list(ours.tokens) == list(theirs.tokens), f"block at line {ours.start_line}"


def finished(parsed: ParsedDocument) -> ParsedDocument:
    """*parsed* with every deferred inline parse done, as the renderer does it."""
    for block in parsed.blocks:
        for token in block.tokens:
            if token.type == "inline":
                inline_children(token)
    return parsed


@needs_corpus
def test_the_whole_corpus_seeded_with_inline_deferred_gives_the_same_tokens_once_read() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.md")))
    deferred = seeded_parse(MarkdownParser(MD), Document(text), defer_inline=True)
    assert any(token.children is None for block in deferred.blocks for token in block.tokens)  # (deferred)
    assert_same(finished(deferred), blockwise(text))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.md")), ids=lambda path: path.stem)
def test_every_corpus_issue_seeds_the_blocks_blockwise_parsing_gives(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_same(seeded_parse(MarkdownParser(MD), Document(text)), blockwise(text))


def test_the_whole_corpus_in_one_draft_seeds_the_same_blocks() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.md")))
    assert_same(seeded_parse(MarkdownParser(MD), Document(text)), blockwise(text))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.booleans())
def test_any_text_seeds_the_blocks_blockwise_parsing_gives(text: str, defer_inline: bool) -> None:
    seeded = seeded_parse(MarkdownParser(MD), Document(text), defer_inline=defer_inline)
    assert_same(finished(seeded), blockwise(text))  # (deferred: once the inline tokens are read)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.lists(EDIT, min_size=1, max_size=4), st.booleans())
def test_edits_after_a_seeded_parse_parse_like_a_fresh_parser(
    text: str, edits: list[tuple[float, int, str, bool]], defer_inline: bool
) -> None:
    parser, renderer = MarkdownParser(MD), Renderer(MD)
    first = renderer.render(seeded_parse(parser, Document(text), defer_inline=defer_inline))
    assert first.html == Renderer(MD).render(blockwise(text)).html
    for version, edit in enumerate(edits, start=1):
        text = _apply(text, edit)
        parsed = parser.parse(Document(text, version=version))
        fresh = blockwise(text, version)
        assert_same(finished(parsed), fresh)  # (a render leaves plain paragraphs' inline parse to come)
        assert renderer.render(parsed).html == Renderer(MD).render(fresh).html


def test_an_edit_after_a_seeded_parse_reparses_about_one_block() -> None:
    text = "\n\n".join(f"Paragraph {n} with a [link][ref]." for n in range(500)) + "\n\n[ref]: /a"
    parser = MarkdownParser(MD)
    seeded_parse(parser, Document(text))
    before = parser.block_parses
    parser.parse(Document(text.replace("Paragraph 250 with", "Paragraph 250, edited, with"), version=1))
    assert parser.block_parses - before == 1


def test_drafts_with_footnotes_are_left_to_the_parser() -> None:
    text = "Claim.[^1]\n\n- a list\n\n[^1]: The source.\n"
    assert_same(seeded_parse(MarkdownParser(MD), Document(text)), blockwise(text))


def test_seeding_pays_for_a_first_parse_or_a_replaced_text_only() -> None:
    parser = MarkdownParser(MD)
    text = "\n\n".join(f"para {n}" for n in range(100))
    assert worth_seeding(parser, Document(text))
    seeded_parse(parser, Document(text))
    assert not worth_seeding(parser, Document(text))
    assert not worth_seeding(parser, Document(text + " more", version=1))
    other = "\n\n".join(f"other {n}" for n in range(100))
    assert worth_seeding(parser, Document(other, version=2))
