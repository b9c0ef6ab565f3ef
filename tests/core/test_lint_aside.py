"""Checks aside: a long draft's first version is checked in a forked copy while the worker renders it.

Forking happens in a spawned helper process, never in the test runner (which may run Qt's threads).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from multiprocessing import Pipe
from typing import Any

from editor.core import live
from editor.core.config import LintSettings
from editor.core.lint.model import Finding
from editor.core.lint.registry import RULES
from editor.core.lint_aside import (
    ASIDE_FROM_CHARS,
    FAMILY_ORDER,
    SPLIT_FAMILIES,
    Claims,
    LintAside,
    lint_units,
)
from editor.core.live import LivePipeline, serve
from editor.core.worker_process import LAUNCH_VERSION, Inbox

PARAGRAPH = "A paragraph of the archive that a writer pasted twice by mistake, word for word.\n\n"


def long_draft() -> str:
    """Over ASIDE_FROM_CHARS: headings, lists with mixed markers, pasted paragraphs."""
    parts: list[str] = []
    n = 0
    while sum(map(len, parts)) < ASIDE_FROM_CHARS + 1000:
        n += 1
        parts.append(f"## Section {n}\n\n{PARAGRAPH}{PARAGRAPH}- one item\n* another item\n\n")
        parts.append(f"Text of section {n} with a [link](https://example.com/{n}) and `code`.\n\n")
        parts.append(f"• pseudo bullet {n}\n• and one more\n\n")
    return "".join(parts)


def in_fresh_process(function: Callable[[], Any]) -> Any:
    """Run *function* in a spawned process (where forking is safe) and return what it returns."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(function)


def _key(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.rule, f.line, f.column, f.message) for f in findings]


def _aside_checks_like_the_worker() -> tuple[bool, bool, bool]:
    pipeline = LivePipeline()
    pipeline.parse(long_draft(), 1)
    aside = LintAside.start(pipeline)
    assert aside is not None
    done = aside.collect(timeout=60)
    found = aside.findings()
    same = found is not None and _key(found) == _key(pipeline.lint())
    stopped = LintAside.start(pipeline)
    assert stopped is not None
    stopped.stop()  # (still checking: killed and reaped)
    return done, same, stopped.collect() and stopped.found is None


def test_a_copy_checks_the_parsed_draft_as_the_worker_would_and_can_be_stopped() -> None:
    done, same, stopped = in_fresh_process(_aside_checks_like_the_worker)
    assert done and same and stopped


def _serve_and_count(
    script: list[tuple[tuple[Any, ...], Callable[[tuple[Any, ...]], bool]]],
) -> tuple[int, list[tuple[Any, ...]]]:
    """Run serve (checks aside allowed, a part every millisecond); send each message of *script*
    and read until its predicate holds for a message. How many copies started, and
    (kind, version, message) of what came out."""
    starts: list[int] = []
    start = LintAside.start

    def counted(pipeline: LivePipeline) -> LintAside | None:
        starts.append(1)
        return start(pipeline)

    live.LintAside.start = counted  # type: ignore[method-assign]
    live.PART_SECONDS = 0.001
    ours, theirs = Pipe()
    worker = threading.Thread(target=serve, args=(Inbox(theirs),), kwargs={"lint_aside": True}, daemon=True)
    worker.start()
    received: list[tuple[Any, ...]] = []
    for message, done in script:
        ours.send(message)
        seen = len(received)
        while len(received) == seen or not done(received[-1]):
            assert ours.poll(60), "the worker fell silent"
            received.append(ours.recv())
    received += [ours.recv() for _ in iter(lambda: ours.poll(0.3), False)]  # (anything more)
    ours.send(("stop",))
    worker.join(timeout=10)
    live.LintAside.start = start  # type: ignore[method-assign]
    return len(starts), [(m[0], m[1] if m[0] == "linted" else m[1].version, m) for m in received]


def _linted(version: int) -> Callable[[tuple[Any, ...]], bool]:
    return lambda message: message[0] == "linted" and message[1] == version


def _first_version_and_an_edit() -> tuple[int, list[tuple[Any, ...]], bool]:
    text = long_draft()
    edited = text.replace("Section 7\n", "Section seven\n")
    starts, received = _serve_and_count(
        [(("update", 1, text), _linted(1)), (("update", 2, edited), _linted(2))]
    )
    direct = LivePipeline()
    direct.parse(text, 1)
    first = [m[2][2] for m in received if m[:2] == ("linted", 1)]
    return starts, [m[:2] for m in received], _key(first[0]) == _key(direct.lint())


def test_a_long_new_draft_is_checked_aside_once_and_its_findings_sent_once() -> None:
    starts, received, same = in_fresh_process(_first_version_and_an_edit)
    assert starts == 1  # the edit after it is checked by the worker itself, as every keystroke
    assert [m for m in received if m[0] == "linted"] == [("linted", 1), ("linted", 2)]  # each once
    assert same  # what the worker itself finds


