"""Building blocks shared by the memo's sections: headings and status labels."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reports import styles as st
from reports.fonts import REGULAR
from reports.layout import Heading
from reports.styles import esc, styles
from rrisk.scoring import STATUS_EXCLUDED, STATUS_UNSCORED, ProjectScore

FULL_WIDTH = 170 * mm
"""Width of the text frame on an A4 page with 20 mm margins."""


def section_heading(title: str, key: str) -> list[Flowable]:
    """A section title that starts a new page and enters the outline."""
    return [PageBreak(), Heading(esc(title), styles().h1, title, key, 0)]


def sub_heading(title: str, key: str | None = None, room: float = 90) -> list[Flowable]:
    """A sub-section title kept with what follows (it moves to the next page if ``room`` lacks)."""
    s = styles()
    heading: Flowable = (
        Heading(esc(title), s.h2, title, key, 1) if key else st.MemoParagraph(esc(title), s.h2)
    )
    return [CondPageBreak(room), heading]


def status_label(project: ProjectScore) -> str:
    """The status column's wording: Ranked, Ranked — incomplete, Unscored or Excluded."""
    if project.status == STATUS_EXCLUDED:
        return "Excluded"
    if project.status == STATUS_UNSCORED:
        return "Unscored"
    return "Ranked" if project.coverage >= 1.0 else "Ranked — incomplete"


ROW_SPLIT_HEIGHT = 180 * mm
"""A row taller than this could not fit a page with its heading: only then may it split."""


def data_table(
    rows: list[list[Any]],
    colWidths: list[float],  # noqa: N803
    style: TableStyle,
    **kwargs: Any,
) -> Table:
    """A table whose rows split across pages only when one of them is too tall for a page.

    reportlab's ``splitInRow`` lets a very long row (user text up to 20,000 characters)
    continue on the next page, but when it is on, ordinary rows are split too and the
    repeated header can appear in the middle of a page. So it is switched on only for the
    tables that need it, measured here.

    The style comes with the rows, not after: the measure is then taken with the table's own
    paddings, so it is the layout's (a cell is broken into lines once for both; measured with
    reportlab's default paddings, every cell was broken at a second width).
    """
    table = LastRowsInTwos(rows, colWidths=colWidths, style=style, **kwargs)
    if _rows_surely_short(rows, colWidths):
        return table  # measuring would lay out every cell once more (a fifth of the memo)
    table.wrap(sum(colWidths), 10_000 * mm)
    if max(table._rowHeights, default=0) > ROW_SPLIT_HEIGHT:
        table = Table(rows, colWidths=colWidths, style=style, splitInRow=1, **kwargs)
    return table


def keep_groups_together(table: Table, starts: list[int], widths: list[float]) -> float:
    """Each group of rows starting at ``starts`` goes to a page whole: a group names its
    project on its first row only, so a row carried over alone would not say whose it is (a
    project's red lines, the changes that moved its index). A group too tall for a page may
    still split.

    Returns the height the table needs to start on a page: its header and first group (see
    :func:`with_room`)."""
    table.wrap(sum(widths), 10_000 * mm)
    heights = table._rowHeights
    lead = starts[0] + 1  # rows up to the first group's first
    for first, end in zip(starts, [*starts[1:], len(heights)], strict=True):
        if end - first > 1 and sum(heights[first:end]) <= ROW_SPLIT_HEIGHT:
            table.setStyle([("NOSPLIT", (0, first), (-1, end - 1))])
            if first == starts[0]:
                lead = end
    return float(sum(heights[:lead]))


def with_room(block: list[Flowable], lead: float) -> list[Flowable]:
    """``block`` (a :func:`sub_heading` and the text under it) asking for room enough for
    itself and the first ``lead`` points of the table after it: a table that cannot start on
    the page (its first group kept whole) would leave the heading and text alone at its foot.
    A lead taller than :data:`ROW_SPLIT_HEIGHT` (a row that splits between pages) asks for
    nothing: the room could exceed a page, and a break asking for more than a page breaks at
    every page, the heading's own top too (a blank page before it)."""
    if lead > ROW_SPLIT_HEIGHT:
        return block
    needed = lead + sum(
        item.wrap(FULL_WIDTH, 10_000 * mm)[1] + item.getSpaceBefore() + item.getSpaceAfter()
        for item in block[1:]
    )
    room = block[0]
    if isinstance(room, CondPageBreak) and needed > room.height:
        return [CondPageBreak(needed), *block[1:]]
    return block


class LastRowsInTwos(Table):
    """A table that, split between pages, never carries its last row alone overleaf: one row
    under the repeated header at the top of a page reads as a layout accident, so the row
    before goes with it when two or more stay behind. (A first row alone at the foot of a page
    is left there: moving the whole table would leave the heading and text above it alone
    instead. Tables whose rows may split inside are reportlab's own: their rows are pages
    long.)"""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        header = self.repeatRows
        if len(parts) != 2 or not isinstance(header, int):
            return parts
        heights = self._rowHeights
        kept = len(heights) - (len(parts[1]._rowHeights) - header)  # rows left on this page
        if len(heights) - kept == 1 and kept - header >= 3:
            return super().split(availWidth, availHeight - heights[kept - 1])
        return parts


