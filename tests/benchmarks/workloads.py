"""The measured work: full and incremental parse+render and lint of a draft."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint import line_length, repetition_similar, repetition_units
from editor.core.lint.engine import lint_parsed
from editor.core.lint.model import LintMemo
from editor.core.markdown import MarkdownParser, ParsedDocument
from editor.core.render import Renderer, create_render_markdown

TYPED = "Typing a new sentence here. "


@dataclass
class Pipeline:
    """One parser and renderer with their caches, as the preview worker keeps them."""

    parser: MarkdownParser = field(default_factory=lambda: MarkdownParser(create_render_markdown()))
    renderer: Renderer = field(init=False)
    settings: LintSettings = field(default_factory=LintSettings)
    memo: LintMemo = field(default_factory=LintMemo)  # per-block lint results, as the live worker keeps
    version: int = 0

    def __post_init__(self) -> None:
        self.renderer = Renderer(self.parser.md)

    def render(self, text: str) -> ParsedDocument:
        """Parse and render *text* as the next version."""
        self.version += 1
        parsed = self.parser.parse(Document(text, version=self.version))
        self.renderer.render(parsed)
        return parsed

    def lint(self, parsed: ParsedDocument) -> int:
        """Run every enabled rule; the number of findings."""
        return len(lint_parsed(parsed, self.settings, memo=self.memo))

    def lint_cold(self, parsed: ParsedDocument) -> int:
        """Lint as on opening a draft: a new memo, and nothing of earlier drafts in the checks' caches."""
        clear_lint_caches()
        self.memo = LintMemo()
        return self.lint(parsed)


def clear_lint_caches() -> None:
    """Forget what the checks keep process-wide (fingerprints, sketches, rewraps), as a new worker has."""
    repetition_units.CACHE = repetition_units.BlockPrintCache()
    for cached in (
        repetition_similar.sketch,
        repetition_similar.stems,
        repetition_similar.lcs,
        repetition_similar._shingles,
        line_length.rewrapped,
    ):
        cached.cache_clear()


class Typist:
    """Successive versions of a text with one more typed character at a fixed place."""

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.offset = len(text) if where == "end" else _middle_of_a_line(text)
        self.count = 0

    def next(self) -> str:
        """The text after one more key."""
        char = TYPED[self.count % len(TYPED)]
        self.text = self.text[: self.offset] + char + self.text[self.offset :]
        self.offset += 1
        self.count += 1
        return self.text


def _middle_of_a_line(text: str) -> int:
    """An offset near the middle of the text, at the end of a non-blank line."""
    offset = text.find("\n", len(text) // 2)
    while offset > 0 and text[offset - 1] == "\n":
        offset = text.find("\n", offset + 1)
    return offset if offset > 0 else len(text)


def timed(action: Callable[[], object]) -> float:
    """Seconds of wall time that *action* takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