def _launch_text_then_the_window_version() -> tuple[int, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Serve the launch text alone; then the launch text and, once it is rendered, the window's
    version of it. How many copies the first started, what each sent (kind, version, findings)."""
    text = long_draft()
    complete = lambda message: message[0] == "rendered" and message[1].complete  # noqa: E731
    starts, alone = _serve_and_count([(("update", LAUNCH_VERSION, text), complete)])
    launched = (("update", LAUNCH_VERSION, text), complete)
    _, then = _serve_and_count([launched, (("update", 1, text), _linted(1))])
    return starts, [m[:2] for m in alone], [(m[0], m[1], m[2][2]) for m in then if m[0] == "linted"]


def test_the_launch_text_is_checked_aside_at_once_but_its_findings_wait_for_the_windows_version() -> None:
    starts, alone, linted = in_fresh_process(_launch_text_then_the_window_version)
    assert starts == 1 and not [m for m in alone if m[0] == "linted"]  # no window shows them
    assert [m[:2] for m in linted] == [("linted", 1)]
    fixes = {f.fix.version for f in linted[0][2] if f.fix is not None}
    assert fixes == {1}  # (the copy checked the launch text: its fixes hold for the same text)


def _settings_there_and_back() -> list[tuple[Any, ...]]:
    text = long_draft()
    narrow = LintSettings(max_line_length=30)
    script = [
        (("update", 1, text), _linted(1)),
        (("settings", narrow), _linted(1)),
        (("settings", LintSettings()), _linted(1)),  # back to the settings the copy checked with
    ]
    _, received = _serve_and_count(script)
    return [(m[0], m[1], len(m[2][2])) for m in received if m[0] == "linted"]


def test_settings_changed_and_changed_back_after_checks_aside_bring_findings_each_time() -> None:
    linted = in_fresh_process(_settings_there_and_back)
    assert [m[:2] for m in linted] == [("linted", 1)] * 3
    first, narrow, back = (m[2] for m in linted)
    assert narrow > first and back == first


def _fork_fails() -> tuple[bool, int, int]:
    pipeline = LivePipeline()
    pipeline.parse(long_draft(), 1)
    before = len(os.listdir("/proc/self/fd"))

    def no_fork() -> int:
        raise OSError(12, "Cannot allocate memory")

    os.fork = no_fork
    aside = LintAside.start(pipeline)
    return aside is None, before, len(os.listdir("/proc/self/fd"))


def test_a_fork_that_fails_leaves_the_checks_to_the_worker_and_no_pipe_open() -> None:
    none, before, after = in_fresh_process(_fork_fails)
    assert none and after == before


def _window_version_during_the_launch_parse() -> tuple[list[int], list[int]]:
    """The window's version of the launch text comes while the worker parses it: how many parts
    the worker had sent when each copy started, and the versions whose findings came."""
    text = long_draft()
    ours, theirs = Pipe()
    inbox = Inbox(theirs)
    parts_sent: list[int] = []
    starts: list[int] = []
    send, parse, start = inbox.send, LivePipeline.parse, LintAside.start

    def counting_send(message: tuple[Any, ...]) -> None:
        parts_sent.extend([1] if message[0] == "rendered" else [])
        send(message)

    def parse_as_the_window_sends(pipeline: LivePipeline, draft: str, version: int) -> Any:
        parsed = parse(pipeline, draft, version)
        if version == LAUNCH_VERSION:
            ours.send(("update", 1, draft))  # (the window's, read by the inbox meanwhile)
            assert inbox.poll(10)
        return parsed

    def counted(pipeline: LivePipeline) -> LintAside | None:
        starts.append(len(parts_sent))
        return start(pipeline)

    inbox.send = counting_send  # type: ignore[method-assign]
    LivePipeline.parse = parse_as_the_window_sends  # type: ignore[method-assign]
    live.LintAside.start = counted  # type: ignore[method-assign]
    live.PART_SECONDS = 0.001
    worker = threading.Thread(target=serve, args=(inbox,), kwargs={"lint_aside": True}, daemon=True)
    worker.start()
    ours.send(("update", LAUNCH_VERSION, text))
    linted: list[int] = []
    while not linted:
        assert ours.poll(60), "the worker fell silent"
        message = ours.recv()
        linted.extend([message[1]] if message[0] == "linted" else [])
    ours.send(("stop",))
    worker.join(timeout=10)
    return starts, linted


def test_the_window_version_of_the_launch_text_is_checked_aside_from_the_end_of_the_parse() -> None:
    starts, linted = in_fresh_process(_window_version_during_the_launch_parse)
    assert starts == [0]  # before the render's first part, not after it
    assert linted == [1]


def test_the_units_hold_every_rule_once_in_the_order_named_list_rules_one_by_one() -> None:
    units = lint_units()
    assert sorted(rule.id for unit in units for rule in unit) == sorted(rule.id for rule in RULES)
    families = [unit[0].family for unit in units]
    assert list(dict.fromkeys(families)) == list(FAMILY_ORDER)  # (a renamed family shows here)
    assert all(len({rule.family for rule in unit}) == 1 for unit in units)
    for family in FAMILY_ORDER:  # a split family a unit per rule, any other one unit
        rules = [rule for rule in RULES if rule.family == family]
        assert families.count(family) == (len(rules) if family in SPLIT_FAMILIES else 1)
    assert families.count("list-balance") > 1


def test_the_units_checked_apart_find_what_the_whole_check_finds() -> None:
    pipeline = LivePipeline()
    pipeline.parse(long_draft(), 1)
    apart = [finding for unit in lint_units() for finding in pipeline.lint(unit)]
    whole = pipeline.lint()
    assert sorted(_key(apart)) == sorted(_key(whole)) and len(whole) > 100


def _claimed_from_both_ends() -> tuple[list[int | None], list[int | None]]:
    claims = Claims(5)
    pid = os.fork()
    if pid == 0:
        claims.front(), claims.front()  # the copy's two, seen by the worker
        os._exit(0)
    os.waitpid(pid, 0)
    return [claims.back(), claims.back(), claims.back(), claims.back()], [claims.front()]


def test_claims_give_each_unit_once_from_either_end_across_a_fork() -> None:
    back, front = in_fresh_process(_claimed_from_both_ends)
    assert back == [4, 3, 2, None] and front == [None]


def _worker_helps_a_slow_copy() -> tuple[int, bool, list[int]]:
    """The copy is held back before it takes a unit: the worker, done rendering, takes them."""
    text = long_draft()
    worker_pid = os.getpid()
    taken: list[int] = []
    front, back = Claims.front, Claims.back

    def slow_front(claims: Claims) -> int | None:
        if os.getpid() != worker_pid:
            time.sleep(3)
        return front(claims)

    def counted_back(claims: Claims) -> int | None:
        unit = back(claims)
        taken.extend([] if unit is None else [unit])
        return unit

    Claims.front = slow_front  # type: ignore[method-assign]
    Claims.back = counted_back  # type: ignore[method-assign]
    _, received = _serve_and_count([(("update", 1, text), _linted(1))])
    direct = LivePipeline()
    direct.parse(text, 1)
    linted = [m[2][2] for m in received if m[:2] == ("linted", 1)]
    return len(linted), _key(linted[0]) == _key(direct.lint()), taken


def test_the_worker_takes_units_the_copy_has_not_taken_and_sends_all_findings_once() -> None:
    sent, same, taken = in_fresh_process(_worker_helps_a_slow_copy)
    assert taken == list(reversed(range(len(lint_units()))))  # from the back, while the copy was held
    assert sent == 1 and same


def _an_edit_while_the_worker_takes_its_share() -> tuple[int, int, list[int], bool]:
    """The copy is held back; the worker, its render done, checks its share a rule at a time
    (each slowed down); the writer's edit comes meanwhile."""
    text = long_draft()
    edited = text.replace("Section 7\n", "Section seven\n")
    worker_pid = os.getpid()
    front, lint = Claims.front, LivePipeline.lint
    checked: list[int] = []

    def slow_front(claims: Claims) -> int | None:
        if os.getpid() != worker_pid:
            time.sleep(5)
        return front(claims)

    def slow_lint(
        pipeline: LivePipeline, rules: Any = None, settings: Any = None, *, same_run: bool = False
    ) -> Any:
        if rules is not None and os.getpid() == worker_pid:
            checked.append(len(rules))
            time.sleep(0.2)
        return lint(pipeline, rules, settings, same_run=same_run)

    Claims.front = slow_front  # type: ignore[method-assign]
    LivePipeline.lint = slow_lint  # type: ignore[method-assign]
    complete = lambda message: message[0] == "rendered" and message[1].complete  # noqa: E731
    _, received = _serve_and_count([(("update", 1, text), complete), (("update", 2, edited), _linted(2))])
    direct = LivePipeline()
    direct.parse(edited, 2)
    linted = [m[2][2] for m in received if m[:2] == ("linted", 2)]
    share = len(RULES)  # (every rule, the copy being held)
    return (
        len(checked),
        share,
        [m[1] for m in received if m[0] == "linted"],
        _key(linted[0]) == _key(lint(direct)),
    )


def test_an_edit_stops_the_worker_taking_its_share_between_two_rules() -> None:
    checked, share, linted, same = in_fresh_process(_an_edit_while_the_worker_takes_its_share)
    assert 0 < checked < share  # it began its share, and left it for the edit
    assert linted == [2] and same  # the first version's findings never come; the edit's do, whole


def test_new_settings_stop_checks_aside_made_with_other_settings() -> None:
    stopped: list[LintSettings] = []

    class Aside:  # (a stand-in: the copy checking with the settings it was forked with)
        settings = LintSettings()

        def stop(self) -> None:
            stopped.append(self.settings)

    loop = live._Loop(Inbox(Pipe()[1]), live.Role(), None, lint_aside=True)
    loop.aside = Aside()  # type: ignore[assignment]
    loop._set(LintSettings())  # the same settings again: the copy goes on
    assert loop.aside is not None and not stopped
    loop._set(LintSettings(max_line_length=60))  # the window's own: its findings would not do
    assert loop.aside is None and stopped == [LintSettings()]
