"""Reading drafts with clear errors, and writing them back faithfully and atomically."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SNIFF = 8192


class DraftError(Exception):
    """A draft that cannot be read or written; the message is one plain sentence."""


@dataclass(frozen=True)
class TextFormat:
    """How a draft's text was stored on disk, so saving gives the same bytes back."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    line_endings: tuple[str, ...] | None = None

    @property
    def mixed(self) -> bool:
        """Whether the file used more than one kind of line ending."""
        return self.line_endings is not None


@dataclass(frozen=True)
class Draft:
    """A draft's text (with LF line endings) and how to store it again."""

    text: str
    format: TextFormat
    notice: str | None = None


def read_draft(path: Path) -> Draft:
    """Read and decode a draft, or raise :class:`DraftError` saying what is wrong."""
    if path.is_dir():
        raise DraftError(f"{path} is a folder, not a file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{path} does not exist") from None
    except PermissionError:
        raise DraftError(f"{path} cannot be read: permission denied") from None
    except OSError as error:
        raise DraftError(f"{path} cannot be read: {error.strerror or error}") from None
    return decode_draft(data, name=str(path))


def decode_draft(data: bytes, *, name: str = "the file") -> Draft:
    """Decode bytes into a draft: UTF-8 (with or without BOM), UTF-16 with BOM, else a guess."""
    encoding, bom = _sniff_encoding(data)
    if encoding is None and b"\0" in data[:_SNIFF]:
        raise DraftError(f"{name} looks like a binary file, not text")
    notice = None
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252" if _decodes(data, "cp1252") else "latin-1"
            text = data.decode(encoding)
            notice = f"{name} is not UTF-8; it was opened as {encoding} and will be saved as {encoding}"
    else:
        body = data[len(codecs.BOM_UTF8) :] if encoding == "utf-8" and bom else data
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            raise DraftError(f"{name} claims to be {encoding} but is not valid {encoding}") from None
        if encoding.startswith("utf-16"):
            text = text.removeprefix("\ufeff")
    text_format, normalized = _split_newlines(text, encoding, bom)
    return Draft(normalized, text_format, notice)


def _sniff_encoding(data: bytes) -> tuple[str | None, bool]:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True
    return None, False


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _split_newlines(text: str, encoding: str, bom: bool) -> tuple[TextFormat, str]:
    endings = _NEWLINE.findall(text)
    normalized = _NEWLINE.sub("\n", text)
    kinds = set(endings)
    if len(kinds) <= 1:
        newline = kinds.pop() if kinds else "\n"
        return TextFormat(encoding, bom, newline), normalized
    dominant = max(sorted(kinds), key=endings.count)
    return TextFormat(encoding, bom, dominant, tuple(endings)), normalized


_NEWLINE = re.compile(r"\r\n|\n|\r")


def encode_draft(text: str, text_format: TextFormat) -> bytes:
    """The bytes to store for *text* (LF line endings) in *text_format*."""
    lines = text.split("\n")
    endings = list(text_format.line_endings or ())
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index < len(lines) - 1:
            out.append(endings[index] if index < len(endings) else text_format.newline)
    joined = "".join(out)
    try:
        data = joined.encode(text_format.encoding)
    except UnicodeEncodeError as error:
        bad = joined[error.start : error.end]
        raise DraftError(
            f"the text contains {bad!r}, which {text_format.encoding} cannot store; save as UTF-8 instead"
        ) from None
    if text_format.bom and text_format.encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    return data


def save_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that the file is either the old one or the new one, never half."""
    folder = path.parent
    mode = _existing_mode(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise DraftError(f"cannot save {path}: the folder {folder} no longer exists") from None
    except OSError as error:
        raise DraftError(f"cannot save {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except OSError as error:
        _remove_quietly(temp_name)
        raise DraftError(
            f"cannot save {path}: {error.strerror or error}; the file on disk is unchanged"
        ) from None
    except BaseException:
        _remove_quietly(temp_name)
        raise


def _existing_mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def save_draft(path: Path, text: str, text_format: TextFormat) -> None:
    """Encode and atomically save a draft."""
    save_atomic(path, encode_draft(text, text_format))
