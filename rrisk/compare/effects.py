"""The effect of the changes on the results, and each change's share of an index movement.

Results come from :func:`rrisk.scoring.score_matrix` on each version; nothing here re-does
the method. The attribution works on the arrays :func:`rrisk.scoring.compile_matrix` builds,
aligned on the union of project and criterion ids.

**How a movement is split (exact).** With ``s = (r − 1)/24`` the scaled cell risk, ``a`` 1
where the cell is assessed, a project's index is ``I = 100·N/D`` with ``N = Σ_c w_c·s_c·a_c``
and ``D = Σ_c w_c·a_c``. For any change of weights and cells,

    I₁ − I₀ = Σ_c 100·(ΔN_c − i₀·ΔD_c) / D₁,      i₀ = N₀/D₀,

an identity, so the per-criterion terms add up to the movement exactly. When only cell scores
change (no cell becomes assessed or unassessed, no weight moves) ``ΔD_c = 0`` and the term is
``w·(r₁ − r₀)/24·100/Σw``: the index is linear in the cell risks. Where a criterion's weight
*and* its cell both changed, its term is split between the two by the Shapley value of the two
factors: the weight's share of ``ΔN_c = Δ(w·s·a)`` is ``Δw·(s₀a₀ + s₁a₁)/2`` and the cell's
``(w₀ + w₁)/2·Δ(s·a)`` (likewise for ``ΔD_c`` with ``a``), so the shares still sum exactly.
Read it as: a weight change moves the index by how far that criterion's risk sits above or
below the project's index (raising the weight of a criterion riskier than average raises the
index); a newly assessed cell moves it by how far its risk sits from the old index. A
criterion added or removed carries its whole term. A project with no index on one side
(added, removed, or unscored) has no attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from rrisk.fmt import apportion, fmt_index, fmt_percent
from rrisk.scoring import Matrix, ProjectScore, RedLine, ScoreResult

SOURCE_WEIGHT = "weight"
SOURCE_CELL = "cell"
SOURCE_CRITERION = "criterion"


@dataclass(frozen=True)
class Contribution:
    """One change's share of a project's index movement, in index points.

    ``source`` is ``weight`` (the criterion's weight moved), ``cell`` (the project's cell on
    the criterion changed: score or assessed or not) or ``criterion`` (added or removed).
    ``old``/``new`` are the weight, or the cell's ``(likelihood, impact)`` (None unassessed).
    """

    source: str
    criterion: str
    points: float
    old: Any = None
    new: Any = None

    def as_dict(self, points: float | None = None) -> dict[str, Any]:
        """``points``: the share as printed (see :meth:`ProjectEffect.shares`)."""
        return {
            "source": self.source,
            "criterion": self.criterion,
            "points": round(self.points, 4) if points is None else points,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class ProjectEffect:
    """One project's results before and after (``None`` on the side it does not exist)."""

    id: str
    name: str
    old: ProjectScore | None
    new: ProjectScore | None
    red_lines_appeared: tuple[RedLine, ...]
    red_lines_cleared: tuple[RedLine, ...]
    contributions: tuple[Contribution, ...]

    @property
    def index_change(self) -> float | None:
        if self.old is None or self.new is None or None in (self.old.index, self.new.index):
            return None
        return float(self.new.index) - float(self.old.index)  # type: ignore[arg-type]

    @property
    def rank_change(self) -> int | None:
        """Places moved up the ranking (positive = better, i.e. a lower rank number)."""
        if self.old is None or self.new is None or None in (self.old.rank, self.new.rank):
            return None
        return int(self.old.rank) - int(self.new.rank)  # type: ignore[arg-type]

    @property
    def changed(self) -> bool:
        """Whether anything a reader of the ranking sees moved: an index and a coverage as
        printed (an index from 20.45 to 20.47 reads 20.5 on both sides, so it did not move)."""
        if self.old is None or self.new is None:
            return True
        return (
            self.old.rank != self.new.rank
            or self.old.band != self.new.band
            or self.old.status != self.new.status
            or fmt_index(self.old.index) != fmt_index(self.new.index)
            or fmt_percent(self.old.coverage) != fmt_percent(self.new.coverage)
            or bool(self.red_lines_appeared or self.red_lines_cleared)
        )

    def as_dict(self) -> dict[str, Any]:
        change = self.index_change
        return {
            "id": self.id,
            "name": self.name,
            "old": None if self.old is None else self.old.as_dict(),
            "new": None if self.new is None else self.new.as_dict(),
            "index_change": None if change is None else round(change, 4),
            "rank_change": self.rank_change,
            "red_lines_appeared": [r.as_dict() for r in self.red_lines_appeared],
            "red_lines_cleared": [r.as_dict() for r in self.red_lines_cleared],
            "contributions": [
                c.as_dict(points)
                for c, points in zip(self.contributions, self.shares(), strict=True)
            ],
        }

    def shares(self, places: int = 4) -> list[float]:
        """The contributions' points to ``places`` decimals, rounded together so that they add
        up to the index change to that many decimals (each rounded alone, eight shares of
        −20.2652 summed to −20.2651)."""
        points = [c.points for c in self.contributions]
        change = self.index_change
        if change is None or not points:
            return [round(p, places) + 0.0 for p in points]
        return [p + 0.0 for p in apportion(points, round(change, places), places)]


