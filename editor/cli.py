"""The command line: open the window, or ``lint`` and ``export`` drafts headless."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, NoReturn, TextIO

from editor import __version__
from editor.core.config import ConfigError, LintSettings, load_settings
from editor.core.document import Document
from editor.core.files import Draft, DraftError, read_draft, save_draft
from editor.core.lint import RULES, Finding, apply_fixes, lint, lint_parsed
from editor.core.markdown import MarkdownParser, prepare_parsing_process, skip_parser_debug_logging

PROG = "issue-drafter"


class UsageError(Exception):
    """Wrong words on the command line; reported as one line, exit code 2."""


class _HelpFormatter(argparse.HelpFormatter):
    """Wrap help text without breaking file names and rule ids at their hyphens."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )


class _Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_HelpFormatter, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _window_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        usage="%(prog)s [-h] [--version] [FILE]\n"
        "       %(prog)s lint [--format text|json] [--max-line-length N] [--disable RULE]... [--fix] "
        "FILE...\n"
        "       %(prog)s export FILE --to html|email-html|markdown [-o OUT]",
        description="Draft newsletter issues, release notes and announcements in Markdown, "
        "with a live preview and warnings about repeated paragraphs, overlong lines and "
        "unbalanced bullet lists.",
        epilog="Without a sub-command, opens the window. 'lint' checks drafts and 'export' converts one, "
        "headless: see 'issue-drafter lint --help' and 'issue-drafter export --help'.",
    )
    parser.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="the Markdown draft to open in the window"
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _lint_parser() -> argparse.ArgumentParser:
    rules = ", ".join(rule.id for rule in RULES)
    parser = _Parser(
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


def _export_parser() -> argparse.ArgumentParser:
    from editor.core.export import FORMATS  # export pulls in the renderer: not needed to lint

    parser = _Parser(
        prog=f"{PROG} export",
        description="Export a draft as a standalone HTML page, email-safe HTML (styles inlined) "
        "or Markdown (the file's bytes unchanged).",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the draft to export")
    parser.add_argument("--to", required=True, choices=FORMATS, help="the output format")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write here instead of to standard output"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "lint":
            return _flushed(run_lint(_lint_parser().parse_args(args[1:]), sys.stdout))
        if args and args[0] == "export":
            return _flushed(run_export(_export_parser().parse_args(args[1:])))
        return run_window(_window_parser().parse_args(args))
    except (UsageError, DraftError, ConfigError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # standard output is full, closed or gone
        _discard_stdout()
        print(f"{PROG}: error: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError):
        print(f"{PROG}: error: the draft is too large or too deeply nested to process", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit as done:  # argparse's --help and --version
        return done.code if isinstance(done.code, int) else 0


def _flushed(status: int) -> int:
    """Flush standard output here, so that a full disk or a closed pipe is reported, not ignored."""
    sys.stdout.flush()
    return status


def _discard_stdout() -> None:
    """After a write error, send what is still buffered nowhere, so exiting does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run_window(args: argparse.Namespace) -> int:
    """Open the editor window (imports Qt only here)."""
    from editor.ui.app import run

    return run(args.file)


def run_export(args: argparse.Namespace) -> int:
    """Export one draft to stdout or a file."""
    if args.to == "markdown":
        _ensure_readable(args.file)
        data = args.file.read_bytes()
        _write_output(args.output, data)
        return 0
    from editor.core.export import export_text

    draft = read_draft(args.file)
    output = export_text(draft.text, args.to, fallback_title=args.file.stem)
    _write_output(args.output, output.encode("utf-8"))
    return 0


def _ensure_readable(path: Path) -> None:
    read_draft(path)


def _write_output(output: Path | None, data: bytes) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise DraftError(f"cannot write {output}: {error.strerror or error}") from None


def _settings_for(path: Path, args: argparse.Namespace) -> LintSettings:
    loaded = load_settings(path)
    settings = loaded.lint
    known = {rule.id for rule in RULES}
    unknown = [rule for rule in args.disable if rule not in known]
    if unknown:
        raise UsageError(f"unknown rule '{unknown[0]}' (known rules: {', '.join(sorted(known))})")
    unknown = sorted(settings.disable - known)
    if unknown:
        raise ConfigError(f"unknown rule '{unknown[0]}' in 'disable' of {loaded.source}")
    if args.max_line_length is not None:
        if args.max_line_length <= 0:
            raise UsageError("--max-line-length must be greater than zero")
        settings = replace(settings, max_line_length=args.max_line_length)
    return replace(settings, disable=settings.disable | frozenset(args.disable))


def run_lint(args: argparse.Namespace, out: TextIO) -> int:
    """Check each file; print findings; apply fixes with --fix."""
    jobs: list[tuple[str, str, LintSettings, bool]] = []
    fixes = args.format == "json"  # the JSON report says which findings are fixable; the text one does not
    for path, draft in [(path, read_draft(path)) for path in args.files]:
        settings = _settings_for(path, args)
        if args.fix:
            draft = _fix_file(path, draft, settings)
        jobs.append((str(path), draft.text, settings, fixes))
    skip_parser_debug_logging()
    results: list[tuple[Path, Finding]] = []
    for path, findings in zip(args.files, _lint_all(jobs), strict=True):
        results.extend((path, finding) for finding in findings)
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


def _fix_file(path: Path, draft: Draft, settings: LintSettings, rounds: int = 5) -> Draft:
    """Apply safe fixes until none apply (fixes can reveal or overlap others)."""
    text = draft.text
    changed: list[Finding] = []
    for _ in range(rounds):
        findings = lint(Document(text), settings)
        text, applied = apply_fixes(Document(text), findings)
        if not applied:
            break
        changed.extend(applied)
    if changed:
        save_draft(path, text, draft.format, expected=draft.fingerprint)
        for finding in changed:
            fix_text = finding.fix.description if finding.fix else finding.rule
            print(f"{path}:{finding.line}: fixed {finding.rule}: {fix_text}", file=sys.stderr)
    return replace(draft, text=text)


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
