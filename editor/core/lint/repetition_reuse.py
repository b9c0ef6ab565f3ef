"""Reusing the last lint run's repeated runs and near copies when an edit cannot have changed them.

Exact runs. :func:`find_runs` reads, of each unit, only its scope and key, its word
count, whether a sentence (or, in a list, an item) opens and closes there, the word
count of its item, and whether its stretch of prose goes on from the unit before: the
unit's *signature*. Compare the last run's signatures with this run's: equal at the
start (``P``) and at the end (``S``), different in between (``X`` before, ``Y`` now).
When every unit of ``X`` had a text found nowhere else in its scope, and so does every
unit of ``Y``, and neither is empty, no run can include or cross them (a run's units all
have a copy, and extending a run stops at a unit without one), so the search finds
the same runs as before, those after the edit moved by ``len(Y) - len(X)`` units.
That is what typing inside a sentence does; anything else searches again.

Near copies. :func:`near_copies` reads only the words of the paragraphs long enough
to compare, in order, and which of them to skip: while those are the same, so is its
result (kept by position among those paragraphs, since entity numbers move).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from itertools import pairwise

from editor.core.lint.model import LintMemo
from editor.core.lint.repetition_runs import Run, find_runs
from editor.core.lint.repetition_similar import NearCopy, near_copies
from editor.core.lint.repetition_units import DocumentUnits, Mark

_STATE = "repetition.runs"
Signature = tuple[int, bool, Mark]  # scope, whether the prose goes on from the unit before, mark


@dataclass(frozen=True)
class _Searched:
    """One run's search: its input signatures, how often each (scope, text) occurred, its result."""

    min_words: int
    signatures: list[Signature]
    counts: Counter[tuple[int, str]]
    runs: list[Run]


def signatures(units: DocumentUnits) -> list[Signature]:
    """What :func:`find_runs` reads of each unit (see the module's docstring)."""
    chains = units.chains
    goes_on = [before == chain for before, chain in pairwise([-1, *chains])]  # chains count from 1
    return list(zip(units.scopes, goes_on, units.marks, strict=True))


def reused_runs(memo: LintMemo, units: DocumentUnits, *, min_words: int) -> list[Run]:
    """``find_runs(units, min_words=min_words)``, taken from the last run when the edit allows it."""
    now = signatures(units)
    counts = Counter(zip(units.scopes, units.keys, strict=True))
    last = memo.state.get(_STATE)
    usable = isinstance(last, _Searched) and last.min_words == min_words
    runs = _moved_runs(last, now, counts) if isinstance(last, _Searched) and usable else None
    if runs is None:
        runs = find_runs(units, min_words=min_words)
    memo.state[_STATE] = _Searched(min_words, now, counts, runs)
    return runs


def _moved_runs(last: _Searched, now: list[Signature], counts: Counter[tuple[int, str]]) -> list[Run] | None:
    """The last run's runs moved past the edit, or None when the edit may change them."""
    before = last.signatures
    if before == now:
        return last.runs
    head = _common_head(before, now)
    tail = _common_tail(before, now, limit=min(len(before), len(now)) - head)
    removed, added = before[head : len(before) - tail], now[head : len(now) - tail]
    if not removed or not added:
        return None  # nothing between the two sides: a run of the old text may cross the edit
    if not _unique(removed, last.counts) or not _unique(added, counts):
        return None
    shift = len(added) - len(removed)
    return [run if run.later < head else _moved(run, head, shift) for run in last.runs]


def _moved(run: Run, head: int, shift: int) -> Run:
    """A run after the edit (its earlier copy maybe before it), *shift* units further."""
    return Run(run.later + shift, run.earlier + (shift if run.earlier >= head else 0), run.length)


def _common_head(a: list[Signature], b: list[Signature]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_tail(a: list[Signature], b: list[Signature], *, limit: int) -> int:
    count = 0
    while count < limit and a[-1 - count] == b[-1 - count]:
        count += 1
    return count


def _unique(part: list[Signature], counts: Counter[tuple[int, str]]) -> bool:
    return all(counts[(scope, mark[0])] == 1 for scope, _, mark in part)


def reused_near(
    memo: LintMemo, units: DocumentUnits, *, threshold: float, min_words: int, skip: Collection[int]
) -> list[NearCopy]:
    """``near_copies(units, ...)``, remembered by the words of the paragraphs it compares."""
    paragraphs = [
        index
        for index, kind in enumerate(units.entity_kinds)
        if kind == "paragraph" and len(units.entity_words[index]) >= max(min_words, 3)
    ]
    position = {entity: number for number, entity in enumerate(paragraphs)}
    key = (
        "repetition.near",
        threshold,
        min_words,
        tuple(units.entity_words[index] for index in paragraphs),
        tuple(sorted(position[entity] for entity in skip if entity in position)),
    )

    def compute() -> tuple[NearCopy, ...]:
        found = near_copies(units, threshold=threshold, min_words=min_words, skip=skip)
        return tuple(NearCopy(position[c.later], position[c.earlier], c.score, c.reworded) for c in found)

    return [
        NearCopy(paragraphs[near.later], paragraphs[near.earlier], near.score, near.reworded)
        for near in memo.remember(key, compute)
    ]
