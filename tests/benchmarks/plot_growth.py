"""Plot how each cost grows with draft size, from run_benchmarks.py's JSON (needs only matplotlib).

Usage: python tests/benchmarks/plot_growth.py results.json docs/perf-growth.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SIZES_KB = {"10KB": 10, "100KB": 100, "1MB": 1000, "10MB": 10000}


def plot(results: dict[str, object], path: Path) -> None:
    """Log-log lines, one per measured cost."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows: dict[str, dict[str, float]] = results["rows"]  # type: ignore[assignment]
    machine: dict[str, str] = results["machine"]  # type: ignore[assignment]
    sizes = [SIZES_KB[name] for name in rows]
    columns = list(next(iter(rows.values())))
    figure, axes = plt.subplots(figsize=(7.5, 4.5), dpi=110)
    for column in columns:
        style = "--" if column.startswith("full") else "-"
        axes.plot(sizes, [row[column] for row in rows.values()], style, marker="o", label=column)
    axes.set(xscale="log", yscale="log", xlabel="draft size (KB)", ylabel="milliseconds (median)")
    axes.set_title(
        f"Issue Drafter: cost by draft size ({machine['date']}, load {machine['load']})", fontsize=9
    )
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path)


if __name__ == "__main__":
    plot(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), Path(sys.argv[2]))
