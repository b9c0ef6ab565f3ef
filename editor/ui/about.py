"""The About dialog (name, version, licence, links, icon) and the application icon."""

from __future__ import annotations

import platform
from collections.abc import Sequence
from html import escape
from importlib.resources import files

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from editor import __version__

APP_NAME = "Issue Drafter"
DISTRIBUTION = "issue-drafter"
LICENCE = "MIT"
COPYRIGHT = "© Issue Drafter developers"
SUMMARY = (
    "A Markdown editor for newsletter issues and release notes, with a live preview and "
    "warnings about repeated paragraphs, overlong lines and unbalanced bullet lists."
)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
FIXED_LINKS = (
    ("The MIT licence", "https://opensource.org/license/mit"),
    ("Markdown syntax (CommonMark)", "https://commonmark.org/help/"),
)


def icon_pixmap(size: int) -> QPixmap:
    """The app icon rendered at *size* pixels, read from the installed package data."""
    data = files("editor.resources").joinpath(f"icons/issue-drafter-{size}.png").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "PNG")
    return pixmap


def app_icon() -> QIcon:
    """The app icon with every size we ship, for ``QApplication.setWindowIcon``."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(icon_pixmap(size))
    return icon


def project_links() -> tuple[tuple[str, str], ...]:
    """(label, url) pairs: the distribution's Project-URL entries, then the fixed links."""
    from importlib import metadata  # (16 ms of imports: not before the window shows, where the icon is made)

    try:
        entries: Sequence[str] = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        entries = []
    found = []
    for entry in entries:
        label, _, url = entry.partition(",")
        if url.strip().startswith("https://"):
            found.append((label.strip(), url.strip()))
    return (*found, *FIXED_LINKS)


def runtime_versions() -> str:
    """What a bug report needs besides our version: Python, PySide6 and Qt."""
    return f"Python {platform.python_version()} · PySide6 {PySide6.__version__} · Qt {qVersion()}"


def about_html() -> str:
    """The dialog's rich text: name, version, summary, licence and links."""
    links = "<br>".join(f'<a href="{escape(url)}">{escape(label)}</a>' for label, url in project_links())
    return (
        f"<h2>{APP_NAME}</h2>"
        f"<p>Version {escape(__version__)}</p>"
        f"<p>{escape(SUMMARY)}</p>"
        f"<p>{escape(COPYRIGHT)}. Released under the {LICENCE} licence.</p>"
        f"<p>{links}</p>"
        f"<p><small>{escape(runtime_versions())}</small></p>"
    )


class AboutDialog(QDialog):
    """Who we are: the icon beside the name, version, licence and links; one Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")
        self.setAccessibleDescription(f"{APP_NAME} version {__version__}, {LICENCE} licence")
        self.icon = QLabel()
        self.icon.setPixmap(icon_pixmap(128))
        self.icon.setAccessibleName(f"{APP_NAME} icon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(about_html())
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setAccessibleName(f"{APP_NAME} {__version__}, {LICENCE} licence")
        self.text.setMinimumWidth(360)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setDefault(True)
        self._build()

    def _build(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.icon)
        row.addSpacing(12)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)


def show_about(parent: QWidget | None) -> None:
    """Show the About dialog modally over *parent*."""
    dialog = AboutDialog(parent)
    dialog.exec()
    dialog.deleteLater()
