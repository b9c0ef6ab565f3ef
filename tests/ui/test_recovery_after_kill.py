"""End to end: type into the real app on an X display, SIGKILL it, start again, get the text back."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from editor.core.recovery import RecoveryEntry, RecoveryStore, recovery_dir

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
        reason="needs Xvfb and xdotool (installed by .ci/run) to type into a real window",
    ),
]

TYPED = "Typed just before the crash"
MORE = " and after the restore"


@pytest.fixture
def display() -> Iterator[str]:
    """A private Xvfb server; it picks a free display number itself."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(condition: Callable[[], object], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Session:
    """One run of ``issue-drafter`` on the test display, with xdotool at hand."""

    def __init__(self, env: dict[str, str], draft: Path) -> None:
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "editor", str(draft)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60, check=False
        )
        return done.stdout.strip()

    def window(self, name: str) -> str:
        found: list[str] = []

        def search() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the app exited: {self.process.stderr.read()!r}")  # type: ignore[union-attr]
            found[:] = self.xdotool("search", "--onlyvisible", "--name", name).split()
            return bool(found)

        _wait_for(search, f"a window named {name!r}")
        return found[-1]

    def type_into(self, window: str, text: str) -> None:
        self.xdotool("windowfocus", "--sync", window)
        time.sleep(0.5)
        self.xdotool("type", "--delay", "30", text)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


def _entries(env: dict[str, str]) -> list[RecoveryEntry]:
    return RecoveryStore(recovery_dir(env)).entries()


def test_typed_text_survives_sigkill_and_is_offered_back(display: str, tmp_path: Path) -> None:
    draft = tmp_path / "weekly.md"
    draft.write_bytes(b"# Weekly 12\r\n\r\nSaved yesterday.\r\n")
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path / "home"),
    }
    env.pop("ISSUE_DRAFTER_RECOVERY_DIR", None)
    env.pop("ISSUE_DRAFTER_RECOVERY_ANSWER", None)

    first = Session(env, draft)
    try:
        first.type_into(first.window("weekly.md"), TYPED)
        _wait_for(lambda: any(TYPED in e.text for e in _entries(env)), "the autosave journal")
    finally:
        first.kill()
    assert draft.read_bytes() == b"# Weekly 12\r\n\r\nSaved yesterday.\r\n"  # never written behind our back

    second = Session(env, draft)
    try:
        dialog = second.window("Recover unsaved drafts")
        [offered] = RecoveryStore(recovery_dir(env), pid=0).orphans()
        assert TYPED in offered.text and offered.path == draft
        second.xdotool("windowfocus", "--sync", dialog)
        second.xdotool("key", "--window", dialog, "Return")  # Restore is the default button
        _wait_for(lambda: [e.pid for e in _entries(env)] == [second.process.pid], "the restore")
        second.xdotool("key", "--window", second.window("weekly.md"), "ctrl+End")
        second.type_into(second.window("weekly.md"), MORE)
        _wait_for(lambda: any(TYPED in e.text and MORE in e.text for e in _entries(env)), "the new journal")
    finally:
        second.kill()
    assert draft.read_bytes() == b"# Weekly 12\r\n\r\nSaved yesterday.\r\n"
