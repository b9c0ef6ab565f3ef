"""Plain-text editing helpers for the source editor: list continuation, indenting, inline toggles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_QUOTE = re.compile(r"(?:[ ]{0,3}>[ ]?)*")
_ITEM = re.compile(
    r"(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<number>\d{1,9})(?P<delim>[.)]))"
    r"(?P<space>[ \t]+|$)(?P<task>\[[ xX]\](?:[ \t]+|$))?"
)
_THEMATIC_BREAK = re.compile(r"[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
TAB_WIDTH = 4


@dataclass(frozen=True)
class ListItem:
    """The prefix of a line that starts a list item, split into its parts."""

    quote: str
    indent: str
    marker: str
    space: str
    task: str
    content: str

    @property
    def prefix(self) -> str:
        """Everything before the item's text: quote, indent, marker, space and task box."""
        return self.quote + self.indent + self.marker + self.space + self.task

    @property
    def ordered(self) -> bool:
        """Whether the marker is a number (``1.`` or ``1)``)."""
        return self.marker[0].isdigit()

    @property
    def width(self) -> int:
        """How far a child item must be indented under this one (marker plus one space at least)."""
        return len(self.marker) + max(1, min(len(self.space.expandtabs(TAB_WIDTH)), 4))


@dataclass(frozen=True)
class Replacement:
    """Replace ``start`` to ``end`` of a piece of text and select ``select_start`` to ``select_end`` after.

    All offsets are relative to the start of the piece of text that was passed in;
    the selection offsets are positions in the text after the replacement.
    """

    start: int
    end: int
    text: str
    select_start: int
    select_end: int


def parse_list_item(line: str) -> ListItem | None:
    """The list item that *line* starts, or ``None`` if it is not a list item."""
    quote = _QUOTE.match(line)
    quote_text = quote.group(0) if quote else ""
    rest = line[len(quote_text) :]
    if _THEMATIC_BREAK.match(rest):
        return None
    match = _ITEM.match(rest)
    if match is None:
        return None
    return ListItem(
        quote=quote_text,
        indent=match.group("indent"),
        marker=match.group("marker"),
        space=match.group("space"),
        task=match.group("task") or "",
        content=rest[match.end() :],
    )


def next_marker(item: ListItem) -> str:
    """The marker of the item after *item*: the same bullet, or the next number."""
    if not item.ordered:
        return item.marker
    return f"{int(item.marker[:-1]) + 1}{item.marker[-1]}"


def continue_list(line: str, column: int) -> Replacement | None:
    """What Enter does at *column* of *line* inside a list, or ``None`` for a plain line break.

    On an item with text it breaks the line and starts a new item with the same
    marker (the next number, an unchecked task box). On an empty item it ends the
    list: the marker goes and only the blockquote prefix stays.
    """
    item = parse_list_item(line)
    if item is None or column < len(item.prefix):
        return None
    if not item.content.strip():
        keep = item.quote
        return Replacement(0, len(line), keep, len(keep), len(keep))
    space = item.space if item.space.strip(" ") == "" and len(item.space) <= 4 else " "
    task = "[ ] " if item.task else ""
    prefix = item.quote + item.indent + next_marker(item) + space + task
    head = line[:column].rstrip(" \t") if column < len(line) else line[:column]
    start = max(len(head), len(item.prefix))
    tail_start = column + (len(line[column:]) - len(line[column:].lstrip(" \t")))
    text = "\n" + prefix
    caret = start + len(text)
    return Replacement(start, tail_start, text, caret, caret)


def _item_above(
    lines: Sequence[str], *, deeper_than: int | None = None, at: int | None = None
) -> ListItem | None:
    """The nearest list item in *lines* (read bottom-up) at indent *at* or shallower than *deeper_than*."""
    for text in reversed(lines[-200:]):
        item = parse_list_item(text)
        if item is None:
            continue
        width = len(item.indent.expandtabs(TAB_WIDTH))
        if at is not None and width == at:
            return item
        if deeper_than is not None and width < deeper_than:
            return item
        if at is not None and width < at:
            return None
    return None


def indent_step(line: str, above: Sequence[str]) -> int:
    """How many spaces Tab indents the list item on *line*, given the lines *above* it.

    CommonMark nests an item under its previous sibling when it starts at that
    sibling's content column: 2 under ``-``, 3 under ``1.``, 4 under ``10.``.
    """
    item = parse_list_item(line)
    if item is None:
        return TAB_WIDTH
    sibling = _item_above(above, at=len(item.indent.expandtabs(TAB_WIDTH)))
    return (sibling or item).width


def outdent_step(line: str, above: Sequence[str]) -> int:
    """How many leading spaces Shift+Tab removes from *line*: back to its parent item's indent."""
    item = parse_list_item(line)
    if item is None:
        rest = line[len(_quote_of(line)) :]
        return min(len(rest) - len(rest.lstrip(" ")), TAB_WIDTH)
    width = len(item.indent.expandtabs(TAB_WIDTH))
    parent = _item_above(above, deeper_than=width)
    target = len(parent.indent.expandtabs(TAB_WIDTH)) if parent else 0
    return width - target


