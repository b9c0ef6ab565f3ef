"""Incremental block splitting gives what a from-scratch parse gives, edit after edit."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.document import Document
from editor.core.incremental import changed_lines, full_split, resplit
from editor.core.markdown import MarkdownParser, block_spans, create_markdown
from editor.core.render import Renderer, create_render_markdown

CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "twir"

# Lines that move block boundaries of their neighbours: setext underlines, fences,
# list items, lazy continuations, HTML blocks, tables, reference definitions, headers.
TRICKY = (
    "",
    "",
    "===",
    "---",
    "```",
    "~~~ python",
    "- item",
    "* item",
    "1. first",
    "2) second",
    "   indented continuation",
    "    code line",
    "> quoted",
    "<div>",
    "</div>",
    "<!-- comment",
    "-->",
    "| a | b |",
    "|---|---|",
    "[ref]: https://example.com/a",
    "[Ref]: https://example.com/b 'title'",
    "see [ref] and [other][ref]",
    "> [inner]: /inner",
    "[inner] link",
    "Title: A draft",
    "Date: 2025-01-01",
    "# Heading",
    "plain words here",
    "\t- tabbed item",
    "+ plus item",
)


def _corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.md"))[:3]:
        lines.extend(path.read_text(encoding="utf-8").split("\n")[:120])
    return lines or ["plain text"]


LINE = st.one_of(st.sampled_from(TRICKY), st.sampled_from(_corpus_lines()))
FRONT = st.sampled_from(["", "", "---\n[ref]: /fm\n---\n", "Title: x\nDate: y\n\n"])
TEXT = st.tuples(FRONT, st.lists(LINE, max_size=40)).map(lambda parts: parts[0] + "\n".join(parts[1]))
INSERT = st.one_of(st.sampled_from(TRICKY), st.sampled_from(["\n", "\n\n", "x", "=", "-", " ", "`", "|"]))
EDIT = st.tuples(st.floats(0, 1), st.integers(0, 30), INSERT, st.booleans())


def _apply(text: str, edit: tuple[float, int, str, bool]) -> str:
    where, deleted, inserted, newline = edit
    start = int(where * len(text))
    if newline:
        inserted = "\n" + inserted
    return text[:start] + inserted + text[start + deleted :]


def _scratch_env(text: str) -> dict[str, object]:
    md = create_markdown()
    env: dict[str, object] = {}
    md.block.parse(text.replace("\0", "\ufffd"), md, env, [])
    return env


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.lists(EDIT, min_size=1, max_size=6))
def test_resplit_equals_a_split_from_scratch(text: str, edits: list[tuple[float, int, str, bool]]) -> None:
    md = create_markdown()
    split = full_split(md, Document(text))
    for edit in edits:
        text = _apply(text, edit)
        document = Document(text)
        split = resplit(md, split, document)
        assert split.blocks == block_spans(md, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.lists(EDIT, min_size=1, max_size=4))
def test_incremental_parse_renders_like_a_fresh_parse(
    text: str, edits: list[tuple[float, int, str, bool]]
) -> None:
    md = create_render_markdown()
    parser, renderer = MarkdownParser(md), Renderer(md)
    renderer.render(parser.parse(Document(text)))
    for version, edit in enumerate(edits, start=1):
        text = _apply(text, edit)
        parsed = parser.parse(Document(text, version=version))
        fresh = MarkdownParser(md).parse(Document(text, version=version))
        if "[^" not in text:  # drafts with footnotes are parsed whole
            assert parsed.env == _scratch_env(text)
        assert [(b.kind, b.start_line, b.end_line) for b in parsed.blocks] == [
            (b.kind, b.start_line, b.end_line) for b in fresh.blocks
        ]
        assert renderer.render(parsed).html == Renderer(md).render(fresh).html


def test_an_edit_at_the_end_of_a_long_draft_rescans_only_the_end() -> None:
    paragraphs = [f"Paragraph {n} with a [link][ref]." for n in range(2000)]
    text = "\n\n".join([*paragraphs, "[ref]: https://example.com/"])
    md = create_markdown()
    split = full_split(md, Document(text))
    edited = text.replace("Paragraph 1999 with", "Paragraph 1999, edited, with")
    assert changed_lines(text, edited) == (3998, 3999, 3999)
    resplit_result = resplit(md, split, Document(edited))
    assert resplit_result.blocks == block_spans(md, edited)
    assert resplit_result.blocks[:1990] == split.blocks[:1990]


def test_setext_underline_turns_the_paragraph_above_into_a_heading() -> None:
    md = create_markdown()
    before = "intro\n\nA title\nmore\n\nbody"
    split = full_split(md, Document(before))
    after = resplit(md, split, Document("intro\n\nA title\n===\n\nbody"))
    assert [b.kind for b in after.blocks] == ["paragraph", "heading", "paragraph"]


def test_opening_a_fence_swallows_the_rest_of_the_draft() -> None:
    md = create_markdown()
    before = "\n\n".join(f"para {n}" for n in range(300))
    split = full_split(md, Document(before))
    text = "para 0\n\n```\n" + before
    after = resplit(md, split, Document(text))
    assert [b.kind for b in after.blocks] == ["paragraph", "fence"]


def test_moving_a_reference_definition_keeps_links_resolved() -> None:
    md = create_render_markdown()
    parser, renderer = MarkdownParser(md), Renderer(md)
    text = "[site]\n\n" + "\n\n".join(f"para {n}" for n in range(100)) + "\n\n[site]: https://a.example/"
    renderer.render(parser.parse(Document(text)))
    moved = "\n\n" + text  # lines shift: the definition's line changes, the link does not
    html = renderer.render(parser.parse(Document(moved, version=1))).html
    assert '<a href="https://a.example/">site</a>' in html
    assert renderer.block_renders == 101  # a pure line shift re-renders nothing


def test_closing_front_matter_far_below_turns_the_top_into_front_matter() -> None:
    md = create_markdown()
    text = "---\n[ref]: /fm\n\ntext\n\n"
    split = full_split(md, Document(text))
    assert split.blocks[0].kind == "hr"
    closed = text + "---\n"
    assert resplit(md, split, Document(closed)).blocks == block_spans(md, closed)
    assert block_spans(md, closed)[0].kind == "front_matter"
    reopened = text
    assert resplit(md, full_split(md, Document(closed)), Document(reopened)).blocks == block_spans(
        md, reopened
    )
