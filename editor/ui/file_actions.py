"""New, open, save, export and copy: the file side of the window, with its dialogs and prompts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QSignalBlocker, Signal
from PySide6.QtGui import QSyntaxHighlighter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPlainTextEdit, QWidget

from editor.core.files import Draft, DraftError, TextFormat, encode_draft, read_draft, save_atomic
from editor.ui.file_guard import offer_save_as
from editor.ui.first_paint import after_first_paint
from editor.ui.highlighter import MarkdownHighlighter
from editor.ui.session import DocumentSession
from editor.ui.settings_store import SettingsStore
from editor.ui.source_view import last_visible_line

if TYPE_CHECKING:
    from editor.core.export import ExportFormat

HIGHLIGHT_LATER_CHARS = 100_000  # drafts longer than this show before they are highlighted
DRAFT_FILTER = "Markdown drafts (*.md *.markdown *.mdown *.txt);;All files (*)"
EXPORTS: dict[ExportFormat, tuple[str, str, str]] = {
    "html": ("Export as HTML", ".html", "HTML pages (*.html *.htm)"),
    "email-html": ("Export as Email HTML", ".email.html", "HTML pages (*.html *.htm)"),
    "markdown": ("Export as Markdown", ".md", "Markdown (*.md *.markdown)"),
}
Buttons = QMessageBox.StandardButton


def export_bytes(text: str, fmt: ExportFormat, text_format: TextFormat, title: str) -> bytes:
    """The bytes of an export: HTML as UTF-8, Markdown in the draft's own encoding and line endings."""
    if fmt == "markdown":
        return encode_draft(text, text_format)
    from editor.core.export import export_text  # (imported when first used, after the window shows)

    return export_text(text, fmt, fallback_title=title).encode("utf-8")


def html_mime(text: str) -> QMimeData:
    """Clipboard data with the rendered HTML and the Markdown as plain text."""
    mime = QMimeData()
    from editor.core.render import render_text

    mime.setHtml(render_text(text, source_lines=False).html)
    mime.setText(text)
    return mime


def set_text_highlighting_later(editor: QPlainTextEdit, text: str) -> None:
    """Put *text* into *editor*; a long text is syntax-highlighted once the editor has shown it,
    the lines on screen first and the rest in steps.

    Highlighting is most of the cost of loading a long draft (0.4-0.6 s at 1 MB, which froze the
    window just after it appeared): with the highlighters detached the text goes in at once,
    and they are attached again after the editor's first paint.
    """
    document = editor.document()
    highlighters = [h for h in document.findChildren(QSyntaxHighlighter) if h.document() is document]
    if len(text) <= HIGHLIGHT_LATER_CHARS or not highlighters:
        editor.setPlainText(text)
        return
    for highlighter in highlighters:
        highlighter.setDocument(None)  # type: ignore[arg-type]
    editor.setPlainText(text)
    after_first_paint(editor.viewport(), lambda: _highlight(editor, highlighters))


def _highlight(editor: QPlainTextEdit, highlighters: list[QSyntaxHighlighter]) -> None:
    """Highlight the lines on screen (and a screenful more) now, the rest in steps."""
    document = editor.document()
    bottom = last_visible_line(editor)
    on_screen = bottom - editor.firstVisibleBlock().blockNumber() + 1
    for highlighter in highlighters:
        blocker = QSignalBlocker(document)  # (formats only: no edit for the session and the find bar)
        highlighter.setDocument(document)
        blocker.unblock()
        if isinstance(highlighter, MarkdownHighlighter):
            highlighter.rehighlight_in_steps(bottom + on_screen + 1)
        else:
            blocker = QSignalBlocker(document)
            highlighter.rehighlight()
            blocker.unblock()


