"""Plain bullet lists made without markdown-it's list rule come out token for token as it makes them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from editor.core import simple_lists
from editor.core.markdown import create_markdown
from editor.core.simple_lists import RULE_NAME
from tests.shared import CORPUS, SEED, needs_corpus, needs_seed

PLAIN = create_markdown()
PLAIN.block.ruler.disable(RULE_NAME)


def _counting() -> tuple[MarkdownIt, list[int]]:
    """Our parser, its rule counting the lists it makes (their first lines)."""
    counted = create_markdown()
    taken: list[int] = []

    def counting(state: Any, start: int, end: int, silent: bool) -> bool:
        made = simple_lists.plain_bullet_list(state, start, end, silent)
        taken.extend([start] if made else [])
        return made

    counted.block.ruler.at(RULE_NAME, counting)
    return counted, taken


def _same(text: str) -> int:
    """How many lists the rule made in *text*; the tokens equal markdown-it's own in any case."""
    counted, taken = _counting()
    env_ours: dict[str, Any] = {}
    env_plain: dict[str, Any] = {}
    assert counted.parse(text, env_ours) == PLAIN.parse(text, env_plain), text
    assert env_ours == env_plain
    return len(taken)


@needs_corpus
@needs_seed
def test_every_issue_of_the_corpus_parses_as_markdown_it_parses_it_most_lists_made_directly() -> None:
    made = 0
    for path in [*sorted(CORPUS.glob("*.md")), SEED]:
        made += _same(path.read_text(encoding="utf-8"))
    assert made > 15 * 54  # most link lists of each issue


@pytest.mark.parametrize(
    ("text", "made"),
    [
        ("* [a title](https://example.com/a) by someone\n* [another](https://example.com/b)\n", 1),
        ("- one\n- two\n\nA paragraph after.\n", 1),
        ("- one\n- two\n\n\n## A heading after blank lines\n", 1),
        ("- one that runs on\n  over two lines\n- two\n", 1),
        ("- one\n- two\n### A heading right after\n", 1),
        ("- one\n<!-- a comment right after -->\n", 1),
        ("- one\n* a list of its own\n+ and another\n", 3),
        ("Text first.\n\n- one\n- two\n", 1),
        ("- [ ] a task\n- [x] done\n", 1),
        ("- one\n- two", 1),
        ("- one\n  - nested\n", 1),
        # an events calendar: each item with one nested item under it
        (
            "* 2025-10-02 | Seoul, KR | [Meetup](https://example.com/m)\n    * [**Talk**](https://example.com/t)\n"
            "* 2025-10-04 | Online | [Group](https://example.com/g)\n    * [**Another**](https://example.com/a)\n\n"
            "### Europe\n",
            1,
        ),
        ("- one\n  runs on\n   + nested\n     runs on too\n   + again\n- two\n\n\nAfter.\n", 1),
        ("- one\n     * nested five spaces in\n- two\n", 1),
    ],
)
def test_the_common_shapes_are_made_directly(text: str, made: int) -> None:
    assert _same(text) == made


@pytest.mark.parametrize(
    "text",
    [
        "- one\n\n- two\n",  # loose: the list goes on after the blank line
        "- one\nlazy line\n",
        "- one\n  - nested\n    - deeper\n",
        "- one\n  - nested\nlazy line\n",
        "- one\n  - nested\n  lazy, indented\n",
        "- one\n  - nested\n  + another nested list\n",
        "- one\n  - nested\n   - one column further\n",
        "- one\n  - nested\n\n  - loose\n",
        "- one\n      - six spaces: the text goes on\n",
        "- one\n   \t- a tab\n",
        "- one\n  - # heading\n",
        "- one\n  -  two spaces\n",
        "- one\n\n  a second paragraph\n",
        "-  two spaces\n",
        "-\tA tab\n",
        "- # heading in an item\n",
        "- > quote in an item\n",
        "- ```\n",
        "- <div>\n",
        "- ---\n",
        "- * * *\n",
        "- [label]: https://example.com\n",
        "- 1. ordered inside\n",
        "- one\n  ===\n",
        "- a | b\n  --|--\n",
        "  - indented list\n",
        "> - in a quote\n",
        "1. ordered\n",
        "- one\n\t tab continuation\n",
        "- [foo\n  bar]: /url\n\nSee [foo bar].\n",  # a definition whose label goes on
        "- [^a\n  b]: a note\n",
        "- [a\\]\n  b]: /url\n",  # an escaped bracket: the label goes on
        "- x\n  - [a\\]\n    b]: /url\n",
        "- foo\n- --\n",  # a thematic break, not an item
        "* foo\n* **\n",
        "- a--b\n- c\n",  # the front matter plugin's reading of a first line's item
    ],
)
def test_anything_else_is_left_to_markdown_it(text: str) -> None:
    assert _same(text) == 0


LINE = st.sampled_from(
    [
        "",
        "",
        "- plain item",
        "* [a link](https://example.com/x) by someone",
        "+ item",
        "- [ ] task",
        "- *emphasis* first",
        "- **strong** first",
        "- `code` first",
        "- 2025-11-23 | Virtual | [Meetup](https://example.com/m)",
        "  carried on",
        "   carried on, three spaces",
        "      carried on, six spaces",
        " one space",
        "\tA tab",
        "  - nested",
        "  * nested",
        "    * nested deeper",
        "   - nested three",
        "     + nested five",
        "      * nested six",
        "    carried on four",
        "        carried on eight",
        "   \t- tab nested",
        "  1. nested ordered",
        "  ===",
        "  ---",
        "  | a | b |",
        "  |---|---|",
        "  > quoted",
        "  # heading",
        "  <b>html</b>",
        "  ```",
        "-",
        "- ",
        "-  two spaces",
        "- # heading",
        "- > quote",
        "- ---",
        "- [ref]: https://example.com/r",
        "[ref]: https://example.com/r",
        "1. ordered",
        "2) ordered",
        "# Heading",
        "### Heading",
        "A paragraph line.",
        "> A quote",
        "<!-- a comment -->",
        "<div>",
        "---",
        "===",
        "```",
        "| a | b |",
        "|---|---|",
        "Title: Front",
        "- [label",
        "  label]: https://example.com/l",
        "- [a\\]",
        "  b]: /url",
        "    b]: /url",
        "- --",
        "* **",
        "- _ _",
        "- a--b",
        "- a---",
        "---",
        "- x\\",
    ]
)
TEXT = st.lists(LINE, max_size=30).map("\n".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.booleans())
def test_any_text_parses_as_markdown_it_parses_it(text: str, trailing_newline: bool) -> None:
    _same(text + "\n" if trailing_newline else text)
