"""Reading and saving drafts: faithful bytes, encodings, clear errors, atomic saves under faults."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

import pytest

from editor.core import files
from editor.core.files import (
    DraftError,
    ExternalChangeError,
    TextFormat,
    decode_draft,
    encode_draft,
    read_draft,
    save_draft,
)
from editor.core.recovery import RecoveryStore, new_key, save_guarded

ORIGINAL = b"# Weekly 12\r\n\r\nThe first draft, saved yesterday.\r\n"


def _round_trip(data: bytes) -> bytes:
    draft = decode_draft(data)
    return encode_draft(draft.text, draft.format)


@pytest.mark.parametrize(
    "data",
    [
        b"LF only\nsecond\n",
        b"CRLF\r\nsecond\r\n",
        b"old Mac CR\rsecond\r",
        b"mixed\r\nlines\nand\rmore\r\n",
        b"no trailing newline",
        b"",
        b"\n\n\n",
        b"\r\n",
        codecs.BOM_UTF8 + "caf\u00e9 with BOM\r\n".encode(),
        codecs.BOM_UTF16_LE + "utf-16 le\r\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "utf-16 be\n".encode("utf-16-be"),
        codecs.BOM_UTF16_LE + "\ufeffa second BOM is text".encode("utf-16-le"),
        codecs.BOM_UTF32_LE + "utf-32\n".encode("utf-32-le"),
        "caf\u00e9 \u2014 \u201cquoted\u201d\r\n".encode("cp1252"),
        "\u00c4rger \u00fcber \u00d6l\n".encode("latin-1"),
    ],
)
def test_open_and_save_without_edits_gives_the_same_bytes(data: bytes) -> None:
    assert _round_trip(data) == data


def test_text_reaches_the_editor_with_lf_line_endings() -> None:
    draft = decode_draft(b"one\r\ntwo\rthree\n")
    assert draft.text == "one\ntwo\nthree\n"
    assert draft.format.mixed


def test_edited_text_keeps_the_files_line_ending() -> None:
    draft = decode_draft(b"one\r\ntwo\r\n")
    assert encode_draft(draft.text + "three\n", draft.format) == b"one\r\ntwo\r\nthree\r\n"


@pytest.mark.parametrize(
    ("text", "encoding", "label"),
    [
        ("Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade \u2014 \u201csmart\u201d\n", "cp1252", "Windows-1252"),
        (
            "\u3053\u3093\u306b\u3061\u306f\u4e16\u754c\u3001\u30c6\u30b9\u30c8\u3067\u3059\n",
            "shift_jis",
            "Shift-JIS",
        ),
        ("\u4f60\u597d\u4e16\u754c\uff0c\u8fd9\u662f\u4e00\u4e2a\u6d4b\u8bd5\u3002\n", "gb18030", "GB18030"),
    ],
)
def test_text_that_is_not_utf8_opens_with_a_notice_and_saves_back_the_same(
    text: str, encoding: str, label: str
) -> None:
    data = text.encode(encoding)
    draft = decode_draft(data, name="notes.md")
    assert draft.text == text
    assert draft.format.encoding == encoding
    assert draft.notice is not None and "notes.md is not UTF-8" in draft.notice and label in draft.notice
    assert encode_draft(draft.text, draft.format) == data


def test_the_writer_can_choose_utf8_instead() -> None:
    draft = decode_draft("caf\u00e9\r\n".encode("cp1252"))
    assert encode_draft(draft.text, draft.format.as_utf8()) == "caf\u00e9\r\n".encode()


def test_utf16_without_bom_is_recognised() -> None:
    data = "Release notes\nline two\n".encode("utf-16-le")
    draft = decode_draft(data)
    assert draft.text == "Release notes\nline two\n"
    assert draft.notice is not None and "UTF-16" in draft.notice
    assert encode_draft(draft.text, draft.format) == data


def test_text_the_old_encoding_cannot_store_gives_a_plain_error() -> None:
    draft = decode_draft("caf\u00e9".encode("cp1252"))
    with pytest.raises(DraftError, match="save as UTF-8"):
        encode_draft(draft.text + " \u2603", draft.format)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(256)) * 4,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 40,
        bytes([1, 2, 3, 4, 5, 6, 0xE9, 7, 8]) * 50,
    ],
)
def test_binary_files_are_refused_plainly(data: bytes) -> None:
    with pytest.raises(DraftError, match="binary file"):
        decode_draft(data, name="picture.png")


def test_missing_folder_and_fifo_are_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="does not exist"):
        read_draft(tmp_path / "gone.md")
    with pytest.raises(DraftError, match="folder"):
        read_draft(tmp_path)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(DraftError, match="not a regular file"):
        read_draft(fifo)


def test_a_file_that_vanishes_between_listing_and_reading(tmp_path: Path) -> None:
    listed = tmp_path / "draft.md"
    listed.write_text("soon gone")
    found = sorted(tmp_path.glob("*.md"))
    listed.unlink()
    with pytest.raises(DraftError, match="does not exist"):
        read_draft(found[0])


def test_oversized_files_are_refused_with_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(DraftError, match="too large"):
        read_draft(big, max_bytes=1024)


def test_a_20_mb_draft_opens_and_saves_back_identically(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    data = ("A paragraph of a long newsletter, with caf\u00e9 and \u2014 dashes.\r\n" * 330_000).encode()
    path.write_bytes(data)
    assert len(data) > 20_000_000
    draft = read_draft(path)
    save_draft(path, draft.text, draft.format)
    assert path.read_bytes() == data


# --- atomic saves ---------------------------------------------------------------


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    path = tmp_path / "issue.md"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    return path


def test_save_replaces_the_file_and_keeps_its_permissions(draft_file: Path) -> None:
    draft = read_draft(draft_file)
    save_draft(draft_file, draft.text + "New line.\n", draft.format)
    assert draft_file.read_bytes() == ORIGINAL + b"New line.\r\n"
    assert stat.S_IMODE(draft_file.stat().st_mode) == 0o640
    assert [p.name for p in draft_file.parent.iterdir()] == ["issue.md"]


def test_save_through_a_symlink_keeps_the_link(draft_file: Path) -> None:
    link = draft_file.parent / "link.md"
    link.symlink_to(draft_file.name)
    save_draft(link, "via link\n", TextFormat())
    assert link.is_symlink()
    assert draft_file.read_text() == "via link\n"


def test_save_refuses_to_overwrite_a_newer_file_on_disk(draft_file: Path) -> None:
    draft = read_draft(draft_file)
    draft_file.write_bytes(b"Someone else's newer text\n")
    with pytest.raises(ExternalChangeError, match="changed on disk"):
        save_draft(draft_file, "mine\n", draft.format, expected=draft.fingerprint)
    assert draft_file.read_bytes() == b"Someone else's newer text\n"


def test_save_with_the_right_fingerprint_returns_the_next_one(draft_file: Path) -> None:
    draft = read_draft(draft_file)
    first = save_draft(draft_file, "one\n", draft.format, expected=draft.fingerprint)
    second = save_draft(draft_file, "two\n", draft.format, expected=first)
    assert second != first
    assert draft_file.read_bytes() == b"two\r\n"


class _FailingHandle:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, fd: int, mode: str) -> None:
        self._real = open(fd, mode)  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> _FailingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()

    def write(self, data: bytes) -> int:
        self._real.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")


def _fail_replace(*args: object) -> None:
    raise OSError(errno.EXDEV, "Invalid cross-device link")


def _fail_fsync(fd: int) -> None:
    raise OSError(errno.EIO, "Input/output error")


def _fail_mkstemp(**kwargs: object) -> tuple[int, str]:
    raise PermissionError(errno.EACCES, "Permission denied")


FAULTS = {
    "replace": ("replace", _fail_replace, "cross-device"),
    "fsync": ("fsync", _fail_fsync, "input/output error"),
    "disk-full": ("fdopen", _FailingHandle, "the disk is full"),
    "permission": ("mkstemp", _fail_mkstemp, "permission denied"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_failed_save_leaves_the_file_intact_and_the_text_recoverable(
    fault: str, draft_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RecoveryStore(tmp_path / "state")
    key = new_key()
    draft = read_draft(draft_file)
    edited = draft.text + "An afternoon of work.\n"
    store.journal(key, edited, draft_file)  # the autosave a few seconds after the last edit
    name, replacement, reason = FAULTS[fault]
    target = files.tempfile if name == "mkstemp" else files.os
    monkeypatch.setattr(target, name, replacement)

    def save(path: Path, text: str) -> object:
        return save_draft(path, text, draft.format, expected=draft.fingerprint)

    with pytest.raises(DraftError) as raised:
        save_guarded(store, key, draft_file, edited, save=save)
    message = str(raised.value)
    assert message.startswith(f"cannot save {draft_file}") and reason in message
    assert "\n" not in message and "Errno" not in message
    assert draft_file.read_bytes() == ORIGINAL
    assert sorted(p.name for p in draft_file.parent.iterdir()) == ["issue.md", "state"]
    assert [entry.text for entry in store.entries()] == [edited]


def test_a_successful_guarded_save_cleans_the_store(draft_file: Path, tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "state")
    draft = read_draft(draft_file)
    save_guarded(store, new_key(), draft_file, "saved\n", save=lambda p, t: save_draft(p, t, draft.format))
    assert draft_file.read_bytes() == b"saved\r\n"
    assert store.entries() == []


def test_read_only_file_is_not_replaced(draft_file: Path) -> None:
    draft_file.chmod(0o444)
    with pytest.raises(DraftError, match="read-only; save it under another name"):
        save_draft(draft_file, "mine\n", TextFormat())
    assert draft_file.read_bytes() == ORIGINAL


def test_saving_into_a_folder_that_is_gone(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    path = folder / "issue.md"
    folder.rmdir()
    with pytest.raises(DraftError, match="no longer exists"):
        save_draft(path, "text\n", TextFormat())
