"""Regression guard: PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call.

The process then dies with ``none_dealloc`` after enough highlighting; pyproject pins
PySide6 below 6.12 on Python 3.11. This test fails fast if a bad build slips in.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.ui.highlighter import MarkdownHighlighter

CALLS = 20_000
TOLERANCE = 1_000


class CountingHighlighter(MarkdownHighlighter):
    """Counts the ``setFormat`` calls that reach Qt."""

    formats = 0

    def setFormat(self, start: int, count: int, fmt: QTextCharFormat) -> None:  # type: ignore[override]
        self.formats += 1
        super().setFormat(start, count, fmt)


def test_highlighting_and_set_plain_text_keep_none_alive(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    highlighter = CountingHighlighter(editor.document())
    text = "- item\n" * 1_990
    editor.setPlainText("warm up")
    QApplication.processEvents()
    gc.collect()
    before = sys.getrefcount(None)
    calls = 0
    while calls + highlighter.formats < CALLS:
        editor.setPlainText(text if calls % 2 else "")
        calls += 1
    gc.collect()
    after = sys.getrefcount(None)
    assert calls + highlighter.formats >= CALLS
    assert after > before - TOLERANCE, f"None lost {before - after} references in {CALLS} Qt calls"
