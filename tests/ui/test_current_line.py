"""The current-line band and line number are repainted where the caret was and where it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.ui.source_colors import LIGHT_VIEW
from editor.ui.source_view import SourceView
from tests.ui.conftest import on_screen


@pytest.fixture
def view(qtbot: QtBot) -> SourceView:
    widget = on_screen(qtbot, SourceView(), 600, 300)
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


def _window_pixels(view: SourceView) -> object:
    return QApplication.primaryScreen().grabWindow(view.window().winId()).toImage()


def test_what_partial_repaints_leave_on_screen_equals_a_full_repaint(qtbot: QtBot, view: SourceView) -> None:
    lines = [
        f"line {n} with some words" + (" and a long tail" * 20 if n % 10 == 1 else "") for n in range(300)
    ]
    view.setPlainText("\n".join(lines))  # every tenth line wraps: its number sits above the caret
    view.scroll_to_line(120)
    cursor = QTextCursor(view.document().findBlockByNumber(130))
    view.setTextCursor(cursor)
    qtbot.keyClicks(view, "typed ")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClicks(view, "a new line")
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_End):
        qtbot.keyClick(view, key)
    view.setTextCursor(QTextCursor(view.document().findBlockByNumber(121)))
    view.moveCursor(QTextCursor.MoveOperation.EndOfBlock)  # the last row of a wrapped line
    qtbot.keyClick(view, Qt.Key.Key_Down)
    view.setCursorWidth(0)  # no blinking caret in either picture
    qtbot.wait(50)
    partial = _window_pixels(view)
    view.viewport().repaint()
    view._gutter.repaint()
    qtbot.wait(50)
    assert partial == _window_pixels(view)
