"""The repetition rules."""

from __future__ import annotations

from editor.core.lint.model import Rule

RULES: tuple[Rule, ...] = ()
