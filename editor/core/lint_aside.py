"""Checking a long draft's first version in a forked copy of the worker while the worker renders it.

Opening a 1 MB draft, the worker process parses it, renders it (a second, in parts) and
then checks it (most of another second): the findings came last, though the checks need
only the block structure the parse has ready after half a second. The render cannot make
room for them (markdown-it holds the GIL), but a fork can: the copy shares the parsed
draft with the worker, checks it on the machine's other core, sends the findings back
through a pipe of its own and ends. It runs at a slightly lower priority, so that the render
and the window filling its preview stay ahead of it (see ASIDE_NICENESS). The worker passes the
findings on between two parts of the render and later checks the draft itself too, so that its
memo is warm for the first edit.

Only where ``os.fork`` exists, and only in the worker process, which runs no threads
but its inbox's reader (the copy never touches the inbox).
"""

from __future__ import annotations

import gc
import importlib
import os
import signal
import warnings
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from editor.core.config import LintSettings
from editor.core.lint.model import Finding

if TYPE_CHECKING:
    from editor.core.live import LivePipeline

ASIDE_FROM_CHARS = 200_000  # shorter drafts are checked in a few tenths of a second: not worth a fork
# Measured at 1 MB, taking turns (2026-12-05): at 10 the copy got next to nothing until the
# render was done (once the window's preview needed less of the machine, its findings came
# last: 2.32-2.40 s from launch), at 0 and 3 preview and findings were both in by 2.10 s.
ASIDE_NICENESS = 3


@dataclass
class LintAside:
    """A forked copy of the worker checking one version of the draft with one set of settings."""

    pid: int
    reader: Connection
    version: int
    settings: LintSettings
    found: list[Finding] | None = None
    done: bool = False

    @classmethod
    def start(cls, pipeline: LivePipeline) -> LintAside | None:
        """Fork a copy that checks the version *pipeline* parsed last (None where fork is missing)."""
        if not hasattr(os, "fork") or pipeline.parsed is None:
            return None
        importlib.import_module("editor.core.lint.engine")  # (here: not again in every copy)
        reader, writer = Pipe(duplex=False)
        version, settings = pipeline.parsed.document.version, pipeline.settings
        try:
            with warnings.catch_warnings():  # Python 3.12+ warns of forking with threads: the inbox's
                warnings.simplefilter("ignore", DeprecationWarning)  # reader is one, the copy never uses it
                pid = os.fork()
        except OSError:  # (no memory or processes to spare): the worker checks the draft itself
            reader.close()
            writer.close()
            return None
        if pid == 0:
            _check_and_exit(pipeline, reader, writer)
        writer.close()
        return cls(pid, reader, version, settings)

    def collect(self, timeout: float = 0.0) -> bool:
        """Whether the copy is done (waiting up to *timeout* seconds for it). Its findings are
        then in :attr:`found`: None if it ended without sending them."""
        if self.done:
            return True
        try:
            if not self.reader.poll(timeout):
                return False
            self.found = self.reader.recv()
        except (EOFError, OSError):  # it ended without a word: the worker checks the draft itself
            self.found = None
        self.stop()
        return True

    def stop(self) -> None:
        """End the copy if it still runs, and reap it."""
        if self.done:
            return
        self.done = True
        self.reader.close()
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _check_and_exit(pipeline: LivePipeline, reader: Connection, writer: Connection) -> None:
    """In the copy: check, send the findings, and end at once (no cleanup of the worker's state)."""
    code = 1
    try:
        gc.disable()  # the copy lives a second: collections would only copy shared pages
        os.nice(ASIDE_NICENESS)  # the render and the window's preview a little ahead of it
        reader.close()
        writer.send(pipeline.lint())
        writer.close()
        code = 0
    finally:
        os._exit(code)
