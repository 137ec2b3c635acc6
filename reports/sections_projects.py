"""One page per project: its 5×5 matrix, scores by criterion, top risks with evidence."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from reports import styles as st
from reports.blocks import FULL_WIDTH, data_table, shortest_widths, status_label
from reports.charts import MatrixMarker, risk_matrix
from reports.context import MemoContext
from reports.continued import continued_on_next_page
from reports.fonts import BOLD, REGULAR
from reports.layout import Heading, OutlineMark, tag_part
from reports.quotes import short_quote
from reports.styles import (
    derived_style,
    esc,
    fmt_index,
    fmt_money,
    fmt_percent,
    markup,
    para,
    styles,
)
from rrisk import palette
from rrisk.analysis import WEAK_CREDIBILITY, WEAK_RELIABILITY
from rrisk.model import Criterion, Project
from rrisk.scoring import CELL_BANDS, INDEX_BANDS
from rrisk.text import page_label

TOP_RISKS = 3
MAX_EVIDENCE_LINES = 6
LOW_RELIABILITY = WEAK_RELIABILITY
LOW_CREDIBILITY = WEAK_CREDIBILITY
"""Evidence the uncertainty analysis counts as weak (D–F in reliability or 4–6 in credibility)
is flagged as low grade, so the page and the default ranges follow one rule."""
MATRIX_WIDTH = 60 * mm
KEY_BESIDE_MATRIX_LIMIT = 150 * mm
"""Tallest criterion key printed beside the matrix; a taller one goes below it, full width."""


def project_pages(ctx: MemoContext) -> list[Flowable]:
    """The per-project section: projects in ranking order, one page each."""
    story: list[Flowable] = []
    order = [int(i) for i in ctx.result.order]
    for position, row in enumerate(order, start=1):
        story.append(PageBreak())
        if position == 1:
            story.append(OutlineMark("Projects", "projects", 0, word_heading=True))
        name = ctx.document.projects[row].name
        part = f"the page of project “{st.fit_text(name, REGULAR, 9, 300)}”"
        story += tag_part(project_page(ctx, row, position, len(order)), part)
    return story


_COUNTRY_CODE = re.compile(r"[A-Z]{2,3}")
_LATIN_NAME = re.compile(r"[A-Za-z .'()\-\u00c0-\u00ff]{4,}")


@cache
def _country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 and alpha-3 codes to the country's English name (the first name in
    Latin letters that is not an abbreviation) from the bundled table."""
    from rrisk.resources import countries

    names: dict[str, str] = {}
    for country in countries():
        name = next(
            (n for n in country["names"] if _LATIN_NAME.fullmatch(n) and not n.isupper()), None
        )
        if name is not None:
            for code in (country.get("alpha_2"), country.get("alpha_3")):
                if code:
                    names[code] = name.removeprefix("the ")  # "the State of Palestine"
    return names


def country_label(country: str) -> str:
    """The country as typed, or, for an ISO code ("MM", "MMR"), its name with the code:
    "Myanmar (MM)" (a reader need not know the codes; the code stays, as typed)."""
    code = country.strip()
    if _COUNTRY_CODE.fullmatch(code):
        name = _country_names().get(code)
        if name is not None:
            return f"{name} ({code})"
    return country


def _facts_line(ctx: MemoContext, project: Project) -> str:
    parts = []
    country = country_label(project.country) if project.country else ""
    place = ", ".join(p for p in (project.region, country) if p)
    if place:
        parts.append(esc(place))
    parts.append(f"stage: {esc(project.stage)}")
    if project.commodities:
        parts.append(esc(", ".join(project.commodities)))
    if project.capex_estimate is not None:
        capex = f"capex {esc(ctx.document.currency)} {fmt_money(project.capex_estimate)}"
        if project.capex_note:
            capex += f" ({esc(project.capex_note)})"
        parts.append(capex)
    return " · ".join(parts)