def _align(ids: list[str], union: list[str]) -> np.ndarray:
    """Position of each union id in ``ids``, -1 where absent."""
    where = {item: k for k, item in enumerate(ids)}
    return np.array([where.get(item, -1) for item in union], dtype=int)


def _take(values: np.ndarray, rows: np.ndarray, cols: np.ndarray, fill: float) -> np.ndarray:
    """``values`` re-indexed on the union grid (``fill`` outside ``values``)."""
    grid = np.full((len(rows), len(cols)), fill, dtype=float)
    if values.size:
        inside_r, inside_c = rows >= 0, cols >= 0
        grid[np.ix_(inside_r, inside_c)] = values[np.ix_(rows[inside_r], cols[inside_c])]
    return grid


def _terms(matrix: Matrix, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, ...]:
    """Weights (P, C), scaled risk s and assessed a on the union grid; absent = unassessed."""
    risk = matrix.likelihood * matrix.impact
    scaled = _take((risk - 1.0) / 24.0, rows, cols, np.nan)
    assessed = ~np.isnan(scaled)
    weights = np.zeros(len(cols))
    weights[cols >= 0] = matrix.weights[cols[cols >= 0]]
    return (
        np.broadcast_to(weights, scaled.shape),
        np.where(assessed, scaled, 0.0),
        assessed.astype(float),
    )


