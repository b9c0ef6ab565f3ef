"""Compare ``overlong-line`` with markdownlint-cli2's MD013 over a corpus (run by hand, needs Node).

Setup once: ``cd /tmp && npm install markdownlint-cli2``. Then, from the project root::

    .venv/bin/python tests/benchmarks/compare_markdownlint.py [--limit 100] [--show] [FILE ...]

MD013 runs with the limit given, code blocks, tables and headings off (our
``overlong-code-line`` and ``overlong-heading`` cover those). The script prints
how many lines each tool flags, the agreement (lines both flag over lines either
flags) and every line only one of them flags, with the reason it found.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.files import read_draft
from editor.core.lint import LintContext, lint
from editor.core.lint.breaks import body_start, break_points, overflow_column, start_columns
from editor.core.lint.line_layout import layout
from editor.core.lint.width import display_width
from editor.core.markdown import MarkdownParser

CORPUS = Path("/work/shared/corpus/twir")
CANDIDATES = ("markdownlint-cli2", "/tmp/node_modules/.bin/markdownlint-cli2")
_RESULT = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)? .*MD013")

Key = tuple[str, int]
NOT_PROSE = "not prose for our parser (HTML block or comment: skipped by design)"


def markdownlint_lines(files: list[Path], limit: int, binary: str) -> set[Key]:
    """The (file, 1-based line) pairs MD013 flags."""
    config = {
        "config": {
            "default": False,
            "MD013": {"line_length": limit, "code_blocks": False, "tables": False, "headings": False},
        }
    }
    with tempfile.TemporaryDirectory() as folder:
        config_path = Path(folder) / ".markdownlint-cli2.jsonc"
        config_path.write_text(json.dumps(config), encoding="utf-8")
        args = [binary, "--config", str(config_path), *(str(f.resolve()) for f in files)]
        done = subprocess.run(args, capture_output=True, text=True, cwd=folder, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"markdownlint-cli2 failed: {done.stderr.strip()[:500]}")
    found: set[Key] = set()
    for row in done.stderr.splitlines() + done.stdout.splitlines():
        match = _RESULT.match(row)
        if match:
            path = (Path(folder) / match.group("path")).resolve()
            found.add((path.name, int(match.group("line"))))
    return found


def our_lines(files: list[Path], limit: int) -> set[Key]:
    """The (file, 1-based line) pairs ``overlong-line`` flags."""
    settings = LintSettings(max_line_length=limit)
    found: set[Key] = set()
    for path in files:
        document = Document(read_draft(path).text)
        for finding in lint(document, settings):
            if finding.rule == "overlong-line":
                found.add((path.name, finding.line))
    return found


def reason(path: Path, line: int, limit: int, ours: bool) -> str:
    """Why the two tools disagree about one line, in a few words."""
    document = Document(read_draft(path).text)
    text = document.lines[line - 1]
    parsed = MarkdownParser().parse(document)
    context = LintContext(document, parsed, replace(LintSettings(), max_line_length=limit))
    blocks = [b for b in layout(context).text_blocks if b.start <= line - 1 < b.end]
    utf16 = len(text.encode("utf-16-le")) // 2
    if not blocks:
        return NOT_PROSE
    if blocks[0].kind == "heading":
        return "a heading"
    link_only, comment_only = blocks[0].link_and_comment_lines()
    if line - 1 in link_only:
        return "link-only line (our tokens)"
    if line - 1 in comment_only:
        return "HTML comment inside a paragraph"
    if display_width(text) != utf16:
        return f"display width {display_width(text)} vs {utf16} UTF-16 units (wide, emoji or combining)"
    if ours:
        block = blocks[0]
        emphasis = any("*" in c or "_" in c for c in block.contents)
        return (
            "MD013 sees only links: its link-only test ignores text inside emphasis" if emphasis else "other"
        )
    return _tolerated_why(text, limit, body_start(text, blocks[0].contents[line - 1 - blocks[0].start]))


def _tolerated_why(text: str, limit: int, start: int) -> str:
    """Which of our tolerances spares a line MD013 reports."""
    stripped = text.rstrip(" \t")
    if stripped != text and overflow_column(stripped, limit, start) is None:
        return "trailing whitespace, which MD013 counts as text past the limit"
    columns = start_columns(stripped)
    points = break_points(stripped, start, limit)
    past = [p for p in points if columns[p[1]] >= limit]
    if len(past) == 1 and points and columns[points[0][0]] > limit:
        return "one word after a link that crosses the limit: wrapping cannot make it fit"
    if not past:
        return "the overflow is inside one link (text no wider than the limit): links stay whole"
    return "other"


def main(argv: list[str] | None = None) -> int:
    """Run both tools and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--show", action="store_true", help="print each differing line")
    args = parser.parse_args(argv)
    files = args.files or sorted(CORPUS.glob("*.md"))
    binary = next((c for c in CANDIDATES if shutil.which(c) or Path(c).exists()), None)
    if binary is None:
        sys.exit("markdownlint-cli2 not found: cd /tmp && npm install markdownlint-cli2")
    theirs = markdownlint_lines(files, args.limit, binary)
    ours = our_lines(files, args.limit)
    both, union = ours & theirs, ours | theirs
    agreement = len(both) / len(union) if union else 1.0
    print(f"files: {len(files)}  markdownlint MD013: {len(theirs)}  overlong-line: {len(ours)}")
    print(f"both: {len(both)}  only ours: {len(ours - theirs)}  only markdownlint: {len(theirs - ours)}")
    print(f"agreement (both / either): {agreement:.2%}")
    by_path = {path.name: path for path in files}
    reasons: Counter[str] = Counter()
    not_prose = 0
    for key in sorted(union - both):
        name, line = key
        why = reason(by_path[name], line, args.limit, key in ours)
        not_prose += why == NOT_PROSE
        who = "only ours" if key in ours else "only markdownlint"
        reasons[f"{who}: {why}"] += 1
        if args.show:
            text = read_draft(by_path[name]).text.split("\n")[line - 1]
            print(f"{who:18} {name}:{line}: {why}\n    {text[:160]}")
    for why, count in reasons.most_common():
        print(f"{count:5}  {why}")
    in_scope = len(union) - not_prose
    print(f"agreement on lines both tools treat as prose: {len(both) / in_scope if in_scope else 1:.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
