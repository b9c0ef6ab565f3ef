"""The command line parses each file in one pass; the window block by block. Same findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import lint_parsed
from editor.core.markdown import MarkdownParser

SHARED = Path(__file__).parents[4] / "shared"
FIXTURES = Path(__file__).parents[2] / "fixtures" / "lint"


def _drafts() -> list[Path]:
    corpus = sorted((SHARED / "corpus" / "twir").glob("*.md"))[::6]
    return [*corpus, *sorted((SHARED / "samples").glob("*.txt")), *sorted(FIXTURES.glob("*.md"))]


@pytest.mark.parametrize("path", _drafts(), ids=lambda p: p.name)
def test_one_pass_and_block_wise_parsing_give_the_same_findings(path: Path) -> None:
    document = Document.from_source(path.read_text(encoding="utf-8"))
    block_wise = lint_parsed(MarkdownParser().parse(document), LintSettings())
    one_pass = lint_parsed(MarkdownParser().parse_once(document), LintSettings())
    assert one_pass == block_wise
