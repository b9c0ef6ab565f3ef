"""Which of the light preview's paragraphs show which rendered blocks and source lines.

The light preview imports rendered blocks in groups (:mod:`editor.ui.text_preview`); each
group knows its blocks and how many paragraphs (QTextBlocks) they became. The document starts
with one paragraph of its own, before the first group. Inside a group of several blocks,
lines and paragraphs map to each other by interpolation. Plain Python: no Qt here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.render import RenderedBlock

FIRST = 1  # the document's own first paragraph comes before every group


@dataclass
class Group:
    """Consecutive blocks imported together, and the paragraphs (QTextBlocks) they became."""

    blocks: list[RenderedBlock]
    paragraphs: int


def blocks_of(groups: Sequence[Group]) -> list[RenderedBlock]:
    """The blocks of *groups*, in order."""
    return [block for group in groups for block in group.blocks]


def around(groups: Sequence[Group], head: int, end: int) -> tuple[int, int]:
    """The groups that hold blocks ``head..end`` (an insertion between groups touches none)."""
    starts = list(accumulate((len(group.blocks) for group in groups), initial=0))
    first = bisect_right(starts, head) - 1
    if first == len(groups) or (end == head and starts[first] == head):
        return first, first
    last = first + 1
    while starts[last] < end:
        last += 1
    return first, last


def relined(groups: Sequence[Group], blocks: Sequence[RenderedBlock]) -> None:
    """The groups' blocks, equal to *blocks* but for their lines, take *blocks*' lines."""
    index = 0
    for group in groups:
        group.blocks = list(blocks[index : index + len(group.blocks)])
        index += len(group.blocks)


def group_of_line(groups: Sequence[Group], line: int) -> int:
    """The index of the group showing source *line* (-1 if none)."""
    firsts = [group.blocks[0].start_line for group in groups]
    return max(0, bisect_right(firsts, line) - 1) if groups else -1


def paragraph_of_line(groups: Sequence[Group], line: int) -> int | None:
    """The number of the paragraph showing source *line* (estimated inside a group), if any."""
    if not groups:
        return None
    index = group_of_line(groups, line)
    group = groups[index]
    before = FIRST + sum(g.paragraphs for g in groups[:index])
    first_line, end_line = group.blocks[0].start_line, group.blocks[-1].end_line
    share = min(1.0, max(0.0, (line - first_line) / max(1, end_line - first_line)))
    offset = min(group.paragraphs - 1, int(share * group.paragraphs)) if group.paragraphs else 0
    return before + max(0, offset)


def line_of_paragraph(groups: Sequence[Group], number: int) -> int:
    """The source line shown by paragraph *number* (estimated inside a group)."""
    before = FIRST
    for group in groups:
        if number < before + group.paragraphs:
            first_line, end_line = group.blocks[0].start_line, group.blocks[-1].end_line
            share = (number - before) / max(1, group.paragraphs)
            return first_line + int(share * (end_line - first_line))
        before += group.paragraphs
    return groups[-1].blocks[-1].start_line if groups else 0
