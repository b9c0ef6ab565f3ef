"""Rendering: fixture cases in markdown-it-py's format, the block cache, titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.document import Document
from editor.core.markdown import MarkdownParser
from editor.core.render import Renderer, create_render_markdown, render_text
from tests.shared import needs_corpus

FIXTURES = Path(__file__).parents[1] / "fixtures" / "render"


def read_fixture_file(path: Path) -> list[tuple[str, str, str]]:
    """Cases as (title, markdown, html): ``title / . / markdown / . / html / .``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[tuple[str, str, str]] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title = lines[index]
        sections: list[str] = []
        index += 2  # skip the title and its "."
        for _ in range(2):
            end = lines.index(".", index)
            sections.append("\n".join(lines[index:end]) + "\n")
            index = end + 1
        cases.append((title, sections[0], sections[1]))
    return cases


CASES = read_fixture_file(FIXTURES / "render.md")


@pytest.mark.parametrize(("title", "markdown", "html"), CASES, ids=[c[0] for c in CASES])
def test_render_fixture(title: str, markdown: str, html: str) -> None:
    assert render_text(markdown, source_lines=True).html == html


def test_fixture_file_covers_every_extension() -> None:
    titles = " ".join(title for title, _, _ in CASES)
    for feature in ("table", "strikethrough", "linkify", "task list", "footnotes", "front matter"):
        assert feature in titles


def _pipeline() -> tuple[MarkdownParser, Renderer]:
    md = create_render_markdown()
    return MarkdownParser(md), Renderer(md)


def test_editing_one_block_rerenders_only_that_block() -> None:
    parser, renderer = _pipeline()
    paragraphs = [f"Paragraph number {n} with *some* text." for n in range(50)]
    text = "\n\n".join(paragraphs)
    renderer.render(parser.parse(Document(text, version=1)))
    assert renderer.block_renders == 50
    paragraphs[20] = "Paragraph twenty, edited."
    result = renderer.render(parser.parse(Document("\n\n".join(paragraphs), version=2)))
    assert renderer.block_renders == 51
    assert parser.block_parses == 51
    assert "Paragraph twenty, edited." in result.html
    assert result.version == 2


def test_inserting_lines_above_moves_source_lines_of_cached_blocks() -> None:
    parser, renderer = _pipeline()
    renderer.render(parser.parse(Document("First\n\nSecond")))
    result = renderer.render(parser.parse(Document("New\n\nFirst\n\nSecond")))
    assert [b.start_line for b in result.blocks] == [0, 2, 4]
    assert '<p data-source-line="4">Second</p>' in result.html
    assert renderer.block_renders == 3


def test_reference_definition_change_rerenders_the_link() -> None:
    parser, renderer = _pipeline()
    before = renderer.render(parser.parse(Document("[site][x]\n\n[x]: https://a.example/")))
    after = renderer.render(parser.parse(Document("[site][x]\n\n[x]: https://b.example/")))
    assert "https://a.example/" in before.html
    assert "https://b.example/" in after.html


def test_title_comes_from_front_matter_then_first_heading() -> None:
    assert render_text("Title: Weekly 12\nDate: 2026-01-01\n\n# Heading").title == "Weekly 12"
    assert render_text("Intro\n\n## First `news`\n\n# Later").title == "First news"
    assert render_text("no heading").title is None


@needs_corpus
def test_every_block_is_one_element_with_its_source_line() -> None:
    corpus = Path(__file__).parents[3] / "shared" / "corpus" / "twir"
    path = sorted(corpus.glob("*.md"))[-1]
    result = render_text(path.read_text(encoding="utf-8"), source_lines=True)
    lines = path.read_text(encoding="utf-8").split("\n")
    for block in result.blocks:
        assert block.html.count("data-source-line=") >= 1
        assert block.html.startswith("<")
        assert lines[block.start_line].strip(), "a block starts on a blank line"
