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
    if "&" in source:
        return None
    html: list[str] = []
    position = 0
    while position < len(source):
        found = _PART.match(source, position)
        if found is None:
            return None
        label = found.group("label")
        if label is None:
            html.append(_piece_html(found.lastgroup or "", found.group(0)))
        else:
            parsed = _label_parts(label)
            if parsed is None:
                return None
            strong, parts = parsed
            inner = "".join(_piece_html(kind, text) for kind, text in parts)
            inner = f"<strong>{inner}</strong>" if strong else inner
            html.append(f'<a href="{escapeHtml(md.normalizeLink(found.group("target")))}">{inner}</a>')
        position = found.end()
    return "".join(html)


def _piece_html(kind: str, text: str) -> str:
    """A run of words or a code span as markdown-it's renderer writes it."""
    return f"<code>{escapeHtml(text[1:-1])}</code>" if kind == "code" else escapeHtml(text)


def _made(source: str) -> tuple[list[Token], list[str]] | None:
    """The tokens (types and contents) and the links' targets, or None outside the grammar."""
    tokens: list[Token] = []
    targets: list[str] = []
    position = 0
    while position < len(source):
        found = _PART.match(source, position)
        if found is None:
            return None
        label = found.group("label")
        if label is None:
            _add(tokens, found.lastgroup or "", found.group(0))
        elif _add_link(tokens, label):
            targets.append(found.group("target"))
        else:
            return None
        position = found.end()
    return tokens, targets


def _add_link(tokens: list[Token], label: str) -> bool:
    """The tokens of a link with *label*; False if the label is outside the grammar."""
    parsed = _label_parts(label)
    if parsed is None:
        return False
    strong, parts = parsed
    tokens.append(Token("link_open", "a", 1))
    if strong:  # markdown-it leaves an emptied text token beside each "**" it pairs
        tokens += [Token("text", "", 0), Token("strong_open", "strong", 1)]
    for kind, text in parts:
        _add(tokens, kind, text)
    if strong:
        tokens += [Token("strong_close", "strong", -1), Token("text", "", 0)]
    tokens.append(Token("link_close", "a", -1))
    return True


def _label_parts(label: str) -> tuple[bool, list[tuple[str, str]]] | None:
    """Whether a link's *label* is all strong, and its runs of words and code spans inside;
    None if it is outside the grammar."""
    strong = len(label) > 4 and label.startswith("**") and label.endswith("**")
    inner = label[2:-2] if strong else label
    if strong and (inner[0].isspace() or inner[-1].isspace()):
        return None  # a "** " cannot open (nor " **" close) emphasis
    parts: list[tuple[str, str]] = []
    position = 0
    while position < len(inner):
        found = _LABEL_PART.match(inner, position)
        if found is None:
            return None
        parts.append((found.lastgroup or "", found.group(0)))
        position = found.end()
    return strong, parts


def _add(tokens: list[Token], kind: str, text: str) -> None:
    """A run of words (joined to the text before it, as markdown-it joins them) or a code span."""
    if kind == "code":
        tokens.append(Token("code_inline", "code", 0, content=text[1:-1], markup="`"))
    elif tokens and tokens[-1].type == "text":
        tokens[-1].content += text
    else:
        tokens.append(Token("text", "", 0, content=text))
