"""Drive the real window: open a draft, type a burst of keys at its end, measure stalls and lag.

Usage: QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.ui_latency [--sizes 100KB,1MB]
       [--keys 120] [--interval-ms 25] [--json out.json]

Measured in one process (and its children: the worker process, QtWebEngine):
  open_visible_s   load() called -> the window has painted once
  open_complete_s  load() called -> preview and findings of the opened draft are in
  stall_ms         the longest gap between two ticks of a 5 ms timer while typing and
                   catching up, minus 5 ms: how long the UI thread was blocked at worst
  cpu_per_key_ms   CPU of the process tree from the first key until up to date, per key
  preview_lag_s / findings_lag_s   last key -> preview / findings of the last version shown
  pss_mb           PSS of the process tree after typing
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.benchmarks.drafts import SIZES, write_draft
from tests.benchmarks.workloads import TYPED

TICK_MS = 5


@dataclass
class UiResult:
    """One run's numbers."""

    draft: str
    open_visible_s: float
    open_complete_s: float
    stall_ms: float
    cpu_per_key_ms: float
    preview_lag_s: float
    findings_lag_s: float
    pss_mb: float
    load: str


def process_tree(pid: int) -> list[int]:
    """*pid* and all its descendants."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return pids


def tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of the process tree."""
    ticks = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of the process tree, MB."""
    total = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup") as handle:
                total += sum(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except OSError:
            pass
    return total / 1024


class Probe:
    """Ticks every 5 ms and remembers the longest gap; records when results arrive."""

    def __init__(self, app: object) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.rendered: dict[int, float] = {}
        self.linted: dict[int, float] = {}
        self.longest_gap = 0.0
        self._last_tick = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        worker = app.worker  # type: ignore[attr-defined]
        worker.rendered.connect(lambda result: self.rendered.setdefault(result.version, time.perf_counter()))
        worker.linted.connect(lambda version, _: self.linted.setdefault(version, time.perf_counter()))

    def start(self) -> None:
        """Start watching for stalls (forgetting earlier ones)."""
        self.longest_gap = 0.0
        self._last_tick = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """Stop; the longest stall in milliseconds."""
        self._timer.stop()
        return max(0.0, self.longest_gap * 1000 - TICK_MS)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_gap = max(self.longest_gap, now - self._last_tick)
        self._last_tick = now


def wait_until(condition: object, timeout: float) -> bool:
    """Run the event loop until *condition()* holds or *timeout* seconds pass."""
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.001)
    return True


def _log(message: str) -> None:
    print(f"[ui_latency {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_one(path: Path, name: str, keys: int, interval_ms: int) -> UiResult:
    """Open *path* in a fresh window, type *keys* keys at its end, and measure."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from editor.ui.app import build
    from editor.ui.settings_store import SettingsStore

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    app = build(SettingsStore(settings))
    probe = Probe(app)
    session = app.session
    opened = time.perf_counter()
    app.window.show()
    app.files.load(path)
    wait_until(lambda: app.window.isVisible(), 10)
    visible = time.perf_counter() - opened
    version = session.version
    _log(f"{name}: visible after {visible:.3f} s; waiting for version {version}")
    wait_until(lambda: version in probe.rendered and version in probe.linted, 120)
    complete = max(probe.rendered.get(version, opened), probe.linted.get(version, opened)) - opened
    source = app.source
    source.setFocus(Qt.FocusReason.OtherFocusReason)
    source.moveCursor(QTextCursor.MoveOperation.End)
    wait_until(lambda: False, 1.0)  # settle
    pid = os.getpid()
    _log(f"{name}: complete after {complete:.3f} s; typing")
    cpu_before = tree_cpu_s(pid)
    probe.start()
    for index in range(keys):
        QTest.keyClick(source, TYPED[index % len(TYPED)])
        wait_until(lambda: False, interval_ms / 1000)
    last_key = time.perf_counter()
    final = session.version
    _log(f"{name}: typed; waiting for version {final}")
    if not wait_until(lambda: final in probe.rendered and final in probe.linted, 60):
        _log(
            f"{name}: version {final} never came: rendered {sorted(probe.rendered)[-3:]}, "
            f"linted {sorted(probe.linted)[-3:]}, session at {session.version}"
        )
    wait_until(lambda: False, 0.3)  # a stall that delivered the last result ends with the next tick
    stall = probe.stop()
    cpu = tree_cpu_s(pid) - cpu_before
    result = UiResult(
        draft=name,
        open_visible_s=round(visible, 3),
        open_complete_s=round(complete, 3),
        stall_ms=round(stall, 1),
        cpu_per_key_ms=round(cpu / keys * 1000, 2),
        preview_lag_s=round(probe.rendered.get(final, float("nan")) - last_key, 3),
        findings_lag_s=round(probe.linted.get(final, float("nan")) - last_key, 3),
        pss_mb=round(tree_pss_mb(pid), 1),
        load=" ".join(f"{value:.2f}" for value in os.getloadavg()),
    )
    app.window.close_guard = lambda: True  # type: ignore[method-assign]  # no "save changes?" dialog
    app.window.close()
    close = getattr(app.worker, "close", None)
    if close is not None:
        close()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100KB,1MB")
    parser.add_argument("--keys", type=int, default=120)
    parser.add_argument("--interval-ms", type=int, default=25)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from editor.ui.app import prepare_environment

    prepare_environment()
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.sizes.split(","):
            path = write_draft(SIZES[name], Path(folder))
            results.append(run_one(path, name, args.keys, args.interval_ms))
            print(json.dumps(asdict(results[-1])), flush=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    del qapp
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
