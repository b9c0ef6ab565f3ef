"""The light preview: what it shows after any run of edits is what a fresh one shows, a long
draft goes in top first without holding up the window, and scrolling stays in step."""

from __future__ import annotations

import dataclasses
import random

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QDesktopServices, QTextDocument
from pytestqt.qtbot import QtBot

from editor.core.render import RenderResult, render_text
from editor.ui.text_preview import GROUP_BLOCKS, TextPreview
from tests.ui.conftest import on_screen

PIECES = [
    "# Issue 12: the spring release",
    "Hello and welcome to *another* issue, with `code` and a [link](https://example.org).",
    "## Updates\n\n### Tooling",
    "- first item\n- second item with **bold**\n  - nested item\n- third item",
    "1. one\n2. two\n3. three",
    "- loose item\n\n- another loose item\n\n  with a second paragraph",
    "> A quote from a reader.\n>\n> - with a list inside",
    '```rust\nfn main() {\n    println!("hi");\n}\n```',
    "| crate | version |\n|:--|--:|\n| serde | 1.0 |\n| tokio | 1.38 |",
    "---",
    "<details><summary>More</summary>Hidden text.</details>",
    "A closing paragraph that runs on for a while so that it wraps in a narrow preview pane.",
    "![a picture](picture.png)",
]


def versioned(text: str, version: int) -> RenderResult:
    return dataclasses.replace(render_text(text, source_lines=True), version=version)


def paragraphs(document: QTextDocument) -> list[tuple[object, ...]]:
    """What a reader sees of each non-empty paragraph: its text, heading, list and spacing."""
    seen = []
    block = document.begin().next()  # (the first is the preview's one-pixel paragraph)
    while block.isValid():
        if block.text().strip():
            form = block.blockFormat()
            listing = block.textList()
            style = (listing.format().style(), listing.format().indent()) if listing else None
            char = block.begin().fragment().charFormat() if not block.begin().atEnd() else None
            weight = char.fontWeight() if char is not None else None
            seen.append(
                (block.text(), form.headingLevel(), style, form.topMargin(), form.bottomMargin(), weight)
            )
        block = block.next()
    return seen


def shown(qtbot: QtBot, preview: TextPreview, result: RenderResult) -> None:
    with qtbot.waitSignal(preview.patched, timeout=10_000, check_params_cb=lambda v: v == result.version):
        preview.show_result(result)


def fresh(qtbot: QtBot, result: RenderResult) -> TextPreview:
    preview = TextPreview()
    qtbot.addWidget(preview)
    shown(qtbot, preview, result)
    return preview


def edit(pieces: list[str], rng: random.Random) -> None:
    """One writer's edit to a draft made of *pieces*: add, drop, move, reword or paste twice."""
    kind = rng.choice(["add", "drop", "move", "reword", "twice"])
    at = rng.randrange(len(pieces))
    if kind == "add" or len(pieces) < 3:
        pieces.insert(at, rng.choice(PIECES))
    elif kind == "drop":
        del pieces[at]
    elif kind == "move":
        pieces.insert(rng.randrange(len(pieces)), pieces.pop(at))
    elif kind == "reword":
        pieces[at] = pieces[at].replace("a", "an edited", 1) if "a" in pieces[at] else pieces[at] + " more"
    else:
        pieces[at:at] = pieces[at : at + 3]


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_after_any_run_of_edits_it_shows_what_a_fresh_preview_shows(qtbot: QtBot, seed: int) -> None:
    rng = random.Random(seed)
    pieces = PIECES * 3
    preview = TextPreview()
    qtbot.addWidget(preview)
    for version in range(40):
        edit(pieces, rng)
        result = versioned("\n\n".join(pieces) + "\n", version)
        shown(qtbot, preview, result)
        assert paragraphs(preview.document()) == paragraphs(fresh(qtbot, result).document()), version
        assert preview.shown_blocks() == list(result.blocks)
        preview.scroll_to_line(rng.randrange(result.blocks[-1].end_line))  # the writer scrolls about too


def test_a_paragraph_added_then_deleted_goes_from_the_page(qtbot: QtBot) -> None:
    parts = [f"Paragraph {n} of the issue." for n in range(40)]
    preview = fresh(qtbot, versioned("\n\n".join(parts), 1))
    shown(qtbot, preview, versioned("\n\n".join([*parts, "A last paragraph."]), 2))  # a group of its own
    assert "A last paragraph." in preview.toPlainText()
    result = versioned("\n\n".join(parts), 3)
    shown(qtbot, preview, result)
    assert "A last paragraph." not in preview.toPlainText()
    assert paragraphs(preview.document()) == paragraphs(fresh(qtbot, result).document())


def test_the_first_paragraph_of_each_piece_keeps_its_own_format(qtbot: QtBot) -> None:
    preview = fresh(qtbot, versioned("# Title\n\nText.\n\n- item\n", 1))
    found = {text: (level, listing) for text, level, listing, *_ in paragraphs(preview.document())}
    assert found["Title"][0] == 1  # a heading, not text joined to the paragraph before
    assert found["Text."][0] == 0
    assert found["item"][1] is not None  # a list item


