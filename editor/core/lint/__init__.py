"""The checks: findings model, rule registry, ``lint(document, settings) -> list[Finding]``.

The model is imported at once; the engine and the rules (a tenth of a second of imports)
when first used, so that the window, which needs the model from the start, shows sooner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from editor.core.lint.model import (
    FAMILIES,
    Finding,
    Fix,
    LintContext,
    Report,
    Rule,
    TextEdit,
)

if TYPE_CHECKING:
    from editor.core.lint.engine import apply_edits, apply_fixes, lint, lint_parsed
    from editor.core.lint.registry import RULES, rule_by_id

_LAZY = {
    "apply_edits": "engine",
    "apply_fixes": "engine",
    "lint": "engine",
    "lint_parsed": "engine",
    "RULES": "registry",
    "rule_by_id": "registry",
}


if not TYPE_CHECKING:  # (mypy reads the imports above, and so checks every name)

    def __getattr__(name: str) -> Any:
        """The engine's and the registry's names, imported on first use."""
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{__name__}.{module}"), name)


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
