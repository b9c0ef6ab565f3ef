"""The block structure of a parsed draft as a small tree, with list-item geometry, for the list rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from markdown_it.token import Token

TAB = 4


@dataclass(frozen=True)
class Marker:
    """Where a list item's marker sits on its first line (character indices and visual columns)."""

    index: int  # first character of the marker
    end_index: int  # just after the marker
    column: int  # visual column of the marker, counted from the end of the line's quote markers
    end_column: int  # the same just after the marker
    content_column: int  # the same where the item's content starts (where a child must start)


@dataclass(frozen=True, eq=False)
class Node:
    """One block: its kind (token type without ``_open``), absolute lines ``start``..``end``."""

    kind: str
    start: int
    end: int
    token: Token
    children: tuple[Node, ...]
    quotes: int
    marker: Marker | None = None

    @property
    def is_list(self) -> bool:
        """Whether this is a bullet or an ordered list."""
        return self.kind in ("bullet_list", "ordered_list")

    @cached_property
    def items(self) -> tuple[Node, ...]:
        """The list items of a list."""
        return tuple(child for child in self.children if child.kind == "list_item")

    @property
    def number(self) -> int | None:
        """The number typed for an ordered list item."""
        return int(self.token.info) if self.token.info.isdigit() else None

    @property
    def tight(self) -> bool:
        """Whether a list renders tight (its items' paragraphs are hidden)."""
        for item in self.items:
            for child in item.children:
                if child.kind == "paragraph":
                    return bool(child.token.hidden)
        return True

    @property
    def text_lines(self) -> list[str]:
        """A paragraph's text, one entry per source line, without container prefixes."""
        for child in self.children:
            if child.kind == "inline":
                return [line.strip(" \t") for line in child.token.content.split("\n")]
        return []


@dataclass(frozen=True)
class Tree:
    """The top-level nodes, every node in document order, and each node's parent."""

    roots: tuple[Node, ...]
    nodes: tuple[Node, ...]
    parents: dict[int, Node]

    @classmethod
    def of(cls, roots: Sequence[Node]) -> Tree:
        """The tree over *roots* and everything they contain."""
        nodes = tuple(walk(roots))
        return cls(tuple(roots), nodes, {id(child): node for node in nodes for child in node.children})

    def parent(self, node: Node) -> Node | None:
        """The node that directly contains *node* (``None`` at the top level)."""
        return self.parents.get(id(node))

    def ancestors(self, node: Node) -> Iterator[Node]:
        """The nodes containing *node*, innermost first."""
        parent = self.parent(node)
        while parent is not None:
            yield parent
            parent = self.parent(parent)

    def sibling_groups(self) -> Iterator[tuple[Node, ...]]:
        """Every sequence of sibling blocks: the document's, then each container's."""
        yield self.roots
        for node in self.nodes:
            if node.children and node.kind != "paragraph":
                yield node.children


def build_nodes(tokens: Sequence[Token], offset: int, lines: Sequence[str]) -> list[Node]:
    """The nodes of one block's token stream (maps relative to *offset*), with document line numbers."""
    return _build(tokens, offset, lines)


def _build(tokens: Sequence[Token], offset: int, lines: Sequence[str]) -> list[Node]:
    roots: list[Node] = []
    stack: list[tuple[Token, list[Node]]] = []
    markers: dict[int, Marker | None] = {}
    quotes = 0
    for token in tokens:
        if token.nesting == 1:
            if token.type == "list_item_open" and token.map is not None:
                line = lines[token.map[0] + offset]
                markers[id(token)] = _marker(line, token, stack=stack, quotes=quotes, markers=markers)
            stack.append((token, []))
            quotes += token.type == "blockquote_open"
            continue
        if token.nesting == -1:
            opened, children = stack.pop()
            quotes -= opened.type == "blockquote_open"
        else:
            opened, children = token, []
        node = _node(opened, children, offset, quotes, markers.get(id(opened)))
        (stack[-1][1] if stack else roots).append(node)
    return roots


def _node(token: Token, children: list[Node], offset: int, quotes: int, marker: Marker | None) -> Node:
    start, end = (token.map[0] + offset, token.map[1] + offset) if token.map else (-1, -1)
    kind = token.type.removesuffix("_open")
    return Node(kind, start, end, token, tuple(children), quotes, marker)


