"""The findings panel updates its rows in place and ends up showing what a fresh panel shows."""

from __future__ import annotations

import dataclasses
import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from editor.core.lint.model import Finding, Fix
from editor.ui.findings_panel import FindingsPanel
from tests.ui.conftest import on_screen

ROLE = Qt.ItemDataRole.UserRole
RULES = (
    ("repeated-passage", "repetition"),
    ("overlong-line", "line-length"),
    ("mixed-bullet-markers", "list-balance"),
    ("custom-rule", "custom"),
)


def _finding(index: int, line: int, version: int, *, message: str | None = None) -> Finding:
    rule, family = RULES[index % len(RULES)]
    fix = Fix("Rewrap the line", (), version) if index % 3 == 0 else None
    text = message or f"Finding {index} says something long enough to wrap in a narrow panel " * (
        index % 3 + 1
    )
    return Finding(rule, family, "warning", line, 1 + index % 5, line, 9, text, fix=fix)


def _draft_findings(count: int, version: int, *, shift_from: int = 10**9, shift: int = 0) -> list[Finding]:
    """Findings on lines 1, 11, 21, …; those at or after *shift_from* moved down by *shift*."""
    findings = []
    for index in range(count):
        line = 1 + 10 * index
        findings.append(_finding(index, line + (shift if line >= shift_from else 0), version))
    return findings


def _shown(panel: FindingsPanel) -> list[tuple[object, ...]]:
    """Everything the tree shows, group by group and row by row."""
    tree = panel.tree
    rows: list[tuple[object, ...]] = []
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        assert group is not None
        rows.append(("group", group.text(0), group.data(0, ROLE), group.isExpanded()))
        for child in range(group.childCount()):
            item = group.child(child)
            assert item is not None
            rows.append(_row_contents(item))
    return rows


def _row_contents(item: QTreeWidgetItem) -> tuple[object, ...]:
    texts = tuple(item.text(column) for column in range(3))
    tips = tuple(item.toolTip(column) for column in range(3))
    return ("row", texts, tips, item.data(0, ROLE))


def _fresh(qtbot: QtBot, findings: list[Finding], collapsed: set[str]) -> FindingsPanel:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel._collapsed = set(collapsed)
    panel.set_findings(findings)
    return panel


def test_typing_keeps_the_selected_row_and_points_it_at_the_new_finding(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_findings(_draft_findings(60, version=1))
    group = panel.tree.topLevelItem(1)
    assert group is not None
    row = next(r for i in range(5, group.childCount()) if (r := group.child(i)).data(0, ROLE).fix)
    panel.tree.setCurrentItem(row)
    panel.tree.scrollToItem(row)
    scrolled = panel.tree.verticalScrollBar().value()
    selected = panel.current_finding()
    assert selected is not None

    newer = _draft_findings(60, version=2, shift_from=selected.line + 1, shift=2)
    panel.set_findings(newer)

    assert panel.tree.currentItem() is row
    current = panel.current_finding()
    assert current is not None and current.fix is not None and current.fix.version == 2
    assert panel.tree.verticalScrollBar().value() == scrolled
    assert _shown(panel) == _shown(_fresh(qtbot, newer, set()))


def test_a_removed_selected_finding_hands_the_selection_to_its_replacement(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    old = _draft_findings(12, version=1)
    panel.set_findings(old)
    panel.select_finding(old[4])
    reworded = [*old[:4], dataclasses.replace(old[4], message="Now it says something else"), *old[5:]]
    panel.set_findings(reworded)
    assert panel.current_finding() == reworded[4]


@pytest.mark.parametrize("seed", range(30))
def test_updates_in_place_show_what_a_fresh_panel_shows(qtbot: QtBot, seed: int) -> None:
    chance = random.Random(seed)
    steps = chance.randint(1, 8)
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    findings = _draft_findings(chance.randint(0, 40), version=0)
    panel.set_findings(findings)
    for version in range(1, steps + 1):
        findings = _next(chance, findings, version)
        if chance.random() < 0.2 and panel.tree.topLevelItemCount():
            group = panel.tree.topLevelItem(chance.randrange(panel.tree.topLevelItemCount()))
            assert group is not None
            group.setExpanded(False)
        panel.set_findings(findings)
        assert _shown(panel) == _shown(_fresh(qtbot, findings, panel._collapsed))
        assert panel.findings == findings


def _next(chance: random.Random, findings: list[Finding], version: int) -> list[Finding]:
    """The findings of the next version: lines moved, some removed, reworded or added, fixes renewed."""
    shift_from, shift = chance.randint(0, 400), chance.choice((0, 0, 1, 3, -1))
    result = []
    for index, finding in enumerate(findings):
        roll = chance.random()
        if roll < 0.1:
            continue
        line = finding.line + (shift if finding.line >= shift_from and finding.line + shift > 0 else 0)
        moved = dataclasses.replace(finding, line=line, end_line=line)
        if finding.fix is not None:
            moved = dataclasses.replace(moved, fix=dataclasses.replace(finding.fix, version=version))
        if roll < 0.2:
            moved = dataclasses.replace(moved, message=f"Reworded at version {version}")
        result.append(moved)
        if roll > 0.95:
            result.append(_finding(index + 1000 * version, line + 1, version))
    return result


def test_the_line_and_rule_columns_fit_their_widest_text(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    findings = _draft_findings(40, version=1)
    findings.append(_finding(7, 123_456, 1))
    panel.set_findings(findings)
    tree = panel.tree
    for column in (0, 2):
        assert tree.columnWidth(column) >= tree.sizeHintForColumn(column)
    panel.set_findings(findings[:3])
    assert tree.columnWidth(0) < tree.sizeHintForColumn(0) + 30  # narrows again


def _cut_rows(panel: FindingsPanel) -> list[str]:
    """Rows too short for their wrapped message at the message column's current width."""
    tree = panel.tree
    width = tree.columnWidth(1) - 6
    cut = []
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        assert group is not None
        for child in range(group.childCount()):
            row = group.child(child)
            assert row is not None
            needed = tree.fontMetrics().boundingRect(
                0, 0, width, 100_000, Qt.TextFlag.TextWordWrap, row.text(1)
            )
            if tree.visualItemRect(row).height() < needed.height():
                cut.append(row.text(0))
    return cut


def test_messages_are_never_cut_off_when_findings_come_before_the_panel_shows(qtbot: QtBot) -> None:
    message = "This passage (lines 9-15) repeats lines 2-8 word for word; readers will read it twice."
    findings = [
        Finding("repeated-passage", "repetition", "warning", n, 1, n, 2, message) for n in (9, 22, 32)
    ]
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings(findings)  # a small draft's findings are in before the window first shows
    panel.resize(420, 700)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(50)
    assert _cut_rows(panel) == []
    panel.resize(300, 700)  # narrower: the rows grow
    qtbot.wait(50)
    assert _cut_rows(panel) == []


def test_messages_are_never_cut_off_when_the_rule_column_widens(qtbot: QtBot) -> None:
    panel = on_screen(qtbot, FindingsPanel(), 440, 700)
    message = "This passage (lines 9-15) repeats lines 2-8 word for word; readers will read it twice. " * 3
    short = [Finding("x", "custom", "warning", n, 1, n, 2, message) for n in (1, 2, 3)]
    panel.set_findings(short)
    qtbot.wait(50)
    assert _cut_rows(panel) == []
    long = [dataclasses.replace(f, rule="a-much-longer-rule-name", line=f.line + 1000) for f in short]
    panel.set_findings(long)  # the line and rule columns widen, the message column narrows: rows rewrap
    qtbot.wait(50)
    assert _cut_rows(panel) == []