def _status_panel(ctx: MemoContext, row: int) -> Table:
    s = styles()
    score = ctx.result.project_score(row)
    label = derived_style("panel_label", s.cell_muted, fontSize=7, leading=8.6)
    value = derived_style("panel_value", s.cell_bold, fontSize=10.5, leading=13)
    rank = f"{score.rank} of {ctx.ranked_count}" if score.rank else "—"
    status = status_label(score)
    if score.status == "excluded":
        status = f'<font color="{palette.RED_LINE}">⊘ {status}</font>'
    band = INDEX_BANDS.index(score.band) if score.band in INDEX_BANDS else -1
    band_label = derived_style("panel_band", label, textColor=st.band_text(band))
    cells = [
        [
            markup("Rank", label),
            markup("Risk index", label),
            markup("Band", band_label),
            markup("Coverage", label),
            markup("Status", label),
        ],
        [
            markup(rank, value),
            markup(fmt_index(score.index), value),
            markup(
                score.band,
                derived_style("panel_band_value", value, textColor=st.band_text(band)),
            ),
            markup(fmt_percent(score.coverage), value),
            markup(status, value),
        ],
    ]
    widths = [FULL_WIDTH * f for f in (0.15, 0.17, 0.17, 0.17, 0.34)]
    table = Table(cells, colWidths=widths)
    table.setStyle(
        st.table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), st.PANEL_FILL),
                ("BACKGROUND", (2, 0), (2, -1), st.band_fill(band)),
                ("TEXTCOLOR", (2, 0), (2, -1), st.band_text(band)),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, st.ACCENT),
            ]
        )
    )
    return table


def _criterion_key(ctx: MemoContext, row: int, width: float = FULL_WIDTH - MATRIX_WIDTH) -> Table:
    """Every criterion of the project with its L×I and band, beside the matrix."""
    s = styles()
    small = derived_style("key", s.cell, fontSize=7.4, leading=9)
    small_head = derived_style("key_head", s.head, fontSize=7, leading=8.6)
    result = ctx.result
    rows: list[list[object]] = [
        [
            markup("", small_head),
            markup("Criterion", small_head),
            markup("L×I", small_head),
            markup("Band", small_head),
        ]
    ]
    style = st.grid_style(rows=0, zebra=False)
    style.add("TOPPADDING", (0, 0), (-1, -1), 1.6)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 2)
    style.add("FONT", (0, 1), (0, -1), BOLD, 7.2)
    style.add("FONT", (2, 1), (-1, -1), BOLD, 7.2)
    style.add("TEXTCOLOR", (0, 1), (0, -1), st.MUTED)
    for col, criterion in enumerate(ctx.document.criteria):
        line = col + 1
        likelihood = result.matrix.likelihood[row, col]
        impact = result.matrix.impact[row, col]
        band = int(result.cell_band[row, col])
        red = bool(result.red_line[row, col])
        if np.isnan(likelihood) or np.isnan(impact):
            # Half a score (one the scenario gives, say) is shown as it is, not as nothing.
            score_text = (
                "—"
                if np.isnan(likelihood) and np.isnan(impact)
                else f"{'–' if np.isnan(likelihood) else int(likelihood)}×"
                f"{'–' if np.isnan(impact) else int(impact)}"
            )
            band_text = "not assessed" + (" ⊘" if red else "")
            style.add("FONT", (3, line), (3, line), REGULAR, 6.8)
        else:
            score_text = f"{int(likelihood)}×{int(impact)}={int(likelihood * impact)}"
            band_text = CELL_BANDS[band] + (" ⊘" if red else "")
        rows.append(
            [ctx.criterion_codes[criterion.id], para(criterion.name, small), score_text, band_text]
        )
        style.add("BACKGROUND", (3, line), (3, line), st.band_fill(band))
        style.add("TEXTCOLOR", (3, line), (3, line), st.band_text(band))
        if red:
            style.add("BOX", (3, line), (3, line), 1.2, st.RED_LINE)
    table = data_table(
        rows,
        colWidths=[8 * mm, width - 43 * mm, 17 * mm, 18 * mm],
        style=style,
        repeatRows=1,
        hAlign="RIGHT",
    )
    return table


