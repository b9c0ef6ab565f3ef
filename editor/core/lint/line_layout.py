"""Which source lines are prose, headings or code, from the parser's tokens and maps.

Only paragraph, heading and code lines are listed; everything else (front
matter, HTML blocks, tables, link reference definitions, blank lines,
thematic breaks) is simply absent, so the line-length rules never see it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from editor.core.inline_deferred import inline_children
from editor.core.lint.model import LintContext
from editor.core.markdown import ParsedBlock

_CACHE_KEY = "line_length.layout"
_LINK, _DATA, _COMMENT = 0, 1, 2


@dataclass(frozen=True)
class TextBlock:
    """A paragraph or heading: its document lines, the inline content of each line, its inline tokens."""

    kind: str  # "paragraph" | "heading"
    start: int
    end: int
    contents: tuple[str, ...]
    inline: Token = field(repr=False, compare=False)  # its children may be parsed on demand

    def link_and_comment_lines(self) -> tuple[frozenset[int], frozenset[int]]:
        """Document lines holding only links, images or autolinks; lines holding only an HTML comment."""
        count = self.end - self.start
        flags = _line_flags(inline_children(self.inline), count) if len(self.contents) == count else None
        link_only: set[int] = set()
        comment_only: set[int] = set()
        for offset, (has_link, has_data, has_comment) in enumerate(flags or ()):
            if has_link and not has_data:
                link_only.add(self.start + offset)
            elif has_comment and not has_data and not has_link:
                comment_only.add(self.start + offset)
        return frozenset(link_only), frozenset(comment_only)


@dataclass(frozen=True)
class Layout:
    """The text blocks and code lines of a document, in document lines."""

    text_blocks: tuple[TextBlock, ...]
    code_lines: tuple[int, ...]


def layout(ctx: LintContext) -> Layout:
    """The layout of the context's document, computed once and shared by the rules."""
    cached = ctx.cache.get(_CACHE_KEY)
    if isinstance(cached, Layout):
        return cached
    parts = [block_layout(block) for block in ctx.parsed.blocks]
    result = Layout(
        tuple(text for part in parts for text in part.text_blocks),
        tuple(line for part in parts for line in part.code_lines),
    )
    ctx.cache[_CACHE_KEY] = result
    return result


def block_layout(parsed: ParsedBlock) -> Layout:
    """The text blocks and code lines of one top-level block, in document lines."""
    blocks: list[TextBlock] = []
    code: list[int] = []
    tokens = parsed.tokens
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        start = parsed.start_line + token.map[0]
        end = parsed.start_line + token.map[1]
        if token.type in ("paragraph_open", "heading_open") and index + 1 < len(tokens):
            kind = token.type.removesuffix("_open")
            blocks.append(_text_block(kind, start, end, tokens[index + 1], token.markup))
        elif token.type in ("fence", "code_block"):
            code.extend(_code_lines(token, start, end, parsed.end_line))
    return Layout(tuple(blocks), tuple(code))


def _code_lines(token: Token, start: int, end: int, block_end: int) -> range:
    """The lines holding code: a fence's content lines, all lines of an indented block.

    Lines past the top-level block's end are blank (a list's map holds its trailing blank lines).
    """
    first = start + 1 if token.type == "fence" else start
    content = token.content
    count = content.count("\n") + (1 if content and not content.endswith("\n") else 0)
    last = min(first + count, end, block_end)
    return range(first, last)


def _text_block(kind: str, start: int, end: int, inline: Token, markup: str) -> TextBlock:
    if kind == "heading" and markup and markup[0] in "=-":
        end -= 1  # a setext heading's underline is not text
    return TextBlock(kind, start, end, tuple(inline.content.split("\n")), inline)


def _line_flags(children: Sequence[Token], count: int) -> list[list[bool]] | None:
    """Per line: (has a link, has other text, has an HTML comment); None if lines cannot be told apart."""
    flags = [[False, False, False] for _ in range(count)]
    line = 0
    for kind, lines in _inline_marks(children):
        if kind < 0:
            line += lines
            continue
        if line + lines >= count:
            return None
        for offset in range(lines + 1):
            flags[line + offset][kind] = True
        line += lines
    return flags if line == count - 1 else None


def _inline_marks(children: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """(what, newlines spanned) for each inline token; what is -1 for a line break."""
    depth = 0
    titles: list[int] = []
    for child in children:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            yield -1, 1
        elif kind == "link_open":
            depth += 1
            titles.append(str(child.attrGet("title") or "").count("\n"))
            yield _LINK, 0
        elif kind == "link_close":
            depth -= 1
            yield _LINK, titles.pop() if titles else 0
        elif kind == "image":
            breaks = sum(1 for c in child.children or () if c.type in ("softbreak", "hardbreak"))
            yield _LINK, breaks + str(child.attrGet("title") or "").count("\n")
        elif kind == "html_inline":
            comment = child.content.startswith("<!--")
            yield (
                (_COMMENT if comment and depth == 0 else _LINK if depth else _DATA),
                child.content.count("\n"),
            )
        elif kind == "text" and not child.content.strip():
            continue
        elif kind.endswith(("_open", "_close")) and kind not in ("footnote_ref",):
            continue  # emphasis, strikethrough: their text is seen on its own
        else:
            yield (_LINK if depth else _DATA), 0
