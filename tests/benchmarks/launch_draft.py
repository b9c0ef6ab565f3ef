"""Launch ``issue-drafter FILE`` as a writer does and time it from the launch, imports included.

Usage: python -m tests.benchmarks.launch_draft [--sizes 1MB] [--runs 3] [--json out.json]
       [--checkouts DIR,DIR]

With --checkouts, each run launches the code of every checkout (``git worktree add DIR COMMIT``,
then ``python -m compileall -q DIR/editor``) in turn, and medians are given per checkout: this
machine's speed drifts within minutes, so compare only runs that took turns.

Each run starts a fresh Python process that runs the real entry point (``editor.cli.main``)
on a virtual screen of its own (Xvfb, 1600x1000) with empty settings and recovery folders.
Only observers are added: a paint watch and the worker's and preview's signals, hooked in
where the app opens its first draft. Seconds after the launch (one monotonic clock for
both processes):
  window_s     the window has painted for the first time
  painted_s    the editor has painted the draft's text
  top_s        the first render of the opened version reached the preview (the top of a
               long draft, which comes in parts; the whole render of a short one)
  on_page_s    the preview shows the opened version
  linted_s     the findings of the opened version are in the panel
  complete_s   the later of on_page_s and linted_s
  cpu_s        CPU seconds of each kind of process (gui, worker, web engine) until complete
Issue 6's goals for 1 MB: window visible under 0.5 s, preview and findings under 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.benchmarks.drafts import SIZES, size_and_runs, write_draft
from tests.benchmarks.peers import xvfb

REPOSITORY = Path(__file__).resolve().parents[2]  # the observer imports tests.benchmarks.procs from here
MARKS = ("window_s", "painted_s", "top_s", "on_page_s", "linted_s", "complete_s")

# Runs in the launched process: the real main(), with observers attached when the draft opens.
OBSERVE = r"""
import json, sys, time


def cpu_by_process():
    # CPU seconds so far of this process and its descendants, by kind of process
    import os

    from tests.benchmarks.procs import by_kind, cpu_s, process_tree

    return by_kind({pid: cpu_s(pid) for pid in process_tree(os.getpid())})


def observe():
    # Hooked in where the command line has started the worker process and is about to import
    # the window (importing it here, before main(), would start the worker 0.3 s late).
    import editor.core.worker_process as worker_module

    started = worker_module.worker_for_launch

    def observed_start(text):
        process = started(text)
        watch()
        return process

    worker_module.worker_for_launch = observed_start


def watch():
    import editor.ui.app as app_module
    from PySide6.QtCore import QEvent, QObject, QTimer

    marks = {}
    opened = app_module.open_initial

    def observed_open(app, path, *rest):
        class Paints(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint:
                    marks.setdefault("window_s", time.monotonic())
                    if watched is app.source.viewport() and app.source.document().characterCount() > 1:
                        marks.setdefault("painted_s", time.monotonic())
                return False

        app.window.paints = Paints(app.window)
        app.window.installEventFilter(app.window.paints)
        app.source.viewport().installEventFilter(app.window.paints)
        def mark(name, seen):  # (a short draft's results come while it opens: compared then)
            if seen == app.session.version and app.session.path is not None:
                marks.setdefault(name, time.monotonic())
            if {"painted_s", "on_page_s", "linted_s"} <= marks.keys():
                marks["cpu"] = cpu_by_process()
                print("MARKS " + json.dumps(marks), flush=True)
                app.window.close_guard = lambda: True
                QTimer.singleShot(0, app.window.close)

        app.worker.linted.connect(lambda seen, _found: mark("linted_s", seen))
        app.preview.patched.connect(lambda seen: mark("on_page_s", seen))
        app.worker.rendered.connect(lambda result: mark("top_s", result.version))
        opened(app, path, *rest)

    app_module.open_initial = observed_open


if __name__ == "__main__":
    from editor.cli import main

    observe()
    sys.exit(main(sys.argv[1:]))
"""


def launch_once(path: Path, display: str, checkout: Path = REPOSITORY) -> dict[str, Any]:
    """Launch the app (the code of *checkout*) on *path* once; seconds from the launch to each mark."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DISPLAY=display, XDG_CONFIG_HOME=f"{home}/c", XDG_STATE_HOME=f"{home}/s")
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(checkout), str(REPOSITORY), env.get("PYTHONPATH", "")])
        )
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
        env.pop("QT_QPA_PLATFORM", None)  # the virtual screen, as a writer's
        env.pop("QT_QUICK_BACKEND", None)  # the app's own default
        script = Path(home) / "observe.py"
        script.write_text(OBSERVE, encoding="utf-8")
        start = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, str(script), str(path)], env=env, capture_output=True, text=True, timeout=120
            )
        except subprocess.TimeoutExpired:
            return {"error": "no marks within 120 s"}
    line = next((x for x in done.stdout.splitlines() if x.startswith("MARKS ")), None)
    if line is None:
        return {"error": (done.stderr or "no marks")[-400:]}
    found = json.loads(line[6:])
    cpu = found.pop("cpu")
    marks: dict[str, Any] = {name: round(at - start, 3) for name, at in found.items()}
    marks["cpu_s"] = cpu
    marks["complete_s"] = max(marks["on_page_s"], marks["linted_s"])
    marks["load"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return marks


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--checkouts", default="", help="comma-separated checkouts to take turns between")
    args = size_and_runs("", argv, parser)
    checkouts = [Path(folder).resolve() for folder in args.checkouts.split(",") if folder] or [REPOSITORY]
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder, xvfb(":95") as display:
        for name in args.sizes.split(","):
            path = write_draft(SIZES[name], Path(folder))
            runs: list[dict[str, Any]] = []
            for _ in range(args.runs):
                for checkout in checkouts:
                    run = {"draft": name, "checkout": checkout.name, **launch_once(path, display, checkout)}
                    print(json.dumps(run), flush=True)
                    runs.append(run)
            results += runs
            for checkout in checkouts:
                good = [run for run in runs if "error" not in run and run["checkout"] == checkout.name]
                if good:
                    medians = {mark: statistics.median(run[mark] for run in good) for mark in MARKS}
                    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
                    print(f"{name} {checkout.name} medians ({when}): {medians}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
