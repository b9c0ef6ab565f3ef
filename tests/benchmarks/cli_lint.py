"""Time ``issue-drafter lint`` over the corpus beside markdownlint-cli2 on the same files.

Usage: python -m tests.benchmarks.cli_lint [--runs 5]
The two commands take turns, so both see the same load; each run reports its wall time
and the CPU time of its whole process tree (the lint workers included). Issue 6's goal:
ours at most a third of markdownlint-cli2's wall time. markdownlint-cli2 is looked up on
PATH, then in /tmp/node_modules (``cd /tmp && npm install markdownlint-cli2``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from tests.benchmarks.drafts import CORPUS

MARKDOWNLINT = ("markdownlint-cli2", "/tmp/node_modules/.bin/markdownlint-cli2")


@dataclass(frozen=True)
class Timing:
    """Medians and minimums of several runs, in seconds."""

    wall: float
    wall_min: float
    cpu: float
    cpu_min: float
    runs: int


def corpus_files() -> list[str]:
    return sorted(str(path) for path in CORPUS.glob("*.md"))


def ours(files: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "editor", "lint", *files]


def markdownlint(files: Sequence[str]) -> list[str] | None:
    found = next((path for path in map(shutil.which, MARKDOWNLINT) if path), None)
    return None if found is None else [found, *files]


def run_once(command: Sequence[str]) -> tuple[float, float]:
    """(wall, CPU of the process tree) of one run; findings go nowhere."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=CORPUS)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def compare(commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
    """Each command *runs* times, taking turns."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run_once(command))
    return {name: _timing(values) for name, values in samples.items()}


def _timing(values: list[tuple[float, float]]) -> Timing:
    walls = [wall for wall, _ in values]
    cpus = [cpu for _, cpu in values]
    return Timing(
        round(statistics.median(walls), 3),
        round(min(walls), 3),
        round(statistics.median(cpus), 3),
        round(min(cpus), 3),
        len(values),
    )


def measure(runs: int = 5) -> dict[str, object]:
    """Timings of ours and (when installed) markdownlint-cli2, with the time and load around them."""
    files = corpus_files()
    commands = {"issue-drafter lint": ours(files)}
    theirs = markdownlint(files)
    if theirs is not None:
        commands["markdownlint-cli2"] = theirs
    load_before = os.getloadavg()
    timings = compare(commands, runs)
    result: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "files": len(files),
        "load": " ".join(f"{value:.2f}" for value in (*load_before[:1], *os.getloadavg()[:1])),
        **{name: timing.__dict__ for name, timing in timings.items()},
    }
    if theirs is not None:
        result["ratio"] = round(timings["issue-drafter lint"].wall / timings["markdownlint-cli2"].wall, 3)
    return result


def report(result: dict[str, object]) -> str:
    lines = [f"{result['date']}, {result['files']} files, load before/after {result['load']}"]
    for name in ("issue-drafter lint", "markdownlint-cli2"):
        timing = result.get(name)
        if isinstance(timing, dict):
            lines.append(
                f"{name}: wall {timing['wall']} s (min {timing['wall_min']}), "
                f"CPU {timing['cpu']} s (min {timing['cpu_min']}), {timing['runs']} runs"
            )
    if "ratio" in result:
        lines.append(f"ours / markdownlint-cli2 (median wall): {result['ratio']} (goal: at most 0.333)")
    else:
        lines.append("markdownlint-cli2 not found: cd /tmp && npm install markdownlint-cli2")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(report(measure(args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
