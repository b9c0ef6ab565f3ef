"""The status bar: words, characters, reading time, caret position and findings count."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from editor.core.stats import TextStats


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
        height = self.position.sizeHint().height()
        self.position.setFixedSize(self._position_width("Ln 99999, Col 9999"), height)
        self._position_fits = 0  # texts up to this long are known to fit

    def set_text_stats(self, stats: TextStats) -> None:
        """Show the draft's length."""
        self.stats.setText(describe(stats))

    def set_position(self, line: int, column: int) -> None:
        """Show the caret's 1-based line and column.

        The label keeps a fixed size (widened when a longer text needs it): a label that
        may change size makes the status bar lay out and repaint all of itself on every key.
        """
        text = f"Ln {line}, Col {column}"
        if len(text) > self._position_fits:
            width = self._position_width(f"Ln {'9' * len(str(line))}, Col {'9' * len(str(column))}")
            if width > self.position.width():
                self.position.setFixedWidth(width)
            self._position_fits = len(text)
        self.position.setText(text)

    def _position_width(self, text: str) -> int:
        margins = self.position.contentsMargins()
        return self.position.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2

    def set_findings_count(self, count: int) -> None:
        """Show how many findings there are."""
        self.findings.setText(findings_text(count))

    def show_pending(self) -> None:
        """A draft was just opened: its count and findings are on the way (not zero)."""
        self.stats.setText("Counting words…")
        self.findings.setText("Checking…")

    def set_notice(self, text: str) -> None:
        """A lasting note (the preview fell back to plain text)."""
        self.notice.setText(text)
        self.notice.setToolTip(text)
