"""The live pipeline behind the window: text versions in, render patches and findings out.

:class:`LivePipeline` keeps the parser's and renderer's caches between versions.
:func:`serve` runs it in the worker process (:mod:`editor.core.worker_process`) on
one end of a ``multiprocessing`` connection: it always works on the newest text it
has been sent (older requests are dropped unread), sends the preview as a
:class:`RenderPatch` against the previous result it sent, and skips the checks when
a newer text is already waiting.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint.model import Finding, LintMemo, Rule
from editor.core.lint_aside import ASIDE_FROM_CHARS, LintAside
from editor.core.markdown import MarkdownParser, ParsedDocument
from editor.core.render import RenderedBlock, Renderer, RenderResult, create_render_markdown
from editor.core.seed import seeded_parse, worth_seeding
from editor.core.stats import StatsMemo, TextStats
from editor.core.worker_process import LAUNCH_VERSION, Connection, Role

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
    complete: bool = True  # False: only the first blocks, the rest to come (RenderResult.complete)


def diff_results(old: RenderResult | None, new: RenderResult) -> RenderPatch:
    """The patch that turns *old* into *new* (the whole of *new* when there is no *old*)."""
    if old is None:
        return RenderPatch(new.version, None, 0, 0, 0, new.blocks, new.title, new.complete)
    head = _common_head(old.blocks, new.blocks)
    tail, delta = _common_tail(old.blocks[head:], new.blocks[head:])
    middle = new.blocks[head : len(new.blocks) - tail]
    return RenderPatch(new.version, old.version, head, tail, delta, middle, new.title, new.complete)


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
        return RenderResult(patch.version, patch.blocks, patch.title, patch.complete)
    if old is None or old.version != patch.base_version:
        raise ValueError(f"patch for version {patch.base_version} cannot apply to {old and old.version}")
    tail = old.blocks[len(old.blocks) - patch.keep_tail :] if patch.keep_tail else ()
    moved = tuple(_moved(block, patch.line_delta) for block in tail)
    blocks = (*old.blocks[: patch.keep_head], *patch.blocks, *moved)
    return RenderResult(patch.version, blocks, patch.title, patch.complete)


class LivePipeline:
    """Parse, render and lint successive versions of one draft, reusing unchanged blocks."""

    def __init__(self, settings: LintSettings | None = None) -> None:
        md = create_render_markdown()
        self.parser = MarkdownParser(md)
        self.renderer = Renderer(md)
        self.settings = settings or LintSettings()
        self.parsed: ParsedDocument | None = None
        self.memo = LintMemo()
        self.stats_memo = StatsMemo()
        self.seeded = False  # whether the last parse read the whole text (a first or replaced text)

    def parse(self, text: str, version: int) -> ParsedDocument:
        """Parse one version (kept for :meth:`lint`); a first or replaced text in one pass,
        its paragraphs' inline tokens left for the render to parse."""
        document = Document(text, version=version)
        self.seeded = worth_seeding(self.parser, document)
        if self.seeded:
            self.parsed = seeded_parse(self.parser, document, defer_inline=True)
        else:
            self.parsed = self.parser.parse(document)
        return self.parsed

    def render(self, text: str, version: int) -> RenderResult:
        """Parse and render one version (kept for :meth:`lint`)."""
        *_, result = self.render_parts(text, version)
        return result

    def render_parts(
        self, text: str, version: int, part_seconds: float | None = None
    ) -> Generator[RenderResult, None, None]:
        """Parse and render one version; with *part_seconds*, the blocks rendered so far come
        out each time that much time went into rendering (see :meth:`parts`)."""
        self.parse(text, version)
        return self.parts(part_seconds)

    def parts(self, part_seconds: float | None = None) -> Generator[RenderResult, None, None]:
        """Render the version last parsed; with *part_seconds*, the blocks rendered so far come
        out each time that much time went into rendering (see :meth:`Renderer.render_parts`).
        Each result carries the version the text has when it comes out (:meth:`relabel`)."""
        if self.parsed is None:
            raise ValueError("nothing parsed yet")
        parts = self.renderer.render_parts(self.parsed, part_seconds=part_seconds)
        try:
            for result in parts:
                current = self.parsed.document.version
                yield result if result.version == current else replace(result, version=current)
        finally:
            parts.close()  # (stopped early: the renderer keeps what it rendered)

    def relabel(self, version: int) -> None:
        """The text last parsed is now known as *version* (the window sent the same text again)."""
        if self.parsed is not None:
            self.parsed = replace(self.parsed, document=self.parsed.document.at_version(version))

    def text_stats(self) -> TextStats:
        """Words and characters of the version last parsed (unchanged paragraphs not recounted)."""
        return self.stats_memo.stats(self.parsed.document.text if self.parsed is not None else "")

    def lint(
        self,
        rules: Sequence[Rule] | None = None,
        settings: LintSettings | None = None,
        *,
        same_run: bool = False,
    ) -> list[Finding]:
        """The findings of the version last rendered (of *rules* only, with *settings*, if given;
        ``same_run``: see :func:`~editor.core.lint.engine.lint_parsed`)."""
        from editor.core.lint.engine import lint_parsed

        if self.parsed is None:
            return []
        settings = settings or self.settings
        return lint_parsed(self.parsed, settings, rules=rules, memo=self.memo, same_run=same_run)


