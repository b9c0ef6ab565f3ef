"""An allowlist sanitizer for the raw HTML a draft may contain.

Raw HTML may format text; nothing in it may run. Tags outside the allowlist
are dropped (with their content for script-like tags), attributes outside the
allowlist are dropped, and URLs must use a safe scheme.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "picture",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
VOID_TAGS = frozenset(["br", "col", "hr", "img", "source", "wbr"])
DROP_CONTENT_TAGS = frozenset(
    [
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "textarea",
        "select",
        "title",
        "svg",
        "math",
        "noembed",
        "noframes",
        "xmp",
        "frameset",
        "frame",
        "applet",
    ]
)
ALLOWED_ATTRS = frozenset(
    [
        "href",
        "src",
        "alt",
        "title",
        "width",
        "height",
        "align",
        "valign",
        "colspan",
        "rowspan",
        "class",
        "id",
        "name",
        "start",
        "reversed",
        "type",
        "open",
        "lang",
        "dir",
        "cite",
        "datetime",
        "color",
        "size",
        "border",
        "cellpadding",
        "cellspacing",
        "srcset",
        "media",
        "loading",
    ]
)
URL_ATTRS = frozenset(["href", "src", "cite", "srcset"])
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SAFE_DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]*$", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SAFE_STYLE = re.compile(r"^[^<>\\]*$")
_UNSAFE_STYLE = re.compile(
    r"expression|javascript|vbscript|url\s*\(|image-set|@import|behavior|binding|/\*|&", re.I
)


def safe_url(value: str, *, image: bool = False) -> bool:
    """Whether a URL may appear in the preview: relative, http(s), mailto, tel, data images."""
    compact = _CONTROL.sub("", value).lower()
    if image and _SAFE_DATA_IMAGE.match(compact):
        return True
    if re.match(r"^[^/?#]*:", compact) is None:
        return True  # relative: no scheme, and nothing a browser might read as one
    return compact.startswith(_SAFE_SCHEMES)


def _safe_style(value: str) -> bool:
    return bool(_SAFE_STYLE.match(value)) and not _UNSAFE_STYLE.search(value)


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT_TAGS:
            self.dropping.append(tag)
            return
        if self.dropping:
            return
        if tag == "input":
            self.out.append(_checkbox(attrs))
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = "".join(self._attribute(tag, name, value) for name, value in attrs)
        self.out.append(f"<{tag}{kept}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT_TAGS:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT_TAGS:
            if tag in self.dropping:
                while self.dropping and self.dropping.pop() != tag:
                    pass
            return
        if not self.dropping and tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def _attribute(self, tag: str, name: str, value: str | None) -> str:
        value = value or ""
        if name == "style":
            return f' style="{escape(value)}"' if _safe_style(value) else ""
        if name not in ALLOWED_ATTRS:
            return ""
        if name in URL_ATTRS and not _urls_safe(name, value, image=tag in ("img", "source")):
            return ""
        return f' {name}="{escape(value)}"'


def _checkbox(attrs: list[tuple[str, str | None]]) -> str:
    """Task-list checkboxes survive, always disabled; every other input is dropped."""
    values = dict(attrs)
    if (values.get("type") or "").lower() != "checkbox":
        return ""
    checked = " checked" if "checked" in values else ""
    return f'<input class="task-list-item-checkbox" type="checkbox" disabled{checked}>'


def _urls_safe(name: str, value: str, *, image: bool) -> bool:
    if name != "srcset":
        return safe_url(value, image=image)
    return all(safe_url(part.strip().split(" ")[0], image=image) for part in value.split(","))


def sanitize_html(fragment: str) -> str:
    """Return *fragment* with everything that could run or submit removed."""
    parser = _Sanitizer()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)