_WIDEST_EM = 2.0
"""Room a character may take in a wrapped line, in ems: the widest Latin letters take about
one, and a line broken before a long word may leave nearly half of it empty."""
_PADDING = 20.0
"""The widest cell padding of the memo's tables, left and right together (and top and bottom)."""


def _height_bound(cell: Any, width: float) -> float | None:
    """A height ``cell`` cannot exceed in a column ``width`` wide; None when it cannot be
    told without laying it out."""
    if cell is None or isinstance(cell, str):
        return 14.0 * ((cell or "").count("\n") + 1)
    if isinstance(cell, Paragraph):
        if not isinstance(width, (int, float)):
            return None
        style, room = cell.style, width - _PADDING
        text = cell.text  # with its markup, which only adds to the bound
        if text is None:  # made of another paragraph's fragments (a piece of a long text)
            return None
        breaks = text.count("<br") + text.count("\n")
        if room <= style.fontSize * _WIDEST_EM:  # a narrow column: a character a line at worst
            lines = breaks + 1 + len(text)
        else:
            lines = breaks + 2 + int(len(text) * style.fontSize * _WIDEST_EM / room)
        return lines * style.leading + style.spaceBefore + style.spaceAfter
    if isinstance(cell, (list, tuple)):
        heights = [_height_bound(item, width) for item in cell]
        return None if None in heights else sum(h for h in heights if h is not None)
    if isinstance(cell, Spacer):
        return float(cell.height)
    return None


def _rows_surely_short(rows: list[list[Any]], widths: list[float]) -> bool:
    """Whether no row can be taller than :data:`ROW_SPLIT_HEIGHT`, told from the cells' text
    alone (a short table needs no trial layout)."""
    for row in rows:
        for cell, width in zip(row, widths, strict=False):
            height = _height_bound(cell, width)
            if height is None or height + _PADDING > ROW_SPLIT_HEIGHT:
                return False
    return True


def callout_box(body: list[Flowable], width: float = FULL_WIDTH) -> Table:
    """A tinted panel with an accent rule on the left, for the memo's key statements."""
    style = st.table_style(
        [
            ("BACKGROUND", (0, 0), (-1, -1), st.PANEL_FILL),
            ("LINEBEFORE", (0, 0), (0, -1), 3, st.ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return data_table([[body]], colWidths=[width], style=style)


_TAGS = re.compile(r"<[^>]*>")
_LINE_BREAK = re.compile(r"<br\s*/?>")


def _word_widths(cell: Paragraph) -> list[tuple[float, list[float]]]:
    """Each line of ``cell``'s text (split at its line breaks): its width set on one line and
    the widths of its words, in the regular face."""
    size = cell.style.fontSize
    space = stringWidth(" ", REGULAR, size)
    lines = []
    for line in _LINE_BREAK.split(cell.text):
        words = [
            stringWidth(word, REGULAR, size) for word in html.unescape(_TAGS.sub("", line)).split()
        ]
        lines.append((sum(words) + space * max(len(words) - 1, 0), words))
    return lines


def _lines_in(widths: list[tuple[float, list[float]]], room: float, space: float) -> int:
    """Lines the measured text needs ``room`` points wide, its words broken greedily."""
    count = 0
    for whole, words in widths:
        count += 1
        if whole <= room:
            continue
        used = -space
        for width in words:
            if used + space + width > room and used > 0:
                count += 1
                used = -space
            used += space + width
        count += int(max(used, 0) // room)  # a word wider than the column is cut over lines
    return count


def shortest_widths(rows: list[list[Any]], choices: Sequence[list[float]]) -> list[float]:
    """Of ``choices`` (column widths), the one that gives ``rows`` the least height by
    the lines its cells' words need, broken greedily as set in the regular face (a row as
    tall as its tallest cell): cheap enough to weigh several widths, where a trial layout of
    each would cost the memo a tenth of its time. Of equal heights, the one
    with the fewest lines in all (a short text not broken beside a tall one), then the first."""
    padding = 8.0  # the grid's left and right cell padding
    # Each cell's words are measured once, for every choice.
    measured = [
        [
            (
                column,
                cell.style.leading,
                stringWidth(" ", REGULAR, cell.style.fontSize),
                _word_widths(cell),
            )
            for column, cell in enumerate(row)
            if isinstance(cell, Paragraph) and cell.text is not None
        ]
        for row in rows
    ]

    def measure(widths: list[float]) -> tuple[float, int]:
        height, count = 0.0, 0
        for cells in measured:
            tallest = 0.0
            for column, leading, space, words in cells:
                if column < len(widths):
                    lines = _lines_in(words, widths[column] - padding, space)
                    tallest = max(tallest, lines * leading)
                    count += lines
            height += tallest
        return round(height, 3), count

    return min(choices, key=measure)
