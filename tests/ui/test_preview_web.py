"""The web preview with long drafts: every block arrives, blocks out of view skip layout, scroll lands."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from editor.core.render import RenderResult, render_text
from editor.ui.app import prepare_environment
from tests.ui.conftest import on_screen

prepare_environment()
pytest.importorskip("PySide6.QtWebEngineWidgets")

from editor.ui.web_engine import WORLD  # noqa: E402
from editor.ui.web_preview import WebPreview  # noqa: E402


def long_draft(sections: int) -> str:
    parts = []
    for number in range(sections):
        parts.append(f"## Section {number}\n")
        parts.append(f"Paragraph {number} " + "with some words in it " * (3 + number % 40) + "\n")
        parts.append("- one item\n- another item\n  that wraps on a second line\n")
        if number % 7 == 0:
            parts.append("```python\n" + "print('code')\n" * (1 + number % 12) + "```\n")
    return "\n".join(parts)


@pytest.fixture
def preview(qtbot: QtBot) -> Iterator[WebPreview]:
    view = on_screen(qtbot, WebPreview(), 700, 600)
    qtbot.waitUntil(lambda: view._loaded, timeout=20_000)
    yield view


def run_js(qtbot: QtBot, view: WebPreview, code: str) -> Any:
    """The value of *code* in the preview's script world (passed through JSON)."""
    results: list[str] = []
    view.page().runJavaScript(f"JSON.stringify({code})", WORLD, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    return json.loads(results[0])


def show(qtbot: QtBot, view: WebPreview, text: str) -> RenderResult:
    result = render_text(text, source_lines=True)
    with qtbot.waitSignal(view.patched, timeout=30_000):
        view.show_result(result)
    return result


def test_a_long_draft_arrives_whole_and_lays_out_only_what_is_near_the_view(
    qtbot: QtBot, preview: WebPreview
) -> None:
    result = show(qtbot, preview, long_draft(400))
    assert run_js(qtbot, preview, "document.body.children.length") == len(result.blocks)
    assert run_js(qtbot, preview, "document.documentElement.classList.contains('long')") is True
    lines = run_js(qtbot, preview, "Array.from(document.body.children).map(e => +e.dataset.sourceLine)")
    assert lines == [block.start_line for block in result.blocks]
    style = "getComputedStyle(document.body.lastElementChild).contentVisibility"
    assert run_js(qtbot, preview, style) == "auto"


def test_a_short_draft_is_laid_out_as_before(qtbot: QtBot, preview: WebPreview) -> None:
    show(qtbot, preview, long_draft(20))
    assert run_js(qtbot, preview, "document.documentElement.classList.contains('long')") is False
    style = "getComputedStyle(document.body.lastElementChild).contentVisibility"
    assert run_js(qtbot, preview, style) == "visible"


def block_top(qtbot: QtBot, view: WebPreview, line: int) -> float:
    code = f"document.querySelector('[data-source-line=\"{line}\"]').getBoundingClientRect().top"
    return float(run_js(qtbot, view, code))


@pytest.mark.parametrize("fraction", [0.5, 0.95, 0.2])
def test_scrolling_to_a_line_far_down_a_long_draft_puts_its_block_at_the_top(
    qtbot: QtBot, preview: WebPreview, fraction: float
) -> None:
    result = show(qtbot, preview, long_draft(400))
    headings = [block for block in result.blocks if block.html.startswith("<h2")]
    target = headings[int(len(headings) * fraction)].start_line
    preview.scroll_to_line(target)
    # laid out blocks replace their estimated heights within a few frames; the view aims again
    qtbot.waitUntil(lambda: abs(block_top(qtbot, preview, target) - 8) <= 2, timeout=10_000)
    qtbot.wait(300)
    assert abs(block_top(qtbot, preview, target) - 8) <= 2


def test_patching_a_long_draft_keeps_every_block_in_order(qtbot: QtBot, preview: WebPreview) -> None:
    text = long_draft(400)
    show(qtbot, preview, text)
    edited = text.replace("## Section 200\n", "## Section 200 edited\n\nA new paragraph.\n")
    result = show(qtbot, preview, edited)
    lines = run_js(qtbot, preview, "Array.from(document.body.children).map(e => +e.dataset.sourceLine)")
    assert lines == [block.start_line for block in result.blocks]
    html = run_js(qtbot, preview, "document.body.innerHTML")
    assert "Section 200 edited" in html and "A new paragraph." in html


def test_a_draft_coming_in_parts_is_on_the_page_part_by_part_and_the_version_only_once_whole(
    qtbot: QtBot, preview: WebPreview
) -> None:
    whole = dataclasses.replace(render_text(long_draft(200), source_lines=True), version=7)
    seen: list[int] = []
    preview.patched.connect(seen.append)
    part = dataclasses.replace(whole, blocks=whole.blocks[:30], complete=False)
    preview.show_result(part)
    qtbot.waitUntil(lambda: run_js(qtbot, preview, "document.body.children.length") == 30, timeout=10_000)
    qtbot.wait(100)
    assert seen == []
    with qtbot.waitSignal(preview.patched, timeout=30_000):
        preview.show_result(whole)
    assert seen == [7]
    lines = run_js(qtbot, preview, "Array.from(document.body.children).map(e => +e.dataset.sourceLine)")
    assert lines == [block.start_line for block in whole.blocks]
