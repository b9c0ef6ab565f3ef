"""Rule behaviour from fixture files, in markdownlint's style.

Each ``tests/fixtures/lint/*.md`` file is real Markdown. A line that must be
flagged carries a marker ``{rule-id}`` (or ``{rule-id:+N}`` / ``{rule-id:-N}``
for the line N below or above). Markers are removed before linting, so they
never change what is checked. The harness asserts the exact set of
(rule, line) pairs for the rules named in the file's settings comment or, by
default, for every rule, then applies all safe fixes and re-lints: a fix must
leave no finding of its rule where it applied. When ``NAME.fixed.md`` exists,
the fixed text must equal it.

A first line ``<!-- lint: key=value, key=value -->`` sets lint settings for the
file (for example ``max-line-length=40`` or ``rules=overlong-line``); it stays
in the text (HTML comments are skipped by every rule).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from editor.core.config import LintSettings, lint_settings_from
from editor.core.document import Document
from editor.core.lint import RULES, apply_fixes, lint

FIXTURES = Path(__file__).parents[2] / "fixtures" / "lint"
MARKER = re.compile(r"[ \t]?\{([a-z][a-z-]*)(?::([+-]\d+))?\}")
SETTINGS = re.compile(r"^<!-- lint: (.*?) -->")


@dataclasses.dataclass(frozen=True)
class Fixture:
    name: str
    text: str
    expected: frozenset[tuple[str, int]]
    settings: LintSettings
    rules: frozenset[str]


def read_fixture(path: Path) -> Fixture:
    lines = path.read_text(encoding="utf-8").split("\n")
    expected: set[tuple[str, int]] = set()
    clean: list[str] = []
    for number, line in enumerate(lines, start=1):
        for match in MARKER.finditer(line):
            expected.add((match.group(1), number + int(match.group(2) or 0)))
        clean.append(MARKER.sub("", line))
    settings, rules = _settings(clean[0] if clean else "", path)
    unknown = {rule for rule, _ in expected} - {rule.id for rule in RULES}
    assert not unknown, f"{path.name}: markers name unknown rules {unknown}"
    return Fixture(path.name, "\n".join(clean), frozenset(expected), settings, rules)


def _settings(first_line: str, path: Path) -> tuple[LintSettings, frozenset[str]]:
    match = SETTINGS.match(first_line)
    values: dict[str, object] = {}
    rules = frozenset(rule.id for rule in RULES)
    if match:
        for pair in match.group(1).split(","):
            key, _, value = pair.strip().partition("=")
            if key == "rules":
                rules = frozenset(value.split())
            else:
                values[key] = float(value) if "." in value else int(value)
    return lint_settings_from(values, origin=path.name), rules


def fixture_paths() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*.md") if not p.name.endswith(".fixed.md"))


@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: p.stem)
def test_fixture_findings(path: Path) -> None:
    fixture = read_fixture(path)
    findings = lint(Document(fixture.text), fixture.settings)
    got = {(f.rule, f.line) for f in findings if f.rule in fixture.rules}
    assert sorted(got) == sorted(fixture.expected)


@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: p.stem)
def test_fixture_fixes_fix(path: Path) -> None:
    fixture = read_fixture(path)
    findings = [f for f in lint(Document(fixture.text), fixture.settings) if f.rule in fixture.rules]
    fixed, applied = apply_fixes(Document(fixture.text), findings)
    after = lint(Document(fixed), fixture.settings)
    fixed_rules = {f.rule for f in applied}
    before_count = sum(1 for f in findings if f.rule in fixed_rules)
    after_count = sum(1 for f in after if f.rule in fixed_rules)
    assert not applied or after_count < before_count, [f for f in after if f.rule in fixed_rules]
    expected_path = path.with_name(path.stem + ".fixed.md")
    if expected_path.exists():
        assert fixed == expected_path.read_text(encoding="utf-8")
