"""What the window loads before it first shows: only what showing it needs."""

from __future__ import annotations

import subprocess
import sys

import pytest

LATER = [
    "editor.core.lint.registry",  # the checks: a tenth of a second of imports
    "editor.core.render",  # markdown-it, pygments and the renderer
    "editor.core.export",  # css-inline
]


@pytest.mark.parametrize("module", LATER)
def test_issue_drafter_file_imports_it_only_after_the_window_shows(module: str) -> None:
    code = f"import sys, editor.cli, editor.ui.app\nprint({module!r} in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
