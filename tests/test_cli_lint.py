"""``issue-drafter lint`` used the way a writer or a CI job uses it: files on disk, output, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.cli import main

LONG = "This sentence is long enough to pass a forty column limit when it goes on and on."
BULLETS = "Items:\n\u2022 one\n\u2022 two\n\u2022 three\n"
JSON_KEYS = [
    "path",
    "rule",
    "family",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "message",
    "related",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["lint", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "issue.md"
    path.write_text(f"# Weekly\n\nShort line.\n\n{LONG}\n", encoding="utf-8")
    return path


def test_clean_draft_exits_zero_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clean.md"
    path.write_text("# Weekly\n\nAll good here.\n", encoding="utf-8")
    assert run(capsys, str(path)) == (0, "", "")


def test_text_output_is_path_line_column_rule_message(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "--max-line-length", "40", str(draft))
    assert status == 1 and err == ""
    assert out.splitlines() == [
        f"{draft}:5:41: overlong-line This line is 81 columns wide (limit 40); "
        "it will wrap unevenly in plain-text mail and narrow windows."
    ]


def test_default_limit_is_100(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(draft))[0] == 0


def test_json_output_lists_findings_with_their_fields(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "bullets.md"
    other.write_text(BULLETS, encoding="utf-8")
    status, out, _ = run(capsys, "--format", "json", "--max-line-length", "40", str(draft), str(other))
    assert status == 1
    payload = json.loads(out)
    assert [list(item)[: len(JSON_KEYS)] for item in payload] == [JSON_KEYS] * len(payload)
    first = payload[0]
    assert first["path"] == str(draft) and first["rule"] == "overlong-line"
    assert (first["family"], first["severity"]) == ("line-length", "warning")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (5, 41, 5, 82)
    assert first["related"] == []
    assert first["fixable"] is True  # a rewrap at 40 columns (the text report does not work it out)
    assert {item["path"] for item in payload} == {str(draft), str(other)}
    assert any(item["rule"] == "pseudo-bullets" for item in payload)


def test_json_output_for_a_clean_draft_is_an_empty_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clean.md"
    path.write_text("Fine.\n", encoding="utf-8")
    status, out, _ = run(capsys, "--format", "json", str(path))
    assert (status, json.loads(out)) == (0, [])


def test_findings_are_sorted_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.md"
    path.write_text(f"{LONG}\n\n{BULLETS}\n{LONG}\n", encoding="utf-8")
    _, out, _ = run(capsys, "--max-line-length", "40", str(path))
    lines = [int(row.split(":")[1]) for row in out.splitlines()]
    assert lines == sorted(lines) and len(lines) >= 3


def test_disable_turns_rules_off(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--max-line-length", "40", "--disable", "overlong-line", str(draft))
    assert (status, out) == (0, "")


def test_disable_can_be_repeated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "both.md"
    path.write_text(f"{LONG}\n\n{BULLETS}", encoding="utf-8")
    args = ["--max-line-length", "40", "--disable", "overlong-line", "--disable", "pseudo-bullets"]
    assert run(capsys, *args, str(path))[:2] == (0, "")


def test_fix_rewrites_the_file_and_reports_what_changed(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "--fix", "--max-line-length", "40", str(draft))
    assert (status, out) == (0, "")
    assert err == f"{draft}:5: fixed overlong-line: Rewrap this paragraph at 40 columns\n"
    assert draft.read_text(encoding="utf-8") == (
        "# Weekly\n\nShort line.\n\n"
        "This sentence is long enough to pass a\n"
        "forty column limit when it goes on and\n"
        "on.\n"
    )
    assert run(capsys, "--max-line-length", "40", str(draft)) == (0, "", "")


def test_fix_lists_what_it_could_not_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "code.md"
    original = "```\n" + "x = 1  # " + "comment " * 12 + "\n```\n"
    path.write_text(original, encoding="utf-8")
    status, out, err = run(capsys, "--fix", str(path))
    assert status == 1 and err == ""
    assert "overlong-code-line" in out
    assert path.read_text(encoding="utf-8") == original


def test_fix_keeps_line_endings_and_leaves_no_temporary_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes(f"Title\r\n\r\n{LONG}\r\n".encode())
    assert run(capsys, "--fix", "--max-line-length", "40", str(path))[0] == 0
    data = path.read_bytes()
    assert data.count(b"\r\n") == 5 and b"\n" not in data.replace(b"\r\n", b"")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["windows.md"]


def test_settings_come_from_the_nearest_config_file(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".issue-drafter.toml").write_text("[lint]\nmax-line-length = 40\n", encoding="utf-8")
    status, out, _ = run(capsys, str(draft))
    assert status == 1 and ":5:41: overlong-line" in out
    assert run(capsys, "--max-line-length", "100", str(draft))[0] == 0  # the option wins


def test_config_can_disable_rules(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".issue-drafter.toml").write_text(
        '[lint]\nmax-line-length = 40\ndisable = ["overlong-line"]\n', encoding="utf-8"
    )
    assert run(capsys, str(draft))[:2] == (0, "")


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("[lint]\nmax-line-lenght = 40\n", ["unknown key 'max-line-lenght'"]),
        ("[lint]\ndisable = ['no-such-rule']\n", ["unknown rule 'no-such-rule'"]),
        ("[lnit]\n", ["'lnit'"]),
        ("[lint]\nmax-line-length = 'wide'\n", ["'max-line-length'", "whole number"]),
    ],
)
def test_a_bad_config_file_is_named_with_exit_2(
    config: str, words: list[str], draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path = tmp_path / ".issue-drafter.toml"
    config_path.write_text(config, encoding="utf-8")
    status, out, err = run(capsys, str(draft))
    assert (status, out) == (2, "")
    assert err.startswith("issue-drafter: error: ") and err.count("\n") == 1
    assert str(config_path) in err or config_path.name in err
    for word in words:
        assert word in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--max-line-length", "0"], ["--max-line-length", "greater than zero"]),
        (["--disable", "overlong-lines"], ["unknown rule 'overlong-lines'"]),
        (["--format", "yaml"], ["invalid choice"]),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    args: list[str], words: list[str], draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, *args, str(draft))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err


def test_a_missing_file_stops_before_anything_is_fixed(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = draft.read_text(encoding="utf-8")
    status, out, err = run(capsys, "--fix", "--max-line-length", "40", str(draft), str(tmp_path / "gone.md"))
    assert (status, out) == (2, "")
    assert "gone.md does not exist" in err
    assert draft.read_text(encoding="utf-8") == before
