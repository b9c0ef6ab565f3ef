"""Running the list checks block by block, remembering each block's reports across lint runs.

A list, a paragraph or a quote lies inside one top-level block, so most list checks
only need that block: their reports are kept in the lint memo under the block's
source and first line, with fix offsets relative to the block, and reused while the
block is unchanged (typing inside a line keeps every other block's results). Only
the relations between neighbouring top-level blocks (a list split by a marker change
or a badly indented block) are looked at anew on every run, from the blocks' nodes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator

from editor.core.lint.lists_tree import Node, Tree, build_nodes, text_column
from editor.core.lint.model import Check, LintContext, Report, TextEdit

BlockCheck = Callable[[LintContext, Tree], Iterable[Report]]

# Top-level blocks that can hold neither a list nor a paragraph.
LEAVES = frozenset({"fence", "code_block", "html_block", "heading", "hr", "front_matter", "table"})


def _slots(ctx: LintContext) -> list[dict[str, object]]:
    """One remembered dict per top-level block (its nodes, each rule's reports), looked up once per run.

    The key holds the block's first line and the indent of the next text line after it (which may
    be a reference definition, not a block), the only thing outside the block a check looks at
    (a fix must not pull an indented next line into a new list).
    """
    cached = ctx.cache.get("lists.slots")
    if not isinstance(cached, list):
        memo, blocks, lines = ctx.memo, ctx.parsed.blocks, ctx.lines
        slots: list[dict[str, object]] = []
        for block in blocks:
            following = next((n for n in range(block.end_line, len(lines)) if lines[n].strip()), None)
            indent = -1 if following is None else _indent(lines[following])
            slots.append(memo.remember(("lists", block.start_line, indent, block.kind, block.source), dict))
        ctx.cache["lists.slots"] = cached = slots
    return cached


def _indent(line: str) -> int:
    return text_column(line, 0) if line[:1] in (" ", "\t") else 0


def _checked(ctx: LintContext) -> list[tuple[int, int, dict[str, object]]]:
    """(block index, offset of its first character, slot) of the blocks the list rules look at."""
    cached = ctx.cache.get("lists.checked")
    if not isinstance(cached, list):
        starts = ctx.document.line_starts
        cached = [
            (index, starts[block.start_line], slot)
            for index, (block, slot) in enumerate(zip(ctx.parsed.blocks, _slots(ctx), strict=True))
            if block.kind not in LEAVES and block.start_line < len(starts)
        ]
        ctx.cache["lists.checked"] = cached
    return cached


def block_nodes(ctx: LintContext, index: int) -> tuple[Node, ...]:
    """The nodes of the *index*-th top-level block, remembered while the block and its place stay."""
    slot = _slots(ctx)[index]
    nodes = slot.get("nodes")
    if not isinstance(nodes, tuple):
        block = ctx.parsed.blocks[index]
        nodes = tuple(build_nodes(block.tokens, block.start_line, ctx.lines))
        slot["nodes"] = nodes
    return nodes


def block_tree(ctx: LintContext, index: int) -> Tree:
    """The tree of the *index*-th top-level block, built once for all the rules."""
    slot = _slots(ctx)[index]
    tree = slot.get("tree")
    if not isinstance(tree, Tree):
        tree = slot["tree"] = Tree.of(block_nodes(ctx, index))
    return tree


def top_level(ctx: LintContext) -> tuple[Node, ...]:
    """The document's top-level nodes, in order (built once per run)."""
    cached = ctx.cache.get("lists.top")
    if not isinstance(cached, tuple):
        cached = tuple(node for index in range(len(ctx.parsed.blocks)) for node in block_nodes(ctx, index))
        ctx.cache["lists.top"] = cached
    return cached


def per_block(check: BlockCheck) -> Check:
    """Run *check* on each top-level block's own tree, reusing the reports of unchanged blocks."""
    name = check.__name__

    def run(ctx: LintContext) -> Iterator[Report]:
        version = ctx.document.version
        for index, start, slot in _checked(ctx):
            reports = slot.get(name)
            if reports is None:
                found = check(ctx, block_tree(ctx, index))
                reports = slot[name] = tuple(_moved(report, -start) for report in found)
            assert isinstance(reports, tuple)
            for report in reports:
                yield _moved(report, start, version=version)

    run.__name__ = check.__name__
    return run


def combined(*checks: Check) -> Check:
    """One check that yields the reports of all *checks*."""

    def run(ctx: LintContext) -> Iterator[Report]:
        for check in checks:
            yield from check(ctx)

    run.__name__ = "_".join(check.__name__ for check in checks)
    return run


def _moved(report: Report, delta: int, *, version: int | None = None) -> Report:
    """*report* with its fix's offsets moved by *delta* (and stamped with *version*)."""
    fix = report.fix
    if fix is None:
        return report
    edits = tuple(TextEdit(edit.start + delta, edit.end + delta, edit.text) for edit in fix.edits)
    stamped = dataclasses.replace(fix, edits=edits, version=fix.version if version is None else version)
    return dataclasses.replace(report, fix=stamped)
