"""The status bar: words, characters, reading time, caret position and findings count."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MARKUP = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s|>\s?|[-*+]\s|\d+[.)]\s)|[*_`~]+|!?\[|\]\([^)]*\)")


@dataclass(frozen=True)
class TextStats:
    """How long a draft is."""

    words: int
    characters: int

    @property
    def reading_minutes(self) -> int:
        """Minutes to read it at an ordinary pace (at least one for any text)."""
        return math.ceil(self.words / WORDS_PER_MINUTE) if self.words else 0


def text_stats(text: str) -> TextStats:
    """Words (Markdown markers and link targets not counted) and characters of *text*."""
    prose = _MARKUP.sub(" ", text)
    return TextStats(words=len(_WORD.findall(prose)), characters=len(text))


def describe(stats: TextStats) -> str:
    """For example ``1,204 words · 7,310 characters · 6 min read``."""
    return (
        f"{stats.words:,} word{'s' if stats.words != 1 else ''} · "
        f"{stats.characters:,} characters · {stats.reading_minutes} min read"
    )


def findings_text(count: int) -> str:
    """For example ``3 findings`` or ``No findings``."""
    if count == 0:
        return "No findings"
    return f"{count:,} finding{'s' if count != 1 else ''}"


class StatusBar(QStatusBar):
    """Permanent labels for counts and position; ``showMessage`` for passing notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Status bar")
        self.notice = QLabel()
        self.notice.setAccessibleName("Preview notice")
        self.stats = QLabel(describe(TextStats(0, 0)))
        self.stats.setAccessibleName("Word count")
        self.position = QLabel("Ln 1, Col 1")
        self.position.setAccessibleName("Caret position")
        self.findings = QLabel(findings_text(0))
        self.findings.setAccessibleName("Findings count")
        self.addWidget(self.notice)
        for label in (self.stats, self.position, self.findings):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)

    def set_text_stats(self, stats: TextStats) -> None:
        """Show the draft's length."""
        self.stats.setText(describe(stats))

    def set_position(self, line: int, column: int) -> None:
        """Show the caret's 1-based line and column."""
        self.position.setText(f"Ln {line}, Col {column}")

    def set_findings_count(self, count: int) -> None:
        """Show how many findings there are."""
        self.findings.setText(findings_text(count))

    def set_notice(self, text: str) -> None:
        """A lasting note (the preview fell back to plain text)."""
        self.notice.setText(text)
        self.notice.setToolTip(text)