def _matrix_block(ctx: MemoContext, row: int, markers: list[MatrixMarker]) -> list[Flowable]:
    """The 5×5 matrix with the criterion key beside it, or below it when the key is taller
    than a page can hold (many criteria or long names): a table row cannot run past a page."""
    matrix = risk_matrix(markers, cell_size=27)
    key = _criterion_key(ctx, row)
    _, key_height = key.wrap(FULL_WIDTH - MATRIX_WIDTH, 10_000)
    if key_height > KEY_BESIDE_MATRIX_LIMIT:
        matrix.hAlign = "LEFT"
        return [matrix, Spacer(1, 4), _criterion_key(ctx, row, FULL_WIDTH)]
    block = Table([[matrix, key]], colWidths=[MATRIX_WIDTH, FULL_WIDTH - MATRIX_WIDTH])
    block.setStyle(
        st.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                # The matrix draws its own margin above; the heading's spacing is enough.
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [block]


def _evidence_markup(ctx: MemoContext, project_id: str, criterion_id: str) -> str:
    """The cell's evidence as grade + publisher + date, one source per line."""
    cell = ctx.cell(project_id, criterion_id)
    if cell is None or not cell.evidence:
        return f'<font color="{palette.MUTED}">no evidence linked</font>'
    # One line per source: a cell often quotes the same source several times.
    pages: dict[str, list[str]] = {}
    quotes: dict[str, list[str]] = {}
    for link in cell.evidence:
        pages.setdefault(link.source, [])
        if link.page and link.page not in pages[link.source]:
            pages[link.source].append(link.page)
        if link.quote.strip():
            quotes.setdefault(link.source, []).append(" ".join(link.quote.split()))
    lines = []
    for source_id, source_pages in list(pages.items())[:MAX_EVIDENCE_LINES]:
        source = ctx.sources_by_id[source_id]
        origin = st.source_origin(source.publisher, source.title, source.date)
        line = f"<b>{source.grade}</b> {esc(origin)}"
        if source_pages:
            line += f", {esc(', '.join(page_label(page) for page in source_pages))}"
        if source.reliability in LOW_RELIABILITY or source.credibility >= LOW_CREDIBILITY:
            line += f' <font color="{palette.MUTED}">(low grade)</font>'
        if source_id in quotes:
            # Beside its grade, so the reader weighs the words with the source; shortened
            # here, printed in full under "Quoted evidence" in the sources appendix.
            quote = short_quote(quotes[source_id][0])
            line += f' <font color="{palette.MUTED}"><i>“{esc(quote)}”</i></font>'
            more = len(quotes[source_id]) - 1
            if more:
                # The others are not left unsaid: the page has room for one per source.
                line += (
                    f' <font color="{palette.MUTED}">and {more} more '
                    f"quote{'s' * (more != 1)} in the sources appendix</font>"
                )
        lines.append(line)
    if len(pages) > MAX_EVIDENCE_LINES:
        lines.append(
            f'<font color="{palette.MUTED}">and '
            f"{len(pages) - MAX_EVIDENCE_LINES} more sources</font>"
        )
    return "<br/>".join(lines)


def _top_risks(ctx: MemoContext, project: Project, row: int) -> list[Flowable]:
    s = styles()
    result = ctx.result
    risk = result.risk[row]
    red = result.red_line[row]
    weights = result.matrix.weights
    # The assessed cells of criteria that count in the index (a weight of 0 is there for
    # information), and any red line, also one on a cell nobody scored or on a criterion of
    # weight 0 (a red line excludes whatever the weight): it is the project's first risk.
    shown = [
        col
        for col in range(len(ctx.document.criteria))
        if red[col] or (not np.isnan(risk[col]) and weights[col] > 0)
    ]
    # Red lines first, then by cell risk, then by weight; criterion order breaks ties.
    shown.sort(
        key=lambda col: (
            not red[col],
            -(0.0 if np.isnan(risk[col]) else risk[col]),
            -weights[col],
            col,
        )
    )
    chosen = shown[:TOP_RISKS]
    if not chosen:
        assessed = not np.isnan(risk).all()
        said = (
            "No criterion that counts in the index (weight above 0) has been assessed for this "
            "project yet."
            if assessed
            else "No criterion has been assessed for this project yet."
        )
        return [markup(f"<i>{said}</i>", s.body_muted)]
    rows: list[list[object]] = [
        [
            markup("Criterion", s.head),
            markup("L×I", s.head_center),
            markup("Rationale", s.head),
            markup("Evidence (Admiralty grade)", s.head),
        ]
    ]
    style = st.grid_style(rows=len(chosen) + 1, zebra=False)
    for line, col in enumerate(chosen, start=1):
        criterion = ctx.document.criteria[col]
        cell = ctx.cell(project.id, criterion.id)
        band = int(result.cell_band[row, col])
        rationale = (
            esc(
                st.clip(
                    ctx.narrative(
                        cell.rationale,
                        f"rationale of project '{project.id}', criterion '{criterion.id}'",
                    )
                )
            )
            if cell and cell.rationale
            else (f'<font color="{palette.MUTED}">no rationale recorded</font>')
        )
        if result.red_line[row, col]:
            # The reason and legal basis are printed in full at the top of the page.
            rationale += (
                f'<br/><font color="{palette.RED_LINE}"><b>⊘ Red line</b> '
                "(reason and legal basis above)</font>"
            )
        override = ctx.scenario_overrides.get((project.id, criterion.id))
        if override:
            rationale += (
                f'<br/><font color="{palette.ACCENT}"><b>Scenario:</b> {esc(override)}</font>'
            )
        # A red line on a cell nobody scored: "—" as in the table above (the column is too
        # narrow for "not assessed").
        score, band_name = (
            ("—", "") if np.isnan(risk[col]) else (str(int(risk[col])), CELL_BANDS[band])
        )
        rows.append(
            [
                markup(f"<b>{ctx.criterion_codes[criterion.id]}</b> {esc(criterion.name)}", s.cell),
                markup(
                    f"<b>{score}</b><br/><font size='6.8'>{band_name}</font>",
                    derived_style("score", s.cell_center, textColor=st.band_text(band)),
                ),
                markup(rationale, s.cell),
                markup(_evidence_markup(ctx, project.id, criterion.id), s.cell_small),
            ]
        )
        style.add("BACKGROUND", (1, line), (1, line), st.band_fill(band))
    table = data_table(
        rows,
        colWidths=_risk_widths(rows[1:]),
        style=style,
        repeatRows=1,
    )
    return [table]


RISK_LEAD_WIDTH = 27 * mm + 12 * mm
"""The top risks' criterion and L×I columns; rationale and evidence share the rest."""
RATIONALE_WIDTHS = tuple(w * mm for w in (59, 65, 71, 77, 53, 47))
"""Widths the rationale may take (the evidence the rest), in the order tried: of widths that
give equal heights, the first."""


def _risk_widths(rows: list[list[Any]]) -> list[float]:
    """Column widths of the top risks: rationale and evidence share what the criterion and
    L×I columns leave by what the rows hold, for the shortest table (with a fixed 70 mm
    rationale, evidence quoting several sources ran to twice the rationale's height, and a
    long rationale without evidence needs the opposite)."""
    rest = FULL_WIDTH - RISK_LEAD_WIDTH
    choices = [[27 * mm, 12 * mm, width, rest - width] for width in RATIONALE_WIDTHS]
    return shortest_widths(rows, choices)


def _height(flowables: list[Flowable], rows: int | None = None) -> float:
    """Height the flowables need at full width; for a table, only its first ``rows`` rows."""
    total = 0.0
    for flowable in flowables:
        _, height = flowable.wrap(FULL_WIDTH, 10_000)
        if rows is not None and isinstance(flowable, Table):
            height = sum(flowable._rowHeights[:rows])
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _sentence(text: str) -> str:
    """User text ending in exactly one full stop (reasons are often written without one)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _kept(flowable: Flowable) -> Flowable:
    """``flowable`` marked to stay on the page of the flowable after it."""
    flowable.keepWithNext = 1
    return flowable


def project_page(ctx: MemoContext, row: int, position: int, count: int) -> list[Flowable]:
    """One project's page: facts, status, red lines, matrix, top risks."""
    s = styles()
    # Set a little tighter than the other sections (same names, so the Word memo reads them
    # alike): a project with an ordinary description, three top risks and their evidence
    # then fits its page, where its last risk ran onto a page of its own.
    title = derived_style("h1", s.h1, spaceAfter=5)
    muted = derived_style("body_muted", s.body_muted, spaceAfter=3)
    body = derived_style("body", s.body, spaceAfter=4)
    h3 = derived_style("h3", s.h3, spaceBefore=6)
    project = ctx.document.projects[row]
    opening: list[Flowable] = [
        markup(f"PROJECT {position} OF {count}", s.kicker),
        Spacer(1, 2),
        Heading(esc(project.name), title, project.name, f"project-{project.id}", 1),
    ]
    story: list[Flowable] = []
    if project.alt_names:
        story.append(para(" · ".join(project.alt_names), muted))
    story.append(markup(_facts_line(ctx, project), muted))
    story += [Spacer(1, 3), _status_panel(ctx, row), Spacer(1, 4)]
    score = ctx.result.project_score(row)
    if score.red_lines:
        for red_line in score.red_lines:
            criterion = ctx.criteria_by_id.get(red_line.criterion)
            basis = (
                f" <i>Legal basis:</i> {esc(_sentence(red_line.basis))}" if red_line.basis else ""
            )
            story.append(
                markup(
                    f'<font color="{palette.RED_LINE}"><b>⊘ Red line</b></font> on '
                    f"{_criterion_label(ctx, criterion)}: "
                    f"{esc(_sentence(red_line.reason))}{basis}",
                    body,
                )
            )
    if project.description:
        description = ctx.narrative(project.description, f"description of project '{project.id}'")
        story += [
            piece
            for b in description.split("\n\n")
            if b.strip()
            for piece in st.long_para(b.strip(), body)
        ]
    if project.strategic_value is not None:
        rationale = f" — {esc(project.strategic_rationale)}" if project.strategic_rationale else ""
        story += st.in_pieces(
            st.MemoParagraph(f"<b>Strategic value {project.strategic_value}/5</b>{rationale}", body)
        )
    counterparties = (
        esc(" · ".join(project.counterparties))
        if project.counterparties
        else f'<font color="{palette.MUTED}"><i>none recorded</i></font>'
    )
    story.append(markup(f"<b>Counterparties:</b> {counterparties}", body))
    markers = []
    result = ctx.result
    for col, criterion in enumerate(ctx.document.criteria):
        likelihood = result.matrix.likelihood[row, col]
        impact = result.matrix.impact[row, col]
        if not (np.isnan(likelihood) or np.isnan(impact)):
            markers.append(
                MatrixMarker(
                    ctx.criterion_codes[criterion.id],
                    int(likelihood),
                    int(impact),
                    bool(result.red_line[row, col]),
                )
            )
    # Inside the continuation container a heading keeps with what follows (a conditional
    # page break there would leave a lone heading before the container's own break).
    story += [
        _kept(st.MemoParagraph("Likelihood × impact by criterion", h3)),
        *_matrix_block(ctx, row, markers),
    ]
    heading = [
        st.MemoParagraph("Top risks", h3),
        markup(
            f"The {TOP_RISKS} highest cell risks, red lines first, on criteria that count in "
            "the index (weight above 0); every criterion's score is in the table above.",
            s.small,
        ),
        Spacer(1, 2),
    ]
    risks = _top_risks(ctx, project, row)
    # The heading travels with the table: never a lone heading at a page foot.
    story += [*(_kept(item) for item in heading), *risks]
    return opening + [continued_on_next_page(story, project.name, position, count)]


def _criterion_label(ctx: MemoContext, criterion: Criterion | None) -> str:
    """Code and name of the criterion a red line sits on (screening lines may have none)."""
    if criterion is None:
        return "the project as a whole"
    return f"{ctx.criterion_codes[criterion.id]} {esc(criterion.name)}"
