"""How robust the ranking is: Monte Carlo uncertainty and weight sensitivity.

**Monte Carlo.** Each assessed cell's likelihood and impact are drawn from a triangular
distribution (low, mode, high); the index, bands, exclusions and ranks are recomputed for
every run with the same vectorised method as :mod:`rrisk.scoring`. Runs are reproducible:
the same document, scenario, run count and seed give the same figures.

Where a cell gives no range, the rule is (documented in the README and the memo):

- a cell whose evidence is *weak* — no evidence link, or only sources graded D–F for
  reliability or 4–6 for credibility — gets a default range of ±1 on likelihood and impact
  (clipped to 1–5): low-quality evidence should not look certain;
- any other cell without a range is taken as certain (low = mode = high).

A range the analyst gives always wins. Draws are continuous, so a run's cell risk can be
any value in 1–25 and the index moves smoothly. A criterion's red-line rule is written for
scores on the 1–5 scales ("r ≥ 25" means 5 × 5), so it judges each run's drawn likelihood and
impact rounded to the nearest score: it fires in the runs where their product reaches its
threshold, and a project can be excluded in some runs only (reported as a probability). Judged
on the continuous draws, a rule at 25 never fired for a cell scored 5 × 5 with a range below
it (a draw is never exactly 5), so a project the ranking excludes showed 0% excluded.

**Sensitivity.** For each project and criterion, the index as that criterion's weight goes
from 0 to twice its value, others fixed (a tornado). The rank-reversal threshold is the
smallest change of a single weight that changes the top-ranked project, found on a fine grid
of weights (0 to 4× the largest weight, at most ``MAX_WEIGHT``) and refined by bisection.

Long runs take a ``progress(percent, label)`` callback and a ``cancelled()`` flag and raise
:class:`AnalysisCancelled` when asked to stop; they know nothing of any GUI.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import partial
from typing import Any

import numpy as np

from rrisk.docparts import DEFAULT_RUNS as DEFAULT_RUNS  # the document's defaults
from rrisk.docparts import DEFAULT_SEED as DEFAULT_SEED
from rrisk.docparts import MAX_RUNS as MAX_RUNS
from rrisk.errors import RRiskError
from rrisk.evidence_quality import WEAK_CREDIBILITY as WEAK_CREDIBILITY
from rrisk.evidence_quality import WEAK_RELIABILITY as WEAK_RELIABILITY
from rrisk.evidence_quality import default_range as default_range
from rrisk.evidence_quality import weak_cell, weak_source_ids, widened
from rrisk.fmt import fmt_precise_weight
from rrisk.model import MAX_WEIGHT, MIN_WEIGHT, Assessment, Scenario
from rrisk.scoring import (
    INDEX_BAND_LOWER,
    INDEX_BANDS,
    Matrix,
    compile_matrix,
    json_index,
    json_share,
    name_order,
    range_set,
    risk_index,
    score_matrix,
)

_CHUNK_CELLS = 4_000_000
"""Draws per chunk (runs × cells): bounds the draws' memory at a few hundred MB for any
document (the projects × ranks table of counts comes on top: 200 MB at 5,000 projects)."""
MAX_KEPT_INDICES = 50_000_000
"""Runs × projects: the indices kept for the exact percentiles (8 bytes each, 400 MB).

