"""Render and lint the draft a moment after typing stops; every result carries its document version.

The work runs on the GUI thread after a debounce for now. The interface
(``request(text, version)`` in; ``rendered`` and ``linted`` out, stale versions
dropped) is what the window relies on, so the work can move to a thread or a
process without touching the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint.engine import lint_parsed
from editor.core.markdown import MarkdownParser, ParsedDocument
from editor.core.render import Renderer, create_render_markdown


class RenderLintWorker(QObject):
    """Parses each requested version once, renders it and lints the same tokens."""

    rendered = Signal(object)  # RenderResult
    linted = Signal(int, list)  # version, list[Finding]

    def __init__(self, *, delay_ms: int = 250, settings: LintSettings | None = None) -> None:
        super().__init__()
        md = create_render_markdown()
        self._parser = MarkdownParser(md)
        self._renderer = Renderer(md)
        self._settings = settings or LintSettings()
        self._pending: tuple[str, int] | None = None
        self._latest = -1
        self._parsed: ParsedDocument | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._work)
        self.set_delay(delay_ms)

    @property
    def latest_version(self) -> int:
        """The newest version requested."""
        return self._latest

    def set_delay(self, delay_ms: int) -> None:
        """Wait this long after the last request before working (0: on the next event loop turn)."""
        self._timer.setInterval(max(0, delay_ms))

    def set_settings(self, settings: LintSettings) -> None:
        """Lint with *settings* from now on, and re-lint the current version."""
        self._settings = settings
        if self._pending is None and self._parsed is not None:
            self._lint(self._parsed)

    def request(self, text: str, version: int) -> None:
        """Schedule *text* at *version*; an older pending request is dropped."""
        self._latest = max(self._latest, version)
        self._pending = (text, version)
        self._timer.start()

    def flush(self) -> None:
        """Do the pending work now (before an export, or in tests)."""
        if self._pending is not None:
            self._timer.stop()
            self._work()

    def _work(self) -> None:
        if self._pending is None:
            return
        text, version = self._pending
        self._pending = None
        if version < self._latest:
            return
        parsed = self._parser.parse(Document(text, version=version))
        self._parsed = parsed
        self.rendered.emit(self._renderer.render(parsed))
        self._lint(parsed)

    def _lint(self, parsed: ParsedDocument) -> None:
        version = parsed.document.version
        if version < self._latest:
            return
        self.linted.emit(version, lint_parsed(parsed, self._settings))
