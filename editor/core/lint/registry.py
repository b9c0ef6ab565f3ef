"""The explicit list of rules, family by family."""

from __future__ import annotations

from editor.core.lint import line_length, lists, repetition
from editor.core.lint.model import Rule

RULES: tuple[Rule, ...] = (*repetition.RULES, *line_length.RULES, *lists.RULES)


def rule_by_id(rule_id: str) -> Rule | None:
    """The registered rule with this id, if there is one."""
    for rule in RULES:
        if rule.id == rule_id:
            return rule
    return None
