"""The Monte Carlo's in-place chunk loop gives, bit for bit, the straightforward method.

The reference below is the analysis written plainly (fresh arrays, ``np.where`` masks,
``np.add.at``); the optimised loop in :mod:`rrisk.analysis` must match it exactly for the same
seed, on documents with unassessed cells, manual and rule red lines, zero weights, certain
and ranged cells (so a faster loop never silently changes anyone's figures).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrisk.analysis import effective_ranges, monte_carlo, weak_evidence
from rrisk.model import Assessment, parse_assessment
from rrisk.scoring import compile_matrix


def reference(doc: Assessment, runs: int, seed: int, chunk: int) -> dict[str, np.ndarray]:
    matrix = compile_matrix(doc)
    n_p = len(matrix.project_ids)
    weak = weak_evidence(doc, matrix)
    assessed = ~np.isnan(matrix.likelihood) & ~np.isnan(matrix.impact)
    l_low, l_high, i_low, i_high = effective_ranges(matrix, weak)
    l_mode = np.where(assessed, matrix.likelihood, 1.0)
    i_mode = np.where(assessed, matrix.impact, 1.0)
    l_low, l_high = np.where(assessed, l_low, 1.0), np.where(assessed, l_high, 1.0)
    i_low, i_high = np.where(assessed, i_low, 1.0), np.where(assessed, i_high, 1.0)
    weight_sum = (assessed * matrix.weights).sum(axis=-1)
    name_order = np.argsort(np.argsort([n.casefold() for n in matrix.project_names]))
    rng = np.random.default_rng(seed)

    def draw(low: np.ndarray, mode: np.ndarray, high: np.ndarray, size: int) -> np.ndarray:
        draws = np.broadcast_to(mode, (size, *mode.shape)).copy()
        varying = np.flatnonzero(high > low)
        if varying.size:
            draws.reshape(size, -1)[:, varying] = rng.triangular(
                low.ravel()[varying], mode.ravel()[varying], high.ravel()[varying],
                size=(size, varying.size),
            )  # fmt: skip
        return draws

    indices, excluded, counts = [], [], np.zeros((n_p, n_p))
    done = 0
    while done < runs:
        size = min(chunk, runs - done)
        likelihood = draw(l_low, l_mode, l_high, size)
        impact = draw(i_low, i_mode, i_high, size)
        risk = np.where(assessed, likelihood * impact, np.nan)
        # A rule judges the draws rounded to whole scores (it is written for the 1–5 scales).
        scored = np.where(assessed, np.rint(likelihood) * np.rint(impact), np.nan)
        scaled = np.where(assessed, (risk - 1.0) / 24.0, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            index = np.where(
                weight_sum > 0,
                100.0
                * (scaled * matrix.weights).sum(axis=-1)
                / np.where(weight_sum > 0, weight_sum, 1),
                np.nan,
            )
            rule = (scored >= matrix.rule_threshold).any(axis=-1)
        index = np.round(index, 9)  # as the scoring rounds an index
        out = rule | matrix.manual_red_line.any(axis=1)
        unranked = out | np.isnan(index)
        key = np.where(unranked, np.inf, index) + name_order * 1e-9
        positions = np.argsort(np.argsort(key, axis=1), axis=1)
        rows, cols = np.nonzero(~unranked)
        np.add.at(counts, (cols, positions[rows, cols]), 1.0)
        indices.append(index)
        excluded.append(out)
        done += size
    return {
        "indices": np.concatenate(indices),
        "excluded": np.concatenate(excluded).mean(axis=0),
        "ranks": counts / runs,
    }


cell_strategy = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "likelihood": st.integers(1, 5),
            "impact": st.integers(1, 5),
            "evidence": st.sampled_from([[], [{"source": "strong"}], [{"source": "weak"}]]),
        }
    ),
)


def build(cells: list[list[dict | None]], weights: list[int], manual: tuple[int, int] | None):
    n_c = len(weights)
    body: dict = {
        "criteria": [
            {
                "id": f"c{j}",
                "name": f"C{j}",
                "weight": weights[j],
                **({"red_line_rule": {"threshold": 16}} if j == 0 else {}),
            }
            for j in range(n_c)
        ],
        "projects": [{"id": f"p{i}", "name": f"P{i % 2}"} for i in range(len(cells))],
        "sources": [
            {"id": "strong", "title": "Register", "reliability": "A", "credibility": 1},
            {"id": "weak", "title": "Rumour", "reliability": "F", "credibility": 6},
        ],
        "cells": {},
    }
    for i, row in enumerate(cells):
        for j, cell in enumerate(row[:n_c]):
            if cell is None:
                continue
            data = dict(cell)
            if (i + j) % 3 == 0:
                data["impact_low"], data["impact_high"] = 1, 5
            if manual == (i, j):
                data |= {"red_line": True, "red_line_reason": "prohibited"}
            body["cells"].setdefault(f"p{i}", {})[f"c{j}"] = data
    return parse_assessment(body)


@settings(max_examples=25, deadline=None)
@given(
    cells=st.lists(st.lists(cell_strategy, min_size=3, max_size=3), min_size=1, max_size=5),
    weights=st.lists(st.integers(0, 3), min_size=3, max_size=3),
    manual=st.one_of(st.none(), st.tuples(st.integers(0, 4), st.integers(0, 2))),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_optimised_loop_matches_the_plain_method_bit_for_bit(
    cells, weights, manual, seed
) -> None:
    doc = build(cells, weights, manual)
    runs = 257
    result = monte_carlo(doc, runs=runs, seed=seed)
    expected = reference(doc, runs, seed, chunk=runs)
    p10, p50, p90 = (
        np.nanpercentile(expected["indices"], q, axis=0)
        if not np.isnan(expected["indices"]).all(axis=0).any()
        else np.full(len(doc.projects), np.nan)
        for q in (10, 50, 90)
    )
    assert np.array_equal(result.excluded_probability, expected["excluded"])
    assert np.array_equal(result.rank_probability, expected["ranks"])
    if not np.isnan(expected["indices"]).all(axis=0).any():
        assert np.array_equal(result.p10, p10)
        assert np.array_equal(result.p50, p50)
        assert np.array_equal(result.p90, p90)


@pytest.mark.parametrize("all_ranged", [True, False])
def test_chunks_draw_the_same_stream_as_before(all_ranged: bool, monkeypatch) -> None:
    """Several chunks (a small chunk budget) still follow the reference draw for draw."""
    import rrisk.analysis as analysis

    cells = [[{"likelihood": 1 + (i + j) % 5, "impact": 1 + i % 5, "evidence": [{"source": "weak" if all_ranged or j else "strong"}]} for j in range(3)] for i in range(4)]  # fmt: skip
    doc = build(cells, [1, 2, 3], (1, 2))
    monkeypatch.setattr(analysis, "_CHUNK_CELLS", 12 * 10)  # 10 runs a chunk
    result = monte_carlo(doc, runs=95, seed=7)
    expected = reference(doc, 95, 7, chunk=10)
    assert np.array_equal(result.rank_probability, expected["ranks"])
    assert np.array_equal(result.excluded_probability, expected["excluded"])
    assert np.array_equal(result.p50, np.nanpercentile(expected["indices"], 50, axis=0))


@settings(max_examples=40, deadline=None)
@given(
    bounds=st.lists(
        st.tuples(st.integers(1, 5), st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=40
    ),
    runs=st.integers(1, 300),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_sampler_draws_numpy_s_triangular_values_exactly(bounds, runs, seed) -> None:
    """Modes at either end included; any block size (runs × cells above and below it)."""
    from rrisk.analysis import _triangular_draws

    low = np.array([float(b[0]) for b in bounds])
    mode = low + np.array([float(min(b[1], b[2] + 1)) for b in bounds])
    high = np.maximum(mode, low + 1.0) + np.array([float(b[2] % 2) for b in bounds])
    expected = np.random.default_rng(seed).triangular(low, mode, high, size=(runs, low.size))
    drawn = _triangular_draws(np.random.default_rng(seed), low, mode, high, runs)
    assert np.array_equal(drawn, expected)


@pytest.mark.parametrize(("projects", "places"), [(6, 500), (300, 40), (0, 0), (1, 3)])
def test_rank_counts_are_the_same_whichever_way_they_are_counted(projects, places) -> None:
    """Few places in a large table are counted one by one, many by a count over the table:
    the counts are the same whole numbers."""
    from rrisk.analysis import _count_ranks

    rng = np.random.default_rng(projects + places)
    cells = rng.integers(0, max(1, projects * projects), size=places) if projects else []
    cells = np.asarray(cells, dtype=np.int64)
    counted = np.zeros((projects, projects))
    _count_ranks(counted, cells)
    _count_ranks(counted, cells[: places // 2])
    expected = np.zeros(projects * projects)
    np.add.at(expected, cells, 1)
    np.add.at(expected, cells[: places // 2], 1)
    assert np.array_equal(counted.reshape(-1), expected)


def test_rank_shares_in_json_are_each_shares_json_form() -> None:
    """The JSON's probability of each rank, zeros included, as json_share writes each."""
    from rrisk.scoring import json_share
    from rrisk.templates import new_from_template

    result = monte_carlo(new_from_template("russia-rare-earths"), runs=500, seed=3)
    rows = [project["probability_rank"] for project in result.as_dict()["projects"]]
    assert rows == [[json_share(float(p)) for p in row] for row in result.rank_probability]
    assert any(0.0 in row for row in rows) and any(0 < p < 1 for row in rows for p in row)
    for row in rows:
        assert all(type(p) is float for p in row)
