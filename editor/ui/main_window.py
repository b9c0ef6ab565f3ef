"""The main window: source | preview in a splitter, the findings dock, menus, drops and close."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QSplitter, QWidget

from editor.ui.settings_store import THEMES

StandardKey = QKeySequence.StandardKey


class MainWindow(QMainWindow):
    """Lays out the parts it is given and offers every command as a menu action with a shortcut.

    It connects nothing outside itself: ``app.py`` connects the actions (in
    :attr:`actions`) to whoever does the work.
    """

    file_dropped = Signal(object)  # Path
    recent_chosen = Signal(object)  # Path
    closing = Signal()  # the window is about to close (after the close guard agreed)

    def __init__(self, source: QWidget, preview: QWidget, panel: QWidget) -> None:
        super().__init__()
        self.setAccessibleName("Issue Drafter")
        self.setAcceptDrops(True)
        self.resize(1400, 860)
        self.close_guard: Callable[[], bool] = lambda: True
        self.drop_filter: QObject | None = None  # set by app.py: opens files dropped on the editor
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sourcePreviewSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(source)
        self.splitter.addWidget(preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.findings_dock = QDockWidget("Findings", self)
        self.findings_dock.setObjectName("findingsDock")
        self.findings_dock.setAccessibleName("Findings panel")
        self.findings_dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.resizeDocks([self.findings_dock], [440], Qt.Orientation.Horizontal)
        self.source_part, self.preview_part = source, preview
        self.commands: dict[str, QAction] = {}
        self.recent_menu = QMenu("Open &Recent", self)
        self.theme_group = QActionGroup(self)
        self._build_menus()

    # -- actions and menus -----------------------------------------------------------

    def _action(
        self, name: str, text: str, keys: Sequence[QKeySequence | StandardKey | str] = (), **flags: bool
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        if flags.get("checkable"):
            action.setCheckable(True)
            action.setChecked(flags.get("checked", False))
        self.addAction(action)
        self.commands[name] = action
        return action

    def _build_menus(self) -> None:
        self._file_menu()
        self._edit_menu()
        self._view_menu()
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("about", "&About Issue Drafter", ["F1"]))

    def _file_menu(self) -> None:
        menu = self.menuBar().addMenu("&File")
        menu.addAction(self._action("new", "&New", [StandardKey.New]))
        menu.addAction(self._action("open", "&Open…", [StandardKey.Open]))
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self._action("save", "&Save", [StandardKey.Save]))
        menu.addAction(self._action("save_as", "Save &As…", ["Ctrl+Shift+S"]))
        menu.addSeparator()
        menu.addAction(self._action("export_html", "Export as &HTML…", ["Ctrl+E"]))
        menu.addAction(self._action("export_email", "Export as &Email HTML…", ["Ctrl+Shift+E"]))
        menu.addAction(self._action("export_markdown", "Export as &Markdown…", ["Ctrl+Alt+E"]))
        menu.addSeparator()
        quit_action = self._action("quit", "&Quit", ["Ctrl+Q"])
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def _edit_menu(self) -> None:
        menu = self.menuBar().addMenu("&Edit")
        self.edit_menu = menu
        menu.addAction(self._action("undo", "&Undo", [StandardKey.Undo]))
        menu.addAction(self._action("redo", "&Redo", [StandardKey.Redo]))
        menu.addSeparator()
        menu.addAction(self._action("cut", "Cu&t", [StandardKey.Cut]))
        menu.addAction(self._action("copy", "&Copy", [StandardKey.Copy]))
        menu.addAction(self._action("paste", "&Paste", [StandardKey.Paste]))
        menu.addAction(self._action("select_all", "Select &All", [StandardKey.SelectAll]))
        menu.addSeparator()
        menu.addAction(self._action("find", "&Find…", ["Ctrl+F"]))
        menu.addAction(self._action("replace", "R&eplace…", ["Ctrl+H"]))
        menu.addSeparator()
        self.format_menu = menu.addMenu("F&ormat")
        menu.addAction(self._action("copy_html", "Copy as &HTML", ["Ctrl+Alt+C"]))
        menu.addSeparator()
        menu.addAction(self._action("preferences", "Pr&eferences…", ["Ctrl+,"]))

    def _view_menu(self) -> None:
        menu = self.menuBar().addMenu("&View")
        menu.addAction(self._action("show_source", "&Source", ["Ctrl+1"], checkable=True, checked=True))
        menu.addAction(self._action("show_preview", "&Preview", ["Ctrl+2"], checkable=True, checked=True))
        findings = self.findings_dock.toggleViewAction()
        findings.setText("&Findings")
        findings.setShortcut(QKeySequence("Ctrl+3"))
        self.commands["show_findings"] = findings
        menu.addAction(findings)
        menu.addSeparator()
        menu.addAction(self._action("zoom_in", "Zoom &In", [StandardKey.ZoomIn, "Ctrl+="]))
        menu.addAction(self._action("zoom_out", "Zoom &Out", [StandardKey.ZoomOut]))
        menu.addAction(self._action("zoom_reset", "&Reset Zoom", ["Ctrl+0"]))
        menu.addSeparator()
        theme_menu = menu.addMenu("&Theme")
        for theme in THEMES:
            action = self._action(f"theme_{theme}", f"&{theme.title()}", checkable=True)
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
        menu.addAction(self._action("soft_wrap", "Soft &Wrap", ["Alt+Z"], checkable=True, checked=True))
        menu.addAction(self._action("remote_images", "Load Remote &Images", checkable=True))
        menu.addAction(self._action("light_preview", "&Light Preview", ["Ctrl+Alt+P"], checkable=True))
        self.commands["show_source"].toggled.connect(self.source_part.setVisible)
        self.commands["show_preview"].toggled.connect(self.preview_part.setVisible)

    def add_format_actions(self, actions: Sequence[QAction]) -> None:
        """List the editor's formatting actions (bold, italic, link, code) under Edit > Format."""
        for action in actions:
            self.format_menu.addAction(action)

    def set_recent_files(self, paths: Sequence[Path]) -> None:
        """Fill File > Open Recent."""
        self.recent_menu.clear()
        for index, path in enumerate(paths):
            prefix = f"&{index + 1} " if index < 9 else ""
            action = self.recent_menu.addAction(f"{prefix}{path.name}  —  {path.parent}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.recent_chosen.emit(p))
        self.recent_menu.setEnabled(bool(paths))

    # -- events ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_guard():
            event.ignore()
            return
        self.closing.emit()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_dropped.emit(path)


def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.is_file():
                return path
    return None