def _quote_of(line: str) -> str:
    match = _QUOTE.match(line)
    return match.group(0) if match else ""


def indent_line(line: str, step: int) -> str:
    """*line* with *step* spaces added after its blockquote prefix (blank lines stay blank)."""
    if not line.strip():
        return line
    quote = _quote_of(line)
    rest = line[len(quote) :]
    if rest.startswith("\t"):
        rest = rest.expandtabs(TAB_WIDTH)
    return quote + " " * step + rest


def outdent_line(line: str, step: int) -> str:
    """*line* with up to *step* leading spaces removed after its blockquote prefix."""
    quote = _quote_of(line)
    rest = line[len(quote) :]
    if rest.startswith("\t"):
        rest = rest.expandtabs(TAB_WIDTH)
    spaces = len(rest) - len(rest.lstrip(" "))
    return quote + rest[min(spaces, step) :]


def spaces_to_tab_stop(column: int) -> str:
    """The spaces Tab inserts at *column* outside a list: up to the next multiple of four."""
    return " " * (TAB_WIDTH - column % TAB_WIDTH)


def _run(text: str, index: int, char: str, step: int) -> int:
    """How many *char* characters run from *index* in direction *step* (-1 looks left)."""
    count = 0
    i = index if step > 0 else index - 1
    while 0 <= i < len(text) and text[i] == char:
        count += 1
        i += step
    return count


def _has_marker(run: int, size: int) -> bool:
    """Whether a run of ``*`` of length *run* contains the marker of *size* (1 italic, 2 bold)."""
    if size == 1:
        return run in (1, 3)
    return run >= size


def _wrapped_in(inner: str, marker: str) -> bool:
    """Whether *inner* itself starts and ends with *marker* (the markers were selected too)."""
    size, char = len(marker), marker[0]
    if len(inner) < 2 * size or not (inner.startswith(marker) and inner.endswith(marker)):
        return False
    return _has_marker(_run(inner, 0, char, 1), size) and _has_marker(_run(inner, len(inner), char, -1), size)


def toggle_inline(text: str, start: int, end: int, marker: str) -> Replacement:
    """Wrap ``text[start:end]`` in *marker* (``**``, ``*``, `````), or unwrap it if it already is.

    With nothing selected the marker pair is inserted with the caret inside (or
    removed when the caret sits in an empty pair). Spaces at the edges of the
    selection stay outside, so ``**word **`` is never produced.
    """
    size, char = len(marker), marker[0]
    selected = text[start:end]
    lead = len(selected) - len(selected.lstrip())
    trail = len(selected) - len(selected.rstrip())
    if selected.strip():
        start, end = start + lead, end - trail
    inner = text[start:end]
    if _wrapped_in(inner, marker):
        bare = inner[size:-size]
        return Replacement(start, end, bare, start, start + len(bare))
    before, after = _run(text, start, char, -1), _run(text, end, char, 1)
    if _has_marker(min(before, after), size) and (char != "*" or before == after):
        return Replacement(start - size, end + size, inner, start - size, end - size)
    return Replacement(start, end, marker + inner + marker, start + size, end + size)


def make_link(text: str, start: int, end: int) -> Replacement:
    """Turn ``text[start:end]`` into ``[text](url)`` and select the part the writer fills in next.

    A selected web address becomes the target and the caret goes between the
    brackets; other text becomes the link text and ``url`` is selected.
    """
    selected = text[start:end].strip()
    if selected:
        start = text.index(selected, start)
        end = start + len(selected)
    if re.match(r"(?:https?://|mailto:|www\.)\S+$", selected):
        new = f"[]({selected})"
        return Replacement(start, end, new, start + 1, start + 1)
    label = selected or "text"
    new = f"[{label}](url)"
    if not selected:
        return Replacement(start, end, new, start + 1, start + 1 + len(label))
    url_at = start + len(label) + 3
    return Replacement(start, end, new, url_at, url_at + 3)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """The length of *text* in UTF-16 code units, the unit Qt counts text positions in."""
    return len(text) + len(_ASTRAL.findall(text))


def utf16_offsets(text: str, offsets: Sequence[int]) -> list[int]:
    """Character offsets into *text* turned into UTF-16 offsets (the same when all text is in the BMP)."""
    if not _ASTRAL.search(text):
        return list(offsets)
    order = sorted(range(len(offsets)), key=lambda i: offsets[i])
    result = [0] * len(offsets)
    done, extra = 0, 0
    for i in order:
        offset = max(0, min(offsets[i], len(text)))
        extra += len(_ASTRAL.findall(text, done, offset)) if offset > done else 0
        done = max(done, offset)
        result[i] = offset + extra
    return result


def code_point_index(text: str, utf16_index: int) -> int:
    """The character index in *text* at UTF-16 offset *utf16_index* (inverse of :func:`utf16_length`)."""
    if not _ASTRAL.search(text):
        return min(utf16_index, len(text))
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_index:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
