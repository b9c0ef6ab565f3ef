"""The lint memo: per-block work is reused across runs for unchanged blocks only."""

from __future__ import annotations

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint.engine import lint_parsed
from editor.core.lint.model import LintContext, LintMemo, Report, Rule
from editor.core.markdown import MarkdownParser, ParsedBlock


def _words(block: ParsedBlock) -> int:
    return len(block.source.split())


def _check(ctx: LintContext) -> list[Report]:
    counts = [ctx.memo.per_block("words", block, _words) for block in ctx.parsed.blocks]
    return [Report(0, 0, 0, 1, f"{sum(counts)} words")]


RULE = Rule("word-count", "repetition", "info", "Counts words.", _check)


def test_only_changed_blocks_are_recomputed_and_results_follow_the_text() -> None:
    parser, memo = MarkdownParser(), LintMemo()
    text = "\n\n".join(f"Paragraph {n} has five words." for n in range(20))
    first = lint_parsed(parser.parse(Document(text)), LintSettings(), rules=[RULE], memo=memo)
    assert memo.computed == 20
    edited = text.replace("Paragraph 7 has", "Paragraph 7 now has")
    second = lint_parsed(parser.parse(Document(edited, version=1)), LintSettings(), rules=[RULE], memo=memo)
    assert memo.computed == 21
    assert (first[0].message, second[0].message) == ("100 words", "101 words")
