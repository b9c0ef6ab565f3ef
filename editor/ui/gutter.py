"""The line-number strip beside the source editor: the numbers, the caret's line stronger,
and a mark in the colour of a finding's severity on each line that has one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QTextBlock
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from editor.ui.source_view import SourceView

MARK_WIDTH = 3
RIGHT_PADDING = 8


class LineGutter(QWidget):
    """Sits in the view's left margin, as wide as its largest line number, and follows its scrolling."""

    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self._view = view
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it fills what it paints: nothing beneath
        view.blockCountChanged.connect(self.fit)
        view.updateRequest.connect(self._follow)

    def width_needed(self) -> int:
        """The width for the view's number of lines (at least three digits)."""
        digits = max(3, len(str(self._view.blockCount())))
        metrics = QFontMetricsF(self._view.font())
        return round(metrics.horizontalAdvance("9") * digits + metrics.horizontalAdvance(" ") * 3)

    def sizeHint(self) -> QSize:
        return QSize(self.width_needed(), 0)

    def fit(self, *_: object) -> None:
        """Make room for the numbers in the view's left margin (Qt lays the view out again each
        time it is given margins: only when the width changes, not on every new line)."""
        width = self.width_needed()
        if self._view.viewportMargins().left() != width:
            self._view.setViewportMargins(width, 0, 0, 0)

    def place(self, contents: QRect) -> None:
        """Stand along the left edge of the view's *contents* rectangle."""
        self.setGeometry(QRect(contents.left(), contents.top(), self.width_needed(), contents.height()))

    def update_rows(self, rect: QRect) -> None:
        """Repaint the rows *rect* spans (view coordinates)."""
        self.update(0, rect.top(), self.width(), rect.height())

    def _follow(self, rect: QRect, dy: int) -> None:
        if dy:
            self.scroll(0, dy)
        else:
            self.update_rows(rect)

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        colors = view.colors
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(colors.gutter))
        rows = self._rows(event.rect())
        marks: dict[int, str] = {}
        if rows:
            last = rows[-1][0]
            marks = view.underlines.lines_between(rows[0][0].position(), last.position() + last.length())
        current = view.textCursor().blockNumber()
        height = round(QFontMetricsF(view.font()).height())
        width = self.width() - RIGHT_PADDING
        pens = {False: QColor(colors.gutter_text), True: QColor(colors.gutter_current)}
        right = Qt.AlignmentFlag.AlignRight
        for block, top in rows:
            number = block.blockNumber()
            y = round(top)
            if number in marks:
                painter.fillRect(QRect(0, y, MARK_WIDTH, height), QColor(view.severity_color(marks[number])))
            painter.setPen(pens[number == current])
            painter.drawText(QRect(0, y, width, height), right, str(number + 1))
        painter.end()

    def _rows(self, area: QRect) -> list[tuple[QTextBlock, float]]:
        """The visible blocks that reach into *area* (gutter coordinates) with their tops."""
        view = self._view
        block = view.cursorForPosition(QPoint(0, max(0, area.top()))).block()  # not the first visible one
        if not block.isValid() or block.blockNumber() < view.firstVisibleBlock().blockNumber():
            block = view.firstVisibleBlock()
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        rows = []
        while block.isValid() and top <= area.bottom():
            bottom = top + view.blockBoundingRect(block).height()
            if block.isVisible() and bottom >= area.top():
                rows.append((block, top))
            block = block.next()
            top = bottom
        return rows
