"""The findings panel: what the checks found, grouped by family, with jump, fix and mute."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.lint.model import Finding
from editor.ui.findings_rows import ROLE, by_family, children, update_rows

FAMILY_TITLES = {"repetition": "Repetition", "line-length": "Line length", "list-balance": "List balance"}
COLUMN_PADDING = 16  # pixels beside a cell's text (the style's margins and some air)


CHECKING = "Checking the draft…"


def family_title(family: str, count: int) -> str:
    """The group heading, for example ``Repetition (3)``."""
    return f"{FAMILY_TITLES.get(family, family.title())} ({count})"


def summary(findings: Sequence[Finding]) -> str:
    """One line above the list saying how many findings there are."""
    if not findings:
        return "No findings: nothing repeated, no overlong lines, lists look balanced."
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"


def _key(finding: Finding) -> tuple[str, int, int]:
    return (finding.rule, finding.line, finding.column)


class WrappingDelegate(QStyledItemDelegate):
    """Paints a column's text wrapped at the column width, rows as tall as their text needs."""

    PAD = 3

    def __init__(self, tree: QTreeWidget, column: int) -> None:
        super().__init__(tree)
        self._tree = tree
        self._column = column

    def _text_rect(self, width: int) -> QRect:
        return QRect(0, 0, max(40, width - 2 * self.PAD), 100_000)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = str(index.data() or "")
        width = self._tree.columnWidth(self._column)
        flags = Qt.TextFlag.TextWordWrap
        height = option.fontMetrics.boundingRect(self._text_rect(width), flags, text).height()
        return QSize(width, height + 2 * self.PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(item.palette.color(role))
        rect = item.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
        painter.restore()


class FindingsPanel(QWidget):
    """Findings grouped by family; rows show line, message and rule. It only emits what the writer wants."""

    activated = Signal(object)  # Finding: select its span
    fix_requested = Signal(object)  # Finding
    fix_rule_requested = Signal(str)  # rule id: fix every safe finding of it
    related_requested = Signal(int)  # 1-based line of the earlier copy
    mute_requested = Signal(str)  # rule id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings")
        self._findings: list[Finding] = []
        self._collapsed: set[str] = set()
        self.summary_label = QLabel(summary([]))
        self.summary_label.setAccessibleName("Findings summary")
        self.summary_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Findings list")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Line", "Message", "Rule"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # sized by _fit_columns
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._rewrap)
        self.tree.setItemDelegateForColumn(1, WrappingDelegate(self.tree, 1))
        self.fix_button = _button("&Fix", "Apply the suggested fix to this finding (Ctrl+Z undoes it)")
        self.fix_rule_button = _button("Fix All of This &Rule", "Apply every safe fix of this rule at once")
        self.related_button = _button("Show &Earlier Copy", "Jump to the first copy of this repeated text")
        self._build()
        self._connect()
        self._update_buttons()
        self._fit_columns()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.fix_button, self.fix_rule_button, self.related_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.tree.itemClicked.connect(self._on_item_activated)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemCollapsed.connect(lambda item: self._collapsed.add(str(item.data(0, ROLE))))
        self.tree.itemExpanded.connect(lambda item: self._collapsed.discard(str(item.data(0, ROLE))))
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self.fix_button.clicked.connect(self.fix_current)
        self.fix_rule_button.clicked.connect(self.fix_current_rule)
        self.related_button.clicked.connect(self.show_related)
        fix_key = QAction(self.tree)
        fix_key.setShortcut(QKeySequence("Ctrl+."))
        fix_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        fix_key.triggered.connect(self.fix_current)
        self.tree.addAction(fix_key)

    def _rewrap(self, index: int, _old: int, _new: int) -> None:
        if index == 1:
            self.tree.doItemsLayout()

    # -- contents -------------------------------------------------------------------

    @property
    def findings(self) -> list[Finding]:
        """The findings shown."""
        return list(self._findings)

    def show_checking(self) -> None:
        """A draft was just opened and its checks are still running: no rows of the last draft."""
        self.set_findings([])
        self.summary_label.setText(CHECKING)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show *findings*, updating the rows in place: selection, scroll and collapsed groups stay.

        Rows whose finding only moved or got a newer fix keep their item (its line and
        finding are updated); only the rows that really changed are replaced.
        """
        current = self.current_finding()
        self._findings = list(findings)
        self.tree.setUpdatesEnabled(False)
        try:
            self._update_groups(by_family(self._findings))
        finally:
            self.tree.setUpdatesEnabled(True)
        if self.current_finding() is None and current is not None:
            self.select_finding(current)
        self._fit_columns()
        self.tree.viewport().update()
        self.summary_label.setText(summary(self._findings))
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Size the line and rule columns to their widest text.

        Worked out from the findings rather than by the header's resize-to-contents,
        which measures up to a thousand rows on every layout (~35 ms with 1,000 findings).
        """
        metrics = self.tree.fontMetrics()
        changed = False
        lines = [str(max((f.line for f in self._findings), default=0))]
        rules = sorted({f.rule for f in self._findings})
        indent = 2 * self.tree.indentation()  # a row sits under its group, which has a branch mark
        for column, texts, extra in ((0, lines, indent), (2, rules, 0)):
            header_width = self.tree.header().sectionSizeHint(column)
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            width = max(header_width, widest + extra + COLUMN_PADDING)
            if self.tree.columnWidth(column) != width:
                self.tree.setColumnWidth(column, width)
                changed = True
        if changed:  # the message column gave or took the difference: its rows rewrap
            self.tree.scheduleDelayedItemsLayout()

    def _update_groups(self, families: dict[str, list[Finding]]) -> None:
        groups = {str(g.data(0, ROLE)): g for g in children(self.tree.invisibleRootItem())}
        for family, group in groups.items():
            if family not in families:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
        for index, (family, members) in enumerate(families.items()):
            group = groups.get(family)
            if group is None:
                group = self._new_group(family, index)
            update_rows(group, members)
            title = family_title(family, len(members))
            if group.text(0) != title:
                group.setText(0, title)

    def _new_group(self, family: str, index: int) -> QTreeWidgetItem:
        group = QTreeWidgetItem()
        group.setData(0, ROLE, family)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        self.tree.insertTopLevelItem(index, group)
        group.setFirstColumnSpanned(True)
        group.setExpanded(family not in self._collapsed)
        return group

    def current_finding(self) -> Finding | None:
        """The finding of the selected row (None on a group heading or nothing)."""
        item = self.tree.currentItem()
        value = None if item is None else item.data(0, ROLE)
        return value if isinstance(value, Finding) else None

    def select_finding(self, finding: Finding) -> None:
        """Select the row of *finding* (by rule and place) if it is shown."""
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for child in range(group.childCount() if group is not None else 0):
                item = group.child(child) if group is not None else None
                value = item.data(0, ROLE) if item is not None else None
                if item is not None and isinstance(value, Finding) and _key(value) == _key(finding):
                    self.tree.setCurrentItem(item)
                    return

    # -- actions --------------------------------------------------------------------

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        value = item.data(0, ROLE)
        if isinstance(value, Finding):
            self.activated.emit(value)

    def fix_current(self) -> None:
        """Ask for the selected finding's fix."""
        finding = self.current_finding()
        if finding is not None and finding.fix is not None:
            self.fix_requested.emit(finding)

    def fix_current_rule(self) -> None:
        """Ask for every safe fix of the selected finding's rule."""
        finding = self.current_finding()
        if finding is not None and self._rule_fixable(finding.rule):
            self.fix_rule_requested.emit(finding.rule)

    def show_related(self) -> None:
        """Ask to jump to the earlier copy of the selected repetition."""
        finding = self.current_finding()
        if finding is not None and finding.related:
            self.related_requested.emit(finding.related[0])

    def _rule_fixable(self, rule: str) -> bool:
        return any(f.rule == rule and f.fix is not None and f.fix.safe for f in self._findings)

    def _update_buttons(self) -> None:
        finding = self.current_finding()
        self.fix_button.setEnabled(finding is not None and finding.fix is not None)
        self.fix_rule_button.setEnabled(finding is not None and self._rule_fixable(finding.rule))
        self.related_button.setEnabled(finding is not None and bool(finding.related))
        if finding is not None and finding.fix is not None:
            self.fix_button.setToolTip(f"{finding.fix.description} (Ctrl+Z undoes it)")

    def _show_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        finding = self.current_finding()
        if finding is None:
            return
        menu = self.context_menu(finding)
        menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

    def context_menu(self, finding: Finding) -> QMenu:
        """The row's menu: Fix, Fix all of this rule, Show earlier copy, Mute rule."""
        menu = QMenu(self)
        menu.setAccessibleName("Finding actions")
        fix = menu.addAction(finding.fix.description if finding.fix else "Fix")
        fix.setEnabled(finding.fix is not None)
        fix.triggered.connect(lambda: self.fix_requested.emit(finding))
        fix_rule = menu.addAction(f"Fix All '{finding.rule}'")
        fix_rule.setEnabled(self._rule_fixable(finding.rule))
        fix_rule.triggered.connect(lambda: self.fix_rule_requested.emit(finding.rule))
        if finding.related:
            related = menu.addAction("Show Earlier Copy")
            related.triggered.connect(lambda: self.related_requested.emit(finding.related[0]))
        menu.addSeparator()
        mute = menu.addAction(f"Mute Rule '{finding.rule}'")
        mute.triggered.connect(lambda: self.mute_requested.emit(finding.rule))
        return menu


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(text.replace("&", ""))
    return button
