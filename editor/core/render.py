"""Markdown to an HTML body: one element per top-level block, cached per block.

Each top-level block becomes exactly one HTML element that carries
``data-source-line`` (the block's 0-based first source line) so the preview can
patch changed blocks and keep scrolling in sync. Raw HTML from the draft goes
through :mod:`editor.core.sanitize`; markdown-it itself refuses ``javascript:``
and similar link targets.
"""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from editor.core.highlight import highlight_code
from editor.core.inline_deferred import inline_children, inline_html
from editor.core.markdown import MarkdownParser, ParsedBlock, ParsedDocument, create_markdown
from editor.core.sanitize import sanitize_html

_FIRST_TAG = re.compile(r"^<([a-zA-Z][a-zA-Z0-9]*)")


def create_render_markdown() -> MarkdownIt:
    """The parser used for preview and export: highlighting plus sanitized raw HTML."""
    md = create_markdown(highlight_code)
    md.add_render_rule("html_block", _render_raw_html)
    md.add_render_rule("html_inline", _render_raw_html)
    return md


def _render_raw_html(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    return sanitize_html(tokens[idx].content)


@dataclass(frozen=True)
class RenderedBlock:
    """The HTML of one top-level block and the source lines it came from."""

    start_line: int
    end_line: int
    html: str


@dataclass(frozen=True)
class RenderResult:
    """The HTML body of a document at one version, block by block.

    ``complete`` is False for the first blocks only, sent while the rest are still
    being rendered (a long draft's first render, :meth:`Renderer.render_parts`).
    """

    version: int
    blocks: tuple[RenderedBlock, ...]
    title: str | None
    complete: bool = True

    @property
    def html(self) -> str:
        """The whole body."""
        return "".join(block.html for block in self.blocks)


@dataclass
class _Entry:
    """A cached block rendering; ``placed`` is its last positioned block (reused while unmoved)."""

    tokens: Sequence[Token]
    html: str
    placed: RenderedBlock | None = None
    source_lines: bool = True


class Renderer:
    """Renders parsed documents, re-rendering only blocks whose tokens changed."""

    def __init__(self, md: MarkdownIt) -> None:
        self.md = md
        self._cache: dict[int, _Entry] = {}
        self.block_renders = 0

    def render(self, parsed: ParsedDocument, *, source_lines: bool = True) -> RenderResult:
        """Render *parsed* to HTML; unchanged blocks come from the cache."""
        *_, result = self.render_parts(parsed, source_lines=source_lines)
        return result

    def render_parts(
        self, parsed: ParsedDocument, *, part_seconds: float | None = None, source_lines: bool = True
    ) -> Generator[RenderResult, None, None]:
        """Render *parsed*; with *part_seconds*, also yield the blocks rendered so far each
        time that much time went into rendering (``complete=False``). The last result is whole.

        Stopped early (the generator closed), the blocks rendered so far stay cached.
        """
        used: dict[int, _Entry] = {}
        blocks: list[RenderedBlock] = []
        title = document_title(parsed)
        deadline = None if part_seconds is None else time.perf_counter() + part_seconds
        last = len(parsed.blocks) - 1
        try:
            for index, block in enumerate(parsed.blocks):
                entry = self._entry(block, parsed.env)
                used[id(block.tokens)] = entry
                if entry.html:
                    blocks.append(_placed(entry, block, source_lines))
                if deadline is not None and index < last and time.perf_counter() >= deadline:
                    yield RenderResult(parsed.document.version, tuple(blocks), title, complete=False)
                    deadline = time.perf_counter() + (part_seconds or 0.0)
        except GeneratorExit:
            self._cache.update(used)
            raise
        self._cache = used
        yield RenderResult(parsed.document.version, tuple(blocks), title)

    def _entry(self, block: ParsedBlock, env: dict[str, Any]) -> _Entry:
        hit = self._cache.get(id(block.tokens))
        if hit is not None and hit.tokens is block.tokens:
            return hit
        html = _render_tokens(self.md, block.tokens, dict(env))
        self.block_renders += 1
        return _Entry(block.tokens, html)


def _render_tokens(md: MarkdownIt, tokens: Sequence[Token], env: dict[str, Any]) -> str:
    """What markdown-it's ``RendererHTML.render`` makes of a block's *tokens*; inline tokens that a
    first parse left to be parsed are parsed now, but a plain one-line paragraph's HTML is made
    directly (:func:`inline_html`): on a newsletter, that is most of them, and making their
    tokens took more than half of rendering a long draft."""
    renderer, options = cast(RendererHTML, md.renderer), md.options  # (create_markdown's own renderer)
    html: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            quick = inline_html(token)
            if quick is None:
                quick = renderer.renderInline(inline_children(token), options, env)
            html.append(quick)
        elif token.type in renderer.rules:
            html.append(renderer.rules[token.type](tokens, index, options, env))
        else:
            html.append(renderer.renderToken(tokens, index, options, env))
    return "".join(html)


def _placed(entry: _Entry, block: ParsedBlock, source_lines: bool) -> RenderedBlock:
    """The entry's HTML positioned at *block*'s lines, reusing the last one if it has not moved."""
    placed = entry.placed
    if (
        placed is not None
        and entry.source_lines == source_lines
        and placed.start_line == block.start_line
        and placed.end_line == block.end_line
    ):
        return placed
    html = _with_source_line(entry.html, block.start_line, block.kind) if source_lines else entry.html
    entry.placed, entry.source_lines = RenderedBlock(block.start_line, block.end_line, html), source_lines
    return entry.placed


def _with_source_line(html: str, line: int, kind: str) -> str:
    """Mark the block's one top-level element with its source line.

    Blocks that markdown-it renders itself are one element; raw HTML blocks
    (and the footnote list) may be several, so they are wrapped in a div.
    """
    stripped = html.strip()
    match = _FIRST_TAG.match(stripped)
    if match is None or kind in _WRAPPED_KINDS:
        return f'<div class="block" data-source-line="{line}">{stripped}</div>\n'
    tag = match.group(1)
    return f'<{tag} data-source-line="{line}"{stripped[len(tag) + 1 :]}\n'


_WRAPPED_KINDS = frozenset({"html_block", "footnote_block", "front_matter"})


def document_title(parsed: ParsedDocument) -> str | None:
    """The title: front matter ``title`` if there is one, else the first heading's text."""
    for block in parsed.blocks:
        for index, token in enumerate(block.tokens):
            if token.type == "front_matter":
                title = _front_matter_title(token.content)
                if title:
                    return title
            if token.type == "heading_open" and index + 1 < len(block.tokens):
                return _plain_text(block.tokens[index + 1])
    return None


def _front_matter_title(content: str) -> str | None:
    for line in content.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == "title":
            return value.strip().strip("\"'") or None
    return None


def _plain_text(inline: Token) -> str:
    parts = [child.content for child in inline_children(inline) if child.type in ("text", "code_inline")]
    return "".join(parts) if parts else inline.content


def render_text(text: str, *, source_lines: bool = False) -> RenderResult:
    """Render a whole Markdown text in one go (export, copy as HTML, tests).

    Parsed in one pass (:func:`editor.core.seed.seeded_parse`, the same blocks and tokens
    as block-wise parsing, about a third less time on a long draft).
    """
    from editor.core.document import Document
    from editor.core.seed import seeded_parse

    md = create_render_markdown()
    parsed = seeded_parse(MarkdownParser(md), Document.from_source(text))
    return Renderer(md).render(parsed, source_lines=source_lines)


def escape_title(title: str | None, fallback: str) -> str:
    """The page title, HTML-escaped."""
    return escape(title or fallback)
