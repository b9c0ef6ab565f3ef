"""The QtWebEngine preview: no draft JavaScript, links to the system browser, remote images on request."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.ui.first_paint import after_first_paint
from editor.ui.preview import (
    Patch,
    chunks,
    diff_blocks,
    focus_within,
    folder_url,
    js_call,
    shell_page,
    theme_css,
)
from editor.ui.text_preview import TextPreview

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from editor.core.render import RenderedBlock, RenderResult
    from editor.ui.web_engine import RequestGuard

LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#1b1e23"


def _background(dark: bool) -> QColor:
    return QColor(DARK_BACKGROUND if dark else LIGHT_BACKGROUND)


class WebPreview(QWidget):
    """Shows render results; after the first load only changed blocks are patched into the page.

    The web view inside is made by :meth:`start`, right after the window's first paint:
    a QWebEngineView starts Chromium (a tenth of a second) as soon as it is shown, and
    the window would wait for that. What comes before (a render, a theme, a scroll
    position) is kept and put on the page once it has loaded; until then the pane shows
    the page's background.

    :meth:`use_light` shows the light preview (:class:`TextPreview`, no Chromium) instead;
    so does a web view that cannot start, for good (:attr:`problem` says why).
    """

    top_line_changed = Signal(int)
    patched = Signal(int)  # the version now on the page
    problem = Signal(str)  # the web view could not start: the light preview shows instead

    def __init__(self, parent: QWidget | None = None, *, light_only: bool = False) -> None:
        """*light_only*: QtWebEngine cannot be used here; the light preview shows from the start."""
        super().__init__(parent)
        self.setAccessibleName("Preview")
        self.setAcceptDrops(False)
        self.setAutoFillBackground(True)
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self._view: QWebEngineView | None = None
        self._fallback: TextPreview | None = None  # the light preview, when it shows
        self._light = False  # asked for the light preview
        self._failed = light_only  # the web view cannot start
        self._guard: RequestGuard | None = None  # with the view
        self._world = 0  # the script world of the app's own script, once the view exists
        self._remote_images = False
        self._waiting = False  # for the window's first paint, to start the page
        self._dark = False
        self._folder: Path | None = None
        self._loaded = False
        self._shown: tuple[RenderedBlock, ...] = ()
        self._result: RenderResult | None = None
        self._line = 0
        self._fill_background()

    def _fill_background(self) -> None:
        """The pane's colour: the page's background, seen before the page is there."""
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, _background(self._dark))
        self.setPalette(palette)

    @property
    def started(self) -> bool:
        """Whether the web view exists (Chromium has started)."""
        return self._view is not None

    def page(self) -> QWebEnginePage:
        """The preview's page (the view is made now if it was not yet)."""
        self.start()
        if self._view is None:
            raise RuntimeError("the web preview could not start")
        return self._view.page()

    def start(self) -> None:
        """Make the web view with its page and load the preview's shell (once).

        If making it raises (QtWebEngine failing to start in a way Python sees), the light
        preview takes its place and :attr:`problem` says why.
        """
        if self._view is not None or self._fallback is not None:
            return
        if self.light:
            self._show_light()
            return
        try:
            from editor.ui import web_engine  # QtWebEngine itself, imported now

            view, self._guard = web_engine.make_view(
                self,
                remote_images=self._remote_images,
                loaded=self._on_loaded,
                scrolled=self._on_page_scrolled,
            )
            self._world = web_engine.WORLD
        except Exception as error:  # whatever Chromium's start raised, the writer needs a preview
            self._failed = True
            self._show_light()
            self.problem.emit(f"Light preview: the web preview could not start ({error}).")
            return
        self._view = view
        self._load_shell()
        cast(QVBoxLayout, self.layout()).addWidget(view)
        QWidget.setTabOrder(self, view)  # where the pane is in the window's tab order, not last
        # (no setFocusProxy: Qt would move this pane to the end of the tab order)

    @property
    def light(self) -> bool:
        """Whether the light preview shows (or will, once the window has painted)."""
        return self._light or self._failed

    def use_light(self, light: bool) -> None:
        """Show the light preview instead of the web page, or the web page again.

        Switching drops the other one: without a page, Chromium's renderer process ends.
        """
        if light == self._light:
            return
        self._light = light
        if self._failed or (self._view is None and self._fallback is None):
            return  # start() makes the one asked for
        old = self._view or self._fallback
        if self._view is not None:  # its page may still report a load before it goes
            self._view.page().loadFinished.disconnect()
            self._view.page().scrollPositionChanged.disconnect()
        self._view, self._fallback, self._guard, self._loaded, self._shown = None, None, None, False, ()
        if old is not None:
            self.layout().removeWidget(old)
            old.deleteLater()
        self.start()

    def _show_light(self) -> None:
        """Show the light preview, with everything shown so far."""
        fallback = self._fallback = TextPreview(self, dark=self._dark)
        fallback.setAccessibleName("Preview page")
        fallback.top_line_changed.connect(self.top_line_changed)
        fallback.patched.connect(self.patched)
        fallback.set_base_folder(self._folder)
        cast(QVBoxLayout, self.layout()).addWidget(fallback)
        QWidget.setTabOrder(self, fallback)
        if self._result is not None:
            self.show_result(self._result)
            line = self._line  # once the new view is laid out, or it has no range to scroll in
            QTimer.singleShot(0, fallback, lambda: fallback.scroll_to_line(line))

    def showEvent(self, event: QShowEvent) -> None:
        """On first show: start the page once the window has painted (at once if this is the window)."""
        super().showEvent(event)
        if self._view is None and self._fallback is None and not self._waiting:
            self._waiting = True
            top = self.window()
            if top is self:
                QTimer.singleShot(0, self, self.start)
            else:
                after_first_paint(top, self.start)

    def _load_shell(self) -> None:
        self._loaded = False
        self._shown = ()
        if self._view is None:
            return  # start() loads it
        self.page().setBackgroundColor(_background(self._dark))
        self.page().setHtml(shell_page(self._dark), folder_url(self._folder))

    def _on_loaded(self, ok: bool) -> None:
        self._loaded = True
        if self._result is not None:
            self.show_result(self._result)
            self.scroll_to_line(self._line)

    def show_result(self, result: RenderResult) -> None:
        """Show *result*: the first time in parts, afterwards only the blocks that changed."""
        self._result = result
        if self._fallback is not None:
            self._fallback.show_result(result)  # (it says when the result is on screen)
            return
        if not self._loaded:
            return
        self._send(diff_blocks(self._shown, result.blocks))
        self._shown = result.blocks
        if result.complete:  # (the first blocks of a long draft come before the rest)
            self.page().runJavaScript("0", self._world, lambda _r, v=result.version: self.patched.emit(v))

    def _send(self, patch: Patch) -> None:
        pieces = chunks(patch.blocks) or [("", 0)]
        index, remove = patch.head, patch.remove
        for number, (html, count) in enumerate(pieces):
            tail = list(patch.tail_lines) if number == len(pieces) - 1 else []
            self.page().runJavaScript(js_call("issueDrafterPatch", index, remove, html, tail), self._world)
            index, remove = index + count, 0

    def set_dark(self, dark: bool) -> None:
        """Use the dark or the light stylesheet (swapped in place, the scroll position stays)."""
        if dark == self._dark:
            return
        self._dark = dark
        self._fill_background()
        if self._fallback is not None:
            self._fallback.set_dark(dark)
        if self._view is None:
            return
        self.page().setBackgroundColor(_background(dark))
        if self._loaded:
            self.page().runJavaScript(js_call("issueDrafterSetStyle", theme_css(dark)), self._world)

    def set_base_folder(self, folder: Path | None) -> None:
        """Resolve relative images against *folder* (reloads the page when it changes)."""
        if folder != self._folder:
            self._folder = folder
            if self._fallback is not None:
                self._fallback.set_base_folder(folder)
            self._load_shell()

    def set_remote_images(self, allowed: bool) -> None:
        """Load images from the web (off by default); reloads the page to fetch or drop them."""
        if allowed != self._remote_images:
            self._remote_images = allowed
            if self._guard is not None:
                self._guard.remote_images = allowed
                self._load_shell()

    def scroll_to_line(self, line: int) -> None:
        """Scroll so that the block showing 0-based source *line* is at the top."""
        self._line = line
        if self._fallback is not None:
            self._fallback.scroll_to_line(line)
        elif self._loaded:
            self.page().runJavaScript(js_call("issueDrafterScrollTo", line), self._world)

    def _on_page_scrolled(self, _position: QPointF) -> None:
        if not (self.underMouse() or focus_within(self)):
            return  # the page moved because its content changed, not because the writer scrolled it
        self.page().runJavaScript("issueDrafterTopLine()", self._world, self._report_top_line)

    def _report_top_line(self, line: object) -> None:
        if isinstance(line, (int, float)) and line >= 0:
            self._line = int(line)
            self.top_line_changed.emit(int(line))
