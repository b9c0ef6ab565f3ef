"""The task list rule, run only on texts with a box in them, makes the tokens it always made."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from editor.core.markdown import create_markdown

GATED = create_markdown()


def _ungated() -> MarkdownIt:
    """Our parser with the plugin's own rule in place of the gated one."""
    md = create_markdown()
    plain = MarkdownIt().use(tasklists_plugin).core.ruler
    rule = dict(zip(plain.get_active_rules(), plain.getRules(""), strict=True))["github-tasklists"]
    md.core.ruler.at("github-tasklists", rule)
    return md


@pytest.mark.parametrize(
    "text",
    [
        "- [ ] to do\n- [x] done\n- [X] done too\n",
        "A paragraph first.\n\n* plain item\n  - [ ] a task nested\n",
        "> - [x] in a quote\n",
        "1. [ ] ordered task\n",
        "- [ ]\tafter a tab\n",
        "- [] not a box\n- [ x] nor this\n",
        "- item [x] with a box inside\n",
        "- [ ] lines ending\r\n- [x] in CR LF\r\n",
        "- [x] after\0 a NUL\n- \0[ ] and before one\n",
        "- no box here\n\n> - [X] but one in a quote\n",
    ],
)
def test_texts_with_boxes_get_the_task_items_the_plugin_makes(text: str) -> None:
    assert GATED.parse(text) == _ungated().parse(text)
    assert GATED.render(text) == _ungated().render(text)


def test_a_box_makes_a_task_item_and_no_box_leaves_the_item_alone() -> None:
    assert 'class="task-list-item' in GATED.render("- [ ] to do\n")
    assert "task-list-item" not in GATED.render("- [] no box\n- (x) nor this\n")
