"""A cell cleared (or a criterion added that a project has no cell on) moves an index as a
score does: every report of a comparison shows the coverage beside the index, so the reader
sees that data went missing, not that risk rose."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rrisk.compare import compare
from rrisk.compare.wording import coverage_text
from rrisk.compare_cli import table
from rrisk.model import Assessment

DocBuilder = Callable[..., Assessment]
WEIGHTS = {"cost": 1.0, "ethics": 1.0, "sanctions": 1.0, "market": 1.0}


def _pair(make_doc: DocBuilder) -> tuple[Assessment, Assessment]:
    full = {"cost": (2, 2), "ethics": (1, 1), "sanctions": (4, 4), "market": (3, 3)}
    other = {"cost": (3, 3), "ethics": (3, 3), "sanctions": (3, 3), "market": (3, 3)}
    old = make_doc(WEIGHTS, {"gamma": dict(full), "delta": dict(other)})
    cleared = {key: value for key, value in full.items() if key != "ethics"}
    new = make_doc(WEIGHTS, {"gamma": cleared, "delta": dict(other)})
    return old, new


def test_a_cleared_cell_shows_as_coverage_lost_in_the_diff_table(make_doc: DocBuilder) -> None:
    old, new = _pair(make_doc)
    comparison = compare(old, new)
    gamma, delta = comparison.effect("gamma"), comparison.effect("delta")
    assert coverage_text(gamma) == "100% → 75%"
    assert coverage_text(delta) == "100%"
    text = table(comparison, "old.rrisk", "new.rrisk")
    header = next(line for line in text.splitlines() if "project" in line and "index" in line)
    assert "coverage" in header.split()
    row = next(line for line in text.splitlines() if " gamma " in f" {line} ".lower())
    assert "100% → 75%" in row


def test_a_criterion_added_without_a_cell_shows_the_coverage_it_takes(make_doc: DocBuilder) -> None:
    old = make_doc({"cost": 1.0}, {"gamma": {"cost": (2, 2)}, "delta": {"cost": (3, 3)}})
    new = make_doc(
        {"cost": 1.0, "ethics": 3.0},
        {"gamma": {"cost": (2, 2)}, "delta": {"cost": (3, 3), "ethics": (3, 3)}},
    )
    comparison = compare(old, new)
    gamma = comparison.effect("gamma")
    assert gamma.changed and gamma.index_change == pytest.approx(0.0)
    assert coverage_text(gamma) == "100% → 25%"
