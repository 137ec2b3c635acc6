"""Evidence quotes: shortened beside their grades on project pages, in full in the appendix.

A quote is the words a score rests on; the reader should see them next to the source's grade.
A project page has room for about two lines per source, so a quote past
:data:`QUOTE_SHOWN` characters is cut at a word with an ellipsis, and the sources appendix
lists every quote in full under "Quoted evidence" (by project in ranking order, then
criterion).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table, sub_heading, with_room
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
    """Every evidence quote in full, with its source's grade and the cell it supports.

    One table per project, headed by the project's name and the column labels, which repeat
    at the top of a page the project continues on. (One table for the whole appendix cost
    time that grew with the square of its rows: reportlab lays out again every row left
    over at each page break. With 500 projects × 40 criteria that was two minutes.)
    """
    s = styles()
    doc = ctx.document
    widths = [36 * mm, 40 * mm]
    widths.append(FULL_WIDTH - sum(widths))
    tables: list[Table | Spacer] = []
    # In ranking order, as the project pages and every other section list the projects.
    projects = {project.id: project for project in doc.projects}
    ids = ctx.result.matrix.project_ids
    for row in ctx.result.order:
        project = projects[ids[int(row)]]
        rows = _quote_rows(ctx, project.id)
        if not rows:
            continue
        rows[:0] = [
            [para(st.clip(project.name, 300), s.cell_bold), "", ""],
            [markup("Criterion", s.head), markup("Source", s.head), markup("Quote", s.head)],
        ]
        style = st.grid_style(header_rows=2, zebra=False)
        style.add("SPAN", (0, 0), (-1, 0))
        style.add("BACKGROUND", (0, 0), (-1, 0), st.PANEL_FILL)
        style.add("VALIGN", (0, 0), (-1, 0), "TOP")
        table = data_table(rows, colWidths=widths, style=style, repeatRows=2)
        if tables:
            tables.append(Spacer(1, 6))
        tables.append(table)
    if not tables:
        return []
    story = sub_heading("Quoted evidence", "quoted-evidence", room=90)
    story.append(
        markup(
            "Every quote linked to a score, in full (project pages shorten long ones), with the "
            "grade of its source.",
            s.body,
        )
    )
    # The heading goes with the first project's name, labels and first quote, unless that
    # quote is pages long (it then splits wherever it starts).
    first = tables[0]
    first.wrap(FULL_WIDTH, 10_000 * mm)
    story = with_room(story, sum(first._rowHeights[:3]))
    return story + tables


def _quote_rows(ctx: MemoContext, project_id: str) -> list[list[object]]:
    """A project's quoted evidence: one row per quote, in criterion order."""
    s = styles()
    doc = ctx.document
    row = doc.cells.get(project_id, {})
    rows: list[list[object]] = []
    for criterion in doc.criteria:
        cell = row.get(criterion.id)
        if cell is None:
            continue
        for link in cell.evidence:
            if not link.quote.strip():
                continue
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
                        f"<b>{source.grade}</b> {esc(st.clip(origin, 120))}{page}", s.cell_small
                    ),
                    para(link.quote, s.cell_small),
                ]
            )
    return rows
