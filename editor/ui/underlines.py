"""The findings in the source editor: a cursor on each span, wavy underlines near the screen.

Every finding gets a cursor, which follows the text as it is edited; only the findings on
and near the screen are handed to the view as underlines, so a thousand findings in a long
draft cost little per update. Placing a thousand cursors can itself be spread over several
turns of the event loop (:meth:`Underlines.set_in_steps`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:
    from editor.core.lint.model import Finding
    from editor.ui.source_view import SourceView

FINDINGS_STEP = 300  # cursors placed per turn of the event loop (~5 ms)
UNDERLINE_MARGIN = 200  # lines above and below the screen whose findings are underlined too
_KEEP_ANCHOR = QTextCursor.MoveMode.KeepAnchor


@dataclass
class _Placing:
    """Findings whose cursors are being placed a step at a time, at one revision of the text."""

    findings: list[Finding]
    cursors: list[QTextCursor]
    revision: int
    step: int


class Underlines(QObject):
    """The findings of one source view; ``changed`` when the underlines to show are different."""

    changed = Signal()

    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self._view = view
        self._findings: list[tuple[QTextCursor, Finding]] = []  # sorted by start
        self._selections: dict[int, QTextEdit.ExtraSelection] = {}  # by index in _findings
        self._underlined: tuple[int, int] | None = None  # the text range whose findings are underlined
        self._placing: _Placing | None = None

    def set(self, findings: Sequence[Finding]) -> None:
        """Place a cursor on each finding's span and underline those near the screen."""
        self._placing = None
        self._show(findings, self._span_cursors(findings))

    def set_in_steps(self, findings: Sequence[Finding], step: int = FINDINGS_STEP) -> None:
        """Like :meth:`set`, placing *step* cursors per turn of the event loop.

        Should the text change before all are placed (their lines and columns would be
        stale), the steps stop and the underlines shown stay: newer findings are coming.
        """
        self._placing = _Placing(list(findings), [], self._view.document().revision(), step)
        self._place_some()

    def _place_some(self) -> None:
        placing = self._placing
        if placing is None or placing.revision != self._view.document().revision():
            self._placing = None
            return
        done = len(placing.cursors)
        placing.cursors.extend(self._span_cursors(placing.findings[done : done + placing.step]))
        placing.revision = self._view.document().revision()  # placing cursors may count as a revision
        if len(placing.cursors) < len(placing.findings):
            QTimer.singleShot(1, self, self._place_some)
            return
        self._placing = None
        self._show(placing.findings, placing.cursors)

    def _show(self, findings: Sequence[Finding], cursors: Sequence[QTextCursor]) -> None:
        spans = zip(cursors, findings, strict=True)
        self._findings = sorted(spans, key=lambda item: item[0].selectionStart())
        self._selections = {}
        self._underlined = self._screen_range(UNDERLINE_MARGIN) if self._findings else None
        self.changed.emit()

    def _span_cursors(self, findings: Sequence[Finding]) -> list[QTextCursor]:
        """A cursor selecting each finding's span.

        Placing a cursor lays out its line to find its x position, unless an edit block
        is open: the cursors are made in an empty edit block (its spurious change signal
        held back), which makes placing a thousand of them ~6x cheaper.
        """
        document = self._view.document()
        lines: dict[int, tuple[int, str]] = {}
        guard = QTextCursor(document)
        blocked = document.blockSignals(True)
        guard.beginEditBlock()
        try:
            return [self._span_cursor(finding, lines) for finding in findings]
        finally:
            guard.endEditBlock()
            document.blockSignals(blocked)

    def _span_cursor(self, finding: Finding, lines: dict[int, tuple[int, str]]) -> QTextCursor:
        start = self._view.position_of(finding.line, finding.column, lines)
        end = self._view.position_of(finding.end_line, finding.end_column, lines)
        document = self._view.document()
        if end <= start:
            end = min(start + 1, document.characterCount() - 1)
            start = min(start, max(0, end - 1))
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, _KEEP_ANCHOR)
        return cursor

    def _screen_range(self, margin: int) -> tuple[int, int]:
        """The text range of the screen and *margin* lines above and below it."""
        view = self._view
        document = view.document()
        first = view.firstVisibleBlock().blockNumber()
        last = view.cursorForPosition(view.viewport().rect().bottomRight()).blockNumber()
        top = document.findBlockByNumber(max(0, first - margin))
        bottom = document.findBlockByNumber(min(document.blockCount() - 1, last + margin))
        return top.position(), bottom.position() + bottom.length()

    def follow_screen(self) -> None:
        """Underline the findings on and near the screen, once the screen has moved on."""
        if not self._findings:
            return
        needed_start, needed_end = self._screen_range(UNDERLINE_MARGIN // 2)
        if self._underlined is not None:
            start, end = self._underlined
            if start <= needed_start and needed_end <= end:
                return
        self._underlined = self._screen_range(UNDERLINE_MARGIN)
        self.changed.emit()

    def restyle(self) -> None:
        """Make the underlines again in the view's current colours."""
        self._selections = {}

    def placed(self) -> list[tuple[QTextCursor, Finding]]:
        """Each finding with the cursor on its span, in text order (once all are placed)."""
        return list(self._findings)

    @property
    def placing(self) -> bool:
        """Whether cursors are still being placed a step at a time."""
        return self._placing is not None

    def shown(self) -> list[Finding]:
        """The findings currently underlined (those on and near the screen)."""
        return [self._findings[index][1] for index in sorted(self._near_screen())]

    def _near_screen(self) -> list[int]:
        if self._underlined is None:
            return []
        start, end = self._underlined
        return [
            index
            for index, (cursor, _finding) in enumerate(self._findings)
            if cursor.selectionEnd() >= start and cursor.selectionStart() <= end
        ]

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        """The view's extra selections for the findings near the screen (made once each)."""
        selections = []
        for index in self._near_screen():
            selection = self._selections.get(index)
            if selection is None:
                selection = self._selection(*self._findings[index])
                self._selections[index] = selection
            selections.append(selection)
        return selections

    def _selection(self, cursor: QTextCursor, finding: Finding) -> QTextEdit.ExtraSelection:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(self._view.severity_color(finding.severity)))
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def messages_at(self, position: int) -> list[str]:
        """The messages of the findings whose span holds *position*."""
        return [
            f.message
            for cursor, f in self._findings
            if cursor.selectionStart() <= position <= cursor.selectionEnd() and cursor.hasSelection()
        ]

    def lines_between(self, start: int, end: int) -> dict[int, str]:
        """Severity by block number for findings that start between *start* and *end*."""
        if not self._findings:
            return {}
        index = bisect_left(self._findings, start, key=lambda item: item[0].selectionStart())
        lines: dict[int, str] = {}
        document = self._view.document()
        for cursor, finding in self._findings[index:]:
            if cursor.selectionStart() > end:
                break
            number = document.findBlock(cursor.selectionStart()).blockNumber()
            if lines.get(number) != "warning":
                lines[number] = finding.severity
        return lines
