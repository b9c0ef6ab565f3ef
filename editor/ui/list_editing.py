"""Enter, Tab and Shift+Tab in the source editor: continue, end, indent and outdent list items."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextBlock, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.editing import (
    Replacement,
    code_point_index,
    continue_list,
    indent_line,
    indent_step,
    outdent_line,
    outdent_step,
    parse_list_item,
    spaces_to_tab_stop,
    utf16_length,
)

LOOKBACK = 200


class _Editor(Protocol):
    def replace_in_block(self, block: QTextBlock, replacement: Replacement) -> None: ...


class ListEditing:
    """Turns Enter, Tab and Shift+Tab into list edits on *view*; each edit is one undo step."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self._view = view

    def handle_key(self, event: QKeyEvent) -> bool:
        """Handle *event* if it is a list key here; False lets the editor do its default.

        Shift+Enter breaks the line without a new item, and with a real newline:
        Qt's default would insert U+2028, which is not a line break in the draft.
        """
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            return self._enter()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers == Qt.KeyboardModifier.ShiftModifier:
            self._view.textCursor().insertText("\n")
            self._view.ensureCursorVisible()
            return True
        if key == Qt.Key.Key_Tab and plain:
            return self._tab(indent=True)
        if key == Qt.Key.Key_Backtab or (
            key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.ShiftModifier
        ):
            return self._tab(indent=False)
        return False

    def _enter(self) -> bool:
        cursor = self._view.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        text = block.text()
        replacement = continue_list(text, code_point_index(text, cursor.positionInBlock()))
        if replacement is None:
            return False
        editor: _Editor = self._view  # type: ignore[assignment]
        editor.replace_in_block(block, replacement)
        self._view.ensureCursorVisible()
        return True

    def _tab(self, *, indent: bool) -> bool:
        cursor = self._view.textCursor()
        document = self._view.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        if last != first and cursor.selectionEnd() == last.position():
            last = last.previous()
        text = first.text()
        above = _lines_above(first)
        if last == first and indent and parse_list_item(text) is None:
            column = code_point_index(text, cursor.selectionStart() - first.position())
            cursor.insertText(spaces_to_tab_stop(column))
            return True
        step = indent_step(text, above) if indent else outdent_step(text, above)
        if step == 0:
            return True
        edit = QTextCursor(document)
        edit.beginEditBlock()
        block = first
        while block.isValid():
            line = block.text()
            _replace_line(edit, block, indent_line(line, step) if indent else outdent_line(line, step))
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()
        return True


def _lines_above(block: QTextBlock) -> list[str]:
    lines: list[str] = []
    block = block.previous()
    while block.isValid() and len(lines) < LOOKBACK:
        lines.append(block.text())
        block = block.previous()
    lines.reverse()
    return lines


def _replace_line(cursor: QTextCursor, block: QTextBlock, new: str) -> None:
    """Change *block*'s text to *new*, touching only the part that differs so cursors stay put."""
    old = block.text()
    if old == new:
        return
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = block.position() + utf16_length(old[:head])
    cursor.setPosition(start)
    cursor.setPosition(start + utf16_length(old[head : len(old) - tail]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[head : len(new) - tail])
