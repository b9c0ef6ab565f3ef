"""The list-balance rules on the scraped seed and on small drafts: what the reader sees, and safe fixes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import Finding, apply_fixes, lint
from editor.core.lint.engine import apply_edits, lint_parsed
from editor.core.lint.lists import RULES
from editor.core.lint.model import LintMemo
from editor.core.markdown import MarkdownParser
from editor.core.render import render_text
from tests.core.lint.test_fixtures import fixture_paths, read_fixture

SHARED = Path(__file__).resolve().parents[4] / "shared"
SEED = SHARED / "samples" / "000_851cad3446e524f9.txt"
FAMILY = "list-balance"
LIST_FIXTURES = [path for path in fixture_paths() if path.name.startswith("lists-")]

# Fixes that only tidy the source: the rendered HTML must not change at all.
SOURCE_ONLY = {"renumber the list as the reader sees it", "indent the items like the first one"}


def lists(text: str) -> list[Finding]:
    return [f for f in lint(Document.from_source(text)) if f.family == FAMILY]


LIST_RULES = frozenset(rule.id for rule in RULES)


def fix_all(text: str, rules: Iterable[str] = LIST_RULES) -> str:
    """Apply the safe fixes of *rules* until none is left (as ``lint --fix`` run until stable)."""
    wanted = set(rules)
    for _ in range(5):
        document = Document(text)
        text, applied = apply_fixes(document, [f for f in lint(document) if f.rule in wanted])
        if not applied:
            break
    return text


class Outline(HTMLParser):
    """The lists and paragraphs of rendered HTML, as (tag, text) for each list item and paragraph."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.lists: list[str] = []
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        if tag in ("li", "p"):
            self._open.append(tag)
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("li", "p") and self._open:
            self._open.pop()
            text = " ".join("".join(self._text).split())
            if text and not (tag == "p" and self.blocks and self.blocks[-1][0] == "li" and self._open):
                self.blocks.append((tag, text))
            self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def outline(text: str) -> Outline:
    parser = Outline()
    parser.feed(render_text(text).html)
    return parser


def words(text: str) -> list[str]:
    """The words a reader sees, in order (markup, list markers and bullet glyphs left out)."""
    return re.findall(r"\w+", html.unescape(re.sub(r"<[^>]+>", " ", render_text(text).html)))


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("the shared seed sample is not available")
    return Document.from_source(SEED.read_text(encoding="utf-8")).text


def test_seed_reports_six_bullet_runs_the_folded_sentences_and_the_repeated_numbering(seed: str) -> None:
    got = {(f.rule, f.line, f.end_line) for f in lists(seed)}
    assert got == {
        ("pseudo-bullets", 7, 8),
        ("pseudo-bullets", 14, 15),
        ("pseudo-bullets", 18, 20),
        ("pseudo-bullets", 24, 26),
        ("pseudo-bullets", 48, 50),
        ("pseudo-bullets", 55, 57),
        ("lazy-continuation", 63, 64),
        ("lazy-continuation", 68, 69),
        ("ordered-numbering", 65, 65),
    }


def test_seed_messages_say_what_the_reader_sees(seed: str) -> None:
    by_line = {f.line: f for f in lists(seed)}
    assert "These 3 lines starting with `•` render as one run-on paragraph, not a list" in by_line[18].message
    assert by_line[63].message.startswith("These 2 lines are folded into item 3 (line 62)")
    assert by_line[68].message.startswith("These 2 lines are folded into item 3 (line 67)")
    numbering = by_line[65].message
    assert "lines 63–64 before it are folded into item 3 (line 62)" in numbering
    assert "the reader sees 4, not 1" in numbering
    assert by_line[63].related == (62,)


def test_seed_fixed_renders_real_lists_and_the_sentences_after_them(seed: str) -> None:
    fixed = outline(fix_all(seed))
    assert fixed.lists == ["ul"] * 6 + ["ol", "ol"]
    items = [text for tag, text in fixed.blocks if tag == "li"]
    assert items[:2] == ["Careful tradeoffs.", "Thoughtful architecture."]
    assert items.count("Are you someone I’d want to work with every day?") == 2
    after = (
        "p",
        "If you can demonstrate these, you’ll move on to the next round. It’s not about a perfect resume.",
    )
    assert fixed.blocks.count(after) == 2
    assert not lists(fix_all(seed))


def test_seed_all_families_fixed_together_leave_a_clean_draft(seed: str) -> None:
    everything = fix_all(seed, rules={f.rule for f in lint(Document(seed))})
    assert not lint(Document(everything))
    shown = outline(everything)
    assert shown.lists == ["ul", "ul", "ul", "ol"]


@pytest.mark.parametrize("path", LIST_FIXTURES, ids=lambda p: p.stem)
def test_safe_fixes_change_only_what_they_mean_to(path: Path) -> None:
    text = read_fixture(path).text
    document = Document(text)
    for finding in lists(text):
        if finding.fix is None or not finding.fix.safe:
            continue
        fixed = apply_edits(text, finding.fix.edits)
        assert words(fixed) == words(text), finding
        if finding.fix.description in SOURCE_ONLY or finding.fix.description.startswith("separate every"):
            assert render_text(fixed).html == render_text(text).html, finding
        assert document.version == finding.fix.version


