"""A table split between pages does not carry its last row alone to the next page, where
moving one more row over would not leave a row alone at the foot instead."""

from __future__ import annotations

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table
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
