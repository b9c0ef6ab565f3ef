"""Bold, Italic, Link and Code in the source editor: the actions with their shortcuts, and the edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

from editor.core.editing import Replacement, code_point_index, make_link, toggle_inline

if TYPE_CHECKING:
    from editor.ui.source_view import SourceView

Change = Callable[[str, int, int], Replacement]


class InlineFormatting:
    """The formatting actions of *view* (added to it, with their shortcuts) and what they do."""

    def __init__(self, view: SourceView) -> None:
        self._view = view
        specs: tuple[tuple[str, str, Change], ...] = (
            ("&Bold", "Ctrl+B", _wrapped("**")),
            ("&Italic", "Ctrl+I", _wrapped("*")),
            ("&Link", "Ctrl+K", make_link),  # (the url selected for typing the address)
            ("&Code", "Ctrl+Shift+C", _wrapped("`")),
        )
        self.actions: list[QAction] = []
        for text, keys, change in specs:
            action = QAction(text, view)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, change=change: self._apply(change))
            view.addAction(action)
            self.actions.append(action)

    def action_for(self, event: QKeyEvent) -> QAction | None:
        """The action whose shortcut *event* is, if any."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return None  # every formatting shortcut holds Ctrl: plain typing skips the matching
        pressed = QKeySequence(event.keyCombination())
        for action in self.actions:
            if action.shortcut().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                return action
        return None

    def _apply(self, change: Change) -> None:
        """Apply *change* to the selection (in one line: to that line's text, which it may unwrap)."""
        view = self._view
        cursor = view.textCursor()
        block = view.document().findBlock(cursor.selectionStart())
        if (
            block.contains(cursor.selectionEnd())
            or cursor.selectionEnd() == block.position() + block.length() - 1
        ):
            text = block.text()
            start = code_point_index(text, cursor.selectionStart() - block.position())
            end = code_point_index(text, cursor.selectionEnd() - block.position())
            view.replace_in_block(block, change(text, start, end))
            return
        selected = cursor.selection().toPlainText()
        view.replace_span(
            cursor.selectionStart(), cursor.selectionEnd(), change(selected, 0, len(selected)), selected
        )


def _wrapped(marker: str) -> Change:
    """Wrap the selection in *marker* or unwrap it; with no selection, a pair around the caret."""
    return lambda text, start, end: toggle_inline(text, start, end, marker)
