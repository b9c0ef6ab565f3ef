"""The line-length rules: prose lines, code lines and headings wider than their limits.

Widths are display columns of the Markdown source line (see :mod:`width`). A
prose line or heading is not reported when wrapping cannot help (see
:mod:`breaks`): what sticks out past the limit is its last word, however long
(a URL, a path: markdownlint's MD013 rule), or a link that starts inside the
limit; nor when the line holds nothing but links and images (badges). CJK text
can break between any two characters and so is reported. Code does not wrap at
all, so every code line over its limit is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from editor.core.document import Document
from editor.core.lint.blockwise import blockwise
from editor.core.lint.breaks import body_start, fits_plainly, overflow_column
from editor.core.lint.line_layout import Layout, TextBlock, block_layout
from editor.core.lint.model import Fix, LintContext, Report, Rule, TextEdit
from editor.core.lint.rewrap import rewrap, split_lines
from editor.core.lint.width import column_index, display_width
from editor.core.markdown import ParsedBlock, default_markdown

FAMILY = "line-length"


def check_overlong_line(ctx: LintContext) -> Iterator[Report]:
    """Prose lines wider than the limit that a reader's mail client will wrap unevenly."""
    key = ("overlong-line", ctx.settings.max_line_length, ctx.memo.token(_references(ctx)), ctx.fixes)
    return blockwise(ctx, key, _overlong_lines)


def _overlong_lines(ctx: LintContext, parsed: ParsedBlock) -> Iterator[Report]:
    limit = ctx.settings.max_line_length
    for block in _layout(ctx, parsed).text_blocks:
        if block.kind != "paragraph":
            continue
        flagged = _flagged(ctx, block, limit)
        if not flagged:
            continue
        fix = _rewrap_fix(ctx, block, flagged, limit) if ctx.fixes else None  # it renders the paragraph twice
        for line, column in flagged.items():
            width = display_width(ctx.lines[line].rstrip(" \t"))
            message = (
                f"This line is {width} columns wide (limit {limit}); "
                "it will wrap unevenly in plain-text mail and narrow windows."
            )
            yield Report(line, column, line, len(ctx.lines[line]), message, fix=fix)


def check_overlong_heading(ctx: LintContext) -> Iterator[Report]:
    """Headings wider than the heading limit."""
    return blockwise(ctx, ("overlong-heading", ctx.settings.max_heading_length), _overlong_headings)


def _overlong_headings(ctx: LintContext, parsed: ParsedBlock) -> Iterator[Report]:
    limit = ctx.settings.max_heading_length
    for block in _layout(ctx, parsed).text_blocks:
        if block.kind != "heading":
            continue
        for line, column in _flagged(ctx, block, limit).items():
            width = display_width(ctx.lines[line].rstrip(" \t"))
            message = (
                f"This heading is {width} columns wide (limit {limit}); "
                "long headings wrap in narrow windows and are cut short in tables of contents."
            )
            yield Report(line, column, line, len(ctx.lines[line]), message)


def check_overlong_code_line(ctx: LintContext) -> Iterator[Report]:
    """Code lines wider than the code limit: code never wraps."""
    return blockwise(ctx, ("overlong-code-line", ctx.settings.max_code_line_length), _overlong_code)


def _overlong_code(ctx: LintContext, parsed: ParsedBlock) -> Iterator[Report]:
    limit = ctx.settings.max_code_line_length
    for line in _layout(ctx, parsed).code_lines:
        text = ctx.lines[line].rstrip(" \t")
        width = display_width(text)
        if width > limit:
            message = (
                f"This code line is {width} columns wide (limit {limit}); code does not wrap, "
                "so mail clients and phones cut it off or make readers scroll sideways."
            )
            yield Report(line, column_index(text, limit), line, len(ctx.lines[line]), message)


def _layout(ctx: LintContext, parsed: ParsedBlock) -> Layout:
    """The block's layout, shared by the three rules within a run."""
    layouts = ctx.cache.setdefault("line_length.block_layouts", {})
    assert isinstance(layouts, dict)
    found = layouts.get(id(parsed))
    if not isinstance(found, Layout):
        found = layouts[id(parsed)] = block_layout(parsed)
    return found


