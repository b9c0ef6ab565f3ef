"""Typed settings with defaults, read from ``.issue-drafter.toml`` found upward from a draft.

The file has one table, ``[lint]``; its keys are the field names of
:class:`LintSettings` written with dashes (``max-line-length = 100``) or
underscores. Unknown tables or keys are refused with a message naming the key
and the file.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAME = ".issue-drafter.toml"


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says why, in plain words."""


@dataclass(frozen=True)
class LintSettings:
    """What the checks look for and how strict they are."""

    max_line_length: int = 100
    max_code_line_length: int = 80
    max_heading_length: int = 80
    near_duplicate_threshold: float = 0.7
    min_repeated_words: int = 8
    disable: frozenset[str] = field(default_factory=frozenset)

    def enabled(self, rule: str) -> bool:
        """Whether the rule with id *rule* should run."""
        return rule not in self.disable


@dataclass(frozen=True)
class Settings:
    """All settings that come from files; ``source`` is the file they were read from."""

    lint: LintSettings = field(default_factory=LintSettings)
    source: Path | None = None


def find_config(start: Path) -> Path | None:
    """The nearest ``.issue-drafter.toml`` in *start* (a file's folder) or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.resolve().parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def load_settings(draft: Path | None) -> Settings:
    """Settings for *draft*: defaults, overridden by the nearest config file if any."""
    if draft is None:
        return Settings()
    path = find_config(draft)
    return Settings() if path is None else read_settings(path)


def read_settings(path: Path) -> Settings:
    """Read and validate one config file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    unknown = sorted(set(data) - {"lint"})
    if unknown:
        raise ConfigError(f"unknown table or key '{unknown[0]}' in {path} (expected [lint])")
    lint_table = data.get("lint", {})
    if not isinstance(lint_table, dict):
        raise ConfigError(f"'lint' in {path} must be a table")
    return Settings(lint=lint_settings_from(lint_table, origin=str(path)), source=path)


def lint_settings_from(
    values: dict[str, Any], *, origin: str, base: LintSettings | None = None
) -> LintSettings:
    """Build lint settings from a mapping of (dashed or underscored) keys, checking types."""
    base = base or LintSettings()
    fields = {f.name: f for f in dataclasses.fields(LintSettings)}
    changes: dict[str, Any] = {}
    for raw_key, value in values.items():
        key = raw_key.replace("-", "_")
        if key not in fields:
            raise ConfigError(f"unknown key '{raw_key}' in [lint] of {origin}")
        changes[key] = _checked(key, value, getattr(base, key), origin)
    return dataclasses.replace(base, **changes)


def _checked(key: str, value: Any, default: Any, origin: str) -> Any:
    name = key.replace("_", "-")
    if isinstance(default, frozenset):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"'{name}' in {origin} must be a list of rule ids")
        return frozenset(value)
    if isinstance(default, bool) or isinstance(value, bool):
        raise ConfigError(f"'{name}' in {origin} must be a number")
    if isinstance(default, int) and not isinstance(value, int):
        raise ConfigError(f"'{name}' in {origin} must be a whole number")
    if isinstance(default, float) and not isinstance(value, (int, float)):
        raise ConfigError(f"'{name}' in {origin} must be a number")
    if isinstance(value, (int, float)) and value <= 0:
        raise ConfigError(f"'{name}' in {origin} must be greater than zero")
    return float(value) if isinstance(default, float) else value
