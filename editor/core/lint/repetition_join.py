"""Joining the blocks' units into the document's, resuming from the last lint run after an edit.

Blocks at the start that the last run had in the same place keep their units as
they were. Blocks at the end that it had too (same kind and source, all moved by
the same number of lines) keep theirs renumbered: lines, unit, entity and list
scope numbers and prose chains move by what the edited middle added or removed.
That holds when the prose before them ends the same way (whether it runs on into
their first unit); otherwise they are joined again. The units equal those joined
from scratch (a hypothesis test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.lint.repetition_units import DOCUMENT_SCOPE, Columns, DocumentUnits, block_print
from editor.core.markdown import ParsedBlock, ParsedDocument

BlockKey = tuple[str, str, int]  # kind, source, first line

# Where joining stood when a block came: units, entities and nested copies so far, the next
# list scope, the last prose chain, and (block index, scope of its last unit) of the last prose block.
State = tuple[int, int, int, int, int, tuple[int, int] | None]


@dataclass(frozen=True)
class Joined:
    """A document's units, with each block's kind, source and first line and the state before it."""

    units: DocumentUnits
    blocks: list[BlockKey]
    states: list[State]


def joined_units(parsed: ParsedDocument, last: Joined | None = None) -> Joined:
    """The units of *parsed*; leading blocks that *last* had in the same place are not joined again."""
    blocks = parsed.blocks
    keys = [(block.kind, block.source, block.start_line) for block in blocks]
    kept = _common_head(last.blocks, keys) if last is not None else 0
    state: State
    states: list[State]
    if last is None or kept == 0:
        result, states, state = DocumentUnits(), [], (0, 0, 0, DOCUMENT_SCOPE + 1, 0, None)
    else:
        state = last.states[kept]
        result, states = _head(last.units, state), last.states[:kept]
    tail = _common_tail(last.blocks, keys, min(len(keys), len(last.blocks)) - kept) if last else 0
    for index in range(kept, len(blocks) - tail):
        states.append(state)
        state = _join_block(result, index, blocks[index], state)
    shift = _tail_shift(last, keys, tail, state) if last is not None and tail else None
    if last is not None and shift is not None:
        state = _join_tail(result, states, last, tail, shift)
    else:
        for index in range(len(blocks) - tail, len(blocks)):
            states.append(state)
            state = _join_block(result, index, blocks[index], state)
    states.append(state)
    return Joined(result, keys, states)


def _common_tail(before: list[BlockKey], now: list[BlockKey], limit: int) -> int:
    """How many blocks at the end are the same (kind, source) in both, all moved by the same lines."""
    if not before or not now:
        return 0
    shift = now[-1][2] - before[-1][2]
    count = 0
    while count < min(limit, len(before)):
        old, new = before[-1 - count], now[-1 - count]
        if new[2] - old[2] != shift or old[0] != new[0] or (old[1] is not new[1] and old[1] != new[1]):
            break
        count += 1
    return count


def _tail_shift(last: Joined, keys: list[BlockKey], tail: int, state: State) -> Shift | None:
    """How the last *tail* blocks move, if their units can be kept (the prose before them ends alike)."""
    first, old_first = len(keys) - tail, len(last.blocks) - tail
    before = last.states[old_first]
    if _runs_on(state, first) != _runs_on(before, old_first):
        return None
    return Shift(state, before, keys[first][2] - last.blocks[old_first][2], first - old_first)


def _runs_on(state: State, index: int) -> bool:
    """Whether prose ending just before block *index* runs on into it (if it starts with prose)."""
    previous = state[5]
    return previous is not None and previous[0] == index - 1 and previous[1] == DOCUMENT_SCOPE


@dataclass(frozen=True)
class Shift:
    """How the end blocks' numbers move: from the last run's state before them to this run's."""

    now: State
    before: State
    lines: int
    blocks: int

    def delta(self, field: int) -> int:
        """The move of one of the state's counts (units, entities, nested copies, scope, chain)."""
        value, old = self.now[field], self.before[field]
        assert isinstance(value, int) and isinstance(old, int)
        return value - old


def _join_tail(result: DocumentUnits, states: list[State], last: Joined, tail: int, shift: Shift) -> State:
    """Append the last run's units of its final *tail* blocks, renumbered; the state after them."""
    old = last.units
    units, entities, nested = shift.before[0], shift.before[1], shift.before[2]
    du, de, ds, dc, dl = shift.delta(0), shift.delta(1), shift.delta(3), shift.delta(4), shift.lines
    result.lines.extend([line + dl for line in old.lines[units:]])
    for name in ("starts", "ends", "keys", "words", "opens", "closes", "marks"):
        getattr(result, name).extend(getattr(old, name)[units:])
    result.scopes.extend([s if s == DOCUMENT_SCOPE else s + ds for s in old.scopes[units:]])
    result.chains.extend([chain + dc for chain in old.chains[units:]])
    result.entities.extend([entity + de for entity in old.entities[units:]])
    result.entity_spans.extend([(a + dl, b + dl) for a, b in old.entity_spans[entities:]])
    result.entity_kinds.extend(old.entity_kinds[entities:])
    result.entity_words.extend(old.entity_words[entities:])
    result.entity_scopes.extend([s if s == DOCUMENT_SCOPE else s + ds for s in old.entity_scopes[entities:]])
    result.entity_units.extend([(a + du, b + du) for a, b in old.entity_units[entities:]])
    result.nested_copies.extend([(a + du, n, b + du) for a, n, b in old.nested_copies[nested:]])
    deltas = (shift.delta(0), shift.delta(1), shift.delta(2), shift.delta(3), shift.delta(4))
    moved = [_moved_state(state, deltas, shift.blocks) for state in last.states[-tail:]]
    states.append(shift.now)
    states.extend(moved[:-1])
    return moved[-1]


