"""PyInstaller entry point: the same as the ``issue-drafter`` command."""

from __future__ import annotations

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
