"""The open draft: where it lives, how its bytes are stored, its version and unsaved state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument

from editor.core.files import TextFormat, save_draft
from editor.core.watch import Fingerprint

APP_NAME = "Issue Drafter"
Saver = Callable[[Path, str, TextFormat], Fingerprint]


def _save(path: Path, text: str, text_format: TextFormat) -> Fingerprint:
    return save_draft(path, text, text_format)


class DocumentSession(QObject):
    """State of the one open draft, with signals others hook into.

    ``saver`` writes the draft; it is the seam for careful saving (the file guard
    replaces it with one that refuses to overwrite a newer file on disk).
    """

    state_changed = Signal()  # path or unsaved state changed: update the title
    opened = Signal(object)  # Path | None: a draft was opened, or a new one started
    saved = Signal(object)  # Path: the draft was written there
    edited = Signal(int)  # the new version after an edit

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path: Path | None = None
        self.text_format = TextFormat()
        self.fingerprint: Fingerprint | None = None
        self.version = 0
        self.saver: Saver = _save
        document.modificationChanged.connect(lambda _modified: self.state_changed.emit())
        document.contentsChanged.connect(self._on_edit)

    @property
    def modified(self) -> bool:
        """Whether there are unsaved changes."""
        return self.document.isModified()

    def display_name(self) -> str:
        """The file's name, or ``Untitled.md`` for a new draft."""
        return self.path.name if self.path is not None else "Untitled.md"

    def window_title(self) -> str:
        """``name.md[*] — Issue Drafter`` (Qt shows ``*`` in place of ``[*]`` while modified)."""
        return f"{self.display_name()}[*] — {APP_NAME}"

    def folder(self) -> Path | None:
        """The draft's folder (relative images resolve here)."""
        return self.path.parent if self.path is not None else None

    def _on_edit(self) -> None:
        self.version += 1
        self.edited.emit(self.version)

    def mark_opened(
        self, path: Path | None, text_format: TextFormat, fingerprint: Fingerprint | None
    ) -> None:
        """The document now holds the draft at *path* (None: a new, untitled draft)."""
        self.path = path
        self.text_format = text_format
        self.fingerprint = fingerprint
        self.document.setModified(False)
        self.opened.emit(path)
        self.state_changed.emit()

    def save_to(self, path: Path, text: str) -> None:
        """Write *text* to *path* in the draft's format; raises DraftError with a plain reason."""
        self.fingerprint = self.saver(path, text, self.text_format)
        self.path = path
        self.document.setModified(False)
        self.saved.emit(path)
        self.state_changed.emit()