def test_a_long_draft_goes_in_top_first_over_several_turns_of_the_event_loop(qtbot: QtBot) -> None:
    text = "".join(f"## Part {n}\n\nParagraph {n} of a long archive.\n\n" for n in range(3000))
    preview = TextPreview()
    qtbot.addWidget(preview)
    result = versioned(text, 3)
    with qtbot.waitSignal(preview.patched, timeout=30_000):
        preview.show_result(result)
        so_far = preview.toPlainText()
        assert "Paragraph 0 of" in so_far  # the top shows at once
        assert "Paragraph 2999 of" not in so_far  # the rest on later turns: the window answers meanwhile
    assert "Paragraph 2999 of" in preview.toPlainText()


def test_an_edit_changes_only_the_paragraphs_around_it(qtbot: QtBot) -> None:
    parts = [f"Paragraph {n} of the issue." for n in range(200)]
    preview = fresh(qtbot, versioned("\n\n".join(parts), 1))
    document = preview.document()
    before = [document.findBlockByNumber(n).revision() for n in range(document.blockCount())]
    parts[100] = "Paragraph 100, rewritten."
    shown(qtbot, preview, versioned("\n\n".join(parts), 2))
    after = [document.findBlockByNumber(n).revision() for n in range(document.blockCount())]
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed and len(changed) <= GROUP_BLOCKS + 1  # its group, and the end of the paragraph before
    assert changed[0] >= 100 - GROUP_BLOCKS
    assert "Paragraph 100, rewritten." in preview.toPlainText()


PARTS = "".join(f"## Part {n}\n\nParagraph {n} of the issue.\n\n" for n in range(300))  # 4 lines a part


def _parts_on_screen(qtbot: QtBot) -> TextPreview:
    """A 500x300 light preview showing PARTS, on screen."""
    preview = fresh(qtbot, versioned(PARTS, 1))  # (filled first, then shown: as these tests were written)
    preview.resize(500, 300)
    preview.show()
    qtbot.waitExposed(preview)
    return preview


def _top_text(preview: TextPreview) -> str:
    return preview.cursorForPosition(QPoint(5, 5)).block().text()


def test_scroll_to_line_puts_that_part_at_the_top(qtbot: QtBot) -> None:
    preview = _parts_on_screen(qtbot)
    for part in (200, 37, 250, 0):
        preview.scroll_to_line(4 * part)  # "## Part N"
        assert _top_text(preview) == f"Part {part}"


def test_scrolling_into_a_group_lays_the_document_out_once_not_once_per_block(qtbot: QtBot) -> None:
    preview = _parts_on_screen(qtbot)
    changes: list[int] = []
    preview.document().contentsChange.connect(lambda at, _removed, _added: changes.append(at))
    preview.scroll_to_line(4 * 41)  # inside a group of 16 blocks: each goes in on its own
    assert _top_text(preview) == "Part 41"
    assert len(changes) == 1  # one change, laid out once (per block: 0.2-0.3 s at 1 MB)


def test_scrolling_the_preview_reports_the_line_at_its_top(qtbot: QtBot) -> None:
    preview = _parts_on_screen(qtbot)
    with qtbot.waitActive(preview):
        preview.activateWindow()
    preview.setFocus()
    with qtbot.waitSignal(preview.top_line_changed) as blocker:
        for _ in range(3):
            qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert blocker.args[0] > 0
    bar = preview.verticalScrollBar()
    assert 0 < bar.value() < bar.maximum() / 4  # page by page from the top, not to the end
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    qtbot.wait(300)  # the group at the top is split once the scrolling pauses: then lines are exact
    with qtbot.waitSignal(preview.top_line_changed) as blocker:
        bar.setValue(bar.value() + 1)
    top = preview.cursorForPosition(QPoint(0, 0)).block().text()
    part = int(top.split()[1])
    assert blocker.args[0] // 4 == part, top  # the source line of the part at the top (4 lines a part)


def _first_colour(preview: TextPreview, text: str) -> str:
    block = preview.document().find(text).block()
    it = block.begin()
    while not it.atEnd():
        if text in it.fragment().text():
            return it.fragment().charFormat().foreground().color().name()
        it += 1
    raise AssertionError(f"{text!r} not shown")


def test_in_the_dark_theme_headings_and_code_are_readable_and_code_is_coloured(qtbot: QtBot) -> None:
    draft = "# A dark issue\n\nSome text.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n"
    preview = TextPreview()
    qtbot.addWidget(preview)
    preview.set_dark(True)
    shown(qtbot, preview, versioned(draft, 1))
    heading = QColor(_first_colour(preview, "A dark issue"))
    assert heading.lightness() > 200  # light text on the dark page, not the light theme's near-black
    keyword, name = QColor(_first_colour(preview, "fn")), QColor(_first_colour(preview, "main"))
    assert keyword != name  # the code is highlighted
    code_block = preview.document().find("fn").block()
    assert code_block.blockFormat().background().color().lightness() < 80  # on a dark background


