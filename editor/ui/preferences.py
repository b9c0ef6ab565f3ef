"""The Preferences dialog: line limits, near-duplicate threshold, rules, theme, editor font, delay."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.lint.model import Rule
from editor.ui.settings_store import THEMES, Preferences, editor_font


def _spin(value: int, low: int, high: int, name: str, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setAccessibleName(name)
    return box


class PreferencesDialog(QDialog):
    """Edits a copy of :class:`Preferences`; :meth:`preferences` gives the result."""

    def __init__(self, prefs: Preferences, rules: Sequence[Rule], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self._prefs = prefs
        self.prose = _spin(prefs.max_line_length, 20, 400, "Prose line limit", " columns")
        self.code = _spin(prefs.max_code_line_length, 20, 400, "Code line limit", " columns")
        self.heading = _spin(prefs.max_heading_length, 10, 400, "Heading length limit", " characters")
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.3, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setValue(prefs.near_duplicate_threshold)
        self.threshold.setAccessibleName("Near-duplicate threshold")
        self.rules = QListWidget()
        self.rules.setAccessibleName("Rules")
        for rule in rules:
            item = QListWidgetItem(f"{rule.id} — {rule.description}")
            item.setData(Qt.ItemDataRole.UserRole, rule.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = rule.id not in prefs.disabled_rules
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.rules.addItem(item)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for theme in THEMES:
            self.theme.addItem(theme.title(), theme)
        self.theme.setCurrentIndex(THEMES.index(prefs.theme))
        font = editor_font(prefs)
        self.font_family = QFontComboBox()
        self.font_family.setFontFilters(QFontComboBox.FontFilter.MonospacedFonts)
        self.font_family.setCurrentFont(font)
        self.font_family.setAccessibleName("Editor font")
        self.font_size = _spin(round(font.pointSizeF()), 6, 72, "Editor font size", " pt")
        self.debounce = _spin(prefs.debounce_ms, 0, 5000, "Update delay", " ms")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build()

    def _build(self) -> None:
        checks = QGroupBox("Checks")
        form = QFormLayout(checks)
        form.addRow("Prose line limit:", self.prose)
        form.addRow("Code line limit:", self.code)
        form.addRow("Heading length limit:", self.heading)
        form.addRow("Near-duplicate threshold:", self.threshold)
        form.addRow("Rules:", self.rules)
        look = QGroupBox("Editor")
        look_form = QFormLayout(look)
        look_form.addRow("Theme:", self.theme)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_family, 1)
        font_row.addWidget(self.font_size)
        look_form.addRow("Font:", font_row)
        look_form.addRow("Update preview and findings after:", self.debounce)
        layout = QVBoxLayout(self)
        layout.addWidget(checks, 1)
        layout.addWidget(look)
        layout.addWidget(self.buttons)
        self.resize(640, 620)

    def preferences(self) -> Preferences:
        """The preferences as the dialog shows them now."""
        disabled = set(self._prefs.disabled_rules)
        for index in range(self.rules.count()):
            item = self.rules.item(index)
            rule = str(item.data(Qt.ItemDataRole.UserRole))
            if item.checkState() == Qt.CheckState.Checked:
                disabled.discard(rule)
            else:
                disabled.add(rule)
        font = QFont(self.font_family.currentFont())
        font.setPointSize(self.font_size.value())
        return dataclasses.replace(
            self._prefs,
            max_line_length=self.prose.value(),
            max_code_line_length=self.code.value(),
            max_heading_length=self.heading.value(),
            near_duplicate_threshold=round(self.threshold.value(), 2),
            disabled_rules=frozenset(disabled),
            theme=self.theme.currentData(),
            editor_font=font.toString(),
            debounce_ms=self.debounce.value(),
        )
