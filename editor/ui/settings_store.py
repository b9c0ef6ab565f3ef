"""Preferences and window state kept in QSettings as typed values; the editor font they name."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QFont, QFontDatabase

from editor.core.config import LintSettings

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
DEFAULT_DEBOUNCE_MS = 250
MAX_RECENT = 10


@dataclass(frozen=True)
class Preferences:
    """What the writer chose in the Preferences dialog and the View menu."""

    max_line_length: int = 100
    max_code_line_length: int = 80
    max_heading_length: int = 80
    near_duplicate_threshold: float = 0.7
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    theme: Theme = "system"
    editor_font: str = ""  # QFont.toString(); empty means the system fixed font
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    remote_images: bool = False
    soft_wrap: bool = True

    def lint_settings(self, base: LintSettings | None = None) -> LintSettings:
        """The lint settings these preferences ask for, on top of a project's *base* settings."""
        base = base or LintSettings()
        return dataclasses.replace(
            base,
            max_line_length=self.max_line_length,
            max_code_line_length=self.max_code_line_length,
            max_heading_length=self.max_heading_length,
            near_duplicate_threshold=self.near_duplicate_threshold,
            disable=base.disable | self.disabled_rules,
        )


def editor_font(prefs: Preferences) -> QFont:
    """The editor font the preferences name (the system fixed font when none is set)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if prefs.editor_font:
        chosen = QFont()
        if chosen.fromString(prefs.editor_font):
            return chosen
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    return font


class SettingsStore:
    """Reads and writes :class:`Preferences`, recent files and window layout in one QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings or QSettings("Issue Drafter", "Issue Drafter")

    def preferences(self) -> Preferences:
        """The saved preferences (defaults for anything missing or unreadable)."""
        s, d = self.qsettings, Preferences()
        theme = str(s.value("prefs/theme", d.theme))
        return Preferences(
            max_line_length=_int(s.value("prefs/max_line_length"), d.max_line_length),
            max_code_line_length=_int(s.value("prefs/max_code_line_length"), d.max_code_line_length),
            max_heading_length=_int(s.value("prefs/max_heading_length"), d.max_heading_length),
            near_duplicate_threshold=_float(
                s.value("prefs/near_duplicate_threshold"), d.near_duplicate_threshold
            ),
            disabled_rules=frozenset(_strings(s.value("prefs/disabled_rules"))),
            theme=theme if theme in THEMES else d.theme,
            editor_font=str(s.value("prefs/editor_font", "") or ""),
            debounce_ms=_int(s.value("prefs/debounce_ms"), d.debounce_ms, minimum=0),
            remote_images=_bool(s.value("prefs/remote_images"), d.remote_images),
            soft_wrap=_bool(s.value("prefs/soft_wrap"), d.soft_wrap),
        )

    def save_preferences(self, prefs: Preferences) -> None:
        """Write every preference."""
        for item in dataclasses.fields(prefs):
            value = getattr(prefs, item.name)
            if isinstance(value, frozenset):
                value = sorted(value)
            self.qsettings.setValue(f"prefs/{item.name}", value)
        self.qsettings.sync()

    def recent_files(self) -> list[Path]:
        """Recently opened drafts, newest first."""
        return [Path(p) for p in _strings(self.qsettings.value("recent/files")) if p]

    def add_recent(self, path: Path) -> list[Path]:
        """Put *path* first in the recent list; return the new list."""
        paths = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self.qsettings.setValue("recent/files", [str(p) for p in paths])
        return paths

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.qsettings.setValue("recent/files", [])

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
        """Saved geometry, dock/toolbar state and splitter sizes (None when never saved)."""
        return tuple(  # type: ignore[return-value]
            _bytes(self.qsettings.value(f"window/{key}")) for key in ("geometry", "state", "splitter")
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        """Remember the window's geometry, docks and splitter."""
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        self.qsettings.setValue("window/splitter", splitter)
        self.qsettings.sync()

    def panel_visible(self, name: str, default: bool = True) -> bool:
        """Whether a part of the window (source, preview) was left shown."""
        return _bool(self.qsettings.value(f"window/show_{name}"), default)

    def set_panel_visible(self, name: str, visible: bool) -> None:
        """Remember whether a part of the window is shown."""
        self.qsettings.setValue(f"window/show_{name}", visible)


def _int(value: object, default: int, *, minimum: int = 1) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return number if number >= minimum else default


def _float(value: object, default: float) -> float:
    try:
        number = float(str(value))
    except (TypeError, ValueError):
        return default
    return number if 0 < number <= 1 else default


def _bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("true", "1", "yes")


def _strings(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None
