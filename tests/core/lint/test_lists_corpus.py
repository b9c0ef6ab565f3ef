"""The list-balance rules over real newsletter issues: exactly the findings an editor would accept.

Every finding below was read against the issue:
- mixed-bullet-markers: in 2025-11-19 ("Rust Walkthroughs") two `-` items are followed by `*` items,
  and in 2026-07-08 ("Project/Tooling Updates") one `-` item sits among `*` items; CommonMark
  starts a new list at each marker change, so readers see one section's links as two or three
  lists with gaps between them.
- loose-tight-mix: a stray blank line before the last item of a packed list (2026-04-22 "Rust
  Walkthroughs", 2026-07-29 final-comment-period lists for Rust and for the Compiler Team) makes
  the whole list loose: every item gets paragraph spacing, unlike the sibling lists of the issue.
Quiet on purpose: nested event lists indented 4 spaces under `*` (a child needs only 2, more is
fine below 6), link-title lists whose titles end in a full stop or start in lower case (they
quote their authors), quote attributions starting with `–`, lists of different markers separated
by blank lines or headings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import apply_fixes
from editor.core.lint.engine import lint_parsed
from editor.core.lint.lists import RULES
from editor.core.markdown import MarkdownParser
from editor.core.render import render_text

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "twir"

# (file, rule, line), 1-based.
EXPECTED = {
    ("2025-11-19-this-week-in-rust.md", "mixed-bullet-markers", 69),
    ("2026-07-08-this-week-in-rust.md", "mixed-bullet-markers", 50),
    ("2026-04-22-this-week-in-rust.md", "loose-tight-mix", 75),
    ("2026-07-29-this-week-in-rust.md", "loose-tight-mix", 267),
    ("2026-07-29-this-week-in-rust.md", "loose-tight-mix", 273),
}


@pytest.fixture(scope="module")
def corpus() -> list[Path]:
    paths = sorted(CORPUS.glob("*.md"))
    if not paths:
        pytest.skip("the shared corpus is not available")
    return paths


def test_the_corpus_gets_exactly_the_list_findings_an_editor_would_accept(corpus: list[Path]) -> None:
    parser = MarkdownParser()
    got = set()
    for path in corpus:
        document = Document.from_source(path.read_text(encoding="utf-8"))
        for finding in lint_parsed(parser.parse(document), LintSettings(), rules=RULES):
            got.add((path.name, finding.rule, finding.line))
    assert got == EXPECTED


def test_corpus_fixes_keep_every_word_the_reader_sees(corpus: list[Path]) -> None:
    parser = MarkdownParser()
    for name in sorted({name for name, _, _ in EXPECTED}):
        document = Document.from_source((CORPUS / name).read_text(encoding="utf-8"))
        findings = lint_parsed(parser.parse(document), LintSettings(), rules=RULES)
        fixed, applied = apply_fixes(document, findings)
        assert len(applied) == len(findings)
        assert _words(fixed) == _words(document.text)
        assert not lint_parsed(parser.parse(Document(fixed)), LintSettings(), rules=RULES)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", re.sub(r"<[^>]+>", " ", render_text(text).html))
