"""The first parse of a draft in one pass, left in a block-wise parser's caches.

:class:`~editor.core.markdown.MarkdownParser` parses each top-level block on its own
so that an edit re-parses about one block. For the first version of a draft (opening
a 1 MB file) that costs a block-parser pass to split the text plus one markdown-it run
per block; parsing the whole text once and cutting its token stream at the top-level
blocks gives the same tokens for about two thirds of the time.

:func:`seeded_parse` does that and stores the result in the parser's caches, exactly as
a block-wise parse would have left them (split, per-block tokens, references key), so
the next edit is incremental as usual. Where one pass could differ from block-wise
parsing (footnotes, which number across the draft and which the parser then parses
whole anyway), it leaves the work to the parser. ``tests/core/test_seed.py`` checks
block for block, token for token, that the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it.token import Token

from editor.core.document import Document
from editor.core.incremental import changed_lines, clean_source, reference_env, spans_of, split_of
from editor.core.inline_deferred import parse_blocks_only
from editor.core.markdown import (
    MarkdownParser,
    ParsedBlock,
    ParsedDocument,
    _references_key,
    top_level_groups,
)

_MOSTLY_NEW = 0.5  # re-seed when less than this share of the lines survived from the last parse


def worth_seeding(parser: MarkdownParser, document: Document) -> bool:
    """Whether a one-pass parse pays: a first parse, or a text mostly unlike the last one."""
    previous = parser._split  # the parser's own cache, read to decide
    if previous is None:
        return True
    if previous.text == document.text:
        return False
    first, old_end, _ = changed_lines(previous.text, document.text)
    kept = first + (len(previous.lines) - old_end)
    return kept < _MOSTLY_NEW * document.line_count


def seeded_parse(parser: MarkdownParser, document: Document, *, defer_inline: bool = False) -> ParsedDocument:
    """Parse *document* in one pass; the parser's caches end up as after ``parser.parse(document)``.

    *defer_inline*: leave each paragraph's inline tokens to be parsed when first read
    (:func:`~editor.core.inline_deferred.inline_children`; the renderer does). The block
    structure is ready in about a third of the time, so a long draft's render can go out
    in parts, top first, while the rest is parsed.
    """
    text = clean_source(document.text)
    if "[^" in text:  # footnotes: the parser decides (it parses such drafts whole)
        return parser.parse(document)
    tokens = parse_blocks_only(parser.md, text, {}) if defer_inline else None
    if tokens is None:  # (or the draft has something a deferred parse cannot finish alike)
        tokens = parser.md.parse(text, {})
    parser.block_parses += 1
    split = split_of(document, spans_of(tokens, document.lines, 0, document.line_count))
    groups = top_level_groups(tokens)
    if len(groups) != len(split.blocks):  # not expected; block-wise parsing is the reference
        return _forget_and_parse(parser, document)
    env = reference_env(parser.md, split, parser._reference_cache)
    refs_key = _references_key(env)
    blocks = tuple(
        parser._parse_block(document, block, env, refs_key)  # as the parser itself would
        if _raw_lines(group)
        else _parsed_block(document, block.kind, block.start_line, block.end_line, group)
        for block, group in zip(split.blocks, groups, strict=True)
    )
    _remember(parser, document, split, blocks, refs_key)
    return ParsedDocument(document, blocks, env)


def _forget_and_parse(parser: MarkdownParser, document: Document) -> ParsedDocument:
    parser._split = None
    parser._previous = None
    return parser.parse(document)


_RAW = frozenset({"html_block", "fence"})


def _raw_lines(group: Sequence[Token]) -> bool:
    """Whether the block holds raw lines (HTML, fenced code) that may run to its last line.

    Parsed alone, a block's last line has no line break after it; raw content reaching
    that line then ends without one, unlike in the whole text. Such blocks are parsed alone.
    """
    return any(token.type in _RAW for token in group)


def _parsed_block(document: Document, kind: str, start: int, end: int, group: list[Token]) -> ParsedBlock:
    """One block's tokens with maps relative to its first line, as parsing its source alone gives them.

    A list's block ends at its last text line, while in the whole text its map (and its
    last item's) runs on over the blank lines after it: maps are clipped to the block.
    """
    length = end - start
    for token in group:
        _relative_maps(token, start, length)
    source = clean_source(document.line_text(start, end))
    return ParsedBlock(kind, start, end, source, group)


def _relative_maps(token: Token, start: int, length: int) -> None:
    if token.map is not None:
        token.map = [min(token.map[0] - start, length), min(token.map[1] - start, length)]
    for child in token.children or ():
        _relative_maps(child, start, length)


def _remember(
    parser: MarkdownParser,
    document: Document,
    split: Any,
    blocks: tuple[ParsedBlock, ...],
    refs_key: str,
) -> None:
    """Leave the parser's caches as its own ``parse`` would (the next parse is incremental)."""
    parser._split = split  # this module stands in for the parser's first parse
    document.__dict__.setdefault("blocks", split.blocks)  # prime Document.blocks (a cached_property)
    parser._cache = {(b.source, b.kind == "front_matter", refs_key): b.tokens for b in blocks}
    parser._used = dict(parser._cache)
    parser._previous = (blocks, refs_key)
