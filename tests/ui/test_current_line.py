"""The current-line band and line number are repainted where the caret was and where it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.ui.source_view import LIGHT_VIEW, SourceView


@pytest.fixture
def view(qtbot: QtBot) -> SourceView:
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def _painted_band(view: SourceView, line: int) -> str:
    """The colour on screen right of *line*'s text (the window's painted pixels, not a fresh render)."""
    cursor = QTextCursor(view.document().findBlockByNumber(line))
    y = view.cursorRect(cursor).center().y()
    point = view.viewport().mapTo(view.window(), QPoint(view.viewport().width() - 20, y))
    screen = QApplication.primaryScreen()
    image = screen.grabWindow(view.window().winId()).toImage()
    return str(image.pixelColor(point).name())


def _bands(view: SourceView) -> list[str]:
    return [_painted_band(view, line) for line in range(view.blockCount())]


def test_the_band_moves_with_the_caret_and_leaves_no_trace(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("one\ntwo\nthree\nfour")
    view.moveCursor(QTextCursor.MoveOperation.End)
    band, base = LIGHT_VIEW.current_line, LIGHT_VIEW.base
    qtbot.waitUntil(lambda: _bands(view) == [base, base, base, band])
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: _bands(view) == [base, band, base, base])
    qtbot.keyClicks(view, "x")
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _bands(view) == [base, base, base, base])  # no band over a selection
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: _bands(view) == [base, base, band, base])


def test_after_scrolling_the_band_is_only_on_the_caret_line(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("\n".join(f"line {n}" for n in range(200)))
    view.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    band = LIGHT_VIEW.current_line
    first = view.firstVisibleBlock().blockNumber()
    last = view.cursorForPosition(view.viewport().rect().bottomLeft()).blockNumber()
    qtbot.waitUntil(
        lambda: (
            [n for n in range(first, last) if _painted_band(view, n) == band]
            == [view.textCursor().blockNumber()]
        )
    )
