"""Light and dark application palettes, and what "system" means right now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from editor.ui.settings_store import Theme

_DARK = {
    QPalette.ColorRole.Window: "#25272b",
    QPalette.ColorRole.WindowText: "#d8dadd",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#2a2c30",
    QPalette.ColorRole.ToolTipBase: "#2f3136",
    QPalette.ColorRole.ToolTipText: "#e6e8eb",
    QPalette.ColorRole.PlaceholderText: "#7d838c",
    QPalette.ColorRole.Text: "#d8dadd",
    QPalette.ColorRole.Button: "#2d2f34",
    QPalette.ColorRole.ButtonText: "#d8dadd",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2f5f9e",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea8fe",
    QPalette.ColorRole.Mid: "#3a3d42",
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Midlight: "#34373c",
    QPalette.ColorRole.Light: "#3f4247",
    QPalette.ColorRole.Shadow: "#000000",
}


def is_dark(theme: Theme) -> bool:
    """Whether *theme* means dark colours now (``system`` follows the desktop's colour scheme)."""
    if theme == "system":
        hints = QGuiApplication.styleHints()
        return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark
    return theme == "dark"


def dark_palette() -> QPalette:
    """The dark palette (disabled text dimmed)."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7078"))
    return palette


def apply_palette(dark: bool) -> None:
    """Use the Fusion style with the light or the dark palette for the whole application."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    style = QStyleFactory.create("Fusion")
    if style is not None and app.style().name().lower() != "fusion":
        app.setStyle(style)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