class FileActions(QObject):
    """Runs the file commands for one window; dialogs are parented to *window*."""

    message = Signal(str)  # a passing note for the status bar
    loading = Signal(int)  # a draft of this many characters is about to go into the editor
    recent_changed = Signal(list)  # list[Path]

    def __init__(
        self, session: DocumentSession, editor: QPlainTextEdit, store: SettingsStore, window: QWidget
    ) -> None:
        super().__init__(window)
        self.session = session
        self.editor = editor
        self.store = store
        self.window = window

    def _text(self) -> str:
        return self.editor.toPlainText()

    def _start_folder(self) -> str:
        folder = self.session.folder()
        if folder is None:
            recent = self.store.recent_files()
            folder = recent[0].parent if recent else Path.home()
        return str(folder)

    # -- opening -----------------------------------------------------------------------

    def new_draft(self) -> bool:
        """Start an empty, untitled draft (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self.editor.setPlainText("")
        self.session.mark_opened(None, TextFormat(), None)
        return True

    def open_dialog(self) -> bool:
        """Ask for a draft and open it."""
        if not self.maybe_save():
            return False
        name, _ = QFileDialog.getOpenFileName(self.window, "Open Draft", self._start_folder(), DRAFT_FILTER)
        return bool(name) and self.load(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open *path* (recent files, drag and drop) after asking about unsaved changes."""
        return self.maybe_save() and self.load(path)

    def load(self, path: Path, draft: Draft | None = None) -> bool:
        """Read *path* into the editor (*draft*: as already read, at launch); say plainly why
        if it cannot be read."""
        try:
            draft = draft or read_draft(path)
        except DraftError as error:
            QMessageBox.warning(self.window, "Could not open the draft", _sentence(str(error)))
            return False
        self.loading.emit(len(draft.text))
        set_text_highlighting_later(self.editor, draft.text)
        self.session.mark_opened(path, draft.format, draft.fingerprint)
        self.recent_changed.emit(self.store.add_recent(path.resolve()))
        self.message.emit(draft.notice or f"Opened {path.name} ({draft.format.label}).")
        return True

    # -- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the draft's file, or ask where when it has none."""
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        suggested = str(Path(self._start_folder()) / self.session.display_name())
        name, _ = QFileDialog.getSaveFileName(self.window, "Save Draft As", suggested, DRAFT_FILTER)
        if not name:
            return False
        path = Path(name)
        return self._write(path if path.suffix else path.with_suffix(".md"))

    def _write(self, path: Path) -> bool:
        try:
            self.session.save_to(path, self._text())
        except DraftError as error:
            return offer_save_as(self.window, error) and self.save_as()
        self.recent_changed.emit(self.store.add_recent(path.resolve()))
        self.message.emit(f"Saved {path.name}.")
        return True

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True means go ahead."""
        if not self.session.modified:
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            f"{self.session.display_name()} has changes that are not saved. Save them first?",
            Buttons.Save | Buttons.Discard | Buttons.Cancel,
            Buttons.Save,
        )
        if answer == Buttons.Save:
            return self.save()
        return answer == Buttons.Discard

    # -- export and clipboard -----------------------------------------------------------

    def export(self, fmt: ExportFormat) -> bool:
        """Ask for a file name and export the draft there."""
        caption, suffix, file_filter = EXPORTS[fmt]
        stem = Path(self.session.display_name()).stem
        suggested = str(Path(self._start_folder()) / f"{stem}{suffix}")
        name, _ = QFileDialog.getSaveFileName(self.window, caption, suggested, file_filter)
        if not name:
            return False
        data = export_bytes(self._text(), fmt, self.session.text_format, stem)
        try:
            save_atomic(Path(name), data)
        except DraftError as error:
            QMessageBox.critical(self.window, "Could not export", _sentence(str(error)))
            return False
        self.message.emit(f"Exported to {Path(name).name}.")
        return True

    def copy_as_html(self) -> None:
        """Put the rendered HTML and the Markdown on the clipboard (formatted paste where supported)."""
        QApplication.clipboard().setMimeData(html_mime(self._text()))
        self.message.emit("Copied as HTML (and as Markdown text).")


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
