"""Near copies of paragraphs: candidates from MinHash sketches and rare words, then similarity scores.

See :mod:`editor.core.lint.repetition` for the measurements behind the thresholds.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from editor.core.lint.repetition_units import DocumentUnits

SKETCH_SIZE = 16  # each paragraph is indexed by 16 sampled word 3-grams ...
RARE_WORDS = 12  # ... and by its 12 rarest words,
MAX_POSTINGS = 16  # skipping keys already found in 16 paragraphs;
MIN_SHARED = 4  # a candidate pair shares at least 4 keys
LENGTH_RATIO = 0.5  # the shorter paragraph has at least half the words of the longer one
LIGHT_EDIT = 0.85  # a lightly edited copy keeps 85% of the longer paragraph's words, in order
REWORDED_COSINE = 0.7
REWORDED_ORDER = 0.7
REWORDED_RATIO = 0.75
REWORDED_MIN_WORDS = 20
MAX_ORDER_WORDS = 200
_STOPWORD_TEXT = """
a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our
she so than that the their them then there these they this to us was we were what when which who will with
you your
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


class Scores:
    """How alike two paragraphs are; each score is computed on first use (LCS is quadratic)."""

    def __init__(self, a: tuple[str, ...], b: tuple[str, ...]) -> None:
        self.a, self.b = a, b
        self.shorter = min(len(a), len(b))
        self.ratio = self.shorter / (max(len(a), len(b)) or 1)  # words of the shorter / the longer

    @cached_property
    def containment(self) -> float:
        """Shared word 3-grams / 3-grams of the shorter paragraph."""
        return _containment(self.a, self.b)

    @cached_property
    def kept(self) -> float:
        """Longest common subsequence of all words / words of the longer paragraph."""
        a, b = self.a[:MAX_ORDER_WORDS], self.b[:MAX_ORDER_WORDS]
        return lcs(a, b) / (max(len(a), len(b)) or 1)

    @cached_property
    def order(self) -> float:
        """Longest common subsequence of stemmed content words / content words of the shorter."""
        content_a = tuple(word for word in stems(self.a) if word not in STOPWORDS)[:MAX_ORDER_WORDS]
        content_b = tuple(word for word in stems(self.b) if word not in STOPWORDS)[:MAX_ORDER_WORDS]
        return lcs(content_a, content_b) / (min(len(content_a), len(content_b)) or 1)


@dataclass(frozen=True)
class NearCopy:
    """Entity ``later`` is a near copy of entity ``earlier``."""

    later: int
    earlier: int
    score: float
    reworded: bool


@dataclass
class PairStats:
    """Work done by the candidate search: posting pairs visited and pairs scored."""

    visited: int = 0
    scored: int = 0


def near_copies(
    units: DocumentUnits,
    *,
    threshold: float,
    min_words: int,
    skip: Collection[int] = (),
    stats: PairStats | None = None,
) -> Iterable[NearCopy]:
    """For each paragraph, its most similar earlier paragraph when they are near copies."""
    stats = stats if stats is not None else PairStats()
    paragraphs = [
        index
        for index, kind in enumerate(units.entity_kinds)
        if kind == "paragraph" and len(units.entity_words[index]) >= max(min_words, 3)
    ]
    idf = _idf([stems(units.entity_words[index]) for index in paragraphs])
    best: dict[int, NearCopy] = {}
    for earlier, later in candidate_pairs(units, paragraphs, idf, stats):
        if later in skip:
            continue
        stats.scored += 1
        near = _judged(later, earlier, units.entity_words[earlier], units.entity_words[later], idf, threshold)
        if near is not None and (later not in best or near.score > best[later].score):
            best[later] = near
    return [best[later] for later in sorted(best)]


def _judged(
    later: int, earlier: int, a: tuple[str, ...], b: tuple[str, ...], idf: dict[str, float], threshold: float
) -> NearCopy | None:
    """A near copy (warning) or a possible rewording (info), or nothing.

    What does not depend on the document's IDF is remembered per pair of paragraphs.
    """
    verdict = _verdict(a, b, threshold)
    if verdict is None:
        return None
    light, kept = verdict
    if light:
        return NearCopy(later, earlier, kept, False)
    cosine = _cosine(stems(a), stems(b), idf)
    return NearCopy(later, earlier, cosine, True) if cosine >= REWORDED_COSINE else None


