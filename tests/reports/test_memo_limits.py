"""The memo at the edges of what the model accepts: texts at their maximum length, a part
that cannot be laid out, control characters in user text."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import integers as st_integers
from hypothesis.strategies import lists as st_lists
from hypothesis.strategies import sampled_from as st_sampled
from memo_fixtures import (
    LONG_MAX,
    PROSE_UNIT,
    SHORT_MAX,
    filler,
    max_length_document_data,
    memo_document_data,
)
from pdfread import ReadMemo, squash
from reportlab.platypus import Spacer

from reports import sections_projects
from reports.memo import MemoLayoutError, build_memo
from rrisk import fileformat
from rrisk.errors import RRiskError
from rrisk.model import parse_assessment


@pytest.fixture(scope="module")
def max_length_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], ReadMemo]:
    """``rrisk memo`` on the longest document, run once for the module."""
    folder = tmp_path_factory.mktemp("longest")
    source, output = folder / "longest.rrisk", folder / "longest.pdf"
    fileformat.save(parse_assessment(max_length_document_data()), source)
    run = subprocess.run(
        [sys.executable, "-m", "rrisk", "memo", str(source), "-o", str(output)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return run, ReadMemo(output.read_bytes() if output.exists() else b"")


def test_every_field_at_its_maximum_length_builds_through_the_cli(max_length_run):
    run, memo = max_length_run
    assert run.returncode == 0, run.stderr
    # Only the check's findings, one line each (no traceback, no layout complaint).
    assert all(
        line.startswith(("rrisk: warning: ", "rrisk: error: ")) for line in run.stderr.splitlines()
    ), run.stderr
    assert len(memo.reader.pages) > 20
    data = max_length_document_data()
    assert len(data["recommendation"]) == LONG_MAX
    assert len(data["projects"][0]["name"]) == 500


def test_long_prose_is_printed_whole_across_pages(max_length_run):
    _, memo = max_length_run
    recommendation = max_length_document_data()["recommendation"]
    # The recommendation is 20,000 characters of prose: it flows over pages, uncut.
    assert squash(recommendation[-300:]).rsplit(" ", 1)[0] in memo.text
    starts = [i for i, page in enumerate(memo.pages) if PROSE_UNIT.strip()[:30] in page]
    assert len(starts) >= 3


def test_long_words_are_broken_not_lost(max_length_run):
    _, memo = max_length_run
    # A 20,000-character word (a project description) wraps into many lines on the page.
    token = filler(LONG_MAX, token=True)
    joined = memo.text.replace(" ", "")
    assert token[-200:].replace(" ", "") in joined


def test_a_part_that_cannot_be_laid_out_is_a_user_error(memo_document, monkeypatch):
    original = sections_projects.project_page

    def with_a_giant_block(ctx, row, position, count):
        story = original(ctx, row, position, count)
        if ctx.document.projects[row].id == "chuktukon":
            story.append(Spacer(10, 5000))  # cannot split, taller than any page
        return story

    monkeypatch.setattr(sections_projects, "project_page", with_a_giant_block)
    with pytest.raises(MemoLayoutError) as error:
        build_memo(memo_document)
    assert isinstance(error.value, RRiskError)
    message = str(error.value)
    assert "project “Chuktukon”" in message
    assert "\n" not in message


def test_control_characters_never_reach_the_pdf(memo_document):
    # The core refuses them on input; the memo must not rely on it.
    memo_document.title = "Rare\x00earths\x1b[31m review"
    memo_document.author = "Anna\x07 Petrova"
    memo_document.classification = "Secret\x1b"
    memo_document.recommendation = "Stop\x00 now\x1b."
    memo_document.projects[0].name = "Tom\x00tor\x1b"
    memo_document.criteria[0].name = "Sanc\x0ctions"
    memo = ReadMemo(build_memo(memo_document))
    metadata = memo.reader.metadata
    assert metadata.title == "Rareearths[31m review"
    assert metadata.author == "Anna Petrova"
    assert "Secret," in metadata["/Keywords"]
    texts = [*memo.pages, *(title for _, title, _ in memo.outline())]
    controls = {ch for text in texts for ch in text if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0}
    assert controls == set()
    assert "Stop\ufffd now\ufffd." in memo.text
    assert "Tom\ufffdtor\ufffd" in memo.text


def test_a_criterion_key_taller_than_a_page_goes_below_the_matrix(memo_document):
    # Sixty criteria with long names: the key beside the 5×5 matrix would run past the page.
    data = memo_document_data()
    for number in range(60):
        data["criteria"].append(
            {"id": f"extra{number}", "name": filler(SHORT_MAX, token=False), "weight": 1}
        )
        data["cells"]["tomtor"][f"extra{number}"] = {"likelihood": 3, "impact": 4}
    memo = ReadMemo(build_memo(parse_assessment(data)))
    project_pages = [page for page in memo.pages if page.startswith("PROJECT 1 OF")]
    assert project_pages
    assert memo.text.count("3×4=12") >= 60


def test_matrix_puts_likelihood_up_and_impact_across_as_the_app_does() -> None:
    from reportlab.graphics.shapes import Rect

    from reports.charts import MatrixMarker, risk_matrix

    cell = 33.0
    drawing = risk_matrix([MatrixMarker("C1", likelihood=5, impact=1, red_line=False)], cell)
    pills = [shape for shape in drawing.contents if isinstance(shape, Rect) and shape.rx]
    assert len(pills) == 1
    axis = 24.0
    # Impact 1 is the first column; likelihood 5 is the top row.
    assert axis <= pills[0].x < axis + cell
    assert axis + 4 * cell <= pills[0].y < axis + 5 * cell


def test_rows_split_across_pages_only_when_one_is_taller_than_a_page() -> None:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from reports.blocks import data_table
    from reports.styles import grid_style, styles

    body, grid = styles().body, grid_style()
    short = data_table(
        [["Criterion"], [Paragraph("A short description.", body)]], [80 * mm], style=grid
    )
    assert not short.splitInRow  # ordinary rows stay whole, headers repeat only at page tops
    giant = data_table([["Criterion"], [Paragraph("word " * 6000, body)]], [80 * mm], style=grid)
    assert giant.splitInRow  # a row taller than a page must be allowed to continue


@pytest.mark.parametrize("padding", [4, 10])
def test_a_measured_table_breaks_each_cell_into_lines_once(
    padding: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The measure that decides whether rows may split is taken with the table's own paddings:
    # measured with other paddings, every cell was broken again for the layout, and a word
    # broken to fit the measure's narrower column stayed broken in the drawn text.
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from reports.blocks import data_table
    from reports.styles import markup, styles, table_style

    s = styles()
    breaks: dict[int, int] = {}
    real = Paragraph.breakLines

    def counting(self, widths):  # noqa: ANN001, ANN202
        breaks[id(self)] = breaks.get(id(self), 0) + 1
        return real(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    rows = [  # texts of their own: paragraphs alike share their breaks
        [
            markup(f"<b>C{row}</b> " + "long rationale " * 400, s.cell),
            markup(f"<b>{row}</b><br/>Medium", s.cell),
        ]
        for row in range(3)
    ]
    paddings = [(side, (0, 0), (-1, -1), padding) for side in ("LEFTPADDING", "RIGHTPADDING")]
    table = data_table(rows, [60 * mm, 9 * mm], style=table_style(paddings))
    assert breaks  # measured: these rows could be taller than a page
    table.wrapOn(Canvas("unused.pdf"), 69 * mm, 10_000 * mm)
    table.drawOn(Canvas("unused.pdf"), 0, 0)
    assert len(breaks) == 6 and set(breaks.values()) == {1}


@pytest.mark.parametrize("cell", [27.0, 33.0])
def test_many_codes_in_one_square_stay_inside_it_and_below_its_number(cell: float) -> None:
    from reportlab.graphics.shapes import Rect, String

    from reports.charts import MatrixMarker, risk_matrix

    markers = [MatrixMarker(f"C{n}", likelihood=1, impact=3, red_line=False) for n in range(7)]
    drawing = risk_matrix(markers, cell)
    axis = 24.0
    left, bottom = axis + 2 * cell, axis  # impact 3, likelihood 1
    pills = [shape for shape in drawing.contents if isinstance(shape, Rect) and shape.rx]
    number = next(
        shape
        for shape in drawing.contents
        if isinstance(shape, String)
        and shape.text == "3"
        and left <= shape.x <= left + cell
        and bottom <= shape.y <= bottom + cell
    )
    assert pills
    for pill in pills:
        assert left <= pill.x and pill.x + pill.width <= left + cell
        assert bottom <= pill.y and pill.y + pill.height <= number.y  # under the risk number
    labels = [s.text for s in drawing.contents if isinstance(s, String) and s.text.startswith("+")]
    assert labels and int(labels[0][1:]) + len(pills) - 1 == len(markers)  # "+n" counts the rest


@pytest.mark.parametrize("cell", [27.0, 33.0])
@pytest.mark.parametrize("first", [1, 10, 100])
def test_every_code_fits_its_pill(cell: float, first: int) -> None:
    from reportlab.graphics.shapes import Rect, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.charts import MatrixMarker, risk_matrix

    markers = [
        MatrixMarker(f"C{n}", likelihood=2, impact=2, red_line=n % 2 == 0)
        for n in range(first, first + 5)
    ]
    drawing = risk_matrix(markers, cell)
    pills = [shape for shape in drawing.contents if isinstance(shape, Rect) and shape.rx]
    texts = [
        shape
        for shape in drawing.contents
        if isinstance(shape, String) and (shape.text.startswith(("C", "+")))
    ]
    assert pills and len(pills) == len(texts)
    for pill, text in zip(pills, texts, strict=True):
        width = stringWidth(text.text, text.fontName, text.fontSize)
        assert pill.x <= text.x - width / 2 and text.x + width / 2 <= pill.x + pill.width
    for one, other in itertools.combinations(pills, 2):  # no two pills overlap
        apart_x = one.x + one.width <= other.x or other.x + other.width <= one.x
        apart_y = one.y + one.height <= other.y or other.y + other.height <= one.y
        assert apart_x or apart_y


def test_a_weight_of_many_digits_prints_whole_in_the_methodology() -> None:
    from pdfread import ReadMemo

    from reports.memo import build_memo
    from rrisk.model import parse_assessment

    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [
                {"id": "a", "name": "A", "weight": 0.333333},
                {"id": "b", "name": "B", "weight": 999.999},
            ],
            "projects": [{"id": "p", "name": "P"}],
            "cells": {"p": {"a": {"likelihood": 2, "impact": 2}}},
        }
    )
    text = ReadMemo(build_memo(document)).text
    method = text[text.index("Criteria, weights and red-line rules") :]
    assert " 0.333333 " in method and " 999.999 " in method


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st_lists(
        st_sampled(["W", "M", "i", " ", "漢", "😀", "Ш", "—", "<br/>", "&amp;", "x", "WWWWWW "]),
        max_size=60,
    ),
    repeat=st_integers(min_value=1, max_value=40),
    width_mm=st_integers(min_value=8, max_value=170),
    styled=st_sampled(["cell", "cell_bold", "body", "h2"]),
)
def test_a_table_judged_short_without_layout_is_short_when_laid_out(
    parts: list[str], repeat: int, width_mm: int, styled: str
) -> None:
    # The trial layout is skipped only where no row can reach a page's height: then laying
    # the table out must agree, or a giant row would reach the page without leave to split.
    from reportlab.lib.units import mm

    from reports.blocks import ROW_SPLIT_HEIGHT, _rows_surely_short
    from reports.styles import cell_para, styles

    style = getattr(styles(), styled)
    rows = [["Head", "Second"], [cell_para("".join(parts) * repeat, style), "12.5"]]
    widths = [width_mm * mm, 20 * mm]
    if _rows_surely_short(rows, widths):
        from reportlab.platypus import Table

        table = Table(rows, colWidths=widths)
        table.wrap(sum(widths), 10_000 * mm)
        assert max(table._rowHeights) <= ROW_SPLIT_HEIGHT
