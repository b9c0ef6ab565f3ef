"""The one configured markdown-it-py parser, and block-wise parsing with a cache.

A draft is split into its top-level blocks by markdown-it's block parser (cheap),
then each block is parsed fully on its own and cached by its source, so that an
edit in one block re-parses about one block. Token maps inside a
:class:`ParsedBlock` are relative to the block's first line; add
``block.start_line`` for document lines.
"""

from __future__ import annotations

import gc
import logging
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common import normalize_url
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from editor.core import simple_lists
from editor.core.document import Block, Document
from editor.core.incremental import Split, clean_source, full_split, reference_env, resplit
from editor.core.inline_deferred import parse_blocks_only
from editor.core.linkify_gate import gate_linkify

Highlighter = Callable[[str, str, str], str | None]

_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*:(?:[ \t].*)?$")
_NOT_FIRST = "issue_drafter_not_first_block"


def _header_block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Pelican-style ``Key: value`` metadata at the very top of a draft, up to a blank line."""
    if start_line != 0 or state.env.get(_NOT_FIRST) or state.blkIndent != 0:
        return False
    line = start_line
    keys: list[str] = []
    while line < end_line and not state.isEmpty(line):
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if state.tShift[line] != 0 or not _HEADER_LINE.match(text):
            return False
        keys.append(text.split(":", 1)[0].lower())
        line += 1
    if not keys or (len(keys) < 2 and keys[0] != "title"):
        return False
    if silent:
        return True
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.markup = "pelican"
    token.content = state.src[state.bMarks[start_line] : state.eMarks[line - 1]]
    token.map = [start_line, line]
    token.block = True
    state.line = line
    return True


_URL_CACHE_SIZE = 8192


# A URL markdown-it's normalizeLink returns unchanged: a lower-case http(s) host of at most 255
# characters (mdurl drops a longer one), then only characters it leaves as they are (percent
# escapes included). 3,814 of the 3,816 URLs of a 1 MB
# newsletter are such; parsing and encoding each took 21 us (0.08 s at 1 MB).
PLAIN_URL = re.compile(
    r"https?://[a-z0-9.-]{1,255}(?::[0-9]+)?(?:[/?#](?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*)?"
)


@lru_cache(maxsize=_URL_CACHE_SIZE)
def _normalize_link(url: str) -> str:
    return url if PLAIN_URL.fullmatch(url) else normalize_url.normalizeLink(url)


@lru_cache(maxsize=_URL_CACHE_SIZE)
def _normalize_link_text(link: str) -> str:
    return normalize_url.normalizeLinkText(link)


class _Markdown(MarkdownIt):
    """markdown-it with its URL normalisation memoised: drafts repeat URLs, and both are pure functions."""

    def normalizeLink(self, url: str) -> str:
        return _normalize_link(url)

    def normalizeLinkText(self, link: str) -> str:
        return _normalize_link_text(link)


def create_markdown(highlight: Highlighter | None = None) -> MarkdownIt:
    """CommonMark with GFM tables, strikethrough, linkify, task lists, footnotes, front matter."""
    options: dict[str, Any] = {"linkify": True, "html": True, "typographer": False}
    if highlight is not None:
        options["highlight"] = highlight
    md = _Markdown("commonmark", options)
    md.enable(["table", "strikethrough", "linkify"])
    gate_linkify(md)
    md.use(front_matter_plugin)
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    gate_tasklists(md)
    md.block.ruler.before("table", "pelican_header", _header_block_rule, {"alt": []})
    md.block.ruler.before("list", simple_lists.RULE_NAME, simple_lists.plain_bullet_list, {"alt": []})
    return md


_TASK_BOXES = ("[ ]", "[x]", "[X]")


def gate_tasklists(md: MarkdownIt) -> None:
    """Run the task list rule only on a text with a box in it.

    The rule looks at every token for an item whose text starts with ``[ ]``, ``[x]`` or
    ``[X]`` (20 ms per parse of a 1 MB draft, most of which has no box): a text without one
    of them anywhere has no such item.
    """
    ruler = md.core.ruler
    tasklists = dict(zip(ruler.get_active_rules(), ruler.getRules(""), strict=True))["github-tasklists"]

    def gated(state: StateCore) -> None:
        if any(box in state.src for box in _TASK_BOXES):
            tasklists(state)

    md.core.ruler.at("github-tasklists", gated)


@cache
def default_markdown() -> MarkdownIt:
    """A shared parser for block splitting (no highlighting; parsing only)."""
    return create_markdown()


_clean_source = clean_source
_REFERENCE_CACHE_LIMIT = 4096


def _references_key(env: dict[str, Any]) -> str:
    """What of the references inline parsing sees: labels, targets, titles (not their lines)."""
    references = env.get("references", {})
    return repr(sorted((label, ref["href"], ref["title"]) for label, ref in references.items()))


def block_spans(md: MarkdownIt, text: str) -> tuple[Block, ...]:
    """The top-level blocks of *text* (LF line endings), from the block parser alone."""
    tokens: list[Token] = []
    md.block.parse(_clean_source(text), md, {}, tokens)
    return _spans(tokens, text.split("\n"))


def _spans(tokens: list[Token], lines: Sequence[str]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for token in tokens:
        if token.level == 0 and token.nesting >= 0 and token.map is not None:
            start, end = token.map
            kind = _block_kind(token)
            if kind in _LIST_KINDS:
                end = _without_trailing_blanks(lines, start, end)
            blocks.append(Block(kind, start, end))
    return tuple(blocks)


_LIST_KINDS = frozenset({"bullet_list", "ordered_list"})


def _without_trailing_blanks(lines: Sequence[str], start: int, end: int) -> int:
    """Lists' maps include the blank lines after them; the block ends at its last text."""
    while end - 1 > start and not lines[end - 1].strip():
        end -= 1
    return end


