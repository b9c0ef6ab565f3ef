"""What the window does with results and requests: show renders and findings, jump, fix, mute, apply prefs.

It holds no widgets of its own and connects no signals; ``app.py`` builds it with
the parts it talks to and connects their signals to its slots.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from editor.core.config import ConfigError, LintSettings, load_settings
from editor.core.lint.model import Finding, TextEdit
from editor.core.stats import TextStats
from editor.ui.findings_panel import FindingsPanel
from editor.ui.preview import LIGHT_FROM_CHARS
from editor.ui.session import DocumentSession
from editor.ui.settings_store import Preferences, SettingsStore, editor_font
from editor.ui.source_view import SourceView
from editor.ui.status import StatusBar
from editor.ui.theme import apply_palette, is_dark
from editor.ui.worker import RenderLintWorker

if TYPE_CHECKING:
    from editor.core.render import RenderResult  # (the renderer is imported after the window shows)


LIGHT_NOTICE = "Light preview (View > Light Preview, Ctrl+Alt+P, switches to the web preview)"


class Preview(Protocol):
    """What the controller needs from either preview."""

    def show_result(self, result: RenderResult) -> None: ...
    def scroll_to_line(self, line: int) -> None: ...
    def set_dark(self, dark: bool) -> None: ...
    def set_base_folder(self, folder: Path | None) -> None: ...
    def set_remote_images(self, allowed: bool) -> None: ...
    def use_light(self, light: bool) -> None: ...
    @property
    def light(self) -> bool: ...


def non_overlapping(edits: Sequence[TextEdit]) -> list[TextEdit]:
    """*edits* in order, skipping any that overlap one already taken."""
    taken: list[TextEdit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if taken and (edit.start < taken[-1].end or edit.start == taken[-1].start):
            continue
        taken.append(edit)
    return taken


@dataclass
class Parts:
    """The pieces the controller works with."""

    session: DocumentSession
    source: SourceView
    preview: Preview
    panel: FindingsPanel
    status: StatusBar
    worker: RenderLintWorker
    store: SettingsStore


class WindowController(QObject):
    """Keeps preview, findings, underlines and status in step with the draft."""

    preferences_changed = Signal(object)  # Preferences
    preview_kind_changed = Signal(bool)  # whether the light preview shows

    def __init__(self, parts: Parts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.prefs = parts.store.preferences()
        self.project: LintSettings | None = None
        self.findings: list[Finding] = []
        self.findings_version = -1
        self.light_chosen: bool | None = None  # View > Light Preview, once the writer has used it

    # -- results -----------------------------------------------------------------------

    def request_update(self, version: int) -> None:
        """The text changed: ask the worker for a new render and lint."""
        self.parts.worker.request_later(self.parts.source.toPlainText, version)  # copied once, when sent

    def show_rendered(self, result: RenderResult) -> None:
        """Show a render result unless the draft has moved on since."""
        if result.version != self.parts.session.version:
            return
        self.parts.preview.show_result(result)

    def show_stats(self, version: int, stats: TextStats) -> None:
        """Show the draft's word and character count (counted with the render) unless it is stale."""
        if version == self.parts.session.version:
            self.parts.status.set_text_stats(stats)

    def show_findings(self, version: int, findings: list[Finding]) -> None:
        """Show findings in the panel and as a count now, and as underlines on later turns of the
        event loop (a few hundred per turn: a thousand take ~30 ms in all), unless they are stale."""
        if version != self.parts.session.version:
            return
        self.findings = findings
        self.findings_version = version
        self.parts.panel.set_findings(findings)
        self.parts.status.set_findings_count(len(findings))
        QTimer.singleShot(1, self, lambda: self._underline(version, findings))  # a timer: input goes first

    def _underline(self, version: int, findings: list[Finding]) -> None:
        if version == self.findings_version == self.parts.session.version:
            self.parts.source.set_findings_in_steps(findings)

    def show_caret(self) -> None:
        """Show the caret's line and column."""
        cursor = self.parts.source.textCursor()
        self.parts.status.set_position(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)

    # -- jumping -----------------------------------------------------------------------

    def jump_to(self, finding: Finding) -> None:
        """Select the finding's span in the editor and scroll the preview there."""
        self.parts.source.select_range(finding.line, finding.column, finding.end_line, finding.end_column)
        self.parts.preview.scroll_to_line(max(0, finding.line - 1))

    def show_line(self, line: int) -> None:
        """Select 1-based *line* (the earlier copy of a repetition) and scroll the preview there."""
        self.parts.source.select_range(line, 1, line, 1_000_000)
        self.parts.preview.scroll_to_line(max(0, line - 1))
        self.parts.status.showMessage(f"The earlier copy starts on line {line}.", 4000)

    # -- fixes ---------------------------------------------------------------------------

    def _relint_now(self) -> None:
        session, worker = self.parts.session, self.parts.worker
        worker.request(self.parts.source.toPlainText(), session.version)
        worker.flush()

    def _current(self, finding: Finding) -> Finding | None:
        """*finding* as linted at the current version (the same rule, place and message)."""
        if finding.fix is not None and finding.fix.version == self.parts.session.version:
            return finding
        self._relint_now()
        for candidate in self.findings:
            if (candidate.rule, candidate.line, candidate.column, candidate.message) == (
                finding.rule,
                finding.line,
                finding.column,
                finding.message,
            ):
                return candidate
        return None

    def apply_fix(self, finding: Finding) -> None:
        """Apply the finding's fix as one undo step (re-linting first if the text changed)."""
        current = self._current(finding)
        if current is None or current.fix is None or current.fix.version != self.parts.session.version:
            self.parts.status.showMessage("That finding is gone: the draft changed.", 4000)
            return
        self.parts.source.apply_edits(current.fix.edits)
        self.parts.status.showMessage(f"{current.fix.description}. Ctrl+Z undoes it.", 4000)

    def fix_rule(self, rule: str) -> None:
        """Apply every safe fix of *rule* that does not overlap another, as one undo step."""
        if any(f.fix is not None and f.fix.version != self.parts.session.version for f in self.findings):
            self._relint_now()
        version = self.parts.session.version
        fixes = [f.fix for f in self.findings if f.rule == rule and f.fix and f.fix.safe]
        edits = [edit for fix in fixes if fix is not None and fix.version == version for edit in fix.edits]
        if not edits:
            return
        self.parts.source.apply_edits(non_overlapping(edits))
        self.parts.status.showMessage(f"Fixed {len(fixes)} × {rule}. Ctrl+Z undoes it.", 4000)

    def mute_rule(self, rule: str) -> None:
        """Turn *rule* off (saved with the preferences); Preferences turns it back on."""
        prefs = dataclasses.replace(self.prefs, disabled_rules=self.prefs.disabled_rules | {rule})
        self.apply_preferences(prefs)
        self.parts.status.showMessage(f"Muted {rule}. Turn it back on in Edit > Preferences.", 6000)

    # -- settings ------------------------------------------------------------------------

    def draft_opened(self, path: Path | None) -> None:
        """A draft was opened: use its folder for images and its project's lint settings."""
        self.parts.preview.set_base_folder(self.parts.session.folder())
        light = self.light_chosen
        if light is None:  # the writer has not chosen: a long draft gets the light one, to keep memory low
            light = self.parts.source.document().characterCount() >= LIGHT_FROM_CHARS
        self._show_light_preview(light)
        if self._checks_pending():
            self.parts.panel.show_checking()
            self.parts.status.show_pending()
        self.project = None
        try:
            settings = load_settings(path)
        except ConfigError as error:
            self.parts.status.showMessage(f"Project settings ignored: {error}", 8000)
        else:
            self.project = settings.lint if settings.source is not None else None
        self._apply_lint_settings()

    def choose_light_preview(self, light: bool) -> None:
        """The writer's choice (View > Light Preview): it holds for the drafts opened after it too."""
        self.light_chosen = light
        self._show_light_preview(light)
        if light != self.parts.preview.light:
            self.parts.status.showMessage("The web preview cannot start here: the light preview stays.", 6000)

    def _show_light_preview(self, light: bool) -> None:
        preview = self.parts.preview
        before = preview.light
        preview.use_light(light)
        self.preview_kind_changed.emit(preview.light)
        if before != preview.light:
            self.parts.status.set_notice(LIGHT_NOTICE if preview.light else "")

    def preview_failed(self, problem: str) -> None:
        """The web view could not start: the light preview shows instead, and the status bar says why."""
        self.parts.status.set_notice(problem)
        self.preview_kind_changed.emit(True)

    def _checks_pending(self) -> bool:
        """Whether the findings are still to come (from the worker process, or after the first paint)."""
        later = self.parts.worker.results_later(self.parts.source.document().characterCount())
        return later and self.findings_version != self.parts.session.version

    def lint_settings(self) -> LintSettings:
        """The project's settings when it has a config file (muted rules added), else the preferences'."""
        if self.project is not None:
            return dataclasses.replace(self.project, disable=self.project.disable | self.prefs.disabled_rules)
        return self.prefs.lint_settings()

    def _apply_lint_settings(self) -> None:
        settings = self.lint_settings()
        self.parts.source.set_line_limit(settings.max_line_length)
        self.parts.worker.set_settings(settings)

    def apply_preferences(self, prefs: Preferences, *, save: bool = True) -> None:
        """Use (and save) *prefs*: checks, theme, font, wrap, remote images, delay."""
        self.prefs = prefs
        if save:
            self.parts.store.save_preferences(prefs)
        self.parts.worker.set_delay(prefs.debounce_ms)
        self.parts.source.set_editor_font(editor_font(prefs))
        self.parts.source.set_soft_wrap(prefs.soft_wrap)
        self.parts.preview.set_remote_images(prefs.remote_images)
        self.apply_theme()
        self._apply_lint_settings()
        self.preferences_changed.emit(prefs)

    def apply_theme(self) -> None:
        """Colour the application, the editor and the preview for the chosen theme."""
        dark = is_dark(self.prefs.theme)
        apply_palette(dark)
        self.parts.source.set_dark(dark)
        self.parts.preview.set_dark(dark)

    def set_option(self, **changes: object) -> None:
        """Change some preferences from the View menu (theme, soft_wrap, remote_images)."""
        prefs = dataclasses.replace(self.prefs, **changes)  # type: ignore[arg-type]
        if prefs != self.prefs:
            self.apply_preferences(prefs)
