"""Benchmark drafts of a given size, made by concatenating real newsletter issues."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from functools import cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "twir"
SIZES = {"10KB": 10_000, "100KB": 100_000, "1MB": 1_000_000, "10MB": 10_000_000}


@cache
def corpus_text() -> str:
    """All corpus issues in name order, separated by a blank line."""
    files = sorted(CORPUS.glob("*.md"))
    if not files:
        raise FileNotFoundError(f"no corpus under {CORPUS}")
    return "\n\n".join(path.read_text(encoding="utf-8") for path in files)


@cache
def draft(size: int) -> str:
    """About *size* characters of corpus text (repeated as needed), cut after a whole line."""
    corpus = corpus_text()
    text = corpus
    while len(text) < size:
        text += "\n\n" + corpus
    text = text[:size]
    return text[: text.rfind("\n") + 1]


def write_draft(size: int, directory: Path) -> Path:
    """Write the draft of *size* characters to *directory* and return its path."""
    name = next((label for label, value in SIZES.items() if value == size), str(size))
    path = directory / f"draft-{name}.md"
    path.write_text(draft(size), encoding="utf-8")
    return path


def size_and_runs(
    description: str, argv: Sequence[str] | None, parser: argparse.ArgumentParser | None = None
) -> argparse.Namespace:
    """The options of the benchmarks that open drafts: --sizes, --runs, --json (and *parser*'s own)."""
    parser = parser or argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", default="1MB", help="comma-separated, of " + ", ".join(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write every run's numbers here")
    return parser.parse_args(argv)
