"""Top-level block splitting that re-runs the block parser only around the edited lines.

markdown-it's block parser is a left-to-right scan whose state at the start of a
top-level block depends only on the lines from there on. So after an edit we
re-scan from a block start safely before the edit (a block's end can depend on
the first two lines of the next block: a table header needs its delimiter row)
until the scan starts a block at a line that was a block start before the edit,
past the edited lines; from there on the old result holds, shifted. Reference
definitions leave no token: the non-blank lines between blocks are kept as
``reference`` spans, parsed on their own to rebuild the draft's references.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from editor.core.document import Block, Document

REFERENCE = "reference"
_LOOKAHEAD = 2  # lines past a block start that can decide where the previous block ends
_FIRST_WINDOW = 64  # lines scanned past the edit before looking for a resynchronization
_LIST_KINDS = frozenset({"bullet_list", "ordered_list"})


@dataclass(frozen=True)
class Span:
    """A top-level block as the scanner saw it: ``end`` keeps a list's trailing blank lines."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Split:
    """The top-level structure of one text: spans (with reference groups) and the blocks."""

    text: str
    lines: Sequence[str]
    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    span_blocks: tuple[Block | None, ...]  # each span's block (None for references)
    blocks: tuple[Block, ...]
    reused: tuple[int, ...]  # per block: index of the same-source block in the previous split, or -1

    def block_indexes(self) -> list[int]:
        """Per span, the index of its block in :attr:`blocks` (-1 for reference groups)."""
        indexes: list[int] = []
        count = 0
        for block in self.span_blocks:
            indexes.append(-1 if block is None else count)
            count += block is not None
        return indexes


def clean_source(text: str) -> str:
    """The text as the parser must see it (NUL is not allowed in CommonMark)."""
    return text.replace("\0", "\ufffd")


def scan(md: MarkdownIt, lines: Sequence[str], start: int, end: int) -> list[Span]:
    """Block-parse ``lines[start:end]`` from a top-level block start; spans in document lines.

    Past the first line, a leading blank line keeps front matter and the
    ``Key: value`` header (first line only) from matching inside the window.
    """
    lead = "\n" if start > 0 else ""
    src = clean_source(lead + "\n".join(lines[start:end]))
    tokens: list[Token] = []
    md.block.parse(src, md, {}, tokens)
    return spans_of(tokens, lines, start, end, shift=start - len(lead))


def spans_of(
    tokens: Sequence[Token], lines: Sequence[str], start: int, end: int, *, shift: int = 0
) -> list[Span]:
    """The spans of ``lines[start:end]`` from its parsed tokens (maps shifted by *shift* lines)."""
    spans: list[Span] = []
    covered = start
    for token in tokens:
        if token.level != 0 or token.nesting < 0 or token.map is None:
            continue
        first, last = token.map[0] + shift, token.map[1] + shift
        spans.extend(_reference_gap(lines, covered, first))
        spans.append(Span(token.type.removesuffix("_open"), first, last))
        covered = max(covered, last)
    spans.extend(_reference_gap(lines, covered, end))
    return spans


def _reference_gap(lines: Sequence[str], start: int, end: int) -> list[Span]:
    """Non-blank lines between blocks hold reference definitions: one span for the group."""
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return [Span(REFERENCE, start, end)] if start < end else []


def full_split(md: MarkdownIt, document: Document) -> Split:
    """Split a whole document from scratch."""
    return split_of(document, scan(md, document.lines, 0, document.line_count))


def split_of(document: Document, spans: Sequence[Span]) -> Split:
    """The split of a whole document made of *spans* (none carried over from an earlier split)."""
    return _assemble(document, spans, [_block(document.lines, span) for span in spans], [-1] * len(spans))


def _assemble(
    document: Document, spans: Sequence[Span], span_blocks: Sequence[Block | None], origins: Sequence[int]
) -> Split:
    """Build a split; ``origins`` holds, per span, its block's index in the previous split or -1."""
    blocks = tuple(block for block in span_blocks if block is not None)
    reused = tuple(origin for origin, block in zip(origins, span_blocks, strict=True) if block is not None)
    starts = tuple(span.start for span in spans)
    return Split(document.text, document.lines, tuple(spans), starts, tuple(span_blocks), blocks, reused)


def _block(lines: Sequence[str], span: Span) -> Block | None:
    if span.kind == REFERENCE:
        return None
    end = span.end
    if span.kind in _LIST_KINDS:
        while end - 1 > span.start and not lines[end - 1].strip():
            end -= 1
    return Block(span.kind, span.start, end)


