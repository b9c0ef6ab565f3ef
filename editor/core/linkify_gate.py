"""markdown-it's linkify rule, run only on the paragraphs where it could find a link.

The rule turns bare URLs (``https://…``, ``www.example.com``, ``name@example.com``) in text
into links. It first runs linkify-it's ``pretest`` over each paragraph, a regular expression
with a thousand-character class of Unicode punctuation tried at every position, and then
``test`` over each piece of text outside links. At 1 MB that was a fifth of rendering (about
0.2 s), nearly all of it for paragraphs where nothing is found.

Everything ``test`` finds contains a colon (every scheme: ``http:``, ``https:``, ``ftp:``,
``mailto:``), ``//``, ``@`` (an e-mail address), ``localhost``, ``www.``, or a dot followed by
something other than white space (a host's ``.tld``, an IP address's ``.1.``). A paragraph
none of whose text outside links holds one of these is left alone without asking linkify-it;
every other paragraph goes to the rule unchanged, so the tokens are the rule's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore, linkify
from markdown_it.token import Token

CoreRule = Callable[[StateCore], None]

# What every link linkify-it finds contains, upper or lower case (see the module doc).
MAY_HOLD_LINK = re.compile(r"[:@]|//|www\.|localhost|\.\S", re.IGNORECASE)


def gate_linkify(md: MarkdownIt) -> None:
    """Replace *md*'s linkify core rule with one that skips paragraphs it would leave unchanged."""
    md.core.ruler.at("linkify", gated(linkify))


def gated(rule: CoreRule) -> CoreRule:
    """*rule* (markdown-it's linkify), given only the inline tokens where it may find a link."""

    def gated_rule(state: StateCore) -> None:
        every = state.tokens
        state.tokens = [token for token in every if token.type == "inline" and may_hold_link(token.children)]
        try:
            if state.tokens:
                rule(state)
        finally:
            state.tokens = every

    return gated_rule


def may_hold_link(children: Sequence[Token] | None) -> bool:
    """Whether linkify could find a link in these inline tokens: in text outside links, or
    wherever HTML tags are (an ``<a>`` tag changes what counts as inside a link)."""
    inside = 0
    for token in children or ():
        kind = token.type
        if kind == "text":
            if not inside and MAY_HOLD_LINK.search(token.content):
                return True
        elif kind == "link_open":
            inside += 1
        elif kind == "link_close":
            inside -= 1
        elif kind == "html_inline":
            return True
    return False
