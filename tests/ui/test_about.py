"""The About dialog: what a writer reads there (name, version, licence, links) and how it closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from editor import __version__
from editor.ui import about
from editor.ui.about import ICON_SIZES, AboutDialog, app_icon, show_about
from editor.ui.app import set_app_icon
from editor.ui.first_paint import after_first_paint


def _shown(qtbot: QtBot) -> AboutDialog:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_shows_the_name_version_and_licence(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    text = dialog.text.text()
    assert "Issue Drafter" in text
    assert f"Version {__version__}" in text
    assert "MIT licence" in text
    assert dialog.windowTitle() == "About Issue Drafter"


def test_links_open_in_the_browser(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    assert dialog.text.openExternalLinks()
    assert 'href="https://opensource.org/license/mit"' in dialog.text.text()


def test_shows_the_icon(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    pixmap = dialog.icon.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() == 128


def test_screen_readers_hear_the_version(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    assert __version__ in dialog.text.accessibleName()
    assert dialog.icon.accessibleName() == "Issue Drafter icon"


def test_close_button_and_escape_close_it(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    again = _shown(qtbot)
    with qtbot.waitSignal(again.rejected):
        qtbot.keyClick(again, Qt.Key.Key_Escape)


def test_show_about_opens_a_modal_dialog_over_the_parent(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[AboutDialog] = []

    def fake_exec(self: AboutDialog) -> int:
        seen.append(self)
        return 0

    monkeypatch.setattr(about.AboutDialog, "exec", fake_exec)
    show_about(parent)
    assert len(seen) == 1
    assert seen[0].parentWidget() is parent


def test_app_icon_has_every_shipped_size(qtbot: QtBot) -> None:
    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == set(ICON_SIZES)


def test_the_app_gets_its_icon_once_the_window_has_painted(qtbot: QtBot) -> None:
    QApplication.setWindowIcon(QIcon())
    window = QWidget()
    qtbot.addWidget(window)
    after_first_paint(window, set_app_icon)  # as the app does at launch
    assert QApplication.windowIcon().isNull()
    window.show()
    qtbot.waitUntil(lambda: not QApplication.windowIcon().isNull())
    assert {size.width() for size in QApplication.windowIcon().availableSizes()} == set(ICON_SIZES)
