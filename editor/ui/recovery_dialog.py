"""After a crash: offer each unsaved draft back, with what it changes compared with the file on disk."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.recovery import RecoveryEntry, RecoveryStore, diff_with_disk

AUTO_ANSWER_ENV = "ISSUE_DRAFTER_RECOVERY_ANSWER"
TITLE = "Recover unsaved drafts"


class DiffHighlighter(QSyntaxHighlighter):
    """Colours a unified diff: added lines green, removed lines red, hunk headers grey."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = {"+": _format("#1a7f37"), "-": _format("#cf222e"), "@": _format("#6e7781")}

    def highlightBlock(self, text: str) -> None:
        if text.startswith(("+++", "---")):
            self.setFormat(0, len(text), self._formats["@"])
        elif text[:1] in self._formats:
            self.setFormat(0, len(text), self._formats[text[:1]])


def _format(color: str) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setForeground(QColor(color))
    return char_format


class RecoveryDialog(QDialog):
    """Lists unsaved drafts left by a crash; the writer restores one, discards some, or decides later."""

    discarded = Signal(str)  # the key of an entry the writer threw away

    def __init__(self, entries: Sequence[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(820, 520)
        self.chosen: RecoveryEntry | None = None
        self._entries = {entry.key: entry for entry in entries}
        self.list = QListWidget()
        self.diff = QPlainTextEdit(readOnly=True)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._highlighter = DiffHighlighter(self.diff.document())
        self.list.setSpacing(3)
        self.restore_button = QPushButton("Restore")
        self.discard_button = QPushButton("Discard")
        self._build()
        for entry in entries:
            self._add_item(entry)
        self.list.setCurrentRow(0)

    def _build(self) -> None:
        intro = QLabel(
            "Issue Drafter did not close properly last time. These drafts had unsaved changes. "
            "Restore one to keep working on it; the file on disk has not been touched."
        )
        intro.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([260, 560])
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton("Decide Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_current)
        self.discard_button.clicked.connect(self.discard_current)
        later.clicked.connect(self.reject)
        self.list.currentItemChanged.connect(self._show_current)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def _add_item(self, entry: RecoveryEntry) -> None:
        when = datetime.fromtimestamp(entry.saved_at).strftime("%Y-%m-%d %H:%M")
        item = QListWidgetItem(f"{entry.title}\n{when}")
        item.setData(Qt.ItemDataRole.UserRole, entry.key)
        item.setToolTip(str(entry.path) if entry.path else "A draft that was never saved")
        self.list.addItem(item)

    def current(self) -> RecoveryEntry | None:
        """The entry selected in the list."""
        item = self.list.currentItem()
        return None if item is None else self._entries[str(item.data(Qt.ItemDataRole.UserRole))]

    def _show_current(self, *_: object) -> None:
        entry = self.current()
        if entry is None:
            self.diff.setPlainText("")
            return
        diff = diff_with_disk(entry)
        self.diff.setPlainText(diff or "The recovered text is the same as the file on disk.")
        self.restore_button.setEnabled(True)

    def restore_current(self) -> None:
        """Restore the selected draft and close."""
        self.chosen = self.current()
        if self.chosen is not None:
            self.accept()

    def discard_current(self) -> None:
        """Throw the selected draft away; close when none are left."""
        entry = self.current()
        if entry is None:
            return
        self.list.takeItem(self.list.currentRow())
        self.discarded.emit(entry.key)
        if self.list.count() == 0:
            self.reject()


def offer_recovery(store: RecoveryStore, parent: QWidget | None = None) -> RecoveryEntry | None:
    """Offer the drafts a crashed session left behind; return the one to restore (claimed), if any.

    ``ISSUE_DRAFTER_RECOVERY_ANSWER=restore|discard|later`` answers without showing the
    dialog (for scripted tests); otherwise the dialog is modal.
    """
    entries = store.orphans()
    if not entries:
        return None
    answer = os.environ.get(AUTO_ANSWER_ENV, "")
    if answer:
        return _auto_answer(store, entries, answer)
    dialog = RecoveryDialog(entries, parent)
    dialog.discarded.connect(store.discard)
    dialog.exec()
    return None if dialog.chosen is None else store.claim(dialog.chosen)


def _auto_answer(store: RecoveryStore, entries: Sequence[RecoveryEntry], answer: str) -> RecoveryEntry | None:
    if answer == "restore":
        return store.claim(entries[-1])
    if answer == "discard":
        for entry in entries:
            store.discard(entry.key)
    return None