def test_code_takes_the_light_themes_token_colours_and_block_background(qtbot: QtBot) -> None:
    draft = "Text.\n\n```rust\nfn main() {}\n```\n"
    preview = fresh(qtbot, versioned(draft, 1))
    assert _first_colour(preview, "fn") == "#007020"  # pygments' "friendly" keyword
    assert _first_colour(preview, "main") == "#06287e"  # and function name
    assert _first_colour(preview, "Text.") != "#007020"  # (only inside the code)
    code_block = preview.document().find("fn").block()
    assert code_block.blockFormat().background().color().name() == "#f0f0f0"  # the style's own background


def test_clicking_a_link_opens_it_in_the_browser(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    preview = fresh(qtbot, versioned("Read the [release notes](https://example.org/notes) first.\n", 1))
    preview.resize(500, 300)
    preview.show()
    qtbot.waitExposed(preview)
    found = preview.document().find("release notes")
    found.setPosition(found.selectionStart() + 3)
    qtbot.mouseClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=preview.cursorRect(found).center())
    assert opened == ["https://example.org/notes"]


def test_a_theme_change_while_a_long_draft_goes_in_leaves_it_whole_in_the_new_theme(qtbot: QtBot) -> None:
    text = "".join(f"## Part {n}\n\nParagraph {n} of a long archive.\n\n" for n in range(2000))
    result = versioned(text, 5)
    preview = TextPreview()
    qtbot.addWidget(preview)
    preview.show_result(result)
    assert "Paragraph 1999 of" not in preview.toPlainText()  # still going in
    with qtbot.waitSignal(preview.patched, timeout=30_000, check_params_cb=lambda v: v == 5):
        preview.set_dark(True)
    dark = TextPreview(dark=True)
    qtbot.addWidget(dark)
    shown(qtbot, dark, result)
    assert paragraphs(preview.document()) == paragraphs(dark.document())
    assert QColor(_first_colour(preview, "Part 1999")).lightness() > 200


def test_a_draft_coming_in_parts_shows_its_top_at_once_and_the_rest_once_whole(qtbot: QtBot) -> None:
    text = "".join(f"## Part {n}\n\nParagraph {n} of a long archive.\n\n" for n in range(300))
    whole = versioned(text, 4)
    preview = TextPreview()
    qtbot.addWidget(preview)
    seen: list[int] = []
    preview.patched.connect(seen.append)
    for count in (40, 250):
        part = dataclasses.replace(whole, blocks=whole.blocks[:count], complete=False)
        preview.show_result(part)
        qtbot.waitUntil(lambda count=count: len(preview.shown_blocks()) == count, timeout=10_000)
        qtbot.wait(50)
        assert seen == []  # more is to come: the page is not the version yet
    shown_now = preview.toPlainText()  # the top of the first part; the rest is built off screen
    assert "Paragraph 19 of" in shown_now and "Paragraph 124 of" not in shown_now
    shown(qtbot, preview, whole)
    assert seen == [4] and preview.toPlainText().rstrip().endswith("Paragraph 299 of a long archive.")
    assert paragraphs(preview.document()) == paragraphs(fresh(qtbot, whole).document())


def test_documents_built_off_screen_do_not_pile_up(qtbot: QtBot) -> None:
    result = versioned(PARTS, 1)
    preview = fresh(qtbot, result)
    for dark in (True, False, True):  # each theme builds the long draft again, off screen
        with qtbot.waitSignal(preview.patched, timeout=30_000):
            preview.set_dark(dark)
    qtbot.wait(50)  # (deleted on the next turn of the event loop)
    documents = preview.findChildren(QTextDocument)
    assert len(documents) == 2  # the one shown and the scratch one for imports
    assert preview.toPlainText().rstrip().endswith("Paragraph 299 of the issue.")


def test_showing_a_long_load_keeps_the_line_the_editor_asked_for_even_with_focus(qtbot: QtBot) -> None:
    preview = on_screen(qtbot, TextPreview(), 500, 400)
    preview.setFocus()
    qtbot.waitUntil(preview.hasFocus)
    reported: list[int] = []
    preview.top_line_changed.connect(reported.append)
    text = "".join(f"## Part {n}\n\nParagraph {n} of a long archive.\n\n" for n in range(4000))
    with qtbot.waitSignal(preview.patched, timeout=30_000):
        preview.show_result(versioned(text, 1))
        preview.scroll_to_line(4 * 1500)  # the editor scrolled meanwhile
        bar = preview.verticalScrollBar()
        bar.setValue(bar.value() + 30)  # and the top shown meanwhile moved a little
    assert reported == []  # showing the whole is not the writer scrolling the preview
    assert preview.cursorForPosition(QPoint(0, 0)).block().text() == "Part 1500"
