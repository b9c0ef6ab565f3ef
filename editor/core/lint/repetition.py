"""The repetition rules: repeated paragraphs and list items, lightly edited copies, passages pasted twice.

How it works. Every prose line is cut into sentence *units* (a line break always
ends one), normalized (Markdown syntax and URLs dropped, link text kept, NFKC,
case-folded, punctuation stripped; CJK as character pairs). Fingerprints are
cached per block source (``repetition_units``), so a keystroke re-fingerprints
one block. Code, HTML blocks and comments, front matter, headings, tables and
link definitions are never units, and they break a stretch of prose.

- Exact copies (``repetition_runs``): a hash index of units finds, in linear time,
  runs of consecutive units that repeat earlier ones (copy-paste-detector style).
  A run must start and end on sentence boundaries in both copies and hold at least
  ``min_repeated_words`` (8) words, so "very very", "had had", "TBD", "Read more",
  sign-offs and a shared sentence tail ("... or by reaching out on Mastodon!") never
  count. In a list a run must be whole top-level items of the *same* list, of at
  least 3 words (items are short; "- TBD" twice is a placeholder): an event under
  "Virtual" and again under its region is two lists and is not reported. An item
  of a nested list that repeats a sibling of that nested list is reported too. A
  run that is exactly one paragraph (or item) is ``duplicate-paragraph``; any other
  run, e.g. lines pasted twice inside one paragraph, is ``repeated-passage``, one
  finding per later copy pointing at the earlier copy. The fix deletes the later
  copy; it is safe only when both copies have the same source (links included).

- Near copies (``repetition_similar``): candidates share at least 4 keys of a
  bottom-16 MinHash sketch of word 3-grams plus the 12 rarest words (IDF within the
  document); keys seen in 16 paragraphs stop pairing, so the work is linear.
  A warning needs 3-gram containment >= ``near_duplicate_threshold`` (0.7), at least
  85% of the longer paragraph's words kept in order (word LCS) and a length ratio
  >= 0.5. A possible heavy rewording is info: at least 20 words, length ratio >= 0.75,
  IDF-weighted cosine of stemmed words >= 0.7 and LCS of content words >= 0.7.

Measurements behind the thresholds (all paragraph pairs of the 55 corpus files, and
the fixtures); columns: 3-gram containment, cosine, content LCS, words kept:

- "instead of the client" -> "rather than on the client" (fixture, 32/33 words):
  0.87, 0.93, 0.95, 0.91 -> warning.
- TWiR "Calls for Testing" instruction repeated lightly edited in the same section
  (44/46 words, 12 files): 0.83, 0.95, 1.00, 0.89 -> warning, a real repeat.
- "Let us know if you would like your feature / your PRs, Tracking Issues or RFCs to
  be tracked as a part of this list" closing two sections (18/22 words): 0.81, 0.85,
  0.88, 0.77 -> nothing: containment alone would flag it; only 77% of the words are
  kept, and 18 words are too few to judge a rewording.
- Reworded build paragraph (fixture, 30/31 words): 0.39, 0.81, 0.74, 0.68 -> info.
- Call for projects vs. call for events paragraphs (32/36 words): 0.47, 0.63, 0.61,
  0.56 -> nothing (the highest-scoring pair of different paragraphs in the corpus).
- Two exporter paragraphs sharing a topic (fixture): 0.00, 0.24, 0.19 -> nothing.

On the corpus this gives 11 duplicate-paragraph findings (the same event twice in one
events list, one pull request twice in one list), 12 near-duplicate-paragraph (the
Calls for Testing instruction) and no repeated-passage; on the scraped seed, the six
passages pasted twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from editor.core.lint.model import Fix, LintContext, Report, Rule
from editor.core.lint.repetition_fix import Span, deletion
from editor.core.lint.repetition_join import Joined, joined_units
from editor.core.lint.repetition_reuse import reused_near, reused_runs
from editor.core.lint.repetition_runs import Run
from editor.core.lint.repetition_similar import NearCopy
from editor.core.lint.repetition_units import DOCUMENT_SCOPE, DocumentUnits

_CACHE_KEY = "repetition"
_JOINED = "repetition.joined"  # the last run's units, kept in the memo to resume joining after an edit


@dataclass(frozen=True)
class _Analysis:
    units: DocumentUnits
    runs: tuple[Run, ...]
    near: tuple[NearCopy, ...]
    nested: tuple[Run, ...]  # an item of a list inside a list item that repeats a sibling


def _analysis(ctx: LintContext) -> _Analysis:
    """Units, exact runs and near copies, computed once per lint and shared by the three rules."""
    found = ctx.cache.get(_CACHE_KEY)
    if isinstance(found, _Analysis):
        return found
    last = ctx.memo.state.get(_JOINED)
    joined = joined_units(ctx.parsed, last if isinstance(last, Joined) else None)
    ctx.memo.state[_JOINED] = joined
    units = joined.units
    runs = reused_runs(ctx.memo, units, min_words=ctx.settings.min_repeated_words)
    copies = {units.entities[run.later] for run in runs if _is_paragraph_copy(units, run)}
    near = tuple(
        reused_near(
            ctx.memo,
            units,
            threshold=ctx.settings.near_duplicate_threshold,
            min_words=ctx.settings.min_repeated_words,
            skip=copies,
        )
    )
    pairs = {(copy.earlier, copy.later) for copy in near}
    runs = [run for run in runs if _entity_pair(units, run) not in pairs]
    nested = tuple(Run(later, earlier, length) for later, length, earlier in units.nested_copies)
    result = _Analysis(units, tuple(runs), near, nested)
    ctx.cache[_CACHE_KEY] = result
    return result


def _entity_pair(units: DocumentUnits, run: Run) -> tuple[int, int] | None:
    """The (earlier, later) entities of *run* when each copy lies inside one entity."""
    entities = units.entities
    earlier, later = entities[run.earlier], entities[run.later]
    last = run.length - 1
    if entities[run.earlier + last] != earlier or entities[run.later + last] != later:
        return None
    return earlier, later


def _is_whole_entity(units: DocumentUnits, first: int, length: int) -> bool:
    return units.entity_units[units.entities[first]] == (first, first + length)


def _is_paragraph_copy(units: DocumentUnits, run: Run) -> bool:
    return _is_whole_entity(units, run.later, run.length) and _is_whole_entity(units, run.earlier, run.length)


def _lines(first: int, last: int) -> str:
    return f"line {first + 1}" if first == last else f"lines {first + 1}–{last + 1}"


def _span(units: DocumentUnits, first: int, length: int) -> Span:
    last = first + length - 1
    lines = units.lines
    starts_line = first == 0 or lines[first - 1] != lines[first]
    ends_line = last + 1 == len(units) or lines[last + 1] != lines[last]
    return Span(lines[first], units.starts[first], lines[last], units.ends[last], starts_line and ends_line)


def _is_exact(ctx: LintContext, units: DocumentUnits, run: Run) -> bool:
    """Whether the two copies have the same source text, links and markup included."""
    lines = ctx.document.lines

    def text(index: int) -> str:
        return lines[units.lines[index]][units.starts[index] : units.ends[index]]

    return all(text(run.later + k) == text(run.earlier + k) for k in range(run.length))


def _run_report(ctx: LintContext, units: DocumentUnits, run: Run, message: str) -> Report:
    span = _span(units, run.later, run.length)
    source = _span(units, run.earlier, run.length)
    exact = _is_exact(ctx, units, run)
    if not exact:
        message = message.replace(" word for word;", " word for word (only links or formatting differ);")
    edit = deletion(ctx.document, span)
    fix = Fix("Delete the repeated copy", (edit,), ctx.document.version, safe=exact)
    return Report(
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        message,
        related=tuple(range(source.line, source.end_line + 1)),
        fix=fix,
    )


def check_duplicate_paragraph(ctx: LintContext) -> Iterable[Report]:
    """A paragraph (or an item of a list) that repeats an earlier one word for word."""
    analysis = _analysis(ctx)
    units = analysis.units
    for run in analysis.runs:
        if not _is_paragraph_copy(units, run):
            continue
        earlier = units.lines[run.earlier] + 1
        if units.scopes[run.later] == DOCUMENT_SCOPE:
            message = (
                f"This paragraph repeats the one on line {earlier} word for word; readers will read it twice."
            )
        else:
            number = units.item_number(units.entities[run.earlier])
            message = (
                f"This list item repeats item {number} of the same list (line {earlier}) word for word; "
                "readers will see it twice."
            )
        yield _run_report(ctx, units, run, message)
    for run in analysis.nested:
        earlier = units.lines[run.earlier] + 1
        message = (
            f"This list item repeats the item on line {earlier} of the same list word for word; "
            "readers will see it twice."
        )
        yield _run_report(ctx, units, run, message)


def check_repeated_passage(ctx: LintContext) -> Iterable[Report]:
    """A run of sentences, lines or list items that appears twice, also inside one paragraph."""
    analysis = _analysis(ctx)
    units = analysis.units
    for run in analysis.runs:
        if _is_paragraph_copy(units, run):
            continue
        span = _span(units, run.later, run.length)
        source = _span(units, run.earlier, run.length)
        here, there = _lines(span.line, span.end_line), _lines(source.line, source.end_line)
        if units.scopes[run.later] != DOCUMENT_SCOPE:
            first = units.item_number(units.entities[run.earlier])
            last = units.item_number(units.entities[run.earlier + run.length - 1])
            message = (
                f"These list items ({here}) repeat items {first}–{last} of the same list ({there}) "
                "word for word; readers will see them twice."
            )
        elif source.end_line >= span.line:
            message = (
                f"This passage ({here}) repeats the sentences just before it word for word; "
                "readers will read them twice."
            )
        elif run.length == 1:
            message = (
                f"This sentence ({here}) repeats one on {there} word for word; readers will read it twice."
            )
        else:
            message = f"This passage ({here}) repeats {there} word for word; readers will read it twice."
        yield _run_report(ctx, units, run, message)


def check_near_duplicate(ctx: LintContext) -> Iterable[Report]:
    """A paragraph that is a lightly edited (or possibly reworded) copy of an earlier one."""
    analysis = _analysis(ctx)
    units = analysis.units
    for near in analysis.near:
        first, end = units.entity_units[near.later]
        span = _span(units, first, end - first)
        earlier_first, earlier_end = units.entity_spans[near.earlier]
        earlier = earlier_first + 1
        if near.reworded:
            message = (
                f"This paragraph may be a reworded copy of the one on line {earlier}; "
                "readers may feel they read it twice."
            )
        else:
            message = (
                f"This paragraph is a lightly edited copy of the one on line {earlier} "
                f"({round(near.score * 100)}% of its words are the same, in the same order); "
                "readers will read it twice."
            )
        fix = Fix("Delete this near copy", (deletion(ctx.document, span),), ctx.document.version, safe=False)
        yield Report(
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            message,
            related=tuple(range(earlier_first, earlier_end)),
            fix=fix,
            severity="info" if near.reworded else None,
        )


RULES: tuple[Rule, ...] = (
    Rule(
        "duplicate-paragraph",
        "repetition",
        "warning",
        "A paragraph or list item that repeats an earlier one word for word.",
        check_duplicate_paragraph,
    ),
    Rule(
        "near-duplicate-paragraph",
        "repetition",
        "warning",
        "A paragraph that is a lightly edited copy of an earlier one.",
        check_near_duplicate,
    ),
    Rule(
        "repeated-passage",
        "repetition",
        "warning",
        "A run of sentences or lines that appears twice, even inside one paragraph.",
        check_repeated_passage,
    ),
)