def attribution(
    old: Matrix, new: Matrix, project_ids: list[str], criterion_ids: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each (project, criterion)'s index points from its weight and from its cell.

    Returns ``(weight_points, cell_points, valid)``: two (P, C) arrays over the union ids and
    a (P,) mask of projects that have an index on both sides. Their row sums equal each
    valid project's index change exactly (up to float rounding).
    """
    rows_old, rows_new = _align(old.project_ids, project_ids), _align(new.project_ids, project_ids)
    cols_old = _align(old.criterion_ids, criterion_ids)
    cols_new = _align(new.criterion_ids, criterion_ids)
    w0, s0, a0 = _terms(old, rows_old, cols_old)
    w1, s1, a1 = _terms(new, rows_new, cols_new)
    n0, d0 = (w0 * s0 * a0).sum(axis=1), (w0 * a0).sum(axis=1)
    d1 = (w1 * a1).sum(axis=1)
    valid = (d0 > 0) & (d1 > 0) & (rows_old >= 0) & (rows_new >= 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        i0 = np.where(d0 > 0, n0 / np.where(d0 > 0, d0, 1.0), 0.0)[:, None]
        scale = np.where(d1 > 0, 100.0 / np.where(d1 > 0, d1, 1.0), 0.0)[:, None]
    dw = w1 - w0
    weight_n = dw * (s0 * a0 + s1 * a1) / 2.0
    weight_d = dw * (a0 + a1) / 2.0
    w_mean = (w0 + w1) / 2.0
    cell_n = w_mean * (s1 * a1 - s0 * a0)
    cell_d = w_mean * (a1 - a0)
    weight_points = scale * (weight_n - i0 * weight_d)
    cell_points = scale * (cell_n - i0 * cell_d)
    weight_points[~valid] = 0.0
    cell_points[~valid] = 0.0
    return weight_points, cell_points, valid


def _red_line_key(red_line: RedLine) -> tuple[str, ...]:
    """What makes two versions' red lines the same one.

    A manual flag or a rule is one per criterion: its reason may be reworded without it
    appearing or clearing. Screening and territory lines sit several on one criterion (all
    of a project's hits on its sanctions criterion), so each is itself: a hit by its
    counterparty and list entry (re-decided on a newer list, it is the same line), a
    territory by its id. The criterion they are shown on is left out: it is the first of
    its category, so adding, moving or recategorising a criterion moves them without
    anything about the hit or the territory changing."""
    if red_line.kind in ("screening", "territory"):
        return (red_line.kind, red_line.identity or red_line.reason)
    return (red_line.criterion, red_line.kind)


def project_effects(
    old_result: ScoreResult, new_result: ScoreResult, min_points: float = 1e-9
) -> list[ProjectEffect]:
    """Every project of either version: the new ranking's order, then removed projects."""
    old_m, new_m = old_result.matrix, new_result.matrix
    project_ids = [new_m.project_ids[int(row)] for row in new_result.order]
    project_ids += [p for p in old_m.project_ids if p not in set(new_m.project_ids)]
    criterion_ids = list(new_m.criterion_ids)
    criterion_ids += [c for c in old_m.criterion_ids if c not in set(new_m.criterion_ids)]
    weight_points, cell_points, valid = attribution(old_m, new_m, project_ids, criterion_ids)
    old_rows = {p: k for k, p in enumerate(old_m.project_ids)}
    new_rows = {p: k for k, p in enumerate(new_m.project_ids)}
    old_cols = {c: k for k, c in enumerate(old_m.criterion_ids)}
    new_cols = {c: k for k, c in enumerate(new_m.criterion_ids)}
    effects = []
    for p, project_id in enumerate(project_ids):
        row_old, row_new = old_rows.get(project_id), new_rows.get(project_id)
        before = None if row_old is None else old_result.project_score(row_old)
        after = None if row_new is None else new_result.project_score(row_new)
        # A project added or removed is that, not red lines appearing or clearing (a removed
        # project's lines read as "cleared" would look like a project now investable).
        appeared: tuple[RedLine, ...] = ()
        cleared: tuple[RedLine, ...] = ()
        if before is not None and after is not None:
            old_keys = {_red_line_key(r) for r in before.red_lines}
            new_keys = {_red_line_key(r) for r in after.red_lines}
            appeared = tuple(r for r in after.red_lines if _red_line_key(r) not in old_keys)
            cleared = tuple(r for r in before.red_lines if _red_line_key(r) not in new_keys)
        found: list[Contribution] = []
        if valid[p]:
            for c in np.flatnonzero(
                (np.abs(weight_points[p]) > min_points) | (np.abs(cell_points[p]) > min_points)
            ):
                criterion_id = criterion_ids[c]
                col_old, col_new = old_cols.get(criterion_id), new_cols.get(criterion_id)
                if col_old is None or col_new is None:
                    found.append(
                        Contribution(
                            SOURCE_CRITERION,
                            criterion_id,
                            float(weight_points[p, c] + cell_points[p, c]),
                            "absent" if col_old is None else "present",
                            "absent" if col_new is None else "present",
                        )
                    )
                    continue
                if abs(weight_points[p, c]) > min_points:
                    found.append(
                        Contribution(
                            SOURCE_WEIGHT,
                            criterion_id,
                            float(weight_points[p, c]),
                            float(old_m.weights[col_old]),
                            float(new_m.weights[col_new]),
                        )
                    )
                if abs(cell_points[p, c]) > min_points:
                    found.append(
                        Contribution(
                            SOURCE_CELL,
                            criterion_id,
                            float(cell_points[p, c]),
                            _scores(old_m, row_old, col_old),
                            _scores(new_m, row_new, col_new),
                        )
                    )
        found.sort(key=lambda item: -abs(item.points))
        name = after.name if after is not None else before.name  # type: ignore[union-attr]
        effects.append(
            ProjectEffect(project_id, name, before, after, appeared, cleared, tuple(found))
        )
    return effects


def _scores(matrix: Matrix, row: int | None, col: int) -> list[int | None] | None:
    """The cell's ``[likelihood, impact]`` as the scoring engine saw it."""
    if row is None:
        return None
    values = (matrix.likelihood[row, col], matrix.impact[row, col])
    return [None if np.isnan(v) else int(v) for v in values]
