"""A long draft is highlighted from the top in steps: the screen at once, the rest without a freeze."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.ui.file_actions import HIGHLIGHT_LATER_CHARS, set_text_highlighting_later
from editor.ui.highlighter import STEP_LINES, MarkdownHighlighter
from editor.ui.source_view import SourceView
from tests.ui.conftest import on_screen

Formats = list[tuple[int, list[tuple[int, int, str, bool]]]]


def long_draft() -> str:
    """Sections with headings, links, code spans and fences that open and close across many
    lines, so that step boundaries fall inside fences."""
    parts: list[str] = []
    n = 0
    while sum(map(len, parts)) <= 2 * HIGHLIGHT_LATER_CHARS:
        n += 1
        code = "\n".join(f"let x{i} = {i}; // *not emphasis*" for i in range(n % 37))
        parts.append(
            f"## Section {n}\n\nSome **bold** text with `code` and [a link](https://example.com/{n}).\n\n"
        )
        parts.append(f"```rust\n{code}\n```\n\n- an item\n- another\n\n")
    return "".join(parts)


def formats(document: QTextDocument) -> Formats:
    """Each line's state and its formats' spans, colours and weights."""
    out: Formats = []
    block = document.begin()
    while block.isValid():
        spans = [
            (item.start, item.length, item.format.foreground().color().name(), item.format.fontWeight() > 400)
            for item in block.layout().formats()
        ]
        out.append((block.userState(), spans))
        block = block.next()
    return out


def highlighted_at_once(qtbot: QtBot, text: str) -> Formats:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    MarkdownHighlighter(editor.document())
    editor.setPlainText(text)
    return formats(editor.document())


def opened(qtbot: QtBot, text: str) -> SourceView:
    """A source view that has just shown *text* and highlighted its first screen."""
    view = on_screen(qtbot, SourceView(), 700, 400)
    set_text_highlighting_later(view, text)
    qtbot.waitUntil(lambda: view._highlighter.stepping, timeout=5000)
    return view


def test_the_steps_end_with_every_line_as_highlighting_at_once_colours_it(qtbot: QtBot) -> None:
    text = long_draft()
    view = opened(qtbot, text)
    lines = view.document().blockCount()
    assert lines > 10 * STEP_LINES  # many steps, many fences across their boundaries
    qtbot.waitUntil(lambda: not view._highlighter.stepping, timeout=30_000)
    assert formats(view.document()) == highlighted_at_once(qtbot, text)


def test_the_screen_is_highlighted_first_and_lines_below_wait_for_their_step(qtbot: QtBot) -> None:
    text = long_draft()
    view = opened(qtbot, text)
    bottom = view.bottom_visible_line()
    assert formats(view.document())[: bottom + 1] == highlighted_at_once(qtbot, text)[: bottom + 1]
    assert formats(view.document())[-1] == (-2, [])  # the last line: not reached yet, plain


def test_going_to_the_end_highlights_it_at_once_and_typing_there_is_coloured(qtbot: QtBot) -> None:
    text = long_draft()
    view = opened(qtbot, text)
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view._highlighter.stepping  # the steps are still far above
    bottom = view.bottom_visible_line()
    assert formats(view.document())[bottom] == highlighted_at_once(qtbot, text)[bottom]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClicks(view, "# A new heading")
    assert view.document().lastBlock().layout().formats()  # coloured as typed


def test_the_steps_wait_for_the_findings_which_take_the_two_cores_first(qtbot: QtBot) -> None:
    view = opened(qtbot, long_draft())
    qtbot.wait(300)
    assert formats(view.document())[view.bottom_visible_line() + STEP_LINES + 1] == (-2, [])  # no step yet
    assert not view._highlighter._steps.isActive()
    view.set_findings_in_steps([])
    assert view._highlighter._steps.isActive()
    qtbot.waitUntil(lambda: not view._highlighter.stepping, timeout=30_000)


def test_lines_removed_and_added_above_the_steps_leave_no_line_plain(qtbot: QtBot) -> None:
    view = opened(qtbot, long_draft())
    cursor = view.textCursor()
    for _ in range(3):  # three lines go above the steps, and one comes
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    cursor.insertText("## A heading typed meanwhile\n")
    qtbot.waitUntil(lambda: not view._highlighter.stepping, timeout=30_000)
    assert formats(view.document()) == highlighted_at_once(qtbot, view.toPlainText())


def test_an_edit_across_the_last_line_highlighted_leaves_every_line_as_at_once(qtbot: QtBot) -> None:
    view = opened(qtbot, long_draft())
    through = view._highlighter._through
    assert through is not None
    cursor = view.textCursor()  # from two lines above the last highlighted to six below it
    cursor.setPosition(view.document().findBlockByNumber(through - 2).position())
    cursor.setPosition(
        view.document().findBlockByNumber(through + 6).position(), QTextCursor.MoveMode.KeepAnchor
    )
    cursor.insertText("x")
    view.set_findings_in_steps([])
    qtbot.waitUntil(lambda: not view._highlighter.stepping, timeout=30_000)
    assert formats(view.document()) == highlighted_at_once(qtbot, view.toPlainText())


def test_lines_a_taller_window_shows_are_highlighted_at_once(qtbot: QtBot) -> None:
    text = long_draft()
    view = opened(qtbot, text)
    view.resize(700, 1600)
    qtbot.waitUntil(lambda: view.bottom_visible_line() > 80)
    bottom = view.bottom_visible_line()
    qtbot.waitUntil(
        lambda: formats(view.document())[bottom] == highlighted_at_once(qtbot, text)[bottom], timeout=1000
    )
    assert view._highlighter.stepping  # the steps have not started: the window showed those lines
