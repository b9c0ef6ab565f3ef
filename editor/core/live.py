"""The live pipeline behind the window: text versions in, render patches and findings out.

:class:`LivePipeline` keeps the parser's and renderer's caches between versions.
:func:`serve` runs it in a worker process on one end of a ``multiprocessing``
connection: it always works on the newest text it has been sent (older requests
are dropped unread), sends the preview as a :class:`RenderPatch` against the
previous result it sent, and skips the checks when a newer text is already waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint.model import Finding, LintMemo
from editor.core.markdown import MarkdownParser, ParsedDocument
from editor.core.render import RenderedBlock, Renderer, RenderResult, create_render_markdown

_ATTRIBUTE = 'data-source-line="'


@dataclass(frozen=True)
class RenderPatch:
    """A render result as a change of the previous one: kept head and tail, new middle."""

    version: int
    base_version: int | None  # the version this patch applies to (None: a whole result)
    keep_head: int
    keep_tail: int
    line_delta: int  # how far the kept tail blocks moved
    blocks: tuple[RenderedBlock, ...]
    title: str | None


def diff_results(old: RenderResult | None, new: RenderResult) -> RenderPatch:
    """The patch that turns *old* into *new* (the whole of *new* when there is no *old*)."""
    if old is None:
        return RenderPatch(new.version, None, 0, 0, 0, new.blocks, new.title)
    head = _common_head(old.blocks, new.blocks)
    tail, delta = _common_tail(old.blocks[head:], new.blocks[head:])
    middle = new.blocks[head : len(new.blocks) - tail]
    return RenderPatch(new.version, old.version, head, tail, delta, middle, new.title)


def _common_head(old: Sequence[RenderedBlock], new: Sequence[RenderedBlock]) -> int:
    count = 0
    for before, after in zip(old, new, strict=False):
        if before is not after and before != after:
            break
        count += 1
    return count


def _common_tail(old: Sequence[RenderedBlock], new: Sequence[RenderedBlock]) -> tuple[int, int]:
    """How many trailing blocks match once moved, and by how many lines they moved."""
    if not old or not new:
        return 0, 0
    delta = new[-1].start_line - old[-1].start_line
    count = 0
    for before, after in zip(reversed(old), reversed(new), strict=False):
        if before is not after and _moved(before, delta) != after:
            break
        count += 1
    return count, delta


def _moved(block: RenderedBlock, delta: int) -> RenderedBlock:
    """*block* moved down by *delta* lines, its ``data-source-line`` attribute updated."""
    if not delta:
        return block
    start = block.start_line + delta
    old_attribute = f'{_ATTRIBUTE}{block.start_line}"'
    html = block.html.replace(old_attribute, f'{_ATTRIBUTE}{start}"', 1)
    return RenderedBlock(start, block.end_line + delta, html)


def apply_patch(old: RenderResult | None, patch: RenderPatch) -> RenderResult:
    """The full result a patch describes; *old* must be the result of ``patch.base_version``."""
    if patch.base_version is None:
        return RenderResult(patch.version, patch.blocks, patch.title)
    if old is None or old.version != patch.base_version:
        raise ValueError(f"patch for version {patch.base_version} cannot apply to {old and old.version}")
    tail = old.blocks[len(old.blocks) - patch.keep_tail :] if patch.keep_tail else ()
    moved = tuple(_moved(block, patch.line_delta) for block in tail)
    return RenderResult(patch.version, (*old.blocks[: patch.keep_head], *patch.blocks, *moved), patch.title)


class LivePipeline:
    """Parse, render and lint successive versions of one draft, reusing unchanged blocks."""

    def __init__(self, settings: LintSettings | None = None) -> None:
        md = create_render_markdown()
        self.parser = MarkdownParser(md)
        self.renderer = Renderer(md)
        self.settings = settings or LintSettings()
        self.parsed: ParsedDocument | None = None
        self.memo = LintMemo()

    def render(self, text: str, version: int) -> RenderResult:
        """Parse and render one version (kept for :meth:`lint`)."""
        self.parsed = self.parser.parse(Document(text, version=version))
        return self.renderer.render(self.parsed)

    def lint(self) -> list[Finding]:
        """The findings of the version last rendered."""
        from editor.core.lint.engine import lint_parsed

        if self.parsed is None:
            return []
        return lint_parsed(self.parsed, self.settings, memo=self.memo)


class Connection(Protocol):
    """The part of ``multiprocessing.connection.Connection`` that :func:`serve` uses."""

    def send(self, obj: Any) -> None: ...
    def recv(self) -> Any: ...
    def poll(self, timeout: float | None = ...) -> bool: ...


def serve(connection: Connection) -> None:
    """The worker process's loop: ``("update", version, text)`` / ``("settings", LintSettings)``
    / ``("stop",)`` in; ``("rendered", RenderPatch)`` and ``("linted", version, findings)`` out."""
    pipeline = LivePipeline()
    sent: RenderResult | None = None
    pending: tuple[Any, ...] | None = None
    while True:
        message = pending or connection.recv()
        pending = None
        while connection.poll(0):  # coalesce: only the newest text matters
            newer = connection.recv()
            if newer[0] != "update" or message[0] != "update":
                pending = newer
                break
            message = newer
        if message[0] == "stop":
            return
        if message[0] == "settings":
            pipeline.settings = message[1]
            if pipeline.parsed is not None and not connection.poll(0):
                connection.send(("linted", pipeline.parsed.document.version, pipeline.lint()))
            continue
        _, version, text = message
        result = pipeline.render(text, version)
        connection.send(("rendered", diff_results(sent, result)))
        sent = result
        if not connection.poll(0):  # a newer text is waiting: its findings will do
            connection.send(("linted", version, pipeline.lint()))
