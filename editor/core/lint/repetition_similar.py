"""Near copies of paragraphs: candidate search by shared rare words, then three similarity scores.

See :mod:`editor.core.lint.repetition` for the measurements behind the thresholds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from editor.core.lint.repetition_units import DocumentUnits

RARE_WORDS = 12  # each paragraph is indexed by its 12 rarest words ...
MAX_POSTINGS = 16  # ... skipping words found in more than 16 paragraphs
MIN_SHARED = 4  # a candidate pair shares at least 4 of those words
LENGTH_RATIO = 0.5  # the shorter paragraph has at least half the words of the longer one
LIGHT_EDIT = 0.85  # a lightly edited copy keeps 85% of the longer paragraph's words, in order
REWORDED_COSINE = 0.7
REWORDED_ORDER = 0.7
REWORDED_RATIO = 0.75
REWORDED_MIN_WORDS = 20
MAX_ORDER_WORDS = 400
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    }
)


@dataclass(frozen=True)
class Scores:
    """How alike two paragraphs are."""

    containment: float  # shared word 3-grams / 3-grams of the shorter paragraph
    cosine: float  # bag of words weighted by in-document IDF
    order: float  # longest common subsequence of content words / content words of the shorter
    ratio: float  # words of the shorter / words of the longer
    shorter: int  # words of the shorter paragraph
    kept: float  # longest common subsequence of all words / words of the longer


@dataclass(frozen=True)
class NearCopy:
    """Entity ``later`` is a near copy of entity ``earlier``."""

    later: int
    earlier: int
    score: float
    reworded: bool
    scores: Scores


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
        scores = score(units.entity_words[earlier], units.entity_words[later], idf)
        near = judge(later, earlier, scores, threshold)
        if near is not None and (later not in best or near.score > best[later].score):
            best[later] = near
    return [best[later] for later in sorted(best)]


def judge(later: int, earlier: int, scores: Scores, threshold: float) -> NearCopy | None:
    """A near copy (warning) or a possible rewording (info), or nothing."""
    if scores.ratio >= LENGTH_RATIO and scores.containment >= threshold and scores.kept >= LIGHT_EDIT:
        return NearCopy(later, earlier, scores.kept, False, scores)
    if (
        scores.shorter >= REWORDED_MIN_WORDS
        and scores.ratio >= REWORDED_RATIO
        and scores.cosine >= REWORDED_COSINE
        and scores.order >= REWORDED_ORDER
    ):
        return NearCopy(later, earlier, scores.cosine, True, scores)
    return None


def candidate_pairs(
    units: DocumentUnits, paragraphs: Sequence[int], idf: dict[str, float], stats: PairStats
) -> list[tuple[int, int]]:
    """Pairs (earlier, later) that share enough rare words to be worth scoring."""
    postings: dict[str, list[int]] = {}
    shared: Counter[tuple[int, int]] = Counter()
    for index in paragraphs:
        distinct = set(stems(units.entity_words[index]))
        rare = sorted(distinct, key=lambda word: (-idf[word], word))[:RARE_WORDS]
        for word in rare:
            posting = postings.setdefault(word, [])
            if len(posting) >= MAX_POSTINGS:
                continue
            for earlier in posting:
                shared[(earlier, index)] += 1
                stats.visited += 1
            posting.append(index)
    return sorted(pair for pair, count in shared.items() if count >= MIN_SHARED)


def score(a: Sequence[str], b: Sequence[str], idf: dict[str, float]) -> Scores:
    """The three similarity scores and the length ratio of two word sequences."""
    grams_a, grams_b = _shingles(a), _shingles(b)
    smaller = min(len(grams_a), len(grams_b)) or 1
    containment = len(grams_a & grams_b) / smaller
    stems_a, stems_b = stems(a), stems(b)
    content_a = [word for word in stems_a if word not in STOPWORDS][:MAX_ORDER_WORDS]
    content_b = [word for word in stems_b if word not in STOPWORDS][:MAX_ORDER_WORDS]
    order = _lcs(content_a, content_b) / (min(len(content_a), len(content_b)) or 1)
    ratio = min(len(a), len(b)) / (max(len(a), len(b)) or 1)
    longer = max(len(a), len(b)) or 1
    kept = _lcs(a[:MAX_ORDER_WORDS], b[:MAX_ORDER_WORDS]) / min(longer, MAX_ORDER_WORDS)
    cosine = _cosine(stems_a, stems_b, idf)
    return Scores(containment, cosine, order, ratio, min(len(a), len(b)), kept)


def stems(words: Sequence[str]) -> list[str]:
    """Words with a plural or tense ending cut off, so "compile" and "compiled" count as one."""
    return [_stem(word) for word in words]


def _stem(word: str) -> str:
    if len(word) > 4:
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix):
                return word[: -len(suffix)].rstrip("e") if suffix == "ed" else word[: -len(suffix)]
    return word.rstrip("e") if len(word) > 4 and word.endswith("e") else word


def _idf(texts: Sequence[Sequence[str]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for words in texts:
        frequency.update(set(words))
    total = len(texts)
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()}


def _shingles(words: Sequence[str]) -> set[tuple[str, str, str]]:
    return {(words[k], words[k + 1], words[k + 2]) for k in range(len(words) - 2)}


def _cosine(a: Sequence[str], b: Sequence[str], idf: dict[str, float]) -> float:
    count_a, count_b = Counter(a), Counter(b)
    dot = sum(count * count_b[word] * idf[word] ** 2 for word, count in count_a.items() if word in count_b)
    norm_a = math.sqrt(sum((count * idf[word]) ** 2 for word, count in count_a.items()))
    norm_b = math.sqrt(sum((count * idf[word]) ** 2 for word, count in count_b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0]
        for k, other in enumerate(b):
            current.append(previous[k] + 1 if word == other else max(previous[k + 1], current[k]))
        previous = current
    return previous[-1]
