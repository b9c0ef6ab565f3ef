"""The process tree of a running app read from /proc: members, their kind, CPU seconds and PSS.

Plain Python with no imports of the app's: the launch benchmark's observer imports it into
the process it measures.
"""

from __future__ import annotations

import os
from pathlib import Path


def process_tree(pid: int) -> list[int]:
    """*pid* and all its descendants (children of any thread: Chromium starts its own from one)."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return pids


def kind(pid: int) -> str:
    """What the process is: the app's window (this process), its worker, a QtWebEngine process…"""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            args = handle.read().decode(errors="replace").split("\0")
    except OSError:
        return "gone"
    if pid == os.getpid():
        return "gui"
    if any(arg.startswith("from multiprocessing.spawn") or "serve_inherited(" in arg for arg in args):
        return "worker"  # (started by multiprocessing's spawn, or directly: editor.core.worker_process)
    if any(arg.startswith("from multiprocessing.resource_tracker") for arg in args):
        return "resource-tracker"
    engine = next((arg.removeprefix("--type=") for arg in args if arg.startswith("--type=")), "")
    return f"webengine-{engine}" if engine else Path(args[0]).name


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process so far, with those of its children that ended
    and were reaped (the worker's forked checks): summed over a process tree, every CPU second
    of it counts once."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(field) for field in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def pss_mb(pid: int) -> float:
    """The process's PSS (shared pages split fairly) in MB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            return sum(int(line.split()[1]) for line in handle if line.startswith("Pss:")) / 1024
    except OSError:
        return 0.0


def by_kind(values: dict[int, float]) -> dict[str, float]:
    """Per-process values summed by kind of process."""
    totals: dict[str, float] = {}
    for pid, value in values.items():
        name = kind(pid)
        totals[name] = round(totals.get(name, 0.0) + value, 2)
    return totals
