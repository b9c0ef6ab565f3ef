"""The checks: findings model, rule registry, ``lint(document, settings) -> list[Finding]``."""

from __future__ import annotations

from editor.core.lint.engine import apply_edits, apply_fixes, lint, lint_parsed
from editor.core.lint.model import (
    FAMILIES,
    Finding,
    Fix,
    LintContext,
    Report,
    Rule,
    TextEdit,
)
from editor.core.lint.registry import RULES, rule_by_id

__all__ = [
    "FAMILIES",
    "RULES",
    "Finding",
    "Fix",
    "LintContext",
    "Report",
    "Rule",
    "TextEdit",
    "apply_edits",
    "apply_fixes",
    "lint",
    "lint_parsed",
    "rule_by_id",
]
