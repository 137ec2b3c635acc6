"""Building blocks shared by the memo's sections: headings and status labels."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table

from reports import styles as st
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
        Heading(esc(title), s.h2, title, key, 1) if key else Paragraph(esc(title), s.h2)
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


def data_table(rows: list[list[Any]], colWidths: list[float], **kwargs: Any) -> Table:  # noqa: N803
    """A table whose rows split across pages only when one of them is too tall for a page.

    reportlab's ``splitInRow`` lets a very long row (user text up to 20,000 characters)
    continue on the next page, but when it is on, ordinary rows are split too and the
    repeated header can appear in the middle of a page. So it is switched on only for the
    tables that need it, measured here.
    """
    table = Table(rows, colWidths=colWidths, **kwargs)
    table.wrap(sum(colWidths), 10_000 * mm)
    if max(table._rowHeights, default=0) > ROW_SPLIT_HEIGHT:
        table = Table(rows, colWidths=colWidths, splitInRow=1, **kwargs)
    return table


def callout_box(body: list[Flowable], width: float = FULL_WIDTH) -> Table:
    """A tinted panel with an accent rule on the left, for the memo's key statements."""
    box = data_table([[body]], colWidths=[width])
    box.setStyle(
        st.table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), st.PANEL_FILL),
                ("LINEBEFORE", (0, 0), (0, -1), 3, st.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return box
