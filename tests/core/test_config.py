"""Settings: defaults, the nearest config file, clear refusals of unknown keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.config import ConfigError, LintSettings, load_settings


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("x")
    settings = load_settings(draft)
    assert settings.lint == LintSettings()
    assert settings.lint.max_line_length == 100


def test_nearest_config_upward_from_the_draft(tmp_path: Path) -> None:
    (tmp_path / ".issue-drafter.toml").write_text(
        '[lint]\nmax-line-length = 72\ndisable = ["overlong-heading"]\n'
    )
    folder = tmp_path / "issues" / "2026"
    folder.mkdir(parents=True)
    settings = load_settings(folder / "draft.md")
    assert settings.lint.max_line_length == 72
    assert not settings.lint.enabled("overlong-heading")
    assert settings.source == tmp_path / ".issue-drafter.toml"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[lint]\nmax-line-lenght = 72\n", "unknown key 'max-line-lenght'"),
        ("[colors]\nx = 1\n", "unknown table or key 'colors'"),
        ("[lint]\nmax-line-length = 'wide'\n", "must be a whole number"),
        ("[lint]\nmax-line-length = 0\n", "greater than zero"),
        ("[lint]\ndisable = 'overlong-line'\n", "list of rule ids"),
        ("[lint\n", "not valid TOML"),
    ],
)
def test_bad_config_is_refused_naming_key_and_file(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / ".issue-drafter.toml"
    config.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path / "draft.md")
    assert message in str(error.value)
    assert str(config) in str(error.value)
