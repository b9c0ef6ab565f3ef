"""The find and replace bar under the source editor."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from editor.core.editing import utf16_offsets
from editor.ui.source_view import SourceView


@dataclass(frozen=True)
class Match:
    """Where one match is, in Qt positions (UTF-16 code units)."""

    start: int
    end: int


def find_matches(text: str, needle: str, *, case_sensitive: bool) -> list[tuple[int, int]]:
    """Start and end character offsets of every occurrence of *needle* in *text*, left to right."""
    if not needle:
        return []
    flags = 0 if case_sensitive else re.IGNORECASE
    return [m.span() for m in re.finditer(re.escape(needle), text, flags)]


class FindBar(QWidget):
    """Find (and replace) in *editor*: Enter and F3 go forward, Shift+Enter and Shift+F3 back."""

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._matches: list[Match] | None = None
        self.setAccessibleName("Find and replace")
        self.find_field = _field("Find", "Find in the draft")
        self.replace_field = _field("Replace", "Replace with")
        self.case_box = QCheckBox("&Match case")
        self.case_box.setAccessibleName("Match case")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Match count")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("9999 of 9999"))
        self.previous_button = _button("Previous", "Previous match (Shift+Enter)")
        self.next_button = _button("Next", "Next match (Enter)")
        self.replace_button = _button("Replace", "Replace this match and find the next")
        self.replace_all_button = _button("Replace All", "Replace every match (one undo step)")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Close find bar")
        self.close_button.setToolTip("Close (Escape)")
        self._lay_out()
        self._connect()
        self._add_shortcuts()
        self.hide()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.find_field, 0, 0)
        grid.addWidget(self.previous_button, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.case_box, 0, 3)
        grid.addWidget(self.count_label, 0, 4)
        grid.addWidget(self.close_button, 0, 5)
        grid.addWidget(self.replace_field, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.setColumnStretch(0, 1)

    def _connect(self) -> None:
        self.find_field.textEdited.connect(self._search_as_typed)
        self.find_field.installEventFilter(self)
        self.replace_field.installEventFilter(self)
        self._editor.installEventFilter(self)
        self.case_box.toggled.connect(lambda _checked: self._search_as_typed())
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        self._editor.document().contentsChanged.connect(self._forget_matches)
        self._editor.cursorPositionChanged.connect(self._update_count)

    def _add_shortcuts(self) -> None:
        for keys, slot in (("F3", self.find_next), ("Shift+F3", self.find_previous)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self._editor.addAction(action)

    # -- opening and closing ----------------------------------------------------------

    def show_find(self) -> None:
        """Open in find mode with the editor's selection (one line of it) as the search text."""
        self._open(replace=False)

    def show_replace(self) -> None:
        """Open with the replace field and buttons showing."""
        self._open(replace=True)

    def _open(self, *, replace: bool) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self._forget_matches()
        self._update_count()
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and give the keyboard back to the editor."""
        self.hide()
        self._show_highlights([])
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self._editor:
                return self._editor_key(event)
            return self._field_key(watched, event)
        return super().eventFilter(watched, event)

    def _editor_key(self, event: QKeyEvent) -> bool:
        """Escape in the editor closes the open bar; every other key goes to the editor."""
        if event.key() == Qt.Key.Key_Escape and self.isVisible():
            self.close_bar()
            return True
        return False

    def _field_key(self, watched: QObject, event: QKeyEvent) -> bool:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape:
            self.close_bar()
            return True
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if watched is self.replace_field and not shift:
            self.replace_current()
        elif shift:
            self.find_previous()
        else:
            self.find_next()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    # -- searching ------------------------------------------------------------------

    def matches(self) -> list[Match]:
        """Every match of the find text in the editor, computed once per change of text or options."""
        if self._matches is None:
            text = self._editor.toPlainText()
            spans = find_matches(text, self.find_field.text(), case_sensitive=self.case_box.isChecked())
            flat = utf16_offsets(text, [n for span in spans for n in span])
            self._matches = [Match(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
            self._show_highlights(self._matches)
        return self._matches

    def _show_highlights(self, matches: list[Match]) -> None:
        if isinstance(self._editor, SourceView):
            self._editor.set_match_highlights([(m.start, m.end) for m in matches])

    def _forget_matches(self) -> None:
        self._matches = None
        if self.isVisible():
            self._update_count()

    def _search_as_typed(self) -> None:
        self._forget_matches()
        cursor = self._editor.textCursor()
        self._select_from(cursor.selectionStart(), forward=True)

    def find_next(self) -> None:
        """Select the next match after the selection, wrapping round at the end."""
        self._select_from(self._editor.textCursor().selectionEnd(), forward=True)

    def find_previous(self) -> None:
        """Select the match before the selection, wrapping round at the start."""
        self._select_from(self._editor.textCursor().selectionStart(), forward=False)

    def _select_from(self, position: int, *, forward: bool) -> None:
        matches = self.matches()
        if not matches:
            self._update_count()
            return
        if forward:
            match = next((m for m in matches if m.start >= position), matches[0])
        else:
            match = next((m for m in reversed(matches) if m.end <= position), matches[-1])
        self._select(match)

    def _select(self, match: Match) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(match.start)
        cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.centerCursor()
        self._update_count()

    def _current_index(self) -> int | None:
        cursor = self._editor.textCursor()
        for index, match in enumerate(self.matches()):
            if match.start == cursor.selectionStart() and match.end == cursor.selectionEnd():
                return index
        return None

    def _update_count(self) -> None:
        if not self.isVisible():
            return
        if not self.find_field.text():
            self.count_label.setText("")
            return
        total = len(self.matches())
        index = self._current_index()
        if total == 0:
            self.count_label.setText("No matches")
        elif index is None:
            self.count_label.setText(f"{total} matches" if total != 1 else "1 match")
        else:
            self.count_label.setText(f"{index + 1} of {total}")

    # -- replacing ------------------------------------------------------------------

    def replace_current(self) -> None:
        """Replace the selected match (if the selection is one) and go to the next."""
        index = self._current_index()
        if index is None:
            self.find_next()
            return
        cursor = self._editor.textCursor()
        cursor.insertText(self.replace_field.text())
        self._editor.setTextCursor(cursor)
        self.find_next()

    def replace_all(self) -> None:
        """Replace every match in one undo step."""
        matches = self.matches()
        if not matches:
            return
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        for match in reversed(matches):
            cursor.setPosition(match.start)
            cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(self.replace_field.text())
        cursor.endEditBlock()
        count = len(matches)
        self.count_label.setText(f"Replaced {count}" if count != 1 else "Replaced 1")


def _field(name: str, placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    return field


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button
