"""Markdown syntax highlighting for the source editor, one line at a time.

A long draft is highlighted from the top in steps (:meth:`MarkdownHighlighter.rehighlight_in_steps`):
the lines on screen at once, the rest a few hundred lines per turn of the event loop once its
findings are shown (until then its preview and checks need the machine's two cores: steps
during the preview's load made it 0.3 s later), or two seconds after the first lines at the
latest. Lines not reached yet are left plain, with a state of their own; a step highlights from
the first of them on, and Qt carries on line after line while their states change, which they
all do up to the next line not reached yet. An edit above that line is highlighted as ever (Qt
stops at the first line not reached); one below it, when the steps get there.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, QTimer
from PySide6.QtGui import QSyntaxHighlighter, QTextDocument

from editor.ui.source_colors import DARK, LIGHT, build_formats

NORMAL, YAML, PELICAN, COMMENT = 0, 1, 2, 3
FENCE, TILDE = 0x100, 0x200
LATER = -2  # the state of a line the steps have not reached (Qt's own "no state" is -1)
STEP_LINES = 250  # lines per step: about 10 ms (a 1 MB draft's 14,000 lines take 0.5 s)
STEP_PAUSE_MS = 30  # between steps: the window goes on answering
STEPS_AT_THE_LATEST_MS = 2000  # the steps start then if no findings came to start them

_FENCE = re.compile(r"^[ \t]*(?:>[ ]?)*[ \t]*(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-{2,})[ \t]*$")
_QUOTE = re.compile(r"^(?: {0,3}>[ ]?)+")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)(?:[ \t]+\[[ xX]\](?=[ \t]|$))?")
_PSEUDO = re.compile(r"^[ \t]*[•◦▪▫‣●○■□·–—](?=[ \t])")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_PELICAN = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*:)(?:[ \t].*)?$")
_YAML_KEY = re.compile(r"^[ \t]*(?:- )?([^\s:#][^:#]*:)(?=[ \t]|$)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_LINK = re.compile(
    r"(!?\[)([^\]\n]*)(\]\()([^)\s]*(?:[ \t]+\"[^\"]*\")?)(\))|(!?\[)([^\]\n]+)(\]\[[^\]\n]*\])"
)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s>]+>|(?<![(<\w])https?://[^\s<>()]+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![*\w\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)|(?<![_\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![_\w])"
)
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights Markdown line by line; only fences, front matter and comments span lines."""

    def __init__(self, document: QTextDocument, *, dark: bool = False) -> None:
        super().__init__(document)
        self._formats = build_formats(DARK if dark else LIGHT)
        self._dark = dark
        self._through: int | None = None  # the last line highlighted while steps go on (None: all)
        self._lines = document.blockCount()
        document.contentsChange.connect(self._follow_edit)
        self._steps = QTimer(self)
        self._steps.setInterval(STEP_PAUSE_MS)
        self._steps.timeout.connect(self._step)

    @property
    def stepping(self) -> bool:
        """Whether lines are still waiting for their step."""
        return self._through is not None

    def rehighlight_in_steps(self, first_lines: int) -> None:
        """Highlight the first *first_lines* lines now and the rest in steps (see the module doc).

        Only formats change, not the text: the document's change signals (an edit, to the
        session and the find bar) are held back meanwhile, as for every step.
        """
        self._through = max(first_lines, 1) - 1
        self._lines = self.document().blockCount()
        self._blocked(self.rehighlight)
        QTimer.singleShot(STEPS_AT_THE_LATEST_MS, self, self.start_steps)

    def start_steps(self) -> None:
        """Go on highlighting in steps, if lines wait for them."""
        if self._through is not None and not self._steps.isActive():
            self._steps.start()

    def highlight_through(self, line: int) -> None:
        """Highlight now every line down to 0-based *line* that the steps have not reached (the
        writer scrolled there); the steps go on below it."""
        if self._through is None or line <= self._through:
            return
        first = self.document().findBlockByNumber(self._through + 1)
        self._through = line
        self._blocked(lambda: self.rehighlightBlock(first))

    def _follow_edit(self, position: int, _removed: int, _added: int) -> None:
        """Lines added or removed above the last line highlighted move it with them."""
        document = self.document()
        if document is None:
            return
        lines = document.blockCount()
        if self._through is not None:
            edited = document.findBlock(position).blockNumber()
            if edited <= self._through:  # (never above the edited line itself)
                self._through = max(edited, self._through + lines - self._lines)
        self._lines = lines

    def _step(self) -> None:
        document = self.document()
        first = (
            document.findBlockByNumber(self._through + 1)
            if document is not None and self._through is not None
            else None
        )
        if first is None or not first.isValid():
            self._through = None
            self._steps.stop()
            return
        self._through += STEP_LINES
        self._blocked(lambda: self.rehighlightBlock(first))

    def _blocked(self, highlight: Callable[[], None]) -> None:
        blocker = QSignalBlocker(self.document())
        try:
            highlight()
        finally:
            blocker.unblock()

    @property
    def dark(self) -> bool:
        """Whether the dark palette is in use."""
        return self._dark

    def set_dark(self, dark: bool) -> None:
        """Switch between the light and dark palettes and re-colour the document."""
        if dark == self._dark:
            return
        self._dark = dark
        self._formats = build_formats(DARK if dark else LIGHT)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        """Colour one line; the block state carries fences, front matter and comments to the next."""
        if self._through is not None and self.currentBlock().blockNumber() > self._through:
            self.setCurrentBlockState(LATER)
            return
        previous = self.previousBlockState()
        if previous == -1:
            previous = self._opening_state(text)
            if previous != NORMAL:
                self._front_matter_line(text, previous, first=True)
                return
        if previous in (YAML, PELICAN):
            self._front_matter_line(text, previous, first=False)
            if self.currentBlockState() != NORMAL:
                return
            if previous == YAML:
                return
        if previous & FENCE:
            self._fence_line(text, previous)
            return
        start = 0
        if previous == COMMENT:
            start = self._comment_continues(text)
            if start < 0:
                return
        self.setCurrentBlockState(NORMAL)
        self._normal_line(text, start)

    def _opening_state(self, text: str) -> int:
        """The state the first line opens: YAML or Pelican front matter, or normal text."""
        if self.currentBlock().blockNumber() != 0:
            return NORMAL
        if text.rstrip() == "---":
            return YAML
        if _PELICAN.match(text):
            return PELICAN
        return NORMAL

    def _front_matter_line(self, text: str, state: int, *, first: bool) -> None:
        if state == YAML:
            closes = not first and text.rstrip() in ("---", "...")
            if first or closes:
                self.setFormat(0, len(text), self._formats["markup"])
            else:
                self._meta_line(text, _YAML_KEY)
            self.setCurrentBlockState(NORMAL if closes else YAML)
            return
        if not text.strip() or not _PELICAN.match(text):
            self.setCurrentBlockState(NORMAL)
            return
        self._meta_line(text, _PELICAN)
        self.setCurrentBlockState(PELICAN)

    def _meta_line(self, text: str, key: re.Pattern[str]) -> None:
        self.setFormat(0, len(text), self._formats["meta"])
        match = key.match(text)
        if match:
            self.setFormat(match.start(1), len(match.group(1)), self._formats["meta_key"])

    def _fence_line(self, text: str, state: int) -> None:
        match = _FENCE.match(text)
        char = "~" if state & TILDE else "`"
        closing = match is not None and not match.group(2).strip()
        fence = match.group(1) if match else ""
        if closing and fence[0] == char and len(fence) >= (state & 0xFF):
            self.setFormat(0, len(text), self._formats["markup"])
            self.setCurrentBlockState(NORMAL)
            return
        self.setFormat(0, len(text), self._formats["code"])
        self.setCurrentBlockState(state)

    def _comment_continues(self, text: str) -> int:
        """Colour the comment that goes on from the line above; where normal text resumes, or -1."""
        end = text.find(_COMMENT_CLOSE)
        if end < 0:
            self.setFormat(0, len(text), self._formats["comment"])
            self.setCurrentBlockState(COMMENT)
            return -1
        end += len(_COMMENT_CLOSE)
        self.setFormat(0, end, self._formats["comment"])
        return end

    def _normal_line(self, text: str, start: int) -> None:
        if start == 0 and self._block_line(text):
            return
        self._inline(text, start)
        self._comments(text, start)

    def _block_line(self, text: str) -> bool:
        """Colour block syntax at the start of the line; True when the line needs nothing more."""
        fence = _FENCE.match(text)
        if fence and not ("`" in fence.group(2) and fence.group(1)[0] == "`"):
            marker = fence.group(1)
            state = FENCE | (TILDE if marker[0] == "~" else 0) | min(len(marker), 0xFF)
            self.setFormat(0, len(text), self._formats["markup"])
            self.setCurrentBlockState(state)
            return True
        if _SETEXT.match(text) or _BREAK.match(text):
            self.setFormat(0, len(text), self._formats["markup"])
            return True
        heading = _HEADING.match(text)
        if heading:
            self.setFormat(0, len(text), self._formats["heading"])
            self.setFormat(heading.start(1), len(heading.group(1)), self._formats["markup"])
            self._inline(text, heading.end())
            return True
        self._prefixes(text)
        return False

    def _prefixes(self, text: str) -> None:
        """Blockquote markers, list markers and task boxes, and pseudo-bullets such as ``•``."""
        quote = _QUOTE.match(text)
        offset = 0
        if quote:
            offset = quote.end()
            self.setFormat(0, len(text), self._formats["quote"])
            self.setFormat(0, offset, self._formats["markup"])
        rest = text[offset:]
        item = _LIST.match(rest)
        if item and not _BREAK.match(rest):
            self.setFormat(offset, item.end(), self._formats["list"])
            return
        pseudo = _PSEUDO.match(rest)
        if pseudo:
            self.setFormat(offset, pseudo.end(), self._formats["pseudo"])

    def _inline(self, text: str, start: int) -> None:
        """Code spans, links, emphasis and strikethrough from *start* to the end of the line."""
        if len(text) - start < 2:
            return
        code: list[tuple[int, int]] = []
        if "`" in text:
            for match in _CODE_SPAN.finditer(text, start):
                code.append(match.span())
                self.setFormat(match.start(), match.end() - match.start(), self._formats["code"])
        if "[" in text:
            self._links(text, start, code)
        if "://" in text or "mailto:" in text:
            self._autolinks(text, start, code)
        if "*" in text or "_" in text:
            self._styles(_STRONG, text, start, code, "strong")
            self._styles(_EMPHASIS, text, start, code, "emphasis")
        if "~~" in text:
            self._styles(_STRIKE, text, start, code, "strike")

    def _links(self, text: str, start: int, code: list[tuple[int, int]]) -> None:
        for match in _LINK.finditer(text, start):
            if _inside(match.start(), code):
                continue
            self.setFormat(match.start(), match.end() - match.start(), self._formats["markup"])
            label = 2 if match.group(2) is not None else 7
            self.setFormat(match.start(label), len(match.group(label)), self._formats["link"])
            if match.group(4):
                self.setFormat(match.start(4), len(match.group(4)), self._formats["url"])

    def _autolinks(self, text: str, start: int, code: list[tuple[int, int]]) -> None:
        for match in _AUTOLINK.finditer(text, start):
            if not _inside(match.start(), code):
                self.setFormat(match.start(), match.end() - match.start(), self._formats["link"])

    def _styles(
        self, pattern: re.Pattern[str], text: str, start: int, code: list[tuple[int, int]], kind: str
    ) -> None:
        for match in pattern.finditer(text, start):
            if _inside(match.start(), code) or _inside(match.end() - 1, code):
                continue
            fmt = self.format(match.start() + 1)
            fmt.merge(self._formats[kind])
            self.setFormat(match.start(), match.end() - match.start(), fmt)

    def _comments(self, text: str, start: int) -> None:
        """HTML comments on this line; one left open carries on to the next lines."""
        at = text.find(_COMMENT_OPEN, start)
        while at >= 0:
            end = text.find(_COMMENT_CLOSE, at + len(_COMMENT_OPEN))
            if end < 0:
                self.setFormat(at, len(text) - at, self._formats["comment"])
                self.setCurrentBlockState(COMMENT)
                return
            end += len(_COMMENT_CLOSE)
            self.setFormat(at, end - at, self._formats["comment"])
            at = text.find(_COMMENT_OPEN, end)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
