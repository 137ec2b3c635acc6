"""Evidence quotes: shortened beside their grades on project pages, in full in the appendix.

A quote is the words a score rests on; the reader should see them next to the source's grade.
A project page has room for about two lines per source, so a quote past
:data:`QUOTE_SHOWN` characters is cut at a word with an ellipsis, and the sources appendix
lists every quote in full under "Quoted evidence" (by project, then criterion).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table, sub_heading
from reports.context import MemoContext
from reports.styles import esc, markup, para, styles
from rrisk.text import page_label

QUOTE_SHOWN = 80
"""Characters of a quote printed on a project page: about a line and a half of the evidence
column, so a page of three top risks with four sources each still fits one page."""


def short_quote(quote: str, limit: int = QUOTE_SHOWN) -> str:
    """``quote`` cut at a word boundary with an ellipsis when longer than ``limit``."""
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    cut = quote[:limit].rsplit(" ", 1)[0] if " " in quote[:limit] else quote[:limit]
    return cut.rstrip(" ,;:.–—") + "…"


def quoted_evidence(ctx: MemoContext) -> list[Flowable]:
    """Every evidence quote in full, with its source's grade and the cell it supports."""
    s = styles()
    doc = ctx.document
    rows: list[list[object]] = [
        [
            markup("Criterion", s.head),
            markup("Source", s.head),
            markup("Quote", s.head),
        ]
    ]
    group_rows: list[int] = []
    for project in doc.projects:
        row = doc.cells.get(project.id, {})
        first = True
        for criterion in doc.criteria:
            cell = row.get(criterion.id)
            if cell is None:
                continue
            for link in cell.evidence:
                if not link.quote.strip():
                    continue
                if first:
                    # One spanning row names the project; its quotes follow.
                    group_rows.append(len(rows))
                    rows.append([para(st.clip(project.name, 300), s.cell_bold), "", ""])
                    first = False
                source = ctx.sources_by_id[link.source]
                origin = source.publisher or source.title
                page = f", {esc(page_label(link.page))}" if link.page else ""
                rows.append(
                    [
                        markup(
                            f"<b>{ctx.criterion_codes[criterion.id]}</b> {esc(criterion.name)}",
                            s.cell_small,
                        ),
                        markup(
                            f"<b>{source.grade}</b> {esc(st.clip(origin, 120))}{page}",
                            s.cell_small,
                        ),
                        para(link.quote, s.cell_small),
                    ]
                )
    if len(rows) == 1:
        return []
    story = sub_heading("Quoted evidence", "quoted-evidence", room=90)
    story.append(
        markup(
            "Every quote linked to a score, in full (project pages shorten long ones), with the "
            "grade of its source.",
            s.body,
        )
    )
    widths = [36 * mm, 40 * mm]
    widths.append(FULL_WIDTH - sum(widths))
    table = data_table(rows, colWidths=widths, repeatRows=1)
    style = st.grid_style(rows=len(rows), zebra=False)
    for line in group_rows:
        style.add("SPAN", (0, line), (-1, line))
        style.add("BACKGROUND", (0, line), (-1, line), st.PANEL_FILL)
    table.setStyle(style)
    story.append(table)
    return story
