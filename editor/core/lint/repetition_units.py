"""Fingerprints of prose for the repetition rules: sentence units per block, cached by block source.

A *unit* is one sentence of one source line (a line break always ends a unit),
with its normalized text. An *entity* is what a writer sees as one piece: a
paragraph outside lists, or a top-level item of a list. Units in a list belong
to that list's own *scope*, so the same item in two different lists never
matches; paragraphs outside lists share the document's scope. Each block's
units are computed from its tokens once and cached by the block's source, so
an edit re-fingerprints only the block it touched.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from markdown_it.token import Token

from editor.core.lint.text_normalize import (
    content_column,
    ends_sentence,
    looks_like_start,
    sentence_spans,
    words,
)
from editor.core.markdown import ParsedBlock, ParsedDocument

PROSE_BLOCKS = frozenset({"paragraph", "blockquote", "bullet_list", "ordered_list"})
_BARRIERS = frozenset({"fence", "code_block", "html_block", "heading_open", "table_open", "hr"})
_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open"})
_LIST_CLOSE = frozenset({"bullet_list_close", "ordered_list_close"})
DOCUMENT_SCOPE = 0
MIN_ITEM_WORDS = 3  # list items are short: "Fixed a crash" twice in one list is a slip, "TBD" is not
CACHE_SIZE = 100_000  # more blocks than a 10 MB draft has: a sequential scan must not thrash it


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one line; ``line`` is relative to its block, columns are exclusive-end."""

    line: int
    start: int
    end: int
    key: str
    words: int
    entity: int
    barrier: bool
    opens: bool = True
    closes: bool = True


@dataclass(frozen=True, slots=True)
class Entity:
    """A paragraph outside lists or a top-level list item; lines relative to the block."""

    kind: Literal["paragraph", "item"]
    start_line: int
    end_line: int
    scope: int
    words: tuple[str, ...]


Mark = tuple[str, int, bool, bool, int]  # what the search for runs reads of a unit inside its block


@dataclass(frozen=True, slots=True)
class Columns:
    """A block's units as parallel tuples (lines, entities, scopes relative to the block), ready to join."""

    lines: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    keys: tuple[str, ...] = ()
    words: tuple[int, ...] = ()
    opens: tuple[bool, ...] = ()
    closes: tuple[bool, ...] = ()
    entities: tuple[int, ...] = ()
    scopes: tuple[int, ...] = ()  # the entity's scope: -1 for the document's prose
    chain_steps: tuple[int, ...] = ()  # stretches of prose begun inside the block before each unit
    entity_units: tuple[tuple[int, int], ...] = ()
    marks: tuple[Mark, ...] = ()  # key, words, a sentence (an item) opens, closes here, item words
    entity_spans: tuple[tuple[int, int], ...] = ()
    entity_kinds: tuple[str, ...] = ()
    entity_scopes: tuple[int, ...] = ()
    entity_words: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class BlockPrint:
    """The units and entities of one top-level block (``scope`` -1 is the document's prose)."""

    units: tuple[Unit, ...] = ()
    entities: tuple[Entity, ...] = ()
    nested_copies: tuple[tuple[int, int, int], ...] = ()  # (first unit, units, first unit of earlier)
    columns: Columns = field(default_factory=Columns)


@dataclass
class DocumentUnits:
    """All units of a document as parallel lists (absolute lines), plus their entities."""

    lines: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    scopes: list[int] = field(default_factory=list)
    chains: list[int] = field(default_factory=list)
    entities: list[int] = field(default_factory=list)
    opens: list[bool] = field(default_factory=list)
    closes: list[bool] = field(default_factory=list)
    entity_spans: list[tuple[int, int]] = field(default_factory=list)
    entity_kinds: list[str] = field(default_factory=list)
    entity_scopes: list[int] = field(default_factory=list)
    entity_words: list[tuple[str, ...]] = field(default_factory=list)
    entity_units: list[tuple[int, int]] = field(default_factory=list)
    nested_copies: list[tuple[int, int, int]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.keys)

    def item_number(self, entity: int) -> int:
        """The 1-based position of a list item entity among the items of its list."""
        scope = self.entity_scopes[entity]
        first = entity
        while first > 0 and self.entity_scopes[first - 1] == scope:
            first -= 1
        return entity - first + 1