def _marker(
    line: str,
    token: Token,
    *,
    stack: list[tuple[Token, list[Node]]],
    quotes: int,
    markers: dict[int, Marker | None],
) -> Marker | None:
    """The marker of the item opened by *token* on *line*, inside *quotes* blockquotes."""
    index = quote_end(line, quotes)[0]
    for entry, _ in reversed(stack):
        if entry.type == "list_item_open":
            parent = markers.get(id(entry))
            same_line = entry.map is not None and token.map is not None and entry.map[0] == token.map[0]
            if parent is not None and same_line:
                index = parent.end_index  # "- - item": start after the parent's marker
            break
    return _marker_at(line, index, token.markup, visual(line, quote_end(line, quotes)[0]))


def _marker_at(line: str, index: int, markup: str, base: int) -> Marker | None:
    while index < len(line) and line[index] in " \t":
        index += 1
    end = index
    while end < len(line) and line[end].isdigit():
        end += 1
    if end >= len(line) or line[end] != markup:
        return None
    end += 1
    column, end_column = visual(line, index) - base, visual(line, end) - base
    rest = line[end:]
    if "\t" in line[: len(line) - len(rest.lstrip(" \t"))]:
        return None  # tabs in the indent: columns depend on tab stops inside quotes; stay quiet
    gap = visual(line, len(line) - len(rest.lstrip(" \t"))) - base - end_column
    content = end_column + 1 if not rest.strip() or gap >= 5 else end_column + gap
    return Marker(index, end, column, end_column, content)


def visual(line: str, index: int) -> int:
    """The visual column of character *index* on *line* (tabs to multiples of four)."""
    before = line[:index]
    if "\t" not in before:
        return len(before)
    column = 0
    for char in before:
        column = column + TAB - column % TAB if char == "\t" else column + 1
    return column


def quote_end(line: str, depth: int) -> tuple[int, bool]:
    """The index after *depth* blockquote markers, and whether all of them were present."""
    index = 0
    for _ in range(depth):
        probe = index
        while probe < len(line) and probe - index < 3 and line[probe] == " ":
            probe += 1
        if probe >= len(line) or line[probe] != ">":
            return index, False
        index = probe + 1
        if index < len(line) and line[index] in " \t":
            index += 1
    return index, True


def text_column(line: str, depth: int) -> int:
    """The visual column of the first text character after *depth* quote markers, counted from them."""
    index = quote_end(line, depth)[0]
    stripped = line[index:].lstrip(" \t")
    return visual(line, len(line) - len(stripped)) - visual(line, index)


def is_blank(line: str, depth: int) -> bool:
    """Whether *line* is blank inside *depth* blockquotes."""
    return not line[quote_end(line, depth)[0] :].strip()


def last_text_line(lines: Sequence[str], start: int, end: int, depth: int) -> int:
    """The last non-blank line in ``start``..``end`` (or ``start`` if all are blank)."""
    for line in range(min(end, len(lines)) - 1, start, -1):
        if not is_blank(lines[line], depth):
            return line
    return start


def lazy_line(lines: Sequence[str], item: Node) -> tuple[Node, int] | None:
    """The item's paragraph and first line that is folded into it without being indented."""
    if item.marker is None:
        return None
    for child in item.children:
        if child.kind != "paragraph":
            continue
        for number in range(child.start + 1, child.end):
            line = lines[number]
            if "\t" in line[: len(line) - len(line.lstrip(" \t>"))]:
                continue
            if text_column(line, child.quotes) < item.marker.content_column:
                return child, number
    return None


def walk(nodes: Sequence[Node]) -> Iterator[Node]:
    """Every node, depth first, in document order."""
    pending = list(reversed(nodes))
    while pending:
        node = pending.pop()
        yield node
        pending.extend(reversed(node.children))


def item_label(item: Node) -> str:
    """How a message names an item: ``item 3`` for ordered items, else by its line."""
    number = item.number
    if number is not None:
        return f"item {number} (line {item.start + 1})"
    return f"the item on line {item.start + 1}"
