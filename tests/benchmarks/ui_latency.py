"""Drive the real window: open a draft, type a burst of keys at its end, measure stalls and lag.

Usage: QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.ui_latency [--sizes 100KB,1MB]
       [--keys 120] [--interval-ms 25] [--json out.json] [--profile out.prof] [--stacks]

Measured in one process (and its children: the worker process, QtWebEngine):
  open_visible_s   load() called -> the window has painted once
  open_complete_s  load() called -> preview and findings of the opened draft are in
  stall_ms         the longest gap between two ticks of a 5 ms timer while typing and
                   catching up, minus 5 ms: how long the UI thread was blocked at worst
  stall_cpu_ms     the GUI thread's CPU time within that gap (the rest: waiting for a core,
                   when other processes load the machine)
  cpu_per_key_ms   CPU of the process tree from the first key until up to date and 0.5 s
                   more, per key, in a second burst typed without the stall probe
  cpu_per_key_probed_ms  the same in the first burst, under the probe's 5 ms timer
  preview_lag_s / findings_lag_s   last key -> preview / findings of the last version shown
                   (quiet_*: the same in the second burst)
  pss_mb           PSS of the process tree after typing
  harness_cpu_ms   CPU of the process tree per key interval with nothing typed (the harness's
                   timers, the caret blinking, idle QtWebEngine): a floor under cpu_per_key_ms

The window is opened as the app opens it on the 1600x1000 screen the peers are measured
on (1500x940, source and preview side by side). Keys are sent from a timer and waiting
runs the event loop (no polling loop), so the harness adds little CPU of its own.
``--profile`` writes a cProfile of the GUI thread while typing and catching up;
``--stacks`` prints the Python stack of the GUI thread whenever it has been blocked for
more than 30 ms (sampled from another thread).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.drafts import SIZES, write_draft
from tests.benchmarks.procs import process_tree
from tests.benchmarks.workloads import TYPED

TICK_MS = 5
WINDOW_SIZE = (1500, 940)  # the window's size on the peers' 1600x1000 screen (offscreen's is 800x800)
STACK_AFTER_S = 0.030  # --stacks: print the GUI thread's stack once it is blocked this long


@dataclass
class UiResult:
    """One run's numbers."""

    draft: str
    open_visible_s: float
    open_complete_s: float
    stall_ms: float
    stall_cpu_ms: float
    cpu_per_key_ms: float
    cpu_per_key_probed_ms: float
    preview_lag_s: float
    findings_lag_s: float
    quiet_preview_lag_s: float
    quiet_findings_lag_s: float
    pss_mb: float
    harness_cpu_ms: float
    cpu_per_key_by_process: dict[str, float]
    load: str
    utc: str


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


def tree_cpu_by_name(pid: int) -> dict[str, float]:
    """CPU seconds of each member of the process tree, by pid and command name."""
    usage: dict[str, float] = {}
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/stat") as handle:
                name, fields = handle.read().split("(", 1)[1].rsplit(")", 1)
            with open(f"/proc/{member}/cmdline", "rb") as handle:
                role = b"worker" if b"multiprocessing" in handle.read() else b""
        except OSError:
            continue
        ticks = int(fields.split()[11]) + int(fields.split()[12])
        usage[f"{member}:{name}{':' + role.decode() if role else ''}"] = ticks / os.sysconf("SC_CLK_TCK")
    usage.update({f"thread:{name}": used for name, used in thread_cpu(pid).items()})
    return usage


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of each thread of *pid*, by thread name (threads of one name summed)."""
    usage: dict[str, float] = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as handle:
                name, fields = handle.read().split("(", 1)[1].rsplit(")", 1)
        except OSError:
            continue
        ticks = int(fields.split()[11]) + int(fields.split()[12])
        usage[name] = usage.get(name, 0.0) + ticks / os.sysconf("SC_CLK_TCK")
    return usage


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
        self.longest_gap_cpu = 0.0
        self._last_tick = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        worker = app.worker  # type: ignore[attr-defined]
        self.on_result: Callable[[], object] | None = None
        worker.rendered.connect(lambda result: self._record(self.rendered, result.version))
        worker.linted.connect(lambda version, _: self._record(self.linted, version))

    def _record(self, arrivals: dict[int, float], version: int) -> None:
        arrivals.setdefault(version, time.perf_counter())
        if self.on_result is not None:
            self.on_result()

    @property
    def last_tick(self) -> float:
        """When the timer last fired (perf_counter)."""
        return self._last_tick

    def start(self) -> None:
        """Start watching for stalls (forgetting earlier ones)."""
        self.longest_gap = 0.0
        self.longest_gap_cpu = 0.0
        self._last_tick = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()

    def stop(self) -> float:
        """Stop; the longest stall in milliseconds."""
        self._timer.stop()
        return max(0.0, self.longest_gap * 1000 - TICK_MS)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self._last_tick > self.longest_gap:
            self.longest_gap = now - self._last_tick
            self.longest_gap_cpu = cpu - self._last_cpu
        self._last_tick, self._last_cpu = now, cpu


class StackSampler:
    """A thread that prints the GUI thread's Python stack when the probe has not ticked for a while."""

    def __init__(self, probe: Probe) -> None:
        self._probe = probe
        self._main = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="stack-sampler")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        reported = 0.0
        while not self._stop.wait(0.005):
            blocked = time.perf_counter() - self._probe.last_tick
            if blocked < STACK_AFTER_S or self._probe.last_tick == reported:
                continue
            reported = self._probe.last_tick
            frame = sys._current_frames().get(self._main or 0)
            stack = "".join(traceback.format_stack(frame)[-12:]) if frame is not None else "?"
            _log(f"GUI thread blocked {blocked * 1000:.0f} ms so far in:\n{stack}")


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until *condition()* holds (checked every 5 ms) or *timeout* seconds pass."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(TICK_MS)
    check.timeout.connect(lambda: condition() and loop.quit())
    QTimer.singleShot(round(timeout * 1000), loop.quit)
    check.start()
    loop.exec()
    check.stop()
    return condition()


