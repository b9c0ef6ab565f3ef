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

The checks go in units: a family of rules whose rules share their work, or a single rule
(:func:`lint_units`). The copy takes units from the front; the worker, free once its render
is done, takes them from the back while it waits for the copy (:meth:`LintAside.help`), and
passes on both shares together. Measured at 1 MB, taking turns (2026-12-05, 14 runs each):
findings shown 2.40 s after launch (median) against 2.54 s with the copy checking alone;
sooner in 10 runs of 14.

Only where ``os.fork`` exists, and only in the worker process, which runs no threads
but its inbox's reader (the copy never touches the inbox).
"""

from __future__ import annotations

import gc
import importlib
import mmap
import multiprocessing
import os
import signal
import struct
import warnings
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from editor.core.config import LintSettings
from editor.core.lint.model import Finding, Rule

if TYPE_CHECKING:
    from editor.core.live import LivePipeline

ASIDE_FROM_CHARS = 200_000  # shorter drafts are checked in a few tenths of a second: not worth a fork
# Measured at 1 MB, taking turns (2026-12-05): at 10 the copy got next to nothing until the
# render was done (once the window's preview needed less of the machine, its findings came
# last: 2.32-2.40 s from launch), at 0 and 3 preview and findings were both in by 2.10 s.
ASIDE_NICENESS = 3
# The copy takes units from the front, the worker (free only once its render is done) from the end:
# the list checks, which cost it less after its render (it parsed most items' inline tokens).
# Cold, at 1 MB (2026-12-05): repetition 0.50 s, line-length 0.24-0.28 s, list-balance 0.57 s
# before the render and 0.32 s after it.
FAMILY_ORDER = ("line-length", "repetition", "list-balance")
# The list rules share only the blocks' trees (built by whichever rule comes first, 0.1 s at 1 MB),
# then each walks them on its own: split, the copy and the worker both take list rules once the
# copy's other units are done, where the worker alone took the family (0.25-0.35 s after its
# render). A family whose first rule does its work for all (repetition) stays whole.
SPLIT_FAMILIES = ("list-balance",)


def lint_units() -> tuple[tuple[Rule, ...], ...]:
    """The registered rules in units, by family in FAMILY_ORDER (any other family last): a family
    in SPLIT_FAMILIES gives a unit per rule, any other one unit of all its rules."""
    from editor.core.lint.registry import RULES

    families = sorted(
        dict.fromkeys(rule.family for rule in RULES),
        key=lambda family: FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER),
    )
    units: list[tuple[Rule, ...]] = []
    for family in families:
        rules = tuple(rule for rule in RULES if rule.family == family)
        units += [(rule,) for rule in rules] if family in SPLIT_FAMILIES else [rules]
    return tuple(units)


_ENDS = struct.Struct("ii")  # the next unit at the front, the end of the units not yet taken


class Claims:
    """Which units of the checks are taken, in memory the worker shares with its copy: the copy
    takes them from the front, the worker from the back, each unit once."""

    def __init__(self, count: int) -> None:
        self._ends = mmap.mmap(-1, _ENDS.size)  # anonymous and shared: a forked copy sees the same
        self._lock = multiprocessing.get_context("fork").Lock()  # (no resource tracker to start)
        _ENDS.pack_into(self._ends, 0, 0, count)

    def front(self) -> int | None:
        """Take the first unit not yet taken (None if all are)."""
        with self._lock:
            first, end = _ENDS.unpack_from(self._ends)
            if first >= end:
                return None
            _ENDS.pack_into(self._ends, 0, first + 1, end)
            return int(first)

    def back(self) -> int | None:
        """Take the last unit not yet taken (None if all are)."""
        with self._lock:
            first, end = _ENDS.unpack_from(self._ends)
            if first >= end:
                return None
            _ENDS.pack_into(self._ends, 0, first, end - 1)
            return int(end - 1)


@dataclass
class LintAside:
    """A forked copy of the worker checking one version of the draft with one set of settings,
    the worker taking its share of the units meanwhile (:attr:`own`: the findings of its share)."""

    pid: int
    reader: Connection
    version: int
    settings: LintSettings
    units: tuple[tuple[Rule, ...], ...]
    claims: Claims
    own: list[Finding] = field(default_factory=list)
    helped: bool = False  # the worker checked rules of its share (in one run of its memo)
    gave_up: bool = False  # a message came while the worker checked its share
    found: list[Finding] | None = None
    done: bool = False

    @classmethod
    def start(cls, pipeline: LivePipeline) -> LintAside | None:
        """Fork a copy that checks the version *pipeline* parsed last (None where fork is missing)."""
        if not hasattr(os, "fork") or pipeline.parsed is None:
            return None
        importlib.import_module("editor.core.lint.engine")  # (here: not again in every copy)
        units = lint_units()
        claims = Claims(len(units))
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
            _check_and_exit(pipeline, units, claims, (reader, writer))
        writer.close()
        return cls(pid, reader, version, settings, units, claims)

    def help(self, pipeline: LivePipeline, waiting: Callable[[], bool]) -> bool:
        """Check one unit not yet taken, in the worker, a rule at a time; False if none was left
        or a message is *waiting* (the worker's share is then given up: see :meth:`findings`)."""
        unit = None if self.gave_up or waiting() else self.claims.back()
        if unit is None:
            return False
        collecting = gc.isenabled()
        gc.disable()  # (a long draft's first parse is not settled yet: each collection would walk it)
        try:
            for rule in self.units[unit]:
                if waiting():  # (a new text: the writer's edit goes first)
                    self.gave_up = True
                    return False
                self.own += pipeline.lint((rule,), self.settings, same_run=self.helped)
                self.helped = True
        finally:
            if collecting:
                gc.enable()
        return True

    def findings(self) -> list[Finding] | None:
        """All the findings, once the copy sent its share (None if it ended without it, or if the
        worker gave its share up), their fixes for :attr:`version` (the text may have come again
        under a newer version)."""
        if self.found is None or self.gave_up:
            return None
        from editor.core.lint.engine import in_order

        return [_for_version(finding, self.version) for finding in in_order([*self.found, *self.own])]

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


def _for_version(finding: Finding, version: int) -> Finding:
    """*finding* with its fix stamped for *version* (of the same text)."""
    fix = finding.fix
    if fix is None or fix.version == version:
        return finding
    return replace(finding, fix=replace(fix, version=version))


def _check_and_exit(
    pipeline: LivePipeline,
    units: tuple[tuple[Rule, ...], ...],
    claims: Claims,
    ends: tuple[Connection, Connection],
) -> None:
    """In the copy: check the units it can take, send their findings, and end at once (no cleanup
    of the worker's state)."""
    reader, writer = ends
    code = 1
    try:
        gc.disable()  # the copy lives a second: collections would only copy shared pages
        os.nice(ASIDE_NICENESS)  # the render and the window's preview a little ahead of it
        reader.close()
        found: list[Finding] = []
        unit = claims.front()
        same_run = False
        while unit is not None:
            found += pipeline.lint(units[unit], pipeline.settings, same_run=same_run)
            same_run = True  # (the units are one run of the memo: what one unit built serves the next)
            unit = claims.front()
        writer.send(found)
        writer.close()
        code = 0
    finally:
        os._exit(code)