def _block_kind(token: Token) -> str:
    return token.type.removesuffix("_open")


@dataclass(frozen=True)
class ParsedBlock:
    """One top-level block with its tokens (maps relative to ``start_line``)."""

    kind: str
    start_line: int
    end_line: int
    source: str
    tokens: Sequence[Token]


@dataclass(frozen=True)
class ParsedDocument:
    """A document parsed once: its blocks' tokens, shared by renderer and checks."""

    document: Document
    blocks: tuple[ParsedBlock, ...]
    env: dict[str, Any]

    def absolute_line(self, block: ParsedBlock, token: Token) -> int | None:
        """The document line on which *token* starts, if the token has a map."""
        return None if token.map is None else block.start_line + token.map[0]


class MarkdownParser:
    """Parses documents block by block, reusing the tokens of unchanged blocks."""

    def __init__(self, md: MarkdownIt | None = None) -> None:
        self.md = md if md is not None else create_markdown()
        self._cache: dict[tuple[str, bool, str], Sequence[Token]] = {}
        self._used: dict[tuple[str, bool, str], Sequence[Token]] = {}
        self.block_parses = 0
        self._split: Split | None = None
        self._reference_cache: dict[str, dict[str, Any]] = {}
        self._previous: tuple[tuple[ParsedBlock, ...], str] | None = None  # blocks and references key

    def parse(self, document: Document) -> ParsedDocument:
        """Parse *document*; blocks whose source is unchanged reuse cached tokens."""
        split = self._split_blocks(document)
        if "[^" in document.text:
            footnote_env: dict[str, Any] = {}
            self.md.block.parse(_clean_source(document.text), self.md, footnote_env, [])
            if footnote_env.get("footnotes"):
                self._previous = None
                return self._parse_whole(document, _clean_source(document.text))
        if len(self._reference_cache) > _REFERENCE_CACHE_LIMIT:
            self._reference_cache = {}
        env = reference_env(self.md, split, self._reference_cache)
        refs_key = _references_key(env)
        self._used = {}
        reusable = self._previous[0] if self._previous and self._previous[1] == refs_key else None
        blocks = tuple(
            self._parse_block(document, span, env, refs_key)
            if reusable is None or origin < 0
            else self._reuse_block(reusable[origin], span, refs_key)
            for span, origin in zip(split.blocks, split.reused, strict=True)
        )
        self._cache = self._used
        self._previous = (blocks, refs_key)
        return ParsedDocument(document, blocks, env)

    def _reuse_block(self, old: ParsedBlock, span: Block, refs_key: str) -> ParsedBlock:
        """A block the splitter carried over unchanged (maybe moved): same source, same tokens."""
        self._used[(old.source, old.kind == "front_matter", refs_key)] = old.tokens
        if old.start_line == span.start_line:
            return old
        return ParsedBlock(old.kind, span.start_line, span.end_line, old.source, old.tokens)

    def _split_blocks(self, document: Document) -> Split:
        """The top-level blocks, re-scanning only around the edit since the last parse."""
        previous = self._split
        split = full_split(self.md, document) if previous is None else resplit(self.md, previous, document)
        self._split = split
        document.__dict__.setdefault("blocks", split.blocks)  # prime Document.blocks (a cached_property)
        return split

    def _parse_block(
        self, document: Document, span: Block, env: dict[str, Any], refs_key: str
    ) -> ParsedBlock:
        source = _clean_source(document.line_text(span.start_line, span.end_line))
        first = span.kind == "front_matter"  # only a header block may parse as front matter
        key = (source, first, refs_key)
        tokens = self._cache.get(key)
        if tokens is None:
            block_env: dict[str, Any] = {"references": dict(env.get("references", {}))}
            if not first:
                block_env[_NOT_FIRST] = True
            tokens = self.md.parse(source, block_env)
            self.block_parses += 1
        self._used[key] = tokens
        return ParsedBlock(span.kind, span.start_line, span.end_line, source, tokens)

    def parse_once(self, document: Document) -> ParsedDocument:
        """Parse a document that will not be edited (the command line) in one pass, no caching."""
        return self._parse_whole(document, _clean_source(document.text))

    def parse_deferring_inline(self, document: Document) -> ParsedDocument:
        """Like :meth:`parse_once`, but each paragraph's inline tokens are parsed only when asked for.

        Read them with :func:`inline_children`; they come out exactly as a full parse
        makes them. Drafts with footnotes (numbered across the whole draft) and parsers
        with core rules this does not know are parsed fully.
        """
        text = _clean_source(document.text)
        env: dict[str, Any] = {}
        tokens = parse_blocks_only(self.md, text, env)
        if tokens is None:
            return self._parse_whole(document, text)
        self.block_parses += 1
        return ParsedDocument(document, _split_top_level(document, tokens), env)

    def _parse_whole(self, document: Document, text: str) -> ParsedDocument:
        """Footnotes number across the whole draft, so such drafts are parsed in one go."""
        env: dict[str, Any] = {}
        tokens = self.md.parse(text, env)
        self.block_parses += 1
        blocks = _split_top_level(document, tokens)
        return ParsedDocument(document, blocks, env)


