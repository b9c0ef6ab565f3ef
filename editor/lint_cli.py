"""``issue-drafter lint``: check drafts headless, print the findings, apply the safe fixes.

Imported by the command line only for this command: the window does not wait for the checks' imports.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, replace
from pathlib import Path
from typing import TextIO

from editor.cli import PROG, Parser, UsageError
from editor.core.config import ConfigError, LintSettings, load_settings
from editor.core.document import Document
from editor.core.files import Draft, read_draft, save_draft
from editor.core.lint import RULES, Finding, apply_fixes, lint, lint_parsed
from editor.core.markdown import MarkdownParser, prepare_parsing_process, skip_parser_debug_logging


def lint_parser() -> argparse.ArgumentParser:
    rules = ", ".join(rule.id for rule in RULES)
    parser = Parser(
        prog=f"{PROG} lint",
        description="Check drafts for repeated paragraphs, overlong lines and unbalanced "
        "bullet lists. Exit status: 0 nothing found, 1 findings reported, 2 usage or input error.",
        epilog=f"Rules: {rules}. Settings are read from the nearest .issue-drafter.toml.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="drafts to check")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--max-line-length",
        type=int,
        metavar="N",
        help="prose line limit in display columns (default: 100, or max-line-length from the config file)",
    )
    parser.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="turn a rule off (repeatable)"
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply every safe fix in place, report each change on standard error, then list what is left",
    )
    return parser


def _check_args(args: argparse.Namespace) -> None:
    """Refuse unknown rules and a line limit of zero or less (once, for every file)."""
    known = {rule.id for rule in RULES}
    unknown = [rule for rule in args.disable if rule not in known]
    if unknown:
        raise UsageError(f"unknown rule '{unknown[0]}' (known rules: {', '.join(sorted(known))})")
    if args.max_line_length is not None and args.max_line_length <= 0:
        raise UsageError("--max-line-length must be greater than zero")


def _settings_for(path: Path, args: argparse.Namespace) -> LintSettings:
    loaded = load_settings(path)
    settings = loaded.lint
    unknown = sorted(settings.disable - {rule.id for rule in RULES})
    if unknown:
        raise ConfigError(f"unknown rule '{unknown[0]}' in 'disable' of {loaded.source}")
    if args.max_line_length is not None:
        settings = replace(settings, max_line_length=args.max_line_length)
    return replace(settings, disable=settings.disable | frozenset(args.disable))


def run_lint(args: argparse.Namespace, out: TextIO) -> int:
    """Check each file; print findings; apply fixes with --fix."""
    _check_args(args)
    fixes = args.format == "json"  # the JSON report says which findings are fixable; the text one does not
    found: dict[int, list[Finding]] = {}
    jobs: dict[int, tuple[str, str, LintSettings, bool]] = {}
    drafts = [read_draft(path) for path in args.files]  # all read before any is fixed: one missing stops all
    for index, (path, draft) in enumerate(zip(args.files, drafts, strict=True)):
        settings = _settings_for(path, args)
        if args.fix:
            draft, last = _fix_file(path, draft, settings)
            if last is not None:  # the last round found what is left: no need to check again
                found[index] = last
                continue
        jobs[index] = (str(path), draft.text, settings, fixes)
    skip_parser_debug_logging()
    found.update(zip(jobs, _lint_all(list(jobs.values())), strict=True))
    results = [(path, finding) for index, path in enumerate(args.files) for finding in found[index]]
    _print_findings(results, args.format, out)
    return 1 if results else 0


_PARALLEL_FROM = 4  # below this many files a process pool costs more than it saves


def _lint_all(jobs: list[tuple[str, str, LintSettings, bool]]) -> list[list[Finding]]:
    """Lint each (path, text, settings, fixes); many files are spread over the machine's cores."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2 or len(jobs) < _PARALLEL_FROM:
        return [_lint_text(*job) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda index: -len(jobs[index][1]))  # largest first: even finish
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_prepare_lint_worker) as pool:
            done = list(pool.map(_lint_text, *zip(*(jobs[index] for index in order), strict=True)))
    except (OSError, BrokenProcessPool):  # no process support here: do it in this process
        return [_lint_text(*job) for job in jobs]
    results: list[list[Finding]] = [[] for _ in jobs]
    for index, findings in zip(order, done, strict=True):
        results[index] = findings
    return results


def _prepare_lint_worker() -> None:
    """A lint worker parses and checks; what it started with (the loaded modules) is frozen,
    so no collection scans it again."""
    prepare_parsing_process()
    gc.freeze()


def _lint_text(path: str, text: str, settings: LintSettings, fixes: bool) -> list[Finding]:
    """The findings of one draft, parsed in one pass (the command line never edits it)."""
    document = Document(text, path=path)
    return lint_parsed(MarkdownParser().parse_deferring_inline(document), settings, fixes=fixes)


def _fix_file(
    path: Path, draft: Draft, settings: LintSettings, rounds: int = 5
) -> tuple[Draft, list[Finding] | None]:
    """Apply safe fixes until none apply (fixes can reveal or overlap others); the draft, and
    the findings left if a round found nothing more to fix (None if the rounds ran out)."""
    text = draft.text
    changed: list[Finding] = []
    left: list[Finding] | None = None
    for _ in range(rounds):
        document = Document(text)
        findings = lint(document, settings)
        text, applied = apply_fixes(document, findings)
        if not applied:
            left = findings
            break
        changed.extend(applied)
    if changed:
        save_draft(path, text, draft.format, expected=draft.fingerprint)
        for finding in changed:
            fix_text = finding.fix.description if finding.fix else finding.rule
            print(f"{path}:{finding.line}: fixed {finding.rule}: {fix_text}", file=sys.stderr)
    return replace(draft, text=text), left


def _print_findings(results: list[tuple[Path, Finding]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        payload = [_finding_json(path, finding) for path, finding in results]
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    for path, f in results:
        out.write(f"{path}:{f.line}:{f.column}: {f.rule} {f.message}\n")


def _finding_json(path: Path, finding: Finding) -> dict[str, object]:
    data = asdict(finding)
    data.pop("fix")
    data["related"] = list(finding.related)
    data["fixable"] = finding.fix is not None
    return {"path": str(path), **data}
