"""Find and replace with the keyboard, as a writer does it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.find_bar import FindBar
from editor.ui.source_view import SourceView

TEXT = "Rust news. More rust here.\nRUST at the end, rust."


@pytest.fixture
def parts(qtbot: QtBot) -> Iterator[tuple[SourceView, FindBar]]:
    window = QWidget()
    layout = QVBoxLayout(window)
    view = SourceView()
    bar = FindBar(view)
    layout.addWidget(view)
    layout.addWidget(bar)
    qtbot.addWidget(window)
    window.resize(700, 400)
    window.show()
    qtbot.waitExposed(window)
    view.setPlainText(TEXT)
    view.setFocus()
    yield view, bar
    del window


def test_typing_a_word_finds_it_and_counts_the_matches(
    qtbot: QtBot, parts: tuple[SourceView, FindBar]
) -> None:
    view, bar = parts
    bar.show_find()
    assert bar.find_field.hasFocus()
    assert not bar.replace_field.isVisible()
    qtbot.keyClicks(bar.find_field, "rust")
    assert view.textCursor().selectionStart() == 0
    assert bar.count_label.text() == "1 of 4"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert view.textCursor().selectionStart() == 16
    assert bar.count_label.text() == "2 of 4"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "1 of 4"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "4 of 4"


def test_f3_goes_to_the_next_match(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    _, bar = parts
    bar.show_find()
    qtbot.keyClicks(bar.find_field, "rust")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_F3)
    assert bar.count_label.text() == "2 of 4"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "1 of 4"


def test_match_case(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    view, bar = parts
    bar.show_find()
    qtbot.keyClicks(bar.find_field, "RUST")
    bar.case_box.setChecked(True)
    assert bar.count_label.text() == "1 of 1"
    assert view.textCursor().selectedText() == "RUST"


def test_nothing_found_says_so(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    _, bar = parts
    bar.show_find()
    qtbot.keyClicks(bar.find_field, "python")
    assert bar.count_label.text() == "No matches"


def test_escape_closes_the_bar_and_returns_to_the_editor(
    qtbot: QtBot, parts: tuple[SourceView, FindBar]
) -> None:
    view, bar = parts
    bar.show_find()
    qtbot.keyClicks(bar.find_field, "news")
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert view.hasFocus()
    qtbot.keyClicks(view, "good ")
    assert view.toPlainText().startswith("Rust good . More")


def test_escape_in_the_editor_closes_the_bar(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    view, bar = parts
    bar.show_find()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_starts_from_the_selected_word(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    view, bar = parts
    cursor = view.textCursor()
    cursor.setPosition(5)
    cursor.setPosition(9, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    bar.show_find()
    assert bar.find_field.text() == "news"
    assert bar.count_label.text() == "1 of 1"


def test_replace_one_by_one_with_enter(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    view, bar = parts
    bar.show_replace()
    assert bar.replace_field.isVisible()
    qtbot.keyClicks(bar.find_field, "rust")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Tab)
    qtbot.keyClicks(bar.replace_field, "Zig")
    qtbot.keyClick(bar.replace_field, Qt.Key.Key_Return)
    assert view.toPlainText().startswith("Zig news. More rust here.")
    assert bar.count_label.text() == "1 of 3"
    qtbot.keyClick(bar.replace_field, Qt.Key.Key_Return)
    assert view.toPlainText().startswith("Zig news. More Zig here.")


def test_replace_all_is_one_undo_step(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    view, bar = parts
    bar.show_replace()
    qtbot.keyClicks(bar.find_field, "rust")
    bar.replace_field.setFocus()
    qtbot.keyClicks(bar.replace_field, "Zig")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert view.toPlainText() == "Zig news. More Zig here.\nZig at the end, Zig."
    assert bar.count_label.text() == "Replaced 4"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.toPlainText() == TEXT


def test_widgets_are_named_for_screen_readers(parts: tuple[SourceView, FindBar]) -> None:
    _, bar = parts
    names = {
        w.accessibleName()
        for w in (bar.find_field, bar.replace_field, bar.case_box, bar.next_button, bar.previous_button)
    }
    assert names == {"Find", "Replace", "Match case", "Next", "Previous"}


def tinted(view: SourceView) -> list[str]:
    """The text of every span with a background tint (the search matches)."""
    return [
        s.cursor.selectedText()
        for s in view.extraSelections()
        if QTextCharFormat(s.format).hasProperty(QTextCharFormat.Property.BackgroundBrush)
    ]


def test_every_match_is_tinted_until_the_bar_closes(qtbot: QtBot, parts: tuple[SourceView, FindBar]) -> None:
    view, bar = parts
    bar.show_find()
    qtbot.keyClicks(bar.find_field, "rust")
    assert tinted(view) == ["Rust", "rust", "RUST", "rust"]
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert tinted(view) == []
