"""The heat map section: projects × criteria, band colours with the numbers printed."""

from __future__ import annotations

import numpy as np
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from reports import styles as st
from reports.blocks import FULL_WIDTH, LastRowsInTwos, section_heading
from reports.charts import RotatedLabel, band_swatch
from reports.context import MemoContext
from reports.fonts import BOLD, REGULAR
from reports.styles import esc, fmt_index, fmt_weight, markup, para, styles
from rrisk.scoring import cell_band_ranges

# -- heat map ---------------------------------------------------------------------------------


def heat_map(ctx: MemoContext) -> list[Flowable]:
    """Projects × criteria: cell risk per criterion and the index, in ranking order."""
    s = styles()
    criteria = ctx.document.criteria
    story = section_heading("Heat map: projects × criteria", "heatmap")
    story.append(
        markup(
            "Each cell is the cell risk L×I (likelihood × impact, 1–25), coloured by band; "
            "⊘ marks a red line and — a criterion not yet assessed. Rows follow the ranking; the "
            f"last column is the risk index. Scenario: <b>{esc(ctx.scenario_label)}</b>.",
            s.body,
        )
    )
    if not criteria or not ctx.document.projects:
        story.append(markup("<i>There is nothing to map yet.</i>", s.body_muted))
        return story
    project_width, index_width = 44 * mm, 15 * mm
    room = FULL_WIDTH - project_width - index_width
    # A column narrower than this cannot hold a number with its ⊘, nor a readable label: a
    # wide matrix is printed in parts of at most this many criteria, each with the project
    # names and the index, rather than squeezed into one unreadable grid.
    per_part = max(1, int(room // MIN_COLUMN))
    # The parts share the criteria evenly (17 in two parts: 9 and 8, not 15 and 2 stretched).
    count = -(-len(criteria) // per_part)
    per_part = -(-len(criteria) // count)
    columns = list(range(len(criteria)))
    parts = [columns[start : start + per_part] for start in range(0, len(columns), per_part)]
    for number, part in enumerate(parts, start=1):
        if number > 1:
            story.append(Spacer(1, 3 * mm))
        if len(parts) > 1:
            first, last = criteria[part[0]], criteria[part[-1]]
            # The caption goes with its table: room for it, the header and a few rows, or a
            # new page (a caption alone at the foot of a page names a table overleaf).
            story.append(CondPageBreak(45 * mm))
            story.append(
                markup(
                    f"<b>Part {number} of {len(parts)}</b>: criteria "
                    f"{esc(ctx.criterion_codes[first.id])}–{esc(ctx.criterion_codes[last.id])}",
                    s.cell_muted,
                )
            )
        story.append(_table(ctx, part, project_width, index_width, room))
    story += [Spacer(1, 4 * mm), _legend()]
    return story


MIN_COLUMN = 7 * mm
"""The narrowest heat-map column: "25 ⊘" in the cell font, and one line of a label."""


def _table(
    ctx: MemoContext, part: list[int], project_width: float, index_width: float, room: float
) -> Table:
    """The heat map's grid for the criteria at the positions ``part``."""
    s = styles()
    result = ctx.result
    criteria = [ctx.document.criteria[col] for col in part]
    column = room / len(part)
    size = 7.2 if column >= 20 else 6.2
    header = [markup("Project", s.head)]
    lines = max(1, min(3, int((column - 4) // 9)))
    header += [
        RotatedLabel(f"{ctx.criterion_codes[c.id]} {c.name}", 92, lines=lines) for c in criteria
    ]
    header.append(markup("Index", s.head_right))
    weights = result.matrix.weights
    weight_row = [markup("Weight", s.cell_muted)] + [fmt_weight(weights[c]) for c in part] + [""]
    rows: list[list[object]] = [header, weight_row]
    style = st.grid_style(header_rows=2, zebra=False)
    style.add("FONT", (1, 1), (-1, 1), REGULAR, 6.8)
    style.add("TEXTCOLOR", (1, 1), (-1, 1), st.MUTED)
    style.add("BACKGROUND", (0, 1), (-1, 1), colors.white)
    style.add("FONT", (1, 2), (-1, -1), BOLD, size)
    style.add("ALIGN", (1, 0), (-2, -1), "CENTER")
    style.add("VALIGN", (1, 2), (-1, -1), "MIDDLE")
    style.add("ALIGN", (-1, 0), (-1, -1), "RIGHT")
    style.add("LEFTPADDING", (1, 0), (-2, -1), 1)
    style.add("RIGHTPADDING", (1, 0), (-2, -1), 1)
    style.add("GRID", (1, 2), (-1, -1), 0.8, colors.white)
    risk, bands, red = result.risk, result.cell_band, result.red_line
    excluded_style = st.ParagraphStyle(
        "excl", parent=s.cell_muted, textColor=st.RED_LINE, fontName=BOLD, fontSize=6.6, leading=8
    )
    for position, row_index in enumerate(result.order, start=2):
        row_index = int(row_index)
        name = para(ctx.document.projects[row_index].name, s.cell)
        name_cell: object = name
        if result.excluded[row_index]:
            name_cell = [name, markup("⊘ Excluded", excluded_style)]
        cells: list[object] = [name_cell]
        for place, col in enumerate(part, start=1):
            value = risk[row_index, col]
            band = int(bands[row_index, col])
            # A red line marks its cell whether or not the cell is scored (a manual red line
            # needs no score).
            mark = " ⊘" if red[row_index, col] else ""
            cells.append(f"—{mark}" if np.isnan(value) else f"{int(value)}{mark}")
            style.add("BACKGROUND", (place, position), (place, position), st.band_fill(band))
            style.add("TEXTCOLOR", (place, position), (place, position), st.band_text(band))
            if red[row_index, col]:
                style.add("BOX", (place, position), (place, position), 1.4, st.RED_LINE)
        index = float(result.index[row_index])
        index_band = int(result.index_band[row_index])
        cells.append(fmt_index(None if np.isnan(index) else index))
        style.add("BACKGROUND", (-1, position), (-1, position), st.band_fill(index_band))
        style.add("TEXTCOLOR", (-1, position), (-1, position), st.band_text(index_band))
        rows.append(cells)
    widths = [project_width] + [column] * len(part) + [index_width]
    table = LastRowsInTwos(rows, colWidths=widths, repeatRows=2)
    table.setStyle(style)
    return table


def _legend() -> Flowable:
    s = styles()
    items: list[object] = []
    for band, (name, bounds) in enumerate(cell_band_ranges()):
        items.append(band_swatch(band, f"{name} {bounds}", width=21 * mm))
    items += [markup("⊘ red line", s.cell_muted), markup("— not assessed", s.cell_muted)]
    widths = [23 * mm] * 4 + [22 * mm, 26 * mm]
    table = Table([items], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        st.table_style(
            [("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    return KeepTogether([markup("<b>Cell bands</b> (risk points)", s.cell_muted), table])
