"""The window as a writer uses it: open, type, see findings, jump, fix, undo, save, export, copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTextBrowser, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from editor.core.lint.model import Finding
from editor.ui.app import App, prepare_environment
from tests.ui.conftest import OpenWindow, wait_findings

PARAGRAPH = "Our release ships a faster importer and a brand new export dialog for everyone."
Buttons = QMessageBox.StandardButton


def row_of(app: App, rule: str) -> QTreeWidgetItem:
    tree = app.panel.tree
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        assert group is not None
        for child in range(group.childCount()):
            item = group.child(child)
            assert item is not None
            value = item.data(0, Qt.ItemDataRole.UserRole)
            if isinstance(value, Finding) and value.rule == rule:
                return item
    raise AssertionError(f"no row for {rule}")


def click_row(qtbot: QtBot, app: App, item: QTreeWidgetItem) -> None:
    tree = app.panel.tree
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_text(qtbot: QtBot, app: App, text: str) -> None:
    app.source.setFocus()
    for index, line in enumerate(text.split("\n")):
        if index:
            qtbot.keyClick(app.source, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        if line:
            qtbot.keyClicks(app.source, line)


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_opening_a_file_titles_the_window_and_puts_the_keyboard_in_the_editor(
    open_window: OpenWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    app = open_window(write(tmp_path / "issue-42.md", "# Issue 42\n\nHello.\n"))
    assert app.window.windowTitle().replace("[*]", "") == "issue-42.md — Issue Drafter"
    assert not app.window.isWindowModified()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is app.source, timeout=2000)
    assert app.source.toPlainText() == "# Issue 42\n\nHello.\n"
    qtbot.keyClicks(app.source, "Oh. ")
    assert app.window.isWindowModified()
    qtbot.keyClick(app.source, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not app.window.isWindowModified())


def test_a_duplicated_paragraph_shows_up_in_the_panel_and_its_fix_removes_it_undoably(
    open_window: OpenWindow, qtbot: QtBot
) -> None:
    app = open_window()
    type_text(qtbot, app, f"# News\n\n{PARAGRAPH}\n\nIn other news.\n\n{PARAGRAPH}\n")
    wait_findings(qtbot, app, "duplicate-paragraph")
    assert "Repetition (1)" in [app.panel.tree.topLevelItem(0).text(0)]  # type: ignore[union-attr]

    click_row(qtbot, app, row_of(app, "duplicate-paragraph"))
    cursor = app.source.textCursor()
    assert cursor.blockNumber() == 6  # 0-based: the later copy on line 7
    assert cursor.selectedText() == PARAGRAPH

    qtbot.mouseClick(app.panel.fix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any(f.rule == "duplicate-paragraph" for f in app.panel.findings))
    assert app.source.toPlainText().count(PARAGRAPH) == 1

    app.source.setFocus()
    qtbot.keyClick(app.source, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert app.source.toPlainText().count(PARAGRAPH) == 2
    wait_findings(qtbot, app, "duplicate-paragraph")


def test_show_earlier_copy_selects_the_first_copy(open_window: OpenWindow, qtbot: QtBot) -> None:
    app = open_window()
    type_text(qtbot, app, f"{PARAGRAPH}\n\nBetween.\n\n{PARAGRAPH}\n")
    wait_findings(qtbot, app, "duplicate-paragraph")
    click_row(qtbot, app, row_of(app, "duplicate-paragraph"))
    qtbot.mouseClick(app.panel.related_button, Qt.MouseButton.LeftButton)
    assert app.source.textCursor().blockNumber() == 0
    assert app.source.textCursor().selectedText() == PARAGRAPH


def test_an_overlong_line_is_found_jumped_to_and_rewrapped(open_window: OpenWindow, qtbot: QtBot) -> None:
    app = open_window()
    type_text(qtbot, app, "Intro.\n\n" + "word " * 30 + "end.")
    wait_findings(qtbot, app, "overlong-line")
    assert app.status.findings.text() == "1 finding"
    click_row(qtbot, app, row_of(app, "overlong-line"))
    assert app.source.textCursor().blockNumber() == 2
    app.panel.tree.setFocus()
    qtbot.keyClick(app.panel.tree, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not app.panel.findings)
    assert all(len(line) <= 100 for line in app.source.toPlainText().split("\n"))
    assert app.status.findings.text() == "No findings"


def test_a_fix_from_an_older_version_is_relinted_before_it_is_applied(
    open_window: OpenWindow, qtbot: QtBot
) -> None:
    app = open_window()
    type_text(qtbot, app, f"{PARAGRAPH}\n\nBetween.\n\n{PARAGRAPH}\n")
    wait_findings(qtbot, app, "duplicate-paragraph")
    old = next(f for f in app.panel.findings if f.rule == "duplicate-paragraph")
    app.worker.set_delay(10_000)  # the writer types on; no new findings arrive yet
    cursor = app.source.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    app.source.setTextCursor(cursor)
    type_text(qtbot, app, "\nMore.")
    app.controller.apply_fix(old)
    assert app.source.toPlainText().count(PARAGRAPH) == 1
    assert app.source.toPlainText().endswith("More.")


def test_muting_a_rule_hides_its_findings_and_is_remembered(open_window: OpenWindow, qtbot: QtBot) -> None:
    app = open_window()
    type_text(qtbot, app, "word " * 30)
    wait_findings(qtbot, app, "overlong-line")
    finding = app.panel.findings[0]
    menu = app.panel.context_menu(finding)
    mute = next(a for a in menu.actions() if a.text().startswith("Mute"))
    mute.trigger()
    qtbot.waitUntil(lambda: not app.panel.findings)
    assert "overlong-line" in app.store.preferences().disabled_rules


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(
    open_window: OpenWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write(tmp_path / "draft.md", "Hello.\n")
    app = open_window(path)
    qtbot.keyClicks(app.source, "New text. ")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def _question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append(text)
            return button

        return _question

    monkeypatch.setattr(QMessageBox, "question", answer(Buttons.Cancel))
    assert not app.window.close()
    assert app.window.isVisible() and asked and "draft.md" in asked[0]

    monkeypatch.setattr(QMessageBox, "question", answer(Buttons.Save))
    assert app.window.close()
    assert path.read_text(encoding="utf-8") == "New text. Hello.\n"


def test_new_and_open_ask_before_throwing_edits_away(
    open_window: OpenWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = write(tmp_path / "other.md", "Other draft.\n")
    app = open_window()
    qtbot.keyClicks(app.source, "Unsaved words.")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Buttons.Cancel)
    app.window.commands["new"].trigger()
    assert app.source.toPlainText() == "Unsaved words."
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Buttons.Discard)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    app.window.commands["open"].trigger()
    assert app.source.toPlainText() == "Other draft.\n"
    assert app.window.windowTitle().startswith("other.md")
    assert app.store.recent_files()[0] == other.resolve()


def test_save_keeps_the_files_encoding_and_line_endings(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes("\ufeffCafé\r\n\r\nLine two.\r\n".encode("utf-8"))
    app = open_window(path)
    cursor = app.source.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    app.source.setTextCursor(cursor)
    qtbot.keyClicks(app.source, "Three.")
    qtbot.keyClick(app.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_bytes() == "\ufeffCafé\r\n\r\nLine two.\r\nThree.".encode("utf-8")
    assert not app.window.isWindowModified()


def test_save_as_names_an_untitled_draft(
    open_window: OpenWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = open_window()
    assert app.window.windowTitle().startswith("Untitled.md")
    qtbot.keyClicks(app.source, "# Fresh")
    target = tmp_path / "fresh"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(app.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "fresh.md").read_text(encoding="utf-8") == "# Fresh"
    assert app.window.windowTitle().startswith("fresh.md")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("export_html", "<h1>Issue 7</h1>"),
        ("export_email", 'style="'),
        ("export_markdown", "# Issue 7\r\n"),
    ],
)
def test_export_actions_write_files(
    open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, expected: str
) -> None:
    app = open_window(write(tmp_path / "issue.md", "# Issue 7\n\nSome **news**.\n", "\r\n"))
    out = tmp_path / "out.file"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    app.window.commands[command].trigger()
    data = out.read_bytes().decode("utf-8")
    assert expected in data
    if command != "export_markdown":
        assert "news</strong>" in data and "data-source-line" not in data


def test_copy_as_html_puts_html_and_markdown_on_the_clipboard(open_window: OpenWindow, qtbot: QtBot) -> None:
    app = open_window()
    qtbot.keyClicks(app.source, "Some *news*")
    qtbot.keyClick(
        app.source, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    mime = QApplication.clipboard().mimeData()
    assert "<em>news</em>" in mime.html()
    assert mime.text() == "Some *news*"


def test_a_file_that_cannot_be_read_is_explained_and_the_window_still_opens(
    open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    app = open_window(tmp_path / "missing.md")
    assert app.window.isVisible()
    assert shown and "missing.md" in shown[0]
    assert app.window.windowTitle().startswith("Untitled.md")


def test_dropping_a_file_on_the_window_opens_it(open_window: OpenWindow, tmp_path: Path) -> None:
    dropped = write(tmp_path / "dropped.md", "Dropped text.\n")
    app = open_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # a synthetic QDropEvent does not pass QApplication's drag-and-drop routing; hand it to the
    # handlers a real drop reaches: the editor's drop filter and the window's dropEvent
    assert app.window.drop_filter is not None
    assert app.window.drop_filter.eventFilter(app.source.viewport(), event)
    assert app.source.toPlainText() == "Dropped text.\n"
    assert app.window.windowTitle().startswith("dropped.md")


def test_the_plain_preview_is_used_when_webengine_is_unavailable(
    open_window: OpenWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    app = open_window(write(tmp_path / "a.md", "# Plain preview\n\nIt *works*.\n"))
    assert "Light preview" in app.status.notice.text()
    assert app.window.commands["light_preview"].isChecked()
    qtbot.waitUntil(lambda: app.preview.findChild(QTextBrowser) is not None)
    page = app.preview.findChild(QTextBrowser)
    qtbot.waitUntil(lambda: "Plain preview" in page.toPlainText())


def test_status_bar_counts_words_and_shows_the_caret(open_window: OpenWindow, qtbot: QtBot) -> None:
    app = open_window()
    qtbot.keyClicks(app.source, "One two three")
    qtbot.waitUntil(lambda: app.status.stats.text().startswith("3 words"))
    assert "13 characters" in app.status.stats.text()
    assert app.status.position.text() == "Ln 1, Col 14"


def test_hidden_parts_and_layout_are_remembered(
    open_window: OpenWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_window()
    first.window.commands["show_preview"].trigger()
    first.window.commands["show_findings"].trigger()
    assert not first.preview.isVisible()
    first.window.close()
    second = open_window()
    assert not second.preview.isVisible()
    assert not second.window.findings_dock.isVisible()
    assert second.source.isVisible()


def test_find_and_formatting_are_reachable_from_the_menu(open_window: OpenWindow, qtbot: QtBot) -> None:
    app = open_window()
    qtbot.keyClicks(app.source, "bold")
    app.source.selectAll()
    format_menu = app.window.format_menu.actions()
    next(a for a in format_menu if a.text() == "&Bold").trigger()
    assert app.source.toPlainText() == "**bold**"
    qtbot.keyClick(app.source, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert app.find_bar.isVisible()


def test_running_as_root_adds_no_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.geteuid", lambda: 0)
    env = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    prepare_environment(env)
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu --no-sandbox"
    prepare_environment(env)
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"].count("--no-sandbox") == 1
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    clean: dict[str, str] = {}
    prepare_environment(clean)
    assert "QTWEBENGINE_CHROMIUM_FLAGS" not in clean


def test_preview_is_composited_in_software_unless_the_user_chose_a_backend() -> None:
    env: dict[str, str] = {}
    prepare_environment(env)
    assert env["QT_QUICK_BACKEND"] == "software"
    chosen = {"QT_QUICK_BACKEND": "rhi"}
    prepare_environment(chosen)
    assert chosen["QT_QUICK_BACKEND"] == "rhi"


def test_preferences_list_every_rule_and_turning_one_off_hides_its_findings(
    open_window: OpenWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core.lint.registry import RULES
    from editor.ui.preferences import PreferencesDialog

    app = open_window()
    type_text(qtbot, app, "word " * 30)
    wait_findings(qtbot, app, "overlong-line")
    shown: list[list[str]] = []

    def untick_overlong_line(dialog: PreferencesDialog) -> int:
        items = [dialog.rules.item(index) for index in range(dialog.rules.count())]
        shown.append([item.text().split(" — ")[0] for item in items])
        for item in items:
            if item.text().startswith("overlong-line —"):
                item.setCheckState(Qt.CheckState.Unchecked)
        return 1  # OK

    monkeypatch.setattr(PreferencesDialog, "exec", untick_overlong_line)
    app.window.commands["preferences"].trigger()
    assert shown == [[rule.id for rule in RULES]]
    qtbot.waitUntil(lambda: not app.panel.findings)
    assert "overlong-line" in app.store.preferences().disabled_rules


def test_no_two_commands_share_a_shortcut(open_window: OpenWindow) -> None:
    app = open_window()
    actions = [*app.window.commands.values(), *app.source.formatting_actions()]
    keys = [key.toString() for action in actions for key in action.shortcuts() if not key.isEmpty()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
