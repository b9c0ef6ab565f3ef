"""Guards one open draft: autosave to the recovery store, watch the file on disk, check before saving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStatusBar,
    QWidget,
)

from editor.core.files import DraftError, ExternalChangeError, TextFormat, save_draft
from editor.core.recovery import RecoveryStore, new_key, recovery_dir
from editor.core.watch import Action, Change, FileMonitor, Fingerprint, decide
from editor.ui.recovery_dialog import offer_recovery

if TYPE_CHECKING:
    from editor.ui.file_actions import FileActions
    from editor.ui.session import DocumentSession

AUTOSAVE_DELAY_MS = 2000
MAX_WAIT_FACTOR = 4  # steady typing is journaled at least every 4 delays
WATCH_DELAY_MS = 150


class FileGuard(QObject):
    """Journals unsaved text a moment after the last edit and reports changes to the file on disk.

    It never writes the draft's own file except through :meth:`save`, which the
    window calls when the writer asks to save. The window tells the guard what
    happens (``opened``, ``edited``, ``saved``, ``discarded``); the guard emits
    signals for what the window should do about the file on disk.
    """

    reload_quietly = Signal()  # the file changed on disk and there are no local edits
    conflict = Signal()  # the file changed on disk and there are local edits: ask
    deleted = Signal()  # the file was deleted or moved away
    journaled = Signal(str)  # the key under which the text was journaled
    journal_failed = Signal(str)  # a plain message: the recovery copy could not be written

    def __init__(
        self,
        store: RecoveryStore,
        text: Callable[[], str],
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        watch_delay_ms: int = WATCH_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._text = text
        self.key = new_key()
        self.monitor = FileMonitor()
        self.modified = False
        self._journaled = False
        self._reported: Fingerprint | None = None
        self._autosave = _single_shot(self, delay_ms, self.journal_now)
        self._pending = QElapsedTimer()
        self._max_wait_ms = MAX_WAIT_FACTOR * max(delay_ms, 1)
        self._recheck = _single_shot(self, watch_delay_ms, self.check_disk)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_disk_event)
        self._watcher.directoryChanged.connect(self._on_disk_event)

    @property
    def path(self) -> Path | None:
        """The file the draft belongs to (None while untitled)."""
        return self.monitor.path

    def opened(self, path: Path | None, known: Fingerprint | None, *, key: str | None = None) -> None:
        """A draft was opened (or a new one started); *key* continues a recovered journal."""
        self._autosave.stop()
        self._forget_journal()
        self.key = key or new_key()
        self.modified = key is not None
        self._set_file(path, known)
        if key is not None:
            self._autosave.start()

    def adopt(self, key: str) -> None:
        """Continue a recovered draft's journal (claimed from a crashed session) under its own key."""
        if key != self.key:
            self._forget_journal()
            self.key = key

    def edited(self, modified: bool = True) -> None:
        """The text changed; journal it shortly, or drop the journal once nothing is unsaved."""
        self.modified = modified
        if modified:
            self._schedule()
        else:
            self._autosave.stop()
            self._forget_journal()

    def _schedule(self) -> None:
        """Journal a moment after the last edit, but no later than a few pauses' worth into steady typing."""
        if not self._autosave.isActive():
            self._pending.start()
        elif self._pending.elapsed() >= self._max_wait_ms:
            return  # keep the running timer: someone typing without pause still gets journaled
        self._autosave.start()

    def journal_now(self) -> None:
        """Write the recovery copy now (also before risky operations and on close)."""
        self._autosave.stop()
        if not self.modified:
            return
        try:
            self.store.journal(self.key, self._text(), self.path)
        except (DraftError, OSError) as error:
            self.journal_failed.emit(str(error))
            return
        self._journaled = True
        self.journaled.emit(self.key)

    def save(self, path: Path, text: str, text_format: TextFormat, *, force: bool = False) -> Fingerprint:
        """Save atomically; refuse (ExternalChangeError) to overwrite a newer file unless *force*."""
        if self.modified:
            self.journal_now()
        same_file = self.path is not None and path == self.path
        expected = None if force or not same_file else self.monitor.known
        written = save_draft(path, text, text_format, expected=expected)
        self.saved(path, written)
        return written

    def saved(self, path: Path, written: Fingerprint) -> None:
        """The draft is on disk: the journal goes, and the new file is what we know."""
        self.modified = False
        self._autosave.stop()
        self._forget_journal()
        self._set_file(path, written)

    def discarded(self) -> None:
        """The writer threw the unsaved text away (closed without saving)."""
        self.modified = False
        self._autosave.stop()
        self._forget_journal()

    def keep_mine(self) -> None:
        """The writer keeps their text after a change on disk; the next save replaces the file."""
        self.monitor.accept(self.monitor.check()[1])
        self._reported = None

    def reloaded(self, known: Fingerprint | None) -> None:
        """The window reloaded the file from disk."""
        self.monitor.accept(known)
        self._reported = None
        self.edited(False)

    def attach(self, document: QTextDocument) -> None:
        """Follow a text document: every edit schedules a journal, saving state clears it."""
        document.contentsChanged.connect(lambda: self.edited(document.isModified()))
        document.modificationChanged.connect(self.edited)

    def check_disk(self) -> Action:
        """Compare the file on disk with what we know, emit what to do, and return it."""
        change, current = self.monitor.check()
        action = decide(change, locally_modified=self.modified)
        if action is Action.NOTHING or (change is not Change.DELETED and current == self._reported):
            return Action.NOTHING
        self._reported = current
        if change is Change.DELETED:
            self.monitor.accept(None)
            self.deleted.emit()
        elif action is Action.RELOAD:
            self.reload_quietly.emit()
        else:
            self.conflict.emit()
        self._rewatch()
        return action

    def _on_disk_event(self, _path: str) -> None:
        self._rewatch()
        self._recheck.start()

    def _set_file(self, path: Path | None, known: Fingerprint | None) -> None:
        self._reported = None
        self.monitor.reset(path, known)
        self._rewatch()

    def _rewatch(self) -> None:
        """Watch the file and its folder; an atomic replace by another program drops the file's watch."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        path = self.path
        if path is None:
            return
        targets = [str(p) for p in (path, path.parent) if p.exists()]
        if targets:
            self._watcher.addPaths(targets)

    def _forget_journal(self) -> None:
        self.store.discard(self.key)
        self._journaled = False


def _single_shot(parent: QObject, delay_ms: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(max(0, delay_ms))
    timer.timeout.connect(slot)
    return timer


def ask_reload_or_keep(parent: QWidget | None, path: Path) -> bool:
    """Ask what to do about a file changed on disk while there are local edits; True means reload."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File changed on disk")
    box.setText(f"{path.name} was changed by another program.")
    box.setInformativeText(
        "Reload it and lose your unsaved edits, or keep your version? "
        "If you keep yours, saving will replace the file on disk."
    )
    reload_button = box.addButton("Reload from Disk", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep My Version", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is reload_button


def tell_deleted(parent: QWidget | None, path: Path) -> None:
    """Say that the file is gone; the text stays in the editor and Save writes it back."""
    QMessageBox.warning(
        parent,
        "File deleted",
        f"{path.name} was deleted or moved on disk. Your text is still here; "
        "save it to write the file again, or use Save As.",
    )


def offer_save_as(parent: QWidget | None, error: DraftError) -> bool:
    """A save failed: show the plain reason and offer Save As; True if the writer wants it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Could not save")
    box.setText(str(error)[:1].upper() + str(error)[1:] + ".")
    box.setInformativeText("Your text is still in the editor, and a recovery copy is kept.")
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    return box.clickedButton() is save_as


def confirm_overwrite_newer(parent: QWidget | None, path: Path) -> bool:
    """The file on disk is newer than the one opened: replace it anyway? Default: no."""
    answer = QMessageBox.question(
        parent,
        "File changed on disk",
        f"{path.name} was changed by another program since you opened it. Replace it with your version?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def install_file_guard(
    session: DocumentSession,
    files: FileActions,
    editor: QPlainTextEdit,
    window: QWidget,
    *,
    store: RecoveryStore | None = None,
    delay_ms: int = AUTOSAVE_DELAY_MS,
    status: QStatusBar | None = None,
) -> FileGuard:
    """Guard the window's draft: journal edits, careful saves, and answers to changes on disk.

    With *status*, a draft that is not plain UTF-8 shows a lasting notice there with a
    button to store it as UTF-8 from now on.
    """
    guard = FileGuard(
        store or RecoveryStore(recovery_dir()), editor.toPlainText, delay_ms=delay_ms, parent=window
    )
    guard.attach(session.document)
    session.saver = lambda path, text, text_format: _careful_save(guard, window, path, text, text_format)
    session.opened.connect(lambda path: guard.opened(path, session.fingerprint))
    guard.reload_quietly.connect(lambda: _reload(files, editor, session, guard))
    guard.conflict.connect(lambda: _on_conflict(files, editor, session, guard, window))
    guard.deleted.connect(lambda: _on_deleted(session, window))
    if isinstance(window, QMainWindow) and hasattr(window, "closing"):
        window.closing.connect(guard.discarded)  # after Save or Discard: nothing is left unsaved
    application = QGuiApplication.instance()
    if isinstance(application, QGuiApplication):
        application.applicationStateChanged.connect(
            lambda state: guard.check_disk() if state == Qt.ApplicationState.ApplicationActive else None
        )
    if status is not None:
        notice = EncodingNotice(session)
        status.addPermanentWidget(notice)  # normal widgets are re-shown after every passing message
        session.opened.connect(lambda _path: notice.update_for(session.text_format))
    guard.opened(session.path, session.fingerprint)
    return guard


class EncodingNotice(QWidget):
    """ "Opened as Windows-1252; saved the same way. [Use UTF-8]" while a draft is not plain UTF-8."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.label = QLabel()
        self.button = QPushButton("Use UTF-8")
        self.button.setToolTip("Store this draft as UTF-8 from the next save on")
        self.button.clicked.connect(self.use_utf8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.hide()

    def update_for(self, text_format: TextFormat) -> None:
        """Show the notice for drafts stored in anything but UTF-8."""
        plain = text_format.encoding == "utf-8"
        self.setVisible(not plain)
        bom = " with a byte-order mark" if text_format.bom else ""
        self.label.setText(f"Opened as {text_format.label}{bom}; it will be saved the same way.")

    def use_utf8(self) -> None:
        """From the next save on, the draft is stored as UTF-8 (line endings unchanged)."""
        self.session.text_format = self.session.text_format.as_utf8()
        self.session.document.setModified(True)
        self.hide()


def _careful_save(
    guard: FileGuard, window: QWidget, path: Path, text: str, text_format: TextFormat
) -> Fingerprint:
    try:
        return guard.save(path, text, text_format)
    except ExternalChangeError:
        if not confirm_overwrite_newer(window, path):
            raise DraftError(f"{path.name} was not saved: the newer file on disk was kept") from None
        return guard.save(path, text, text_format, force=True)


def _reload(files: FileActions, editor: QPlainTextEdit, session: DocumentSession, guard: FileGuard) -> None:
    """Load the file again, keeping the caret where it was."""
    path = session.path
    if path is None:
        return
    position = editor.textCursor().position()
    if files.load(path):
        cursor = editor.textCursor()
        cursor.setPosition(min(position, len(editor.toPlainText())))
        editor.setTextCursor(cursor)
    else:
        guard.keep_mine()


def _on_conflict(
    files: FileActions, editor: QPlainTextEdit, session: DocumentSession, guard: FileGuard, window: QWidget
) -> None:
    if session.path is not None and ask_reload_or_keep(window, session.path):
        _reload(files, editor, session, guard)
    else:
        guard.keep_mine()


def _on_deleted(session: DocumentSession, window: QWidget) -> None:
    session.document.setModified(True)  # what is in the editor now exists nowhere else
    if session.path is not None:
        tell_deleted(window, session.path)


def recover_drafts(
    guard: FileGuard, files: FileActions, session: DocumentSession, editor: QPlainTextEdit, window: QWidget
) -> bool:
    """At start-up: offer drafts a crashed session left; put the chosen one in the editor, unsaved."""
    entry = offer_recovery(guard.store, window)
    if entry is None:
        return False
    if entry.path is None or not entry.path.exists() or not files.load(entry.path):
        editor.setPlainText("")
        session.mark_opened(entry.path, TextFormat(), None)
    guard.adopt(entry.key)
    cursor = QTextCursor(session.document)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(entry.text)  # one undo step back to the file on disk; the draft is now unsaved
    guard.journal_now()
    return True
