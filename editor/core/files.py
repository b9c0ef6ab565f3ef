"""Reading drafts with clear errors, and writing them back faithfully and atomically."""

from __future__ import annotations

import codecs
import contextlib
import errno
import functools
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from editor.core.watch import Change, Fingerprint, compare, digest_bytes, fingerprint_of

MAX_DRAFT_BYTES = 64 * 1024 * 1024
_SNIFF = 8192
_LABELS = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16 (big-endian)",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32 (big-endian)",
    "cp1252": "Windows-1252 (Western European)",
    "latin-1": "Latin-1",
    "shift_jis": "Shift-JIS (Japanese)",
    "gb18030": "GB18030 (Chinese)",
}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {encoding: bom for bom, encoding in _BOMS}


class DraftError(Exception):
    """A draft that cannot be read or written; the message is one plain sentence."""


class ExternalChangeError(DraftError):
    """The file on disk changed since it was opened; saving would overwrite someone's newer text."""


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

    @property
    def label(self) -> str:
        """The encoding's name as a writer would know it."""
        return _LABELS.get(self.encoding, self.encoding)

    def as_utf8(self) -> TextFormat:
        """The same line endings, stored as UTF-8 without a byte-order mark."""
        return replace(self, encoding="utf-8", bom=False)


@dataclass(frozen=True)
class Draft:
    """A draft's text (with LF line endings), how to store it again, and what the file was."""

    text: str
    format: TextFormat
    notice: str | None = None
    fingerprint: Fingerprint | None = None


def read_draft(path: Path, *, max_bytes: int = MAX_DRAFT_BYTES) -> Draft:
    """Read and decode a draft, or raise :class:`DraftError` saying what is wrong."""
    data, status = _read_regular_file(path, max_bytes)
    draft = decode_draft(data, name=str(path))
    return replace(draft, fingerprint=fingerprint_of(data, status))