def top_level_groups(tokens: Sequence[Token]) -> list[list[Token]]:
    """The token stream cut into top-level blocks (each opens at nesting depth 0)."""
    groups: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if depth == 0:
            groups.append([])
        groups[-1].append(token)
        depth += token.nesting
    return groups


def _split_top_level(document: Document, tokens: list[Token]) -> tuple[ParsedBlock, ...]:
    """Group a whole-document token stream into top-level blocks with relative maps."""
    blocks: list[ParsedBlock] = []
    for group in top_level_groups(tokens):
        head = group[0]
        start, end = head.map if head.map else (document.line_count, document.line_count)
        for token in group:
            _shift_maps(token, -start)
        kind = _block_kind(head)
        if kind in _LIST_KINDS:
            end = _without_trailing_blanks(document.lines, start, end)
        source = document.line_text(start, end)
        blocks.append(ParsedBlock(kind, start, end, source, group))
    return tuple(blocks)


def _shift_maps(token: Token, delta: int) -> None:
    if token.map is not None:
        token.map = [token.map[0] + delta, token.map[1] + delta]
    for child in token.children or ():
        _shift_maps(child, delta)


class _NoDebugLogger:
    """Stands in for a markdown-it module's logger: drops debug calls, passes on everything else."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def debug(self, *args: object, **kwargs: object) -> None:
        """markdown-it's block rules log every attempt at debug level; nobody reads that here."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)


_GC_YOUNG = 50_000  # allocations between young collections in a parsing process (Python's default: 700)


def prepare_parsing_process() -> None:
    """Set up a process that mostly parses and checks drafts (a lint worker, the live worker).

    markdown-it's debug calls become free, and young garbage collections run every 50,000
    allocations: a parse's tokens live until the draft is checked, so frequent collections
    find next to nothing (they were ~9 % of linting the corpus). Called in the process
    itself, so it holds however the process was started (fork, forkserver or spawn).
    """
    skip_parser_debug_logging()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, _GC_YOUNG), middle, old)


def skip_parser_debug_logging() -> None:
    """Make markdown-it's per-line debug calls free (a third of block parsing) unless debug logging is on.

    For the command line: it changes module state of markdown-it for the whole process.
    """
    for name, module in list(sys.modules.items()):
        logger = getattr(module, "LOGGER", None) if name.startswith("markdown_it.") else None
        if isinstance(logger, logging.Logger) and not logger.isEnabledFor(logging.DEBUG):
            setattr(module, "LOGGER", _NoDebugLogger(logger))  # noqa: B010 (not a known attribute)
