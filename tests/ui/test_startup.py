"""What the window loads before it first shows: only what showing it needs."""

from __future__ import annotations

import subprocess
import sys


def test_issue_drafter_file_imports_the_rules_only_when_it_first_checks() -> None:
    code = "import sys, editor.cli, editor.ui.app\nprint('editor.core.lint.registry' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"  # the rules' imports cost a tenth of a second
