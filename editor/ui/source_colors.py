"""The source view's colours, light and dark: its own (background, gutter, underlines) and its
Markdown highlighting's, with the character formats the highlighter applies."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QTextCharFormat


@dataclass(frozen=True)
class ViewColors:
    """The editor's own colours in one theme (the syntax colours live in the highlighter)."""

    base: str
    text: str
    current_line: str
    gutter: str
    gutter_text: str
    gutter_current: str
    guide: str
    warning: str
    info: str
    match: str


LIGHT_VIEW = ViewColors(
    base="#ffffff",
    text="#1f2328",
    current_line="#f4f6fa",
    gutter="#f6f7f9",
    gutter_text="#a0a6ae",
    gutter_current="#3b4048",
    guide="#e3e6ea",
    warning="#d97706",
    info="#2563eb",
    match="#fdf0a6",
)
DARK_VIEW = ViewColors(
    base="#1e1f22",
    text="#d8dadd",
    current_line="#26282c",
    gutter="#1a1b1e",
    gutter_text="#5c626b",
    gutter_current="#c8ccd2",
    guide="#303238",
    warning="#f0b429",
    info="#6ea8fe",
    match="#5b4b13",
)


@dataclass(frozen=True)
class HighlightPalette:
    """The colours of one theme, as ``#rrggbb`` strings."""

    heading: str
    markup: str
    code: str
    code_background: str
    link: str
    url: str
    list_marker: str
    pseudo_bullet: str
    pseudo_background: str
    quote: str
    meta_key: str
    meta: str
    comment: str


LIGHT = HighlightPalette(
    heading="#1a4f9c",
    markup="#8a9099",
    code="#9a3412",
    code_background="#f1f3f5",
    link="#0b57d0",
    url="#6b7280",
    list_marker="#7c3aed",
    pseudo_bullet="#b45309",
    pseudo_background="#ffedd5",
    quote="#4b5563",
    meta_key="#0f766e",
    meta="#6b7280",
    comment="#7b8189",
)
DARK = HighlightPalette(
    heading="#82aaff",
    markup="#6e7681",
    code="#f2a66b",
    code_background="#2a2c31",
    link="#79b8ff",
    url="#8b949e",
    list_marker="#c4a0ff",
    pseudo_bullet="#ffb86b",
    pseudo_background="#45300f",
    quote="#a4acb7",
    meta_key="#5fd3bc",
    meta="#8b949e",
    comment="#818992",
)


def _format(
    color: str, *, bold: bool = False, italic: bool = False, background: str | None = None
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if background:
        fmt.setBackground(QColor(background))
    return fmt


def _style(*, bold: bool = False, italic: bool = False, strike: bool = False) -> QTextCharFormat:
    """A format that only changes the font style, to merge over the colour already set."""
    fmt = QTextCharFormat()
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if strike:
        fmt.setFontStrikeOut(True)
    return fmt


def build_formats(palette: HighlightPalette) -> dict[str, QTextCharFormat]:
    """The character formats for each kind of Markdown syntax in *palette*."""
    return {
        "heading": _format(palette.heading, bold=True),
        "markup": _format(palette.markup),
        "code": _format(palette.code, background=palette.code_background),
        "link": _format(palette.link),
        "url": _format(palette.url),
        "list": _format(palette.list_marker, bold=True),
        "pseudo": _format(palette.pseudo_bullet, bold=True, background=palette.pseudo_background),
        "quote": _format(palette.quote, italic=True),
        "meta_key": _format(palette.meta_key, bold=True),
        "meta": _format(palette.meta),
        "comment": _format(palette.comment, italic=True),
        "strong": _style(bold=True),
        "emphasis": _style(italic=True),
        "strike": _style(strike=True),
    }
