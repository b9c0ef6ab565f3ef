"""Prose normalization for comparing text: Markdown stripped, case-folded words, sentence spans."""

from __future__ import annotations

import re
import unicodedata

_PREFIX = re.compile(r"[ \t]*(?:(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|\[[ xX]\][ \t]+)[ \t]*)*")
# The link text excludes "[" so that a run of unclosed brackets is scanned once, not once per
# bracket; a target may hold brackets and one level of parentheses (``wiki/Rust_(language)``).
_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"!?\[([^\[\]]*)\]\[[^\[\]]*\]")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]*_]*[ \t]+(?=\S)")
_CLOSES = re.compile(r"[.!?…:;][\"'”’)\]*_]*$")
_OPENERS = "*_[(\"'“‘ "
_BULLETS = "•◦▪‣–—-"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def content_column(line: str) -> int:
    """Where the text of a prose line starts, after quote markers, list markers and checkboxes."""
    match = _PREFIX.match(line)
    return match.end() if match else 0


def ends_sentence(text: str) -> bool:
    """Whether *text* ends with sentence-ending punctuation (a colon and semicolon count)."""
    return _CLOSES.search(text.rstrip()) is not None


def looks_like_start(text: str) -> bool:
    """Whether *text* begins the way a sentence or a line of its own does: a capital, digit or bullet."""
    text = text.lstrip(_OPENERS)
    if not text:
        return False
    first = text[0]
    return (
        first.isupper() or first.isdigit() or first in _BULLETS or (first.isalpha() and not first.islower())
    )


def words(text: str) -> tuple[str, ...]:
    """The normalized words of Markdown *text*: link text kept, URLs and tags dropped, case-folded.

    Runs of CJK characters become character bigrams, since those scripts do not
    separate words by spaces.
    """
    plain = text.isascii()  # then NFKC changes nothing and no word is CJK
    if not plain:
        text = unicodedata.normalize("NFKC", text)
    text = _LINK.sub(_link_text, text)
    text = _REF_LINK.sub(_link_text, text)
    text = _TAG.sub(" ", _COMMENT.sub(" ", text))
    if plain:
        return tuple(_WORD.findall(text.casefold()))
    found: list[str] = []
    for word in _WORD.findall(text.casefold()):
        if _CJK.search(word) and len(word) > 2:
            found.extend(word[k : k + 2] for k in range(len(word) - 1))
        else:
            found.append(word)
    return tuple(found)


def _link_text(match: re.Match[str]) -> str:
    return match.group(1)


def sentence_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Column spans of the sentences in *text* from column *start*, without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start):
        end = match.end()
        spans.append((begin, len(text[begin:end].rstrip()) + begin))
        begin = end
    rest = text[begin:].rstrip()
    if rest:
        spans.append((begin, begin + len(rest)))
    return spans
