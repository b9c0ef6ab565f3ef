"""The shared test material beside the repository (../shared), and markers for tests that need it.

A clone elsewhere has no ../shared: those tests are skipped with a reason, never passed vacuously.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "twir"
SEED = SHARED / "samples" / "000_851cad3446e524f9.txt"

MISSING = "the shared {} is not beside the repository"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=MISSING.format("corpus"))
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=MISSING.format("seed sample"))
