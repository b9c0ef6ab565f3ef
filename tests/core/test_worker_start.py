"""How the worker process starts: a fresh interpreter on the window's import path, no helper
process beside it, and gone once the window is."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from editor.core.worker_process import Role, WorkerProcess
from tests.benchmarks.procs import kind, process_tree
from tests.core.test_lint_aside import in_fresh_process, long_draft


def _messages_until_linted(worker: WorkerProcess, version: int) -> list[tuple[Any, ...]]:
    deadline = time.monotonic() + 30
    messages: list[tuple[Any, ...]] = []
    while not any(m[:2] == ("linted", version) for m in messages) and time.monotonic() < deadline:
        time.sleep(0.05)
        messages += worker.messages()
    return messages


def _a_worker_and_what_runs_beside_it() -> tuple[list[str], list[str], list[str]]:
    """In a process of its own (as the window is): start a worker, let it work, list the processes."""
    worker = WorkerProcess(Role())
    try:
        pasted = "This paragraph went in twice by mistake, and a reader would read it twice over."
        worker.update(f"# Title\n\n{pasted}\n\n{pasted}\n", 1)
        messages = _messages_until_linted(worker, 1)
        kinds = [kind(pid) for pid in process_tree(os.getpid()) if pid != os.getpid()]
    finally:
        worker.stop()
    rules = [finding.rule for m in messages if m[0] == "linted" for finding in m[2]]
    return [m[0] for m in messages], rules, kinds


def test_the_worker_is_one_fresh_process_that_renders_and_checks() -> None:
    received, rules, beside = in_fresh_process(_a_worker_and_what_runs_beside_it)
    assert received == ["rendered", "linted"] and "duplicate-paragraph" in rules
    assert beside == ["worker"]  # (no resource tracker of multiprocessing's)


def _a_worker_whose_window_went() -> bool:
    """The window's end of the connection closes without a word (the window crashed)."""
    worker = WorkerProcess(Role())
    worker.update("text", 0)
    assert any(m[:2] == ("linted", 0) for m in _messages_until_linted(worker, 0))
    worker._connection.close()
    return worker._process.ended(10.0)


def test_the_worker_ends_when_the_window_is_gone() -> None:
    assert in_fresh_process(_a_worker_whose_window_went)


def _a_busy_worker_whose_window_went(log: str) -> tuple[bool, str]:
    """The window goes while a long draft's render is on its way to it (the worker's error output
    goes to *log*)."""
    with open(log, "w") as errors:
        os.dup2(errors.fileno(), 2)
    worker = WorkerProcess(Role())
    worker.update(long_draft() * 4, 1)
    deadline = time.monotonic() + 30
    while not worker.messages() and time.monotonic() < deadline:  # (its first part has come)
        time.sleep(0.01)
    worker._connection.close()
    return worker._process.ended(30.0), open(log).read()


def test_a_worker_busy_when_the_window_goes_ends_without_a_word(tmp_path: Path) -> None:
    ended, errors = in_fresh_process(partial(_a_busy_worker_whose_window_went, str(tmp_path / "errors")))
    assert ended and "Traceback" not in errors


def test_the_worker_runs_with_the_window_s_interpreter_options() -> None:
    script = (
        "import sys; from editor.core.worker_process import Role, WorkerProcess\n"
        "worker = WorkerProcess(Role())\n"
        "with open(f'/proc/{worker.pid}/cmdline') as cmdline: print(cmdline.read().split(chr(0)))\n"
        "worker.stop()\n"
    )
    shown = subprocess.run([sys.executable, "-O", "-X", "dev", "-c", script], capture_output=True, text=True)
    worker_args = ast.literal_eval(shown.stdout.strip())
    assert "-O" in worker_args and "dev" in worker_args


def _started_elsewhere(folder: str) -> bool:
    """From a folder holding a package of the same name, as a writer's drafts folder might."""
    os.makedirs(os.path.join(folder, "editor"), exist_ok=True)
    with open(os.path.join(folder, "editor", "__init__.py"), "w") as handle:
        handle.write("raise ImportError('not the app')\n")
    os.chdir(folder)
    worker = WorkerProcess(Role())
    try:
        worker.update("# Hello\n", 1)
        return any(m[:2] == ("linted", 1) for m in _messages_until_linted(worker, 1))
    finally:
        worker.stop()


def test_the_worker_imports_the_app_from_where_the_window_did(tmp_path: Path) -> None:
    assert in_fresh_process(partial(_started_elsewhere, str(tmp_path)))


def _a_worker_after_ctrl_c() -> bool:
    """Ctrl+C in the terminal the app was started from reaches the worker too."""
    worker = WorkerProcess(Role())
    try:
        worker.update("# Before\n", 1)
        _messages_until_linted(worker, 1)
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGINT)
        worker.update("# After\n", 2)
        return any(m[:2] == ("linted", 2) for m in _messages_until_linted(worker, 2))
    finally:
        worker.stop()


def test_ctrl_c_is_left_to_the_window_and_the_worker_goes_on() -> None:
    assert in_fresh_process(_a_worker_after_ctrl_c)
