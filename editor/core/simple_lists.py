"""The tokens of a plain bullet list, made without markdown-it's list rule.

A newsletter is mostly lists of one-line items (``* [title](https://…) by someone``), and
markdown-it parses each item as a document of its own: every block rule is tried on its
line, then the paragraph rule looks for the item's end. That took two thirds of parsing a
1 MB draft; made directly, the block parse of one went from 0.51 to 0.40 s (medians of
eight, 2026-12-05). For the commonest shape the tokens it makes are plain to see: a run of
top-level lines, each a marker, one space and text that no block rule would read as
anything but a paragraph, ending at the end of the text or at a blank line after which
the list does not go on (or at a heading, a comment or another marker's list). An item
may run on over lines indented by two spaces or more, and may hold one list of its own
of the same kind, its items at one indent of two to five spaces (an events calendar:
each meetup with its talk under it; block parse of 1 MB 0.24 -> 0.16 s, 2026-12-05).
:func:`plain_bullet_list` makes exactly those tokens; anything else (a deeper list, a
second paragraph, a heading or quote in an item, a lazy line, text after a nested list, a
list that goes on after a blank line) is left to markdown-it's own rule, which comes right
after it. ``tests/core/test_simple_lists.py`` holds the tokens to markdown-it's on the
corpus and on generated lists and near-misses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.rules_block import StateBlock

RULE_NAME = "plain_bullet_list"
_CONTENT_COLUMN = 2  # where an item's text starts after its marker and one space
_NESTED_MAX = 5  # a marker indented further in an item carries on its text (4 columns past it: code)

# An item's text that a block rule inside the item could read as something else: a nested
# list, an ordered list, a heading, a quote, a fence, HTML, a thematic break, a definition.
_NOT_PLAIN = re.compile(r"[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#|>|<|```|~~~|(?:[-*_][ \t]*){3,}$|\[.*\]:")
# A whole line that is a thematic break (``- --``, ``* **``), not an item.
_THEMATIC_BREAK = re.compile(r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
# A line right after an item that ends its text and the list: a heading, an HTML comment.
_ENDS_LIST = re.compile(r"#{1,6}(?:[ \t]|$)|<!--")
# A line carrying on an item's text that would make it a setext heading or a table's header.
_UNDERLINE_OR_TABLE = re.compile(r"(?:=+|-+)[ \t]*$|[|: \t-]*-[|: \t-]*$")


def plain_bullet_list(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's list rule for a top-level tight list of plain items; False for any other."""
    if silent or state.level != 0 or state.blkIndent != 0 or state.listIndent != -1:
        return False  # (top level only: not in a quote, a list item or a footnote)
    marker = _marker(state, start_line)
    if marker is None or (start_line == 0 and _front_matter_quirk(state)):
        return False
    items: list[_Item] = []
    line = start_line
    while line < end_line and _marker(state, line) == marker:
        item = _item(state, line, end_line)
        if item is None:
            return False
        items.append(item)
        line = item.after
    end = _list_end(state, line, end_line, marker)
    if end is None:
        return False
    _push(state, items, end, marker)
    return True


@dataclass
class _Item:
    """An item: its first line, the line after its text, and the items of the list nested in it
    (each one's first line and the line after it, all at *nested_indent*; none if empty)."""

    first: int
    text_end: int
    nested: list[tuple[int, int]]
    nested_indent: int

    @property
    def after(self) -> int:
        """The line after the item, its nested list included."""
        return self.nested[-1][1] if self.nested else self.text_end


def _marker(state: StateBlock, line: int, indent: int = 0) -> str | None:
    """The marker of a plain item starting on *line* (at *indent* spaces, one space after the
    marker), or None."""
    if state.sCount[line] != indent or state.tShift[line] != indent:
        return None
    start = state.bMarks[line]
    text = state.src[start + indent : state.eMarks[line]]
    if len(text) < 3 or text[0] not in "-*+" or text[1] != " " or text[2] in " \t":
        return None
    if (indent and "\t" in state.src[start : start + indent]) or _NOT_PLAIN.match(text, 2):
        return None
    if _THEMATIC_BREAK.match(text) or (text[2] == "[" and _label_may_go_on(text)):
        return None  # (a reference definition's label may go on over the next line)
    return text[0]


def _label_may_go_on(text: str) -> bool:
    """Whether the bracket opening an item's *text* may not close on its line (``[a\\]`` escapes it)."""
    close = text.find("]", 3)
    return close < 0 or "\\" in text[3:close]


def _front_matter_quirk(state: StateBlock) -> bool:
    """Whether the front matter plugin would read the first item of a list on the text's first
    line as front matter: inside the item it looks at the text's first character (the marker)
    and then for dashes from the item's second character (``- a--b``)."""
    text = state.src[state.bMarks[0] : state.eMarks[0]]
    return text[0] == "-" and text[3:5] == "--"


def _item(state: StateBlock, line: int, end_line: int) -> _Item | None:
    """The top-level item starting on *line*, or None if it is not plain."""
    text_end = _text_end(state, line, end_line, _CONTENT_COLUMN)
    if text_end is None:
        return None
    starts_list = (
        text_end < end_line and not state.isEmpty(text_end) and state.sCount[text_end] >= _CONTENT_COLUMN
    )
    indent = state.sCount[text_end] if starts_list else 0  # (_text_end stopped at a nested item)
    nested = _nested(state, text_end, end_line, indent) if starts_list else []
    return None if nested is None else _Item(line, text_end, nested, indent)


