"""The file guard: autosave to the recovery store, changes on disk, careful saves."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.core import files
from editor.core.files import DraftError, ExternalChangeError, read_draft
from editor.core.recovery import RecoveryStore
from editor.ui.file_guard import FileGuard


class Buffer:
    """Stands in for the editor's text."""

    def __init__(self, text: str = "") -> None:
        self.text = text

    def __call__(self) -> str:
        return self.text


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "issue.md"
    path.write_bytes(b"# Weekly\r\n\r\nOn disk.\r\n")
    return path


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "state" / "recovery")


@pytest.fixture
def guard(qtbot: QtBot, store: RecoveryStore) -> Iterator[tuple[FileGuard, Buffer]]:
    buffer = Buffer()
    guard = FileGuard(store, buffer, delay_ms=0, watch_delay_ms=0)
    yield guard, buffer
    guard.deleteLater()


def _texts(store: RecoveryStore) -> list[str]:
    return [entry.text for entry in store.entries()]


def test_unsaved_edits_are_journaled_and_cleaned_on_save(
    qtbot: QtBot, guard: tuple[FileGuard, Buffer], store: RecoveryStore, draft: Path
) -> None:
    file_guard, buffer = guard
    opened = read_draft(draft)
    file_guard.opened(draft, opened.fingerprint)
    buffer.text = opened.text + "An afternoon of work.\n"
    with qtbot.waitSignal(file_guard.journaled):
        file_guard.edited()
    assert _texts(store) == [buffer.text]
    assert store.entries()[0].path == draft
    assert draft.read_bytes() == b"# Weekly\r\n\r\nOn disk.\r\n"  # never written behind the writer's back
    file_guard.save(draft, buffer.text, opened.format)
    assert store.entries() == []
    assert draft.read_bytes().endswith(b"An afternoon of work.\r\n")


def test_untitled_drafts_are_journaled(
    qtbot: QtBot, guard: tuple[FileGuard, Buffer], store: RecoveryStore
) -> None:
    file_guard, buffer = guard
    file_guard.opened(None, None)
    buffer.text = "no file yet"
    with qtbot.waitSignal(file_guard.journaled):
        file_guard.edited()
    assert [(e.path, e.text) for e in store.entries()] == [(None, "no file yet")]


def test_undoing_back_to_the_saved_text_or_discarding_cleans_the_store(
    qtbot: QtBot, guard: tuple[FileGuard, Buffer], store: RecoveryStore
) -> None:
    file_guard, buffer = guard
    buffer.text = "typed"
    with qtbot.waitSignal(file_guard.journaled):
        file_guard.edited()
    file_guard.edited(False)
    assert store.entries() == []
    with qtbot.waitSignal(file_guard.journaled):
        file_guard.edited()
    file_guard.discarded()
    assert store.entries() == []


def test_typing_in_an_attached_editor_is_journaled(qtbot: QtBot, store: RecoveryStore) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    file_guard = FileGuard(store, editor.toPlainText, delay_ms=0)
    file_guard.attach(editor.document())
    with qtbot.waitSignal(file_guard.journaled):
        qtbot.keyClicks(editor, "Dear readers")
    qtbot.waitUntil(lambda: _texts(store) == ["Dear readers"])
    editor.document().setModified(False)
    assert store.entries() == []


def test_a_change_on_disk_without_local_edits_reloads_quietly(
    qtbot: QtBot, guard: tuple[FileGuard, Buffer], draft: Path
) -> None:
    file_guard, _ = guard
    file_guard.opened(draft, read_draft(draft).fingerprint)
    with qtbot.waitSignal(file_guard.reload_quietly, timeout=5000):
        draft.write_text("Changed by another program\n")


def test_a_change_on_disk_with_local_edits_asks(
    qtbot: QtBot, guard: tuple[FileGuard, Buffer], draft: Path
) -> None:
    file_guard, buffer = guard
    file_guard.opened(draft, read_draft(draft).fingerprint)
    buffer.text = "mine"
    file_guard.edited()
    with qtbot.waitSignal(file_guard.conflict, timeout=5000):
        replacement = draft.with_name("other.tmp")
        replacement.write_text("Their version\n")
        os.replace(replacement, draft)  # how most editors save: a new file renamed over the old


def test_deletion_is_reported(qtbot: QtBot, guard: tuple[FileGuard, Buffer], draft: Path) -> None:
    file_guard, _ = guard
    file_guard.opened(draft, read_draft(draft).fingerprint)
    with qtbot.waitSignal(file_guard.deleted, timeout=5000):
        draft.unlink()


def test_our_own_save_is_not_reported_as_a_change(
    qtbot: QtBot, guard: tuple[FileGuard, Buffer], draft: Path
) -> None:
    file_guard, _ = guard
    opened = read_draft(draft)
    file_guard.opened(draft, opened.fingerprint)
    with (
        qtbot.assertNotEmitted(file_guard.reload_quietly, wait=300),
        qtbot.assertNotEmitted(file_guard.conflict),
    ):
        file_guard.save(draft, "saved by us\n", opened.format)
    assert file_guard.check_disk().value == "nothing"


def test_saving_never_silently_overwrites_a_newer_file(guard: tuple[FileGuard, Buffer], draft: Path) -> None:
    file_guard, _ = guard
    opened = read_draft(draft)
    file_guard.opened(draft, opened.fingerprint)
    draft.write_bytes(b"Newer, from another program\n")
    with pytest.raises(ExternalChangeError):
        file_guard.save(draft, "mine\n", opened.format)
    assert draft.read_bytes() == b"Newer, from another program\n"
    file_guard.keep_mine()
    file_guard.save(draft, "mine\n", opened.format)
    assert draft.read_bytes() == b"mine\r\n"


def test_a_failed_save_keeps_the_text_in_the_store(
    guard: tuple[FileGuard, Buffer], store: RecoveryStore, draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_guard, buffer = guard
    opened = read_draft(draft)
    file_guard.opened(draft, opened.fingerprint)
    buffer.text = "precious words\n"
    file_guard.edited()
    file_guard.journal_now()
    real_replace = os.replace

    def replace(source: str, target: object) -> None:
        if Path(str(target)) == draft:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(DraftError, match="the disk is full"):
        file_guard.save(draft, buffer.text, opened.format)
    assert draft.read_bytes() == b"# Weekly\r\n\r\nOn disk.\r\n"
    assert _texts(store) == ["precious words\n"]


def test_a_store_that_cannot_be_written_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    file_guard = FileGuard(RecoveryStore(blocker / "recovery"), lambda: "text", delay_ms=0)
    with qtbot.waitSignal(file_guard.journal_failed) as failed:
        file_guard.edited()
    assert "cannot keep a recovery copy" in failed.args[0]


def test_steady_typing_without_pauses_is_still_journaled(qtbot: QtBot, store: RecoveryStore) -> None:
    buffer = Buffer()
    file_guard = FileGuard(store, buffer, delay_ms=100)
    journaled: list[str] = []
    file_guard.journaled.connect(journaled.append)
    for count in range(40):  # an edit every 50 ms never leaves the 100 ms pause the delay waits for
        buffer.text = "x" * count
        file_guard.edited()
        qtbot.wait(50)
    assert journaled, "nothing was journaled while typing went on"
    assert store.entries()[0].text.startswith("x")
