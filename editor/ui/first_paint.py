"""Run something once a widget has painted for the first time: work the writer need not wait for.

Opening the window, the first paint is what the writer waits for; starting Chromium,
checking a short draft and highlighting a long one can all come a moment later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """Watches *widget* for its first paint, then runs *callback* on the next turn (and goes away)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # after this paint is flushed to the screen
        return False

    def _run(self) -> None:
        self.deleteLater()
        self._callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call *callback* once *widget* has painted (on the event loop's next turn after the paint)."""
    _FirstPaint(widget, callback)