Every run's index of every project is kept, because P10/P50/P90 are exact order statistics;
all else is summed chunk by chunk. The default 10,000 runs fit the largest document
(:data:`rrisk.limits.MAX_PROJECTS`); more runs on a large document are refused up front, with
the largest run count that fits, rather than filling the memory."""

Progress = Callable[[int, str], None]
Cancelled = Callable[[], bool]


class TooManyRunsError(RRiskError):
    """The runs × projects of an analysis exceed what can be kept (the caller names the file)."""


class AnalysisCancelled(RRiskError):
    """The user stopped a long analysis."""


def weak_evidence(doc: Assessment, matrix: Matrix) -> np.ndarray:
    """(P, C) bool: cells whose evidence is missing or only weakly graded."""
    weak_sources = weak_source_ids(doc)
    weak = np.ones((len(matrix.project_ids), len(matrix.criterion_ids)), dtype=bool)
    rows = {pid: i for i, pid in enumerate(matrix.project_ids)}
    cols = {cid: j for j, cid in enumerate(matrix.criterion_ids)}
    for project_id, criterion_id, cell in doc.iter_cells():
        i, j = rows.get(project_id), cols.get(criterion_id)
        if i is not None and j is not None and cell.evidence:
            weak[i, j] = weak_cell(cell, weak_sources)
    return weak


def own_range(matrix: Matrix) -> np.ndarray:
    """(P, C) bool: cells that carry a range of their own (any of their four bounds set in
    the baseline: a scenario's value replaces a score's range, not the cell's having one)."""
    return matrix.ranged if matrix.ranged is not None else range_set(matrix)


def effective_ranges(
    matrix: Matrix, weak: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Likelihood low and high, impact low and high, as drawn (P, C each).

    A cell with a range of its own is drawn from it, a bound it leaves unset being its score
    (a likelihood range alone leaves the impact certain); a cell without one is drawn ±1
    around its scores (within 1–5) when its evidence is weak, else taken as certain.
    """
    widen = weak & ~own_range(matrix)

    def bounds(mode: np.ndarray, low: np.ndarray, high: np.ndarray) -> list[np.ndarray]:
        wide_low, wide_high = widened(mode)
        default_low = np.where(widen, wide_low, mode)
        default_high = np.where(widen, wide_high, mode)
        return [
            np.where(np.isnan(low), default_low, low),
            np.where(np.isnan(high), default_high, high),
        ]

    l_low, l_high = bounds(matrix.likelihood, matrix.likelihood_low, matrix.likelihood_high)
    i_low, i_high = bounds(matrix.impact, matrix.impact_low, matrix.impact_high)
    return l_low, l_high, i_low, i_high


_RUNS_PERCENT = 95
"""The share of the progress the runs take; the percentiles take the rest: seconds after the
last run at 500 × 40 and 100,000 runs, which the bar showed as done ("100%") meanwhile."""

_BLOCK = 30_000
"""Draws transformed at a time: the temporaries stay in the processor's cache."""


def _triangular_draws(
    rng: np.random.Generator, low: np.ndarray, mode: np.ndarray, high: np.ndarray, runs: int
) -> np.ndarray:
    """(runs, cells) draws, bit for bit those of ``rng.triangular(low, mode, high, ...)``.

    numpy draws one uniform ``U`` per value (the same stream as ``rng.random``) and returns
    ``low + sqrt(U·(mode−low)·(high−low))`` when ``U ≤ (mode−low)/(high−low)``, else
    ``high − sqrt((1−U)·(high−mode)·(high−low))``, recomputing the ratio and products for
    every value. Here they are computed once per cell and the formula runs on blocks that
    stay in cache: a third faster, the same numbers. Every cell must have ``high > low``.
    """
    base = high - low
    ratio = (mode - low) / base
    left_product = (mode - low) * base
    right_product = (high - mode) * base
    out = rng.random((runs, low.size))
    rows = max(1, _BLOCK // max(1, low.size))
    lower = np.empty((rows, low.size), dtype=bool)
    upper = np.empty_like(lower)
    root = np.empty((rows, low.size))
    other = np.empty_like(root)
    for first in range(0, runs, rows):
        uniform = out[first : first + rows]
        k = uniform.shape[0]
        is_lower, is_upper, r, o = lower[:k], upper[:k], root[:k], other[:k]
        np.less_equal(uniform, ratio, out=is_lower)
        np.logical_not(is_lower, out=is_upper)
        np.multiply(uniform, left_product, out=r)
        np.subtract(1.0, uniform, out=o)
        o *= right_product
        np.copyto(r, o, where=is_upper)
        np.sqrt(r, out=r)
        np.subtract(high, r, out=o)
        np.add(low, r, out=uniform)
        np.copyto(uniform, o, where=is_upper)
    return out


def _triangular(
    rng: np.random.Generator, low: np.ndarray, mode: np.ndarray, high: np.ndarray, runs: int
) -> np.ndarray:
    """Triangular draws of shape (runs, *shape); cells with no range keep their mode.

    Only the uncertain cells are drawn (numpy's sampler refuses a zero-width range, and
    certain cells need no draws), which also keeps large, mostly certain matrices fast. When
    every cell varies the draws are returned as they come, without a copy and a scatter.
    """
    varying = np.flatnonzero(high > low)
    if varying.size == mode.size:
        draws = _triangular_draws(rng, low.ravel(), mode.ravel(), high.ravel(), runs)
        return draws.reshape(runs, *mode.shape)
    draws = np.broadcast_to(mode, (runs, *mode.shape)).copy()
    if varying.size:
        flat = draws.reshape(runs, -1)
        flat[:, varying] = _triangular_draws(
            rng, low.ravel()[varying], mode.ravel()[varying], high.ravel()[varying], runs
        )
    return draws


@dataclass
class MonteCarloResult:
    """Distributions of every project's index, band, exclusion and rank over the runs."""

    project_ids: list[str]
    project_names: list[str]
    runs: int
    seed: int
    scenario: str | None
    p10: np.ndarray  # (P,) index percentiles over the runs (NaN when never scored)
    p50: np.ndarray
    p90: np.ndarray
    band_probability: np.ndarray  # (P, 4): share of runs in each index band
    excluded_probability: np.ndarray  # (P,)
    rank_probability: np.ndarray  # (P, P): [p, k] share of runs where p ranks k+1
    weak_cells: int
    ranged_cells: int
    assessed_cells: int = 0
    """Cells assessed (likelihood and impact) under the scenario run: the rest of them, not
    weak nor ranged, were taken as certain."""
    replaced_cells: int = 0
    """Of the cells taken as certain, those whose own range the scenario's scores replaced
    (whatever their evidence); the others have no range and sound evidence."""
    drawn_cells: int | None = None
    """Cells assessed whose likelihood or impact is drawn from a range wider than its score
    (None: not counted). With none, every run is the same: :attr:`runs_alike`."""

    @property
    def runs_alike(self) -> bool:
        """Whether every run gave the same figures: cells are assessed, none is drawn (no range
        wider than its score, no weak evidence), so each figure is the ranking's own."""
        return self.drawn_cells == 0 and self.assessed_cells > 0

    @property
    def certain_cells(self) -> int:
        return max(0, self.assessed_cells - self.weak_cells - self.ranged_cells)

    def rank_share(self, row: int, first: int, last: int) -> float:
        """The share of runs in which project ``row`` ranks from ``first`` + 1 to ``last`` + 1,
        exactly: the shares are counts of runs, and summed as floats 18 of them made 0.9999…
        (">99%" for a project ranked there in every run)."""
        summed = float(self.rank_probability[row, first : last + 1].sum())
        return round(summed * self.runs) / self.runs if self.runs else summed

    def first_probability(self) -> np.ndarray:
        return self.rank_probability[:, 0] if self.rank_probability.size else np.zeros(0)

    def most_likely_band(self, row: int) -> str | None:
        """The band project ``row`` falls in most often (of two equally often, the lower);
        None when it has no index in any run."""
        shares = self.band_probability[row]
        return INDEX_BANDS[int(shares.argmax())] if shares.any() else None

    def as_dict(self) -> dict[str, Any]:
        """Every figure of the table (in document order) and the probability of every rank
        and every band."""

        def number(value: float) -> float | None:
            return None if np.isnan(value) else json_index(float(value))

        projects = []
        for row, project_id in enumerate(self.project_ids):
            projects.append(
                {
                    "id": project_id,
                    "name": self.project_names[row],
                    "p10": number(self.p10[row]),
                    "p50": number(self.p50[row]),
                    "p90": number(self.p90[row]),
                    "probability_first": json_share(float(self.first_probability()[row])),
                    "probability_excluded": json_share(float(self.excluded_probability[row])),
                    "most_likely_band": self.most_likely_band(row),
                    "probability_band": {
                        band: json_share(float(self.band_probability[row, k]))
                        for k, band in enumerate(INDEX_BANDS)
                    },
                    # (most ranks are never taken: a zero is its own share, unrounded)
                    "probability_rank": [
                        json_share(p) if p else p for p in self.rank_probability[row].tolist()
                    ],
                }
            )
        return {
            "runs": self.runs,
            "seed": self.seed,
            "scenario": self.scenario,
            "weak_evidence_cells": self.weak_cells,
            "ranged_cells": self.ranged_cells,
            "drawn_cells": self.drawn_cells,
            "projects": projects,
        }


def share_figure(share: float) -> str:
    """A share of runs as a spreadsheet reads a number: a percentage to two decimals
    (``json_share``'s precision, never rounded onto 0% or 100% when it is not), "" for NaN.
    On screen a share reads "<1%" or ">99%", which a spreadsheet takes as text."""
    if math.isnan(share):
        return ""
    percent = Decimal(repr(json_share(share))).scaleb(2)
    return f"{percent.normalize():f}%"


def runs_alike_text(runs: int) -> str:
    """What a run in which nothing was drawn (:attr:`MonteCarloResult.runs_alike`) says, in
    the app and in ``rrisk analyze``: its figures are the ranking's own."""
    return (
        f"Every one of the {runs:,} runs is alike: no assessed cell has a range wider than its "
        "score, nor weak evidence that draws the default ±1, so P10 = P50 = P90 and each rank "
        "is certain."
    )


def _count_ranks(rank_counts: np.ndarray, cells: np.ndarray) -> None:
    """Add one to ``rank_counts`` (P × P) at each flat (project, rank) place in ``cells``.

    A count over all P² places per chunk is quickest while the chunk holds at least an
    eighth as many places as the table; with fewer (5,000 projects: a 200 MB count made for
    each chunk of 20 runs) only the places that occur are counted. Either way the counts are
    the same whole numbers."""
    flat = rank_counts.reshape(-1)  # a view: the table is contiguous
    if cells.size * 8 >= flat.size:
        flat += np.bincount(cells, minlength=flat.size)
    else:
        places, counts = np.unique(cells, return_counts=True)
        flat[places] += counts


def monte_carlo(
    doc: Assessment,
    scenario: Scenario | str | None = None,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> MonteCarloResult:
    """Run the uncertainty analysis (see the module docstring for the rules)."""
    if not 1 <= runs <= MAX_RUNS:
        raise RRiskError(f"runs must be between 1 and {MAX_RUNS:,} (got {runs:,})")
    if seed < 0:  # numpy's own refusal would be a traceback
        raise RRiskError(f"the seed must be 0 or more (got {seed:,})")
    matrix = compile_matrix(doc, scenario)
    n_p, n_c = len(matrix.project_ids), len(matrix.criterion_ids)
    if runs * n_p > MAX_KEPT_INDICES:
        raise TooManyRunsError(
            f"{runs:,} runs of {n_p:,} projects are too many to keep; "
            f"at most {MAX_KEPT_INDICES // n_p:,} runs for this document"
        )
    weak = weak_evidence(doc, matrix)
    assessed = ~np.isnan(matrix.likelihood) & ~np.isnan(matrix.impact)
    l_low, l_high, i_low, i_high = effective_ranges(matrix, weak)
    # Unassessed cells stay NaN in every run.
    l_mode = np.where(assessed, matrix.likelihood, 1.0)
    i_mode = np.where(assessed, matrix.impact, 1.0)
    l_low, l_high = np.where(assessed, l_low, 1.0), np.where(assessed, l_high, 1.0)
    i_low, i_high = np.where(assessed, i_low, 1.0), np.where(assessed, i_high, 1.0)
    drawn = int(((l_high > l_low) | (i_high > i_low)).sum())  # unassessed cells: 1 to 1
    # Nothing drawn: every run is the same (no draw takes a number from the stream), so one
    # run gives every figure of them all, exactly; the rest are not computed one by one.
    computed = runs if drawn else 1
    weights = matrix.weights
    weight_sum = (assessed * weights).sum(axis=-1)  # (P,), the same in every run
    # Columns in name order: a stable sort of each run's indices then breaks ties by name,
    # exactly (adding a small multiple of the name's place would reorder real differences).
    by_name = np.argsort(name_order(matrix.project_names))
    rng = np.random.default_rng(seed)
    screened_out = matrix.screening_excluded()  # the same in every run
    indices = np.empty((computed, n_p))
    excluded = np.empty((computed, n_p), dtype=bool)
    rank_counts = np.zeros((n_p, n_p))
    chunk = max(1, min(runs, _CHUNK_CELLS // max(1, n_p * n_c)))
    # The chunk size fixes which draw goes to which cell: changing it changes the stream.
    unassessed = ~assessed
    some_unassessed = bool(unassessed.any())
    ruled = np.flatnonzero(np.isfinite(matrix.rule_threshold))
    manual_out = matrix.manual_red_line.any(axis=1)
    denominator = np.where(weight_sum > 0, weight_sum, 1)
    no_weight = ~(weight_sum > 0)
    ranks = np.arange(n_p)
    done = 0
    while done < computed:
        if cancelled is not None and cancelled():
            raise AnalysisCancelled("the uncertainty analysis was cancelled")
        size = min(chunk, computed - done)
        risk = _triangular(rng, l_low, l_mode, l_high, size)
        impact = _triangular(rng, i_low, i_mode, i_high, size)
        if ruled.size:
            # The rules judge whole scores (module docstring): each draw rounded to the scale.
            scored = np.rint(risk[:, :, ruled]) * np.rint(impact[:, :, ruled])
            if some_unassessed:
                scored[:, unassessed[:, ruled]] = np.nan  # an unassessed cell never fires a rule
            rule = (scored >= matrix.rule_threshold[ruled]).any(axis=-1)
        else:
            rule = np.zeros((size, n_p), dtype=bool)
        risk *= impact
        del impact
        # In place, with the same operations in the same order as the scoring formula, so the
        # figures are bit for bit those of the straightforward version.
        scaled = risk
        scaled -= 1.0
        scaled /= 24.0
        if some_unassessed:
            scaled[:, unassessed] = 0.0
        scaled *= weights
        index = 100.0 * scaled.sum(axis=-1) / denominator
        # As the scoring rounds (rrisk.scoring.risk_index): a run with the scored values must
        # give the scored index, not 49.999999999999986 for 50.0 (and the band below).
        np.round(index, 9, out=index)
        if no_weight.any():
            index[:, no_weight] = np.nan
        out = rule | manual_out | screened_out
        indices[done : done + size] = index
        excluded[done : done + size] = out
        # Rank within each run: excluded and unscored projects take no rank.
        unranked = out | np.isnan(index)
        key = np.where(unranked, np.inf, index)
        order = by_name[np.argsort(key[:, by_name], axis=1, kind="stable")]
        positions = np.empty_like(order)
        np.put_along_axis(positions, order, np.broadcast_to(ranks, order.shape), axis=1)
        rows, cols = np.nonzero(~unranked)
        _count_ranks(rank_counts, cols * n_p + positions[rows, cols])
        done += size
        if progress is not None and drawn:
            progress(int(_RUNS_PERCENT * done / runs), f"{done:,} of {runs:,} runs")
    if not drawn:
        rank_counts *= runs  # the one run's ranks, taken in each of them
        if progress is not None:
            progress(100, f"{runs:,} runs alike: nothing to draw")
    summing = None
    if progress is not None and drawn:
        told, label = progress, f"P10, P50 and P90 of {runs:,} runs"

        def summing(percent: int) -> None:
            told(percent, label)

    p10, p50, p90, band_probability = _summaries(indices, cancelled, summing)
    # Counted as drawn: a range the scenario replaced by its value is not the analyst's here
    # (widened or not is the baseline's say, own_range).
    ranged = range_set(matrix)
    widened = weak & ~own_range(matrix)
    return MonteCarloResult(
        project_ids=matrix.project_ids,
        project_names=matrix.project_names,
        runs=runs,
        seed=seed,
        scenario=matrix.scenario,
        p10=p10,
        p50=p50,
        p90=p90,
        band_probability=band_probability,
        excluded_probability=excluded.mean(axis=0),
        rank_probability=np.divide(rank_counts, runs, out=rank_counts),  # in place: P × P
        weak_cells=int((widened & assessed).sum()),
        ranged_cells=int((assessed & ranged).sum()),
        assessed_cells=int(assessed.sum()),
        replaced_cells=int((assessed & own_range(matrix) & ~ranged).sum()),
        drawn_cells=drawn,
    )


def _summaries(
    indices: np.ndarray,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """P10, P50, P90 (P,) and band shares (P, 4) of the runs' indices (runs, P).

    Computed a block of projects at a time: each project's figures depend only on its own
    column, so the result is the same, while the temporaries (the sorted copy of the
    percentiles, the band of every run) stay the size of a chunk instead of the whole array.
    ``cancelled()`` is asked before each block (seconds, for thousands of projects), and
    ``progress(percent)`` told after it, from :data:`_RUNS_PERCENT` to 100.
    """
    n_runs, n_p = indices.shape
    p10, p50, p90 = (np.full(n_p, np.nan) for _ in range(3))
    band_probability = np.zeros((n_p, 4))
    lower = np.asarray(INDEX_BAND_LOWER[1:])
    step = max(1, _CHUNK_CELLS // max(1, n_runs))
    for start in range(0, n_p, step):
        if cancelled is not None and cancelled():
            raise AnalysisCancelled("the uncertainty analysis was cancelled")
        block = indices[:, start : start + step]
        scored = ~np.isnan(block)
        columns = slice(start, start + block.shape[1])
        if scored.any():
            p10[columns], p50[columns], p90[columns] = _percentiles(block)
            bands = np.searchsorted(lower, block, side="right")
            for k in range(4):
                band_probability[columns, k] = ((bands == k) & scored).mean(axis=0)
        if progress is not None:
            summed = min(n_p, start + step)
            progress(_RUNS_PERCENT + (100 - _RUNS_PERCENT) * summed // max(1, n_p))
    if progress is not None and not n_p:
        progress(100)
    return p10, p50, p90, band_probability


_QUANTILES = np.array([10, 50, 90]) / 100


def _percentiles(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """P10, P50 and P90 of each column of ``indices`` (runs, P), its NaNs left out; NaN for
    a column of NaNs alone (a project never scored).

    The figures of ``np.nanpercentile(indices, [10, 50, 90], axis=0)``, bit for bit: the
    same linear interpolation between the same neighbours of the sorted valid values, worked
    for every column at once. numpy's takes the columns one at a time, and its first use
    imports numpy.ma (a tenth of a memo's own work for the template)."""
    if indices.shape[1] == 0:
        empty = np.zeros(0)
        return empty, empty, empty
    ordered = np.sort(indices, axis=0)  # the NaNs of a column after its values
    valid = np.count_nonzero(~np.isnan(indices), axis=0)
    last = valid - 1
    position = last * _QUANTILES[:, None]
    below = np.floor(position)
    previous = below.astype(np.intp)
    # Below the last valid value but for a column of one (position 0 of last 0), whose value
    # is taken on both sides: with weight 0 here, 1 in numpy, the same figure but for a
    # -0.0 (+0.0 here), which no index is (every score is >= 0). A column of NaNs alone
    # reads its last row, a NaN.
    following = np.minimum(below + 1, last).astype(np.intp)
    gamma = position - below
    columns = np.arange(indices.shape[1])
    low, high = ordered[previous, columns], ordered[following, columns]
    with np.errstate(invalid="ignore"):
        step = high - low
        result = low + step * gamma
        np.subtract(high, step * (1 - gamma), out=result, where=gamma >= 0.5)
    result[:, valid == 0] = np.nan
    return result[0], result[1], result[2]


# -- weight sensitivity -----------------------------------------------------------------------


def _index_for_weights(scaled: np.ndarray, assessed: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Index (K, P) for K weight vectors (K, C) over fixed cells (P, C), rounded as the
    scoring rounds it (:func:`rrisk.scoring.risk_index`): 66.24999999999999 from a product
    summed in another order is the scored 66.25, and prints 66.3 as the scored index does."""
    numerator = weights @ scaled.T
    denominator = weights @ assessed.T.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        index = np.where(
            denominator > 0, 100.0 * numerator / np.where(denominator > 0, denominator, 1), np.nan
        )
    return np.round(index, 9)


@dataclass
class Tornado:
    """For one scenario: each project's index as each weight goes 0 → 2× (others fixed)."""

    project_ids: list[str]
    criterion_ids: list[str]
    base: np.ndarray  # (P,)
    at_zero: np.ndarray  # (P, C)
    at_double: np.ndarray  # (P, C)

    def bars(self, project_id: str) -> list[tuple[str, float, float]]:
        """(criterion, low, high) for one project, widest swing first. A criterion that alone
        carries the index (the only one with a weight that the project is assessed on: at
        weight 0 it has no index, :meth:`carries_alone`) comes first: no other weight moves it
        as much; its low and high are its index at twice the weight (the same as today's)."""
        row = self.project_ids.index(project_id)
        low = np.fmin(self.at_zero[row], self.at_double[row])
        high = np.fmax(self.at_zero[row], self.at_double[row])
        swing = np.nan_to_num(high - low, nan=-1.0)
        swing = np.where(self._alone(row), np.inf, swing)
        order = np.argsort(-swing, kind="stable")
        return [(self.criterion_ids[j], float(low[j]), float(high[j])) for j in order]

    def _alone(self, row: int) -> np.ndarray:
        return np.isnan(self.at_zero[row]) & ~np.isnan(self.at_double[row])

    def carries_alone(self, project_id: str, criterion_id: str) -> bool:
        """Whether the project's index rests on this criterion alone: with its weight at 0
        the project has no index (nothing else it is assessed on has a weight)."""
        row = self.project_ids.index(project_id)
        return bool(self._alone(row)[self.criterion_ids.index(criterion_id)])


def tornado(doc: Assessment, scenario: Scenario | str | None = None) -> Tornado:
    """Index of every project with each weight at 0 and at twice its value."""
    matrix = compile_matrix(doc, scenario)
    result = score_matrix(matrix)
    assessed = ~np.isnan(result.risk)
    scaled = np.where(assessed, (result.risk - 1.0) / 24.0, 0.0)
    n_c = len(matrix.criterion_ids)
    zero = np.tile(matrix.weights, (n_c, 1))
    zero[np.arange(n_c), np.arange(n_c)] = 0.0
    double = np.tile(matrix.weights, (n_c, 1))
    double[np.arange(n_c), np.arange(n_c)] *= 2.0
    return Tornado(
        project_ids=matrix.project_ids,
        criterion_ids=matrix.criterion_ids,
        base=result.index,
        at_zero=_index_for_weights(scaled, assessed, zero).T,
        at_double=_index_for_weights(scaled, assessed, double).T,
    )


@dataclass(frozen=True)
class RankReversal:
    """The smallest change of one weight that puts another project first.

    ``new_weight`` is the threshold as a settable weight: the millionth (the smallest weight
    step) nearest the exact crossing that still reverses. ``shown_weight`` is the figure the
    sentences print, the coarsest that puts the same project first (see :func:`reversal_figure`);
    ``None`` means the threshold itself."""

    criterion: str
    weight: float
    new_weight: float
    new_top: str
    shown_weight: float | None = None

    @property
    def change(self) -> float:
        return self.new_weight - self.weight

    @property
    def figure(self) -> float:
        """The new weight as printed: setting it puts ``new_top`` first."""
        return self.new_weight if self.shown_weight is None else self.shown_weight

    def as_dict(self) -> dict[str, Any]:
        # The weight as the document holds it; the new one to the millionth (the smallest
        # weight step), unless that would print the change away ("from 0 to 0").
        new_weight = round(self.new_weight, 6)
        if new_weight == self.weight:
            new_weight = self.new_weight
        return {
            "criterion": self.criterion,
            "weight": self.weight,
            "new_weight": new_weight,
            "shown_weight": self.figure,
            "new_top": self.new_top,
        }


def reversal_ceiling(weights: np.ndarray) -> float:
    """The top of the rank-reversal search: 4× the largest weight, never above the largest
    weight a criterion can take (``MAX_WEIGHT``), so that every reported weight can be set."""
    largest = float(weights.max()) if weights.size else 0.0
    return min(MAX_WEIGHT, 4.0 * max(largest, 1e-9))


NO_RANKING_TO_REVERSE = (
    "No project is ranked, so the ranking has no top for a weight change to alter."
)
"""The rank-reversal sentence where no project is ranked, as the app, the memo and
``rrisk analyze`` say it."""


def reversal_range_text(weights: np.ndarray) -> str:
    """The weights the reversal search tried, as the sentences that found none say it:
    "from 0 to 8 (4× the largest weight)", or "from 0 to 1000 (the largest a weight can be)"."""
    ceiling = reversal_ceiling(weights) if weights.size else 0.0
    if ceiling >= MAX_WEIGHT:
        return f"from 0 to {fmt_precise_weight(MAX_WEIGHT)} (the largest a weight can be)"
    return f"from 0 to {fmt_precise_weight(ceiling)} (4× the largest weight)"


def reversal_figure(
    inside: float,
    outside: float,
    current: float,
    reverses: Callable[[float], bool],
    finest_only: bool = False,
) -> float:
    """The weight to report for a threshold between ``inside`` (the top unchanged) and
    ``outside`` (another project first): a figure one can read and type, that does what the
    sentence says once set.

    Tried from the coarsest to the finest: two decimals (or the first significant digit of a
    threshold below 0.01, or the fewest decimals that tell it from today's weight, "1 → 1.005"
    rather than "1 → 1"), down to the millionth, the smallest weight step. At each, the figure
    on the far side of the threshold nearest to it (2.625 needed gives 2.63, never 2.62, which
    would not reverse; a threshold that is itself a round figure, 2.62, gives 2.62). A figure
    is kept only if setting it puts the same project first as just past the threshold: rounding
    must not step over a second crossing (a threshold of 18.87108 whose 18.88 puts a third
    project first reads 18.872). The exact threshold is kept where no figure qualifies.
    ``finest_only``: the millionth alone (the threshold as a settable weight)."""
    up = outside > current
    start = 2 if outside >= 0.01 or outside == 0 else -math.floor(math.log10(outside))
    # Never finer than the millionth: a threshold of 0.00000019 lowering reads 0.
    start = 6 if finest_only else min(start, 6)
    while start < 6 and f"{current:.{start}f}" == f"{outside:.{start}f}":
        start += 1
    for places in range(start, 7):
        step = Decimal(1).scaleb(-places)
        far = Decimal(repr(outside)).quantize(step, ROUND_CEILING if up else ROUND_FLOOR)
        near = far - step if up else far + step
        for candidate in (float(near), float(far)):
            # Past the last weight known to leave the top as it is, half a step from today's
            # weight at least (a tie at 0.9952929964 never "moves" to 0.995293), settable.
            beyond = candidate > inside if up else candidate < inside
            if (
                beyond
                and abs(candidate - current) >= MIN_WEIGHT / 2
                and 0 <= candidate <= MAX_WEIGHT
                and reverses(candidate)
            ):
                return candidate
    return outside


def _crossings(
    rest: tuple[np.ndarray, np.ndarray],
    share: np.ndarray,
    assessed: np.ndarray,
    top_row: int,
    ceiling: float,
) -> np.ndarray:
    """Weights, either side of each point where a project's index crosses the top project's
    as one criterion's weight ``w`` moves: the places a grid could step over (a window
    narrower than its step, such as a reversal between 0 and 0.008 under a grid step of 1.25).

    A project's index is 100·(A + s·w)/(B + a·w): ``rest`` holds A and B (the other
    criteria's sums), ``share`` s and ``assessed`` a. Two indices are equal where
    (A_q + s_q·w)(B_t + a_t·w) − (A_t + s_t·w)(B_q + a_q·w) = 0, a quadratic in w, so each
    project crosses the top at two weights at most; the top can only change at one of them."""
    numerator, denominator = rest
    a_t, s_t = assessed[top_row], share[top_row]
    n_t, d_t = numerator[top_row], denominator[top_row]
    second = share * a_t - s_t * assessed
    first = numerator * a_t + share * d_t - n_t * assessed - s_t * denominator
    constant = numerator * d_t - n_t * denominator
    with np.errstate(invalid="ignore", divide="ignore"):
        root = np.sqrt(first * first - 4.0 * second * constant)
        quadratic = np.abs(second) > 1e-12 * (np.abs(first) + np.abs(constant) + 1e-300)
        roots = np.concatenate(
            [
                np.where(quadratic, (-first + root) / (2.0 * second), -constant / first),
                np.where(quadratic, (-first - root) / (2.0 * second), np.nan),
            ]
        )
    roots = roots[np.isfinite(roots) & (roots >= 0) & (roots <= ceiling)]
    spread = np.maximum(np.abs(roots) * 1e-9, MIN_WEIGHT / 4)
    near = np.concatenate([roots - spread, roots + spread, roots + 2 * MIN_WEIGHT])
    return near[(near >= 0) & (near <= ceiling)]


def rank_reversals(
    doc: Assessment,
    scenario: Scenario | str | None = None,
    grid: int = 801,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[str | None, list[RankReversal]]:
    """The current top project and, per criterion that can change it, the nearest reversal.

    ``cancelled()`` is asked before each criterion (a job in the app's background stops at
    once: :class:`AnalysisCancelled`).

    Sorted by the size of the change, smallest first; the first is the rank-reversal
    threshold. Red lines do not depend on weights, so excluded projects never become top.

    A grid of weights (0 to :func:`reversal_ceiling`) finds where the top may change; every
    weight probed after that is scored exactly as :func:`rrisk.scoring.score` scores the
    document with that weight set, so the reported weight, once set, puts the reported
    project first (a crossing the grid sees only through rounding is never reported).
    """
    matrix = compile_matrix(doc, scenario)
    result = score_matrix(matrix)
    ranked = ~result.excluded & ~np.isnan(result.index)
    # Red lines do not move with weights, but being scored does: a project unscored now (its
    # assessed criteria weigh 0) is scored, and may lead, once such a weight is raised.
    eligible = ~result.excluded
    if not ranked.any():
        return None, []
    if eligible.sum() < 2:
        return matrix.project_ids[int(result.order[0])], []
    top_row = int(result.order[0])
    assessed = ~np.isnan(result.risk)
    scaled = np.where(assessed, (result.risk - 1.0) / 24.0, 0.0)
    names = name_order(matrix.project_names)
    ceiling = reversal_ceiling(matrix.weights)
    assessed_float = assessed.astype(float)

    def leader(index: np.ndarray) -> np.ndarray:
        """Top row per row of ``index`` (K, P), ties to the first name as the ranking breaks
        them; -1 where no eligible project is scored (nobody leads: no reversal)."""
        key = np.where(eligible & ~np.isnan(index), index, np.inf)
        lowest = key.min(axis=1, keepdims=True)
        tops = np.argmin(np.where(key == lowest, names, len(names)), axis=1)
        return np.where(np.isinf(lowest[:, 0]), -1, tops)

    def grid_tops(
        j: int, rest: tuple[np.ndarray, np.ndarray], new_weights: np.ndarray
    ) -> np.ndarray:
        """Top project (K,) as criterion j's weight takes each of K values, others fixed: the
        sums over the other criteria (``rest``) plus that column's share, a few vector
        operations instead of a matrix product per value. The other criteria are summed
        afresh, never as the whole sum minus this column, which cancels to noise when a large
        weight is lowered towards 0."""
        numerator = rest[0][None, :] + new_weights[:, None] * scaled[:, j]
        denominator = rest[1][None, :] + new_weights[:, None] * assessed_float[:, j]
        with np.errstate(invalid="ignore", divide="ignore"):
            index = np.where(
                denominator > 0,
                100.0 * numerator / np.where(denominator > 0, denominator, 1),
                np.nan,
            )
        return leader(np.round(index, 9))

    def exact_top(j: int, weight: float) -> int:
        """Top row with criterion j's weight set to ``weight``, scored as the document is."""
        weights = matrix.weights.copy()
        weights[j] = weight
        index, _coverage = risk_index(result.risk, weights)
        return int(leader(index[None, :])[0])

    def reverses(j: int, weight: float) -> bool:
        return exact_top(j, weight) not in (top_row, -1)

    def leads(j: int, row: int, weight: float) -> bool:
        return exact_top(j, weight) == row

    def quick(j: int, rest: tuple[np.ndarray, np.ndarray], weight: float) -> bool:
        return int(grid_tops(j, rest, np.array([weight]))[0]) not in (top_row, -1)

    def bisect(inside: float, outside: float, test: Callable[[float], bool]) -> tuple[float, float]:
        for _ in range(40):
            middle = (inside + outside) / 2
            if test(middle):
                outside = middle
            else:
                inside = middle
        return inside, outside

    found: list[RankReversal] = []
    for j, criterion_id in enumerate(matrix.criterion_ids):
        if cancelled is not None and cancelled():
            raise AnalysisCancelled("the sensitivity analysis was cancelled")
        current = float(matrix.weights[j])
        others = matrix.weights.copy()
        others[j] = 0.0
        rest = (scaled @ others, assessed_float @ others)
        candidates = np.concatenate(
            [
                np.linspace(0.0, ceiling, grid),
                _crossings(rest, scaled[:, j], assessed_float[:, j], top_row, ceiling),
            ]
        )
        tops = grid_tops(j, rest, candidates)
        # Only weights a document can hold: 0, or MIN_WEIGHT up (a crossing between 0 and
        # MIN_WEIGHT reverses at no weight one can set).
        settable = (candidates == 0.0) | (candidates >= MIN_WEIGHT)
        changed = np.flatnonzero((tops != top_row) & (tops >= 0) & settable)
        # Nearest first; a grid point the exact score does not confirm is passed over.
        nearest = sorted(changed, key=lambda k: abs(float(candidates[k]) - current))
        first = next((k for k in nearest[:8] if reverses(j, float(candidates[k]))), None)
        if first is None:
            continue
        # Refine between the current weight and the first grid point where the top changes:
        # by the quick sums, then (where they and the exact score disagree at the end, at a
        # near-tie) again by the exact score, which has the last word.
        inside, outside = bisect(current, float(candidates[first]), partial(quick, j, rest))
        if not reverses(j, outside) or reverses(j, inside):
            inside, outside = bisect(current, float(candidates[first]), partial(reverses, j))
        if abs(outside - current) < MIN_WEIGHT:
            # Weights are 0 or at least MIN_WEIGHT apart: report the smallest settable change
            # (raising a weight of 0 at all, or breaking a tie at the top) if it reverses.
            outside = current + (MIN_WEIGHT if outside > current else -MIN_WEIGHT)
            if outside < 0 or not reverses(j, outside):
                continue
            inside = current
        threshold = reversal_figure(
            inside, outside, current, partial(reverses, j), finest_only=True
        )
        if not (threshold == 0.0 or MIN_WEIGHT <= threshold <= MAX_WEIGHT) or not reverses(
            j, threshold
        ):
            continue  # the crossing is at no weight one can set (between 0 and MIN_WEIGHT)
        new_top = exact_top(j, threshold)
        shown = reversal_figure(inside, outside, current, partial(leads, j, new_top))
        found.append(
            RankReversal(
                criterion_id, current, threshold, matrix.project_ids[new_top], shown_weight=shown
            )
        )
    found.sort(key=lambda r: (abs(r.change), r.criterion))
    return matrix.project_ids[top_row], found
