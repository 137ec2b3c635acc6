"""The uncertainty section's method note says why the cells taken as certain are certain."""

from __future__ import annotations

from pdfread import squash

from reports.context import MemoContext
from reports.sections_uncertainty import _method_note
from rrisk.analysis import monte_carlo
from rrisk.model import parse_assessment


def _document():
    """Every cell carries a range and no evidence; the scenario sets one cell's scores."""
    ranged = {"likelihood": 3, "impact": 3, "likelihood_low": 2, "likelihood_high": 5}
    return parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "One", "weight": 1}],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Beta"}],
            "cells": {"a": {"c1": dict(ranged)}, "b": {"c1": dict(ranged)}},
            "scenarios": [
                {
                    "id": "ban",
                    "name": "Ban",
                    "cell_overrides": [
                        {"project": "a", "criterion": "c1", "likelihood": 5, "impact": 5}
                    ],
                }
            ],
            "analysis": {"runs": 200, "seed": 1},
        }
    )


def _note(scenario: str | None) -> str:
    ctx = MemoContext.create(_document(), scenario)
    return squash(_method_note(ctx, ctx.uncertainty).text)


def test_a_cell_whose_range_the_scenario_replaced_is_not_said_to_have_sound_evidence() -> None:
    """Alpha's cell has no evidence at all; under the scenario it is certain because the
    scenario's scores replace its range. The note said "1 cell has no range and sound
    evidence and is taken as certain"."""
    note = _note("ban")
    assert (
        "1 cell has its range replaced by a score the scenario sets and is taken as certain."
        in note
    ), note
    result = monte_carlo(_document(), "ban", runs=200, seed=1)
    assert (result.ranged_cells, result.weak_cells, result.certain_cells) == (1, 0, 1)
    assert result.replaced_cells == 1
    # The baseline replaces nothing: its sentence is as before.
    assert monte_carlo(_document(), None, runs=200, seed=1).replaced_cells == 0
    assert "; no cell is taken as certain." in _note(None)


def test_counts_of_none_and_of_one_read_as_said() -> None:
    """The note read "0 cells have no range and drew the default ±1 because their evidence is
    weak" and "1 cell has no range and drew the default ±1 because their evidence is weak"."""
    assert (
        "1 cell carries a range set by the analyst; no cell without a range has weak evidence "
        in _note("ban")
    )
    weak = parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "One", "weight": 1}],
            "projects": [{"id": "a", "name": "Alpha"}],
            "cells": {"a": {"c1": {"likelihood": 3, "impact": 3}}},
            "analysis": {"runs": 200, "seed": 1},
        }
    )
    ctx = MemoContext.create(weak, None)
    note = squash(_method_note(ctx, ctx.uncertainty).text)
    assert "No cell carries a range set by the analyst; 1 cell has no range and drew" in note
    assert "because its evidence is weak" in note
    assert "0 cells" not in note and "their evidence" not in note


def test_a_document_with_no_cell_assessed_says_none_is_drawn() -> None:
    """Two cells without scores, ranges or evidence: the note said "no cell without a range
    has weak evidence (no evidence link, …), so none drew the default ±1", false of them."""
    document = parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "One"}, {"id": "c2", "name": "Two"}],
            "projects": [{"id": "a", "name": "Alpha"}],
            "analysis": {"runs": 200, "seed": 1},
        }
    )
    ctx = MemoContext.create(document, None)
    note = squash(_method_note(ctx, ctx.uncertainty).text)
    assert (
        "(low, score, high) and the run is scored like the ranking (index, red lines, ranks)"
        in note
    )
    assert "ranks). No cell is assessed, so none is drawn. The full rule is in the" in note
    assert "weak evidence" not in note and "taken as certain" not in note


def test_a_count_in_the_thousands_has_its_separator() -> None:
    """A count in the thousands: "1,001 cells carry a range", as the runs beside it and the
    Analysis tab count ("10,000 runs"; it read "1001 cells")."""
    ranged = {"likelihood": 3, "impact": 3, "likelihood_low": 2, "likelihood_high": 5}
    document = parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "One", "weight": 1}],
            "projects": [{"id": f"p{n}", "name": f"Project {n}"} for n in range(1001)],
            "cells": {f"p{n}": {"c1": dict(ranged)} for n in range(1001)},
            "analysis": {"runs": 200, "seed": 1},
        }
    )
    ctx = MemoContext.create(document, None)
    note = squash(_method_note(ctx, ctx.uncertainty).text)
    assert "1,001 cells carry a range set by the analyst" in note