def _moved_state(state: State, deltas: tuple[int, int, int, int, int], blocks: int) -> State:
    """*state* with its counts moved by *deltas* and its last prose block by *blocks*."""
    units, entities, nested, scope, chain, previous = state
    du, de, dn, ds, dc = deltas
    if previous is not None:
        block, last_scope = previous
        previous = (block + blocks, last_scope if last_scope == DOCUMENT_SCOPE else last_scope + ds)
    return units + du, entities + de, nested + dn, scope + ds, chain + dc, previous


def _common_head(before: list[BlockKey], now: list[BlockKey]) -> int:
    """How many blocks at the start are the same (kind, source, first line) in both."""
    count = 0
    for old, new in zip(before, now, strict=False):
        if old[2] != new[2] or old[0] != new[0] or (old[1] is not new[1] and old[1] != new[1]):
            break
        count += 1
    return count


def _head(units: DocumentUnits, state: State) -> DocumentUnits:
    """The first units, entities and nested copies of *units*, as many as *state* counts."""
    count, entities, nested = state[0], state[1], state[2]
    return DocumentUnits(
        lines=units.lines[:count],
        starts=units.starts[:count],
        ends=units.ends[:count],
        keys=units.keys[:count],
        words=units.words[:count],
        scopes=units.scopes[:count],
        chains=units.chains[:count],
        entities=units.entities[:count],
        opens=units.opens[:count],
        closes=units.closes[:count],
        entity_spans=units.entity_spans[:entities],
        entity_kinds=units.entity_kinds[:entities],
        entity_scopes=units.entity_scopes[:entities],
        entity_words=units.entity_words[:entities],
        entity_units=units.entity_units[:entities],
        nested_copies=units.nested_copies[:nested],
        marks=units.marks[:count],
    )


def _join_block(result: DocumentUnits, index: int, block: ParsedBlock, state: State) -> State:
    """Append the units of the *index*-th block; the state after it."""
    _, _, _, scope_base, chain, previous = state
    printed = block_print(block)
    if printed.units:
        columns = printed.columns
        unit_base, entity_base = len(result), len(result.entity_spans)
        result.nested_copies.extend((unit_base + a, n, unit_base + b) for a, n, b in printed.nested_copies)
        last_scope = None if previous is None or previous[0] != index - 1 else previous[1]
        scopes = [DOCUMENT_SCOPE if scope < 0 else scope_base + scope for scope in columns.scopes]
        if printed.units[0].barrier or scopes[0] != last_scope:
            chain += 1
        result.chains.extend([chain + step for step in columns.chain_steps])
        chain += columns.chain_steps[-1]
        _join(result, columns, block.start_line, scopes, entity_base)
        _join_entities(result, columns, block.start_line, scope_base)
        scope_base += max(columns.entity_scopes, default=-1) + 1
        previous = (index, scopes[-1])
    return len(result), len(result.entity_spans), len(result.nested_copies), scope_base, chain, previous


def _join(result: DocumentUnits, columns: Columns, offset: int, scopes: list[int], entity_base: int) -> None:
    """Append a block's columns: lines moved by *offset*, entities and their unit spans renumbered."""
    unit_base = len(result)
    result.lines.extend([offset + line for line in columns.lines])
    result.starts.extend(columns.starts)
    result.ends.extend(columns.ends)
    result.keys.extend(columns.keys)
    result.words.extend(columns.words)
    result.scopes.extend(scopes)
    result.entities.extend([entity_base + entity for entity in columns.entities])
    result.opens.extend(columns.opens)
    result.closes.extend(columns.closes)
    result.marks.extend(columns.marks)
    result.entity_units.extend([(unit_base + first, unit_base + end) for first, end in columns.entity_units])


def _join_entities(result: DocumentUnits, columns: Columns, offset: int, scope_base: int) -> None:
    """Append a block's entities: lines moved by *offset*, list scopes numbered from *scope_base*."""
    result.entity_spans.extend([(offset + start, offset + end) for start, end in columns.entity_spans])
    result.entity_kinds.extend(columns.entity_kinds)
    result.entity_scopes.extend(
        [DOCUMENT_SCOPE if scope < 0 else scope_base + scope for scope in columns.entity_scopes]
    )
    result.entity_words.extend(columns.entity_words)
