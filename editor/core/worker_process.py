"""The worker process the window hands long drafts to, and the connection to it.

Kept apart from :mod:`editor.core.live` (the parser, the renderer): the window starts
a worker process while it opens a long draft, before it needs any of those itself.
The process imports them (:func:`editor.core.live.serve`).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import subprocess
import sys
import threading
from collections import deque
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Protocol

from editor.core.config import LintSettings


class Connection(Protocol):
    """The part of ``multiprocessing.connection.Connection`` that :func:`serve` uses."""

    def send(self, obj: Any) -> None: ...
    def recv(self) -> Any: ...
    def poll(self, timeout: float | None = ...) -> bool: ...


def _enqueue(queue: deque[tuple[Any, ...]], message: tuple[Any, ...]) -> None:
    """Queue *message*; a text waiting last in the queue is replaced by a newer one (never sent twice)."""
    if message[0] == "update" and queue and queue[-1][0] == "update":
        queue[-1] = message
    else:
        queue.append(message)


class Inbox:
    """A connection read by a thread of its own: senders never block on a busy reader.

    Consecutive texts collapse to the newest; other messages keep their order.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._queue: deque[tuple[Any, ...]] = deque()
        self._ready = threading.Condition()
        threading.Thread(target=self._read, daemon=True, name="inbox").start()

    def _read(self) -> None:
        message: tuple[Any, ...] = ("update",)
        while message[0] != "stop":
            try:
                message = self._connection.recv()
            except (EOFError, OSError):
                message = ("stop",)
            with self._ready:
                _enqueue(self._queue, message)
                self._ready.notify_all()

    def send(self, obj: Any) -> None:
        """Send on the underlying connection."""
        self._connection.send(obj)

    def recv(self) -> Any:
        """The next message, waiting for one."""
        with self._ready:
            self._ready.wait_for(lambda: bool(self._queue))
            return self._queue.popleft()

    def poll(self, timeout: float | None = 0.0) -> bool:
        """Whether a message is waiting (within *timeout* seconds)."""
        with self._ready:
            return self._ready.wait_for(lambda: bool(self._queue), timeout)


class _Outbox:
    """Sends from a thread of its own, so that the caller never waits for a busy worker."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._queue: deque[tuple[Any, ...]] = deque()
        self._ready = threading.Condition()
        threading.Thread(target=self._write, daemon=True, name="outbox").start()

    def put(self, message: tuple[Any, ...]) -> None:
        with self._ready:
            _enqueue(self._queue, message)
            self._ready.notify_all()

    def _write(self) -> None:
        message: tuple[Any, ...] = ("update",)
        while message[0] != "stop":
            with self._ready:
                self._ready.wait_for(lambda: bool(self._queue))
                message = self._queue.popleft()
            try:
                self._connection.send(message)
            except OSError:
                return


@dataclass(frozen=True)
class Role:
    """What a worker does with each text: render it, lint it, or both.

    ``lint_quiet``: lint only once no newer text has come for this long (seconds),
    but never let findings fall more than ``lint_max_wait`` behind.
    """

    render: bool = True
    lint: bool = True
    lint_quiet: float = 0.0
    lint_max_wait: float = 2.0


WORKER_FROM_CHARS = 20_000  # drafts longer than this are worked on in a worker process
LAUNCH_VERSION = -1  # the version of a draft's text sent at launch, before the window has it


def worker_for_launch(text: str) -> WorkerProcess | None:
    """A worker process already at work on *text*, if the draft is long enough to need one.

    The command line starts it before the window's imports: the process imports the
    parser and renderer and parses the draft while the window starts. When the window
    then sends the same text, the parse is done (its results for LAUNCH_VERSION are for
    no version the window shows).
    """
    if len(text) <= WORKER_FROM_CHARS:
        return None
    process = WorkerProcess(Role())
    process.update(text, LAUNCH_VERSION)
    return process


def _serve_process(connection: Connection, role: Role | None) -> None:
    from editor.core.live import serve, settle_heap
    from editor.core.markdown import prepare_parsing_process

    prepare_parsing_process()
    with suppress(BrokenPipeError, ConnectionResetError):  # the window is gone (it quit or crashed
        serve(Inbox(connection), role, settle=settle_heap, lint_aside=True)  # with a result on its way)


def serve_inherited(fd: int) -> None:
    """The worker process started directly (:class:`_DirectChild`): serve the connection on *fd*,
    whose first message is the worker's :class:`Role`. Ctrl+C in a terminal is for the window:
    the worker ends when the window's end of the connection closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    connection = multiprocessing.connection.Connection(fd)
    _serve_process(connection, connection.recv())


