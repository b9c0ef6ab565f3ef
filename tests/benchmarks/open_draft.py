"""Open a draft in the real window and time each step until preview and findings are complete.

Usage: QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox \\
       python -m tests.benchmarks.open_draft [--sizes 1MB] [--runs 3] [--json out.json]

Times are seconds after ``open_initial`` is called (the window is built before, as the app
does before it opens a file):
  painted_s        the editor has painted the draft's text
  rendered_s       the worker's render of the opened version has reached the window
  on_page_s        the web preview has that render on its page
  linted_s         the findings of the opened version have reached the window
  complete_s       the later of on_page_s and linted_s
CPU seconds of each process of the tree (GUI, worker, QtWebEngine) from the open until
complete, and PSS per process after a two-second settle, with the load average.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.benchmarks.drafts import SIZES, size_and_runs, write_draft
from tests.benchmarks.procs import by_kind, cpu_s, process_tree, pss_mb
from tests.benchmarks.ui_latency import qt_application, wait_until


def open_once(path: Path) -> dict[str, Any]:
    """Open *path* in a fresh window and time it."""
    from PySide6.QtCore import QEvent, QObject, QSettings

    from editor.ui.app import build, open_initial
    from editor.ui.settings_store import SettingsStore

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    app = build(SettingsStore(settings))
    marks: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and app.source.document().characterCount() > 1:
                marks.setdefault("painted_s", time.perf_counter())
            return False

    watch = PaintWatch()
    app.source.viewport().installEventFilter(watch)
    version: list[int] = []
    app.worker.rendered.connect(
        lambda r: version and r.version == version[0] and marks.setdefault("rendered_s", time.perf_counter())
    )
    app.worker.linted.connect(
        lambda v, _f: version and v == version[0] and marks.setdefault("linted_s", time.perf_counter())
    )
    patched = getattr(app.preview, "patched", None)
    if patched is not None:
        patched.connect(
            lambda v: version and v == version[0] and marks.setdefault("on_page_s", time.perf_counter())
        )
    cpu_before = {pid: cpu_s(pid) for pid in process_tree(os.getpid())}
    start = time.perf_counter()
    open_initial(app, path)
    version.append(app.session.version)
    needed = ("painted_s", "rendered_s", "linted_s", "on_page_s" if patched is not None else "rendered_s")
    wait_until(lambda: all(name in marks for name in needed), 120)
    cpu = {pid: cpu_s(pid) - cpu_before.get(pid, 0.0) for pid in process_tree(os.getpid())}
    result: dict[str, Any] = {name: round(marks[name] - start, 3) for name in sorted(marks)}
    result["complete_s"] = round(max(marks.get(name, float("nan")) for name in needed[1:]) - start, 3)
    wait_until(lambda: False, 2.0)
    result["cpu_s"] = by_kind(cpu)
    result["pss_mb"] = by_kind({pid: pss_mb(pid) for pid in process_tree(os.getpid())})
    result["pss_total_mb"] = round(sum(result["pss_mb"].values()), 1)
    result["load"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    result["utc"] = time.strftime("%H:%M:%S", time.gmtime())
    app.window.close_guard = lambda: True  # type: ignore[method-assign]
    app.window.close()
    app.worker.close()
    app.window.deleteLater()  # the next run's PSS must not include this window (and its web page)
    wait_until(lambda: False, 1.0)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = size_and_runs((__doc__ or "").splitlines()[0], argv)
    qapp = qt_application()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.sizes.split(","):
            path = write_draft(SIZES[name], Path(folder))
            for _ in range(args.runs):
                results.append({"draft": name, **open_once(path)})
                print(json.dumps(results[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    del qapp
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
