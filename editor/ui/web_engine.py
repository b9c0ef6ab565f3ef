"""QtWebEngine for the preview: the guarded profile, the page, and a web view made from them.

Imported by :class:`editor.ui.web_preview.WebPreview` when it starts, after the window has
first painted: importing QtWebEngine takes a few hundredths of a second of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from editor.ui.preview import LOCAL_SCHEMES, REMOTE_SCHEMES, open_externally, preview_script

WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_Nav = QWebEnginePage.NavigationType


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Lets local resources through; remote images only when allowed; everything else is blocked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.remote_images = False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        scheme = url.scheme().lower()
        if scheme in LOCAL_SCHEMES:
            return
        image = info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
        if scheme in REMOTE_SCHEMES and image and self.remote_images:
            info.setHttpHeader(b"Referer", b"")
            return
        info.block(True)


_profile: QWebEngineProfile | None = None
_guard: RequestGuard | None = None


def shared_profile() -> tuple[QWebEngineProfile, RequestGuard]:
    """One off-the-record profile for the app: no disk storage, no cookies at all, requests guarded."""
    global _profile, _guard
    if _profile is None or _guard is None:
        _profile = QWebEngineProfile(QApplication.instance())
        _profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        _profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        _profile.cookieStore().setCookieFilter(lambda _request: False)
        _guard = RequestGuard(_profile)
        _profile.setUrlRequestInterceptor(_guard)
    return _profile, _guard


class PreviewPage(QWebEnginePage):
    """Only the app loads pages here; clicked links go to the system browser."""

    def acceptNavigationRequest(self, url: QUrl | str, nav_type: _Nav, is_main_frame: bool) -> bool:
        url = QUrl(url)
        if nav_type == _Nav.NavigationTypeLinkClicked:
            here = self.url().toString().partition("#")[0]
            if url.hasFragment() and url.toString().partition("#")[0] == here:
                return True  # footnotes and other in-page anchors
            open_externally(url)
            return False
        return nav_type in (_Nav.NavigationTypeTyped, _Nav.NavigationTypeReload)


def _lock_down(settings: QWebEngineSettings) -> None:
    attribute = QWebEngineSettings.WebAttribute
    for name, on in (
        (attribute.JavascriptEnabled, False),
        (attribute.JavascriptCanOpenWindows, False),
        (attribute.JavascriptCanAccessClipboard, False),
        (attribute.LocalContentCanAccessRemoteUrls, False),
        (attribute.LocalContentCanAccessFileUrls, True),
        (attribute.PluginsEnabled, False),
        (attribute.ErrorPageEnabled, False),
        (attribute.NavigateOnDropEnabled, False),
        (attribute.WebGLEnabled, False),
        (attribute.AutoLoadIconsForPage, False),
        (attribute.PdfViewerEnabled, False),
    ):
        settings.setAttribute(name, on)


def make_view(
    parent: QWidget,
    *,
    remote_images: bool,
    loaded: Callable[[bool], None],
    scrolled: Callable[[QPointF], None],
) -> tuple[QWebEngineView, RequestGuard]:
    """A locked-down web view on the shared profile, with the preview's script; its request guard."""
    profile, guard = shared_profile()
    guard.remote_images = remote_images
    view = QWebEngineView(parent)
    page = PreviewPage(profile, view)  # the view's: deleting the view deletes the page (and its renderer)
    script = QWebEngineScript()
    script.setName("issue-drafter-preview")
    script.setSourceCode(preview_script())
    script.setWorldId(WORLD)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setRunsOnSubFrames(False)
    page.scripts().insert(script)
    _lock_down(page.settings())
    page.loadFinished.connect(loaded)
    page.scrollPositionChanged.connect(scrolled)
    view.setAccessibleName("Preview page")
    view.setAcceptDrops(False)
    view.setPage(page)
    return view, guard
