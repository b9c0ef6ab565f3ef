"""The list-balance rules: lists that do not render the way their source reads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from editor.core.lint import lists_indent, lists_markers, lists_spacing
from editor.core.lint.lists_blocks import combined, per_block
from editor.core.lint.lists_edits import (
    BLOCK_START,
    blank_line_for,
    insert_line_after,
    replace,
    tabbed,
)
from editor.core.lint.lists_tree import (
    Node,
    Tree,
    item_label,
    last_text_line,
    lazy_line,
    quote_end,
    text_column,
    visual,
)
from editor.core.lint.model import Fix, LintContext, Report, Rule, TextEdit

FAMILY = "list-balance"
BULLET_GLYPHS = frozenset("•◦▪▫‣⁃●○■□◆◇►▸▹▶➢➤✓✔✗✘☐☑→∙·")
DASH_GLYPHS = frozenset("–—")
SENTENCE_END = ".!?:"
CLOSERS = "\"'”’)]*_`"


def _glyph(text: str) -> str | None:
    """The pseudo-bullet character a paragraph line starts with, if any."""
    if len(text) > 2 and (text[0] in BULLET_GLYPHS or text[0] in DASH_GLYPHS) and text[1] in " \t":
        return text[0]
    return None


def _bullet_runs(texts: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """Runs (start, end, glyph) of paragraph lines that start with a pseudo-bullet."""
    index = 0
    while index < len(texts):
        glyph = _glyph(texts[index])
        if glyph is None:
            index += 1
            continue
        end = index + 1
        while end < len(texts) and _glyph(texts[end]) is not None:
            end += 1
        dashes_only = all(_glyph(texts[i]) in DASH_GLYPHS for i in range(index, end))
        if end - index >= 2 or (len(texts) > 1 and not dashes_only):
            yield index, end, glyph
        index = end


def check_pseudo_bullets(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """Lines starting with `•` and the like inside a paragraph: one run-on paragraph, not a list."""
    for node in structure.nodes:
        if node.kind != "paragraph" or node.start < 0:
            continue
        texts = node.text_lines
        if len(texts) != node.end - node.start:
            continue
        for first, end, glyph in _bullet_runs(texts):
            last = node.start + end - 1
            after = _next_column(ctx, structure, node)
            fix = _bullet_fix(ctx, node, (first, end), texts=texts, after=after)
            message = _bullet_message(end - first, glyph)
            yield Report(node.start + first, 0, last, len(ctx.lines[last]), message, fix=fix)


def _bullet_message(count: int, glyph: str) -> str:
    if count == 1:
        return (
            f"this line starting with `{glyph}` is joined to the text before it in one paragraph, "
            "not shown as a list item: Markdown lists need `-`, `*` or `1.`"
        )
    return (
        f"these {count} lines starting with `{glyph}` render as one run-on paragraph, "
        "not a list: Markdown lists need `-`, `*` or `1.`"
    )


def _next_column(ctx: LintContext, structure: Tree, node: Node) -> int | None:
    """The indent of the block after *node* (for a top-level block: of the next text line)."""
    parent = structure.parent(node)
    siblings = parent.children if parent is not None else structure.roots
    index = siblings.index(node)
    if index + 1 < len(siblings):
        after = siblings[index + 1]
        return text_column(ctx.lines[after.start], after.quotes) if after.start >= 0 else None
    if parent is not None:
        return None
    for line in ctx.lines[node.end :]:  # lists_blocks keys each block's results by this indent too
        if line.strip():
            return text_column(line, 0)
    return None


def _bullet_fix(
    ctx: LintContext, node: Node, run: tuple[int, int], *, texts: Sequence[str], after: int | None
) -> Fix | None:
    """Real `- ` items, a blank line before the run and one after it if the paragraph goes on."""
    document, lines = ctx.document, ctx.lines
    first, end = run
    head = lines[node.start].rstrip(" \t")
    if not head.endswith(texts[0]):
        return None
    base = visual(head, len(head) - len(texts[0])) - visual(head, quote_end(head, node.quotes)[0])
    edits: list[TextEdit] = []
    safe = True
    for index in range(first, end):
        number = node.start + index
        line = lines[number]
        start, complete = quote_end(line, node.quotes)
        glyph_at = line.find(texts[index][0], start)
        rest = texts[index][1:].lstrip(" \t")
        if not complete or glyph_at < 0 or line[start:glyph_at].strip():
            return None
        safe = safe and not BLOCK_START.match(rest)
        indent = " " * base
        edits.append(
            replace(document, number, start, glyph_at + len(texts[index]) - len(rest), indent + "- ")
        )
    for boundary in (first, end):
        if 0 < boundary < len(texts):
            blank = blank_line_for(lines[node.start + boundary], node.quotes)
            if blank is None:
                return None
            edits.append(insert_line_after(document, node.start + boundary - 1, blank))
    safe = safe and _stays_apart(lines, node, range(node.start + end, node.end), base, after)
    return Fix("turn these lines into a real bulleted list", tuple(edits), document.version, safe=safe)


def _stays_apart(lines: Sequence[str], node: Node, rest: range, base: int, after: int | None) -> bool:
    """Whether what follows the new list keeps its place: text after the run in the paragraph and
    the next block are not indented past the paragraph (else they would become code or join the
    last item), and no tab makes the columns uncertain."""
    if any(text_column(lines[number], node.quotes) != base for number in rest):
        return False
    if after is not None and after > base:
        return False
    return not tabbed(lines, range(node.start, node.end))


def _looks_deliberate(before: str, text: str) -> bool:
    """A hard-wrapped sentence going on, rather than a new sentence that lost its blank line."""
    ended = before.rstrip(" \t").rstrip(CLOSERS)[-1:] in tuple(SENTENCE_END)
    starts_new = text[:1].isupper() or text[:1].isdigit() or text[:1] in "[*_`!<"
    return not (ended and starts_new)


@dataclass(frozen=True)
class Folded:
    """An item with lines folded into it: its list, its index there, its paragraph, the first such line."""

    owner: Node
    index: int
    item: Node
    paragraph: Node
    first: int


def _lazy_items(ctx: LintContext, structure: Tree) -> Iterator[Folded]:
    """Every item with folded lines."""
    for node in structure.nodes:
        if not node.is_list:
            continue
        for index, item in enumerate(node.items):
            found = lazy_line(ctx.lines, item)
            if found is not None:
                yield Folded(node, index, item, found[0], found[1])


def check_lazy_continuation(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """Unindented lines after an item that Markdown folds into the item."""
    lines = ctx.lines
    for folded in _lazy_items(ctx, structure):
        item, paragraph, first = folded.item, folded.paragraph, folded.first
        text = paragraph.text_lines[first - paragraph.start]
        if _looks_deliberate(lines[first - 1], text):
            continue
        last = last_text_line(lines, first, paragraph.end, paragraph.quotes)
        count = last - first + 1
        what = "this line is" if count == 1 else f"these {count} lines are"
        them = "it" if count == 1 else "them"
        message = (
            f"{what} folded into {item_label(item)} because there is no blank line before {them}; "
            f"the reader sees {them} as part of that item, not as a paragraph after the list"
        )
        fix = _lazy_fix(ctx, structure, folded)
        yield Report(first, 0, last, len(lines[last]), message, related=(item.start,), fix=fix)


def _lazy_fix(ctx: LintContext, structure: Tree, folded: Folded) -> Fix:
    """The blank line; safe when nothing of the list follows (or the numbering restarts after it)."""
    lines, document = ctx.lines, ctx.document
    owner, item, paragraph, first = folded.owner, folded.item, folded.paragraph, folded.first
    blank = blank_line_for(lines[first], paragraph.quotes)
    edits = [insert_line_after(document, first - 1, blank if blank is not None else "")]
    usable = (
        blank is not None
        and item.children[-1] is paragraph
        and not tabbed(lines, range(item.start, item.end))
    )
    usable = usable and text_column(lines[first], paragraph.quotes) < 4  # else it becomes code
    outermost = _outermost_list(structure, owner)
    last = last_text_line(lines, paragraph.start, paragraph.end, paragraph.quotes)
    safe = usable and last == last_text_line(lines, outermost.start, outermost.end, outermost.quotes)
    items = owner.items
    if usable and outermost is owner and folded.index + 1 < len(items):
        following = items[folded.index + 1]
        if following.number == 1 and (item.number or 0) >= 1:
            safe = True  # the numbering restarts: the writer meant a new list after the paragraph
    return Fix("insert a blank line before these lines", tuple(edits), document.version, safe=safe)


def _outermost_list(structure: Tree, node: Node) -> Node:
    outermost = node
    for ancestor in structure.ancestors(node):
        if ancestor.kind == "blockquote":
            break
        if ancestor.is_list:
            outermost = ancestor
    return outermost


def check_ordered_numbering(ctx: LintContext, structure: Tree) -> Iterator[Report]:
    """Ordered items whose typed numbers skip, repeat or restart inside one list."""
    for node in structure.nodes:
        if node.kind != "ordered_list" or len(node.items) < 2:
            continue
        numbers = [item.number for item in node.items]
        if None in numbers or len(set(numbers)) == 1:
            continue
        start = numbers[0] or 0
        wrong = [i for i, n in enumerate(numbers) if n != start + i]
        if wrong:
            yield _numbering_report(ctx, node, start, wrong)


def _numbering_report(ctx: LintContext, node: Node, start: int, wrong: list[int]) -> Report:
    items = node.items
    index = wrong[0]
    item = items[index]
    typed, seen = item.number, start + index
    restart = typed == start and index >= 2
    lazy = lazy_line(ctx.lines, items[index - 1])
    fix = _renumber_fix(ctx, node, start, wrong, safe=not restart)
    if restart and lazy is not None:
        folded = _line_range(lazy[1], last_text_line(ctx.lines, lazy[1], lazy[0].end, lazy[0].quotes))
        message = (
            f"the numbering restarts at {typed} here, but this item continues the list above because "
            f"{folded} before it {'is' if '–' not in folded else 'are'} folded into "
            f"{item_label(items[index - 1])}; the reader sees {seen}, not {typed} "
            f"(a blank line before line {lazy[1] + 1} ends the list there)"
        )
        fix = None
    elif restart:
        message = (
            f"the numbering restarts at {typed} here, but Markdown continues the list above, so the reader "
            f"sees {seen}, not {typed}; to start a new list, put a paragraph or heading between them"
        )
    else:
        message = (
            f"this item is numbered {typed}, but Markdown numbers items in order from the first one, "
            f"so the reader sees {seen}"
        )
    line = ctx.lines[item.start]
    return Report(item.start, 0, item.start, len(line), message, related=(items[0].start,), fix=fix)


def _line_range(first: int, last: int) -> str:
    return f"line {first + 1}" if first == last else f"lines {first + 1}–{last + 1}"


def _renumber_fix(ctx: LintContext, node: Node, start: int, wrong: list[int], *, safe: bool) -> Fix | None:
    """Type the numbers the reader sees; unsafe when a wider number would unindent an item's text."""
    edits: list[TextEdit] = []
    for index in wrong:
        item = node.items[index]
        if item.marker is None:
            return None
        number = str(start + index)
        marker = item.marker
        old = ctx.lines[item.start][marker.index : marker.end_index - 1]
        if (
            len(number) != len(old)
            and last_text_line(ctx.lines, item.start, item.end, item.quotes) > item.start
        ):
            safe = False
        edits.append(replace(ctx.document, item.start, marker.index, marker.end_index - 1, number))
    return Fix("renumber the list as the reader sees it", tuple(edits), ctx.document.version, safe=safe)


