"""The repetition rules over real newsletter issues: exactly the findings an editor would accept.

Every finding below was read and checked against the issue:
- near-duplicate-paragraph: the "Calls for Testing" section states "If you are a feature
  implementer and would like your RFC to appear in this list..." before the list and again,
  lightly edited ("on the above list", "the new label"), after the per-repository sub-headings;
  readers of those issues (and of the template and draft it came from) see the request twice.
- duplicate-paragraph: an event listed twice in the same events list (same date, place, group and
  title); where only the links differ the fix is offered but not applied by ``lint --fix``. And
  "project json compatibility improvements" listed twice, same link, in one rust-analyzer list.
Deliberate repetition stays quiet: the same event under "Virtual" and under its region, weekly
events with different dates, the "Let us know if you would like your ... to be tracked" sentence
that closes two different sections, and the call for projects / call for events paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.document import Document
from editor.core.lint import lint

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "twir"

# (file, rule, severity, line, end line, first line of the earlier copy), all 1-based.
EXPECTED = {
    ("2025-08-27-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 97, 99, 79),
    ("2025-08-27-this-week-in-rust.md", "duplicate-paragraph", "warning", 275, 276, 271),
    ("2025-08-27-this-week-in-rust.md", "duplicate-paragraph", "warning", 365, 366, 361),
    ("2025-09-03-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 112, 114, 94),
    ("2025-09-10-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 97, 99, 79),
    ("2025-10-08-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 111, 113, 93),
    ("2025-10-22-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 121, 123, 99),
    ("2025-10-29-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 115, 117, 97),
    ("2025-11-05-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 117, 119, 99),
    ("2025-11-12-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 105, 107, 87),
    ("2025-11-19-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 113, 115, 95),
    ("2025-11-26-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 104, 106, 86),
    ("2026-01-14-this-week-in-rust.md", "duplicate-paragraph", "warning", 304, 305, 300),
    ("2026-03-25-this-week-in-rust.md", "duplicate-paragraph", "warning", 211, 211, 210),
    ("2026-05-20-this-week-in-rust.md", "duplicate-paragraph", "warning", 284, 285, 268),
    ("2026-06-03-this-week-in-rust.md", "duplicate-paragraph", "warning", 356, 357, 354),
    ("2026-06-10-this-week-in-rust.md", "duplicate-paragraph", "warning", 342, 343, 340),
    ("2026-07-08-this-week-in-rust.md", "duplicate-paragraph", "warning", 339, 340, 331),
    ("2026-08-05-this-week-in-rust.md", "duplicate-paragraph", "warning", 318, 319, 312),
    ("2026-08-19-this-week-in-rust.md", "duplicate-paragraph", "warning", 297, 298, 295),
    ("DRAFT_TEMPLATE.md", "near-duplicate-paragraph", "warning", 108, 110, 68),
    ("draft-2026-08-26-this-week-in-rust.md", "near-duplicate-paragraph", "warning", 108, 110, 68),
    ("draft-2026-08-26-this-week-in-rust.md", "duplicate-paragraph", "warning", 228, 229, 226),
}


def test_the_corpus_gets_exactly_the_findings_an_editor_would_accept() -> None:
    paths = sorted(CORPUS.glob("*.md"))
    if not paths:
        pytest.skip("the shared corpus is not available")
    got = set()
    for path in paths:
        for finding in lint(Document.from_source(path.read_text(encoding="utf-8"))):
            if finding.family == "repetition":
                got.add(
                    (
                        path.name,
                        finding.rule,
                        finding.severity,
                        finding.line,
                        finding.end_line,
                        finding.related[0],
                    )
                )
                assert finding.message.endswith(".") and "\n" not in finding.message
                assert f"line {finding.related[0]}" in finding.message
    assert sorted(got) == sorted(EXPECTED)