def changed_lines(old: str, new: str) -> tuple[int, int, int]:
    """``(first, old_end, new_end)``: lines before ``first`` and from ``old_end``/``new_end`` on match."""
    prefix = _common_prefix(old, new)
    limit = min(len(old), len(new)) - prefix
    suffix = _common_suffix(old, new, limit)
    first = old.count("\n", 0, prefix)
    old_end = old.count("\n", 0, len(old) - suffix) + 1
    return first, old_end, old_end + new.count("\n") - old.count("\n")


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # invariant: a[:low] == b[:low]
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    la, lb = len(a), len(b)
    while low < high:  # invariant: the last `low` characters match
        mid = (low + high + 1) // 2
        if a[la - mid : la - low] == b[lb - mid : lb - low]:
            low = mid
        else:
            high = mid - 1
    return low


def resplit(md: MarkdownIt, previous: Split, document: Document) -> Split:
    """Split *document*, re-scanning only around the lines that differ from *previous*."""
    if document.text == previous.text:
        indexes = previous.block_indexes()
        return _assemble(document, previous.spans, previous.span_blocks, indexes)
    first, old_end, new_end = changed_lines(previous.text, document.text)
    if _open_front_matter(previous, document, first):
        return full_split(md, document)
    delta = new_end - old_end
    keep = max(bisect_left(previous.starts, first - _LOOKAHEAD) - 1, 0)  # a span starting safely before
    start = previous.spans[keep].start if keep > 0 else 0
    lines = document.lines
    window = _FIRST_WINDOW
    while True:
        end = min(len(lines), new_end + window)
        spans = scan(md, lines, start, end)
        resync = _resync(spans, previous, new_end, delta, end if end < len(lines) else None)
        if resync is not None or end == len(lines):
            break
        window *= 4
    index, old_index = resync if resync is not None else (len(spans), len(previous.spans))
    indexes = previous.block_indexes()
    tail_blocks = previous.span_blocks[old_index:]
    if delta:
        tail_blocks = tuple(_shifted(block, delta) for block in tail_blocks)
    return _assemble(
        document,
        [*previous.spans[:keep], *spans[:index], *_shifted_spans(previous.spans[old_index:], delta)],
        [*previous.span_blocks[:keep], *(_block(lines, span) for span in spans[:index]), *tail_blocks],
        [*indexes[:keep], *[-1] * index, *indexes[old_index:]],
    )


def _open_front_matter(previous: Split, document: Document, first: int) -> bool:
    """Whether an edit may open or close front matter: it runs from line 0 to its closing
    ``---`` however far down, so while a draft starts with an unclosed ``---`` (or the edit
    is inside the front matter's closing) a change anywhere can turn the top into front matter.
    """
    if not (document.text.startswith("---") or previous.text.startswith("---")):
        return False
    head = previous.spans[0] if previous.spans else None
    return head is None or head.kind != "front_matter" or head.end > first


def _shifted(block: Block | None, delta: int) -> Block | None:
    return None if block is None else Block(block.kind, block.start_line + delta, block.end_line + delta)


def _shifted_spans(spans: Sequence[Span], delta: int) -> Sequence[Span]:
    return spans if not delta else [Span(s.kind, s.start + delta, s.end + delta) for s in spans]


def _resync(
    spans: Sequence[Span], previous: Split, new_end: int, delta: int, limit: int | None
) -> tuple[int, int] | None:
    """The first new span at or past the edit that starts where an old span started, shifted."""
    for index, span in enumerate(spans):
        if span.start < new_end:
            continue
        if limit is not None and span.start + _LOOKAHEAD >= limit:
            return None
        old_start = span.start - delta
        old_index = bisect_left(previous.starts, old_start)
        if old_index < len(previous.starts) and previous.starts[old_index] == old_start:
            return index, old_index
    return None


def reference_env(md: MarkdownIt, split: Split, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The env a whole-text block parse would leave: references (first wins) and duplicates.

    Definitions may sit between blocks or inside quotes and list items; every
    span whose text could hold one (``]:``) is block-parsed on its own, cached by text.
    """
    env: dict[str, Any] = {}
    for span in split.spans:
        source = "\n".join(split.lines[span.start : span.end])
        if "]:" not in source:
            continue
        lead = "\n" if span.start > 0 else ""  # as in scan(): no header or front matter inside
        local = cache.get(lead + source)
        if local is None:
            local = {}
            md.block.parse(clean_source(lead + source), md, local, [])
            cache[lead + source] = local
        _merge_references(env, local, span.start - len(lead))
    return env


def _merge_references(env: dict[str, Any], local: dict[str, Any], offset: int) -> None:
    entries = [(label, data) for label, data in local.get("references", {}).items()]
    entries += [(data["label"], data) for data in local.get("duplicate_refs", ())]
    entries.sort(key=lambda entry: int(entry[1]["map"][0]))
    for label, data in entries:
        line_map = [data["map"][0] + offset, data["map"][1] + offset]
        references = env.setdefault("references", {})
        if label not in references:
            references[label] = {"title": data["title"], "href": data["href"], "map": line_map}
        else:
            env.setdefault("duplicate_refs", []).append(
                {"title": data["title"], "href": data["href"], "label": label, "map": line_map}
            )
