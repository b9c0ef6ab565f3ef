"""Render and lint the draft a moment after typing stops; every result carries its document version.

Small drafts are rendered and linted right here on the GUI thread (a few
milliseconds). markdown-it-py holds the GIL for as long as it parses and the
checks take a second on a 1 MB draft, so once a draft is larger than
``inprocess_limit`` characters the work moves to a separate process
(:class:`editor.core.worker_process.WorkerProcess`): the window only sends the text and
applies small render patches. The process always works on the newest text it
has and skips the checks of a text that is already outdated; results for versions
older than the newest request are dropped here.
"""

from __future__ import annotations

import select
import sys
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QWidget

from editor.core.config import LintSettings
from editor.core.lint.model import Finding
from editor.core.worker_process import WORKER_FROM_CHARS, Role, WorkerProcess
from editor.ui.first_paint import after_first_paint

if TYPE_CHECKING:  # the parser and renderer are imported when first used, after the window shows
    from editor.core.live import LivePipeline
    from editor.core.render import RenderResult

FLUSH_TIMEOUT_S = 60.0
INPROCESS_LIMIT = WORKER_FROM_CHARS  # characters: below this, render + lint take a few ms here
MAX_RESTARTS = 3  # worker processes that may die before the work stays on the GUI thread
HOLD_LIMIT_MS = 2000  # hold_until_painted: the longest wait for a first paint
# With the worker process: the longest pause before a text goes to it. At 1 MB, typing 120 keys
# 25 ms apart, taking turns (2026-12-05, ten runs each): caught up 0.20-0.29 s after the last key
# at 80 ms against 0.23-0.37 s at 120 ms, the same CPU per key (3.3-4.3 ms).
HANDOFF_MS = 80


