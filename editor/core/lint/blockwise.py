"""Running a check block by block, remembering each top-level block's reports across lint runs.

A check whose reports for a block depend only on that block's source (and on values
put in the key: limits, the draft's link references) keeps them in the lint memo
with lines relative to the block and fix offsets relative to its first character,
so an unchanged block, even one moved by an edit above it, is not looked at again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable, Iterator

from editor.core.lint.model import Fix, LintContext, Report, TextEdit
from editor.core.markdown import ParsedBlock

BlockCheck = Callable[[LintContext, ParsedBlock], Iterable[Report]]

# The parser sees NUL as U+FFFD: a block holding either is not keyed by its source alone.
_REPLACED = "\ufffd"
_CACHE_KEY = "blockwise.entries"


def blockwise(ctx: LintContext, key: Hashable, check: BlockCheck) -> Iterator[Report]:
    """The reports of ``check(ctx, block)`` for every block, reused for blocks seen with the same *key*."""
    version = ctx.document.version
    for block, line, offset, entry in _entries(ctx):
        reports = entry.get(key)
        if reports is None:
            found = check(ctx, block)
            reports = entry[key] = tuple(_shifted(report, -line, -offset, None) for report in found)
        for report in reports:
            yield _shifted(report, line, offset, version)


Entry = tuple[ParsedBlock, int, int, dict[Hashable, tuple[Report, ...]]]


def _entries(ctx: LintContext) -> list[Entry]:
    """Per block: the block, its first line and offset, its remembered reports by key (one lookup a run)."""
    cached = ctx.cache.get(_CACHE_KEY)
    if isinstance(cached, list):
        return cached
    starts, memo = ctx.document.line_starts, ctx.memo
    entries: list[Entry] = []
    for block in ctx.parsed.blocks:
        if block.start_line >= len(starts):
            continue
        entry: dict[Hashable, tuple[Report, ...]] = (
            {} if _REPLACED in block.source else memo.remember(("blockwise", block.kind, block.source), dict)
        )
        entries.append((block, block.start_line, starts[block.start_line], entry))
    ctx.cache[_CACHE_KEY] = entries
    return entries


def _shifted(report: Report, lines: int, offset: int, version: int | None) -> Report:
    """*report* moved down by *lines* lines and *offset* characters (its fix stamped with *version*)."""
    return dataclasses.replace(
        report,
        line=report.line + lines,
        end_line=report.end_line + lines,
        related=tuple(line + lines for line in report.related),
        fix=_shifted_fix(report.fix, offset, version),
    )


def _shifted_fix(fix: Fix | None, offset: int, version: int | None) -> Fix | None:
    if fix is None:
        return None
    edits = tuple(TextEdit(edit.start + offset, edit.end + offset, edit.text) for edit in fix.edits)
    return dataclasses.replace(fix, edits=edits, version=fix.version if version is None else version)
