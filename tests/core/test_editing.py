"""List continuation, list indenting and inline formatting toggles, as plain text."""

from __future__ import annotations

import pytest

from editor.core.editing import (
    Replacement,
    code_point_index,
    continue_list,
    indent_line,
    indent_step,
    make_link,
    outdent_line,
    outdent_step,
    parse_list_item,
    spaces_to_tab_stop,
    toggle_inline,
    utf16_length,
    utf16_offsets,
)


def apply(text: str, rep: Replacement) -> tuple[str, str]:
    """The text after *rep* and the selected part of it."""
    new = text[: rep.start] + rep.text + text[rep.end :]
    return new, new[rep.select_start : rep.select_end]


def enter(line: str, column: int | None = None) -> str | None:
    """The text after pressing Enter at *column* (end of line by default), with ``|`` at the caret."""
    column = len(line) if column is None else column
    rep = continue_list(line, column)
    if rep is None:
        return None
    new = line[: rep.start] + rep.text + line[rep.end :]
    caret = rep.select_start
    return new[:caret] + "|" + new[caret:]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- first", "- first\n- |"),
        ("* star", "* star\n* |"),
        ("+ plus", "+ plus\n+ |"),
        ("1. one", "1. one\n2. |"),
        ("9. nine", "9. nine\n10. |"),
        ("3) paren", "3) paren\n4) |"),
        ("  - nested", "  - nested\n  - |"),
        ("> - quoted", "> - quoted\n> - |"),
        ("- [x] done", "- [x] done\n- [ ] |"),
        ("- [ ] todo", "- [ ] todo\n- [ ] |"),
        ("-   wide", "-   wide\n-   |"),
    ],
)
def test_enter_continues_the_list(line: str, expected: str) -> None:
    assert enter(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("- ", "|"), ("-", "|"), ("3. ", "|"), ("  - ", "|"), ("> - ", "> |"), ("- [ ] ", "|")],
)
def test_enter_on_an_empty_item_ends_the_list(line: str, expected: str) -> None:
    assert enter(line) == expected


def test_enter_in_the_middle_of_an_item_moves_the_rest_to_a_new_item() -> None:
    assert enter("- one two", 5) == "- one\n- |two"


def test_enter_right_after_the_marker_keeps_the_marker_on_the_first_line() -> None:
    assert enter("- one", 2) == "- \n- |one"


@pytest.mark.parametrize(
    "line", ["plain text", "---", "* * *", "**bold** start", "-5 degrees", "1.5 million", ""]
)
def test_enter_outside_a_list_is_a_plain_line_break(line: str) -> None:
    assert enter(line) is None


def test_enter_inside_the_marker_is_a_plain_line_break() -> None:
    assert enter("  - item", 1) is None


def test_parse_list_item_parts() -> None:
    item = parse_list_item("> 12. [x] text")
    assert item is not None
    assert (item.quote, item.marker, item.task, item.content) == ("> ", "12.", "[x] ", "text")
    assert item.width == 4


@pytest.mark.parametrize(
    ("above", "line", "step"),
    [
        (["- parent"], "- child", 2),
        (["1. parent"], "1. child", 3),
        (["10. parent"], "11. child", 4),
        (["9. parent"], "10. child", 3),
        ([], "* only", 2),
        (["text"], "not a list", 4),
    ],
)
def test_tab_indents_a_list_item_by_its_siblings_content_column(
    above: list[str], line: str, step: int
) -> None:
    assert indent_step(line, above) == step


def test_shift_tab_outdents_to_the_parent_item() -> None:
    above = ["1. parent", "   - child"]
    assert outdent_step("     - grandchild", above) == 2
    assert outdent_step("   - child", ["1. parent"]) == 3
    assert outdent_step("- top", []) == 0
    assert outdent_step("      text", []) == 4


def test_indent_and_outdent_keep_the_blockquote_prefix() -> None:
    assert indent_line("> - item", 2) == ">   - item"
    assert outdent_line(">   - item", 2) == "> - item"
    assert outdent_line(" x", 4) == "x"
    assert indent_line("", 2) == ""


def test_tab_outside_a_list_goes_to_the_next_tab_stop() -> None:
    assert spaces_to_tab_stop(0) == "    "
    assert spaces_to_tab_stop(6) == "  "


@pytest.mark.parametrize(
    ("text", "start", "end", "marker", "after", "selected"),
    [
        ("a word here", 2, 6, "**", "a **word** here", "word"),
        ("a **word** here", 4, 8, "**", "a word here", "word"),
        ("a **word** here", 2, 10, "**", "a word here", "word"),
        ("a word here", 2, 7, "**", "a **word** here", "word"),
        ("a *word* here", 3, 7, "*", "a word here", "word"),
        ("a **word** here", 4, 8, "*", "a ***word*** here", "word"),
        ("a ***word*** here", 5, 9, "**", "a *word* here", "word"),
        ("a ***word*** here", 5, 9, "*", "a **word** here", "word"),
        ("call f() now", 5, 8, "`", "call `f()` now", "f()"),
        ("call `f()` now", 6, 9, "`", "call f() now", "f()"),
        ("ab", 1, 1, "**", "a****b", ""),
        ("a****b", 3, 3, "**", "ab", ""),
    ],
)
def test_toggle_inline(text: str, start: int, end: int, marker: str, after: str, selected: str) -> None:
    assert apply(text, toggle_inline(text, start, end, marker)) == (after, selected)


def test_empty_pair_puts_the_caret_inside() -> None:
    rep = toggle_inline("ab", 1, 1, "`")
    assert (rep.select_start, rep.select_end) == (2, 2)


def test_link_wraps_the_selection_and_selects_the_url() -> None:
    assert apply("see the docs now", make_link("see the docs now", 8, 12)) == (
        "see the [docs](url) now",
        "url",
    )


def test_link_from_a_selected_address_puts_the_caret_in_the_label() -> None:
    text = "at https://example.org today"
    rep = make_link(text, 3, 22)
    assert apply(text, rep)[0] == "at [](https://example.org) today"
    assert rep.select_start == rep.select_end == 4


def test_link_with_nothing_selected_selects_the_label() -> None:
    assert apply("ab", make_link("ab", 1, 1)) == ("a[text](url)b", "text")


def test_utf16_offsets_count_emoji_twice_like_qt() -> None:
    text = "a😀b😀c"
    assert utf16_length(text) == 7
    assert utf16_offsets(text, [4, 0, 2, 5]) == [6, 0, 3, 7]
    assert utf16_offsets("plain", [3, 1]) == [3, 1]
    assert [code_point_index(text, n) for n in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