class RenderLintWorker(QObject):
    """Sends each requested version to the worker process and emits what comes back."""

    rendered = Signal(object)  # RenderResult
    measured = Signal(int, object)  # version, TextStats (sent with every render)
    linted = Signal(int, list)  # version, list[Finding]

    def __init__(
        self,
        *,
        delay_ms: int = 250,
        settings: LintSettings | None = None,
        inprocess_limit: int = INPROCESS_LIMIT,
        process: WorkerProcess | None = None,
    ) -> None:
        """*process*: a worker process started earlier (at launch, already parsing the draft)."""
        super().__init__()
        self._settings = settings or LintSettings()
        self._inprocess_limit = inprocess_limit
        self._local: LivePipeline | None = None
        self._pending: tuple[Callable[[], str], int] | None = None
        self._latest = -1
        self._result: RenderResult | None = None  # the worker's last result, patches apply to it
        self._linted = -1
        self._process: WorkerProcess | None = None
        self._arrived: deque[tuple[Any, ...]] = deque()  # messages read but not yet handled
        self._last_sent: tuple[Callable[[], str], int] | None = None  # to resend if the process ends
        self._restarted_for = -1
        self._restarts = 0
        self._notifier: QSocketNotifier | None = None
        self._held = False  # see hold_until_painted
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._send)
        self._delay_ms = 0
        self.set_delay(delay_ms)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)
        if process is not None:
            self._adopt(process)

    @property
    def latest_version(self) -> int:
        """The newest version requested."""
        return self._latest

    def set_delay(self, delay_ms: int) -> None:
        """Wait this long after the last request before working (0: on the next event loop turn).

        Work in the worker process never blocks typing, so a text goes there after at
        most HANDOFF_MS: a burst of keys still collapses into one text, and the preview
        and findings come sooner after the last key.
        """
        self._delay_ms = max(0, delay_ms)
        self._timer.setInterval(self.delay_ms)

    @property
    def delay_ms(self) -> int:
        """How long a request waits for the next one before it is worked on."""
        return min(self._delay_ms, HANDOFF_MS) if self._process is not None else self._delay_ms

    def set_settings(self, settings: LintSettings) -> None:
        """Lint with *settings* from now on, and re-lint the current version."""
        self._settings = settings
        if self._process is not None:
            self._linted = -1
            self._process.set_settings(settings)
        elif self._local is not None:
            self._local.settings = settings
            if self._pending is None and self._local.parsed is not None:
                self._emit_linted(self._local.parsed.document.version, self._local.lint())

    def request(self, text: str, version: int) -> None:
        """Schedule *text* at *version*; an older pending request is dropped."""
        self.request_later(lambda: text, version)

    def request_later(self, text: Callable[[], str], version: int) -> None:
        """Like :meth:`request`, but the text is fetched only when it is sent.

        Copying a 1 MB draft out of the editor takes ~15 ms; while keys come faster
        than the debounce delay, only the last copy is needed.
        """
        self._latest = max(self._latest, version)
        self._pending = (text, version)
        self._timer.start(self.delay_ms)

    def prepare(self, length: int) -> None:
        """A draft of *length* characters is coming (a file being opened): start the worker process
        now if it will need one, so that it starts up while the editor takes the text."""
        if length > self._inprocess_limit:
            self._started()

    def hold_until_painted(self, widget: QWidget) -> None:
        """Keep requests back until *widget* has painted for the first time.

        Opening the window with a short draft, its render and checks (and the checks'
        imports, a tenth of a second) would otherwise come before the window shows.
        """
        self._held = True
        after_first_paint(widget, self._release)
        QTimer.singleShot(HOLD_LIMIT_MS, self, self._release)  # a window that never paints (hidden)

    def _release(self) -> None:
        if self._held:
            self._held = False
            self._send()

    def send_now(self) -> None:
        """Send the pending text without waiting for the delay (a draft was just opened)."""
        self._timer.stop()
        self._send()

    def flush(self) -> None:
        """Send the pending text now and wait until its preview and findings are in."""
        self._held = False
        self._timer.stop()
        self._send()
        deadline = time.monotonic() + FLUSH_TIMEOUT_S
        while self._process is not None and self._behind() and time.monotonic() < deadline:
            select.select([self._process.fileno()], [], [], 0.5)
            try:
                self._arrived.extend(self._process.messages())
            except (EOFError, OSError):
                self._restart()
                self._timer.stop()
                self._send()
            while self._arrived:
                self._handle(self._arrived.popleft())

    def close(self) -> None:
        """Stop the worker process."""
        self._arrived.clear()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()  # it watches a descriptor that is closed below
            self._notifier = None
        if self._process is not None:
            self._process.stop()
            self._process = None

    def results_later(self, length: int) -> bool:
        """Whether the results for a text of *length* characters come later: it goes to the
        worker process, or requests are held until the window has painted."""
        return self._held or self._process is not None or length > self._inprocess_limit

    def _behind(self) -> bool:
        result = self._result
        rendered = result.version if result is not None and result.complete else -1
        return rendered < self._latest or self._linted < self._latest

    def _send(self) -> None:
        if self._pending is None or self._held:
            return
        get_text, version = self._pending
        self._pending = None
        if version < self._latest:
            return
        text = get_text()
        if self._process is None and len(text) <= self._inprocess_limit:
            self._work_here(text, version)
        else:
            self._started().update(text, version)
            self._last_sent = (get_text, version)

    def _work_here(self, text: str, version: int) -> None:
        if self._local is None:
            from editor.core.live import LivePipeline

            self._local = LivePipeline(self._settings)
        self._result = self._local.render(text, version)
        self.rendered.emit(self._result)
        self.measured.emit(version, self._local.text_stats())
        self._emit_linted(version, self._local.lint())

    def _emit_linted(self, version: int, findings: list[Finding]) -> None:
        if version >= self._latest:
            self._linted = version
            self.linted.emit(version, findings)

    def _started(self) -> WorkerProcess:
        return self._process if self._process is not None else self._adopt(WorkerProcess(Role()))

    def _adopt(self, process: WorkerProcess) -> WorkerProcess:
        self._local = None  # the process takes over (its patches start from a whole result)
        self._result = None
        self._process = process
        process.set_settings(self._settings)
        self._notifier = QSocketNotifier(process.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._receive)
        return process

    def _receive(self) -> None:
        """Read what the worker sent: one message is handled now, the rest on later turns of the
        event loop (a preview and a thousand findings arriving together would block it twice as long)."""
        if self._process is None:
            return
        try:
            self._arrived.extend(self._process.messages())
        except (EOFError, OSError):  # the process ended: its end of the pipe reads as closed for ever
            self._restart()
            return
        self._handle_next()

    def _restart(self) -> None:
        """The worker process ended: start another with the last text sent (once per version).

        After MAX_RESTARTS, drafts of any size are worked on right here: a worker that keeps
        dying would otherwise cost a new process (~0.5 s of CPU) for every pause in typing.
        """
        last = self._last_sent
        self.close()
        self._restarts += 1
        if self._restarts > MAX_RESTARTS:
            self._inprocess_limit = sys.maxsize
        if last is not None and last[1] != self._restarted_for:
            self._restarted_for = last[1]
            self._pending = self._pending or last
            self._timer.start(0)

    def _handle_next(self) -> None:
        if self._arrived:
            self._handle(self._arrived.popleft())
        if self._arrived:
            QTimer.singleShot(1, self, self._handle_next)  # a timer, not a posted call: timers run first

    def _handle(self, message: tuple[Any, ...]) -> None:
        """Apply a render patch or take findings; emit them unless a newer one of the kind is waiting."""
        newer = any(waiting[0] == message[0] for waiting in self._arrived)
        if message[0] == "rendered":
            from editor.core.live import apply_patch

            self._result = apply_patch(self._result, message[1])  # (the base of the next patch)
            if self._result.version >= max(self._latest, 0) and not newer:  # (never the launch text's)
                self.rendered.emit(self._result)
                self.measured.emit(self._result.version, message[2])
        elif message[0] == "linted" and not newer:
            self._emit_linted(message[1], message[2])
