"""The Markdown source editor: highlighting, line numbers, finding underlines, list editing, zoom
(formatting shortcuts: :mod:`editor.ui.inline_formatting`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from editor.core.editing import (
    Replacement,
    utf16_length,
    utf16_offsets,
)
from editor.ui.gutter import LineGutter
from editor.ui.highlighter import MarkdownHighlighter
from editor.ui.inline_formatting import InlineFormatting
from editor.ui.list_editing import ListEditing
from editor.ui.source_colors import DARK_VIEW, LIGHT_VIEW, ViewColors
from editor.ui.underlines import FINDINGS_STEP, Underlines

if TYPE_CHECKING:
    from editor.core.lint.model import Finding, TextEdit

MIN_POINT_SIZE = 6.0
MAX_POINT_SIZE = 72.0
MAX_MATCH_HIGHLIGHTS = 2000

DEFAULT_POINT_SIZE = 11.0


class SourceView(QPlainTextEdit):
    """The Markdown source: highlighted, numbered, with wavy underlines where findings point."""

    top_line_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.setAccessibleName("Markdown source")
        self._colors = DARK_VIEW if dark else LIGHT_VIEW
        self._highlighter = MarkdownHighlighter(self.document(), dark=dark)
        self._underlines = Underlines(self)
        self._underlines.changed.connect(self._on_underlines_changed)
        self._painted_current: tuple[QRect, QRect, tuple[int, int]] | None = None  # band, number, scroll
        self._match_spans: list[tuple[int, int]] = []
        self._match_selections: list[QTextEdit.ExtraSelection] = []
        self._line_limit = 0
        self._zoom = 0.0
        self._top_line = 0
        self._quiet = False
        self._base_font = _default_font()
        self._gutter = LineGutter(self)
        self._lists = ListEditing(self)
        self._formatting = InlineFormatting(self)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.updateRequest.connect(self._check_top_line)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.verticalScrollBar().valueChanged.connect(self._check_top_line)
        self.verticalScrollBar().valueChanged.connect(self._highlight_screen)
        self.updateRequest.connect(self._highlight_screen)  # (a taller window shows more lines)
        self.verticalScrollBar().valueChanged.connect(self._underlines.follow_screen)
        self.blockCountChanged.connect(self._underlines.follow_screen)
        self._apply_font()
        self._apply_colors()

    # -- text ---------------------------------------------------------------------

    def setPlainText(self, text: str) -> None:
        """Show *text*; Unicode line separators become real line breaks so blocks match lines."""
        super().setPlainText(_real_newlines(text))

    def toPlainText(self) -> str:
        """The text with LF line breaks, keeping no-break spaces (Qt's own turns them into spaces)."""
        return self.document().toRawText().replace("\u2029", "\n")

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.textCursor().insertText(_real_newlines(source.text()))
            self.ensureCursorVisible()
            return
        super().insertFromMimeData(source)

    # -- findings -----------------------------------------------------------------

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Underline the spans *findings* point at (wavy, coloured by severity); tooltips show the message."""
        self._underlines.set(findings)

    def set_findings_in_steps(self, findings: Sequence[Finding], step: int = FINDINGS_STEP) -> None:
        """Like :meth:`set_findings`, placing *step* cursors per turn of the event loop. A long
        draft's highlighting steps start now if they wait (see :mod:`editor.ui.highlighter`)."""
        self._underlines.set_in_steps(findings, step)
        self._highlighter.start_steps()

    @property
    def underlines(self) -> Underlines:
        """The findings' cursors and underlines."""
        return self._underlines

    def underlined_findings(self) -> list[Finding]:
        """The findings currently handed to the view as underlines (those on and near the screen)."""
        return self._underlines.shown()

    def _on_underlines_changed(self) -> None:
        self._refresh_selections()
        self._gutter.update()

    def set_match_highlights(self, spans: Sequence[tuple[int, int]]) -> None:
        """Tint every search match (Qt positions); the find bar calls this. At most MAX_MATCH_HIGHLIGHTS."""
        self._match_spans = list(spans[:MAX_MATCH_HIGHLIGHTS])
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self._colors.match))
        selections = []
        for start, end in self._match_spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self._match_selections = selections
        self._refresh_selections()

    @property
    def colors(self) -> ViewColors:
        """The editor's colours in the current theme."""
        return self._colors

    def severity_color(self, severity: str) -> str:
        """The underline and gutter-mark colour of a finding of *severity*."""
        return self._colors.info if severity == "info" else self._colors.warning

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            messages = self._underlines.messages_at(self.cursorForPosition(pos).position())
            if messages:
                QToolTip.showText(event.globalPos(), "\n".join(dict.fromkeys(messages)), self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- positions, selection, edits -----------------------------------------------

    def position_of(self, line: int, column: int, lines: dict[int, tuple[int, str]] | None = None) -> int:
        """The Qt position of 1-based *line* and *column* (columns count characters).

        *lines* caches each line's position and text across calls.
        """
        entry = lines.get(line) if lines is not None else None
        if entry is None:
            block = self.document().findBlockByNumber(max(0, line - 1))
            if not block.isValid():
                return self.document().characterCount() - 1
            entry = (block.position(), block.text())
            if lines is not None:
                lines[line] = entry
        position, text = entry
        column = max(0, min(column - 1, len(text)))
        return position + (column if text.isascii() else utf16_length(text[:column]))

    def select_range(self, line: int, column: int, end_line: int, end_column: int) -> None:
        """Select the span (1-based, end column exclusive) and scroll it to the middle of the view."""
        start = self.position_of(line, column)
        end = self.position_of(end_line, end_column)
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(start, end))
        cursor.setPosition(min(start, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def apply_edits(self, edits: Sequence[TextEdit]) -> None:
        """Apply *edits* (offsets into ``toPlainText()``) as one undo step, from the end backwards."""
        if not edits:
            return
        ordered = sorted(edits, key=lambda e: (e.start, e.end), reverse=True)
        text = self.toPlainText()
        positions = utf16_offsets(text, [n for e in ordered for n in (e.start, e.end)])
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for index, edit in enumerate(ordered):
            cursor.setPosition(positions[2 * index])
            cursor.setPosition(positions[2 * index + 1], QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.text)
        cursor.endEditBlock()

    def replace_in_block(self, block: QTextBlock, replacement: Replacement) -> None:
        """Apply a :class:`Replacement` relative to *block*'s text as one undo step and select its result."""
        text = block.text()
        start = block.position() + utf16_length(text[: replacement.start])
        end = block.position() + utf16_length(text[: replacement.end])
        self.replace_span(start, end, replacement, text)

    def replace_span(self, start: int, end: int, replacement: Replacement, old: str) -> None:
        """Apply a :class:`Replacement` relative to *old*, the text at ``start..end``, as one undo
        step and select its result."""
        origin = start - utf16_length(old[: replacement.start])
        new = old[: replacement.start] + replacement.text + old[replacement.end :]
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement.text)
        cursor.endEditBlock()
        cursor.setPosition(origin + utf16_length(new[: replacement.select_start]))
        cursor.setPosition(
            origin + utf16_length(new[: replacement.select_end]), QTextCursor.MoveMode.KeepAnchor
        )
        self.setTextCursor(cursor)

    # -- scrolling ----------------------------------------------------------------

    def top_visible_line(self) -> int:
        """The 0-based number of the first line at least partly visible."""
        return self.firstVisibleBlock().blockNumber()

    def scroll_to_line(self, line: int) -> None:
        """Scroll so that 0-based *line* is the first visible line (as far as the scroll range allows).

        This does not emit ``top_line_changed``: it is how the preview moves the
        editor, and echoing it back would make the two views chase each other.
        """
        block = self.document().findBlockByNumber(max(0, line))
        if not block.isValid():
            block = self.document().lastBlock()
        self._quiet = True
        try:
            self.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._quiet = False
        self._top_line = self.top_visible_line()

    def bottom_visible_line(self) -> int:
        """The 0-based number of the last line at least partly visible."""
        return last_visible_line(self)

    def _highlight_screen(self, *_: object) -> None:
        """Lines shown before a long draft's highlighting steps got there are highlighted at once."""
        if self._highlighter.stepping:
            self._highlighter.highlight_through(self.bottom_visible_line())

    def _check_top_line(self, *_: object) -> None:
        top = self.top_visible_line()
        if top != self._top_line:
            self._top_line = top
            if not self._quiet:
                self.top_line_changed.emit(top)

    # -- formatting -----------------------------------------------------------------

    def formatting_actions(self) -> list[QAction]:
        """Bold, Italic, Link and Code actions with their shortcuts, for menus and toolbars."""
        return list(self._formatting.actions)

    # -- keys -----------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._formatting.action_for(event) is not None:  # type: ignore[arg-type]
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._formatting.action_for(event)
        if action is not None:
            action.trigger()
            return
        if self._lists.handle_key(event):
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    # -- font, zoom, wrap, theme, guide ---------------------------------------------

    def set_editor_font(self, font: QFont) -> None:
        """Use *font* (zoom is kept on top of its size)."""
        self._base_font = QFont(font)
        self._apply_font()

    def zoom_in(self) -> None:
        """Make the text one point larger (up to a sane maximum)."""
        if self._base_size() + self._zoom + 1 <= MAX_POINT_SIZE:
            self._zoom += 1
            self._apply_font()

    def zoom_out(self) -> None:
        """Make the text one point smaller (down to a readable minimum)."""
        if self._base_size() + self._zoom - 1 >= MIN_POINT_SIZE:
            self._zoom -= 1
            self._apply_font()

    def reset_zoom(self) -> None:
        """Back to the editor font's own size."""
        self._zoom = 0
        self._apply_font()

    def _base_size(self) -> float:
        size = self._base_font.pointSizeF()
        return size if size > 0 else DEFAULT_POINT_SIZE

    def _apply_font(self) -> None:
        font = QFont(self._base_font)
        font.setPointSizeF(max(MIN_POINT_SIZE, self._base_size() + self._zoom))
        self.setFont(font)
        self._gutter.setFont(font)
        self.setTabStopDistance(QFontMetricsF(font).horizontalAdvance(" ") * 4)
        self._gutter.fit()
        self.viewport().update()

    def set_soft_wrap(self, on: bool) -> None:
        """Wrap long lines at the window edge (on) or scroll sideways (off)."""
        mode = QPlainTextEdit.LineWrapMode.WidgetWidth if on else QPlainTextEdit.LineWrapMode.NoWrap
        self.setLineWrapMode(mode)

    def set_line_limit(self, columns: int) -> None:
        """Draw a faint vertical guide after *columns* characters (0 hides it)."""
        self._line_limit = max(0, columns)
        self.viewport().update()

    def set_dark(self, dark: bool) -> None:
        """Use the dark or the light colours for text, gutter, underlines and syntax."""
        self._colors = DARK_VIEW if dark else LIGHT_VIEW
        self._highlighter.set_dark(dark)
        self._apply_colors()
        self._underlines.restyle()
        self.set_match_highlights(self._match_spans)

    def _apply_colors(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(self._colors.base))
        palette.setColor(QPalette.ColorRole.Text, QColor(self._colors.text))
        self.setPalette(palette)
        self._gutter.update()
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        if not self.textCursor().hasSelection():
            painter.fillRect(self._current_line_band(), QColor(self._colors.current_line))
        if self._line_limit > 0:
            metrics = QFontMetricsF(self.font())
            x = self.contentOffset().x() + self.document().documentMargin()
            x += metrics.horizontalAdvance("x" * self._line_limit)
            painter.setPen(QColor(self._colors.guide))
            painter.drawLine(round(x), event.rect().top(), round(x), event.rect().bottom())
        painter.end()
        super().paintEvent(event)

    # -- current line ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._gutter.place(self.contentsRect())
        self._underlines.follow_screen()

    def _on_cursor_moved(self) -> None:
        """Repaint the current-line band and line number where they were and where they are now.

        Only those strips: repainting the whole view on every key cost ~2 ms a key. After
        a scroll the old places are stale, so then the whole view is repainted.
        """
        band, number = self._current_line_rects()
        scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        if self._painted_current is None or scroll != self._painted_current[2]:
            self.viewport().update()
            self._gutter.update()
        else:
            old_band, old_number, _ = self._painted_current
            for rect in (old_band, band):
                self.viewport().update(rect)
            for rect in (old_number, number):
                self._gutter.update_rows(rect)
        self._painted_current = (band, number, scroll)

    def _current_line_rects(self) -> tuple[QRect, QRect]:
        """The caret's line band in the view and its block's rows (where the gutter number is)."""
        geometry = self.blockBoundingGeometry(self.textCursor().block()).translated(self.contentOffset())
        return self._current_line_band(), geometry.toAlignedRect()

    def _current_line_band(self) -> QRect:
        """The caret's visual line across the view (painted as the current line)."""
        line = self.cursorRect()
        return QRect(0, line.top(), self.viewport().width(), line.height())

    def _refresh_selections(self) -> None:
        self.setExtraSelections([*self._match_selections, *self._underlines.selections()])


def last_visible_line(editor: QPlainTextEdit) -> int:
    """The 0-based number of the last line of *editor* at least partly visible."""
    return editor.cursorForPosition(QPoint(0, editor.viewport().height() - 1)).blockNumber()


def _real_newlines(text: str) -> str:
    """*text* with CR, CRLF and the Unicode line and paragraph separators turned into LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def _default_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), DEFAULT_POINT_SIZE))
    return font
