"""An immutable snapshot of a draft's text: lines, offsets and positions."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, count
from operator import add


def normalize_newlines(text: str) -> str:
    """Return *text* with CRLF and lone CR turned into LF, as the parser sees it."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Position:
    """A place in a document: 0-based line and 0-based column (in characters)."""

    line: int
    column: int


@dataclass(frozen=True, eq=False)
class Document:
    """The text of a draft at one version.

    Lines are split on ``\\n`` only; build documents from file contents with
    :meth:`from_source`, which normalizes line endings first. Offsets and
    columns count Python characters (code points).
    """

    text: str
    version: int = 0
    path: str | None = field(default=None)

    @classmethod
    def from_source(cls, text: str, *, version: int = 0, path: str | None = None) -> Document:
        """Build a document from text with any line endings."""
        return cls(normalize_newlines(text), version=version, path=path)

    def at_version(self, version: int) -> Document:
        """The same text as *version*, with what was already worked out of it (lines, blocks)."""
        moved = Document(self.text, version=version, path=self.path)
        computed = {
            name: value for name, value in vars(self).items() if name not in ("text", "version", "path")
        }
        vars(moved).update(computed)
        return moved

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The lines, without their line endings. An empty text has one empty line."""
        return tuple(self.text.split("\n"))

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        """The offset at which each line starts."""
        lengths = accumulate(map(len, self.lines[:-1]), initial=0)  # each line's start, newlines aside
        return tuple(map(add, lengths, count()))

    @property
    def line_count(self) -> int:
        """How many lines the document has (at least one)."""
        return len(self.lines)

    def position(self, offset: int) -> Position:
        """Map a character offset to a (line, column) position."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the document (0..{len(self.text)})")
        line = bisect_right(self.line_starts, offset) - 1
        return Position(line, offset - self.line_starts[line])

    def offset(self, line: int, column: int) -> int:
        """Map a 0-based (line, column) position to a character offset."""
        if not 0 <= line < self.line_count:
            raise ValueError(f"line {line} is outside the document (0..{self.line_count - 1})")
        if not 0 <= column <= len(self.lines[line]):
            raise ValueError(f"column {column} is outside line {line}")
        return self.line_starts[line] + column

    def line_text(self, start: int, end: int) -> str:
        """The source of lines ``start`` up to (not including) ``end``, joined by newlines."""
        return "\n".join(self.lines[start:end])

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The top-level Markdown blocks with their source line ranges."""
        from editor.core.markdown import block_spans, default_markdown

        return block_spans(default_markdown(), self.text)


@dataclass(frozen=True)
class Block:
    """A top-level Markdown block: lines ``start_line`` to ``end_line`` (exclusive)."""

    kind: str
    start_line: int
    end_line: int