RULES: tuple[Rule, ...] = (
    Rule(
        "mixed-bullet-markers",
        FAMILY,
        "warning",
        "A marker change inside one list silently starts a new list.",
        combined(
            per_block(lists_markers.check_mixed_markers), lists_markers.check_mixed_markers_across_blocks
        ),
    ),
    Rule(
        "pseudo-bullets",
        FAMILY,
        "warning",
        "Lines starting with • or – render as one run-on paragraph, not a list.",
        per_block(check_pseudo_bullets),
    ),
    Rule(
        "inconsistent-indent",
        FAMILY,
        "warning",
        "Items indented so that Markdown nests, un-nests or splits them unlike the source reads.",
        combined(per_block(lists_indent.check_inconsistent_indent), lists_indent.check_indent_across_blocks),
    ),
    Rule(
        "lazy-continuation",
        FAMILY,
        "warning",
        "An unindented line after an item is folded into that item.",
        per_block(check_lazy_continuation),
    ),
    Rule(
        "ordered-numbering",
        FAMILY,
        "warning",
        "Ordered items whose numbers skip, repeat or restart inside one list.",
        per_block(check_ordered_numbering),
    ),
    Rule(
        "loose-tight-mix",
        FAMILY,
        "warning",
        "Some items separated by blank lines and others not: the whole list renders spaced out.",
        per_block(lists_spacing.check_loose_tight_mix),
    ),
    Rule(
        "unparallel-items",
        FAMILY,
        "info",
        "Items that disagree in end punctuation or capitalization, or one item far longer than the rest.",
        per_block(lists_spacing.check_unparallel_items),
    ),
)
