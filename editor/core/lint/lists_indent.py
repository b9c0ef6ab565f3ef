"""The inconsistent-indent rule: indentation that nests, un-nests or splits a list unlike it reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from editor.core.lint.lists_blocks import top_level
from editor.core.lint.lists_edits import reindent, tabbed
from editor.core.lint.lists_tree import (
    Marker,
    Node,
    Tree,
    is_blank,
    item_label,
    last_text_line,
    text_column,
)
from editor.core.lint.model import Fix, LintContext, Report, TextEdit

LIST_MARKER = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
BLOCK_NAMES = {"code_block": "code block", "fence": "code block", "paragraph": "paragraph", "table": "table"}


def spaces(count: int) -> str:
    """``1 space``, ``3 spaces``."""
    return "1 space" if count == 1 else f"{count} spaces"


def indented_more(node: Node, above: Node) -> bool:
    """Whether list *node* starts further right than the last item of the list *above*."""
    first, last = _first_marker(node), _last_marker(above)
    return first is not None and last is not None and first.column > last.column


def _first_marker(node: Node) -> Marker | None:
    return node.items[0].marker if node.items else None


def _last_marker(node: Node) -> Marker | None:
    return node.items[-1].marker if node.items else None


def check_inconsistent_indent(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """Siblings at different indents, children indented too little or too far, lists split by a block."""
    yield from _sibling_drift(ctx, structure)
    yield from _shallow_children(ctx, structure.sibling_groups())
    yield from _deep_children(ctx, structure)
    yield from _split_by_block(ctx, structure.sibling_groups())


def check_indent_across_blocks(ctx: LintContext) -> Iterator[Report]:
    """The same between top-level blocks: a list that fails to nest, a block that splits a list."""
    yield from _shallow_children(ctx, [top_level(ctx)])
    yield from _split_by_block(ctx, [top_level(ctx)])


def _sibling_drift(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    lines = ctx.lines
    for node in structure.nodes:
        items = [item for item in node.items if item.marker is not None] if node.is_list else []
        drifted = [(prev, item) for prev, item in pairwise(items) if _drifted(node, items[0], item)]
        if not items or not drifted:
            continue
        ref = items[0].marker
        assert ref is not None
        prev, item = drifted[0]
        have, want = _column(item), ref.column
        if have > want:
            need = _content(prev)
            message = (
                f"this item is indented {spaces(have)}, more than the first item of its list ({want}), "
                f"but not enough to nest under {item_label(prev)} (that needs {need}): Markdown shows it "
                "at the same level as the others"
            )
        else:
            message = (
                f"this item is indented {spaces(have)}, less than the first item of its list ({want}); "
                "Markdown still shows it at the same level, so the different indent has no effect"
            )
        fix = _drift_fix(ctx, [moved for _, moved in drifted], ref.column)
        yield Report(item.start, 0, item.start, len(lines[item.start]), message, (items[0].start,), fix)


def _drift_fix(ctx: LintContext, moved: list[Node], column: int) -> Fix:
    """Shift each drifted item, with everything indented under it, to the first item's column."""
    lines = ctx.lines
    edits: list[TextEdit] = []
    safe = True
    for item in moved:
        numbers = range(item.start, last_text_line(lines, item.start, item.end, item.quotes) + 1)
        edits.extend(
            reindent(ctx.document, numbers, column - _column(item), item.quotes, minimum=_column(item))
        )
        safe = safe and not tabbed(lines, numbers)
    return Fix("indent the items like the first one", tuple(edits), ctx.document.version, safe=safe)


def _column(item: Node) -> int:
    assert item.marker is not None
    return item.marker.column


def _content(item: Node) -> int:
    assert item.marker is not None
    return item.marker.content_column


def _drifted(node: Node, first: Node, item: Node) -> bool:
    """Different indent; ordered lists may align their numbers on the left or on the right."""
    a, b = first.marker, item.marker
    assert a is not None and b is not None
    if a.column == b.column:
        return False
    return not (node.kind == "ordered_list" and a.end_column == b.end_column)


def _shallow_children(ctx: LintContext, groups: Iterable[tuple[Node, ...]]) -> Iterator[Report]:
    """A list indented to nest under the item above but too little to do so: a new list instead."""
    lines = ctx.lines
    for siblings in groups:
        for index, (above, node) in enumerate(pairwise(siblings)):
            if not (above.is_list and node.is_list and indented_more(node, above)):
                continue
            first, parent = node.items[0], above.items[-1]
            if _column(first) >= _content(parent):
                continue
            have, need = _column(first), _content(parent)
            message = (
                f"this item is not nested under {item_label(parent)}: a child of "
                f"`{_marker_text(lines, parent)}` needs {spaces(need)}, this one has {have}, so it starts "
                "a new list after it"
            )
            end = last_text_line(lines, node.start, node.end, node.quotes)
            following = siblings[index + 2] if index + 2 < len(siblings) else None
            target = _sublist_column(parent) or need
            edits = reindent(ctx.document, range(node.start, end + 1), target - have, node.quotes)
            safe = not _blank_between(lines, parent.start, end + 1, node.quotes)
            safe = safe and first.number in (None, 1)  # only these may start a list right after text
            safe = safe and not tabbed(lines, range(node.start, end + 1))
            safe = safe and all(  # an item indented less than the first must still nest once moved
                item.marker is not None and item.marker.column + target - have >= need for item in node.items
            )
            if following is not None and following.kind == above.kind and following.start > end + 1:
                safe = safe and following.token.markup != above.token.markup
            fix = Fix(f"indent it {spaces(need)} to nest it", tuple(edits), ctx.document.version, safe=safe)
            yield Report(first.start, 0, first.start, len(lines[first.start]), message, (parent.start,), fix)


