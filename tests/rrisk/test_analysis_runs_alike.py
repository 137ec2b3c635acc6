"""A Monte Carlo in which nothing is drawn (no range wider than its score, no weak evidence):
every run is alike, so it is computed once and says so, with the figures of every run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rrisk.analysis import monte_carlo, runs_alike_text
from rrisk.fileformat import save
from rrisk.model import Assessment, parse_assessment
from rrisk.scoring import score


def _cell(likelihood: int, impact: int, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "likelihood": likelihood,
        "impact": impact,
        "evidence": [{"source": "audited", "quote": "as reported"}],
    }
    data.update(extra)
    return data


def _certain_document(point_range: bool = False) -> Assessment:
    """Four projects, every cell well evidenced and without a range (or, ``point_range``, one
    range that is its score alone: 5 to 5 at 5); one project red-lined by a rule."""
    extra = {"likelihood_low": 5, "likelihood_high": 5} if point_range else {}
    return parse_assessment(
        {
            "criteria": [
                {"id": "a", "name": "A", "weight": 1},
                {"id": "b", "name": "B", "weight": 2, "red_line_rule": {"threshold": 12}},
            ],
            "projects": [
                {"id": "p", "name": "P"},
                {"id": "q", "name": "Q"},
                {"id": "r", "name": "R"},
                {"id": "s", "name": "S"},
            ],
            "cells": {
                "p": {"a": _cell(2, 3), "b": _cell(3, 3)},
                "q": {"a": _cell(4, 3), "b": _cell(1, 3)},
                "r": {"a": _cell(5, 5, **extra), "b": _cell(4, 3)},
                "s": {"a": _cell(1, 1)},
            },
            "sources": [{"id": "audited", "title": "Audit", "reliability": "A", "credibility": 1}],
        }
    )


@pytest.mark.parametrize("point_range", [False, True])
def test_a_run_with_nothing_drawn_says_every_run_is_alike_and_gives_the_rankings_figures(
    point_range: bool,
) -> None:
    """It ran 10,000 identical runs and said nothing of it: the figures then read like a
    finding ("P(first) 100%") when no uncertainty had been given at all."""
    document = _certain_document(point_range)
    reports: list[tuple[int, str]] = []
    result = monte_carlo(
        document, runs=10_000, seed=3, progress=lambda *report: reports.append(report)
    )
    assert result.drawn_cells == 0 and result.runs_alike
    ranking = score(document)
    for row, project_id in enumerate(result.project_ids):
        scored = ranking.index[ranking.matrix.project_ids.index(project_id)]
        assert result.p10[row] == result.p50[row] == result.p90[row] == scored
    # Each rank certain, exactly (shares of 10,000 runs, not of the one computed).
    ranks = {pid: int(k) for pid, k in zip(ranking.matrix.project_ids, ranking.rank, strict=True)}
    for row, project_id in enumerate(result.project_ids):
        expected = np.zeros(len(result.project_ids))
        if ranks[project_id]:
            expected[ranks[project_id] - 1] = 1.0
        assert result.rank_probability[row].tolist() == expected.tolist()
    assert result.excluded_probability.tolist() == [0.0, 0.0, 1.0, 0.0]  # r: 4 × 3 ≥ 12
    assert result.runs == 10_000 and result.as_dict()["drawn_cells"] == 0
    assert reports == [(100, "10,000 runs alike: nothing to draw")]


def test_one_cell_drawn_is_no_run_alike() -> None:
    document = _certain_document()
    document.cells["q"]["a"].impact_low = 2
    result = monte_carlo(document, runs=500, seed=1)
    assert result.drawn_cells == 1 and not result.runs_alike
    assert result.p10[1] < result.p90[1]


def test_nothing_assessed_is_not_said_alike() -> None:
    """No cell assessed: the method line says none is drawn; "every run alike" would add
    nothing to it."""
    document = parse_assessment(
        {"criteria": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}]}
    )
    result = monte_carlo(document, runs=200, seed=1)
    assert result.drawn_cells == 0 and not result.runs_alike


def test_rrisk_analyze_says_when_every_run_is_alike(tmp_path: Path, capsys) -> None:
    from rrisk.cli import main

    path = tmp_path / "certain.rrisk"
    save(_certain_document(), path)
    assert main(["analyze", str(path), "--runs", "2000"]) == 0
    out = capsys.readouterr().out
    assert runs_alike_text(2_000) in out
    assert "Give cells a low–high range to see how uncertain the ranking is." in out
    assert main(["analyze", str(path), "--runs", "2000", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["drawn_cells"] == 0