def _flagged(ctx: LintContext, block: TextBlock, limit: int) -> dict[int, int]:
    """The block's reportable lines and the index where each one passes the limit."""
    flagged: dict[int, int] = {}
    for line in range(block.start, block.end):
        text = ctx.lines[line]
        if len(text) <= limit and fits_plainly(text, limit):
            continue  # what overflow_column would find first, without finding where the text starts
        column = overflow_column(text, limit, body_start(text, block.contents[line - block.start]))
        if column is not None:
            flagged[line] = column
    if flagged:
        link_only, comment_only = block.link_and_comment_lines()
        flagged = {line: column for line, column in flagged.items() if line not in link_only | comment_only}
    return flagged


def _rewrap_fix(ctx: LintContext, block: TextBlock, flagged: dict[int, int], limit: int) -> Fix | None:
    """Rewrap the paragraph's overlong lines, if that fits them and renders the same."""
    old = ctx.lines[block.start : block.end]
    marks = tuple(block.start + index in flagged for index in range(len(old)))
    new = rewrapped(old, block.contents, marks, limit, _references(ctx))
    edit = None if new is None else _replace_lines(ctx.document, block.start, old, list(new))
    if edit is None:
        return None
    return Fix(f"rewrap this paragraph at {limit} columns", (edit,), ctx.document.version)


References = tuple[tuple[str, str, str], ...]


def _references(ctx: LintContext) -> References:
    """The draft's link reference definitions as hashable data (they decide how links render)."""
    cached = ctx.cache.get("line_length.references")
    if not isinstance(cached, tuple):
        found = ctx.parsed.env.get("references", {})
        cached = tuple(sorted((label, ref["href"], ref["title"]) for label, ref in found.items()))
        ctx.cache["line_length.references"] = cached
    return cached


@lru_cache(maxsize=2048)
def rewrapped(
    old: tuple[str, ...], contents: tuple[str, ...], marks: tuple[bool, ...], limit: int, refs: References
) -> tuple[str, ...] | None:
    """A paragraph's lines with the marked ones rewrapped, or None when that cannot be done safely."""
    lines = split_lines(old, contents)
    if lines is None:
        return None
    pairs = rewrap(lines, marks, limit, lambda prefix, text: _fits(prefix, text, limit))
    if not all(_fits(prefix, text, limit) for prefix, text in pairs):
        return None
    before = "\n".join(line.body + line.trail for line in lines)
    if not _renders_same(before, "\n".join(text for _, text in pairs), refs):
        return None
    return tuple(prefix + text for prefix, text in pairs)


def _fits(prefix: str, text: str, limit: int) -> bool:
    return overflow_column(prefix + text, limit, len(prefix)) is None


def _renders_same(before: str, after: str, refs: References) -> bool:
    """Whether two versions of a paragraph render to the same HTML, whitespace aside."""
    md = default_markdown()
    references = {label: {"href": href, "title": title} for label, href, title in refs}
    html = [md.render(text, {"references": dict(references)}) for text in (before, after)]
    return " ".join(html[0].split()) == " ".join(html[1].split())


def _replace_lines(document: Document, start: int, old: tuple[str, ...], new: list[str]) -> TextEdit | None:
    """One edit replacing the lines that differ between *old* and *new*."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if head == len(old) == len(new):
        return None
    first, last = start + head, start + len(old) - tail - 1
    begin = document.offset(first, 0)
    end = document.offset(last, len(document.lines[last])) if last >= first else begin
    text = "\n".join(new[head : len(new) - tail])
    return TextEdit(begin, end, text if last >= first else text + "\n")


RULES: tuple[Rule, ...] = (
    Rule(
        "overlong-line",
        FAMILY,
        "warning",
        "A prose line wider than the line limit (unbreakable last words and link-only lines excepted).",
        check_overlong_line,
    ),
    Rule(
        "overlong-code-line",
        FAMILY,
        "warning",
        "A line in a code block wider than the code line limit.",
        check_overlong_code_line,
    ),
    Rule(
        "overlong-heading",
        FAMILY,
        "warning",
        "A heading wider than the heading limit.",
        check_overlong_heading,
    ),
)
