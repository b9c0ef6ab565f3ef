"""Text edits the list-balance fixes are made of: insert a blank line, re-indent, renumber, delete."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from editor.core.document import Document
from editor.core.lint.lists_tree import is_blank, quote_end, text_column
from editor.core.lint.model import TextEdit

# Text that would start a block of its own at the beginning of a line (so it is unsafe to move there).
BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:[ \t]|$)|>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3}|~{3}|<[A-Za-z/!?]|\||=+[ \t]*$"
    r"|(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$)"
)
THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")


def tabbed(lines: Sequence[str], numbers: Iterable[int]) -> bool:
    """Whether any of these lines is indented with a tab (columns then depend on tab stops): no safe fix."""
    return any(
        "\t" in lines[number][: len(lines[number]) - len(lines[number].lstrip(" \t>"))] for number in numbers
    )


def blank_line_for(line: str, quotes: int) -> str | None:
    """The blank line to insert next to *line*: its quote markers only; ``None`` if they are missing."""
    end, complete = quote_end(line, quotes)
    return line[:end].rstrip(" \t") if complete else None


def insert_line(document: Document, line: int, text: str) -> TextEdit:
    """Insert a line with *text* before *line*."""
    offset = document.offset(line, 0)
    return TextEdit(offset, offset, text + "\n")


def insert_line_after(document: Document, line: int, text: str) -> TextEdit:
    """Insert a line with *text* after *line* (at its end, so an edit of the next line never touches it)."""
    offset = document.offset(line, len(document.lines[line]))
    return TextEdit(offset, offset, "\n" + text)


def delete_lines(document: Document, start: int, end: int) -> TextEdit:
    """Delete lines ``start``..``end`` (exclusive) with their line breaks."""
    return TextEdit(document.offset(start, 0), document.offset(end, 0), "")


def replace(document: Document, line: int, start: int, end: int, text: str) -> TextEdit:
    """Replace characters ``start``..``end`` of *line* with *text*."""
    return TextEdit(document.offset(line, start), document.offset(line, end), text)


def reindent(
    document: Document, lines: Iterable[int], delta: int, quotes: int, *, minimum: int = 0
) -> list[TextEdit]:
    """Shift the text of *lines* by *delta* columns; lines indented less than *minimum* stay."""
    edits: list[TextEdit] = []
    for number in lines:
        line = document.lines[number]
        if is_blank(line, quotes) or text_column(line, quotes) < minimum:
            continue
        start = quote_end(line, quotes)[0]
        end = len(line) - len(line[start:].lstrip(" \t"))
        width = max(text_column(line, quotes) + delta, 0)
        # No space after the last ">": Markdown would take the first space added as the marker's own.
        bare = quotes > 0 and line[start - 1 : start] == ">"
        spacing = " " * (width + 1 if bare and width else width)
        edits.append(replace(document, number, start, end, spacing))
    return edits
