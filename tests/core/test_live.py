"""The live pipeline: render patches rebuild the full result; the worker loop drops stale texts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core import live
from editor.core.config import LintSettings
from editor.core.live import LivePipeline, RenderPatch, apply_patch, diff_results, serve
from editor.core.render import RenderResult
from editor.core.worker_process import LAUNCH_VERSION, Inbox, Role, WorkerProcess

PARAGRAPHS = st.lists(
    st.sampled_from(["para one", "# Title", "- a\n- b", "```\ncode\n```", "text"]), max_size=12
)


@settings(max_examples=60, deadline=None)
@given(PARAGRAPHS, st.integers(0, 12), st.sampled_from(["", "\n\nnew block", "\n", " edited"]))
def test_a_patch_applied_to_the_old_result_gives_the_new_result(
    blocks: list[str], where: int, inserted: str
) -> None:
    pipeline = LivePipeline()
    text = "\n\n".join(blocks)
    old = pipeline.render(text, 1)
    cut = sum(len(b) + 2 for b in blocks[:where])
    new = pipeline.render(text[:cut] + inserted + text[cut:], 2)
    rebuilt = apply_patch(old, diff_results(old, new))
    assert rebuilt.blocks == new.blocks
    assert rebuilt.html == new.html


def test_typing_at_the_end_sends_only_the_last_block() -> None:
    pipeline = LivePipeline()
    text = "\n\n".join(f"Paragraph {n}." for n in range(500))
    old = pipeline.render(text, 1)
    patch = diff_results(old, pipeline.render(text + " More", 2))
    assert (patch.keep_head, len(patch.blocks), patch.keep_tail) == (499, 1, 0)


def test_a_new_line_at_the_top_moves_every_block_without_resending_it() -> None:
    pipeline = LivePipeline()
    text = "\n\n".join(f"Paragraph {n}." for n in range(100))
    old = pipeline.render(text, 1)
    new = pipeline.render("\n" + text, 2)
    patch = diff_results(old, new)
    assert (patch.keep_tail, patch.line_delta, patch.blocks) == (100, 1, ())
    assert '<p data-source-line="1">Paragraph 0.</p>' in apply_patch(old, patch).html


@contextmanager
def serving(ours: Connection, theirs: Any, *args: Any) -> Iterator[threading.Thread]:
    """:func:`serve` (with *args*) running in a thread on *theirs*; stopped through *ours* at the end."""
    worker = threading.Thread(target=serve, args=(theirs, *args), daemon=True)
    worker.start()
    try:
        yield worker
    finally:
        ours.send(("stop",))
        worker.join(timeout=10)


@contextmanager
def rendering_longer_in_parts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Connection]:
    """A worker loop rendering LONGER as version 1 in parts of 2 ms; its first part is out."""
    monkeypatch.setattr(live, "PART_SECONDS", 0.002)
    ours, theirs = Pipe()
    with serving(ours, Inbox(theirs)):
        ours.send(("update", 1, LONGER))
        assert ours.poll(10)
        yield ours


def _collect(connection: Connection, versions: int) -> list[tuple[object, ...]]:
    received = []
    while True:
        assert connection.poll(10), "the worker fell silent"
        message = connection.recv()
        received.append(message)
        if message[0] == "linted" and message[1] == versions:
            return received


def test_the_worker_loop_renders_and_lints_the_newest_text() -> None:
    ours, theirs = Pipe()
    for version in range(1, 6):
        ours.send(("update", version, f"# Draft\n\nText of version {version}.\n"))
    with serving(ours, theirs) as worker:  # five texts are already waiting: only the newest is worth work
        messages = _collect(ours, 5)
    patches = [m[1] for m in messages if m[0] == "rendered"]
    assert all(isinstance(p, RenderPatch) for p in patches)
    assert [p.version for p in patches] == [5]
    result: RenderResult | None = None
    for patch in patches:
        result = apply_patch(result, patch)
    assert result is not None and "Text of version 5." in result.html
    assert not worker.is_alive()


def test_changed_settings_relint_the_current_text() -> None:
    ours, theirs = Pipe()
    with serving(ours, theirs):
        ours.send(("update", 1, "word " * 40 + "\n"))
        _collect(ours, 1)
        ours.send(("settings", LintSettings(max_line_length=20)))
        assert ours.poll(10), "no findings after a change of settings"
        message = ours.recv()
    assert message[0] == "linted" and message[1] == 1


def test_a_lint_only_worker_waits_for_typing_to_pause() -> None:
    ours, theirs = Pipe()
    role = Role(render=False, lint=True, lint_quiet=0.3)
    with serving(ours, theirs, role):
        ours.send(("update", 1, "First text.\n"))
        time.sleep(0.05)
        ours.send(("update", 2, "Second text.\n"))
        assert ours.poll(10)
        first = ours.recv()
    assert first[:2] == ("linted", 2)


def test_a_worker_process_renders_and_lints() -> None:
    worker = WorkerProcess(Role(lint_quiet=0.0))
    try:
        worker.update("# Title\n\nSome text.\n", 1)
        deadline = time.monotonic() + 30
        messages: list[tuple[object, ...]] = []
        while not any(m[0] == "linted" for m in messages) and time.monotonic() < deadline:
            time.sleep(0.05)
            messages += worker.messages()
    finally:
        worker.stop()
    assert [m[0] for m in messages] == ["rendered", "linted"]
    result = apply_patch(None, messages[0][1])  # type: ignore[arg-type]
    assert result.title == "Title" and result.version == 1


def test_the_inbox_keeps_only_the_newest_of_consecutive_texts() -> None:
    ours, theirs = Pipe()
    inbox = Inbox(theirs)
    for message in [
        ("update", 1, "a"),
        ("update", 2, "b"),
        ("settings", None),
        ("update", 3, "c"),
        ("stop",),
    ]:
        ours.send(message)
    time.sleep(0.5)  # let the reader thread take in all five
    received = [inbox.recv() for _ in range(4)]
    assert [m[:2] for m in received] == [("update", 2), ("settings", None), ("update", 3), ("stop",)]


def test_the_heap_is_settled_after_a_whole_draft_is_checked_not_after_each_key() -> None:
    settled = threading.Semaphore(0)  # released once per settling (after the findings went out)
    ours, theirs = Pipe()
    with serving(ours, theirs, None, settled.release):
        text = "# Draft\n\n" + "".join(f"Paragraph {n} of the draft.\n\n" for n in range(40))
        ours.send(("update", 1, text))
        _collect(ours, 1)
        assert settled.acquire(timeout=10)  # the opened draft: parsed whole, then checked
        ours.send(("update", 2, text + "A new line typed at the end.\n"))
        _collect(ours, 2)
        ours.send(("update", 3, "# Another draft entirely\n\nNothing in common.\n"))
        _collect(ours, 3)
        assert settled.acquire(timeout=10)  # a replaced text is parsed whole again
    assert not settled.acquire(timeout=0)  # the keystroke's update (version 2) left the collector alone


def test_a_text_parsed_at_launch_is_checked_and_settled_as_the_window_sends_it() -> None:
    settled = threading.Semaphore(0)
    ours, theirs = Pipe()
    text = "# Draft\n\n" + "".join(f"Paragraph {n} of the draft.\n\n" for n in range(40)) + "• a\n• b\n"
    ours.send(("update", LAUNCH_VERSION, text))  # sent at launch
    ours.send(("settings", LintSettings()))  # then the window's settings and its first version
    ours.send(("update", 1, text))
    with serving(ours, theirs, None, settled.release):
        messages = _collect(ours, 1)
    linted = [m for m in messages if m[0] == "linted"]
    assert [m[1] for m in linted] == [1]  # the launch version's checks gave way to the window's
    assert any(finding.rule == "pseudo-bullets" for finding in linted[0][2])
    result = None
    for message in messages:
        if message[0] == "rendered":
            result = apply_patch(result, message[1])
    assert result is not None and result.version == 1 and "Paragraph 39" in result.html
    assert settled.acquire(timeout=0)  # parsed whole at launch: settled after the first checks


def test_the_launch_text_is_never_checked_even_when_the_window_sends_its_own_late() -> None:
    ours, theirs = Pipe()
    text = "# Draft\n\n" + "".join(f"Paragraph {n} of the draft.\n\n" for n in range(40))
    with serving(ours, theirs, None):
        ours.send(("update", LAUNCH_VERSION, text))  # sent at launch
        assert ours.poll(10) and ours.recv()[0] == "rendered"  # rendered before the window is up
        ours.send(("settings", LintSettings()))  # the window's settings, twice, as it starts
        ours.send(("settings", LintSettings()))
        assert not ours.poll(0.5)  # the worker waits: nobody will see the launch text's findings
        ours.send(("update", 1, text))
        messages = _collect(ours, 1)
    assert [m[1] for m in messages if m[0] == "linted"] == [1]


LONG = "# Draft\n\n" + "".join(
    f"Paragraph {n} with a [link](https://example.com/{n}).\n\n" for n in range(300)
)
LONGER = LONG + "".join(f"More paragraph {n}, *stressed*.\n\n" for n in range(3000))  # parts for a while


def _render_messages(messages: list[tuple[object, ...]]) -> list[RenderResult]:
    """The results the patches among *messages* rebuild, in order."""
    results: list[RenderResult] = []
    result: RenderResult | None = None
    for message in messages:
        if message[0] == "rendered":
            assert isinstance(message[1], RenderPatch)
            result = apply_patch(result, message[1])
            results.append(result)
    return results


def test_a_long_first_render_comes_in_parts_top_first_and_ends_whole() -> None:
    pipeline = LivePipeline()
    results = list(pipeline.render_parts(LONG, 1, part_seconds=0.0))
    whole = LivePipeline().render(LONG, 1)
    assert len(results) > 100 and [r.complete for r in results] == [False] * (len(results) - 1) + [True]
    assert (
        results[-1] == whole
        and whole.html == LivePipeline().renderer.render(LivePipeline().parse(LONG, 1)).html
    )
    for before, after in pairwise(results):
        assert after.blocks[: len(before.blocks)] == before.blocks  # each part adds to the one before
    assert all(r.title == "Draft" for r in results)


def test_a_render_stopped_part_way_keeps_the_blocks_it_rendered() -> None:
    pipeline = LivePipeline()
    parts = pipeline.render_parts(LONG, 1, part_seconds=0.0)
    for _ in range(50):
        first = next(parts)
    parts.close()
    before = pipeline.renderer.block_renders
    pipeline.render(LONG, 1)
    assert pipeline.renderer.block_renders - before == len(pipeline.parsed.blocks) - len(first.blocks)


def test_the_worker_sends_a_long_draft_in_parts_and_the_patches_rebuild_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live, "PART_SECONDS", 0.0)
    ours, theirs = Pipe()
    with serving(ours, theirs):
        ours.send(("update", 1, LONG))
        messages = _collect(ours, 1)
    results = _render_messages(messages)
    assert len(results) > 10 and not any(r.complete for r in results[:-1])
    assert results[-1].complete and results[-1].html == LivePipeline().render(LONG, 1).html
    assert [m[0] for m in messages][-1] == "linted"  # the checks come after the whole render


def test_the_window_sending_the_launch_text_takes_over_its_render_in_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live, "PART_SECONDS", 0.002)
    ours, theirs = Pipe()
    inbox = Inbox(theirs)
    ours.send(("update", LAUNCH_VERSION, LONGER))
    with serving(ours, inbox):
        assert ours.poll(10) and ours.recv()[1].version == LAUNCH_VERSION  # a first part, at launch
        ours.send(("settings", LintSettings(max_line_length=20)))  # the window starts: its settings
        ours.send(("update", 1, LONGER))  # and the same text as its version 1
        messages = _collect(ours, 1)
    versions = [m[1].version for m in messages if m[0] == "rendered"]
    assert versions[-1] == 1 and versions.count(1) > 10  # the render went on as version 1
    linted = [m for m in messages if m[0] == "linted"]
    assert [m[1] for m in linted] == [1]
    assert any(f.rule == "overlong-line" for f in linted[0][2])  # with the settings sent meanwhile


def test_a_newer_text_stops_a_render_in_parts_and_is_rendered_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    with rendering_longer_in_parts(monkeypatch) as ours:
        newer = LONGER.replace("More paragraph 2999", "Last paragraph")
        ours.send(("update", 2, newer))
        messages = _collect(ours, 2)
    results = _render_messages([m for m in messages])
    assert all(not r.complete for r in results if r.version == 1)  # version 1 never finished
    assert [m[1] for m in messages if m[0] == "linted"] == [2]
    assert results[-1].version == 2 and results[-1].complete
    assert results[-1].html == LivePipeline().render(newer, 2).html


def test_settings_waiting_behind_a_text_are_taken_and_the_text_is_still_rendered_and_checked() -> None:
    ours, theirs = Pipe()
    ours.send(("update", 1, "word " * 40 + "\n"))
    ours.send(("settings", LintSettings(max_line_length=20)))  # (as the window sends them at launch)
    with serving(ours, theirs):
        messages = _collect(ours, 1)
    assert [(m[0], m[1] if m[0] == "linted" else m[1].version) for m in messages] == [
        ("rendered", 1),
        ("linted", 1),
    ]
    assert any(f.rule == "overlong-line" for f in messages[-1][2])


def test_a_newer_text_and_settings_arriving_mid_render_are_both_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with rendering_longer_in_parts(monkeypatch) as ours:
        first = ours.recv()
        assert not first[1].complete
        newer = LONGER.replace("More paragraph 2999,", "Last paragraph, " + "word " * 30)
        ours.send(("update", 2, newer))
        ours.send(("settings", LintSettings(max_line_length=60)))
        messages = [first, *_collect(ours, 2)]
    results = _render_messages(messages)
    assert results[-1].version == 2 and results[-1].complete and "Last paragraph" in results[-1].html
    assert any(f.rule == "overlong-line" for f in messages[-1][2])