def pause(seconds: float) -> None:
    """Run the event loop for *seconds*."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def type_keys(widget: object, keys: int, interval_ms: int) -> None:
    """Send *keys* key clicks to *widget*, one every *interval_ms*, from a timer."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest

    loop = QEventLoop()
    sent = [0]

    def send() -> None:
        QTest.keyClick(widget, TYPED[sent[0] % len(TYPED)])  # type: ignore[call-overload]
        sent[0] += 1
        if sent[0] >= keys:
            timer.stop()
            loop.quit()

    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(send)
    timer.start()
    loop.exec()


def _log(message: str) -> None:
    print(f"[ui_latency {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def harness_cpu_ms(probe: Probe, keys: int, interval_ms: int) -> float:
    """CPU of the process tree per key interval while the harness only ticks (nothing typed)."""
    pid = os.getpid()
    before = tree_cpu_s(pid)
    probe.start()
    pause(keys * interval_ms / 1000)
    probe.stop()
    return (tree_cpu_s(pid) - before) / keys * 1000


def wait_for(probe: Probe, version: int, timeout: float) -> bool:
    """Run the event loop until preview and findings of *version* are in (no polling timer)."""
    from PySide6.QtCore import QEventLoop, QTimer

    def done() -> bool:
        return version in probe.rendered and version in probe.linted

    if done():
        return True
    loop = QEventLoop()
    probe.on_result = lambda: done() and loop.quit()
    QTimer.singleShot(round(timeout * 1000), loop.quit)
    loop.exec()
    probe.on_result = None
    return done()


@dataclass
class Burst:
    """What one burst of typing measured."""

    cpu_per_key_ms: float
    by_process: dict[str, float]
    final: int
    last_key: float


def burst(app: object, probe: Probe, keys: int, interval_ms: int, name: str) -> Burst:
    """Type *keys* keys, wait until preview and findings of the last version are in and for 0.5 s
    more (as the peers' harness waits for the tree to go idle); CPU per key of the process tree."""
    pid = os.getpid()
    cpu_before, by_process = tree_cpu_s(pid), tree_cpu_by_name(pid)
    type_keys(app.source, keys, interval_ms)  # type: ignore[attr-defined]
    last_key = time.perf_counter()
    final = app.session.version  # type: ignore[attr-defined]
    if not wait_for(probe, final, 60):
        _log(
            f"{name}: version {final} never came: rendered {sorted(probe.rendered)[-3:]}, "
            f"linted {sorted(probe.linted)[-3:]}"
        )
    pause(0.5)
    used = {
        member: round((cpu - by_process.get(member, 0.0)) / keys * 1000, 2)
        for member, cpu in tree_cpu_by_name(pid).items()
        if cpu > by_process.get(member, 0.0)
    }
    return Burst((tree_cpu_s(pid) - cpu_before) / keys * 1000, used, final, last_key)


def run_one(
    path: Path, name: str, keys: int, interval_ms: int, *, profile: Path | None = None, stacks: bool = False
) -> UiResult:
    """Open *path* in a fresh window, type two bursts of *keys* keys at its end, and measure.

    The first burst runs under the 5 ms stall probe (stall, lags); the second without it
    (CPU per key: the probe's own timer costs ~0.8 ms per key interval).
    """
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QTextCursor

    from editor.ui.app import build, open_initial
    from editor.ui.settings_store import SettingsStore

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    app = build(SettingsStore(settings))
    probe = Probe(app)
    session = app.session
    opened = time.perf_counter()
    app.window.resize(*WINDOW_SIZE)
    open_initial(app, path)  # as `issue-drafter PATH` opens it: shown, source and preview side by side
    wait_until(lambda: app.window.isVisible(), 10)
    visible = time.perf_counter() - opened
    version = session.version
    _log(f"{name}: visible after {visible:.3f} s; waiting for version {version}")
    wait_for(probe, version, 120)
    complete = max(probe.rendered.get(version, opened), probe.linted.get(version, opened)) - opened
    app.source.setFocus(Qt.FocusReason.OtherFocusReason)
    app.source.moveCursor(QTextCursor.MoveOperation.End)
    pause(1.0)  # settle
    idle_cpu = harness_cpu_ms(probe, keys, interval_ms)
    _log(f"{name}: complete after {complete:.3f} s; typing under the stall probe")
    sampler = StackSampler(probe) if stacks else None
    profiler = cProfile.Profile() if profile else None
    probe.start()
    if sampler is not None:
        sampler.start()
    if profiler is not None:
        profiler.enable()
    probed = burst(app, probe, keys, interval_ms, name)
    if profiler is not None and profile is not None:
        profiler.disable()
        profiler.dump_stats(str(profile.with_suffix(f".{name}{profile.suffix}")))
    if sampler is not None:
        sampler.stop()
    stall = probe.stop()
    _log(f"{name}: typing without the probe")
    quiet = burst(app, probe, keys, interval_ms, name)
    result = UiResult(
        draft=name,
        open_visible_s=round(visible, 3),
        open_complete_s=round(complete, 3),
        stall_ms=round(stall, 1),
        stall_cpu_ms=round(probe.longest_gap_cpu * 1000, 1),
        cpu_per_key_ms=round(quiet.cpu_per_key_ms, 2),
        cpu_per_key_probed_ms=round(probed.cpu_per_key_ms, 2),
        preview_lag_s=round(probe.rendered.get(probed.final, float("nan")) - probed.last_key, 3),
        findings_lag_s=round(probe.linted.get(probed.final, float("nan")) - probed.last_key, 3),
        quiet_preview_lag_s=round(probe.rendered.get(quiet.final, float("nan")) - quiet.last_key, 3),
        quiet_findings_lag_s=round(probe.linted.get(quiet.final, float("nan")) - quiet.last_key, 3),
        pss_mb=round(tree_pss_mb(os.getpid()), 1),
        harness_cpu_ms=round(idle_cpu, 2),
        cpu_per_key_by_process=quiet.by_process,
        load=" ".join(f"{value:.2f}" for value in os.getloadavg()),
        utc=time.strftime("%H:%M:%S", time.gmtime()),
    )
    app.window.close_guard = lambda: True  # type: ignore[method-assign]  # no "save changes?" dialog
    app.window.close()
    close = getattr(app.worker, "close", None)
    if close is not None:
        close()
    return result


def qt_application() -> Any:
    """The QApplication, set up as the app sets itself up (software preview, no sandbox as root)."""
    from editor.ui.app import prepare_environment

    prepare_environment()
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100KB,1MB")
    parser.add_argument("--keys", type=int, default=120)
    parser.add_argument("--interval-ms", type=int, default=25)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the GUI thread per size")
    parser.add_argument("--stacks", action="store_true", help="print the GUI thread's stack in stalls")
    args = parser.parse_args(argv)
    qapp = qt_application()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.sizes.split(","):
            path = write_draft(SIZES[name], Path(folder))
            run = run_one(path, name, args.keys, args.interval_ms, profile=args.profile, stacks=args.stacks)
            results.append(run)
            print(json.dumps(asdict(results[-1])), flush=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    del qapp
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
