"""The web preview in the window: it starts after the window first paints, and loses nothing meanwhile."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from editor.core.render import render_text
from editor.ui.app import App, prepare_environment
from editor.ui.settings_store import SettingsStore
from tests.ui.conftest import OpenWindow

prepare_environment()
pytest.importorskip("PySide6.QtWebEngineWidgets")

from editor.ui import web_engine  # noqa: E402
from editor.ui.web_engine import WORLD  # noqa: E402
from editor.ui.web_preview import WebPreview  # noqa: E402

DRAFT = "# Spring issue\n\nOur release ships a faster importer.\n\n" + "".join(
    f"## Part {n}\n\nParagraph {n} of the issue.\n\n" for n in range(60)
)


def run_js(qtbot: QtBot, view: WebPreview, code: str) -> Any:
    results: list[str] = []
    view.page().runJavaScript(f"JSON.stringify({code})", WORLD, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    return json.loads(results[0])


def _web_window(open_window: OpenWindow, path: Path) -> tuple[App, WebPreview]:
    app = open_window(path, web=True)
    assert isinstance(app.preview, WebPreview)
    return app, app.preview


def test_the_draft_opened_with_the_window_reaches_the_page_in_the_chosen_theme(
    open_window: OpenWindow, qtbot: QtBot, store: SettingsStore, tmp_path: Path
) -> None:
    store.save_preferences(dataclasses.replace(store.preferences(), theme="dark"))
    path = tmp_path / "issue.md"
    path.write_text(DRAFT, encoding="utf-8")
    _, preview = _web_window(open_window, path)
    qtbot.waitUntil(lambda: preview.started and preview._loaded, timeout=20_000)
    qtbot.waitUntil(
        lambda: "Paragraph 59" in run_js(qtbot, preview, "document.body.innerText"), timeout=20_000
    )
    assert "Our release ships a faster importer." in run_js(qtbot, preview, "document.body.innerText")
    background = run_js(qtbot, preview, "getComputedStyle(document.body).backgroundColor")
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")  # the dark page, not the light one


def test_the_page_comes_after_the_editor_in_the_tab_order(open_window: OpenWindow, qtbot: QtBot) -> None:
    app = open_window(web=True)
    preview = app.preview
    assert isinstance(preview, WebPreview)
    qtbot.waitUntil(lambda: preview.started, timeout=20_000)
    chain, widget = [], app.source.nextInFocusChain()
    while widget is not app.source and len(chain) < 500:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    in_preview = next(i for i, w in enumerate(chain) if preview.isAncestorOf(w))
    in_panel = next(i for i, w in enumerate(chain) if w is app.panel or app.panel.isAncestorOf(w))
    assert in_preview < in_panel


def test_a_web_engine_that_cannot_start_leaves_the_simple_preview_and_says_why(
    open_window: OpenWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken() -> None:
        raise RuntimeError("no GPU process")

    monkeypatch.setattr(web_engine, "shared_profile", broken)
    path = tmp_path / "issue.md"
    path.write_text(DRAFT, encoding="utf-8")
    app, preview = _web_window(open_window, path)
    qtbot.waitUntil(lambda: preview._fallback is not None, timeout=20_000)
    fallback = preview._fallback
    assert fallback is not None
    qtbot.waitUntil(lambda: "Paragraph 59" in fallback.toPlainText(), timeout=10_000)
    assert "web preview could not start (no GPU process)" in app.status.notice.text()


def test_the_simple_preview_taking_over_keeps_the_scroll_position(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("no GPU process")

    monkeypatch.setattr(web_engine, "shared_profile", broken)
    view = WebPreview()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show_result(render_text(DRAFT, source_lines=True))
    view.scroll_to_line(DRAFT.count("\n") // 2)  # before the page could start
    view.show()
    qtbot.waitUntil(lambda: view._fallback is not None, timeout=10_000)
    fallback = view._fallback
    assert fallback is not None
    bar = fallback.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() > 0.3 * bar.maximum(), timeout=5000)