def settle_heap() -> None:
    """After a whole draft was parsed and checked: keep the collector off its objects.

    A 1 MB draft leaves about a million long-lived objects (tokens, rendered blocks, the
    checks' memo); every full collection walked them all, a 0.2-0.4 s pause in the middle
    of a keystroke's update. Frozen, they are still freed when no longer referenced (the
    parse makes next to no reference cycles: ~50 objects for a 200 KB draft); the collector
    only looks at what later edits make. Measured at 1 MB, render + checks per key: mean
    186 -> 124 ms, worst 417 -> 183 ms (2026-11-25, load 1.3).
    """
    gc.collect()
    gc.freeze()


def serve(
    connection: Connection,
    role: Role | None = None,
    settle: Callable[[], None] | None = None,
    *,
    lint_aside: bool = False,
) -> None:
    """The worker process's loop: ``("update", version, text)`` / ``("settings", LintSettings)``
    / ``("stop",)`` in; ``("rendered", RenderPatch, TextStats)`` and ``("linted", version, findings)``
    out. *settle* runs after the first checks that follow a text parsed whole. *lint_aside*:
    check a long draft's first version in a forked copy while it renders (:mod:`lint_aside`)."""
    _Loop(connection, role or Role(), settle, lint_aside).run()


PART_SECONDS = 0.1  # a long render goes out in parts this far apart (the preview fills top first)
ASIDE_PATIENCE_S = 30.0  # the longest wait for checks aside before the worker checks the draft itself


