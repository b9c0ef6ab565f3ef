"""Where a Markdown line may wrap, and whether an overlong line is worth reporting.

A line breaks at a run of spaces, or between two CJK characters, but never
inside an unbreakable span: a whole inline link or image (its text and its
target; a link whose text alone is wider than the limit may break inside its
text), a code span, an autolink, a bare URL or an inline HTML tag. An overlong
line is reported when two things hold:

* something starts past the limit (markdownlint's MD013 lets the last word
  stick out, however long: a URL, a path);
* the line can be cut so that its first part fits, or wrapping would move more
  than one word: when a link that starts inside the limit runs past it and a
  single word follows, as in ``[Rustup](https://very/long/url) or``, the line
  stays overlong however it is wrapped, and moving the word gains nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from editor.core.lint.width import advances, display_width, is_breakable_cjk

_SPACES = re.compile(r"[ \t]+")
_BACKTICKS = re.compile(r"(?<!\\)`+")
_ANGLE = re.compile(r"<[^<>\n]*>")
_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>]*|www\.[^\s<>]*")
_PREFIX = re.compile(r"[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[ \t>]*)*(?:#{1,6}[ \t]+)?")

Span = tuple[int, int]

# Only this much of a line is analysed: enough to decide whether something starts past any
# sensible limit, and it keeps a multi-megabyte single line (pasted data) linear.
_WINDOW_PER_LIMIT = 8
_MIN_WINDOW = 2_000
# A link's target and title never run this long; a longer bracket group is left unclosed.
_MAX_GROUP = 1_000


def body_start(line: str, content: str | None = None) -> int:
    """Where the text of *line* starts after quote and list markers (from the parser's *content*)."""
    text = line.rstrip(" \t")
    body = (content or "").strip(" \t")
    if body and text.endswith(body):
        return len(text) - len(body)
    match = _PREFIX.match(line)
    return match.end() if match else 0


def overflow_column(line: str, limit: int, start: int = 0) -> int | None:
    """The index of the first character past *limit*, if the line should be reported; else None.

    *start* is where the line's text begins (after its list or quote prefix):
    the line never breaks before it.
    """
    text = line.rstrip(" \t")[: max(_MIN_WINDOW, limit * _WINDOW_PER_LIMIT)]
    if fits_plainly(text, limit):
        return None
    columns = start_columns(text)
    if columns[-1] <= limit:
        return None
    points = break_points(text, start, limit)
    past = sum(1 for _, begin in points if columns[begin] >= limit)
    if not past or (columns[points[0][0]] > limit and past < 2):
        return None
    return next(index for index, column in enumerate(columns[1:]) if column > limit)


def fits_plainly(text: str, limit: int) -> bool:
    """One column per character, and nothing can start past the limit without a space before it."""
    return text.isascii() and "\t" not in text and (len(text) <= limit or " " not in text[limit - 1 :])


def start_columns(text: str) -> list[int]:
    """The display column at which each character starts, plus the text's width at the end."""
    if text.isascii() and "\t" not in text:
        return list(range(len(text) + 1))
    return [0, *advances(text)]


def break_points(text: str, start: int = 0, limit: int | None = None) -> list[Span]:
    """Where *text* may break, as (end of the line before, start of the next) index pairs, in order.

    A link whose text alone is wider than *limit* may break inside its text.
    """
    atoms = _merged(unbreakable_spans(text, limit))
    points = [
        match.span()
        for match in _SPACES.finditer(text, start)
        if match.start() > start and match.end() < len(text) and not _inside(match.span(), atoms)
    ]
    if not text.isascii():
        points.extend(
            (index, index) for index in _cjk_breaks(text, start) if not _inside((index, index), atoms)
        )
        points.sort()
    return points


def _cjk_breaks(text: str, start: int) -> list[int]:
    found: list[int] = []
    for index in range(start + 1, len(text)):
        previous, char = text[index - 1], text[index]
        if char in " \t" or previous in " \t":
            continue
        if is_breakable_cjk(char) or (is_breakable_cjk(previous) and char.isalnum()):
            found.append(index)
    return found


def _inside(span: Span, atoms: list[Span]) -> bool:
    """Whether either end of *span* lies strictly inside an atom (*atoms*: from :func:`_merged`)."""
    return _strictly_within(span[0], atoms) or _strictly_within(span[1], atoms)


def _merged(spans: list[Span]) -> list[Span]:
    """Sorted spans with strictly overlapping ones joined: the union of their open intervals."""
    merged: list[Span] = []
    for begin, end in sorted(spans):
        if merged and begin < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged


def _start(span: Span) -> int:
    return span[0]


def _strictly_within(point: int, atoms: list[Span]) -> bool:
    index = bisect_right(atoms, point, key=_start) - 1
    return index >= 0 and atoms[index][0] < point < atoms[index][1]


def unbreakable_spans(text: str, limit: int | None = None) -> list[Span]:
    """Spans that must stay on one line: links and images, code spans, autolinks, HTML, bare URLs.

    A link whose text is wider than *limit* keeps only its target unbroken.
    """
    spans = code_spans(text)
    spans.extend(match.span() for match in _ANGLE.finditer(text))
    spans.extend(match.span() for match in _BARE_URL.finditer(text))
    for begin, label_end, end in _links(text):
        wide = limit is not None and text[begin] == "[" and display_width(text[begin:label_end]) > limit
        spans.append((label_end - 1, end) if wide else (begin, end))
    for index in _find_all(text, "]["):
        spans.append((index, _closing(text, index + 1, "[", "]")))
    return spans


def code_spans(text: str) -> list[Span]:
    """Backtick code spans (an opening run closed by a run of the same length)."""
    spans: list[Span] = []
    position = 0
    while True:
        opener = _BACKTICKS.search(text, position)
        if opener is None:
            return spans
        size = len(opener.group())
        closer = next((m for m in _BACKTICKS.finditer(text, opener.end()) if len(m.group()) == size), None)
        if closer is None:
            position = opener.end()
            continue
        spans.append((opener.start(), closer.end()))
        position = closer.end()


def _links(text: str) -> list[tuple[int, int, int]]:
    """Inline links and images ``[text](target)``: where each starts, where its text ends, where it ends."""
    spans: list[tuple[int, int, int]] = []
    for index in _find_all(text, "]("):
        opening = _opening(text, index)
        begin = opening - 1 if opening > 0 and text[opening - 1] == "!" else opening
        spans.append((begin, index + 1, _closing(text, index + 1, "(", ")")))
    return spans


def _find_all(text: str, needle: str) -> list[int]:
    found: list[int] = []
    index = text.find(needle)
    while index >= 0:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def _opening(text: str, close: int) -> int:
    """The ``[`` that the ``]`` at *close* closes (or the start of the text)."""
    depth = 0
    for index in range(close, max(-1, close - _MAX_GROUP), -1):
        char = text[index]
        if index > 0 and text[index - 1] == "\\":
            continue
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return index
    return 0


def _closing(text: str, start: int, opening: str, closing: str) -> int:
    """The end (exclusive) of the bracketed group opening at *start*, or the text's end."""
    depth = 0
    index = start
    stop = min(len(text), start + _MAX_GROUP)
    while index < stop:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)
