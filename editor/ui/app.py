"""The one place that builds the window's services and widgets and connects their signals."""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from editor.core.files import Draft
from editor.core.worker_process import WorkerProcess
from editor.ui.controller import Parts, WindowController
from editor.ui.file_actions import FileActions
from editor.ui.file_guard import install_file_guard, recover_drafts
from editor.ui.find_bar import FindBar
from editor.ui.findings_panel import FindingsPanel
from editor.ui.first_paint import after_first_paint
from editor.ui.main_window import MainWindow, dropped_file
from editor.ui.preview import create_preview
from editor.ui.session import APP_NAME, DocumentSession
from editor.ui.settings_store import SettingsStore
from editor.ui.source_view import SourceView
from editor.ui.status import StatusBar
from editor.ui.web_preview import WebPreview
from editor.ui.worker import RenderLintWorker

SANDBOX_FLAG = "--no-sandbox"
QUICK_BACKEND = "QT_QUICK_BACKEND"


@dataclass
class App:
    """Everything one window is made of (tests drive the window through these)."""

    window: MainWindow
    source: SourceView
    find_bar: FindBar
    preview: WebPreview
    panel: FindingsPanel
    status: StatusBar
    worker: RenderLintWorker
    session: DocumentSession
    files: FileActions
    controller: WindowController
    store: SettingsStore


def prepare_environment(environ: dict[str, str] | None = None) -> None:
    """Set up Qt and Chromium before QApplication exists.

    The preview is composited in software unless the user chose a Qt Quick backend. With
    Qt's default (GPU) backend, the web view turns the whole window into one OpenGL
    surface: every caret blink and every typed key recomposites the window, which without
    a fast GPU (software OpenGL, remote desktops, Xvfb) costs more than the typing itself
    (measured in docs/performance.md). A Markdown preview needs no GPU.

    Chromium also refuses to run as root without ``--no-sandbox``.
    """
    env = os.environ if environ is None else environ
    env.setdefault(QUICK_BACKEND, "software")
    # QtWebEngine is imported after the application exists (once the window has shown); this
    # is what importing it first would have set (OpenGL contexts shared with the web view).
    if QCoreApplication.instance() is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None or geteuid() != 0:
        return
    flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if SANDBOX_FLAG not in flags.split():
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} {SANDBOX_FLAG}".strip()