def _text_end(state: StateBlock, line: int, end_line: int, column: int) -> int | None:
    """The line after the text of the item starting on *line*, its text at *column*: the lines
    after its first that are indented to that column or more carry on its text, up to a nested
    list's first item (top-level items only); None if one of them could be read as something else."""
    after = line + 1
    while after < end_line and not state.isEmpty(after) and state.sCount[after] >= column:
        indent = state.tShift[after]
        if column == _CONTENT_COLUMN and indent <= _NESTED_MAX and _marker(state, after, indent):
            break  # (a nested list)
        text = state.src[state.bMarks[after] : state.eMarks[after]]
        if state.sCount[after] != indent or "\t" in text[:indent]:
            return None  # (tabs: columns that markdown-it counts its own way)
        if _NOT_PLAIN.match(text, indent) or _UNDERLINE_OR_TABLE.match(text, indent):
            return None
        after += 1
    return after


def _nested(state: StateBlock, line: int, end_line: int, indent: int) -> list[tuple[int, int]] | None:
    """The items (first line, line after) of a tight list of plain items nested in a top-level
    item from *line*, at *indent* spaces; None if it is anything else or the item goes on after it."""
    marker = _marker(state, line, indent)
    items: list[tuple[int, int]] = []
    while line < end_line and marker is not None and _marker(state, line, indent) == marker:
        after = _text_end(state, line, end_line, indent + _CONTENT_COLUMN)
        if after is None:
            return None
        items.append((line, after))
        line = after
    if not items or (line < end_line and not state.isEmpty(line) and state.sCount[line] >= _CONTENT_COLUMN):
        return None  # (a lazy line, a deeper item, another marker's list: markdown-it's own rule)
    return items


def _list_end(state: StateBlock, line: int, end_line: int, marker: str) -> int | None:
    """Where markdown-it ends the list whose last item line is ``line - 1`` (it takes the blank
    lines after it); None if the list might go on (a lazy line, an indented line, another item)."""
    if line >= end_line:
        return line
    if not state.isEmpty(line):  # (a heading, a comment or another marker's list ends it)
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        other_list = _marker(state, line) not in (None, marker)
        return line if state.sCount[line] == 0 and (_ENDS_LIST.match(text) or other_list) else None
    following = state.skipEmptyLines(line)
    if following >= end_line:
        return following
    text = state.src[state.bMarks[following] : state.eMarks[following]]
    if state.sCount[following] != 0 or text[:1] in (marker, " ", "\t"):
        return None
    return following


def _push(state: StateBlock, items: list[_Item], end: int, marker: str) -> None:
    """The tokens markdown-it's list rule makes for *items*, the list (and its last item, with
    the list nested in it) running to line *end*."""
    _open_list(state, marker, [items[0].first, end])
    for item in items:
        after = end if item is items[-1] else item.after
        _open_item(state, marker, [item.first, after], item.text_end, _CONTENT_COLUMN)
        if item.nested:
            nested_marker = state.src[state.bMarks[item.nested[0][0]] + item.nested_indent]
            _open_list(state, nested_marker, [item.nested[0][0], after])
            for first, text_end in item.nested:
                last = first == item.nested[-1][0]
                _open_item(
                    state,
                    nested_marker,
                    [first, after if last else text_end],
                    text_end,
                    item.nested_indent + _CONTENT_COLUMN,
                )
                state.push("list_item_close", "li", -1).markup = nested_marker
            state.push("bullet_list_close", "ul", -1).markup = nested_marker
        state.push("list_item_close", "li", -1).markup = marker
    state.push("bullet_list_close", "ul", -1).markup = marker
    state.line = end


def _open_list(state: StateBlock, marker: str, span: list[int]) -> None:
    opened = state.push("bullet_list_open", "ul", 1)
    opened.map = span
    opened.markup = marker


def _open_item(state: StateBlock, marker: str, span: list[int], text_end: int, column: int) -> None:
    """An item's opening and its paragraph (hidden: a tight list), its text at *column*."""
    item = state.push("list_item_open", "li", 1)
    item.markup = marker
    item.map = span
    paragraph = state.push("paragraph_open", "p", 1)
    paragraph.map = [span[0], text_end]
    paragraph.hidden = True
    inline = state.push("inline", "", 0)
    inline.content = _text(state, span[0], text_end, column)
    inline.map = [span[0], text_end]
    inline.children = []
    state.push("paragraph_close", "p", -1).hidden = True


def _text(state: StateBlock, first: int, after: int, column: int) -> str:
    """The item's text as markdown-it's paragraph rule takes it: its lines less the marker or the
    item's indent (*column* columns; more stays), trimmed at both ends."""
    lines = [state.src[state.bMarks[first] + column : state.eMarks[first]]]
    for line in range(first + 1, after):
        start = state.bMarks[line] + min(state.tShift[line], column)
        lines.append(state.src[start : state.eMarks[line]])
    return "\n".join(lines).strip()
