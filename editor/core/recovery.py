"""The recovery store: unsaved drafts journaled to the user's state folder, offered back after a crash."""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from editor.core.files import DraftError, read_draft, save_atomic

APP_FOLDER = "issue-drafter"
_FORMAT = 1
_DIFF_LIMIT = 2_000_000


def state_dir(
    env: Mapping[str, str] | None = None, *, platform: str | None = None, home: Path | None = None
) -> Path:
    """Where the editor keeps state: ``$XDG_STATE_HOME/issue-drafter`` on Linux; usual places elsewhere."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    if platform == "win32":
        base = env.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "Issue Drafter"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Issue Drafter"
    state = env.get("XDG_STATE_HOME", "")
    base_path = Path(state) if state and Path(state).is_absolute() else home / ".local" / "state"
    return base_path / APP_FOLDER


def recovery_dir(env: Mapping[str, str] | None = None) -> Path:
    """The recovery store's folder (``ISSUE_DRAFTER_RECOVERY_DIR`` overrides it, for tests)."""
    env = os.environ if env is None else env
    override = env.get("ISSUE_DRAFTER_RECOVERY_DIR")
    return Path(override) if override else state_dir(env) / "recovery"


@dataclass(frozen=True)
class RecoveryEntry:
    """One journaled draft: whose it was, where it belongs, when, and its full text."""

    key: str
    path: Path | None
    saved_at: float
    text: str
    pid: int
    boot: str

    @property
    def title(self) -> str:
        """The name to show: the file's name, or "Untitled draft"."""
        return self.path.name if self.path else "Untitled draft"


def new_key() -> str:
    """A fresh key for one editing session's draft."""
    return uuid.uuid4().hex


def _boot_id() -> str:
    """Identifies this boot, so a process id from before a reboot is not taken for a live one."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


class RecoveryStore:
    """Unsaved drafts on disk, one JSON file each, written atomically; never the draft itself."""

    def __init__(
        self,
        folder: Path,
        *,
        pid: int | None = None,
        clock: Callable[[], float] = time.time,
        alive: Callable[[int], bool] = _pid_alive,
    ) -> None:
        self.folder = folder
        self.pid = os.getpid() if pid is None else pid
        self.boot = _boot_id()
        self._clock = clock
        self._alive = alive

    def _file(self, key: str) -> Path:
        if not key.isalnum():
            raise ValueError(f"bad recovery key {key!r}")
        return self.folder / f"{key}.json"

    def journal(self, key: str, text: str, path: Path | None) -> RecoveryEntry:
        """Store *text* for the draft *key* (replacing its previous journal) and return the entry."""
        entry = RecoveryEntry(key, path, self._clock(), text, self.pid, self.boot)
        payload = {
            "format": _FORMAT,
            "key": key,
            "path": None if path is None else str(path),
            "saved_at": entry.saved_at,
            "pid": entry.pid,
            "boot": entry.boot,
            "text": text,
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise DraftError(f"cannot keep a recovery copy in {self.folder}: {error.strerror}") from None
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        save_atomic(self._file(key), data, private=True)
        return entry

    def discard(self, key: str) -> None:
        """Forget the draft *key* (it was saved or thrown away)."""
        with contextlib.suppress(OSError):
            self._file(key).unlink()

    def entries(self) -> list[RecoveryEntry]:
        """Every readable entry, oldest first; damaged files are skipped."""
        try:
            files = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        found = [entry for entry in map(_load, files) if entry is not None]
        return sorted(found, key=lambda entry: entry.saved_at)

    def orphans(self) -> list[RecoveryEntry]:
        """Entries left behind by sessions that are no longer running (a crash or a kill)."""
        return [entry for entry in self.entries() if not self._owned_by_live_session(entry)]

    def _owned_by_live_session(self, entry: RecoveryEntry) -> bool:
        if entry.pid == self.pid and entry.boot == self.boot:
            return True
        return entry.boot == self.boot and self._alive(entry.pid)

    def claim(self, entry: RecoveryEntry) -> RecoveryEntry:
        """Take over an orphaned entry for this session (its text is written again under our name)."""
        return self.journal(entry.key, entry.text, entry.path)


def _load(file: Path) -> RecoveryEntry | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        path = data["path"]
        return RecoveryEntry(
            key=str(data["key"]),
            path=None if path is None else Path(path),
            saved_at=float(data["saved_at"]),
            text=str(data["text"]),
            pid=int(data["pid"]),
            boot=str(data.get("boot", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def disk_text(entry: RecoveryEntry) -> str | None:
    """The text of the entry's file as it is on disk now, or None (untitled, gone or unreadable)."""
    if entry.path is None:
        return None
    try:
        return read_draft(entry.path).text
    except DraftError:
        return None


def diff_with_disk(entry: RecoveryEntry) -> str:
    """What the recovered text changes compared with the file on disk, as a unified diff."""
    on_disk = disk_text(entry)
    before = "" if on_disk is None else on_disk
    if before == entry.text:
        return ""
    label = str(entry.path) if entry.path else "untitled"
    old_label = f"{label} (on disk)" if on_disk is not None else f"{label} (no file on disk)"
    if len(before) + len(entry.text) > _DIFF_LIMIT:
        return f"--- {old_label}\n+++ {label} (recovered)\n(too large to compare line by line)\n"
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        entry.text.splitlines(keepends=True),
        fromfile=old_label,
        tofile=f"{label} (recovered)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def save_guarded(
    store: RecoveryStore,
    key: str,
    path: Path,
    text: str,
    *,
    save: Callable[[Path, str], object],
) -> None:
    """Journal *text*, then *save* it; the journal is dropped only once the save succeeded.

    If saving fails, the exception propagates and the text stays in the store, so a
    crash right after a failed save loses nothing. A store that cannot be written
    does not stop the save.
    """
    with contextlib.suppress(DraftError, OSError):
        store.journal(key, text, path)
    save(path, text)
    store.discard(key)
