"""Markdown highlighting: what each kind of syntax looks like, across lines, in both themes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.ui.highlighter import MarkdownHighlighter
from editor.ui.source_colors import DARK, LIGHT


class CountingHighlighter(MarkdownHighlighter):
    """Counts how many lines it was asked to colour."""

    calls = 0

    def highlightBlock(self, text: str) -> None:
        self.calls += 1
        super().highlightBlock(text)


@pytest.fixture
def document(qtbot: QtBot) -> Iterator[QTextDocument]:
    """The document of a plain-text editor, laid out as in the app."""
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    yield editor.document()
    del editor


def fmt_at(document: QTextDocument, line: int, column: int) -> QTextCharFormat:
    """The highlight format of the character at 0-based *line*, *column* (plain if none)."""
    block = document.findBlockByNumber(line)
    for item in block.layout().formats():
        if item.start <= column < item.start + item.length:
            return QTextCharFormat(item.format)
    return QTextCharFormat()


def color(fmt: QTextCharFormat) -> str:
    return (
        fmt.foreground().color().name() if fmt.hasProperty(QTextCharFormat.Property.ForegroundBrush) else ""
    )


def highlight(document: QTextDocument, text: str, *, dark: bool = False) -> MarkdownHighlighter:
    highlighter = MarkdownHighlighter(document, dark=dark)
    document.setPlainText(text)
    QApplication.processEvents()
    return highlighter


def test_headings_are_bold_and_coloured(document: QTextDocument) -> None:
    keep = highlight(document, "## A heading\nplain")
    assert fmt_at(document, 0, 5).fontWeight() == QFont.Weight.Bold
    assert color(fmt_at(document, 0, 5)) == LIGHT.heading
    assert color(fmt_at(document, 0, 0)) == LIGHT.markup
    assert color(fmt_at(document, 1, 0)) == ""
    assert keep


def test_emphasis_strong_and_code_spans(document: QTextDocument) -> None:
    keep = highlight(document, "Some **strong** and *em* and `co*de*` here")
    assert fmt_at(document, 0, 8).fontWeight() == QFont.Weight.Bold
    assert fmt_at(document, 0, 21).fontItalic()
    code = fmt_at(document, 0, 31)
    assert color(code) == LIGHT.code
    assert not code.fontItalic()
    assert fmt_at(document, 0, 1).fontWeight() != QFont.Weight.Bold
    assert keep


def test_fenced_code_spans_lines_until_the_matching_fence(document: QTextDocument) -> None:
    keep = highlight(document, "````python\n# not a heading\n```\n*still code*\n````\n# heading")
    assert color(fmt_at(document, 1, 3)) == LIGHT.code
    assert color(fmt_at(document, 2, 0)) == LIGHT.code
    assert color(fmt_at(document, 3, 2)) == LIGHT.code
    assert color(fmt_at(document, 5, 3)) == LIGHT.heading
    assert keep


def test_closing_a_fence_later_recolours_the_lines_below(document: QTextDocument) -> None:
    keep = highlight(document, "```\ncode\n# heading")
    assert color(fmt_at(document, 2, 3)) == LIGHT.code
    cursor = QTextCursor(document.findBlockByNumber(1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText("\n```")
    assert color(fmt_at(document, 3, 3)) == LIGHT.heading
    assert keep


def test_links_show_label_and_address_apart(document: QTextDocument) -> None:
    keep = highlight(document, "See [the docs](https://example.org) or https://x.org now")
    assert color(fmt_at(document, 0, 6)) == LIGHT.link
    assert color(fmt_at(document, 0, 20)) == LIGHT.url
    assert color(fmt_at(document, 0, 4)) == LIGHT.markup
    assert color(fmt_at(document, 0, 42)) == LIGHT.link
    assert keep


def test_list_markers_and_pseudo_bullets(document: QTextDocument) -> None:
    keep = highlight(document, "- item\n12. item\n• fake bullet\n- [ ] task")
    assert color(fmt_at(document, 0, 0)) == LIGHT.list_marker
    assert color(fmt_at(document, 1, 1)) == LIGHT.list_marker
    pseudo = fmt_at(document, 2, 0)
    assert pseudo.background().color() == QColor(LIGHT.pseudo_background)
    assert color(fmt_at(document, 3, 3)) == LIGHT.list_marker
    assert color(fmt_at(document, 0, 3)) == ""
    assert keep


def test_blockquotes_are_set_apart(document: QTextDocument) -> None:
    keep = highlight(document, "> quoted *text*")
    assert color(fmt_at(document, 0, 0)) == LIGHT.markup
    assert color(fmt_at(document, 0, 3)) == LIGHT.quote
    assert keep


def test_yaml_front_matter_only_at_the_top(document: QTextDocument) -> None:
    keep = highlight(document, "---\ntitle: Issue 12\n---\n# Heading\n\n---\nnot: front matter")
    assert color(fmt_at(document, 1, 0)) == LIGHT.meta_key
    assert color(fmt_at(document, 1, 9)) == LIGHT.meta
    assert color(fmt_at(document, 3, 3)) == LIGHT.heading
    assert color(fmt_at(document, 6, 0)) == ""
    assert keep


def test_pelican_header_ends_at_the_blank_line(document: QTextDocument) -> None:
    keep = highlight(document, "Title: This Week\nDate: 2024-01-01\n\nTitle: not meta")
    assert color(fmt_at(document, 0, 0)) == LIGHT.meta_key
    assert color(fmt_at(document, 1, 8)) == LIGHT.meta
    assert color(fmt_at(document, 3, 0)) == ""
    assert keep


def test_html_comments_across_lines(document: QTextDocument) -> None:
    keep = highlight(document, "text <!-- note\nstill note\nend --> *after*")
    assert color(fmt_at(document, 0, 0)) == ""
    assert color(fmt_at(document, 0, 7)) == LIGHT.comment
    assert color(fmt_at(document, 1, 2)) == LIGHT.comment
    assert color(fmt_at(document, 2, 0)) == LIGHT.comment
    assert fmt_at(document, 2, 10).fontItalic()
    assert color(fmt_at(document, 2, 10)) == ""
    assert keep


def test_dark_palette(document: QTextDocument) -> None:
    highlighter = highlight(document, "# Heading", dark=True)
    assert color(fmt_at(document, 0, 3)) == DARK.heading
    highlighter.set_dark(False)
    assert color(fmt_at(document, 0, 3)) == LIGHT.heading


def test_typing_in_a_large_draft_recolours_only_nearby_lines(document: QTextDocument) -> None:
    paragraph = "Some *text* with a [link](https://example.org) and `code`.\n- item one\n\n"
    highlighter = CountingHighlighter(document)
    document.setPlainText(paragraph * 8000)
    QApplication.processEvents()
    assert document.characterCount() > 500_000
    highlighter.calls = 0
    cursor = QTextCursor(document.findBlockByNumber(12_000))
    cursor.insertText("typed ")
    cursor.insertText("x")
    assert highlighter.calls <= 4
