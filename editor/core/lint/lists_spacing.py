"""The loose-tight-mix and unparallel-items rules: how a list's items sit together."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markdown_it.token import Token

from editor.core.inline_deferred import inline_outline
from editor.core.lint.lists_edits import blank_line_for, delete_lines, insert_line
from editor.core.lint.lists_tree import Node, Tree, last_text_line, lazy_line
from editor.core.lint.model import Fix, LintContext, Report, TextEdit

MIN_ITEMS = 3
MAJORITY = 0.75
LONG_FACTOR = 4
LONG_MINIMUM = 240


def _gaps(lines: Sequence[str], node: Node) -> list[tuple[int, int]] | None:
    """(last text line of an item, first line of the next) for each pair; None if items hold blank lines."""
    gaps: list[tuple[int, int]] = []
    items = node.items
    for item, following in pairwise(items):
        gaps.append((last_text_line(lines, item.start, following.start, item.quotes), following.start))
    for item in items:
        children = item.children
        for child, after in pairwise(children):
            if after.start > last_text_line(lines, child.start, after.start, child.quotes) + 1:
                return None  # an item of several blocks separated by blank lines: loose on purpose
    return gaps


def check_loose_tight_mix(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """Some items separated by blank lines and others not: the whole list renders spaced out."""
    lines = ctx.lines
    for node in structure.nodes:
        if not node.is_list or len(node.items) < MIN_ITEMS:
            continue
        gaps = _gaps(lines, node)
        if gaps is None:
            continue
        spaced = [gap for gap in gaps if gap[1] > gap[0] + 1]
        packed = [gap for gap in gaps if gap[1] == gap[0] + 1]
        if not spaced or not packed:
            continue
        yield _mix_report(ctx, node, spaced, packed)


def _mix_report(
    ctx: LintContext, node: Node, spaced: list[tuple[int, int]], packed: list[tuple[int, int]]
) -> Report:
    lines, document = ctx.lines, ctx.document
    edits: list[TextEdit] = []
    if len(spaced) <= len(packed):
        line = spaced[0][1]
        cause = (
            "the blank line before this item makes" if len(spaced) == 1 else "blank lines between items make"
        )
        message = (
            f"{cause} the whole list render loose (every item spaced apart like a paragraph), though "
            f"elsewhere its items follow each other without one ({len(packed)} times)"
        )
        edits = [delete_lines(document, last + 1, start) for last, start in spaced]
        description = "remove the blank lines between items"
    else:
        line = packed[0][1]
        message = (
            f"this item has no blank line before it while {len(spaced)} other items of the list have one; "
            "the list renders loose anyway (every item spaced apart), so only the source is uneven"
        )
        blank = blank_line_for(lines[line], node.quotes) or ""
        edits = [insert_line(document, start, blank) for _, start in packed]
        description = "separate every item by a blank line"
    fix = Fix(description, tuple(edits), document.version)
    return Report(line, 0, line, len(lines[line]), message, (node.start,), fix)


@dataclass(frozen=True)
class ItemText:
    """An item's first paragraph as plain text, and how much of it is link text."""

    text: str
    linked: int  # characters inside links
    ends_in_link: bool
    starts_plain: bool  # starts with an ordinary word (not a link, code, a name or a number)

    @property
    def prose(self) -> bool:
        """Whether the item is the writer's own words rather than a quoted link title."""
        return not self.ends_in_link and self.linked * 2 <= len(self.text)


def _item_text(item: Node) -> ItemText | None:
    """The text of an item's first paragraph; None if the item does not start with a paragraph."""
    paragraph = item.children[0] if item.children else None
    if paragraph is None or paragraph.kind != "paragraph" or not paragraph.children:
        return None
    parts: list[str] = []
    linked, depth, last_in_link = 0, 0, False
    tokens = inline_outline(paragraph.children[0].token)
    for token in tokens:
        depth += {"link_open": 1, "link_close": -1}.get(token.type, 0)
        content = " " if token.type in ("softbreak", "hardbreak") else token.content
        if token.type in ("text", "code_inline", "softbreak", "hardbreak"):
            parts.append(content)
            linked += len(content) if depth else 0
            last_in_link = bool(depth) if content.strip() else last_in_link
    text = "".join(parts).strip()
    return ItemText(text, linked, last_in_link, _starts_plain(tokens)) if text else None


