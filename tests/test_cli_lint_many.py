"""Many files at once: spread over processes, largest first, yet reported in the order given."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.files import read_draft
from editor.core.lint import lint, lint_parsed
from editor.core.markdown import MarkdownParser
from tests.shared import needs_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "lint"
CORPUS = Path(__file__).parents[2] / "shared" / "corpus" / "twir"


def _drafts() -> list[Path]:
    found = sorted(path for path in FIXTURES.glob("*.md") if not path.name.endswith(".fixed.md"))
    return found[:8]


def _reported(paths: list[Path], cwd: Path) -> list[tuple[str, int, int, str, str, bool]]:
    done = subprocess.run(
        [sys.executable, "-m", "editor", "lint", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    assert done.returncode == 1, done.stderr
    return [
        (item["path"], item["line"], item["column"], item["rule"], item["message"], item["fixable"])
        for item in json.loads(done.stdout)
    ]


def test_many_files_report_what_one_at_a_time_reports_in_argument_order(tmp_path: Path) -> None:
    paths = _drafts()
    assert len(paths) >= 4  # enough for the process pool
    assert len({path.stat().st_size for path in paths}) > 1  # sizes differ: the order is shuffled
    expected = [
        (str(path), f.line, f.column, f.rule, f.message, f.fix is not None)
        for path in paths
        for f in lint(Document(read_draft(path).text, path=str(path)), LintSettings())
    ]
    assert _reported(paths, tmp_path) == expected


@needs_corpus
def test_the_corpus_linted_at_once_gives_each_draft_its_own_findings(tmp_path: Path) -> None:
    """Deferred inline parsing, many drafts per worker: each gets what a full parse of it alone gives."""
    paths = sorted(CORPUS.glob("*.md"))
    assert len(paths) == 54
    expected = []
    for path in paths:
        document = Document(read_draft(path).text, path=str(path))
        findings = lint_parsed(MarkdownParser().parse_once(document), LintSettings())
        expected.extend((str(path), f.line, f.column, f.rule, f.message, f.fix is not None) for f in findings)
    assert _reported(paths, tmp_path) == expected