@lru_cache(maxsize=65536)
def _verdict(a: tuple[str, ...], b: tuple[str, ...], threshold: float) -> tuple[bool, float] | None:
    """(True, words kept) for a light edit; (False, 0) when the IDF cosine decides a rewording; else None."""
    scores = Scores(a, b)
    if scores.ratio >= LENGTH_RATIO and scores.containment >= threshold and scores.kept >= LIGHT_EDIT:
        return True, scores.kept
    if (
        scores.shorter >= REWORDED_MIN_WORDS
        and scores.ratio >= REWORDED_RATIO
        and scores.order >= REWORDED_ORDER
    ):
        return False, 0.0
    return None


def candidate_pairs(
    units: DocumentUnits, paragraphs: Sequence[int], idf: dict[str, float], stats: PairStats
) -> list[tuple[int, int]]:
    """Pairs (earlier, later) that share enough sketch shingles or rare words to be worth scoring.

    Each paragraph is indexed by a bottom-k MinHash sketch of its word 3-grams (edited copies
    share most of it) and by its rarest words (reworded copies keep those). A key already
    found in ``MAX_POSTINGS`` paragraphs is boilerplate and stops pairing, which bounds the
    work per paragraph by a constant.
    """
    postings: dict[object, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for index in paragraphs:
        words = units.entity_words[index]
        hits: list[int] = []  # each earlier paragraph once per key it shares with this one
        for key in (*sketch(words), *rare_words(words, idf)):
            posting = postings.setdefault(key, [])
            if len(posting) >= MAX_POSTINGS:
                continue
            hits.extend(posting)
            posting.append(index)
        stats.visited += len(hits)
        pairs.extend((earlier, index) for earlier, count in Counter(hits).items() if count >= MIN_SHARED)
    return sorted(pairs)


def rare_words(words: tuple[str, ...], idf: dict[str, float]) -> list[str]:
    """The paragraph's ``RARE_WORDS`` stems of highest IDF (ties: alphabetical)."""
    ranked = sorted([(-idf[word], word) for word in set(stems(words))])
    return [word for _, word in ranked[:RARE_WORDS]]


@lru_cache(maxsize=65536)
def sketch(words: tuple[str, ...]) -> tuple[int, ...]:
    """The ``SKETCH_SIZE`` smallest stable hashes of the paragraph's word 3-grams."""
    hashes = {zlib.crc32(" ".join(gram).encode()) for gram in _shingles(words)}
    return tuple(sorted(hashes)[:SKETCH_SIZE])


@lru_cache(maxsize=65536)
def stems(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words with a plural or tense ending cut off, so "compile" and "compiled" count as one."""
    return tuple(_stem(word) for word in words)


def _stem(word: str) -> str:
    if len(word) > 4:
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix):
                return word[: -len(suffix)].rstrip("e") if suffix == "ed" else word[: -len(suffix)]
    return word.rstrip("e") if len(word) > 4 and word.endswith("e") else word


def _containment(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    grams_a, grams_b = _shingles(a), _shingles(b)
    return len(grams_a & grams_b) / (min(len(grams_a), len(grams_b)) or 1)


@lru_cache(maxsize=65536)
def _distinct(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


def _idf(texts: Sequence[tuple[str, ...]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for words in texts:
        frequency.update(_distinct(words))
    total = len(texts)
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()}


@lru_cache(maxsize=65536)
def _shingles(words: tuple[str, ...]) -> frozenset[tuple[str, str, str]]:
    return frozenset((words[k], words[k + 1], words[k + 2]) for k in range(len(words) - 2))


def _cosine(a: Sequence[str], b: Sequence[str], idf: dict[str, float]) -> float:
    count_a, count_b = Counter(a), Counter(b)
    dot = sum(count * count_b[word] * idf[word] ** 2 for word, count in count_a.items() if word in count_b)
    norm_a = math.sqrt(sum((count * idf[word]) ** 2 for word, count in count_a.items()))
    norm_b = math.sqrt(sum((count * idf[word]) ** 2 for word, count in count_b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


@lru_cache(maxsize=65536)
def lcs(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Length of the longest common subsequence (cached: unchanged paragraphs are not recomputed)."""
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0]
        for k, other in enumerate(b):
            current.append(previous[k] + 1 if word == other else max(previous[k + 1], current[k]))
        previous = current
    return previous[-1]
