"""Running the registered rules over a parsed document, and applying fixes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from editor.core.config import LintSettings
from editor.core.document import Document
from editor.core.lint.model import Finding, Fix, LintContext, LintMemo, Report, Rule, TextEdit
from editor.core.markdown import MarkdownParser, ParsedDocument


def lint(
    document: Document,
    settings: LintSettings | None = None,
    *,
    parser: MarkdownParser | None = None,
) -> list[Finding]:
    """All findings of the enabled rules, sorted by place."""
    parser = parser or MarkdownParser()
    return lint_parsed(parser.parse(document), settings or LintSettings())


def lint_parsed(
    parsed: ParsedDocument,
    settings: LintSettings,
    *,
    rules: Sequence[Rule] | None = None,
    memo: LintMemo | None = None,
    fixes: bool = True,
    same_run: bool = False,
) -> list[Finding]:
    """Run *rules* (default: all registered and enabled) over an already parsed document.

    Pass the same *memo* for successive versions of a draft to reuse per-block work.
    With ``fixes=False`` the findings come without fixes, and checks may skip making them.
    ``same_run``: these rules are part of the memo's last run (of the same version), so what
    that run remembered stays for the next (a version checked a few rules at a time).
    """
    from editor.core.lint.registry import RULES

    memo = memo or LintMemo()
    if not same_run:
        memo.next_run()
    context = LintContext(parsed.document, parsed, settings, memo=memo, fixes=fixes)
    findings: list[Finding] = []
    for rule in rules if rules is not None else RULES:
        if settings.enabled(rule.id):
            findings.extend(_findings(rule, rule.check(context), fixes))
    return in_order(findings)


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """*findings* sorted by place (then rule), as reports list them."""
    return sorted(findings, key=lambda f: (f.line, f.column, f.rule))


def _findings(rule: Rule, reports: Iterable[Report], fixes: bool) -> Iterable[Finding]:
    for report in reports:
        yield Finding(
            rule=rule.id,
            family=rule.family,
            severity=report.severity or rule.severity,
            line=report.line + 1,
            column=report.column + 1,
            end_line=report.end_line + 1,
            end_column=report.end_column + 1,
            message=_sentence(report.message),
            related=tuple(line + 1 for line in report.related),
            fix=_described(report.fix) if fixes else None,
        )


def _described(fix: Fix | None) -> Fix | None:
    if fix is None or fix.description[:1].isupper():
        return fix
    return replace(fix, description=_sentence(fix.description))


def _sentence(message: str) -> str:
    """Messages are sentences: they start with a capital letter, whichever rule wrote them."""
    return message[:1].upper() + message[1:]


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """Apply non-overlapping edits to *text* (they are applied from the end backwards)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end), reverse=True)
    limit = len(text) + 1
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text) or edit.end > limit:
            raise ValueError(f"edit {edit} overlaps another or lies outside the text")
        text = text[: edit.start] + edit.text + text[edit.end :]
        limit = edit.start
    return text


def apply_fixes(document: Document, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """Apply the safe fixes of *findings* that do not overlap; return the text and those applied."""
    taken: list[TextEdit] = []
    applied: list[Finding] = []
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.safe or fix.version != document.version:
            continue
        if any(_overlaps(edit, other) for edit in fix.edits for other in taken):
            continue
        taken.extend(fix.edits)
        applied.append(finding)
    return apply_edits(document.text, taken), applied


def _overlaps(a: TextEdit, b: TextEdit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True
    return (a.start < b.end and b.start < a.end) or a.start == b.start