class _Child(Protocol):
    """The worker process, however it was started."""

    @property
    def pid(self) -> int | None: ...
    def ended(self, timeout: float) -> bool: ...
    def kill(self) -> None: ...


# The window's end of the connection, and the child's.
Ends = tuple[multiprocessing.connection.Connection, multiprocessing.connection.Connection]


class _DirectChild:
    """A worker process started as ``python -c …`` on the child's end of the connection, with the
    window's import path, its role sent as the first message. Unlike multiprocessing's spawn, it
    starts no resource tracker (a process of its own) and does not import the window's main module
    again (together 0.1 s of CPU at launch); a fork would copy the window's threads."""

    _CODE = (
        "import sys; sys.path[:] = {}; "
        "from editor.core.worker_process import serve_inherited; serve_inherited({})"
    )

    def __init__(self, ends: Ends, role: Role) -> None:
        window, child = ends
        path = [entry for entry in sys.path if isinstance(entry, str)]
        flags = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]  # (-O, -X dev…: as spawn passed them)
        command = [sys.executable, *flags, "-c", self._CODE.format(repr(path), child.fileno())]
        self._popen = subprocess.Popen(command, pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL)
        self.pid: int | None = self._popen.pid
        window.send(role)

    def ended(self, timeout: float) -> bool:
        try:
            self._popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def kill(self) -> None:
        self._popen.kill()


class _SpawnedChild:
    """A worker process started by multiprocessing's spawn (in a frozen app, or off POSIX)."""

    def __init__(self, ends: Ends, role: Role) -> None:
        context = multiprocessing.get_context("spawn")
        self._process = context.Process(
            target=_serve_process, args=(ends[1], role), daemon=True, name="issue-drafter-worker"
        )
        self._process.start()
        self.pid = self._process.pid

    def ended(self, timeout: float) -> bool:
        self._process.join(timeout)
        return not self._process.is_alive()

    def kill(self) -> None:
        self._process.kill()


def _start(ends: Ends, role: Role) -> _Child:
    """Start the worker process on the child's end of the connection."""
    if os.name == "posix" and sys.executable and not getattr(sys, "frozen", False):
        return _DirectChild(ends, role)
    return _SpawnedChild(ends, role)


class WorkerProcess:
    """A :func:`serve` loop in a separate Python process (a fresh interpreter, never a fork of
    the window: safe next to Qt's threads).

    Read its messages when :meth:`fileno` is readable (e.g. with a socket notifier).
    """

    def __init__(self, role: Role | None = None) -> None:
        self._connection, child = multiprocessing.Pipe()
        try:
            self._process = _start((self._connection, child), role or Role())
        except BaseException:
            self._connection.close()
            raise
        finally:
            child.close()
        self._outbox = _Outbox(self._connection)

    @property
    def pid(self) -> int | None:
        """The worker process's id."""
        return self._process.pid

    def update(self, text: str, version: int) -> None:
        """Send a new version of the draft (returns at once)."""
        self._outbox.put(("update", version, text))

    def set_settings(self, settings: LintSettings) -> None:
        """Lint with these settings from now on (the current text is linted again)."""
        self._outbox.put(("settings", settings))

    def fileno(self) -> int:
        """The connection's file descriptor, readable when a message waits."""
        return self._connection.fileno()

    def messages(self) -> list[tuple[Any, ...]]:
        """Every message that has arrived (without waiting)."""
        received = []
        while self._connection.poll(0):
            received.append(self._connection.recv())
        return received

    def stop(self) -> None:
        """Ask the process to end; kill it if it does not within a second."""
        self._outbox.put(("stop",))
        if not self._process.ended(1.0):
            self._process.kill()
            self._process.ended(1.0)
        self._connection.close()
