"""The recovery dialog: what a writer sees after a crash, and what each button does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from editor.core.recovery import RecoveryStore, new_key
from editor.ui import recovery_dialog
from editor.ui.recovery_dialog import AUTO_ANSWER_ENV, RecoveryDialog, offer_recovery


@pytest.fixture
def crashed(tmp_path: Path) -> tuple[RecoveryStore, Path]:
    """A store holding two drafts from a session that died, and the next session's view of it."""
    path = tmp_path / "issue.md"
    path.write_text("# Weekly\n\nOld paragraph.\n")
    folder = tmp_path / "recovery"
    dead = RecoveryStore(folder, pid=11, clock=iter([100.0, 200.0]).__next__)
    dead.journal(new_key(), "# Weekly\n\nNew paragraph.\n", path)
    dead.journal(new_key(), "An untitled idea\n", None)
    return RecoveryStore(folder, alive=lambda pid: False), path


def _dialog(qtbot: QtBot, store: RecoveryStore) -> RecoveryDialog:
    dialog = RecoveryDialog(store.orphans())
    dialog.discarded.connect(store.discard)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_each_draft_is_listed_with_what_differs_from_disk(
    qtbot: QtBot, crashed: tuple[RecoveryStore, Path]
) -> None:
    store, _ = crashed
    dialog = _dialog(qtbot, store)
    titles = [dialog.list.item(row).text().split("\n")[0] for row in range(dialog.list.count())]
    assert titles == ["issue.md", "Untitled draft"]
    shown = dialog.diff.toPlainText()
    assert "-Old paragraph." in shown and "+New paragraph." in shown
    dialog.list.setCurrentRow(1)
    assert "+An untitled idea" in dialog.diff.toPlainText()


def test_restore_chooses_the_selected_draft(qtbot: QtBot, crashed: tuple[RecoveryStore, Path]) -> None:
    store, path = crashed
    dialog = _dialog(qtbot, store)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen is not None and dialog.chosen.path == path
    assert dialog.result() == RecoveryDialog.DialogCode.Accepted


def test_discard_removes_drafts_from_the_store_and_closes_when_none_are_left(
    qtbot: QtBot, crashed: tuple[RecoveryStore, Path]
) -> None:
    store, _ = crashed
    dialog = _dialog(qtbot, store)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert [entry.title for entry in store.entries()] == ["Untitled draft"]
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert store.entries() == []
    assert not dialog.isVisible() and dialog.chosen is None


def test_offer_restores_and_claims_the_chosen_draft(
    qtbot: QtBot, crashed: tuple[RecoveryStore, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, path = crashed
    monkeypatch.delenv(AUTO_ANSWER_ENV, raising=False)

    def choose_first(dialog: RecoveryDialog) -> int:
        dialog.restore_current()
        return 1

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", choose_first)
    restored = offer_recovery(store)
    assert restored is not None and restored.path == path and restored.text.endswith("New paragraph.\n")
    assert [entry.title for entry in store.orphans()] == ["Untitled draft"]  # the other waits for later


def test_decide_later_keeps_everything(
    qtbot: QtBot, crashed: tuple[RecoveryStore, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = crashed
    monkeypatch.delenv(AUTO_ANSWER_ENV, raising=False)
    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", lambda dialog: 0)
    assert offer_recovery(store) is None
    assert len(store.orphans()) == 2


def test_nothing_is_offered_after_a_clean_exit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(dialog: RecoveryDialog) -> int:
        raise AssertionError("no dialog expected")

    monkeypatch.setattr(recovery_dialog.RecoveryDialog, "exec", fail)
    assert offer_recovery(RecoveryStore(tmp_path / "empty")) is None


@pytest.mark.parametrize(("answer", "left"), [("restore", 1), ("discard", 0), ("later", 2)])
def test_scripted_answers(
    crashed: tuple[RecoveryStore, Path], monkeypatch: pytest.MonkeyPatch, answer: str, left: int
) -> None:
    store, _ = crashed
    monkeypatch.setenv(AUTO_ANSWER_ENV, answer)
    restored = offer_recovery(store)
    assert (restored is not None) == (answer == "restore")
    assert len(store.orphans()) == left
