"""Property tests: whatever the text, encoding and line endings, open + save gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.files import DraftError, decode_draft, encode_draft, read_draft, save_draft

ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "shift_jis",
    "gb18030",
)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
# Lines never contain line breaks of their own; NUL would make any file look binary.
LINE = st.text(st.characters(exclude_characters="\r\n\x00", exclude_categories=("Cs",)), max_size=30)


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@st.composite
def stored_files(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A file as some other editor might have saved it: encoding, text and bytes."""
    encoding = draw(st.sampled_from(ENCODINGS))
    lines = draw(st.lists(LINE.filter(lambda line: _encodable(line, encoding)), max_size=8))
    endings = draw(st.lists(ENDINGS, min_size=len(lines), max_size=len(lines)))
    trailing = draw(st.booleans())
    parts = [line + ending for line, ending in zip(lines, endings, strict=True)]
    text = "".join(parts)
    if lines and not trailing:
        text = text[: -len(endings[-1])]
    return encoding, text, text.encode(encoding)


# With a byte-order mark, or in UTF-8, the text is known for sure and must open as written.
CERTAIN = ("utf-8", "utf-8-sig", "utf-16", "utf-32")


@given(stored_files())
@settings(max_examples=500)
def test_decode_then_encode_gives_the_same_bytes(stored: tuple[str, str, bytes]) -> None:
    encoding, text, data = stored
    try:
        draft = decode_draft(data)
    except DraftError:
        assert encoding not in CERTAIN
        return  # refused as binary: nothing is opened, so nothing can be written back wrongly
    assert encode_draft(draft.text, draft.format) == data
    assert "\r" not in draft.text
    if encoding in CERTAIN:
        expected = text.replace("\r\n", "\n").replace("\r", "\n")
        if encoding == "utf-8" and draft.format.bom:  # text that starts with U+FEFF reads as a BOM
            expected = expected.removeprefix("\ufeff")
        assert draft.text == expected


@given(st.binary(max_size=200))
@settings(max_examples=400)
def test_arbitrary_bytes_either_round_trip_or_are_refused_plainly(data: bytes) -> None:
    try:
        draft = decode_draft(data, name="blob.md")
    except DraftError as error:
        assert str(error).startswith("blob.md ")
        return
    assert encode_draft(draft.text, draft.format) == data


@given(stored=stored_files(), addition=LINE)
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_saved_edits_are_stored_in_the_files_own_format(
    tmp_path: Path, stored: tuple[str, str, bytes], addition: str
) -> None:
    data = stored[2]
    path = tmp_path / "draft.md"
    path.write_bytes(data)
    try:
        draft = read_draft(path)
    except DraftError:
        return
    text = draft.text + addition
    try:
        save_draft(path, text, draft.format, expected=draft.fingerprint)
    except DraftError as error:
        assert "cannot store" in str(error)  # cp1252 cannot hold every character
        assert path.read_bytes() == data
        return
    assert path.read_bytes() == encode_draft(text, draft.format)
