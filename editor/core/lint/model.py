"""The findings model: what a check reports, how a fix edits the text, what a rule is."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TypeVar, cast

if TYPE_CHECKING:
    from editor.core.config import LintSettings
    from editor.core.document import Document
    from editor.core.markdown import ParsedBlock, ParsedDocument

Severity = Literal["warning", "info"]
FAMILIES = ("repetition", "line-length", "list-balance")


@dataclass(frozen=True)
class TextEdit:
    """Replace the characters ``start`` to ``end`` (offsets into the document text) by ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """Text edits that repair a finding, valid for the document version they came from."""

    description: str
    edits: tuple[TextEdit, ...]
    version: int
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """One problem in a draft. Lines and columns are 1-based; ``end_column`` is exclusive."""

    rule: str
    family: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    related: tuple[int, ...] = ()
    fix: Fix | None = None


@dataclass(frozen=True)
class Report:
    """What a check yields: a place and a message, 0-based; the engine adds the rule's data.

    ``end_column`` is exclusive. ``related`` holds 0-based lines of other places
    involved (the earlier copy of a repeated passage, the list's first item).
    """

    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    related: tuple[int, ...] = ()
    fix: Fix | None = None
    severity: Severity | None = None


T = TypeVar("T")
_MAX_TOKENS = 1_000  # distinct values before the numbering starts afresh (nothing remembered is reused then)


class LintMemo:
    """Per-block results kept from one lint run of a draft to the next (the live worker keeps one).

    ``per_block(name, block, compute)`` returns ``compute(block)``, reusing the value
    from an earlier run when a block of the same kind and source was seen. The value
    must not depend on where the block is: keep lines relative to ``block.start_line``.
    Values not used in a run are dropped after the next one.
    """

    def __init__(self) -> None:
        self._previous: dict[Hashable, object] = {}
        self._current: dict[Hashable, object] = {}
        self._tokens: dict[Hashable, int] = {}
        self.computed = 0
        self.state: dict[str, object] = {}  # what a rule carries to the next run; it checks it still applies

    def next_run(self) -> None:
        """Start a lint run: what the last run used stays available."""
        self._previous, self._current = self._current, {}
        if len(self._tokens) > _MAX_TOKENS:  # renumbering: no remembered key may keep an old number
            self._tokens, self._previous = {}, {}

    def per_block(self, name: str, block: ParsedBlock, compute: Callable[[ParsedBlock], T]) -> T:
        """``compute(block)``, or its remembered value for a block with the same source."""
        return self.remember((name, block.kind, block.source), lambda: compute(block))

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, or the value remembered under *key* in this run or the last one.

        *key* must hold everything the value depends on.
        """
        current = self._current
        if key in current:
            return cast(T, current[key])
        previous = self._previous
        if key in previous:
            value = cast(T, previous[key])
        else:
            value = compute()
            self.computed += 1
        current[key] = value
        return value

    def token(self, value: Hashable) -> int:
        """A small number standing for *value*, the same for equal values in every run.

        Put it in a key instead of a large value (a draft's link references) to keep lookups cheap.
        """
        return self._tokens.setdefault(value, len(self._tokens))


@dataclass(frozen=True)
class LintContext:
    """Everything a check may read: the text, the shared parse, the settings.

    ``cache`` lives for one run (share work between rules); ``memo`` across runs.
    ``fixes`` is False when nobody will read the findings' fixes (the command line's
    text report): a check may then skip working one out.
    """

    document: Document
    parsed: ParsedDocument
    settings: LintSettings
    cache: dict[str, object] = field(default_factory=dict, compare=False)
    memo: LintMemo = field(default_factory=LintMemo, compare=False)
    fixes: bool = True

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The document's lines."""
        return self.document.lines


Check = Callable[[LintContext], Iterable[Report]]


@dataclass(frozen=True)
class Rule:
    """A registered check: id, family, default severity, one-line description."""

    id: str
    family: str
    severity: Severity
    description: str
    check: Check
