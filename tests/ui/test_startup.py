"""What the window loads before it first shows: only what showing it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

LATER = [
    "editor.core.lint.registry",  # the checks: a tenth of a second of imports
    "editor.core.render",  # markdown-it, pygments and the renderer
    "editor.core.export",  # css-inline
    "PySide6.QtWebEngineWidgets",  # the web preview's engine
]


@pytest.mark.parametrize("module", LATER)
def test_issue_drafter_file_imports_it_only_after_the_window_shows(module: str) -> None:
    code = f"import sys, editor.cli, editor.ui.app\nprint({module!r} in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


SHOWN_NOT_PAINTED = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from editor.ui.app import build, open_initial, prepare_environment
prepare_environment()
qapp = QApplication([])
app = build()
open_initial(app, Path(sys.argv[1]))  # shown, but the event loop has not run: not painted yet
print(sorted(name for name in {LATER!r} if name in sys.modules))
"""


@pytest.mark.parametrize("web_engine", ["", "1"], ids=["web preview", "no web engine"])
def test_building_and_showing_the_window_imports_none_of_it_before_the_first_paint(
    tmp_path: Path, web_engine: str
) -> None:
    env = dict(
        os.environ, XDG_CONFIG_HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen"
    )
    env["ISSUE_DRAFTER_NO_WEBENGINE"] = web_engine  # without it, the light preview is made after the paint
    code = SHOWN_NOT_PAINTED.replace("{LATER!r}", repr(LATER))
    draft = tmp_path / "short.md"
    draft.write_text("# Issue 7\n\n• one\n• two\n", encoding="utf-8")
    command = [sys.executable, "-c", code, str(draft)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
