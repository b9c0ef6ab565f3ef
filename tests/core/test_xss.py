"""Preview safety: every payload in tests/fixtures/xss is harmless in the preview and in exports.

The output is parsed with ``html.parser`` and every element and attribute is checked,
so a payload that merely changed case or spacing cannot slip past a substring test.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.export import export_text
from editor.core.render import render_text
from editor.core.sanitize import sanitize_html

FIXTURES = Path(__file__).parent.parent / "fixtures" / "xss" / "payloads.txt"

FORBIDDEN_TAGS = frozenset(
    [
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "button",
        "textarea",
        "select",
        "option",
        "base",
        "link",
        "svg",
        "math",
        "template",
        "noscript",
        "portal",
        "animate",
        "set",
        "foreignobject",
        "isindex",
        "keygen",
    ]
)
FORBIDDEN_ATTRS = frozenset(
    ["srcdoc", "formaction", "action", "xlink:href", "background", "dynsrc", "lowsrc", "data", "ping"]
)
URL_ATTRS = frozenset(["href", "src", "cite", "srcset", "poster"])
SAFE_URL = re.compile(
    r"^(?:https?:|mailto:|tel:|#|/|\.|[^:/?#]*(?:[/?#]|$)|data:image/(?:png|gif|jpe?g|webp);)"
)
UNSAFE_CSS = re.compile(r"expression|javascript|vbscript|url\s*\(|@import|behavior|binding|\\|/\*", re.I)
CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def payloads() -> list[tuple[str, str]]:
    text = FIXTURES.read_text(encoding="utf-8")
    found = re.findall(r"^=== ([^\n]+)\n(.*?)(?=^=== |\Z)", text, flags=re.M | re.S)
    return [(name, body.rstrip("\n") + "\n") for name, body in found]


class _Audit(HTMLParser):
    """Collects every way a page could run code, submit, redirect or frame something."""

    def __init__(self, *, page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_head = self.in_head or tag == "head"
        if tag == "body":
            self.in_head = False
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "style" and not (self.page and self.in_head):
            self.problems.append("<style> in the body")
        if tag == "input" and (dict(attrs).get("type") != "checkbox" or "disabled" not in dict(attrs)):
            self.problems.append("an enabled <input>")
        if tag == "meta" and "http-equiv" in dict(attrs):
            self.problems.append("<meta http-equiv>")
        for name, value in attrs:
            self._attribute(tag, name, value or "")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on") or name in FORBIDDEN_ATTRS:
            self.problems.append(f"<{tag} {name}>")
        if name == "style" and UNSAFE_CSS.search(value):
            self.problems.append(f"<{tag} style={value!r}>")
        if name in URL_ATTRS:
            for url in value.split(",") if name == "srcset" else [value]:
                compact = CONTROL.sub("", url.strip().split(" ")[0]).lower()
                if compact and not SAFE_URL.match(compact):
                    self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style" and re.search(r"alert|expression|@import", data):
            self.problems.append("payload inside a <style> element")


def problems(html: str, *, page: bool = False) -> list[str]:
    audit = _Audit(page=page)
    audit.feed(html)
    audit.close()
    return audit.problems


PAYLOADS = payloads()


def test_the_fixture_set_covers_the_agreed_attacks() -> None:
    assert len(PAYLOADS) >= 30
    text = FIXTURES.read_text(encoding="utf-8").lower()
    for needle in ("<script", "onerror", "](javascript:", "<svg", "srcdoc", "<base", "http-equiv", "<form"):
        assert needle in text
    for needle in ("<object", "&#x6a;", "data:text/html", "expression", "<javascript:"):
        assert needle in text


def test_the_audit_catches_what_it_should() -> None:
    """The checker itself must fail on the unsanitized payloads, or it proves nothing."""
    for raw in (
        '<img src=x onerror="alert(1)">',
        '<a href="JaVa&#x0A;script:alert(1)">x</a>',
        "<svg><script>alert(1)</script></svg>",
        '<meta http-equiv="refresh" content="0">',
        '<p style="width:expression(1)">',
        '<iframe srcdoc="x">',
    ):
        assert problems(raw), raw


@pytest.mark.parametrize(("name", "payload"), PAYLOADS, ids=[name for name, _ in PAYLOADS])
def test_payload_is_harmless_in_the_preview(name: str, payload: str) -> None:
    assert problems(render_text(payload, source_lines=True).html) == []


@pytest.mark.parametrize(("name", "payload"), PAYLOADS, ids=[name for name, _ in PAYLOADS])
@pytest.mark.parametrize("fmt", ["html", "email-html"])
def test_payload_is_harmless_in_the_export(name: str, payload: str, fmt: str) -> None:
    page = export_text(payload, fmt)  # type: ignore[arg-type]
    assert problems(page, page=True) == []


@pytest.mark.parametrize(("name", "payload"), PAYLOADS, ids=[name for name, _ in PAYLOADS])
def test_payload_is_harmless_through_the_sanitizer_alone(name: str, payload: str) -> None:
    assert problems(sanitize_html(payload)) == []


def test_formatting_html_still_formats() -> None:
    html = render_text(
        '<b>bold</b> <span style="color: red">red</span> <a href="https://x.example">x</a>'
    ).html
    assert "<b>bold</b>" in html
    assert 'style="color: red"' in html
    assert 'href="https://x.example"' in html
