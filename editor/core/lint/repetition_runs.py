"""Exact repeated runs of sentence units, found copy-paste-detector style in linear time.

Every unit's normalized text is looked up in a hash index of earlier units of
the same scope; a hit seeds a run that is extended forward while the units keep
matching, stay in their unbroken stretch of prose and the copies do not
overlap. Only the first ``max_sources`` occurrences of a text are kept as
sources, so a sentence that occurs thousands of times costs a bounded number of
comparisons per occurrence: the search is linear in the number of units.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.lint.repetition_units import DOCUMENT_SCOPE, MIN_ITEM_WORDS, DocumentUnits

MAX_SOURCES = 8


@dataclass(frozen=True)
class Run:
    """Units ``later .. later+length`` repeat units ``earlier .. earlier+length`` word for word."""

    later: int
    earlier: int
    length: int


@dataclass
class SearchStats:
    """How much work the search did: unit comparisons, for the sub-quadratic test."""

    comparisons: int = 0


def find_runs(
    units: DocumentUnits,
    *,
    min_words: int,
    max_sources: int = MAX_SOURCES,
    stats: SearchStats | None = None,
) -> list[Run]:
    """The repeated runs of *units* with at least *min_words* words, each later copy once."""
    stats = stats if stats is not None else SearchStats()
    seen: dict[tuple[int, str], list[int]] = {}
    covered = bytearray(len(units))
    runs: list[Run] = []
    for index in range(len(units)):
        key = (units.scopes[index], units.keys[index])
        sources = seen.get(key)
        if sources is None:
            seen[key] = [index]
            continue
        if not covered[index]:
            run = _best_run(units, index, sources, covered, min_words, stats)
            if run is not None:
                runs.append(run)
                covered[run.later : run.later + run.length] = b"\x01" * run.length
        if len(sources) < max_sources:
            sources.append(index)
    return runs


def _best_run(
    units: DocumentUnits,
    later: int,
    sources: list[int],
    covered: bytearray,
    min_words: int,
    stats: SearchStats,
) -> Run | None:
    best: tuple[int, Run] | None = None
    for earlier in sources:
        length = _extend(units, later, earlier, covered, stats)
        run = _snapped(units, Run(later, earlier, length))
        if run is not None and units.scopes[later] != DOCUMENT_SCOPE:
            run = _without_short_items(units, run)
        if run is None:
            continue
        size = sum(units.words[run.later : run.later + run.length])
        needed = min_words if units.scopes[later] == DOCUMENT_SCOPE else min(min_words, MIN_ITEM_WORDS)
        if size >= needed and (best is None or size > best[0]):
            best = (size, run)
    return None if best is None else best[1]


def _extend(units: DocumentUnits, later: int, earlier: int, covered: bytearray, stats: SearchStats) -> int:
    keys, chains = units.keys, units.chains
    later_chain, earlier_chain = chains[later], chains[earlier]
    length = 0
    while (
        later + length < len(keys)
        and earlier + length < later
        and not covered[later + length]
        and chains[later + length] == later_chain
        and chains[earlier + length] == earlier_chain
        and keys[later + length] == keys[earlier + length]
    ):
        length += 1
        stats.comparisons += 1
    stats.comparisons += 1
    return length


def _snapped(units: DocumentUnits, run: Run) -> Run | None:
    """The part of *run* that starts and ends where sentences do (whole items in a list), in both copies."""
    later, earlier = run.later, run.earlier
    start = next(
        (k for k in range(run.length) if opens_at(units, later + k) and opens_at(units, earlier + k)), None
    )
    if start is None:
        return None
    ends = (
        k
        for k in range(run.length - 1, start - 1, -1)
        if closes_at(units, later + k) and closes_at(units, earlier + k)
    )
    end = next(ends, None)
    if end is None:
        return None
    return Run(later + start, earlier + start, end - start + 1)


def _without_short_items(units: DocumentUnits, run: Run) -> Run | None:
    """A list run without the placeholder items ("TBD") at either end."""
    first, end = run.later, run.later + run.length
    while first < end and _item_words(units, first) < MIN_ITEM_WORDS:
        first = units.entity_units[units.entities[first]][1]
    while end > first and _item_words(units, end - 1) < MIN_ITEM_WORDS:
        end = units.entity_units[units.entities[end - 1]][0]
    if first >= end:
        return None
    return Run(first, run.earlier + first - run.later, end - first)


def _item_words(units: DocumentUnits, index: int) -> int:
    return len(units.entity_words[units.entities[index]])


def opens_at(units: DocumentUnits, index: int) -> bool:
    """A sentence starts at unit *index* (in a list: an item starts there)."""
    if units.scopes[index] == DOCUMENT_SCOPE:
        return units.opens[index]
    return units.entity_units[units.entities[index]][0] == index


def closes_at(units: DocumentUnits, index: int) -> bool:
    """A sentence ends with unit *index* (in a list: an item ends there)."""
    if units.scopes[index] == DOCUMENT_SCOPE:
        return units.closes[index]
    return units.entity_units[units.entities[index]][1] == index + 1
