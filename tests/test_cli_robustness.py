"""The command line on hostile input: exit status 2 and one plain line on stderr, never a traceback."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main

PREFIX = "issue-drafter: error: "


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _assert_one_line_error(status: int, err: str, *words: str) -> None:
    assert status == 2
    assert err.startswith(PREFIX) and err.count("\n") == 1, err
    assert "Traceback" not in err and "Errno" not in err
    for word in words:
        assert word in err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {
        "ok": tmp_path / "ok.md",
        "binary": tmp_path / "logo.png",
        "folder": tmp_path / "folder.md",
        "fifo": tmp_path / "pipe.md",
        "bad-utf16": tmp_path / "bad16.md",
        "config": tmp_path / "conf" / "draft.md",
    }
    made["ok"].write_text("# Weekly\n\nText.\n")
    made["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    made["folder"].mkdir()
    os.mkfifo(made["fifo"])
    made["bad-utf16"].write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate
    made["config"].parent.mkdir()
    made["config"].write_text("text\n")
    (made["config"].parent / ".issue-drafter.toml").write_text("[lint]\nmax_line_lenght = 3\n")
    return made


@pytest.mark.parametrize("command", ["lint", "export"])
@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("missing", ["does not exist"]),
        ("binary", ["binary file"]),
        ("folder", ["folder"]),
        ("fifo", ["not a regular file"]),
        ("bad-utf16", ["not valid Unicode"]),
    ],
)
def test_unreadable_drafts(
    command: str,
    name: str,
    words: list[str],
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = files.get(name, tmp_path / "missing.md")
    args = [command, str(path)] + (["--to", "html"] if command == "export" else [])
    status, out, err = _run(args, capsys)
    _assert_one_line_error(status, err, *words)
    assert out == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["lint"], ["required"]),
        (["lint", "--format", "xml", "{ok}"], ["invalid choice"]),
        (["lint", "--max-line-length", "many", "{ok}"], ["invalid int"]),
        (["lint", "--max-line-length", "0", "{ok}"], ["greater than zero"]),
        (["lint", "--disable", "no-such-rule", "{ok}"], ["unknown rule"]),
        (["lint", "{config}"], ["max_line_lenght"]),
        (["export", "{ok}"], ["--to"]),
        (["export", "{ok}", "--to", "pdf"], ["invalid choice"]),
        (["export", "{ok}", "--to", "html", "-o", "{tmp}/no/such/folder/out.html"], ["cannot write"]),
        (["export", "{ok}", "--to", "html", "-o", "{folder}"], ["cannot write"]),
        (["--no-such-option"], ["unrecognized"]),
    ],
)
def test_usage_and_output_errors(
    args: list[str],
    words: list[str],
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = {key: str(path) for key, path in files.items()} | {"tmp": str(tmp_path)}
    status, _, err = _run([arg.format(**names) for arg in args], capsys)
    _assert_one_line_error(status, err, *words)


def test_lint_fix_on_a_read_only_file_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bullets.md"
    original = "Items:\n\u2022 one\n\u2022 two\n\u2022 three\n"
    path.write_text(original)
    path.chmod(0o444)
    status, _, err = _run(["lint", "--fix", str(path)], capsys)
    _assert_one_line_error(status, err, "read-only")
    assert path.read_text() == original


def test_a_draft_that_is_not_utf8_is_linted_and_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "legacy.md"
    path.write_bytes("# Caf\u00e9\n\nNa\u00efve fa\u00e7ade.\n".encode("cp1252"))
    status, _, err = _run(["lint", str(path)], capsys)
    assert status == 0 and "Traceback" not in err
    status, out, _ = _run(["export", str(path), "--to", "html"], capsys)
    assert status == 0 and "Caf\u00e9" in out


PATHOLOGICAL = {
    "quotes.md": ">" * 10_000 + " deep\n",
    "bullets.md": "- " * 10_000 + "deep\n",
    "stars.md": "*" * 100_000,
    "controls.md": "a\0b\x01c\x1b[31m\n" * 100,
    "one-long-line.md": "word " * 200_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_handled(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(PATHOLOGICAL[name])
    for args in (["lint", str(path)], ["export", str(path), "--to", "email-html"]):
        status, _, err = _run(args, capsys)
        assert (status in (0, 1) and err == "") or (status == 2 and err.count("\n") == 1), err


def _cli(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "editor", *args]
    return subprocess.run(command, capture_output=False, timeout=120, check=False, **kwargs)  # type: ignore[call-overload,no-any-return]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full disk")
@pytest.mark.parametrize("command", ["lint", "export"])
def test_a_full_disk_on_standard_output(command: str, tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(("x " * 80 + "\n") * 50)
    args = [command, str(path)] + (["--to", "html"] if command == "export" else [])
    with open("/dev/full", "wb") as full:
        done = _cli(args, stdout=full, stderr=subprocess.PIPE)
    err = done.stderr.decode()
    assert done.returncode == 2
    assert err == PREFIX + "cannot write the output: No space left on device\n"


def test_a_reader_that_goes_away_early(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(("x " * 80 + "\n") * 3000)
    done = subprocess.Popen(
        [sys.executable, "-m", "editor", "lint", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert done.stdout is not None and done.stderr is not None
    done.stdout.read(10)
    done.stdout.close()
    err = done.stderr.read().decode()
    assert done.wait(timeout=120) == 2
    assert err.startswith(PREFIX) and err.count("\n") == 1 and "Traceback" not in err
