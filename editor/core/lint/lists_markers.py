"""The mixed-bullet-markers rule: a marker change that silently splits one list in two."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from editor.core.lint import lists_indent
from editor.core.lint.lists_blocks import top_level
from editor.core.lint.lists_edits import THEMATIC_BREAK, replace
from editor.core.lint.lists_tree import Node, Tree, last_text_line
from editor.core.lint.model import Fix, LintContext, Report, TextEdit


def _adjacent_runs(ctx: LintContext, siblings: Sequence[Node]) -> Iterator[list[Node]]:
    """Runs of sibling lists of one kind with no blank line between them."""
    run: list[Node] = []
    for node in siblings:
        if run and node.is_list and node.kind == run[-1].kind and _touching(ctx, run[-1], node):
            run.append(node)
            continue
        if len(run) > 1:
            yield run
        run = [node] if node.is_list else []
    if len(run) > 1:
        yield run


def _touching(ctx: LintContext, above: Node, below: Node) -> bool:
    return last_text_line(ctx.lines, above.start, above.end, above.quotes) + 1 == below.start


def check_mixed_markers(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """A marker change inside what reads as one list: CommonMark starts a new list there."""
    return _mixed_markers(ctx, structure.sibling_groups())


def check_mixed_markers_across_blocks(ctx: LintContext) -> Iterator[Report]:
    """The same between top-level lists (each a block of its own)."""
    return _mixed_markers(ctx, [top_level(ctx)])


def _mixed_markers(ctx: LintContext, groups: Iterable[tuple[Node, ...]]) -> Iterator[Report]:
    for siblings in groups:
        for run in _adjacent_runs(ctx, siblings):
            first = run[0].token.markup
            alike = (
                len({part.tight for part in run}) == 1
            )  # joining lists of one spacing changes nothing else
            for above, node in pairwise(run):
                if (
                    node.token.markup == first
                    or node.items[0].marker is None
                    or above.items[-1].marker is None
                ):
                    continue  # the same marker, or tabs in the indent: nothing to say for sure
                if lists_indent.indented_more(node, above):
                    continue  # an attempt at nesting: inconsistent-indent says so
                yield _marker_report(ctx, run[0], node, first, safe=alike)


def _marker_report(ctx: LintContext, head: Node, node: Node, first: str, *, safe: bool) -> Report:
    markup = node.token.markup
    if node.kind == "bullet_list":
        message = (
            f"this list is split in two here: the `{markup}` item starts a new list because the items "
            f"above use `{first}`"
        )
    else:
        message = (
            f"this list is split in two here: `{markup}` after the number starts a new list because the "
            f"items above use `{first}`"
        )
    edits: list[TextEdit] = []
    for item in node.items:
        if item.marker is None:
            return Report(node.start, 0, node.start, len(ctx.lines[node.start]), message, (head.start,))
        end = item.marker.end_index
        edits.append(replace(ctx.document, item.start, end - 1, end, first))
        changed = ctx.lines[item.start][: end - 1] + first + ctx.lines[item.start][end:]
        safe = safe and not THEMATIC_BREAK.match(changed)
    fix = Fix(f"use `{first}` like the items above", tuple(edits), ctx.document.version, safe=safe)
    line = ctx.lines[node.start]
    return Report(node.start, 0, node.start, len(line), message, related=(head.start,), fix=fix)