class FileDropFilter(QObject):
    """Lets a file dropped on the editor open it (instead of inserting its path as text)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDropEvent) and dropped_file(event) is not None:
            if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
                self._window.dropEvent(event)
            else:
                event.acceptProposedAction()
            return True
        return False


def _source_area(source: SourceView, find_bar: FindBar) -> QWidget:
    area = QWidget()
    area.setAccessibleName("Source")
    layout = QVBoxLayout(area)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(source, 1)
    layout.addWidget(find_bar)
    return area


def build(
    store: SettingsStore | None = None,
    *,
    debounce_ms: int | None = None,
    worker_process: WorkerProcess | None = None,
) -> App:
    """Build one window with its services, all connected (not shown yet).

    *worker_process*: one started at launch, already parsing the draft to be opened.
    """
    store = store or SettingsStore()
    prefs = store.preferences()
    source = SourceView()
    find_bar = FindBar(source)
    preview, preview_problem = create_preview()
    panel = FindingsPanel()
    window = MainWindow(_source_area(source, find_bar), preview, panel)
    status = StatusBar(window)
    window.setStatusBar(status)
    delay_ms = prefs.debounce_ms if debounce_ms is None else debounce_ms
    worker = RenderLintWorker(delay_ms=delay_ms, process=worker_process)
    worker.setParent(window)
    session = DocumentSession(source.document(), window)
    files = FileActions(session, source, store, window)
    parts = Parts(session, source, preview, panel, status, worker, store)
    controller = WindowController(parts, window)
    app = App(window, source, find_bar, preview, panel, status, worker, session, files, controller, store)
    _connect(app)
    if preview_problem:
        status.set_notice(preview_problem)
    preview.problem.connect(controller.preview_failed)  # the web view, failing when it starts
    if debounce_ms is not None:
        controller.prefs = dataclasses.replace(controller.prefs, debounce_ms=debounce_ms)
    controller.apply_preferences(controller.prefs, save=False)
    controller.draft_opened(None)
    window.add_format_actions(source.formatting_actions())
    window.set_recent_files(store.recent_files())
    _restore_layout(app)
    _update_title(app)
    return app


def _connect(app: App) -> None:
    _connect_pipeline(app)
    _connect_files(app)
    _connect_edit(app)
    _connect_view(app)


def _connect_pipeline(app: App) -> None:
    c, source, session = app.controller, app.source, app.session
    session.edited.connect(c.request_update)
    session.opened.connect(c.draft_opened)
    session.opened.connect(lambda _path: app.worker.send_now())  # an opened draft: no typing delay
    app.files.loading.connect(app.worker.prepare)  # a large draft: the worker starts while the editor loads
    session.state_changed.connect(lambda: _update_title(app))
    app.worker.rendered.connect(c.show_rendered)
    app.worker.measured.connect(c.show_stats)
    app.worker.linted.connect(c.show_findings)
    source.cursorPositionChanged.connect(c.show_caret)
    source.top_line_changed.connect(app.preview.scroll_to_line)
    app.preview.top_line_changed.connect(source.scroll_to_line)
    app.panel.activated.connect(c.jump_to)
    app.panel.fix_requested.connect(c.apply_fix)
    app.panel.fix_rule_requested.connect(c.fix_rule)
    app.panel.related_requested.connect(c.show_line)
    app.panel.mute_requested.connect(c.mute_rule)


def _connect_files(app: App) -> None:
    a, files, window = app.window.commands, app.files, app.window
    a["new"].triggered.connect(files.new_draft)
    a["open"].triggered.connect(files.open_dialog)
    a["save"].triggered.connect(files.save)
    a["save_as"].triggered.connect(files.save_as)
    a["export_html"].triggered.connect(lambda: files.export("html"))
    a["export_email"].triggered.connect(lambda: files.export("email-html"))
    a["export_markdown"].triggered.connect(lambda: files.export("markdown"))
    a["copy_html"].triggered.connect(files.copy_as_html)
    window.recent_chosen.connect(files.open_path)
    window.file_dropped.connect(files.open_path)
    files.recent_changed.connect(window.set_recent_files)
    files.message.connect(lambda text: app.status.showMessage(text, 5000))
    window.close_guard = files.maybe_save
    window.closing.connect(lambda: _save_layout(app))
    window.drop_filter = FileDropFilter(window)  # referenced, so Python keeps the filter alive
    app.source.viewport().installEventFilter(window.drop_filter)


def _connect_edit(app: App) -> None:
    a, source = app.window.commands, app.source
    for name in ("undo", "redo", "cut", "copy", "paste"):
        a[name].triggered.connect(getattr(source, name))
        a[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the editor handles its own keys
    a["select_all"].triggered.connect(source.selectAll)
    a["select_all"].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    source.undoAvailable.connect(a["undo"].setEnabled)
    source.redoAvailable.connect(a["redo"].setEnabled)
    a["undo"].setEnabled(False)
    a["redo"].setEnabled(False)
    a["find"].triggered.connect(app.find_bar.show_find)
    a["replace"].triggered.connect(app.find_bar.show_replace)
    a["preferences"].triggered.connect(lambda: _edit_preferences(app))
    a["about"].triggered.connect(lambda: _show_about(app))


def _connect_view(app: App) -> None:
    a, c, source = app.window.commands, app.controller, app.source
    a["zoom_in"].triggered.connect(source.zoom_in)
    a["zoom_out"].triggered.connect(source.zoom_out)
    a["zoom_reset"].triggered.connect(source.reset_zoom)
    for theme in ("system", "light", "dark"):
        a[f"theme_{theme}"].triggered.connect(lambda _checked=False, t=theme: c.set_option(theme=t))
    a["soft_wrap"].toggled.connect(lambda on: c.set_option(soft_wrap=on))
    a["remote_images"].toggled.connect(lambda on: c.set_option(remote_images=on))
    a["light_preview"].toggled.connect(c.choose_light_preview)
    c.preview_kind_changed.connect(lambda light: _set_checked(a["light_preview"], light))
    a["show_source"].toggled.connect(lambda on: app.store.set_panel_visible("source", on))
    a["show_preview"].toggled.connect(lambda on: app.store.set_panel_visible("preview", on))
    c.preferences_changed.connect(lambda prefs: _sync_view_menu(app))
    _sync_view_menu(app)


def _sync_view_menu(app: App) -> None:
    a, prefs = app.window.commands, app.controller.prefs
    a[f"theme_{prefs.theme}"].setChecked(True)
    for name, on in (("soft_wrap", prefs.soft_wrap), ("remote_images", prefs.remote_images)):
        _set_checked(a[name], on)


def _set_checked(action: QAction, on: bool) -> None:
    """Check or uncheck a menu action without acting on it."""
    action.blockSignals(True)
    action.setChecked(on)
    action.blockSignals(False)


def _edit_preferences(app: App) -> None:
    from editor.core.lint.registry import RULES  # the rules are imported when first needed
    from editor.ui.preferences import PreferencesDialog  # (not before the window's first paint)

    dialog = PreferencesDialog(app.controller.prefs, RULES, app.window)
    if dialog.exec():
        app.controller.apply_preferences(dialog.preferences())
    dialog.deleteLater()


def _show_about(app: App) -> None:
    try:
        from editor.ui.about import show_about
    except ImportError:  # the About dialog ships separately
        return
    show_about(app.window)


def _update_title(app: App) -> None:
    app.window.setWindowTitle(app.session.window_title())
    app.window.setWindowModified(app.session.modified)


def _restore_layout(app: App) -> None:
    geometry, state, splitter = app.store.window_state()
    if geometry is not None:
        app.window.restoreGeometry(geometry)
    else:
        _fit_to_screen(app.window)
    if state is not None:
        app.window.restoreState(state)
    if splitter is not None:
        app.window.splitter.restoreState(splitter)
    for name in ("source", "preview"):
        app.window.commands[f"show_{name}"].setChecked(app.store.panel_visible(name))


def _fit_to_screen(window: MainWindow) -> None:
    screen = window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    window.resize(min(1500, round(area.width() * 0.94)), min(940, round(area.height() * 0.94)))
    window.move(area.center() - window.rect().center())


def _save_layout(app: App) -> None:
    w = app.window
    app.store.save_window_state(w.saveGeometry(), w.saveState(), w.splitter.saveState())


def open_initial(app: App, path: Path | None, draft: Draft | None = None) -> None:
    """Show the window with *path* (or an empty draft) and the keyboard in the editor.

    The draft's render and checks wait for the window's first paint: the writer sees the
    window and the text first. *draft*: the file at *path* as read at launch.
    """
    app.worker.hold_until_painted(app.window)
    app.window.show()
    if app.store.window_state()[2] is None:
        half = max(200, app.window.splitter.width() // 2)
        app.window.splitter.setSizes([half, half])
    if path is not None:
        app.files.load(path, draft)
    app.source.setFocus(Qt.FocusReason.OtherFocusReason)
    app.window.activateWindow()


def set_app_icon() -> None:
    """Give the application its icon (every size we ship, read from the package: 12 ms that the
    window's first paint need not wait for; the window manager shows it a moment later)."""
    try:
        from editor.ui.about import app_icon
    except ImportError:
        return
    QApplication.setWindowIcon(app_icon())


def run(path: Path | None, *, draft: Draft | None = None, worker_process: WorkerProcess | None = None) -> int:
    """Open the window (with *path* if given) and run until it closes; the exit code.

    *draft*: the file at *path* as already read; *worker_process*: see :func:`build`.
    """
    prepare_environment()
    qapp = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "issue-drafter"])
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName(APP_NAME)
    if isinstance(qapp, QApplication):
        qapp.setDesktopFileName("io.github.issue_drafter.IssueDrafter")  # packaging/linux/*.desktop
    app = build(worker_process=worker_process)
    after_first_paint(app.window, set_app_icon)
    guard = install_file_guard(app.session, app.files, app.source, app.window, status=app.status)
    open_initial(app, path, draft)
    recover_drafts(guard, app.files, app.session, app.source, app.window)
    return int(qapp.exec())
