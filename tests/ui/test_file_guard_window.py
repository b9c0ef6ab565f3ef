"""The file guard in the real window: what a writer sees when disks fail and files change."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.core import files
from editor.core.recovery import RecoveryStore, new_key
from editor.ui import file_guard
from editor.ui.app import App, build, open_initial
from editor.ui.file_guard import FileGuard, install_file_guard, recover_drafts
from editor.ui.settings_store import SettingsStore

ON_DISK = b"# Weekly\r\n\r\nOn disk.\r\n"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "weekly.md"
    path.write_bytes(ON_DISK)
    return path


@pytest.fixture
def recovery(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "state" / "recovery")


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, draft: Path, recovery: RecoveryStore, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[App, FileGuard]]:
    monkeypatch.setenv("ISSUE_DRAFTER_NO_WEBENGINE", "1")
    settings = SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = build(settings, debounce_ms=0)
    guard = install_file_guard(
        app.session, app.files, app.source, app.window, store=recovery, delay_ms=0, status=app.status
    )
    open_initial(app, draft)
    yield app, guard
    app.source.document().setModified(False)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    app.window.close()
    app.window.deleteLater()


def _type(qtbot: QtBot, app: App, text: str) -> None:
    app.source.moveCursor(app.source.textCursor().MoveOperation.End)
    qtbot.keyClicks(app.source, text)


def test_a_newer_file_on_disk_reloads_quietly_when_nothing_is_unsaved(
    qtbot: QtBot, window: tuple[App, FileGuard], draft: Path
) -> None:
    app, _ = window
    draft.write_text("# Weekly\n\nEdited elsewhere.\n")
    qtbot.waitUntil(lambda: "Edited elsewhere." in app.source.toPlainText(), timeout=5000)
    assert not app.session.modified


def test_with_unsaved_edits_the_writer_chooses(
    qtbot: QtBot, window: tuple[App, FileGuard], draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = window
    asked: list[Path] = []
    monkeypatch.setattr(file_guard, "ask_reload_or_keep", lambda parent, path: asked.append(path) or False)
    _type(qtbot, app, "Mine.")
    draft.write_text("Theirs.\n")
    qtbot.waitUntil(lambda: asked == [draft], timeout=5000)
    assert app.source.toPlainText().endswith("Mine.")
    app.files.save()  # kept mine: saving now replaces their file, as the prompt said
    assert draft.read_bytes().endswith(b"Mine.")


def test_saving_over_a_newer_file_asks_first(
    qtbot: QtBot, window: tuple[App, FileGuard], draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, guard = window
    monkeypatch.setattr(file_guard, "confirm_overwrite_newer", lambda parent, path: False)
    monkeypatch.setattr(file_guard, "offer_save_as", lambda parent, error: False)
    monkeypatch.setattr("editor.ui.file_actions.offer_save_as", lambda parent, error: False)
    _type(qtbot, app, "Mine.")
    guard.blockSignals(True)  # the save comes before the watcher has noticed
    draft.write_bytes(b"Newer.\n")
    assert app.files.save() is False
    assert draft.read_bytes() == b"Newer.\n"
    assert app.session.modified and app.source.toPlainText().endswith("Mine.")


def test_a_failed_save_keeps_the_text_and_offers_save_as(
    qtbot: QtBot,
    window: tuple[App, FileGuard],
    draft: Path,
    recovery: RecoveryStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, _ = window
    real_replace = os.replace
    offered: list[str] = []

    def full_disk(source: str, target: object) -> None:
        if Path(str(target)) == draft:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "replace", full_disk)

    def decline_save_as(parent: object, error: Exception) -> bool:
        offered.append(str(error))
        return False

    monkeypatch.setattr("editor.ui.file_actions.offer_save_as", decline_save_as)
    _type(qtbot, app, "An afternoon of work.")
    assert app.files.save() is False
    assert offered and "the disk is full" in offered[0]
    assert draft.read_bytes() == ON_DISK
    assert app.source.toPlainText().endswith("An afternoon of work.")
    assert [entry.text.endswith("An afternoon of work.") for entry in recovery.entries()] == [True]


def test_saving_cleans_the_recovery_store(
    qtbot: QtBot, window: tuple[App, FileGuard], recovery: RecoveryStore
) -> None:
    app, _ = window
    _type(qtbot, app, "More.")
    qtbot.waitUntil(lambda: len(recovery.entries()) == 1)
    assert app.files.save()
    assert recovery.entries() == []


def test_a_deleted_file_leaves_the_text_unsaved(
    qtbot: QtBot, window: tuple[App, FileGuard], draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = window
    told: list[Path] = []
    monkeypatch.setattr(file_guard, "tell_deleted", lambda parent, path: told.append(path))
    draft.unlink()
    qtbot.waitUntil(lambda: told == [draft], timeout=5000)
    assert app.session.modified
    assert app.files.save() and draft.read_bytes() == ON_DISK


def test_a_recovered_draft_comes_back_unsaved_and_undo_returns_to_the_file(
    window: tuple[App, FileGuard], draft: Path, recovery: RecoveryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, guard = window
    RecoveryStore(recovery.folder, pid=1).journal(new_key(), "# Weekly\n\nRecovered words.\n", draft)
    monkeypatch.setenv("ISSUE_DRAFTER_RECOVERY_ANSWER", "restore")
    guard.store = RecoveryStore(recovery.folder, alive=lambda pid: pid != 1)
    assert recover_drafts(guard, app.files, app.session, app.source, app.window)
    assert app.source.toPlainText() == "# Weekly\n\nRecovered words.\n"
    assert app.session.modified and app.session.path == draft
    assert [entry.pid for entry in recovery.entries()] == [os.getpid()]
    app.source.undo()
    assert app.source.toPlainText() == "# Weekly\n\nOn disk.\n"
    assert draft.read_bytes() == ON_DISK


def test_a_legacy_encoding_is_kept_unless_the_writer_chooses_utf8(
    qtbot: QtBot, window: tuple[App, FileGuard], tmp_path: Path
) -> None:
    app, _ = window
    legacy = tmp_path / "legacy.md"
    legacy.write_bytes("Caf\u00e9 cr\u00e8me\r\n".encode("cp1252"))
    assert app.files.load(legacy)
    notice = app.status.findChild(file_guard.EncodingNotice)
    assert notice is not None and not notice.isHidden()
    assert "Windows-1252" in notice.label.text()
    assert app.files.save()
    assert legacy.read_bytes() == "Caf\u00e9 cr\u00e8me\r\n".encode("cp1252")
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert notice.isHidden() and app.session.modified
    assert app.files.save()
    assert legacy.read_bytes() == "Caf\u00e9 cr\u00e8me\r\n".encode()
