"""The preview: the rendered draft in a locked-down web view, patched block by block, scroll-synced.

The pane (:mod:`editor.ui.web_preview`) shows the light preview (:mod:`editor.ui.text_preview`,
a QTextBrowser) where QtWebEngine cannot be used, and says why, so the window still opens.
Long drafts use the light preview too (:data:`LIGHT_FROM_CHARS`).
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

from editor.core.resources import read_text

if TYPE_CHECKING:
    from editor.core.render import RenderedBlock
    from editor.ui.web_preview import WebPreview

NO_WEBENGINE_ENV = "ISSUE_DRAFTER_NO_WEBENGINE"
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
LOCAL_SCHEMES = frozenset({"file", "data", "qrc", "blob", "about"})
REMOTE_SCHEMES = frozenset({"http", "https"})
# Drafts at least this long open with the light preview: the web preview's Chromium takes
# ~380 MB with any draft, the light one ~100 MB for a 1 MB draft (docs/performance.md).
LIGHT_FROM_CHARS = 500_000
CHUNK_CHARS = 512 * 1024  # HTML sent to the page per script call on a large first load
# Long drafts (the page script sets ``long`` on <html> past 1,000 blocks, ~300 KB): blocks out
# of view are neither laid out nor painted until they scroll near (sized by an estimate until
# then), which makes the first load of a 1 MB draft several times cheaper in time and memory.
LONG_PAGE_CSS = (
    "html.long body > * { content-visibility: auto; contain-intrinsic-size: auto var(--estimate, 3em); }"
)


@dataclass(frozen=True)
class Patch:
    """How to turn the blocks on the page into new ones: keep a head and a tail, replace the middle."""

    head: int
    remove: int
    blocks: tuple[RenderedBlock, ...]
    tail_lines: tuple[int, ...]  # new first lines of the kept tail blocks (empty if unmoved)


def _same(old: RenderedBlock, new: RenderedBlock) -> bool:
    return old is new or old == new


def _same_moved(old: RenderedBlock, new: RenderedBlock) -> bool:
    """Whether *new* is *old* moved by whole lines (only its ``data-source-line`` differs)."""
    if old is new or old == new:
        return True
    if old.end_line - old.start_line != new.end_line - new.start_line:
        return False
    before = old.html.replace(f'data-source-line="{old.start_line}"', "", 1)
    return before == new.html.replace(f'data-source-line="{new.start_line}"', "", 1)


def diff_blocks(old: Sequence[RenderedBlock], new: Sequence[RenderedBlock]) -> Patch:
    """The smallest head/tail-preserving patch from *old* to *new*."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and _same(old[head], new[head]):
        head += 1
    tail = 0
    while tail < limit - head and _same_moved(old[len(old) - 1 - tail], new[len(new) - 1 - tail]):
        tail += 1
    kept = new[len(new) - tail :] if tail else ()
    moved = any(a.start_line != b.start_line for a, b in zip(old[len(old) - tail :], kept, strict=True))
    lines = tuple(block.start_line for block in kept) if moved else ()
    return Patch(head, len(old) - head - tail, tuple(new[head : len(new) - tail]), lines)


def chunks(blocks: Sequence[RenderedBlock], size: int = CHUNK_CHARS) -> list[tuple[str, int]]:
    """The blocks' HTML joined into pieces of about *size* characters, with their block counts."""
    pieces: list[tuple[str, int]] = []
    current: list[str] = []
    length = 0
    for block in blocks:
        if current and length + len(block.html) > size:
            pieces.append(("".join(current), len(current)))
            current, length = [], 0
        current.append(block.html)
        length += len(block.html)
    if current:
        pieces.append(("".join(current), len(current)))
    return pieces


def folder_url(folder: Path | None) -> QUrl:
    """The base URL relative images resolve against: the draft's folder (with a trailing slash)."""
    base = folder if folder is not None else Path.home()
    return QUrl.fromLocalFile(str(base.resolve()) + os.sep)


def open_externally(url: QUrl) -> bool:
    """Open web and mail links in the system's browser or mail program; True if it was one."""
    if url.scheme().lower() in EXTERNAL_SCHEMES:
        QDesktopServices.openUrl(url)
        return True
    return False


def _webengine_problem() -> str | None:
    """Why QtWebEngine cannot be used here, or None (it is imported only when the preview starts)."""
    if os.environ.get(NO_WEBENGINE_ENV, "") not in ("", "0"):
        return f"{NO_WEBENGINE_ENV} is set"
    if importlib.util.find_spec("PySide6.QtWebEngineWidgets") is None:
        return "QtWebEngine is not available"
    return None


def create_preview(parent: QWidget | None = None) -> tuple[WebPreview, str | None]:
    """The preview pane, and a sentence saying why it can only show the light preview, if so."""
    from editor.ui.web_preview import WebPreview

    problem = _webengine_problem()
    notice = f"Light preview: {problem}." if problem is not None else None
    return WebPreview(parent, light_only=problem is not None), notice


def preview_script() -> str:
    """The page helpers the app injects into its own script world."""
    return read_text("preview.js")


def theme_css(dark: bool) -> str:
    """The preview stylesheet for the theme."""
    from editor.core.export import PageStyle, stylesheet  # (not needed for the window to show)

    return stylesheet(PageStyle(dark=dark))


def shell_page(dark: bool) -> str:
    """An empty preview page with the stylesheet; the blocks are patched in by script."""
    layout = f'<style id="issue-drafter-layout">{LONG_PAGE_CSS}</style>\n'
    from editor.core.export import PageStyle, page_html

    return page_html("", title="Preview", style=PageStyle(dark=dark), head_extra=layout)


def js_call(function: str, *args: Any) -> str:
    """A script calling *function* with JSON-encoded *args*."""
    return f"{function}({', '.join(json.dumps(a) for a in args)})"


def focus_within(widget: QWidget) -> bool:
    """Whether the keyboard focus is on *widget* or inside it."""
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))
