"""Noticing that a draft changed or vanished on disk while it was open: fingerprints, no Qt."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when we last read or wrote it: time, size and content hash."""

    mtime_ns: int
    size: int
    digest: str


def digest_bytes(data: bytes) -> str:
    """The content hash used in fingerprints."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint_of(data: bytes, status: os.stat_result) -> Fingerprint:
    """The fingerprint of a file whose bytes and ``stat`` we already have."""
    return Fingerprint(status.st_mtime_ns, status.st_size, digest_bytes(data))


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of the file at *path* now, or None if it is gone or unreadable."""
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            hasher = hashlib.blake2b(digest_size=16)
            while chunk := handle.read(_CHUNK):
                hasher.update(chunk)
    except OSError:
        return None
    return Fingerprint(status.st_mtime_ns, status.st_size, hasher.hexdigest())


class Change(Enum):
    """How the file on disk relates to the one we know."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    DELETED = "deleted"
    CREATED = "created"


def compare(known: Fingerprint | None, path: Path) -> tuple[Change, Fingerprint | None]:
    """Compare the file at *path* with *known*; a touch that keeps the content is no change."""
    if known is not None and _same_stat(known, path):
        return Change.UNCHANGED, known
    current = fingerprint(path)
    if current is None:
        return (Change.UNCHANGED if known is None else Change.DELETED), None
    if known is None:
        return Change.CREATED, current
    if current.digest == known.digest and current.size == known.size:
        return Change.UNCHANGED, current
    return Change.MODIFIED, current


def _same_stat(known: Fingerprint, path: Path) -> bool:
    try:
        status = path.stat()
    except OSError:
        return False
    return status.st_mtime_ns == known.mtime_ns and status.st_size == known.size


class Action(Enum):
    """What the editor should do about a change on disk."""

    NOTHING = "nothing"
    RELOAD = "reload"
    ASK = "ask"
    WARN_DELETED = "warn-deleted"


def decide(change: Change, *, locally_modified: bool) -> Action:
    """Reload quietly when the writer has no edits; otherwise ask; say so when the file is gone."""
    if change is Change.UNCHANGED:
        return Action.NOTHING
    if change is Change.DELETED:
        return Action.WARN_DELETED
    return Action.ASK if locally_modified else Action.RELOAD


class FileMonitor:
    """Remembers a draft's fingerprint and tells what changed since (polled or on a watcher's cue)."""

    def __init__(self, path: Path | None = None, known: Fingerprint | None = None) -> None:
        self.path = path
        self.known = known

    def reset(self, path: Path | None, known: Fingerprint | None) -> None:
        """Start over with a newly opened or saved file."""
        self.path = path
        self.known = known

    def check(self) -> tuple[Change, Fingerprint | None]:
        """What changed on disk since the last ``reset``/``accept`` (the baseline is kept)."""
        if self.path is None:
            return Change.UNCHANGED, None
        return compare(self.known, self.path)

    def accept(self, current: Fingerprint | None) -> None:
        """Take the file's current state as known (after reloading, or choosing to keep ours)."""
        self.known = current
