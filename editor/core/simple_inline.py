"""The inline tokens of a plain one-line paragraph, worked out without markdown-it's inline parser.

A list of links is what a newsletter is mostly made of: the command line's checks read each
item's words (see ``lists_spacing``), and the preview renders them. For the common shape —
words, code spans and ``[label](http…)`` links whose label may be wrapped in ``**`` — the
tokens markdown-it would make are plain to see, and building them costs a fraction of
parsing. Anything outside that small grammar (emphasis elsewhere, escapes, entities,
HTML, images, autolinks, a bare URL or ``name.tld`` that linkify would turn into a
link, several lines) gives ``None``, and the caller parses as usual.

:func:`simple_inline_tokens` makes the token types and contents only (what the checks
read); :func:`full_inline_tokens` makes them field for field as markdown-it does (link
targets normalized by the parser's own ``normalizeLink``, levels, markup);
:func:`simple_inline_html` makes the HTML markdown-it renders of them without making them,
for the preview (at 1 MB, rendering took 0.47-0.58 s with the tokens, 0.34 s without,
2026-12-05). The tests hold all three to markdown-it's own output on every paragraph of the
corpus and on generated near-misses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

# Words and the punctuation no inline rule starts on. "." and ":" only before a space or
# at the end, "/" not before another: they may start a linkified URL ("crates.io", "http:",
# "//localhost").
_WORDS = r"(?:[^\W_]|[ ,()|'\"#%+=?;-]|/(?!/)|[.:!](?= |$))+"
# One backtick each side, not touching another (longer runs pair differently); no edge spaces.
_CODE = r"`[^`\[\]\s](?:[^`\[\]\n]*[^`\[\]\s])?`(?!`)"
_TARGET = r"\((?P<target>https?://[^\s\x00-\x1f\x7f()<>\[\]\\`]+)\)"  # control characters end a target
_PART = re.compile(rf"(?P<words>{_WORDS})|(?P<code>{_CODE})|\[(?P<label>[^\[\]\n]+)\]{_TARGET}")
_LABEL_PART = re.compile(rf"(?P<words>{_WORDS})|(?P<code>{_CODE})")


def simple_inline_tokens(source: str) -> list[Token] | None:
    """The children markdown-it gives an inline token with *source* (types and contents only),
    or None outside the grammar."""
    made = _made(source)
    return None if made is None else made[0]


def full_inline_tokens(source: str, md: MarkdownIt) -> list[Token] | None:
    """The children markdown-it's inline parser gives *source*, every field as it sets it
    (before the core rules that follow it: linkify, text_join), or None outside the grammar."""
    made = _made(source) if "&" not in source else None  # (an entity in a target is decoded)
    if made is None:
        return None
    tokens, targets = made
    hrefs = iter(targets)
    level = 0
    for token in tokens:
        level += min(token.nesting, 0)  # (a closing token sits at its opening's level)
        token.level = level
        level += max(token.nesting, 0)
        if token.type == "link_open":
            token.attrs = {"href": md.normalizeLink(next(hrefs))}
        elif token.type in ("strong_open", "strong_close"):
            token.markup = "**"
    return tokens


def simple_inline_html(source: str, md: MarkdownIt) -> str | None:
    """The HTML markdown-it renders for *source* as a paragraph's inline content (its inline
    parse, the core rules after it, its HTML renderer), made without tokens; None outside
    the grammar (as :func:`full_inline_tokens`)."""
    pieces = _pieces(source) if "&" not in source else None
    if pieces is None:
        return None
    html: list[str] = []
    for piece in pieces:
        if isinstance(piece, _Link):
            inner = "".join(_run_html(kind, text) for kind, text in piece.runs)
            inner = f"<strong>{inner}</strong>" if piece.strong else inner
            html.append(f'<a href="{escapeHtml(md.normalizeLink(piece.target))}">{inner}</a>')
        else:
            html.append(_run_html(*piece))
    return "".join(html)


def _run_html(kind: str, text: str) -> str:
    """A run of words or a code span as markdown-it's renderer writes it."""
    return f"<code>{escapeHtml(text[1:-1])}</code>" if kind == "code" else escapeHtml(text)


_Run = tuple[str, str]  # ("words" or "code", the source text)


@dataclass(frozen=True)
class _Link:
    """A ``[label](target)`` link: whether its label is all strong, and the runs inside."""

    strong: bool
    runs: list[_Run]
    target: str


def _pieces(source: str) -> list[_Run | _Link] | None:
    """*source* as runs and links, in order; None if it is outside the grammar."""
    pieces: list[_Run | _Link] = []
    position = 0
    while position < len(source):
        found = _PART.match(source, position)
        if found is None:
            return None
        label = found.group("label")
        if label is None:
            pieces.append((found.lastgroup or "", found.group(0)))
        else:
            link = _link(label, found.group("target"))
            if link is None:
                return None
            pieces.append(link)
        position = found.end()
    return pieces


def _link(label: str, target: str) -> _Link | None:
    """The link with *label* and *target*; None if the label is outside the grammar."""
    strong = len(label) > 4 and label.startswith("**") and label.endswith("**")
    inner = label[2:-2] if strong else label
    if strong and (inner[0].isspace() or inner[-1].isspace()):
        return None  # a "** " cannot open (nor " **" close) emphasis
    runs: list[_Run] = []
    position = 0
    while position < len(inner):
        found = _LABEL_PART.match(inner, position)
        if found is None:
            return None
        runs.append((found.lastgroup or "", found.group(0)))
        position = found.end()
    return _Link(strong, runs, target)


def _made(source: str) -> tuple[list[Token], list[str]] | None:
    """The tokens (types and contents) and the links' targets, or None outside the grammar."""
    pieces = _pieces(source)
    if pieces is None:
        return None
    tokens: list[Token] = []
    targets: list[str] = []
    for piece in pieces:
        if isinstance(piece, _Link):
            _add_link(tokens, piece)
            targets.append(piece.target)
        else:
            _add(tokens, *piece)
    return tokens, targets


def _add_link(tokens: list[Token], link: _Link) -> None:
    """The tokens of *link*."""
    tokens.append(Token("link_open", "a", 1))
    if link.strong:  # markdown-it leaves an emptied text token beside each "**" it pairs
        tokens += [Token("text", "", 0), Token("strong_open", "strong", 1)]
    for kind, text in link.runs:
        _add(tokens, kind, text)
    if link.strong:
        tokens += [Token("strong_close", "strong", -1), Token("text", "", 0)]
    tokens.append(Token("link_close", "a", -1))


def _add(tokens: list[Token], kind: str, text: str) -> None:
    """A run of words (joined to the text before it, as markdown-it joins them) or a code span."""
    if kind == "code":
        tokens.append(Token("code_inline", "code", 0, content=text[1:-1], markup="`"))
    elif tokens and tokens[-1].type == "text":
        tokens[-1].content += text
    else:
        tokens.append(Token("text", "", 0, content=text))
