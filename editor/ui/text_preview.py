"""The light preview: the rendered draft in a QTextBrowser, patched group by group of blocks.

It needs no Chromium: the window with a 1 MB draft takes about half the memory of the web
preview's (docs/performance.md). It serves long drafts and any machine where QtWebEngine
cannot start. Rendered blocks go into the document in groups, each group's HTML imported on
its own, so an edit replaces only the group that changed. A long first load goes in slices
of a few hundredths of a second, so the window keeps answering while it fills.

A long first load is built in a document of its own, off screen, while the shown one holds
the top that came first; the built document is shown once the whole draft is in. Qt lays out
each edit of a shown document at once, but a document it is given whole a screen at a time
as it is shown and the rest in its spare moments: at 1 MB the load took 0.73 s on the window's
thread, built off screen 0.40 s (2026-12-05). Lines map to paragraphs once it is shown.

Inserting a piece of HTML into a QTextDocument loses the format of its first paragraph (its
text joins the paragraph it lands in). So each group is imported with an empty paragraph in
front and inserted at the end of the paragraph before it; the document starts with a
one-pixel paragraph so that the first group has one before it too.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import QTextBrowser, QWidget

from editor.ui.preview import diff_blocks, folder_url, open_externally
from editor.ui.preview_groups import (
    Group,
    around,
    blocks_of,
    group_of_line,
    line_of_paragraph,
    paragraph_of_line,
    relined,
)

if TYPE_CHECKING:
    from editor.core.render import RenderedBlock, RenderResult

SLICE_SECONDS = 0.02  # work per turn of the event loop while a long result goes in
GROUP_BLOCKS = 16  # blocks imported together while loading (an edit imports only its own)
BUILD_ASIDE_BLOCKS = 200  # a first load of more blocks than this (or in parts) is built off screen
TOP_BLOCKS = 60  # shown meanwhile: a few screens (a 1 MB draft's first part is ~140 blocks)
_FIRST_PARAGRAPH = '<p style="margin:0px; font-size:1px">&#8203;</p>'
_UNREADABLE_RULE = re.compile(r"[^{}]*:nth-child\([^)]*\)[^{}]*\{[^}]*\}")
_LINE_NUMBER_RULE = re.compile(r"[^{}]*linenos[^{}]*\{[^}]*\}")


def qt_stylesheet(css: str) -> str:
    """*css* as Qt's rich text reads it well, and fast.

    Rules Qt's CSS parser cannot read are left out: it stops at the first one
    (``tr:nth-child(2n) td``) and drops every rule after it, the dark theme's colours and
    the code's colours with them.

    Qt tries each rule against every element of the HTML it imports, except rules that
    name an element: those it tries only on that element. So the code colours'
    ``.highlight .k`` become ``span.k`` (pygments puts each token in a span): the 75 of
    them, matched by walking up from every element, took most of the time to import a
    1 MB draft's HTML (0.39 -> 0.29 s without the walk up, 2026-11; 0.70 -> 0.29-0.46 s
    naming the span, 2026-12-05). Line-number rules go: the code is never numbered.
    """
    from editor.core.highlight import CSS_CLASS  # (pygments: not needed before the first paint)

    readable = _UNREADABLE_RULE.sub("", css)
    readable = _LINE_NUMBER_RULE.sub("", readable)
    return readable.replace(f".{CSS_CLASS} .", "span.").replace(f".{CSS_CLASS} {{", f"pre.{CSS_CLASS} {{")


class TextPreview(QTextBrowser):
    """The light preview; signals as the web preview's."""

    top_line_changed = Signal(int)
    patched = Signal(int)  # the version now shown whole

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_link)
        self._css = ""
        self._dark = dark
        self._groups: list[Group] = []
        self._building: QTextDocument | None = None  # where a long first load goes (see the module doc)
        self._target: RenderResult | None = None
        self._shown_version: int | None = None
        self._line = 0
        self._quiet = False
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.timeout.connect(self._step)
        self._split_timer = QTimer(self)
        self._split_timer.setSingleShot(True)
        self._split_timer.setInterval(150)
        self._split_timer.timeout.connect(self._split_at_top)
        self._scratch = QTextDocument(self)  # where each group's HTML is imported
        self._scratch.setUndoRedoEnabled(False)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._restart()

    # -- what the window calls -------------------------------------------------------

    def show_result(self, result: RenderResult) -> None:
        """Show *result*: blocks that changed are replaced; a long load goes in slices."""
        self._target = result
        if not self._step_timer.isActive():
            self._step()

    def set_dark(self, dark: bool) -> None:
        """Use the dark or the light stylesheet (the document is built again with it)."""
        if dark != self._dark:
            self._dark = dark
            self._restart()

    def set_base_folder(self, folder: Path | None) -> None:
        """Resolve relative images against *folder*."""
        for document in filter(None, (self.document(), self._building)):
            document.setBaseUrl(folder_url(folder))
        self.setSearchPaths([str(folder)] if folder is not None else [])

    def set_remote_images(self, allowed: bool) -> None:
        """QTextBrowser never loads images from the web; nothing to change."""

    def shown_blocks(self) -> list[RenderedBlock]:
        """The rendered blocks in the document now, in order (in the one built off screen, while it is)."""
        return blocks_of(self._groups)

    def scroll_to_line(self, line: int) -> None:
        """Scroll so that the block showing 0-based source *line* is at the top."""
        self._line = line
        self._split_group(group_of_line(self._groups, line))
        paragraph = self._paragraph_of_line(line)
        if paragraph is None:
            return
        rect = self.document().documentLayout().blockBoundingRect(paragraph)
        self._quiet = True
        try:
            self.verticalScrollBar().setValue(round(rect.top()))
        finally:
            self._quiet = False
        self._caret_to_view()

    # -- building the document -------------------------------------------------------

    def _restart(self) -> None:
        """An empty document with the current stylesheet; the target goes in again."""
        from editor.ui.preview import theme_css

        self._css = qt_stylesheet(theme_css(self._dark))
        self._clear()
        if self._target is not None:
            self._step()

    def _clear(self) -> None:
        self._scratch.setDefaultStyleSheet(self._css)
        if self._building is not None:
            self._building.deleteLater()
            self._building = None
        document = self.document()
        document.setDefaultStyleSheet(self._css)
        document.setHtml(_FIRST_PARAGRAPH)
        self._groups = []
        self._shown_version = None

    def _build_aside(self, target: RenderResult) -> None:
        """Start building the target in a document off screen; show its first blocks meanwhile."""
        building = QTextDocument(self)
        building.setUndoRedoEnabled(False)
        building.setDefaultStyleSheet(self._css)
        building.setBaseUrl(self.document().baseUrl())
        building.setHtml(_FIRST_PARAGRAPH)
        self._building = building
        self.document().setHtml(
            _FIRST_PARAGRAPH + "".join(block.html for block in target.blocks[:TOP_BLOCKS])
        )

    def _show_built(self) -> None:
        """Show the document built off screen (Qt lays it out from the part in view); the one shown
        until now goes, if it is one of ours."""
        building, self._building = self._building, None
        if building is None:
            return
        before = self.document()
        ours = before.parent() is self  # (Qt deletes its own first document itself)
        self._quiet = True  # (Qt scrolls the new document to its top: not the writer's scrolling)
        try:
            self.setDocument(building)
        finally:
            self._quiet = False
        if ours:
            before.deleteLater()

    def _editing(self) -> QTextDocument:
        """The document the groups are in: the one built off screen, if there is one, else the shown one."""
        return self._building if self._building is not None else self.document()

    def _step(self) -> None:
        """Put the target in for one slice of time; come back on the next turn if not done."""
        target = self._target
        if target is None:
            return
        if not self._groups and self._building is None and _long_load(target):
            self._build_aside(target)
        if self._patch_until(target.blocks, time.perf_counter() + SLICE_SECONDS):
            self._step_timer.start(0)
            return
        if self._building is not None and target.complete:
            self._show_built()
        if self._shown_version == target.version or not target.complete:  # (more of it to come)
            self._caret_to_view()
            return
        self._shown_version = target.version
        self.scroll_to_line(self._line)  # (which puts the caret in view)
        self.patched.emit(target.version)

    def _caret_to_view(self) -> None:
        """Put the (hidden) caret at the top of the view, unless the writer selected text.

        Patches move it with the text they insert (a long load left it at the very end), and
        Page Down and the arrows scroll from the caret.
        """
        if not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(self.viewport().rect().topLeft()))

    def _patch_until(self, blocks: tuple[RenderedBlock, ...], deadline: float) -> bool:
        """Replace the changed stretch a group of new blocks at a time until *deadline*;
        True if some are still to come."""
        shown = self.shown_blocks()
        patch = diff_blocks(shown, blocks)
        if not patch.remove and not patch.blocks:
            if patch.tail_lines:  # the same blocks, moved: keep the new lines for scrolling
                relined(self._groups, blocks)
            return False
        first, last = around(self._groups, patch.head, patch.head + patch.remove)
        start = sum(len(group.blocks) for group in self._groups[:first])
        end_old = start + sum(len(group.blocks) for group in self._groups[first:last])
        end_new = end_old + len(blocks) - len(shown)
        with _one_edit(self._editing()):
            while True:  # (at least once: a stretch may only go)
                count = min(GROUP_BLOCKS, end_new - start)
                if not self._replace(first, last, list(blocks[start : start + count])):
                    self._clear()  # paragraphs went missing (not seen in tests): built again from the top
                    return True
                first = last = first + (count > 0)  # next: right after this group
                start += count
                if start >= end_new:
                    break
                if time.perf_counter() >= deadline:
                    return True
        relined(self._groups, blocks)  # all in: the kept blocks take the new lines
        return False

    def _replace(self, first: int, last: int, blocks: list[RenderedBlock]) -> bool:
        """Replace groups ``first..last`` with one group of *blocks*.

        The paragraphs the edit leaves beyond the other groups' are the new group's (an empty
        one Qt keeps after a table, say), or with no new group its neighbour's. False if the
        document lost paragraphs it should have kept (then it is built again).
        """
        document = self._editing()
        before = sum(group.paragraphs for group in self._groups[:first])
        removed = sum(group.paragraphs for group in self._groups[first:last])
        others = sum(group.paragraphs for group in self._groups) - removed
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.setPosition(_end_of_paragraph(document, before))  # the paragraph before the groups
        cursor.setPosition(_end_of_paragraph(document, before + removed), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if blocks:
            cursor.insertFragment(self._fragment(blocks))
        cursor.endEditBlock()
        extra = document.blockCount() - 1 - others
        self._groups[first:last] = [Group(blocks, extra)] if blocks else []
        if blocks or not extra:
            return extra >= 0
        neighbour = self._groups[first - 1] if first > 0 else self._groups[0] if self._groups else None
        if neighbour is None or neighbour.paragraphs + extra < 0:
            return False
        neighbour.paragraphs += extra
        return True

    def _fragment(self, blocks: list[RenderedBlock]) -> QTextDocumentFragment:
        """The blocks' HTML as a fragment that starts with an empty paragraph (see the module doc)."""
        scratch = self._scratch
        scratch.setBaseUrl(self._editing().baseUrl())
        scratch.setHtml("".join(block.html for block in blocks).rstrip())
        cursor = QTextCursor(scratch)
        cursor.insertBlock(cursor.blockFormat(), cursor.block().charFormat())
        return QTextDocumentFragment(scratch)

    # -- lines and scrolling ---------------------------------------------------------

    def _split_group(self, index: int) -> None:
        """Import the blocks of group *index* one by one, so that lines map exactly there.

        A long draft goes in 16 blocks at a time (twice as fast); the groups the writer
        scrolls to are split as they are reached (a few milliseconds each).
        """
        if (
            index < 0
            or len(self._groups[index].blocks) < 2
            or self._step_timer.isActive()
            or self._building is not None
        ):
            return
        blocks = self._groups[index].blocks
        with _one_edit(self.document()):
            for offset, block in enumerate(blocks):
                end = index + 1 if offset == 0 else index + offset
                if not self._replace(index + offset, end, [block]):
                    self._clear()
                    self._step_timer.start(0)
                    return

    def _paragraph_of_line(self, line: int) -> QTextBlock | None:
        """The QTextBlock showing source *line* (estimated inside a group of several blocks)."""
        number = paragraph_of_line(self._groups, line) if self._building is None else None
        return None if number is None else self.document().findBlockByNumber(number)

    def _on_scrolled(self, value: int) -> None:
        if (
            self._quiet
            or not self._groups
            or self._building is not None
            or not (self.underMouse() or self.hasFocus())
        ):
            return
        cursor = self.cursorForPosition(self.viewport().rect().topLeft())
        self._line = line_of_paragraph(self._groups, cursor.blockNumber())
        self.top_line_changed.emit(self._line)
        self._split_timer.start()  # once the scrolling pauses: exact lines where it stopped

    def _split_at_top(self) -> None:
        """Split the group at the top of the view; the view stays where it is."""
        bar = self.verticalScrollBar()
        value = bar.value()
        number = self.cursorForPosition(self.viewport().rect().topLeft()).blockNumber()
        self._quiet = True
        try:
            self._split_group(group_of_line(self._groups, line_of_paragraph(self._groups, number)))
            bar.setValue(value)
        finally:
            self._quiet = False
        self._caret_to_view()

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "" and url.hasFragment():
            self.scrollToAnchor(url.fragment())
            return
        open_externally(url)


@contextmanager
def _one_edit(document: QTextDocument) -> Iterator[None]:
    """Edits made meanwhile are laid out once, at the end (each edit block otherwise lays out
    everything after it again: 16 single-block imports at the top of a 1 MB draft took 0.3 s)."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        yield
    finally:
        cursor.endEditBlock()


def _end_of_paragraph(document: QTextDocument, number: int) -> int:
    """The position at the end of QTextBlock *number*'s text (before its paragraph separator)."""
    block = document.findBlockByNumber(number)
    return block.position() + block.length() - 1


def _long_load(target: RenderResult) -> bool:
    """Whether a first load of *target* is built off screen: it comes in parts, or it is long."""
    return not target.complete or len(target.blocks) > BUILD_ASIDE_BLOCKS
