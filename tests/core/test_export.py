"""Export: standalone page, email-safe HTML, Markdown bytes unchanged."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.export import export_text

DRAFT = """Title: Weekly 12

# Release notes

Some **bold** text and `code`.

| crate | version |
|-------|---------|
| tokio | 1.40    |

```rust
fn main() {}
```
"""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.styled: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("style"):
            self.styled.append(tag)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(str(values[name]))


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_standalone_page_is_complete_titled_and_self_contained() -> None:
    page = export_text(DRAFT, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Weekly 12</title>" in page
    tags = _tags(page)
    assert "style" in tags.tags and "script" not in tags.tags
    assert tags.links == []  # no external stylesheets, fonts or scripts
    assert '<span class="k">fn</span>' in page  # highlighted code
    assert ".highlight .k" in page  # with its colours embedded
    assert "data-source-line" not in page


def test_email_html_inlines_every_style_and_has_no_style_block() -> None:
    page = export_text(DRAFT, "email-html")
    tags = _tags(page)
    assert "style" not in tags.tags
    for tag in ("body", "h1", "table", "th", "td", "pre", "code"):
        assert tag in tags.styled, f"<{tag}> has no inline style"
    assert "border: 1px solid" in page  # table cells stay readable
    assert "display: block" not in page  # mail clients break block tables


def test_cli_exports_markdown_bytes_unchanged(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "draft.md"
    data = "\ufeffTitle: x\r\n\r\nCaf\u00e9 \u2014 text\r\nno newline at end".encode("utf-8-sig")
    source.write_bytes(data)
    out = tmp_path / "copy.md"
    assert main(["export", str(source), "--to", "markdown", "-o", str(out)]) == 0
    assert out.read_bytes() == data


def test_cli_exports_html_to_stdout_and_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "notes.md"
    source.write_text("no heading here\n")
    assert main(["export", str(source), "--to", "html"]) == 0
    assert "<title>notes</title>" in capsys.readouterr().out
    out = tmp_path / "notes.html"
    assert main(["export", str(source), "--to", "email-html", "-o", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "{missing}", "--to", "html"], "does not exist"),
        (["export", "{dir}", "--to", "html"], "is a folder"),
        (["export", "{binary}", "--to", "html"], "binary file"),
        (["export", "{draft}", "--to", "pdf"], "invalid choice"),
        (["export", "{draft}"], "required"),
        (["export", "{draft}", "--to", "html", "--bogus"], "unrecognized arguments"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_cli_errors_are_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02PNG\x00")
    (tmp_path / "d.md").write_text("# x\n")
    paths = {
        "missing": tmp_path / "nope.md",
        "dir": tmp_path,
        "binary": tmp_path / "bin.dat",
        "draft": tmp_path / "d.md",
    }
    argv = [a.format(**paths) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("issue-drafter 0.")
    assert main(["export", "--help"]) == 0
    assert "--to {html,email-html,markdown}" in capsys.readouterr().out