def _read_regular_file(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DraftError(f"{path} does not exist") from None
    except OSError as error:
        raise DraftError(f"{path} cannot be read: {_reason(error, path)}") from None
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        kind = "a folder, not a file" if stat.S_ISDIR(status.st_mode) else "not a regular file"
        raise DraftError(f"{path} is {kind}")
    with os.fdopen(fd, "rb") as handle:
        if status.st_size > max_bytes:
            raise DraftError(
                f"{path} is too large to open ({_megabytes(status.st_size)}; "
                f"the limit is {_megabytes(max_bytes)})"
            )
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise DraftError(f"{path} cannot be read: {_reason(error, path)}") from None
    if len(data) > max_bytes:
        raise DraftError(f"{path} is too large to open (the limit is {_megabytes(max_bytes)})")
    return data, status


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def decode_draft(data: bytes, *, name: str = "the file") -> Draft:
    """Decode bytes into a draft: a BOM wins, then UTF-8, then a careful guess with a notice."""
    for bom, encoding in _BOMS:
        body = _decoded(data[len(bom) :], encoding) if data.startswith(bom) else None
        if body is not None:
            return _draft(body, encoding, bom=True)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DraftError(f"{name} starts like Unicode text but is not valid Unicode")
    wide = _utf16_without_bom(data)
    if wide is not None:
        notice = f"{name} is UTF-16 without a byte-order mark; it will be saved the same way"
        return _draft(data.decode(wide), wide, notice=notice)
    if b"\0" in data[:_SNIFF]:
        raise DraftError(f"{name} looks like a binary file, not text")
    utf8 = _decoded(data, "utf-8")
    if utf8 is not None:
        return _draft(utf8, "utf-8")
    encoding = _legacy_encoding(data)
    text = data.decode(encoding)
    if _looks_binary(text):
        raise DraftError(f"{name} looks like a binary file, not text")
    label = _LABELS[encoding]
    notice = (
        f"{name} is not UTF-8: it was opened as {label} and will be saved as {label} unless you choose UTF-8"
    )
    return _draft(text, encoding, notice=notice)


def _draft(text: str, encoding: str, *, bom: bool = False, notice: str | None = None) -> Draft:
    text_format, normalized = _split_newlines(text, encoding, bom)
    return Draft(normalized, text_format, notice)


def _decodes(data: bytes, encoding: str) -> bool:
    return _decoded(data, encoding) is not None


def _decoded(data: bytes, encoding: str) -> str | None:
    """The text, if *data* decodes strictly and encodes back to the very same bytes."""
    try:
        text = data.decode(encoding)
        return text if text.encode(encoding) == data else None
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows as NUL bytes in every other position (for Latin text)."""
    sample = data[: _SNIFF - _SNIFF % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    pairs = len(sample) // 2
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 and other <= 0.02 and _decodes(data, encoding):
            return encoding
    return None


def _legacy_encoding(data: bytes) -> str:
    """The likeliest 8-bit or East Asian encoding for bytes that are not UTF-8.

    Japanese text almost always contains kana; Chinese text in GB18030 is almost all
    GB2312 characters (both bytes high), which accented Latin letters rarely form.
    """
    japanese = _decoded(data, "shift_jis")
    if japanese is not None and _has_kana(japanese) and _mostly_wide(japanese):
        return "shift_jis"
    chinese = _decoded(data, "gb18030")
    if chinese is not None and _mostly_gb2312(chinese):
        return "gb18030"
    return "cp1252" if _decodes(data, "cp1252") else "latin-1"


def _non_ascii(text: str) -> list[str]:
    return [char for char in text if ord(char) > 0x7F]


def _has_kana(text: str) -> bool:
    return any("\u3040" <= char <= "\u30ff" for char in text)


def _mostly_wide(text: str) -> bool:
    wide = _non_ascii(text)
    return bool(wide) and sum(unicodedata.east_asian_width(c) in "WF" for c in wide) / len(wide) >= 0.9


def _mostly_gb2312(text: str) -> bool:
    wide = _non_ascii(text)
    return bool(wide) and sum(_encodes(c, "gb2312") for c in wide) / len(wide) >= 0.9


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF]
    return bool(sample) and len(_CONTROLS.findall(sample)) / len(sample) > 0.1


def _split_newlines(text: str, encoding: str, bom: bool) -> tuple[TextFormat, str]:
    if "\r" not in text:  # (LF only, as most drafts: 1 MB in 0.3 ms instead of 14 ms)
        return TextFormat(encoding, bom, "\n"), text
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
    joined = _with_line_endings(text, text_format)
    try:
        data = joined.encode(text_format.encoding)
    except UnicodeEncodeError as error:
        bad = joined[error.start : error.end]
        raise DraftError(
            f"the text contains {bad!r}, which {text_format.label} cannot store; save as UTF-8 instead"
        ) from None
    except LookupError:
        raise DraftError(f"{text_format.encoding} is not an encoding this editor knows") from None
    if text_format.bom:
        data = _BOM_OF.get(text_format.encoding, b"") + data
    return data


def _with_line_endings(text: str, text_format: TextFormat) -> str:
    if text_format.line_endings is None:
        return text if text_format.newline == "\n" else text.replace("\n", text_format.newline)
    lines = text.split("\n")
    endings = text_format.line_endings
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index < len(lines) - 1:
            out.append(endings[index] if index < len(endings) else text_format.newline)
    return "".join(out)


def save_atomic(
    path: Path, data: bytes, *, expected: Fingerprint | None = None, private: bool = False
) -> Fingerprint:
    """Write *data* to *path*: the file is either the old one or the new one, never half.

    With *expected*, refuse (:class:`ExternalChangeError`) when the file on disk no
    longer matches it: someone else saved a newer version. A new file gets the usual
    permissions (only its owner may read it if *private*); an existing one keeps its own.
    Returns the new fingerprint.
    """
    target = _real_target(path)
    if expected is not None and compare(expected, target)[0] is Change.MODIFIED:
        raise ExternalChangeError(
            f"{path} was changed on disk after you opened it; reload it, or save anyway to replace it"
        )
    original = _existing_status(target)
    if original is not None and not original.st_mode & 0o222:
        raise DraftError(f"cannot save {path}: the file is read-only; save it under another name")
    temp_name = _write_temp(path, target, data, original, 0o600 if private else 0o666 & ~_umask())
    try:
        status = os.stat(temp_name)
        os.replace(temp_name, target)
    except OSError as error:
        _remove_quietly(temp_name)
        raise DraftError(
            f"cannot save {path}: {_reason(error, path)}; the file on disk is unchanged"
        ) from None
    _sync_folder(target.parent)
    return Fingerprint(status.st_mtime_ns, len(data), digest_bytes(data))


def _write_temp(path: Path, target: Path, data: bytes, original: os.stat_result | None, new_mode: int) -> str:
    """Write *data* to a new temporary file next to *target*, synced to disk; return its name."""
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise DraftError(f"cannot save {path}: {_reason(error, path)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_ownership(temp_name, original, new_mode)
    except OSError as error:
        _remove_quietly(temp_name)
        raise DraftError(
            f"cannot save {path}: {_reason(error, path)}; the file on disk is unchanged"
        ) from None
    except BaseException:
        _remove_quietly(temp_name)
        raise
    return temp_name


def _real_target(path: Path) -> Path:
    """Saving through a symbolic link writes the file it points to and keeps the link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _existing_status(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _copy_ownership(temp_name: str, original: os.stat_result | None, new_mode: int) -> None:
    mode = new_mode if original is None else stat.S_IMODE(original.st_mode)
    os.chmod(temp_name, mode)
    if original is not None and hasattr(os, "chown"):
        with contextlib.suppress(OSError):
            os.chown(temp_name, original.st_uid, original.st_gid)


@functools.cache
def _umask() -> int:
    """The process's umask, read once (reading it means setting it, which is not thread-safe)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort; not every platform can open folders)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def _reason(error: OSError, path: Path) -> str:
    """A plain reason for an OS error, without errno numbers or Python names."""
    code = error.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return "the disk is full"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.EROFS:
        return "the disk is read-only"
    if code == errno.ENOENT:
        return (
            f"the folder {path.parent} no longer exists" if not path.parent.exists() else "it does not exist"
        )
    if code == errno.EISDIR:
        return "it is a folder"
    return (error.strerror or str(error)).rstrip(".").lower()


def save_draft(
    path: Path, text: str, text_format: TextFormat, *, expected: Fingerprint | None = None
) -> Fingerprint:
    """Encode and atomically save a draft; see :func:`save_atomic` for *expected*."""
    return save_atomic(path, encode_draft(text, text_format), expected=expected)
