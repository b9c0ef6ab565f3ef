"""Display width of text in terminal-like columns: wide CJK and emoji count two, marks count zero.

The policy, stated once: East Asian Wide and Fullwidth characters (Han, kana,
Hangul syllables, fullwidth forms, emoji with emoji presentation) take two
columns; combining marks, enclosing marks, zero-width joiners, variation
selectors and other format characters take none; ambiguous-width characters
(Greek, Cyrillic, box drawing) take one, as in Western fonts. A narrow symbol followed by
VS16 (U+FE0F, emoji presentation) widens to two columns; a character joined to
the one before by ZWJ (U+200D) is part of the same emoji picture and adds
nothing; skin-tone modifiers add nothing. A tab advances to the next multiple
of four columns, as CommonMark's tab stops do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

TAB_STOP = 4
ZWJ = "\u200d"
VS16 = "\ufe0f"
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
_BREAKABLE_RANGES = (
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # halfwidth katakana
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns one code point takes on its own (0, 1 or 2)."""
    code = ord(char)
    if code < 0x7F:
        return 1 if code >= 0x20 else 0
    if 0x1160 <= code <= 0x11FF or code in _SKIN_TONES:  # Hangul jamo vowels and finals; skin tones
        return 0
    if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES or 0xFE00 <= code <= 0xFE0F:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def advances(text: str, start_column: int = 0) -> Iterator[int]:
    """The display column at which each character of *text* ends (tabs expand to tab stops)."""
    column = start_column
    previous = ""
    previous_width = 0
    for char in text:
        if char == "\t":
            width = TAB_STOP - column % TAB_STOP
        elif previous == ZWJ:
            width = 0  # the second picture of a ZWJ sequence is drawn in the first one's cell
        elif char == VS16 and previous_width == 1:
            width = 1  # emoji presentation widens a narrow symbol to two columns
        else:
            width = char_width(char)
        column += width
        if char != VS16:
            previous_width = width
        previous = char
        yield column


def display_width(text: str) -> int:
    """How many columns *text* takes when shown in a monospaced font."""
    if text.isascii() and "\t" not in text:
        return len(text)
    return max(advances(text), default=0)


def column_index(text: str, limit: int) -> int:
    """The index of the first character of *text* that ends past display column *limit*."""
    if text.isascii() and "\t" not in text:
        return min(limit, len(text))
    for index, end in enumerate(advances(text)):
        if end > limit:
            return index
    return len(text)


def is_breakable_cjk(char: str) -> bool:
    """Whether a line may break before or after *char* without a space (ideographs, kana, Hangul)."""
    code = ord(char)
    return code >= 0x3040 and any(low <= code <= high for low, high in _BREAKABLE_RANGES)
