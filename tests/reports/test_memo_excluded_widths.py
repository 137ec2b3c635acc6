"""The excluded projects' table shares its width by what it holds: a long project name beside
a short red line ran to a word a line in a fixed 32 mm column, and a long red line and legal
basis still get the room they need."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from reports.blocks import FULL_WIDTH
from reports.memo import compose_story
from reports.sections_front import ranking
from reports.styles import grid_style
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template

LONG_NAME = (
    "Hpakant jade and rare-earth tailings reprocessing joint venture with the Kachin "
    "Independence Organisation's commercial arm"
)


def _paragraph(cell: object) -> Paragraph:
    """A cell's paragraph (a laid-out table holds its cells' flowables in tuples)."""
    while isinstance(cell, (list, tuple)):
        cell = cell[0]
    assert isinstance(cell, Paragraph)
    return cell


def _excluded_table(document) -> Table:
    context, _ = compose_story(document)
    return next(
        item
        for item in ranking(context)
        if isinstance(item, Table) and _paragraph(item._cellvalues[0][-1]).text == "Legal basis"
    )


def _name_lines(table: Table) -> int:
    table.wrap(FULL_WIDTH, 100_000)
    name = _paragraph(table._cellvalues[1][0])
    name.wrap(table._colWidths[0] - 8, 100_000)
    return len(name.blPara.lines)


def test_a_long_name_beside_a_short_red_line_gets_room() -> None:
    criteria = [
        {
            "id": "sanctions",
            "name": "Sanctions exposure",
            "weight": 2,
            "red_line_rule": {
                "threshold": 20,
                "reason": "sanctioned counterparty",
                "basis": "EO 14024",
            },
        },
        {"id": "water", "name": "Water", "weight": 1},
    ]
    projects = [{"id": "p1", "name": LONG_NAME}, {"id": "p2", "name": "Short"}]
    cells = {
        "p1": {
            "sanctions": {"likelihood": 5, "impact": 5},
            "water": {"likelihood": 2, "impact": 2},
        },
        "p2": {
            "sanctions": {"likelihood": 1, "impact": 2},
            "water": {"likelihood": 2, "impact": 2},
        },
    }
    document = parse_assessment(
        {"title": "Excluded", "criteria": criteria, "projects": projects, "cells": cells}
    )
    table = _excluded_table(document)
    assert table._colWidths[0] > 40 * mm
    # It ran to 8 lines (a word or two a line) in 32 mm.
    assert _name_lines(table) <= 5


def test_the_templates_long_red_lines_take_no_more_height_than_before() -> None:
    table = _excluded_table(new_from_template("russia-rare-earths"))
    _, height = table.wrap(FULL_WIDTH, 100_000)
    assert abs(sum(table._colWidths) - FULL_WIDTH) < 0.01
    old_widths = [32 * mm, 12 * mm, 27 * mm, FULL_WIDTH - 123 * mm, 52 * mm]
    old = Table(table._cellvalues, colWidths=old_widths, style=grid_style(zebra=False))
    _, old_height = old.wrap(FULL_WIDTH, 100_000)
    assert height <= old_height
