"""Parsing a draft's blocks now and each paragraph's inline tokens only when a check asks.

The command line never edits a draft and most checks read block structure only, so
:meth:`editor.core.markdown.MarkdownParser.parse_deferring_inline` runs markdown-it's core
chain up to the block parser and leaves each ``inline`` token a pending parse:
:func:`inline_children` finishes it exactly as a full parse would (a plain one-line
paragraph's tokens made directly, :mod:`simple_inline`), and :func:`inline_outline` gives
such a paragraph's tokens by type and content only. The one difference from a full parse:
the env may lack the empty ``footnotes`` entry the footnote plugin leaves wherever its
inline rule was tried, an entry that changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.simple_inline import full_inline_tokens, simple_inline_html, simple_inline_tokens

# The core chain a deferred parse knows how to finish: anything else is parsed fully.
_DEFERRABLE_CORE = (
    "normalize",
    "block",
    "inline",
    "github-tasklists",
    "footnote_tail",
    "linkify",
    "text_join",
)
_PENDING = "issue_drafter.pending_inline"
CoreRule = Callable[[StateCore], None]


@dataclass(frozen=True)
class _PendingInline:
    """What a deferred inline parse needs: the parser, the env, the content as the block parser left it."""

    md: MarkdownIt
    env: dict[str, Any]
    source: str
    checkbox: Token | None  # the task-list checkbox the tasklists rule put first, if any
    after: tuple[CoreRule, ...]  # the core rules after tasklists, run on this token alone

    def parse(self, token: Token) -> list[Token]:
        """The children a full parse gives *token*: inline rules (or, for a plain one-line
        paragraph, the same tokens made directly), tasklists, then the later core rules."""
        quick = full_inline_tokens(self.source, self.md) if self.checkbox is None else None
        children: list[Token] = quick if quick is not None else []
        if quick is None:
            self.md.inline.parse(self.source, self.md, self.env, children)
        if self.checkbox is not None:  # what tasklists' todoify does to the children
            children.insert(0, self.checkbox)
            children[1].content = children[1].content[3:]
        token.children = children
        state = StateCore(token.content, self.md, self.env, [token])
        for rule in self.after:
            rule(state)
        return token.children


def inline_children(token: Token) -> list[Token]:
    """The inline tokens of an ``inline`` token, parsing them now if the parse deferred them."""
    pending = token.meta.pop(_PENDING, None)
    if isinstance(pending, _PendingInline):
        token.children = pending.parse(token)
    return token.children or []


def inline_outline(token: Token) -> list[Token]:
    """The inline tokens of an ``inline`` token by type and content (no link targets).

    For a deferred parse of a plain one-line paragraph they are worked out without
    parsing (:mod:`simple_inline`) and the deferred parse stays for whoever needs it all.
    """
    pending = token.meta.get(_PENDING)
    if isinstance(pending, _PendingInline) and pending.checkbox is None:
        quick = simple_inline_tokens(pending.source)
        if quick is not None:
            return quick
    return inline_children(token)


def inline_html(token: Token) -> str | None:
    """The HTML of a deferred parse of a plain one-line paragraph, made without its tokens
    (:func:`~editor.core.simple_inline.simple_inline_html`; the deferred parse stays for
    whoever needs them); None for any other ``inline`` token."""
    pending = token.meta.get(_PENDING)
    if isinstance(pending, _PendingInline) and pending.checkbox is None:
        return simple_inline_html(pending.source, pending.md)
    return None


def parse_blocks_only(md: MarkdownIt, text: str, env: dict[str, Any]) -> list[Token] | None:
    """The core chain with inline parsing deferred; None when that could differ from a full parse."""
    names = tuple(md.core.ruler.get_active_rules())
    if names != _DEFERRABLE_CORE or "^[" in text:  # ^[ may open an inline footnote
        return None
    rules: dict[str, CoreRule] = dict(zip(names, md.core.ruler.getRules(""), strict=True))
    state = StateCore(text, md, env)
    rules["normalize"](state)
    rules["block"](state)
    if "footnotes" in env:  # footnote definitions: the tail rule needs every inline parsed
        return None
    inlines = [token for token in state.tokens if token.type == "inline"]
    sources = [token.content for token in inlines]
    for token in inlines:  # a stand-in child, so that tasklists can strip its marker
        token.children = [Token("text", "", 0, content=token.content)]
    rules["github-tasklists"](state)
    after = (rules["linkify"], rules["text_join"])  # footnote_tail: nothing to do without footnotes
    for token, source in zip(inlines, sources, strict=True):
        children = token.children or []
        checkbox = children[0] if len(children) == 2 else None
        token.children = None
        token.meta[_PENDING] = _PendingInline(md, env, source, checkbox, after)
    return state.tokens
