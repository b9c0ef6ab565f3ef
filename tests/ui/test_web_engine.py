"""The preview's page lets nothing navigate it: links open in the system browser, in-page anchors stay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from editor.ui.app import prepare_environment

prepare_environment()
pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtWebEngineCore import QWebEnginePage  # noqa: E402

from editor.ui.web_engine import PreviewPage, shared_profile  # noqa: E402

Nav = QWebEnginePage.NavigationType


@pytest.fixture
def page(qtbot: QtBot) -> PreviewPage:
    profile, _guard = shared_profile()
    page = PreviewPage(profile)
    page.setHtml('<p><a href="#note">note</a></p><p id="note">Note.</p>', QUrl("file:///drafts/"))
    qtbot.waitUntil(lambda: page.url().toString().startswith("file:"), timeout=20_000)
    return page


def test_a_clicked_web_link_opens_in_the_browser_not_in_the_preview(
    page: PreviewPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    clicked = Nav.NavigationTypeLinkClicked
    assert not page.acceptNavigationRequest(QUrl("https://example.com/news"), clicked, True)
    assert not page.acceptNavigationRequest(QUrl("mailto:editor@example.com"), clicked, True)
    assert opened == ["https://example.com/news", "mailto:editor@example.com"]


def test_in_page_anchors_work_and_nothing_else_navigates_the_preview(
    page: PreviewPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: pytest.fail(f"opened {url.toString()}"))
    here = page.url().toString().partition("#")[0]
    assert page.acceptNavigationRequest(QUrl(here + "#note"), Nav.NavigationTypeLinkClicked, True)
    assert not page.acceptNavigationRequest(QUrl("file:///etc/passwd"), Nav.NavigationTypeLinkClicked, True)
    assert not page.acceptNavigationRequest(QUrl("https://example.com/"), Nav.NavigationTypeRedirect, True)
    assert not page.acceptNavigationRequest(
        QUrl("https://example.com/"), Nav.NavigationTypeFormSubmitted, True
    )
