"""Noticing changes on disk: fingerprints, and what the editor should do about them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.files import read_draft, save_draft
from editor.core.watch import Action, Change, FileMonitor, compare, decide, fingerprint


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "issue.md"
    file.write_text("# Weekly\n")
    return file


def test_fingerprint_of_reading_matches_the_file(path: Path) -> None:
    assert read_draft(path).fingerprint == fingerprint(path)


def test_a_touch_that_keeps_the_content_is_not_a_change(path: Path) -> None:
    known = fingerprint(path)
    assert known is not None
    os.utime(path, ns=(known.mtime_ns + 5_000_000_000, known.mtime_ns + 5_000_000_000))
    change, current = compare(known, path)
    assert change is Change.UNCHANGED and current is not None


def test_new_content_with_the_same_size_and_time_is_noticed_through_the_hash(path: Path) -> None:
    known = fingerprint(path)
    assert known is not None
    path.write_text("# Wxxkly\n")
    os.utime(path, ns=(known.mtime_ns, known.mtime_ns))
    # Same size and time: cheap stat comparison cannot tell; the monitor only rehashes on a stat change.
    assert compare(known, path)[0] is Change.UNCHANGED
    os.utime(path, ns=(known.mtime_ns + 1, known.mtime_ns + 1))
    assert compare(known, path)[0] is Change.MODIFIED


def test_deleted_and_recreated(path: Path) -> None:
    monitor = FileMonitor(path, fingerprint(path))
    path.unlink()
    change, current = monitor.check()
    assert change is Change.DELETED and current is None
    monitor.accept(current)
    path.write_text("back again\n")
    assert monitor.check()[0] is Change.CREATED


def test_our_own_save_is_not_an_external_change(path: Path) -> None:
    draft = read_draft(path)
    monitor = FileMonitor(path, draft.fingerprint)
    monitor.reset(path, save_draft(path, "mine\n", draft.format, expected=draft.fingerprint))
    assert monitor.check()[0] is Change.UNCHANGED


@pytest.mark.parametrize(
    ("change", "modified", "action"),
    [
        (Change.UNCHANGED, True, Action.NOTHING),
        (Change.MODIFIED, False, Action.RELOAD),
        (Change.MODIFIED, True, Action.ASK),
        (Change.CREATED, False, Action.RELOAD),
        (Change.DELETED, False, Action.WARN_DELETED),
        (Change.DELETED, True, Action.WARN_DELETED),
    ],
)
def test_reload_quietly_only_without_local_edits(change: Change, modified: bool, action: Action) -> None:
    assert decide(change, locally_modified=modified) is action
