"""Rewrapping a paragraph's overlong lines without changing what it renders.

Text carried past the limit moves to the start of the next line of the same
paragraph (so short lines the writer broke on purpose stay as they are), or to
a new line when the line ends the paragraph or a hard line break. Lines break
only at spaces outside links, images, code spans and inline HTML, never
after a backslash, and never where the new line would start a list, heading,
quote, fence or HTML block (see :mod:`breaks`). The caller checks the result
by rendering it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from editor.core.lint.breaks import break_points
from editor.core.lint.width import display_width

_BLOCK_START = re.compile(
    r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|#{1,6}(?:[ \t]|$)|[><]|\|[ \t]*:?-|```|~~~"
    r"|[-=*_]+(?:[ \t]|$)|\[\^?[^\]]*\]:"
)


@dataclass(frozen=True)
class SourceLine:
    """One paragraph line split into its container prefix, its text and what follows the text."""

    prefix: str
    body: str
    trail: str  # trailing spaces (a hard break when two or more, unless last)

    @property
    def hard_break(self) -> bool:
        """Whether the line ends in a hard line break (two spaces or a backslash)."""
        return len(self.trail) >= 2 or self.body.endswith("\\")


def split_lines(lines: Sequence[str], contents: Sequence[str]) -> list[SourceLine] | None:
    """Split each source line into prefix, body and trail, using the parser's inline content."""
    result: list[SourceLine] = []
    for line, content in zip(lines, contents, strict=True):
        body = content.strip(" \t")
        text = line.rstrip(" \t")
        if not body or not text.endswith(body):
            return None
        prefix = text[: len(text) - len(body)]
        if prefix.strip(" \t>") and not _is_marker_prefix(prefix):
            return None
        result.append(SourceLine(prefix, body, line[len(text) :]))
    return result


def _is_marker_prefix(prefix: str) -> bool:
    """A prefix made of quote markers, list markers and a footnote label."""
    cleaned = re.sub(r"\[\^[^\]]*\]:|\d{1,9}[.)]|[-+*>]", " ", prefix)
    return not cleaned.strip(" \t")


def continuation_prefix(lines: Sequence[SourceLine]) -> str:
    """The prefix for a new line: the writer's own continuation prefix, or one derived from the first."""
    first = lines[0].prefix
    if len(lines) > 1 and lines[1].prefix.count(">") == first.count(">"):
        return lines[1].prefix
    return "".join(char if char in ">\t" else " " for char in first)


def rewrap(
    lines: Sequence[SourceLine],
    flagged: Sequence[bool],
    limit: int,
    fits: Callable[[str, str], bool],
) -> list[tuple[str, str]]:
    """The paragraph's new lines as (prefix, text): flagged lines wrapped, overflow carried forward."""
    out: list[tuple[str, str]] = []
    new_prefix = continuation_prefix(lines)
    carry = ""
    for index, line in enumerate(lines):
        text = f"{carry} {line.body}" if carry else line.body
        if not carry and not flagged[index]:
            out.append((line.prefix, line.body + line.trail))
            continue
        trail = line.trail if line.hard_break else ""
        if carry and fits(line.prefix, text):
            out.append((line.prefix, text + trail))
            carry = ""
            continue
        widths = (limit - display_width(line.prefix), limit - display_width(new_prefix))
        pieces = wrap_text(text, *widths, limit=limit)
        ends = line.hard_break or index == len(lines) - 1 or len(pieces) == 1
        keep = pieces if ends else pieces[:-1]
        carry = "" if ends else pieces[-1]
        out.append((line.prefix, keep[0]))
        out.extend((new_prefix, piece) for piece in keep[1:])
        out[-1] = (out[-1][0], out[-1][1] + (trail if ends else ""))
    return out


def wrap_text(text: str, first_width: int, width: int, *, limit: int) -> list[str]:
    """Greedy wrap of *text* at its break points; a word longer than the width stands alone."""
    words = split_words(text, limit)
    pieces: list[str] = []
    current = ""
    for word in words:
        available = first_width if not pieces else width
        candidate = f"{current} {word}" if current else word
        if current and display_width(candidate) > available:
            pieces.append(current)
            current = word
        else:
            current = candidate
    pieces.append(current)
    return pieces


def split_words(text: str, limit: int) -> list[str]:
    """*text* cut at the spaces where a line may break without changing the rendering."""
    words: list[str] = []
    begin = 0
    for start, end in break_points(text, 0, limit):
        if start == end or text[start - 1] == "\\" or _BLOCK_START.match(text, end):
            continue  # CJK breaks would show as spaces; a backslash would become a hard break
        words.append(text[begin:start])
        begin = end
    words.append(text[begin:])
    return words
