"""The line-number strip: a number for each line, a mark where a finding is, room for the digits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from editor.core.lint.model import Finding
from editor.ui.source_colors import LIGHT_VIEW
from editor.ui.source_view import SourceView
from tests.ui.conftest import on_screen


@pytest.fixture
def view(qtbot: QtBot) -> SourceView:
    return on_screen(qtbot, SourceView(), 600, 300)


def _mark_colours(view: SourceView, lines: range) -> list[str]:
    """The colour at the strip's left edge in the middle of each line's row."""
    image = view._gutter.grab().toImage()
    colours = []
    for line in lines:
        y = view.cursorRect(QTextCursor(view.document().findBlockByNumber(line))).center().y()
        colours.append(image.pixelColor(1, y).name())
    return colours


def test_a_line_with_a_finding_gets_a_mark_in_its_severity_colour(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("\n".join(f"line {n}" for n in range(1, 8)))
    finding = Finding("overlong-line", "line-length", "warning", 3, 1, 3, 5, "Too long.")
    view.set_findings([finding])
    qtbot.waitUntil(lambda: view.underlined_findings() == [finding])
    colours = _mark_colours(view, range(6))
    assert colours[2] == QColor(LIGHT_VIEW.warning).name()  # line 3 (block 2)
    assert all(colour == QColor(LIGHT_VIEW.gutter).name() for n, colour in enumerate(colours) if n != 2)


def test_the_strip_widens_for_the_digits_of_a_long_draft(view: SourceView) -> None:
    view.setPlainText("\n".join("x" for _ in range(99)))
    narrow = view._gutter.width()
    view.setPlainText("\n".join("x" for _ in range(12_000)))
    assert view._gutter.width() > narrow  # five digits need more room than three
    assert view.viewport().geometry().left() >= view._gutter.geometry().right()  # the text starts after it


def test_a_new_line_lays_the_view_out_again_only_when_the_numbers_need_more_room(
    qtbot: QtBot, view: SourceView
) -> None:
    view.setPlainText("x\n" * 998)  # 999 lines: three digits
    view.moveCursor(QTextCursor.MoveOperation.End)
    margins: list[int] = []
    set_margins = view.setViewportMargins

    def counted(left: int, top: int, right: int, bottom: int) -> None:
        margins.append(left)
        set_margins(left, top, right, bottom)

    view.setViewportMargins = counted  # (each call lays the view out again)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # 1,000 lines: four digits
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert len(margins) == 1 and margins[0] == view._gutter.width()
    assert view.viewport().geometry().left() >= view._gutter.geometry().right()
