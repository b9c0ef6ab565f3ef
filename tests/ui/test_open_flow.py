"""Opening a large draft: the text shows at once, preview and findings follow, nothing stale is shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import editor.ui.file_actions as file_actions
import editor.ui.worker as worker_module
from editor.cli import read_at_launch
from editor.core.document import Document
from editor.core.lint.engine import lint_parsed
from editor.core.markdown import MarkdownParser
from editor.core.render import Renderer, RenderResult, create_render_markdown
from editor.core.worker_process import worker_for_launch
from editor.ui.app import App, build, open_initial
from editor.ui.preview import NO_WEBENGINE_ENV
from editor.ui.settings_store import SettingsStore
from editor.ui.worker import INPROCESS_LIMIT
from tests.shared import needs_corpus

CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "twir"
SLOW_TYPING_DELAY_MS = 60_000  # longer than any test waits: only the open itself may start work


def blockwise_html(text: str) -> str:
    """The preview of *text* as a fresh block-wise parse and render gives it."""
    md = create_render_markdown()
    return Renderer(md).render(MarkdownParser(md).parse(Document.from_source(text))).html


def corpus_draft(size: int, start: int = 0) -> str:
    files = sorted(CORPUS.glob("*.md"))[start:]
    text = ""
    for path in files:
        text += path.read_text(encoding="utf-8") + "\n\n"
        if len(text) > size:
            break
    return text


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """A window whose typing delay is a minute, with the plain preview (results are easy to read)."""
    monkeypatch.setenv(NO_WEBENGINE_ENV, "1")
    store = SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = build(store, debounce_ms=SLOW_TYPING_DELAY_MS)
    qtbot.addWidget(app.window, before_close_func=lambda _: app.source.document().setModified(False))
    yield app
    app.source.document().setModified(False)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    app.window.close()
    app.worker.close()


def shown(app: App) -> list[RenderResult]:
    results: list[RenderResult] = []
    original = app.preview.show_result  # type: ignore[attr-defined]

    def record(result: RenderResult) -> None:
        results.append(result)
        original(result)

    app.preview.show_result = record  # type: ignore[attr-defined]
    return results


@needs_corpus
def test_a_large_draft_shows_its_text_first_then_its_preview_and_findings(
    qtbot: QtBot, window: App, tmp_path: Path
) -> None:
    text = corpus_draft(3 * INPROCESS_LIMIT)
    path = tmp_path / "large.md"
    path.write_text(text, encoding="utf-8")
    results = shown(window)
    started_before_text: list[bool] = []
    window.source.textChanged.connect(lambda: started_before_text.append(window.worker._process is not None))

    open_initial(window, path)

    assert window.window.isVisible()
    assert window.source.toPlainText() == text
    assert results == []  # the preview comes from the worker process, later
    assert started_before_text and started_before_text[0]  # it was starting up while the editor loaded
    version = window.session.version
    qtbot.waitUntil(lambda: window.controller.findings_version == version, timeout=60_000)
    qtbot.waitUntil(lambda: bool(results) and results[-1].version == version, timeout=60_000)
    assert results[-1].html == blockwise_html(text)
    expected = lint_parsed(MarkdownParser().parse(Document(text)), window.controller.lint_settings())
    assert [(f.rule, f.line, f.column) for f in window.controller.findings] == [
        (f.rule, f.line, f.column) for f in expected
    ]


@needs_corpus
def test_opening_another_draft_at_once_never_shows_the_first_one(
    qtbot: QtBot, window: App, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(corpus_draft(2 * INPROCESS_LIMIT), encoding="utf-8")
    second_text = corpus_draft(2 * INPROCESS_LIMIT, start=10)
    second.write_text(second_text, encoding="utf-8")
    open_initial(window, first)
    results = shown(window)
    findings: list[int] = []
    window.worker.linted.connect(lambda version, _f: findings.append(version))
    assert window.files.load(second)
    version = window.session.version
    qtbot.waitUntil(lambda: window.controller.findings_version == version, timeout=60_000)
    qtbot.waitUntil(lambda: bool(results) and results[-1].version == version, timeout=60_000)
    assert {result.version for result in results} == {version}
    assert results[-1].html == blockwise_html(second_text)
    assert window.controller.findings_version == version


def test_a_small_draft_shows_first_and_gets_its_preview_and_findings_right_after(
    qtbot: QtBot, window: App, tmp_path: Path
) -> None:
    path = tmp_path / "small.md"
    path.write_text("# Issue 7\n\nHello  there.\n", encoding="utf-8")
    results = shown(window)
    open_initial(window, path)
    assert not results  # the window paints before the draft is rendered and checked
    qtbot.waitUntil(lambda: bool(results) and results[-1].version == window.session.version, timeout=5000)
    assert window.controller.findings_version == window.session.version
    assert window.worker._process is None


def formats_of_first_heading(app: App) -> int:
    block = app.source.document().begin()
    while block.isValid() and not block.text().startswith("#"):
        block = block.next()
    layout = block.layout()
    return len(layout.formats()) if layout is not None else 0


@needs_corpus
def test_a_long_draft_is_highlighted_after_it_shows_without_counting_as_an_edit(
    qtbot: QtBot, window: App, tmp_path: Path
) -> None:
    text = corpus_draft(150_000)
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    edits: list[int] = []
    window.session.edited.connect(edits.append)
    open_initial(window, path)
    opened_at = window.session.version
    assert window.source.toPlainText() == text
    assert formats_of_first_heading(window) == 0  # not yet: the window shows first
    qtbot.waitUntil(lambda: formats_of_first_heading(window) > 0, timeout=10_000)
    assert window.session.version == opened_at and edits[-1] == opened_at
    assert not window.session.modified
    window.source.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.source, Qt.Key.Key_Return)
    qtbot.keyClicks(window.source, "# A new heading")
    block = window.source.document().lastBlock()
    assert block.text() == "# A new heading" and len(block.layout().formats()) > 0


@needs_corpus
def test_while_a_large_draft_is_checked_the_panel_says_so_instead_of_no_findings(
    qtbot: QtBot, window: App, tmp_path: Path
) -> None:
    small = tmp_path / "small.md"
    small.write_text("# Issue 7\n\n• one\n• two\n", encoding="utf-8")
    open_initial(window, small)
    assert window.panel.summary_label.text() == "Checking the draft…"  # until the window has painted
    qtbot.waitUntil(lambda: bool(window.panel.findings), timeout=5000)
    large = tmp_path / "large.md"
    large.write_text(corpus_draft(3 * INPROCESS_LIMIT), encoding="utf-8")
    assert window.files.load(large)
    assert window.panel.findings == []  # none of the last draft's rows stay
    assert window.panel.summary_label.text() == "Checking the draft…"
    assert window.status.findings.text() == "Checking…"
    assert window.status.stats.text() == "Counting words…"
    version = window.session.version
    qtbot.waitUntil(lambda: window.controller.findings_version == version, timeout=60_000)
    assert window.panel.summary_label.text() == f"{len(window.controller.findings)} findings"
    assert window.status.findings.text() == f"{len(window.controller.findings):,} findings"
    qtbot.waitUntil(lambda: "words" in window.status.stats.text() and "…" not in window.status.stats.text())


def test_a_new_empty_window_says_no_findings(window: App) -> None:
    assert window.panel.summary_label.text().startswith("No findings")
    assert window.status.findings.text() == "No findings"


@needs_corpus
def test_a_small_draft_opened_after_a_large_one_is_checked_in_the_worker_and_says_so(
    qtbot: QtBot, window: App, tmp_path: Path
) -> None:
    large = tmp_path / "large.md"
    large.write_text(corpus_draft(3 * INPROCESS_LIMIT), encoding="utf-8")
    open_initial(window, large)
    qtbot.waitUntil(lambda: window.controller.findings_version == window.session.version, timeout=60_000)
    assert window.panel.findings
    small = tmp_path / "small.md"
    small.write_text("# Issue 7\n\n• one\n• two\n", encoding="utf-8")
    assert window.files.load(small)  # the worker process is running: the small draft goes there too
    assert window.panel.findings == []  # no rows of the large draft point into the small one
    assert window.panel.summary_label.text() == "Checking the draft…"
    version = window.session.version
    qtbot.waitUntil(lambda: window.controller.findings_version == version, timeout=60_000)
    assert [f.rule for f in window.panel.findings] == ["pseudo-bullets"]


def test_a_window_that_never_paints_still_gets_its_draft_checked(
    qtbot: QtBot, window: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_module, "HOLD_LIMIT_MS", 50)
    path = tmp_path / "small.md"
    path.write_text("# Issue 7\n\n• one\n• two\n", encoding="utf-8")
    window.worker.hold_until_painted(window.window)  # as on opening, but the window stays hidden
    assert window.files.load(path)
    qtbot.waitUntil(lambda: window.controller.findings_version == window.session.version, timeout=5000)
    assert any(finding.rule == "pseudo-bullets" for finding in window.panel.findings)


def test_a_long_draft_launched_with_the_window_is_parsed_while_the_window_starts(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(NO_WEBENGINE_ENV, "1")
    path = tmp_path / "archive.md"
    paragraphs = "".join(f"Paragraph {n} of last year's archive.\n\n" for n in range(INPROCESS_LIMIT // 30))
    path.write_text(paragraphs + "• one\n• two\n", encoding="utf-8")
    draft = read_at_launch(path)  # what `issue-drafter archive.md` does before importing the window
    assert draft is not None
    early = worker_for_launch(draft.text)
    assert early is not None
    store = SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = build(store, debounce_ms=0, worker_process=early)
    qtbot.addWidget(app.window, before_close_func=lambda _: app.source.document().setModified(False))
    results = shown(app)
    monkeypatch.setattr(file_actions, "read_draft", lambda _path: pytest.fail("read the draft again"))
    open_initial(app, path, draft)
    qtbot.waitUntil(lambda: app.controller.findings_version == app.session.version, timeout=60_000)
    assert app.worker._process is early
    assert any(finding.rule == "pseudo-bullets" for finding in app.panel.findings)
    qtbot.waitUntil(lambda: bool(results) and results[-1].version == app.session.version, timeout=10_000)
    assert all(result.version == app.session.version for result in results)  # not the launch's version
    assert "Paragraph 0 of last year" in results[-1].html
    app.worker.close()


def test_only_a_long_readable_draft_gets_a_worker_at_launch(tmp_path: Path) -> None:
    short = tmp_path / "short.md"
    short.write_text("# Issue 7\n\nShort.\n", encoding="utf-8")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 5000)
    read = read_at_launch(short)
    assert read is not None and worker_for_launch(read.text) is None
    assert read_at_launch(binary) is None  # the window reads it again and says what is wrong with it
    assert read_at_launch(tmp_path / "missing.md") is None
    assert read_at_launch(None) is None
