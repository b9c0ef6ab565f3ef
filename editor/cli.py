"""The command line: open the window, or ``lint`` and ``export`` drafts headless."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from editor import __version__
from editor.core.config import ConfigError
from editor.core.files import Draft, DraftError, read_draft

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


class Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_HelpFormatter, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _window_parser() -> argparse.ArgumentParser:
    parser = Parser(
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


def _export_parser() -> argparse.ArgumentParser:
    from editor.core.export import FORMATS  # export pulls in the renderer: not needed to lint

    parser = Parser(
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
            from editor.lint_cli import lint_parser, run_lint  # the checks are imported only to check

            return _flushed(run_lint(lint_parser().parse_args(args[1:]), sys.stdout))
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
    """Open the editor window (imports Qt only here).

    The draft is read first, once; a long one's worker process starts then, so that it
    imports the parser and parses the draft while the window's own imports run.
    """
    from editor.core.worker_process import worker_for_launch  # (multiprocessing: not for lint or export)

    draft = read_at_launch(args.file)
    early = worker_for_launch(draft.text) if draft is not None else None
    from editor.ui.app import run

    return run(args.file, draft=draft, worker_process=early)


def read_at_launch(path: Path | None) -> Draft | None:
    """The draft at *path*, or None if there is none or it cannot be read (the window then
    tries again and says plainly what is wrong)."""
    if path is None:
        return None
    try:
        return read_draft(path)
    except (DraftError, OSError):
        return None


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
