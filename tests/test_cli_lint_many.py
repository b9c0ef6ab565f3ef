"""Many files at once: spread over processes, largest first, yet reported in the order given."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.files import read_draft
from editor.core.lint import lint

FIXTURES = Path(__file__).parent / "fixtures" / "lint"


def _drafts() -> list[Path]:
    found = sorted(path for path in FIXTURES.glob("*.md") if not path.name.endswith(".fixed.md"))
    return found[:8]


def test_many_files_report_what_one_at_a_time_reports_in_argument_order(tmp_path: Path) -> None:
    paths = _drafts()
    assert len(paths) >= 4  # enough for the process pool
    assert len({path.stat().st_size for path in paths}) > 1  # sizes differ: the order is shuffled
    done = subprocess.run(
        [sys.executable, "-m", "editor", "lint", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    items = json.loads(done.stdout)
    reported = [(item["path"], item["line"], item["rule"], item["message"]) for item in items]
    expected = [
        (str(path), finding.line, finding.rule, finding.message)
        for path in paths
        for finding in lint(Document(read_draft(path).text, path=str(path)), LintSettings())
    ]
    assert reported == expected
