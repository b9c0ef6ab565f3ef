"""The source editor as a writer uses it: typing lists, formatting keys, fixes, underlines, zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QHelpEvent, QTextCharFormat, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from editor.core.lint.model import Finding, TextEdit
from editor.ui.source_view import SourceView
from tests.ui.conftest import on_screen


@pytest.fixture
def view(qtbot: QtBot) -> SourceView:
    widget = on_screen(qtbot, SourceView(), 700, 400)
    widget.setFocus()
    return widget


def type_lines(qtbot: QtBot, view: SourceView, *lines: str) -> None:
    for index, line in enumerate(lines):
        if index:
            qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.keyClicks(view, line)


def select(view: SourceView, start: int, end: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def finding(
    line: int, column: int, end_line: int, end_column: int, message: str, severity: str = "warning"
) -> Finding:
    return Finding(
        rule="overlong-line",
        family="line-length",
        severity=severity,  # type: ignore[arg-type]
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        message=message,
    )


def test_enter_after_a_bullet_item_starts_the_next_item(qtbot: QtBot, view: SourceView) -> None:
    type_lines(qtbot, view, "- first")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.toPlainText() == "- first\n- "
    qtbot.keyClicks(view, "second")
    assert view.toPlainText() == "- first\n- second"


def test_enter_on_an_empty_item_ends_the_list(qtbot: QtBot, view: SourceView) -> None:
    type_lines(qtbot, view, "- first", "")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClicks(view, "After the list.")
    assert view.toPlainText() == "- first\nAfter the list."


def test_numbered_items_count_up(qtbot: QtBot, view: SourceView) -> None:
    type_lines(qtbot, view, "9. nine", "ten")
    assert view.toPlainText() == "9. nine\n10. ten"


def test_task_items_continue_unchecked_inside_a_quote(qtbot: QtBot, view: SourceView) -> None:
    type_lines(qtbot, view, "> - [x] done", "next")
    assert view.toPlainText() == "> - [x] done\n> - [ ] next"


def test_enter_on_plain_text_is_a_plain_line_break(qtbot: QtBot, view: SourceView) -> None:
    type_lines(qtbot, view, "Hello", "world")
    assert view.toPlainText() == "Hello\nworld"


def test_tab_nests_an_item_and_shift_tab_brings_it_back(qtbot: QtBot, view: SourceView) -> None:
    type_lines(qtbot, view, "1. parent", "child")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.toPlainText() == "1. parent\n   2. child"
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.toPlainText() == "1. parent\n2. child"


def test_tab_on_selected_items_nests_them_all(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("- a\n- b\n- c\n")
    select(view, 4, 11)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.toPlainText() == "- a\n  - b\n  - c\n"
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.toPlainText() == "- a\n- b\n- c\n"


def test_shift_enter_breaks_the_line_without_a_new_item(qtbot: QtBot, view: SourceView) -> None:
    qtbot.keyClicks(view, "- item")
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(view, "  more")
    assert view.toPlainText() == "- item\n  more"
    assert view.blockCount() == 2


def test_tab_outside_a_list_inserts_spaces(qtbot: QtBot, view: SourceView) -> None:
    qtbot.keyClicks(view, "ab")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClicks(view, "c")
    assert view.toPlainText() == "ab  c"


def test_ctrl_b_makes_the_selection_bold_and_again_undoes_it(qtbot: QtBot, view: SourceView) -> None:
    qtbot.keyClicks(view, "a word here")
    select(view, 2, 6)
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert view.toPlainText() == "a **word** here"
    assert view.textCursor().selectedText() == "word"
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert view.toPlainText() == "a word here"


def test_ctrl_b_on_a_selection_over_two_lines_wraps_it_whole(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("one two\nthree four")
    select(view, 4, 13)
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert view.toPlainText() == "one **two\nthree** four"
    assert view.textCursor().selectedText() == "two\u2029three"


def test_ctrl_b_with_no_selection_puts_the_caret_between_the_stars(qtbot: QtBot, view: SourceView) -> None:
    qtbot.keyClicks(view, "x ")
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view, "bold")
    assert view.toPlainText() == "x **bold**"


def test_ctrl_k_wraps_a_link_and_selects_the_url(qtbot: QtBot, view: SourceView) -> None:
    qtbot.keyClicks(view, "read the docs")
    select(view, 9, 13)
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view, "https://example.org")
    assert view.toPlainText() == "read the [docs](https://example.org)"


def test_italic_and_code_shortcuts(qtbot: QtBot, view: SourceView) -> None:
    qtbot.keyClicks(view, "say f() now")
    select(view, 4, 7)
    qtbot.keyClick(
        view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert view.toPlainText() == "say `f()` now"
    select(view, 0, 3)
    qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert view.toPlainText() == "*say* `f()` now"


def test_formatting_actions_carry_their_shortcuts(view: SourceView) -> None:
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in view.formatting_actions()}
    assert shortcuts == {"Bold": "Ctrl+B", "Italic": "Ctrl+I", "Link": "Ctrl+K", "Code": "Ctrl+Shift+C"}


def test_a_formatting_step_is_undone_in_one_go(qtbot: QtBot, view: SourceView) -> None:
    qtbot.keyClicks(view, "word")
    select(view, 0, 4)
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.toPlainText() == "word"


def test_apply_edits_is_one_undo_step(qtbot: QtBot, view: SourceView) -> None:
    original = "Para one.\n\nPara one.\n\nPara two 😀 end.\n"
    view.setPlainText(original)
    view.apply_edits([TextEdit(9, 20, ""), TextEdit(27, 30, "TWO"), TextEdit(0, 0, "# Title\n\n")])
    assert view.toPlainText() == "# Title\n\nPara one.\n\nPara TWO 😀 end.\n"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.toPlainText() == original


def test_text_round_trips_no_break_spaces_and_line_separators(view: SourceView) -> None:
    view.setPlainText("10\u00a0km\u2028next\r\nlast")
    assert view.toPlainText() == "10\u00a0km\nnext\nlast"
    assert view.blockCount() == 3


def test_pasted_text_breaks_lines_where_it_shows_them(view: SourceView) -> None:
    mime = QMimeData()
    mime.setText("one\u2028two\r\nthree")
    view.insertFromMimeData(mime)
    assert view.toPlainText() == "one\ntwo\nthree"
    assert view.blockCount() == 3


def test_offsets_after_emoji_land_on_the_right_characters(view: SourceView) -> None:
    view.setPlainText("😀😀 abc")
    view.apply_edits([TextEdit(3, 6, "XYZ")])
    assert view.toPlainText() == "😀😀 XYZ"


def underlines(view: SourceView) -> list[tuple[str, str]]:
    """The wavy-underlined spans as (text, underline colour)."""
    spans = []
    for selection in view.extraSelections():
        fmt = QTextCharFormat(selection.format)
        if fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
            spans.append((selection.cursor.selectedText(), fmt.underlineColor().name()))
    return spans


def test_findings_are_underlined_with_a_wavy_line(view: SourceView) -> None:
    view.setPlainText("first line\nsecond line here\nthird")
    view.set_findings(
        [
            finding(2, 8, 2, 12, "Too long."),
            finding(1, 7, 3, 6, "Repeated.", "info"),
            finding(3, 1, 3, 6, "x"),
        ]
    )
    spans = underlines(view)
    texts = {text: colour for text, colour in spans}
    assert set(texts) == {"line", "line\u2029second line here\u2029third", "third"}
    assert texts["line"] != texts["line\u2029second line here\u2029third"]
    view.set_findings([])
    assert underlines(view) == []


def test_underlines_follow_the_text_as_the_writer_types(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("one two")
    view.set_findings([finding(1, 5, 1, 8, "Two.")])
    view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(view, "zero ")
    assert [text for text, _ in underlines(view)] == ["two"]


def test_finding_columns_count_characters_not_utf16_units(view: SourceView) -> None:
    view.setPlainText("😀 word")
    view.set_findings([finding(1, 3, 1, 7, "Here.")])
    assert [text for text, _ in underlines(view)] == ["word"]


def show_tooltip(view: SourceView, position: int) -> str:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    point = view.cursorRect(cursor).center() + QPoint(2, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_hovering_an_underline_shows_the_message(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("Hello there.\nThis line is much too long.")
    view.set_findings([finding(2, 6, 2, 10, "Line is wider than 20 columns.")])
    assert show_tooltip(view, 13 + 7) == "Line is wider than 20 columns."
    show_tooltip(view, 2)
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_select_range_selects_the_span_and_brings_it_into_view(view: SourceView) -> None:
    view.setPlainText("\n".join(f"line {n}" for n in range(1, 501)))
    view.select_range(300, 6, 300, 9)
    assert view.textCursor().selectedText() == "300"
    assert view.top_visible_line() < 299 < view.top_visible_line() + 40


def test_scrolling_reports_the_top_line(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("\n".join(f"line {n}" for n in range(1, 501)))
    with qtbot.waitSignal(view.top_line_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert blocker.args == [view.top_visible_line()]
    assert view.top_visible_line() > 5
    with qtbot.waitSignal(view.top_line_changed) as blocker:
        view.verticalScrollBar().setValue(0)
    assert blocker.args == [0]


def test_scroll_to_line_moves_the_view_without_echoing_the_signal(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText("\n".join(f"line {n}" for n in range(1, 501)))
    with qtbot.assertNotEmitted(view.top_line_changed):
        view.scroll_to_line(120)
    assert view.top_visible_line() == 120
    view.scroll_to_line(100_000)
    assert view.top_visible_line() > 400


def test_zoom_changes_the_font_size(qtbot: QtBot, view: SourceView) -> None:
    font = QFont(view.font())
    font.setPointSize(12)
    view.set_editor_font(font)
    view.zoom_in()
    view.zoom_in()
    assert view.font().pointSizeF() == 14
    view.zoom_out()
    assert view.font().pointSizeF() == 13
    view.reset_zoom()
    assert view.font().pointSizeF() == 12
    for _ in range(20):
        view.zoom_out()
    assert view.font().pointSizeF() >= 6
    for _ in range(100):
        view.zoom_in()
    assert view.font().pointSizeF() <= 72


def test_soft_wrap_is_on_by_default_and_can_be_turned_off(view: SourceView) -> None:
    assert view.lineWrapMode() == view.LineWrapMode.WidgetWidth
    view.set_soft_wrap(False)
    assert view.lineWrapMode() == view.LineWrapMode.NoWrap


def test_dark_theme_darkens_the_background(view: SourceView) -> None:
    view.set_dark(True)
    assert view.palette().base().color().lightness() < 60
    view.set_dark(False)
    assert view.palette().base().color().lightness() > 200


def test_the_editor_is_named_for_screen_readers(view: SourceView) -> None:
    assert view.accessibleName() == "Markdown source"


def test_line_limit_guide_is_drawn(view: SourceView) -> None:
    view.setPlainText("short")
    view.set_line_limit(20)
    image = view.viewport().grab().toImage()
    metrics_x = round(view.document().documentMargin() + view.fontMetrics().horizontalAdvance("x" * 20))
    guide = image.pixelColor(metrics_x, image.height() - 5)
    background = image.pixelColor(metrics_x + 6, image.height() - 5)
    assert guide != background
    view.set_line_limit(0)
    image = view.viewport().grab().toImage()
    assert image.pixelColor(metrics_x, image.height() - 5) == background


def test_ctrl_wheel_zooms(view: SourceView) -> None:
    size = view.font().pointSizeF()
    point = QPointF(20, 20)
    wheel = QWheelEvent(
        point,
        view.viewport().mapToGlobal(point),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.font().pointSizeF() == size + 1
