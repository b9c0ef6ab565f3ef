"""Long drafts open with the light preview (no Chromium); View > Light Preview switches."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from editor.ui import controller
from editor.ui.app import App, prepare_environment
from editor.ui.text_preview import TextPreview
from tests.ui.conftest import OpenWindow
from tests.ui.test_preview_start import run_js

prepare_environment()
pytest.importorskip("PySide6.QtWebEngineWidgets")

from editor.ui.web_preview import WebPreview  # noqa: E402

LONG = "# Archive\n\n" + "".join(f"## Issue {n}\n\nWhat happened in issue {n}.\n\n" for n in range(120))


def _light_page(preview: WebPreview) -> TextPreview | None:
    found = preview.findChild(TextPreview)
    return found if isinstance(found, TextPreview) else None


def _open_long(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[App, WebPreview]:
    """A window (web preview allowed) with LONG open, once its light preview shows."""
    monkeypatch.setattr(controller, "LIGHT_FROM_CHARS", 2_000)  # "long": a short test draft will do
    path = tmp_path / "archive.md"
    path.write_text(LONG, encoding="utf-8")
    app = open_window(path, web=True)
    preview = app.preview
    assert isinstance(preview, WebPreview)
    qtbot.waitUntil(lambda: _light_page(preview) is not None, timeout=5_000)
    return app, preview


def test_a_long_draft_opens_in_the_light_preview_and_the_view_menu_switches(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, preview = _open_long(open_window, qtbot, tmp_path, monkeypatch)
    action = app.window.commands["light_preview"]
    assert action.shortcut().toString() == "Ctrl+Alt+P"
    page = _light_page(preview)
    assert page is not None
    qtbot.waitUntil(lambda: "What happened in issue 119." in page.toPlainText(), timeout=10_000)
    assert action.isChecked() and preview.light
    assert not preview.started  # Chromium never started
    assert "Light preview" in app.status.notice.text()

    action.trigger()  # the writer asks for the web preview
    qtbot.waitUntil(lambda: preview.started and preview._loaded, timeout=30_000)
    assert not action.isChecked() and not preview.light
    assert _light_page(preview) is None or not _light_page(preview).isVisible()
    assert app.status.notice.text() == ""

    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(app.source, Qt.Key.Key_P, keys)  # and back, from the keyboard
    qtbot.waitUntil(lambda: not preview.started and _light_page(preview) is not None, timeout=5_000)
    assert action.isChecked()


def test_a_short_draft_opened_after_a_long_one_gets_the_web_preview_again(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(controller, "LIGHT_FROM_CHARS", 2_000)
    long_path, short_path = tmp_path / "archive.md", tmp_path / "issue.md"
    long_path.write_text(LONG, encoding="utf-8")
    short_path.write_text("# Issue 13\n\nShort and sweet.\n", encoding="utf-8")
    app = open_window(long_path, web=True)
    assert isinstance(app.preview, WebPreview)
    qtbot.waitUntil(lambda: _light_page(app.preview) is not None, timeout=5_000)  # type: ignore[arg-type]
    app.files.load(short_path)
    qtbot.waitUntil(lambda: app.preview.started, timeout=30_000)  # type: ignore[attr-defined]
    assert not app.window.commands["light_preview"].isChecked()


LAUNCH = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor.ui.app import build, open_initial, prepare_environment
prepare_environment()
qapp = QApplication([])
app = build()
app.preview.patched.connect(lambda version: qapp.quit())
QTimer.singleShot(60_000, qapp.quit)
open_initial(app, Path(sys.argv[1]))
qapp.exec()
engine = [name in sys.modules for name in ("PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineCore")]
print(app.preview.light, *engine)
app.worker.close()
"""


def test_launching_with_a_long_draft_never_loads_chromium(tmp_path: Path) -> None:
    draft = tmp_path / "archive.md"
    lines = "".join(f"## Issue {n}\n\nWhat happened in issue {n}, and more.\n\n" for n in range(10_000))
    draft.write_text(lines, encoding="utf-8")
    assert len(lines) >= controller.LIGHT_FROM_CHARS
    env = dict(
        os.environ, XDG_CONFIG_HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen"
    )
    env.pop("ISSUE_DRAFTER_NO_WEBENGINE", None)
    result = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(draft)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "True False False", result.stderr[-2000:]


def test_switching_back_and_forth_leaves_one_web_page(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from editor.ui.web_engine import PreviewPage

    app, preview = _open_long(open_window, qtbot, tmp_path, monkeypatch)
    action = app.window.commands["light_preview"]
    for _ in range(3):  # web, light, web, ... without waiting for a page to load
        action.trigger()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert preview.started
    assert len(preview.findChildren(PreviewPage)) == 1  # the pages of dropped views went with them
    qtbot.waitUntil(lambda: preview._loaded, timeout=30_000)
    assert _light_page(preview) is None
    shown = run_js(qtbot, preview, "document.body.innerText")
    assert "What happened in issue 119." in shown  # the draft reached the page that stayed


def test_the_writers_choice_of_preview_holds_for_the_next_draft(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    first, second = tmp_path / "one.md", tmp_path / "two.md"
    first.write_text("# Issue 13\n\nShort and sweet.\n", encoding="utf-8")
    second.write_text("# Issue 14\n\nShorter.\n", encoding="utf-8")
    app = open_window(first, web=True)
    assert isinstance(app.preview, WebPreview)
    action = app.window.commands["light_preview"]
    assert not action.isChecked()  # a short draft: the web preview
    action.trigger()  # the writer prefers the light one
    qtbot.waitUntil(lambda: _light_page(app.preview) is not None, timeout=5_000)  # type: ignore[arg-type]
    app.files.load(second)
    page = _light_page(app.preview)
    assert action.isChecked() and page is not None and not app.preview.started
    qtbot.waitUntil(lambda: "Shorter." in page.toPlainText(), timeout=5_000)
