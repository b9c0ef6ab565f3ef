"""Issue Drafter beside ReText and ghostwriter, measured the same way: ../shared/bench/peer_bench.py.

Usage: python -m tests.benchmarks.peers [--sizes 100KB,1MB] [--runs 2] [--editors ours,retext,ghostwriter]
       [--json out.json] [--shots DIR]

Needs Xvfb, xdotool and ImageMagick (``apt-get install xvfb xdotool imagemagick``); ReText and
ghostwriter from Debian (``apt-get install retext ghostwriter``). Starts its own Xvfb display. Each
run of Issue Drafter gets empty settings and recovery folders, so no restore dialog from an earlier
(killed) run can take the typed keys. Prints one line per run and a Markdown table of medians.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.drafts import SIZES, write_draft

PEER_BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "peer_bench.py"
OURS = f"{Path(sys.executable).parent / 'issue-drafter'} {{file}}"
EDITORS = {
    "ours": OURS,
    "retext": "retext {file}@@ctrl+l",  # ctrl+l turns ReText's live preview on
    "ghostwriter": "ghostwriter {file}",
}
COLUMNS = ("start_s", "settle_s", "cpu_per_key_ms", "lag_s", "rss_mb")


@contextmanager
def xvfb(display: str = ":97") -> Iterator[str]:
    """A virtual screen for the run."""
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1000x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    try:
        yield display
    finally:
        server.kill()
        server.wait()


def bench_one(editor: str, draft: Path, display: str, shots: Path | None) -> dict[str, object]:
    """One peer_bench run of *editor* on *draft*, in fresh settings and state folders."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ, DISPLAY=display, XDG_CONFIG_HOME=f"{home}/config", XDG_STATE_HOME=f"{home}/state"
        )
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
        env.pop("QT_QUICK_BACKEND", None)  # every editor with its own default
        if shots is not None:
            env["PEER_BENCH_SHOTS"] = str(shots)
        spec = f"{editor}={EDITORS[editor]}"
        out = subprocess.run(
            [sys.executable, str(PEER_BENCH), str(draft), spec],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"name": editor, "error": out.stderr.strip()[-300:] or "no output"}
    result: dict[str, object] = ast.literal_eval(lines[-1])
    result["load"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    result["time"] = time.strftime("%H:%M UTC", time.gmtime())
    return result


def medians(runs: Sequence[dict[str, object]]) -> dict[str, float]:
    """The median of each column over the runs that worked."""
    good = [run for run in runs if "error" not in run]
    return {column: statistics.median(float(str(run[column])) for run in good) for column in COLUMNS if good}


def table(rows: dict[tuple[str, str], dict[str, float]]) -> str:
    """A Markdown table: one row per draft size and editor."""
    lines = ["| draft | editor | " + " | ".join(COLUMNS) + " |", "|---|---|" + "---|" * len(COLUMNS)]
    for (size, editor), row in rows.items():
        cells = " | ".join(f"{row[column]:g}" if column in row else "–" for column in COLUMNS)
        lines.append(f"| {size} | {editor} | {cells} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100KB,1MB")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--editors", default=",".join(EDITORS))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--shots", type=Path, help="save a screenshot of each editor after typing")
    args = parser.parse_args(argv)
    missing = [tool for tool in ("Xvfb", "xdotool", "import") if shutil.which(tool) is None]
    if missing or not PEER_BENCH.exists():
        print(f"needs {', '.join(missing) or PEER_BENCH}", file=sys.stderr)
        return 2
    results: dict[tuple[str, str], list[dict[str, object]]] = {}
    with tempfile.TemporaryDirectory() as folder, xvfb() as display:
        for size in args.sizes.split(","):
            draft = write_draft(SIZES[size], Path(folder))
            for _ in range(args.runs):
                for editor in args.editors.split(","):
                    run = bench_one(editor, draft, display, args.shots)
                    print(size, run, flush=True)
                    results.setdefault((size, editor), []).append(run)
    print(table({key: medians(runs) for key, runs in results.items()}))
    if args.json:
        flat = {f"{size} {editor}": runs for (size, editor), runs in results.items()}
        args.json.write_text(json.dumps(flat, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
