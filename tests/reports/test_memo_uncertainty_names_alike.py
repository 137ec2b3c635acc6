"""The uncertainty section's sentences tell apart two projects of the same name, as the
rank-reversal sentence does: "The runner-up, Xeno, … overlaps the leader's" under "Xeno ranks
first" read as if the leader were its own runner-up."""

from __future__ import annotations

from reports.context import MemoContext
from reports.sections_uncertainty import outside_range_note, uncertainty_lead
from rrisk.model import parse_assessment

STRONG = [{"source": "reg"}]


def _twins():
    def cell(likelihood: int, impact: int, **extra) -> dict:
        return {"likelihood": likelihood, "impact": impact, "evidence": STRONG, **extra}

    return parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": 1.0, "red_line_rule": {"threshold": 25}},
                {"id": "b", "name": "B", "weight": 1.0},
            ],
            "projects": [
                {"id": "xeno-1", "name": "Xeno"},
                {"id": "xeno-2", "name": "Xeno"},
                {"id": "zed", "name": "Zed"},
            ],
            "sources": [{"id": "reg", "title": "Register", "reliability": "A", "credibility": 1}],
            "cells": {
                # The Xenos' ranges reach up only (their indices lie below their P10) and each
                # holds its place in about half the runs; Zed is excluded in some runs.
                "xeno-1": {"a": cell(3, 3, likelihood_high=5), "b": cell(2, 2)},
                "xeno-2": {"a": cell(3, 3, likelihood_high=5), "b": cell(2, 2)},
                "zed": {"a": cell(4, 5, likelihood_high=5), "b": cell(5, 5, impact_low=4)},
            },
            "analysis": {"runs": 1000, "seed": 7},
        }
    )


def test_the_lead_names_each_of_two_projects_named_alike_with_its_id() -> None:
    ctx = MemoContext.create(_twins(), None)
    lead = " ".join(uncertainty_lead(ctx))
    assert "<b>Xeno (xeno-1)</b> ranks first in" in lead
    assert "<b>Xeno (xeno-2)</b>" in lead  # the runner-up, or the one that ranks first more
    assert "<b>Xeno</b>" not in lead
    assert "Xeno (xeno-2) holds second place" in lead
    assert "Zed in " in lead  # a name no other project has stays as it is


def test_the_outside_range_note_names_projects_named_alike_with_their_ids() -> None:
    note = outside_range_note(MemoContext.create(_twins(), None))
    assert note is not None
    assert "<b>Xeno (xeno-1)</b>" in note
    assert "<b>Xeno</b>" not in note
