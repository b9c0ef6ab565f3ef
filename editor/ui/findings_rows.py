"""The findings panel's rows: findings grouped by family, updated in place as new findings come.

A row whose finding only moved or got a newer fix keeps its item; only the rows that
really changed are replaced, so the selection, the scroll position and the view's layout
of a thousand rows survive each update.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from editor.core.lint.model import FAMILIES, Finding

ROLE = Qt.ItemDataRole.UserRole  # a row's Finding, a group's family


def by_family(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """*findings* grouped by family: the known families first, in their order, then the others."""
    families: dict[str, list[Finding]] = {f: [] for f in FAMILIES}
    for finding in findings:
        families.setdefault(finding.family, []).append(finding)
    known = {family: members for family, members in families.items() if members and family in FAMILIES}
    others = sorted(set(families) - set(FAMILIES))
    return known | {family: families[family] for family in others if families[family]}


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for index in range(item.childCount()) if (child := item.child(index)) is not None]


def _shape(finding: Finding) -> tuple[object, ...]:
    """A finding apart from its line and message: a row whose shape holds can be updated in place."""
    return (
        finding.rule,
        finding.severity,
        finding.column,
        finding.end_line - finding.line,
        finding.end_column,
        finding.fix.description if finding.fix is not None else None,
    )


def update_rows(group: QTreeWidgetItem, members: Sequence[Finding]) -> None:
    """Make *group*'s rows show *members*: keep the rows at both ends whose shape holds, renew the rest."""
    rows = children(group)
    shown = [row.data(0, ROLE) for row in rows]
    head, tail = _common_ends([_shape(f) for f in shown], [_shape(f) for f in members])
    kept = rows[:head] + rows[len(rows) - tail :]
    was = shown[:head] + shown[len(shown) - tail :]
    _refresh(group, list(zip(kept, was, strict=True)), members[:head] + members[len(members) - tail :])
    for row in rows[head : len(rows) - tail]:
        group.removeChild(row)
    group.insertChildren(head, [_row(finding) for finding in members[head : len(members) - tail]])


def _common_ends(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """How many items at the start and (of the rest) at the end of *old* and *new* are equal."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return head, tail


def _refresh(
    group: QTreeWidgetItem, rows: Sequence[tuple[QTreeWidgetItem, Finding]], findings: Sequence[Finding]
) -> None:
    """Point kept *rows* (with the finding each shows) at their new *findings* (a moved line,
    a newer fix, a new message).

    The model's change signals, which make the view measure each changed row on its
    own, are held back; when a message changed (its row may need another height) the
    view lays its rows out again once, later. The caller repaints the view.
    """
    tree = group.treeWidget()
    if tree is None:
        return
    model = tree.model()
    reworded = False
    widened = []
    blocked = model.blockSignals(True)
    try:
        for (row, old), finding in zip(rows, findings, strict=True):
            if old is finding:
                continue
            row.setData(0, ROLE, finding)
            if old.line != finding.line:
                if len(str(old.line)) == len(str(finding.line)):
                    row.setText(0, str(finding.line))
                else:
                    widened.append((row, str(finding.line)))  # below: the column may need another width
            if old.message != finding.message:
                reworded = True
                row.setText(1, finding.message)
                _set_tips(row, finding)
    finally:
        model.blockSignals(blocked)
    for row, line in widened:
        row.setText(0, line)
    if reworded:
        tree.scheduleDelayedItemsLayout()


def _row(finding: Finding) -> QTreeWidgetItem:
    row = QTreeWidgetItem([str(finding.line), finding.message, finding.rule])
    row.setData(0, ROLE, finding)
    row.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    row.setTextAlignment(2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    _set_tips(row, finding)
    return row


def _set_tips(row: QTreeWidgetItem, finding: Finding) -> None:
    tip = finding.message
    if finding.fix is not None:
        tip += f"\nFix: {finding.fix.description}"
    for column in range(3):
        row.setToolTip(column, tip)
