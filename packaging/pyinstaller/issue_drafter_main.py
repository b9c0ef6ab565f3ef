"""PyInstaller entry point: the same as the ``issue-drafter`` command."""

from __future__ import annotations

import multiprocessing
import sys

from editor.cli import main

if __name__ == "__main__":
    # The preview's worker process and `lint`'s process pool start this executable again;
    # freeze_support makes such a child run its task instead of opening another window.
    multiprocessing.freeze_support()
    sys.exit(main())
