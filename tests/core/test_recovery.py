"""The recovery store: where it lives, what it keeps, what it offers back after a crash."""

from __future__ import annotations

import json
from pathlib import Path

from editor.core.recovery import (
    RecoveryStore,
    diff_with_disk,
    new_key,
    recovery_dir,
    state_dir,
)


def test_state_folder_honours_xdg_state_home() -> None:
    home = Path("/home/ada")
    assert state_dir({"XDG_STATE_HOME": "/xdg/state"}, platform="linux", home=home) == Path(
        "/xdg/state/issue-drafter"
    )
    assert state_dir({}, platform="linux", home=home) == home / ".local/state/issue-drafter"
    assert state_dir({"XDG_STATE_HOME": "relative"}, platform="linux", home=home) == (
        home / ".local/state/issue-drafter"
    )


def test_state_folder_on_macos_and_windows() -> None:
    home = Path("/Users/ada")
    assert state_dir({}, platform="darwin", home=home) == home / "Library/Application Support/Issue Drafter"
    windows = state_dir({"LOCALAPPDATA": "C:/Users/ada/AppData/Local"}, platform="win32", home=home)
    assert windows == Path("C:/Users/ada/AppData/Local/Issue Drafter")


def test_recovery_folder_is_under_the_state_folder(tmp_path: Path) -> None:
    assert recovery_dir({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "issue-drafter" / "recovery"


def _dead(pid: int) -> bool:
    return False


def _alive(pid: int) -> bool:
    return True


def test_journal_keeps_path_time_and_text(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path, pid=100, clock=lambda: 1234.5)
    key = new_key()
    store.journal(key, "first words", tmp_path / "issue.md")
    store.journal(key, "first words, and more", tmp_path / "issue.md")
    [entry] = store.entries()
    assert (entry.key, entry.path, entry.saved_at, entry.text) == (
        key,
        tmp_path / "issue.md",
        1234.5,
        "first words, and more",
    )
    assert [p.suffix for p in tmp_path.iterdir()] == [".json"]
    assert {oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()} == {"0o600"}  # drafts are private


def test_untitled_drafts_are_journaled_too(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path, pid=100)
    store.journal(new_key(), "no file yet", None)
    [entry] = store.entries()
    assert entry.path is None and entry.title == "Untitled draft"


def test_only_drafts_of_sessions_that_died_are_offered(tmp_path: Path) -> None:
    crashed = RecoveryStore(tmp_path, pid=101)
    crashed.journal(new_key(), "lost in a crash", None)
    running_elsewhere = RecoveryStore(tmp_path, pid=102)
    running_elsewhere.journal(new_key(), "another window", None)
    next_start = RecoveryStore(tmp_path, pid=200, alive=lambda pid: pid == 102)
    assert [entry.text for entry in next_start.orphans()] == ["lost in a crash"]


def test_claimed_entries_belong_to_the_new_session(tmp_path: Path) -> None:
    RecoveryStore(tmp_path, pid=101).journal(new_key(), "text", None)
    next_start = RecoveryStore(tmp_path, pid=200, alive=_dead)
    [orphan] = next_start.orphans()
    claimed = next_start.claim(orphan)
    assert claimed.pid == 200 and claimed.key == orphan.key
    third = RecoveryStore(tmp_path, pid=300, alive=lambda pid: pid == 200)
    assert third.orphans() == []


def test_discard_cleans_the_store(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path, pid=100)
    key = new_key()
    store.journal(key, "text", None)
    store.discard(key)
    store.discard(key)
    assert store.entries() == []


def test_damaged_entries_are_skipped(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path, pid=100)
    store.journal(new_key(), "good", None)
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "partial.json").write_text(json.dumps({"key": "x"}))
    assert [entry.text for entry in store.entries()] == ["good"]


def test_a_missing_store_has_no_entries(tmp_path: Path) -> None:
    assert RecoveryStore(tmp_path / "never-created").orphans() == []


def test_diff_shows_what_the_recovered_text_changes(tmp_path: Path) -> None:
    path = tmp_path / "issue.md"
    path.write_text("# Weekly\n\nOld paragraph.\n")
    store = RecoveryStore(tmp_path / "state", pid=100)
    entry = store.journal(new_key(), "# Weekly\n\nNew paragraph.\n", path)
    diff = diff_with_disk(entry)
    assert "-Old paragraph.\n" in diff and "+New paragraph.\n" in diff
    assert "(on disk)" in diff and "(recovered)" in diff


def test_diff_when_the_file_is_gone_or_untitled(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "state", pid=100)
    gone = store.journal(new_key(), "kept\n", tmp_path / "deleted.md")
    assert "(no file on disk)" in diff_with_disk(gone) and "+kept\n" in diff_with_disk(gone)
    untitled = store.journal(new_key(), "words\n", None)
    assert "+words\n" in diff_with_disk(untitled)


def test_the_draft_itself_is_never_written_by_the_store(tmp_path: Path) -> None:
    path = tmp_path / "issue.md"
    path.write_bytes(b"on disk\r\n")
    store = RecoveryStore(tmp_path / "state", pid=100)
    key = new_key()
    store.journal(key, "unsaved edits", path)
    store.claim(store.entries()[0])
    store.discard(key)
    assert path.read_bytes() == b"on disk\r\n"
