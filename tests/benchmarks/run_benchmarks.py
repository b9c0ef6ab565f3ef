"""Print a table of full and per-keystroke costs by draft size (and save them as JSON).

Usage: python -m tests.benchmarks.run_benchmarks [--sizes 10KB,100KB,1MB,10MB] [--keys 20]
       [--json out.json] [--cli] [--cli-only]     (plot the JSON with plot_growth.py)
The machine is shared: every table carries the load average it was measured under.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks.drafts import CORPUS, SIZES, draft
from tests.benchmarks.workloads import Pipeline, Typist, timed

COLUMNS = ("full render", "full lint", "key render end", "key lint end", "key render mid", "key lint mid")


def measure_size(size: int, keys: int) -> dict[str, float]:
    """Milliseconds (medians) for one draft size."""
    text = draft(size)
    rounds = 1 if size >= 10_000_000 else 3
    row = {"full render": _median([timed(lambda: Pipeline().render(text)) for _ in range(rounds)])}
    pipeline = Pipeline()
    parsed = pipeline.render(text)
    row["full lint"] = _median([timed(lambda: pipeline.lint_cold(parsed)) for _ in range(rounds)])
    for where, label in (("end", "end"), ("middle", "mid")):
        render_times, lint_times = _keystrokes(text, where, keys if size < 10_000_000 else min(keys, 3))
        row[f"key render {label}"] = _median(render_times)
        row[f"key lint {label}"] = _median(lint_times)
    return row


def _keystrokes(text: str, where: str, keys: int) -> tuple[list[float], list[float]]:
    pipeline, typist = Pipeline(), Typist(text, where)
    pipeline.lint(pipeline.render(typist.text))
    render_times, lint_times = [], []
    for _ in range(keys):
        new_text = typist.next()
        start = time.perf_counter()
        parsed = pipeline.render(new_text)
        middle = time.perf_counter()
        pipeline.lint(parsed)
        render_times.append(middle - start)
        lint_times.append(time.perf_counter() - middle)
    return render_times, lint_times


def _median(values: Sequence[float]) -> float:
    return round(statistics.median(values) * 1000, 2)


def cli_lint_seconds(repeat: int = 3) -> float:
    """Wall time of ``issue-drafter lint`` over the corpus (median of *repeat* runs)."""
    files = sorted(str(path) for path in CORPUS.glob("*.md"))
    command = [sys.executable, "-m", "editor", "lint", *files]
    times = [timed(lambda: subprocess.run(command, capture_output=True, check=False)) for _ in range(repeat)]
    return round(statistics.median(times), 3)


def cli_comparison(repeat: int = 5) -> dict[str, object]:
    """``issue-drafter lint`` and markdownlint-cli2 over the corpus, taking turns (see cli_lint.py)."""
    from tests.benchmarks import cli_lint

    result = cli_lint.measure(repeat)
    print(cli_lint.report(result))
    return result


def machine() -> dict[str, str]:
    """Where and when: CPU count, Python, date, load average."""
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return {"date": date, "load": load, "cpus": str(os.cpu_count()), "python": platform.python_version()}


def table(rows: dict[str, dict[str, float]]) -> str:
    """A Markdown table: one row per size, milliseconds."""
    lines = ["| draft | " + " | ".join(f"{c} (ms)" for c in COLUMNS) + " |"]
    lines.append("|---" * (len(COLUMNS) + 1) + "|")
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(f"{row[c]:.1f}" for c in COLUMNS) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--cli", action="store_true", help="also time `issue-drafter lint` over the corpus")
    parser.add_argument(
        "--cli-only", action="store_true", help="only `issue-drafter lint` beside markdownlint-cli2"
    )
    args = parser.parse_args(argv)
    if args.cli_only:
        result = cli_comparison()
        if args.json:
            args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
        return 0
    where = machine()
    rows = {name: measure_size(SIZES[name], args.keys) for name in args.sizes.split(",")}
    where["load after"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"{where['date']}, {where['cpus']} CPUs, Python {where['python']}, load {where['load']}")
    print(table(rows))
    result: dict[str, object] = {"machine": where, "rows": rows}
    if args.cli:
        result["cli_lint_s"] = cli_lint_seconds()
        print(f"issue-drafter lint over the corpus: {result['cli_lint_s']} s")
        result["cli_comparison"] = cli_comparison()
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
