"""How long a draft is: words, characters and reading time, counted paragraph by paragraph.

The count is defined over the chunks of text between blank lines (a link target or
any other Markdown marker never spans a blank line), so :class:`StatsMemo` can keep
each chunk's word count and recount only the chunks an edit touched.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MARKUP = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s|>\s?|[-*+]\s|\d+[.)]\s)|[*_`~]+|!?\[|\]\([^)]*\)")
_BLANK_LINE = "\n\n"


@dataclass(frozen=True)
class TextStats:
    """How long a draft is."""

    words: int
    characters: int

    @property
    def reading_minutes(self) -> int:
        """Minutes to read it at an ordinary pace (at least one for any text)."""
        return math.ceil(self.words / WORDS_PER_MINUTE) if self.words else 0


def chunk_words(chunk: str) -> int:
    """Words in one chunk of text (Markdown markers and link targets not counted)."""
    return len(_WORD.findall(_MARKUP.sub(" ", chunk)))


def text_stats(text: str) -> TextStats:
    """Words (Markdown markers and link targets not counted) and characters of *text*."""
    words = sum(chunk_words(chunk) for chunk in text.split(_BLANK_LINE))
    return TextStats(words=words, characters=len(text))


@dataclass
class StatsMemo:
    """Word counts of the chunks of the last text counted; recounts only new chunks."""

    words: dict[str, int] = field(default_factory=dict)

    def stats(self, text: str) -> TextStats:
        """The same as :func:`text_stats` of *text*, reusing the counts of unchanged chunks."""
        known = self.words
        current: dict[str, int] = {}
        total = 0
        for chunk in text.split(_BLANK_LINE):
            count = current.get(chunk)
            if count is None:
                count = known.get(chunk)
                if count is None:
                    count = chunk_words(chunk)
                current[chunk] = count
            total += count
        self.words = current
        return TextStats(words=total, characters=len(text))
