"""Running a check block by block, remembering each top-level block's reports across lint runs.

A check whose reports for a block depend only on that block's source (and on values
put in the key: limits, the draft's link references) keeps them in the lint memo
with lines relative to the block and fix offsets relative to its first character,
so an unchanged block, even one moved by an edit above it, is not looked at again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass

from editor.core.lint.model import Fix, LintContext, Report, TextEdit
from editor.core.markdown import ParsedBlock

BlockCheck = Callable[[LintContext, ParsedBlock], Iterable[Report]]

# The parser sees NUL as U+FFFD: a block holding either is not keyed by its source alone.
_REPLACED = "\ufffd"


def blockwise(ctx: LintContext, key: Hashable, check: BlockCheck) -> Iterator[Report]:
    """The reports of ``check(ctx, block)`` for every block, reused for blocks seen with the same *key*."""
    starts, version = ctx.document.line_starts, ctx.document.version
    for block in ctx.parsed.blocks:
        if block.start_line >= len(starts):
            continue
        if _REPLACED in block.source:
            yield from check(ctx, block)
            continue
        line, offset = block.start_line, starts[block.start_line]
        reports = ctx.memo.remember((key, block.kind, block.source), _Relative(ctx, block, check))
        for report in reports:
            yield _shifted(report, line, offset, version)


@dataclass(frozen=True)
class _Relative:
    """Computes a block's reports with lines and offsets relative to the block."""

    ctx: LintContext
    block: ParsedBlock
    check: BlockCheck

    def __call__(self) -> tuple[Report, ...]:
        line = self.block.start_line
        offset = self.ctx.document.line_starts[line]
        return tuple(_shifted(report, -line, -offset, None) for report in self.check(self.ctx, self.block))


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
