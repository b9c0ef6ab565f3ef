"""Fixtures for window tests: a window built with throw-away settings and no update delay."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.app import App, build, open_initial
from editor.ui.preview import NO_WEBENGINE_ENV
from editor.ui.settings_store import SettingsStore

OpenWindow = Callable[..., App]
W = TypeVar("W", bound=QWidget)


def on_screen(qtbot: QtBot, widget: W, width: int, height: int) -> W:
    """*widget* at *width* x *height*, shown and on the screen (closed after the test)."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(qtbot: QtBot, store: SettingsStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenWindow]:
    """Open a window (plain preview unless ``web=True``) with *path*, as ``issue-drafter PATH`` would."""
    opened: list[App] = []

    def _open(path: Path | None = None, *, web: bool = False) -> App:
        if web:
            monkeypatch.delenv(NO_WEBENGINE_ENV, raising=False)
        else:
            monkeypatch.setenv(NO_WEBENGINE_ENV, "1")
        app = build(store, debounce_ms=0)
        # pytest-qt closes the window before fixture teardown: drop unsaved edits first,
        # or the "Unsaved changes" prompt would wait for an answer forever.
        qtbot.addWidget(app.window, before_close_func=lambda _: app.source.document().setModified(False))
        open_initial(app, path)
        qtbot.waitExposed(app.window)
        with qtbot.waitActive(app.window, timeout=2000):
            app.window.activateWindow()
        opened.append(app)
        return app

    yield _open
    for app in opened:  # never leave a modal prompt behind: discard unsaved text on teardown
        app.source.document().setModified(False)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
        app.window.close()


def wait_findings(qtbot: QtBot, app: App, rule: str) -> None:
    """Wait until the panel shows a finding of *rule*."""
    qtbot.waitUntil(lambda: any(f.rule == rule for f in app.panel.findings), timeout=5000)