def test_pseudo_bullet_fix_makes_one_item_per_line_and_keeps_the_paragraphs() -> None:
    text = "Because something will break:\n• A deployment fails.\n• An API returns 500s.\nThat is normal.\n"
    (finding,) = lists(text)
    assert finding.rule == "pseudo-bullets"
    assert outline(text).blocks == [
        ("p", "Because something will break: • A deployment fails. • An API returns 500s. That is normal.")
    ]
    assert outline(fix_all(text)).blocks == [
        ("p", "Because something will break:"),
        ("li", "A deployment fails."),
        ("li", "An API returns 500s."),
        ("p", "That is normal."),
    ]


def test_pseudo_bullet_fix_is_not_safe_when_an_item_would_become_a_heading() -> None:
    (finding,) = lists("Notes:\n• # not a heading\n• plain\n")
    assert finding.fix is not None and not finding.fix.safe


def test_lazy_line_is_reported_and_fixed_only_when_a_new_sentence_starts() -> None:
    assert not lists("- A long item that the writer wrapped\nby hand at the margin.\n")
    (finding,) = lists("- Install it.\nThen run it.\n")
    assert finding.message.startswith("This line is folded into the item on line 1")
    assert outline(fix_all("- Install it.\nThen run it.\n")).blocks == [
        ("li", "Install it."),
        ("p", "Then run it."),
    ]


def test_lazy_fix_inside_a_list_is_offered_but_not_safe_because_it_splits_the_list() -> None:
    text = "- Write it.\nAsk for review.\n- Ship it.\n"
    (finding,) = lists(text)
    assert finding.fix is not None and not finding.fix.safe
    assert outline(apply_edits(text, finding.fix.edits)).lists == ["ul", "ul"]


def test_mixed_marker_fix_is_not_safe_when_it_would_space_out_a_tight_list() -> None:
    text = "- one\n- two\n* three\n\n* four\n"
    (finding,) = lists(text)
    assert finding.message == (
        "This list is split in two here: the `*` item starts a new list because the items above use `-`"
    )
    assert finding.fix is not None and not finding.fix.safe
    merged = render_text(apply_edits(text, finding.fix.edits)).html
    assert "<li>\n<p>one</p>" in merged  # the tight list would change too


def test_restart_without_folded_lines_offers_renumbering_but_does_not_apply_it() -> None:
    (finding,) = lists("1. a\n2. b\n3. c\n1. d\n")
    assert "the reader sees 4, not 1" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_renumbering_a_wider_number_is_unsafe_when_the_item_has_more_lines() -> None:
    (finding,) = lists("8. a\n9. b\n9. c\n   - child of the ten\n")
    assert finding.fix is not None and not finding.fix.safe


def test_child_indent_is_measured_from_its_parents_marker() -> None:
    assert not lists("1. a\n   - child\n")
    assert not lists("10. a\n    - child\n")
    assert not lists("-   a\n    - child\n")
    (finding,) = lists("1. a\n  - child\n")
    assert "a child of `1.` needs 3 spaces, this one has 2" in finding.message


def test_checks_read_lists_inside_blockquotes() -> None:
    (finding,) = lists("> - Bump the version.\n> Then publish.\n")
    assert finding.rule == "lazy-continuation"
    assert (
        fix_all("> - Bump the version.\n> Then publish.\n") == "> - Bump the version.\n>\n> Then publish.\n"
    )


def test_every_list_rule_is_registered_with_its_family_and_severity() -> None:
    assert [rule.id for rule in RULES] == [
        "mixed-bullet-markers",
        "pseudo-bullets",
        "inconsistent-indent",
        "lazy-continuation",
        "ordered-numbering",
        "loose-tight-mix",
        "unparallel-items",
    ]
    assert {rule.family for rule in RULES} == {FAMILY}
    assert [rule.severity for rule in RULES].count("info") == 1


def test_remembered_block_results_match_a_fresh_run_after_edits_above_them() -> None:
    parser, memo = MarkdownParser(), LintMemo()
    draft = "Intro.\n\n- a\n- b\n* c\n\nBecause:\n• one\n• two\n\n1. x\n2. y\nThen go.\n"
    edits = [draft, draft.replace("Intro.", "Intro, longer."), "New line.\n" + draft, draft]
    for version, text in enumerate(edits):
        document = Document(text, version=version)
        reused = lint_parsed(parser.parse(document), LintSettings(), rules=RULES, memo=memo)
        fresh = lint_parsed(MarkdownParser().parse(document), LintSettings(), rules=RULES)
        assert reused == fresh
        assert all(f.fix is None or f.fix.version == version for f in reused)
        applied = apply_fixes(document, reused)[0]
        assert "- one\n- two" in applied and "- c" in applied


def test_unchanged_blocks_are_not_checked_again() -> None:
    parser, memo = MarkdownParser(), LintMemo()
    draft = "".join(f"Para {n}:\n• one\n• two\n\n" for n in range(50))
    lint_parsed(parser.parse(Document(draft)), LintSettings(), rules=RULES, memo=memo)
    before = memo.computed
    typed = draft.replace("Para 20:", "Para 20, typed:")
    found = lint_parsed(parser.parse(Document(typed, version=1)), LintSettings(), rules=RULES, memo=memo)
    assert len(found) == 50
    assert memo.computed - before == 1  # only the edited block's slot is new