class BlockPrintCache:
    """Fingerprints by block source, least recently used dropped first; counts its misses."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.misses = 0
        self._prints: OrderedDict[str, BlockPrint] = OrderedDict()
        self._lock = threading.Lock()  # the window lints on a worker thread

    def get(self, block: ParsedBlock) -> BlockPrint:
        """The fingerprint of *block*, computed only when no block with its source was seen."""
        with self._lock:
            found = self._prints.get(block.source)
            if found is not None:
                self._prints.move_to_end(block.source)
                return found
            self.misses += 1
        found = _fingerprint(block.tokens, block.source.split("\n"))
        with self._lock:
            self._prints[block.source] = found
            if len(self._prints) > self.size:
                self._prints.popitem(last=False)
        return found


CACHE = BlockPrintCache()
_NO_PROSE = BlockPrint()


def block_print(block: ParsedBlock) -> BlockPrint:
    """The fingerprint of *block* (empty for blocks that are not prose), from the shared cache."""
    if block.kind not in PROSE_BLOCKS:
        return _NO_PROSE
    return CACHE.get(block)


@dataclass
class _Walk:
    units: list[Unit] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    list_depth: int = 0
    lists: int = 0
    barrier: bool = False
    item: tuple[int, int, int] | None = None  # (start line, end line, first unit)
    nested_lists: list[dict[str, int]] = field(default_factory=list)  # item text -> first unit
    nested_items: list[int] = field(default_factory=list)  # first unit of each open nested item
    nested_copies: list[tuple[int, int, int]] = field(default_factory=list)


def _fingerprint(tokens: Sequence[Token], lines: Sequence[str]) -> BlockPrint:
    walk = _Walk()
    for token in tokens:
        kind = token.type
        if kind in _NESTED:
            _nested(walk, kind)
        if kind in _LIST_OPEN:
            walk.lists += walk.list_depth == 0
            walk.list_depth += 1
        elif kind in _LIST_CLOSE:
            walk.list_depth -= 1
        elif kind == "list_item_open" and walk.list_depth == 1 and token.map:
            walk.item = (token.map[0], token.map[1], len(walk.units))
        elif kind == "list_item_close" and walk.list_depth == 1 and walk.item:
            _close_entity(walk, "item", walk.item, walk.lists - 1)
            walk.item = None
        elif kind == "paragraph_open" and token.map:
            first = len(walk.units)
            _add_units(walk, lines, token.map[0], token.map[1])
            if walk.list_depth == 0:
                _close_entity(walk, "paragraph", (token.map[0], token.map[1], first), -1)
        elif kind in _BARRIERS:
            walk.barrier = True
    units, entities = tuple(walk.units), tuple(walk.entities)
    return BlockPrint(units, entities, tuple(walk.nested_copies), _columns(units, entities))


def _columns(units: tuple[Unit, ...], entities: tuple[Entity, ...]) -> Columns:
    scopes = tuple(entities[unit.entity].scope for unit in units)
    steps = [0]
    for index in range(1, len(units)):
        steps.append(steps[-1] + (units[index].barrier or scopes[index] != scopes[index - 1]))
    spans = [(len(units), -1)] * len(entities)
    for index, unit in enumerate(units):
        first, last = spans[unit.entity]
        spans[unit.entity] = (min(first, index), max(last, index + 1))
    marks = tuple(
        (
            unit.key,
            unit.words,
            *_bounds(unit, index, scope, spans),
            0 if scope < 0 else len(entities[unit.entity].words),
        )
        for index, (unit, scope) in enumerate(zip(units, scopes, strict=True))
    )
    return Columns(
        lines=tuple(unit.line for unit in units),
        starts=tuple(unit.start for unit in units),
        ends=tuple(unit.end for unit in units),
        keys=tuple(unit.key for unit in units),
        words=tuple(unit.words for unit in units),
        opens=tuple(unit.opens for unit in units),
        closes=tuple(unit.closes for unit in units),
        entities=tuple(unit.entity for unit in units),
        scopes=scopes,
        chain_steps=tuple(steps),
        entity_units=tuple(spans),
        entity_spans=tuple((entity.start_line, entity.end_line) for entity in entities),
        entity_kinds=tuple(entity.kind for entity in entities),
        entity_scopes=tuple(entity.scope for entity in entities),
        entity_words=tuple(entity.words for entity in entities),
        marks=marks,
    )


def _bounds(unit: Unit, index: int, scope: int, spans: list[tuple[int, int]]) -> tuple[bool, bool]:
    """Whether a sentence opens and closes at the unit (in a list: whether its item does)."""
    if scope < 0:
        return unit.opens, unit.closes
    first, end = spans[unit.entity]
    return first == index, end == index + 1


_NESTED = frozenset({*_LIST_OPEN, *_LIST_CLOSE, "list_item_open", "list_item_close"})


def _nested(walk: _Walk, kind: str) -> None:
    """Track the items of lists inside list items, and note an item that repeats a sibling."""
    if kind in _LIST_OPEN and walk.list_depth >= 1:
        walk.nested_lists.append({})
    elif kind in _LIST_CLOSE and walk.list_depth >= 2:
        walk.nested_lists.pop()
    elif kind == "list_item_open" and walk.list_depth >= 2:
        walk.nested_items.append(len(walk.units))
    elif kind == "list_item_close" and walk.list_depth >= 2:
        first = walk.nested_items.pop()
        units = walk.units[first:]
        key = "\n".join(unit.key for unit in units)
        earlier = walk.nested_lists[-1].setdefault(key, first)
        if earlier != first and sum(unit.words for unit in units) >= MIN_ITEM_WORDS:
            walk.nested_copies.append((first, len(units), earlier))


def _add_units(walk: _Walk, lines: Sequence[str], start: int, end: int) -> None:
    """The units of the paragraph on *lines* ``start .. end``, with where sentences open and close."""
    entity = len(walk.entities)
    pieces: list[tuple[int, int, int, tuple[str, ...], str]] = []
    for number in range(start, min(end, len(lines))):
        raw = lines[number]
        for begin, stop in sentence_spans(raw, content_column(raw)):
            found = words(raw[begin:stop])
            if found:
                pieces.append((number, begin, stop, found, raw[begin:stop]))
    for index, (number, begin, stop, found, text) in enumerate(pieces):
        previous = pieces[index - 1][4] if index else None
        following = pieces[index + 1][4] if index + 1 < len(pieces) else None
        opens = previous is None or ends_sentence(previous) or looks_like_start(text)
        closes = following is None or ends_sentence(text) or looks_like_start(following)
        unit = Unit(number, begin, stop, " ".join(found), len(found), entity, walk.barrier, opens, closes)
        walk.units.append(unit)
        walk.barrier = False


def _close_entity(
    walk: _Walk, kind: Literal["paragraph", "item"], span: tuple[int, int, int], scope: int
) -> None:
    start, end, first = span
    units = walk.units[first:]
    text = tuple(word for unit in units for word in unit.key.split())
    if units:
        walk.entities.append(Entity(kind, start, end, scope, text))


def document_units(parsed: ParsedDocument) -> DocumentUnits:
    """The units of every prose block of *parsed*, chained where the prose runs on."""
    from editor.core.lint.repetition_join import joined_units  # it builds on this module

    return joined_units(parsed).units
