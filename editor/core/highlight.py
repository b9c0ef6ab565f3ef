"""Syntax highlighting of fenced code with pygments, through markdown-it's hook."""

from __future__ import annotations

from html import escape

from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

LIGHT_STYLE = "friendly"
DARK_STYLE = "monokai"
CSS_CLASS = "highlight"
_MAX_HIGHLIGHT_CHARS = 200_000


def highlight_code(code: str, lang: str, _attrs: str = "") -> str:
    """Return the fence as ``<pre class="highlight">`` HTML; unknown languages stay plain."""
    name = lang.strip().split()[0] if lang.strip() else ""
    body = _highlighted(code, name) if name else None
    if body is None:
        body = escape(code, quote=False)
    lang_class = f' class="language-{escape(name)}"' if name else ""
    return f'<pre class="{CSS_CLASS}"><code{lang_class}>{body}</code></pre>\n'


def _highlighted(code: str, name: str) -> str | None:
    if len(code) > _MAX_HIGHLIGHT_CHARS:
        return None
    try:
        lexer = get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None
    formatter = HtmlFormatter(nowrap=True)
    return str(pygments_highlight(code, lexer, formatter))


def pygments_css(dark: bool = False) -> str:
    """The token colours for ``.highlight`` blocks in the light or dark style."""
    style = DARK_STYLE if dark else LIGHT_STYLE
    formatter = HtmlFormatter(style=style)
    return str(formatter.get_style_defs(f".{CSS_CLASS}"))  # type: ignore[no-untyped-call]