def _sublist_column(parent: Node) -> int | None:
    """Where the sublist that already ends *parent* starts, so a re-indented item joins it."""
    last = parent.children[-1] if parent.children else None
    if last is None or not last.is_list or not last.items or last.items[0].marker is None:
        return None
    return last.items[0].marker.column


def _marker_text(lines: Sequence[str], item: Node) -> str:
    assert item.marker is not None
    return lines[item.start][item.marker.index : item.marker.end_index]


def _blank_between(lines: Sequence[str], start: int, end: int, quotes: int) -> bool:
    return any(is_blank(lines[number], quotes) for number in range(start, end))


def _deep_children(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """A nested item indented so far that it becomes text of its parent or a code block."""
    lines = ctx.lines
    for item in structure.nodes:
        if item.kind != "list_item" or item.marker is None:
            continue
        for child in item.children:
            found = _too_deep(lines, item, child)
            if found is None:
                continue
            line, column, shown = found
            have, need = column, _content(item)
            message = (
                f"this nested item is indented {spaces(have)}, so far that Markdown shows it as {shown} "
                f"inside {item_label(item)}, not as a nested item; a child of "
                f"`{_marker_text(lines, item)}` needs {spaces(need)}"
            )
            edits = reindent(ctx.document, range(line, child.end), need - have, child.quotes, minimum=column)
            safe = not tabbed(lines, range(child.start, item.end))
            safe = safe and all(  # what follows in the item must not slide into the new sublist
                is_blank(lines[number], item.quotes) or text_column(lines[number], item.quotes) <= need
                for number in range(child.end, item.end)
            )
            fix = Fix(f"indent it {spaces(need)}", tuple(edits), ctx.document.version, safe=safe)
            yield Report(line, 0, line, len(lines[line]), message, (item.start,), fix)


def _too_deep(lines: Sequence[str], item: Node, child: Node) -> tuple[int, int, str] | None:
    """(line, text column, what the reader sees) for a marker line indented 4+ past the content."""
    limit = _content(item) + 4
    if child.kind == "paragraph":
        texts = child.text_lines
        for offset in range(1, len(texts)):
            line = child.start + offset
            column = text_column(lines[line], child.quotes)
            if (
                "\t" not in lines[line][: len(lines[line]) - len(texts[offset])]
                and column >= limit
                and LIST_MARKER.match(texts[offset])
            ):
                return line, column, "text"
    if child.kind == "code_block":
        code = [line for line in child.token.content.split("\n") if line.strip()]
        if code and all(LIST_MARKER.match(line.lstrip(" \t")) for line in code):
            return child.start, text_column(lines[child.start], child.quotes), "a code block"
    return None


def _split_by_block(ctx: LintContext, groups: Iterable[tuple[Node, ...]]) -> Iterator[Report]:
    """A block indented to belong to an item but too little to do so: it splits the list in two."""
    lines = ctx.lines
    for siblings in groups:
        for above, block, below in zip(siblings, siblings[1:], siblings[2:], strict=False):
            if not _continues(above, below) or block.kind not in BLOCK_NAMES:
                continue
            parent = above.items[-1]
            have = text_column(lines[block.start], block.quotes)
            need = _content(parent) + (4 if block.kind == "code_block" else 0)
            if not 0 < have < need:
                continue
            what = BLOCK_NAMES[block.kind]
            message = (
                f"this list is split in two here: the {what} on line {block.start + 1} is indented "
                f"{spaces(have)}, but {item_label(parent)} needs {need} to contain it, so it ends the list "
                "and the items after it form a new list"
            )
            end = last_text_line(lines, block.start, block.end, block.quotes)
            edits = reindent(ctx.document, range(block.start, end + 1), need - have, block.quotes)
            fix = Fix(f"indent the {what} {spaces(need)}", tuple(edits), ctx.document.version, safe=False)
            yield Report(block.start, 0, end, len(lines[end]), message, (parent.start,), fix)


def _continues(above: Node, below: Node) -> bool:
    """Whether list *below* reads as the continuation of list *above*."""
    if not (above.is_list and below.kind == above.kind and above.items and below.items):
        return False
    if above.token.markup != below.token.markup or above.items[-1].marker is None:
        return False
    if above.kind == "bullet_list":
        return True
    last, first = above.items[-1].number, below.items[0].number
    return last is not None and first is not None and first == last + 1
