"""Export a draft: a standalone HTML page, email-safe HTML with inlined styles, or Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Literal

import css_inline

from editor.core.highlight import pygments_css
from editor.core.render import RenderResult, render_text
from editor.core.resources import read_text

ExportFormat = Literal["html", "email-html", "markdown"]
FORMATS: tuple[ExportFormat, ...] = ("html", "email-html", "markdown")


@dataclass(frozen=True)
class PageStyle:
    """Which stylesheet a page is assembled with."""

    dark: bool = False
    email: bool = False


def stylesheet(style: PageStyle = PageStyle()) -> str:
    """The CSS for a page: the base sheet, dark overrides if asked, and code colours."""
    parts = [read_text("base.css")]
    if style.dark:
        parts.append(read_text("dark.css"))
    if style.email:
        parts.append(read_text("email.css"))
    parts.append(pygments_css(dark=style.dark))
    return "\n".join(parts)


def page_html(body: str, *, title: str, style: PageStyle = PageStyle(), head_extra: str = "") -> str:
    """Wrap an HTML body into a complete page with embedded CSS and no scripts."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{stylesheet(style)}\n</style>\n{head_extra}</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def standalone_html(
    result: RenderResult, *, fallback_title: str = "Untitled draft", style: PageStyle = PageStyle()
) -> str:
    """A standalone page for a rendered draft, titled from its front matter or first heading."""
    return page_html(result.html, title=result.title or fallback_title, style=style)


def email_html(result: RenderResult, *, fallback_title: str = "Untitled draft") -> str:
    """The page with every style inlined and no ``<style>`` block, for mail clients."""
    page = standalone_html(result, fallback_title=fallback_title, style=PageStyle(email=True))
    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    return str(inliner.inline(page))


def export_text(text: str, fmt: ExportFormat, *, fallback_title: str = "Untitled draft") -> str:
    """Export Markdown *text* as HTML or email HTML (Markdown export is the file's own bytes)."""
    if fmt == "markdown":
        return text
    result = render_text(text, source_lines=False)
    if fmt == "html":
        return standalone_html(result, fallback_title=fallback_title)
    return email_html(result, fallback_title=fallback_title)
