"""Finding underlines in a long draft: the spans are exact, only those near the screen are drawn."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from editor.core.editing import utf16_offsets
from editor.core.lint.model import Finding
from editor.ui.source_view import SourceView
from editor.ui.underlines import UNDERLINE_MARGIN
from tests.ui.conftest import on_screen

LINES = 3000


@pytest.fixture
def view(qtbot: QtBot) -> SourceView:
    return on_screen(qtbot, SourceView(), 700, 400)


def _text() -> str:
    """Lines of ASCII and of emoji and accents, so that columns and UTF-16 units differ."""
    return "\n".join(
        f"Line {n} 😀 naïve café words here" if n % 3 else f"Line {n} plain words here" for n in range(LINES)
    )


def _findings() -> list[Finding]:
    return [
        Finding("overlong-line", "line-length", "warning", n, 4 + n % 5, n + n % 2, 12, f"Finding on {n}.")
        for n in range(1, LINES, 7)
    ]


def _expected_span(text: str, finding: Finding) -> tuple[int, int]:
    """Qt's (UTF-16) positions of the finding's span, computed from the text."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    start = starts[finding.line - 1] + finding.column - 1
    end = starts[finding.end_line - 1] + finding.end_column - 1
    first, last = utf16_offsets(text, [start, end])
    return first, last


def _underlined_spans(view: SourceView) -> set[tuple[int, int]]:
    spans = set()
    for selection in view.extraSelections():
        if QTextCharFormat(selection.format).underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
            spans.add((selection.cursor.selectionStart(), selection.cursor.selectionEnd()))
    return spans


def _screen_lines(view: SourceView) -> range:
    first = view.firstVisibleBlock().blockNumber()
    last = view.cursorForPosition(view.viewport().rect().bottomRight()).blockNumber()
    return range(first, last + 1)


def test_each_cursor_selects_exactly_its_findings_span(view: SourceView) -> None:
    text = _text()
    view.setPlainText(text)
    findings = _findings()
    view.set_findings(findings)
    spans = {finding: (c.selectionStart(), c.selectionEnd()) for c, finding in view.underlines.placed()}
    assert spans == {finding: _expected_span(text, finding) for finding in findings}


def test_placing_the_cursors_is_no_edit(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText(_text())
    document = view.document()
    document.setModified(False)
    document.clearUndoRedoStacks()
    changes: list[object] = []
    document.contentsChanged.connect(lambda: changes.append("changed"))
    view.textChanged.connect(lambda: changes.append("text"))
    view.set_findings(_findings())
    assert changes == []
    assert not document.isModified() and not document.isUndoAvailable()


def test_the_findings_on_and_near_the_screen_are_underlined_and_scrolling_brings_the_rest(
    qtbot: QtBot, view: SourceView
) -> None:
    view.setPlainText(_text())
    findings = _findings()
    view.set_findings(findings)
    for target in (0, LINES // 2, LINES - 1):
        view.scroll_to_line(target)
        qtbot.wait(10)
        screen = _screen_lines(view)
        on_screen = {f for f in findings if f.line - 1 <= screen[-1] and f.end_line - 1 >= screen[0]}
        underlined = set(view.underlined_findings())
        assert on_screen and on_screen <= underlined
        assert all(screen[0] - UNDERLINE_MARGIN - 1 <= f.end_line for f in underlined)
        assert all(f.line - 1 <= screen[-1] + UNDERLINE_MARGIN for f in underlined)
        spans = {
            (c.selectionStart(), c.selectionEnd()) for c, f in view.underlines.placed() if f in underlined
        }
        assert _underlined_spans(view) == spans


def test_typing_keeps_the_underlines_on_their_words(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText(_text())
    view.set_findings(_findings())
    view.scroll_to_line(LINES - 20)
    before = {c.selectedText() for c, _ in view.underlines.placed()}
    view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(view, "Typed at the top. ")
    assert {c.selectedText() for c, _ in view.underlines.placed()} == before


def _spans(view: SourceView) -> list[tuple[int, int, Finding]]:
    return [(c.selectionStart(), c.selectionEnd(), f) for c, f in view.underlines.placed()]


def test_placing_in_steps_ends_where_placing_at_once_does(qtbot: QtBot, view: SourceView) -> None:
    view.setPlainText(_text())
    findings = _findings()
    view.set_findings(findings)
    at_once, underlined = _spans(view), _underlined_spans(view)
    view.set_findings([])
    view.set_findings_in_steps(findings, step=50)
    assert view.underlines.placed() == []  # the first step only: the rest on later turns
    qtbot.waitUntil(lambda: len(view.underlines.placed()) == len(findings))
    assert _spans(view) == at_once
    assert _underlined_spans(view) == underlined


def test_an_edit_between_steps_stops_them_and_keeps_the_underlines_shown(
    qtbot: QtBot, view: SourceView
) -> None:
    view.setPlainText(_text())
    old = _findings()[:5]
    view.set_findings(old)
    view.set_findings_in_steps(_findings(), step=50)
    view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(view, "x")
    qtbot.wait(100)
    assert not view.underlines.placing
    assert [f for _, f in view.underlines.placed()] == old
