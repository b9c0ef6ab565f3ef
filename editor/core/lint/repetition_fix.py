"""The deletion that removes a repeated copy from the text, whole lines where it can."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.document import Document
from editor.core.lint.model import TextEdit


@dataclass(frozen=True)
class Span:
    """A stretch of text from (line, column) to (end_line, end_column), 0-based, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    whole_lines: bool


def deletion(document: Document, span: Span) -> TextEdit:
    """The edit that deletes *span*, keeping the blank-line layout around it tidy."""
    if span.whole_lines:
        return _delete_lines(document, span.line, span.end_line)
    lines = document.lines
    start = document.offset(span.line, span.column)
    end = document.offset(span.end_line, span.end_column)
    rest = lines[span.end_line][span.end_column :]
    if rest.strip():
        end += len(rest) - len(rest.lstrip(" \t"))
    else:
        before = lines[span.line][: span.column]
        start -= len(before) - len(before.rstrip(" \t"))
    return TextEdit(start, end, "")


def _delete_lines(document: Document, first: int, last: int) -> TextEdit:
    lines, starts = document.lines, document.line_starts
    after = last + 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    if after == len(lines):
        before = first - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        start = 0 if before < 0 else starts[before] + len(lines[before])
        return TextEdit(start, starts[last] + len(lines[last]), "")
    blank_before = first == 0 or not lines[first - 1].strip()
    end = starts[after] if blank_before and after > last + 1 else starts[last + 1]
    return TextEdit(starts[first], end, "")
