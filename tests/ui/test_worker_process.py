"""The render/lint worker: small drafts on the GUI thread, large ones in a worker process."""

from __future__ import annotations

import os
import signal

from pytestqt.qtbot import QtBot

from editor.core.live import LivePipeline, diff_results
from editor.core.render import RenderResult
from editor.ui.worker import HANDOFF_MS, MAX_RESTARTS, RenderLintWorker


def _collect(worker: RenderLintWorker) -> tuple[list[RenderResult], list[int]]:
    rendered: list[RenderResult] = []
    linted: list[int] = []
    worker.rendered.connect(rendered.append)
    worker.linted.connect(lambda version, _findings: linted.append(version))
    return rendered, linted


def test_a_large_draft_is_rendered_in_a_worker_process_and_stale_versions_are_dropped(qtbot: QtBot) -> None:
    worker = RenderLintWorker(delay_ms=0, inprocess_limit=0)
    rendered, linted = _collect(worker)
    try:
        worker.request("# One\n\nfirst", 1)
        worker.request("# Two\n\nsecond paragraph, pasted twice\n\nsecond paragraph, pasted twice", 2)
        worker.flush()
        assert [r.version for r in rendered] == [2] and linted == [2]
        assert "second paragraph" in rendered[-1].html
        worker.request("# Two\n\nthird", 3)
        qtbot.waitUntil(lambda: linted[-1] == 3, timeout=20_000)
        assert rendered[-1].title == "Two" and "third" in rendered[-1].html
    finally:
        worker.close()


def test_a_small_draft_is_worked_on_right_here(qtbot: QtBot) -> None:
    worker = RenderLintWorker(delay_ms=0)
    rendered, linted = _collect(worker)
    worker.request("Hello *there*", 1)
    worker.flush()
    assert [r.version for r in rendered] == [1] and linted == [1]
    assert worker._process is None


def test_texts_go_to_the_worker_process_sooner_than_the_typing_delay(qtbot: QtBot) -> None:
    worker = RenderLintWorker(delay_ms=250, inprocess_limit=10)
    try:
        worker.request("short", 1)
        assert worker.delay_ms == 250  # worked on right here: the delay spares the GUI thread
        worker.flush()
        worker.request("a text longer than the limit", 2)
        worker.flush()
        assert worker.delay_ms == HANDOFF_MS < 250
        worker.set_delay(50)
        assert worker.delay_ms == 50
    finally:
        worker.close()


def test_messages_that_arrive_together_are_handled_one_per_turn_and_only_the_newest_shown(
    qtbot: QtBot,
) -> None:
    pipeline = LivePipeline()
    first = pipeline.render("# One\n\nfirst", 1)
    second = pipeline.render("# One\n\nsecond", 2)
    stats = pipeline.text_stats()
    worker = RenderLintWorker(delay_ms=0, inprocess_limit=0)
    rendered, linted = _collect(worker)
    worker._latest = 2
    worker._arrived.extend(
        [
            ("rendered", diff_results(None, first), stats),
            ("linted", 1, []),
            ("rendered", diff_results(first, second), stats),
            ("linted", 2, []),
        ]
    )
    worker._handle_next()
    assert rendered == [] and linted == [] and len(worker._arrived) == 3  # the rest on later turns
    qtbot.waitUntil(lambda: not worker._arrived)
    assert [r.version for r in rendered] == [2] and linted == [2]
    assert rendered[0].html == second.html


def test_a_worker_process_that_dies_is_replaced_and_the_last_text_sent_again(qtbot: QtBot) -> None:
    worker = RenderLintWorker(delay_ms=0, inprocess_limit=0)
    rendered, linted = _collect(worker)
    try:
        worker.request("# One\n\nfirst", 1)
        worker.flush()
        process = worker._process
        assert process is not None and process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        worker.request("# Two\n\nsecond", 2)
        worker.flush()  # sent to the dead process, found dead, sent again to a new one
        assert worker._process is not None and worker._process is not process
        assert linted[-1] == 2 and "second" in rendered[-1].html
        worker.request("# Three\n\nthird", 3)
        qtbot.waitUntil(lambda: linted[-1] == 3, timeout=30_000)
    finally:
        worker.close()


def test_after_too_many_deaths_the_work_stays_here(qtbot: QtBot) -> None:
    worker = RenderLintWorker(delay_ms=0, inprocess_limit=0)
    rendered, linted = _collect(worker)
    try:
        worker.request("# One\n\nfirst", 1)
        worker.flush()
        process = worker._process
        assert process is not None and process.pid is not None
        worker._restarts = MAX_RESTARTS
        os.kill(process.pid, signal.SIGKILL)
        worker.request("# Two\n\nsecond", 2)
        worker.flush()
        assert worker._process is None
        assert linted[-1] == 2 and "second" in rendered[-1].html
    finally:
        worker.close()


def test_a_long_first_render_comes_in_parts_and_flush_waits_for_the_whole(qtbot: QtBot) -> None:
    text = "# Archive\n\n" + "".join(f"Paragraph {n} of the archive, *stressed*.\n\n" for n in range(8000))
    worker = RenderLintWorker(delay_ms=0, inprocess_limit=0)
    rendered, linted = _collect(worker)
    try:
        worker.request(text, 1)
        worker.flush()
    finally:
        worker.close()
    assert rendered[-1].complete and "Paragraph 7999 of" in rendered[-1].html and linted == [1]
    assert len(rendered) > 1 and not any(r.complete for r in rendered[:-1])  # the top came first
    sizes = [len(r.blocks) for r in rendered]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
