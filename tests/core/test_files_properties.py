"""Property tests: whatever the text, encoding and line endings, open + save gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.files import DraftError, decode_draft, encode_draft, read_draft, save_draft

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")
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
def stored_files(draw: st.DrawFn) -> bytes:
    """The bytes of a file as some other editor might have saved it."""
    encoding = draw(st.sampled_from(ENCODINGS))
    lines = draw(st.lists(LINE.filter(lambda line: _encodable(line, encoding)), max_size=8))
    endings = draw(st.lists(ENDINGS, min_size=len(lines), max_size=len(lines)))
    trailing = draw(st.booleans())
    parts = [line + ending for line, ending in zip(lines, endings, strict=True)]
    text = "".join(parts)
    if lines and not trailing:
        text = text[: -len(endings[-1])]
    return text.encode(encoding)


@given(stored_files())
@settings(max_examples=400)
def test_decode_then_encode_gives_the_same_bytes(data: bytes) -> None:
    try:
        draft = decode_draft(data)
    except DraftError:
        return  # refused as binary: nothing is opened, so nothing can be written back wrongly
    assert encode_draft(draft.text, draft.format) == data
    assert "\r" not in draft.text


@given(st.binary(max_size=200))
@settings(max_examples=400)
def test_arbitrary_bytes_either_round_trip_or_are_refused_plainly(data: bytes) -> None:
    try:
        draft = decode_draft(data, name="blob.md")
    except DraftError as error:
        assert str(error).startswith("blob.md ")
        return
    assert encode_draft(draft.text, draft.format) == data


@given(data=stored_files(), addition=LINE)
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_saved_edits_are_stored_in_the_files_own_format(tmp_path: Path, data: bytes, addition: str) -> None:
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
    assert read_draft(path).fingerprint is not None
