"""Typing in the window: counts, findings and the panel keep up with the text, small or large."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.core.lint.model import Finding
from editor.core.live import LivePipeline
from editor.core.stats import text_stats
from editor.ui.app import App
from editor.ui.status import StatusBar
from editor.ui.worker import INPROCESS_LIMIT
from tests.ui.conftest import OpenWindow

PARAGRAPH = "Our release ships a faster importer and a brand new export dialog for everyone."
LONG_LINE = "word " * 30


def _draft(size: int) -> str:
    parts, index = [], 0
    while sum(map(len, parts)) < size:
        parts.append(f"## Section {index}\n\n{PARAGRAPH} Number {index}.\n\n{LONG_LINE}\n")
        index += 1
    return "\n".join(parts)


def _open(open_window: OpenWindow, tmp_path: Path, size: int) -> App:
    path = tmp_path / "draft.md"
    path.write_text(_draft(size), encoding="utf-8")
    return open_window(path)


def _words_shown(app: App) -> int:
    return int(app.status.stats.text().split(" ", 1)[0].replace(",", ""))


def _settled(qtbot: QtBot, app: App) -> None:
    """Wait until the findings and counts of the current version are in."""
    worker = app.worker
    qtbot.waitUntil(lambda: worker.latest_version == app.session.version, timeout=5000)
    worker.flush()
    qtbot.waitUntil(lambda: app.controller.findings_version == app.session.version, timeout=20_000)


@pytest.mark.parametrize("size", [2_000, INPROCESS_LIMIT + 5_000], ids=["here", "worker-process"])
def test_the_word_count_is_right_after_typing_and_after_a_paste(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path, size: int
) -> None:
    app = _open(open_window, tmp_path, size)
    assert (app.worker._process is not None) == (size > INPROCESS_LIMIT)
    app.source.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(app.source, Qt.Key.Key_Return)
    qtbot.keyClicks(app.source, "Three more words")
    _settled(qtbot, app)
    assert _words_shown(app) == text_stats(app.source.toPlainText()).words
    QApplication.clipboard().setText(f"\n\n{PARAGRAPH}\n\n## A pasted heading\n")
    app.source.paste()
    _settled(qtbot, app)
    expected = text_stats(app.source.toPlainText())
    assert _words_shown(app) == expected.words
    assert f"{expected.characters:,} characters" in app.status.stats.text()


def test_the_caret_label_keeps_its_size_and_fits_its_text(qtbot: QtBot) -> None:
    status = StatusBar()
    qtbot.addWidget(status)
    status.show()
    label = status.position
    size = label.size()
    for line, column in ((1, 1), (999, 80), (12_345, 1_234)):
        status.set_position(line, column)
        assert label.size() == size  # no relayout of the status bar on every key
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    status.set_position(123_456_789, 123_456)
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


def test_after_a_burst_of_keys_the_window_shows_exactly_the_findings_of_the_last_text(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    app = _open(open_window, tmp_path, INPROCESS_LIMIT + 5_000)
    _settled(qtbot, app)
    app.panel.select_finding(app.panel.findings[3])
    selected = app.panel.tree.currentItem()
    app.source.moveCursor(QTextCursor.MoveOperation.End)
    for index in range(40):
        qtbot.keyClicks(app.source, "word ")
        if index % 10 == 9:
            qtbot.keyClick(app.source, Qt.Key.Key_Return)
    _settled(qtbot, app)
    fresh = LivePipeline(app.controller.lint_settings())
    fresh.render(app.source.toPlainText(), app.session.version)
    expected = fresh.lint()
    assert app.panel.findings == expected
    assert app.controller.findings == expected
    qtbot.waitUntil(lambda: [f for _, f in app.source.underlines.placed()] == sorted_by_place(expected))
    assert app.panel.tree.currentItem() is selected  # typing at the end kept the selected row
    assert app.status.findings.text().startswith(f"{len(expected)} finding")


def sorted_by_place(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line, f.column))