class _Loop:
    """The state :func:`serve` keeps between messages."""

    def __init__(
        self, connection: Connection, role: Role, settle: Callable[[], None] | None, lint_aside: bool
    ) -> None:
        self.connection = connection
        self.role = role
        self.settle = settle
        self.may_fork = lint_aside and role.render and role.lint
        self.pipeline = LivePipeline()
        self.sent: RenderResult | None = None
        self.unlinted_since: float | None = None
        self.unsettled = False  # a text was parsed whole, and no checks have run since
        self.aside: LintAside | None = None
        self.passed_on: tuple[int, LintSettings] | None = None  # findings sent for this version and settings

    def run(self) -> None:
        message = self.connection.recv()
        while message[0] != "stop":
            pending = self._take(message)
            if pending is None:
                self._lint()
            message = pending or self.connection.recv()
        if self.aside is not None:
            self.aside.stop()

    def _take(self, message: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """Act on *message* (and newer texts waiting behind it); the next message already read."""
        pipeline = self.pipeline
        if message[0] == "settings":
            self._set(message[1])
            return None
        message, pending = _newest(self.connection, message)
        while pending is not None and pending[0] == "settings":  # (the window's, right after a text)
            self._set(pending[1])
            message, pending = _newest(self.connection, message)
        _, version, text = message
        if self.aside is not None and pipeline.parsed is not None and pipeline.parsed.document.text == text:
            self.aside.version = version  # (the same text again, the launch text say: its checks hold)
        else:
            self._drop_aside()
        if self.role.render:  # (in parts unless a stop is waiting)
            stopped_by = self._render(text, version, in_parts=pending is None)
            pending = pending or stopped_by
        else:
            pipeline.parse(text, version)
        self.unsettled = self.unsettled or pipeline.seeded
        self.unlinted_since = self.unlinted_since or time.monotonic()
        return pending

    def _set(self, settings: LintSettings) -> None:
        """Check with *settings* from now on (the text parsed last again, if they are new; checks
        aside with others stop, and start again with these between the render's parts)."""
        if settings != self.pipeline.settings:  # (the window sends its settings more than once as it starts)
            self.pipeline.settings = settings
            self.unlinted_since = time.monotonic() if self.pipeline.parsed is not None else None
            self.passed_on = None
            if self.aside is not None and self.aside.settings != settings:
                self._drop_aside()

    def _render(self, text: str, version: int, *, in_parts: bool) -> tuple[Any, ...] | None:
        """Render *text* and send it, a long render in parts; the first message that came
        meanwhile and stopped it (a newer text), if any.

        Once the text is parsed and between parts, the messages that came meanwhile are
        looked at (:meth:`_between_parts`) and the checks may start aside.
        """
        pipeline, connection = self.pipeline, self.connection
        pipeline.parse(text, version)
        stopped_by = self._between_parts(text) if in_parts and pipeline.seeded else None
        if stopped_by is not None:
            return stopped_by
        stats: TextStats | None = None
        parts = pipeline.parts(PART_SECONDS if in_parts else None)
        for result in parts:
            stats = stats or pipeline.text_stats()
            connection.send(("rendered", diff_results(self.sent, result), stats))
            self.sent = result
            stopped_by = None if result.complete else self._between_parts(text)
            if stopped_by is not None:
                parts.close()
                return stopped_by
        return None

    def _between_parts(self, text: str) -> tuple[Any, ...] | None:
        """Before a long render's first part and between parts: take the messages that came
        meanwhile; the first that stops the render (a newer text), if any.

        The same text sent again under a newer version (the window's first version of the draft
        it was launched with) takes over the render, and new settings are taken at once. Then
        the checks may start aside, or their findings be passed on.
        """
        pipeline, connection = self.pipeline, self.connection
        while connection.poll(0):
            message = connection.recv()
            if message[0] == "settings":
                self._set(message[1])
            elif message[0] == "update" and message[2] == text:
                pipeline.relabel(message[1])
                if self.aside is not None:
                    self.aside.version = message[1]  # (the same text: its findings hold)
            else:
                return cast(tuple[Any, ...], message)
        self._aside_between_parts(len(text))
        return None

    def _aside_between_parts(self, length: int) -> None:
        """Start the checks aside as soon as a long, new text is parsed; pass their findings on
        when they are in.

        The text sent at launch is checked aside too: the window sends the same text as its
        first version (then the findings hold for it), often only once the parse is done.
        """
        pipeline = self.pipeline
        long_and_new = pipeline.seeded and length >= ASIDE_FROM_CHARS
        if self.may_fork and long_and_new and self.aside is None and self.passed_on is None:
            self.aside = LintAside.start(pipeline)
        self._pass_on_aside(0.0)

    def _pass_on_aside(self, timeout: float) -> None:
        aside = self.aside
        if aside is None or _launch_text(self.pipeline) or not aside.collect(timeout):
            return  # (the launch text's findings wait for the window's version of it)
        self.aside = None
        parsed = self.pipeline.parsed
        current = parsed is not None and aside.version == parsed.document.version
        findings = aside.findings()
        if findings is not None and current and aside.settings == self.pipeline.settings:
            self.connection.send(("linted", aside.version, findings))
            self.passed_on = (aside.version, aside.settings)

    def _drop_aside(self) -> None:
        """A new text came: checks aside of an older one are of no use."""
        if self.aside is not None:
            self.aside.stop()
            self.aside = None
        self.passed_on = None

    def _lint(self) -> None:
        """Check the text last parsed, unless the window will not show it or a newer text waits."""
        pipeline, connection, role = self.pipeline, self.connection, self.role
        if not role.lint or self.unlinted_since is None or _launch_text(pipeline) or pipeline.parsed is None:
            return
        patience = time.monotonic() + ASIDE_PATIENCE_S
        while self.aside is not None and not connection.poll(0):  # the checks aside come first
            helped = self.aside.help(pipeline, lambda: connection.poll(0))  # (the worker's share first)
            if not helped and not connection.poll(0):
                self._pass_on_aside(0.05)
            if time.monotonic() > patience:  # (not seen: a copy that hangs) the worker checks itself
                self._drop_aside()
        wait = max(0.0, min(role.lint_quiet, self.unlinted_since + role.lint_max_wait - time.monotonic()))
        if connection.poll(wait):
            return
        version = pipeline.parsed.document.version
        findings = pipeline.lint()  # (also when the checks aside sent them: for the memo of later edits)
        if self.passed_on != (version, pipeline.settings):
            connection.send(("linted", version, findings))
        self.passed_on = None
        self.unlinted_since = None
        if self.settle is not None and self.unsettled:
            self.settle()
            self.unsettled = False


def _launch_text(pipeline: LivePipeline) -> bool:
    """Whether the text last parsed is the one sent at launch: no window shows its findings."""
    return pipeline.parsed is not None and pipeline.parsed.document.version == LAUNCH_VERSION


def _newest(
    connection: Connection, message: tuple[Any, ...]
) -> tuple[tuple[Any, ...], tuple[Any, ...] | None]:
    """Skip to the newest waiting text; return it and the first other message that followed."""
    while connection.poll(0):
        newer = connection.recv()
        if newer[0] != "update":
            return message, newer
        message = newer
    return message, None