def _starts_plain(tokens: Sequence[Token]) -> bool:
    first = next((token for token in tokens if token.type not in ("em_open", "strong_open")), None)
    if first is None or first.type != "text":
        return False
    word = first.content.split(" ", 1)[0]
    return word[:1].isalpha() and word[1:] == word[1:].lower()


def _ending(text: str) -> str:
    last = text.rstrip(" \"'”’)")[-1:]
    return "period" if last == "." else "none" if last.isalnum() else "other"


def check_unparallel_items(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """Items that disagree with most of their siblings in end punctuation or capitalization, or length."""
    for node in structure.nodes:
        if not node.is_list or len(node.items) < MIN_ITEMS:
            continue
        texts = [_item_text(item) for item in node.items]
        if any(text is None for text in texts) or any(lazy_line(ctx.lines, item) for item in node.items):
            continue  # folded lines are lazy-continuation's business; they would skew the comparison
        items = [text for text in texts if text is not None]
        yield from _odd_endings(ctx, node, items)
        yield from _odd_capitals(ctx, node, items)
        yield from _odd_lengths(ctx, node, items)


def _minority(values: Sequence[str], allowed: set[str]) -> tuple[str, list[int]] | None:
    """The majority value (among *allowed*) and the indexes that disagree, if the majority is clear."""
    counted = Counter(value for value in values if value in allowed)
    if len(counted) != 2:
        return None
    (common, many), (_, few) = counted.most_common()
    if many < MIN_ITEMS or many / (many + few) < MAJORITY:
        return None
    return common, [index for index, value in enumerate(values) if value in allowed and value != common]


def _info(ctx: LintContext, node: Node, index: int, message: str) -> Report:
    item = node.items[index]
    return Report(item.start, 0, item.start, len(ctx.lines[item.start]), message, (node.start,))


def _odd_endings(ctx: LintContext, node: Node, items: list[ItemText]) -> Iterator[Report]:
    found = _minority([_ending(item.text) if item.prose else "skip" for item in items], {"period", "none"})
    if found is None:
        return
    common, odd = found
    others = sum(1 for item in items if item.prose) - len(odd)
    for index in odd:
        if common == "period":
            message = f"this item has no full stop at the end, unlike the {others} other items of the list"
        else:
            message = f"this item ends with a full stop, unlike the {others} other items of the list"
        yield _info(ctx, node, index, message)


def _odd_capitals(ctx: LintContext, node: Node, items: list[ItemText]) -> Iterator[Report]:
    cases = [
        ("upper" if item.text[0].isupper() else "lower") if item.starts_plain and item.prose else "skip"
        for item in items
    ]
    found = _minority(cases, {"upper", "lower"})
    if found is None:
        return
    common, odd = found
    for index in odd:
        first = "a capital" if common == "lower" else "a small letter"
        other = "small letters" if common == "lower" else "capitals"
        message = f"this item starts with {first} while the other items of the list start with {other}"
        yield _info(ctx, node, index, message)


def _odd_lengths(ctx: LintContext, node: Node, items: list[ItemText]) -> Iterator[Report]:
    """One item that outgrew the list (prose only: link titles are quoted as they are)."""
    lengths = [len(item.text) for item in items]
    typical = statistics.median(lengths)
    for index, length in enumerate(lengths):
        if items[index].prose and length >= LONG_MINIMUM and length > LONG_FACTOR * typical:
            message = (
                f"this item is {length // max(int(typical), 1)} times as long as the typical item of its "
                f"list ({length} characters against {int(typical)}); it may read better as a paragraph"
            )
            yield _info(ctx, node, index, message)
