"""The repetition search stays linear on multi-megabyte drafts: work is counted, never timed."""

from __future__ import annotations

import random

from editor.core.document import Document
from editor.core.lint.repetition_runs import MAX_SOURCES, SearchStats, find_runs
from editor.core.lint.repetition_similar import MAX_POSTINGS, RARE_WORDS, SKETCH_SIZE, PairStats, near_copies
from editor.core.lint.repetition_units import DocumentUnits, document_units
from editor.core.markdown import MarkdownParser

BOILERPLATE = "Read more on our website."  # in every paragraph, too short to report


def generated_draft(paragraphs: int, *, seed: int) -> tuple[str, int, int]:
    """Random prose with a pasted copy every 97 paragraphs and an edited copy every 89."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(5000)]
    written: list[str] = []
    pasted = edited = 0
    for number in range(paragraphs):
        if number % 97 == 96:
            written.append(rng.choice(written))
            pasted += 1
        elif number % 89 == 88:
            words = rng.choice(written).split(" ")
            words[len(words) // 2] = "changed"
            written.append(" ".join(words))
            edited += 1
        else:
            sentences = (" ".join(rng.choices(vocabulary, k=rng.randint(8, 14))) for _ in range(3))
            written.append(" ".join(f"{s.capitalize()}." for s in sentences) + " " + BOILERPLATE)
    return "\n\n".join(written) + "\n", pasted, edited


def search(paragraphs: int) -> tuple[DocumentUnits, SearchStats, PairStats, int, int]:
    text, pasted, edited = generated_draft(paragraphs, seed=paragraphs)
    units = document_units(MarkdownParser().parse(Document(text)))
    runs, pairs = SearchStats(), PairStats()
    found = find_runs(units, min_words=8, stats=runs)
    near = list(near_copies(units, threshold=0.7, min_words=8, stats=pairs))
    assert len(found) >= pasted and len(near) >= edited
    return units, runs, pairs, len(text), len(units.entity_spans)


def test_candidate_search_grows_linearly_not_quadratically() -> None:
    small_units, small_runs, small_pairs, _, small_paragraphs = search(2_000)
    units, runs, pairs, size, paragraphs = search(12_000)
    assert size > 2_000_000
    assert runs.comparisons <= (MAX_SOURCES + 2) * len(units)
    assert pairs.visited <= (SKETCH_SIZE + RARE_WORDS) * MAX_POSTINGS * paragraphs
    assert pairs.visited < paragraphs * paragraphs // 50  # all pairs would be paragraphs² / 2
    # Six times the text costs about six times the work, not thirty-six times.
    assert runs.comparisons / len(units) <= 1.5 * small_runs.comparisons / len(small_units)
    assert pairs.visited / paragraphs <= 1.5 * small_pairs.visited / small_paragraphs
    assert pairs.scored / paragraphs <= 1.5 * max(small_pairs.scored, 1) / small_paragraphs + 0.01
