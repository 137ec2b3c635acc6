"""A table split between pages does not carry its last row alone to the next page, where
moving one more row over would not leave a row alone at the foot instead; the heading above
a table asks for room for its first rows only where they can fit a page."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table, sub_heading, with_room
from reports.styles import markup, styles


def _table(rows: int):  # noqa: ANN202
    s = styles()
    data = [[markup("Project", s.head), markup("Index", s.head)]]
    data += [[markup(f"Project {n}", s.cell), markup(f"{n}.0", s.cell)] for n in range(rows)]
    table = data_table(
        data,
        colWidths=[FULL_WIDTH / 2] * 2,
        style=st.grid_style(rows=len(data)),
        repeatRows=1,
    )
    table.wrap(FULL_WIDTH, 10_000)
    return table, list(table._rowHeights)


def _data_rows(part) -> int:  # noqa: ANN001
    return len(part._cellvalues) - 1


def test_the_last_row_does_not_go_alone_to_the_next_page() -> None:
    table, heights = _table(10)
    room = sum(heights[:10]) + 1  # the header and nine rows fit, the tenth does not
    first, rest = table.split(FULL_WIDTH, room)
    assert (_data_rows(first), _data_rows(rest)) == (8, 2)


def test_a_split_leaving_two_rows_each_side_or_one_of_three_is_kept() -> None:
    table, heights = _table(10)
    first, rest = table.split(FULL_WIDTH, sum(heights[:9]) + 1)
    assert (_data_rows(first), _data_rows(rest)) == (8, 2)
    table, heights = _table(3)  # two and one: moving a row would leave one at the foot instead
    first, rest = table.split(FULL_WIDTH, sum(heights[:3]) + 1)
    assert (_data_rows(first), _data_rows(rest)) == (2, 1)
    # One row at the foot of a page stays: the heading above the table would be left alone.
    table, heights = _table(10)
    first, rest = table.split(FULL_WIDTH, sum(heights[:2]) + 1)
    assert (_data_rows(first), _data_rows(rest)) == (1, 9)


def test_a_heading_before_a_first_row_taller_than_a_page_starts_where_it_stands() -> None:
    """A first row pages long splits wherever the table starts: the heading above it asks for
    no more room than its own (room for the whole row would break at every page, the top of
    one too, leaving a blank page)."""
    s = styles()
    long_text = " ".join(["A quote that runs on for pages."] * 900)
    data = [[markup("Source", s.head), markup("Quote", s.head)]]
    data.append([markup("Source 1", s.cell), markup(long_text, s.cell)])
    table = data_table(
        data,
        colWidths=[FULL_WIDTH / 4, FULL_WIDTH * 3 / 4],
        style=st.grid_style(rows=len(data)),
        repeatRows=1,
    )
    table.wrap(FULL_WIDTH, 10_000 * mm)
    lead = sum(table._rowHeights)
    assert lead > 297 * mm  # the row is taller than a page
    story = with_room([*sub_heading("Quoted evidence"), markup("Every quote.", s.body)], lead)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm).build(
        [*story, table]
    )
    first_page = PdfReader(out).pages[0].extract_text()
    assert "Quoted evidence" in first_page and "A quote that runs on" in first_page
