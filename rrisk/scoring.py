"""The scoring method of PRODUCT.md, on whole arrays.

- Cell risk ``r = likelihood × impact`` (1–25); bands Low 1–4, Medium 5–9, High 10–16,
  Critical 20–25.
- Project risk index ``100 × Σ w·(r−1)/24 / Σ w`` over the assessed criteria (0–100); bands
  Low < 25 ≤ Medium < 50 ≤ High < 75 ≤ Critical.
- Coverage = assessed weight / total weight.
- Red lines are non-compensatory: a manual flag on a cell, or a criterion's rule
  (``r ≥ threshold``), makes the project *Excluded* whatever its index.
- Ranking: non-excluded projects by index, lowest risk first; ties broken by name.
- Screening adds red lines of its own (:mod:`rrisk.screening.redlines`): a confirmed hit on a
  blocking sanctions programme, and a region in an occupied territory. They do not depend on
  the scenario and sit on a criterion's cell like a manual red line.

Decisions where the method is silent (documented in the README too):

- A cell is assessed when both likelihood and impact are set; otherwise it adds nothing to the
  index or the coverage, and a rule red line cannot fire on it (a manual one still does).
- A project whose assessed criteria carry no weight has no index: status ``unscored``, no
  rank, listed after the ranked projects and before the excluded ones.
- When every weight is zero, coverage is 0 for every project.

:func:`compile_matrix` is the one pass over the document; everything after it is numpy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from itertools import repeat
from operator import attrgetter
from typing import Any, cast

import numpy as np

from rrisk.cells import SCORE_FIELDS, CellScores
from rrisk.errors import ScenarioError
from rrisk.model import Assessment, Cell, Scenario, name_key
from rrisk.text import name_sort_key

CELL_BANDS = ("Low", "Medium", "High", "Critical")
INDEX_BANDS = ("Low", "Medium", "High", "Critical")
CELL_BAND_UPPER = (4, 9, 16, 25)
"""Upper bound (inclusive) of each cell band, in risk points."""
INDEX_BAND_LOWER = (0.0, 25.0, 50.0, 75.0)
"""Lower bound (inclusive) of each index band, in index points."""

CELL_FORMULA = "cell risk r = likelihood × impact (1–25)"
INDEX_FORMULA = "risk index = 100 × Σ w·(r − 1)/24 ÷ Σ w over the assessed criteria (0–100)"
"""The method in words, for every place that shows numbers (app, memo, CLI)."""


def below_an_edge(value: float, shown: float) -> bool:
    """Whether rounding put an index on a band edge that it is below (24.99 → 25.0, which
    would read as Medium beside the band Low)."""
    return shown in INDEX_BAND_LOWER[1:] and value < shown


def json_index(value: float) -> float:
    """An index to two decimals for JSON and CSV output, halves rounded up as every printed
    index is (:func:`rrisk.fmt.fmt_index`: 24.965 gives 24.97 in both), never rounded onto a
    band edge it is below: 24.997 gives 24.99, so the band printed beside it (Low) agrees."""
    return float(two_decimals(value))


def two_decimals(value: float) -> Decimal:
    """An index to two decimals, halves rounded up, cut short only where that would reach a
    band edge the index is below (24.996 gives 24.99): the JSON's figure, and the printed one
    of an index just below an edge (:func:`rrisk.fmt.fmt_index`)."""
    exact = Decimal(repr(float(value)))  # the figure as written: 74.99, not 74.98999…
    two = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if below_an_edge(value, float(two)):
        two = exact.quantize(Decimal("0.01"), rounding=ROUND_FLOOR)
    return two


def share_half_up(share: float, places: int) -> Decimal:
    """A share (0–1) to ``places`` decimals, halves rounded up as by hand: the share as
    written, taken to 12 decimals first as the index is to 9 (:func:`risk_index`), not its
    binary value (0.02675 lies below its half; a coverage of 0.6 / 1.6 comes out
    0.37499999999999994, which is 0.375)."""
    written = Decimal(repr(round(float(share), 12)))
    return written.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def json_share(fraction: float) -> float:
    """A share (coverage, a probability) to four decimals for JSON and CSV output, halves
    rounded up as the printed percentages are (:func:`rrisk.fmt.fmt_percent`: the share as
    written, taken to 12 decimals first; ``round`` gave 0.0267 for 0.02675, whose binary
    value lies below it, and 0.0312 for 1/32, a half rounded to even), never rounded onto 1
    or 0 when it is not: a gap never reads as complete, a chance never as none."""
    shown = float(share_half_up(fraction, 4))
    if shown == 1.0 and fraction < 1.0:
        return 0.9999
    if shown == 0.0 and fraction > 0.0:
        return 0.0001
    return shown


def cell_band_ranges() -> list[tuple[str, str]]:
    """(band, the L×I products in it), e.g. ``("Critical", "20–25")``: no product is 17–19."""
    products = sorted({lik * imp for lik in range(1, 6) for imp in range(1, 6)})
    ranges = []
    lower = 1
    for name, upper in zip(CELL_BANDS, CELL_BAND_UPPER, strict=True):
        inside = [p for p in products if lower <= p <= upper]
        ranges.append((name, f"{inside[0]}–{inside[-1]}"))
        lower = upper + 1
    return ranges


def index_band_ranges() -> list[tuple[str, str]]:
    """(band, index range), lower bound inclusive, e.g. ``("Medium", "25 to < 50")``."""
    bounds = [*INDEX_BAND_LOWER, 100.0]
    last = len(INDEX_BANDS) - 1
    return [
        (name, f"{bounds[i]:.0f} to {'' if i == last else '< '}{bounds[i + 1]:.0f}")
        for i, name in enumerate(INDEX_BANDS)
    ]


STATUS_RANKED = "ranked"
STATUS_UNSCORED = "unscored"
STATUS_EXCLUDED = "excluded"


def cell_band(risk: Any) -> Any:
    """Band index 0–3 for cell risk (scalar or array); -1 where risk is NaN."""
    risk_array = np.asarray(risk, dtype=float)
    bands = np.searchsorted(np.asarray(CELL_BAND_UPPER, dtype=float), risk_array, side="left")
    bands = np.where(np.isnan(risk_array), -1, np.minimum(bands, 3))
    return bands if bands.ndim else int(bands)


def index_band(index: Any) -> Any:
    """Band index 0–3 for a risk index (scalar or array); -1 where the index is NaN."""
    index_array = np.asarray(index, dtype=float)
    bands = np.searchsorted(np.asarray(INDEX_BAND_LOWER[1:]), index_array, side="right")
    bands = np.where(np.isnan(index_array), -1, bands)
    return bands if bands.ndim else int(bands)


def band_name(band: int, names: tuple[str, ...] = INDEX_BANDS) -> str:
    return names[band] if band >= 0 else "—"


@dataclass(frozen=True)
class RedLine:
    """Why a project is excluded: a manual flag or a rule, on one criterion."""

    criterion: str
    reason: str
    basis: str
    kind: str  # "manual", "rule", "screening" or "territory"
    identity: str = field(default="", compare=False)
    """What the line is about, for telling versions' lines apart (a screening hit's project,
    counterparty and list entry; a territory's id); empty for manual and rule lines."""

    def as_dict(self) -> dict[str, str]:
        data = {"criterion": self.criterion, "reason": self.reason, "kind": self.kind}
        if self.basis:
            data["basis"] = self.basis
        return data


@dataclass
class Matrix:
    """A document (with a scenario applied) as arrays: rows projects, columns criteria."""

    project_ids: list[str]
    project_names: list[str]
    criterion_ids: list[str]
    criterion_names: list[str]
    weights: np.ndarray  # (C,)
    likelihood: np.ndarray  # (P, C) float, NaN = unset
    impact: np.ndarray  # (P, C)
    likelihood_low: np.ndarray  # (P, C), NaN = no range given
    likelihood_high: np.ndarray
    impact_low: np.ndarray
    impact_high: np.ndarray
    manual_red_line: np.ndarray  # (P, C) bool
    manual_reason: dict[tuple[int, int], tuple[str, str]]  # (p, c) -> (reason, basis)
    rule_threshold: np.ndarray  # (C,) float, inf where the criterion has no rule
    rule_reason: list[tuple[str, str]]  # per criterion: (reason, basis)
    scenario: str | None = None
    screening_red_lines: list[tuple[RedLine, ...]] = field(default_factory=list)
    """Per project, the red lines screening puts on it (empty list: none anywhere)."""
    ranged: np.ndarray | None = None
    """(P, C) bool: cells whose baseline carries a range of its own (any of its four bounds
    set), before a scenario's values replace ranges; None: as the bounds above say. The Monte
    Carlo gives weak evidence its ±1 only to cells without one
    (:func:`rrisk.analysis.own_range`), so a scenario that restates one score of a ranged
    cell does not turn it into a "weak, no range" cell widened on both scores."""

    def screening_mask(self) -> np.ndarray:
        """(P, C) bool: the cells carrying a screening red line."""
        mask = np.zeros((len(self.project_ids), len(self.criterion_ids)), dtype=bool)
        columns = {criterion_id: j for j, criterion_id in enumerate(self.criterion_ids)}
        for row, lines in enumerate(self.screening_red_lines):
            for line in lines:
                if line.criterion in columns:
                    mask[row, columns[line.criterion]] = True
        return mask

    def screening_excluded(self) -> np.ndarray:
        """(P,) bool: the projects screening excludes."""
        flags = [bool(lines) for lines in self.screening_red_lines]
        return np.array(flags, dtype=bool) if flags else np.zeros(len(self.project_ids), bool)


def _screening_red_lines(doc: Assessment) -> list[tuple[RedLine, ...]]:
    from rrisk.screening.redlines import screening_red_lines

    found: dict[str, list[RedLine]] = {}
    for line in screening_red_lines(doc):
        found.setdefault(line.project, []).append(
            RedLine(line.criterion, line.reason, line.basis, line.kind, line.identity)
        )
    if not found:
        return []
    return [tuple(found.get(project.id, ())) for project in doc.projects]


def _nan_matrix(p: int, c: int) -> np.ndarray:
    return np.full((p, c), np.nan)


RANGE_FIELDS = ("likelihood_low", "likelihood_high", "impact_low", "impact_high")


def range_set(arrays: Mapping[str, np.ndarray] | Matrix) -> np.ndarray:
    """Where any of the four range bounds is set (bool, the arrays' shape): ``arrays`` maps
    :data:`RANGE_FIELDS` to arrays (or scalars), or is a :class:`Matrix`."""
    get = (lambda name: getattr(arrays, name)) if isinstance(arrays, Matrix) else arrays.__getitem__
    return ~np.logical_and.reduce([np.isnan(get(name)) for name in RANGE_FIELDS])


def apply_override(
    arrays: dict[str, np.ndarray],
    manual: np.ndarray,
    manual_reason: dict[tuple[int, int], tuple[str, str]],
    i: int,
    j: int,
    override: Any,
) -> None:
    """Put a scenario's override of cell (i, j) over its baseline values."""
    for name in ("likelihood", "impact"):
        value = getattr(override, name)
        if value is not None:
            arrays[name][i, j] = value
            # A scenario value outside the baseline range widens nothing: the
            # scenario states what it believes, so its value replaces the range.
            for bound in ("low", "high"):
                arrays[f"{name}_{bound}"][i, j] = np.nan
    if override.red_line is not None:
        manual[i, j] = override.red_line
        if override.red_line:
            manual_reason[(i, j)] = (
                override.red_line_reason or manual_reason.get((i, j), ("", ""))[0],
                manual_reason.get((i, j), ("", ""))[1],
            )


_RED_LINE = attrgetter("red_line")
_RED_LINE_REASON = attrgetter("red_line_reason")
_RED_LINE_BASIS = attrgetter("red_line_basis")


class _Codes(dict[tuple[Any, ...], int]):
    """Each distinct tuple of scores numbered in the order first met."""

    def __missing__(self, key: tuple[Any, ...]) -> int:
        code = self[key] = len(self)
        return code


def _score_table(values: list[tuple[Any, ...]]) -> np.ndarray:
    """``np.array(values, dtype=float)`` (None read as NaN): each distinct tuple of scores
    (a matrix has a few dozen) converted once, the cells given their tuple's row."""
    codes = _Codes()
    try:
        numbers = list(map(codes.__getitem__, values))
    except TypeError:  # a value that is no number (and unhashable): numpy says what it says
        return np.array(values, dtype=float)
    return np.array(list(codes), dtype=float)[np.array(numbers, dtype=np.intp)]


def compile_matrix(
    doc: Assessment,
    scenario: Scenario | str | None = None,
    cell_scores: CellScores | None = None,
) -> Matrix:
    """Extract the arrays the engine works on, applying a scenario's overrides if given.

    ``cell_scores``, when given, is what the cells hold for scoring, read from the file without
    building them (:func:`rrisk.plainmodel.plain_scores`, for ``doc`` read so, whose ``cells``
    are then left empty); the matrix is the one ``doc``'s built cells give."""
    if isinstance(scenario, str):
        scenario = find_scenario(doc, scenario)
    project_index = {p.id: i for i, p in enumerate(doc.projects)}
    criterion_index = {c.id: j for j, c in enumerate(doc.criteria)}
    n_p, n_c = len(doc.projects), len(doc.criteria)
    fields = SCORE_FIELDS
    arrays = {name: _nan_matrix(n_p, n_c) for name in fields}
    manual = np.zeros((n_p, n_c), dtype=bool)
    manual_reason: dict[tuple[int, int], tuple[str, str]] = {}
    # One pass to gather the values; all arithmetic happens on the arrays afterwards. A row
    # whose cells all lie in the matrix and carry no red line (most rows) is taken whole: its
    # columns are looked up once for every row with the same criteria, its scores read by one
    # attrgetter call a cell.
    rows: list[int] = []
    cols: list[int] = []
    values: list[tuple[Any, ...]] = []
    scores_of = attrgetter(*fields)
    columns_of: dict[tuple[str, ...], list[int | None]] = {}
    if cell_scores is not None:
        rows, cols, values = cell_scores.rows, cell_scores.cols, cell_scores.values
        for at_row, at_col, red_line, reason, basis in cell_scores.red_lines:
            if red_line:  # (with its reason and basis, or these alone, kept as below)
                manual[at_row, at_col] = True
            manual_reason[(at_row, at_col)] = (reason, basis)
    for project_id, row in doc.cells.items() if cell_scores is None else ():
        i = project_index.get(project_id)
        if i is None:
            continue
        criterion_ids = tuple(row)
        columns = columns_of.get(criterion_ids)
        if columns is None:
            columns = columns_of[criterion_ids] = [criterion_index.get(c) for c in criterion_ids]
        cells = row.values()
        if not (
            None in columns
            or any(map(_RED_LINE, cells))
            or any(map(_RED_LINE_REASON, cells))
            or any(map(_RED_LINE_BASIS, cells))
        ):
            rows.extend(repeat(i, len(columns)))
            cols.extend(cast(list[int], columns))
            values.extend(map(scores_of, cells))
            continue
        for criterion_id, cell in row.items():
            j = criterion_index.get(criterion_id)
            if j is None:
                continue
            rows.append(i)
            cols.append(j)
            values.append(scores_of(cell))
            if cell.red_line:
                manual[i, j] = True
                manual_reason[(i, j)] = (cell.red_line_reason, cell.red_line_basis)
            elif cell.red_line_basis or cell.red_line_reason:
                # Kept for a scenario that sets this cell's red line: the basis is the
                # cell's in every scenario (an override holds a reason, not a basis), and
                # the cell's reason stands where the override gives none (as the check
                # counts it).
                manual_reason[(i, j)] = (cell.red_line_reason, cell.red_line_basis)
    if rows:
        index = (np.asarray(rows), np.asarray(cols))
        table = _score_table(values)  # (cells, fields)
        for k, name in enumerate(fields):
            arrays[name][index] = table[:, k]
    weights = np.array([c.weight for c in doc.criteria], dtype=float)
    thresholds = np.array(
        [c.red_line_rule.threshold if c.red_line_rule else np.inf for c in doc.criteria],
        dtype=float,
    )
    rule_reason = [
        (c.red_line_rule.reason, c.red_line_rule.basis) if c.red_line_rule else ("", "")
        for c in doc.criteria
    ]
    ranged = range_set(arrays)
    if scenario is not None:
        for criterion_id, weight in scenario.weight_overrides.items():
            if criterion_id in criterion_index:
                weights[criterion_index[criterion_id]] = weight
        for override in scenario.overrides_by_cell().values():
            i = project_index.get(override.project)
            j = criterion_index.get(override.criterion)
            if i is None or j is None:
                continue
            apply_override(arrays, manual, manual_reason, i, j, override)
    return Matrix(
        project_ids=[p.id for p in doc.projects],
        project_names=[p.name for p in doc.projects],
        criterion_ids=[c.id for c in doc.criteria],
        criterion_names=[c.name for c in doc.criteria],
        weights=weights,
        likelihood=arrays["likelihood"],
        impact=arrays["impact"],
        likelihood_low=arrays["likelihood_low"],
        likelihood_high=arrays["likelihood_high"],
        impact_low=arrays["impact_low"],
        impact_high=arrays["impact_high"],
        manual_red_line=manual,
        manual_reason=manual_reason,
        rule_threshold=thresholds,
        rule_reason=rule_reason,
        scenario=scenario.name if scenario is not None else None,
        screening_red_lines=_screening_red_lines(doc),
        ranged=ranged,
    )


def find_scenario(doc: Assessment, key: str) -> Scenario:
    """A scenario by id or name; :class:`ScenarioError` listing the known ones otherwise, or
    naming the ids when the name is shared (names match without regard to case). Spaces
    around an id do not hide it (an id holds none): ``--scenario " soft "`` is ``soft``, and
    neither do capitals where no name matches (``SOFT``)."""
    if key.strip() != key and any(s.id == key.strip() for s in doc.scenarios):
        key = key.strip()
    if not any(s.id == key for s in doc.scenarios):
        named = [s.id for s in doc.scenarios if name_key(s.name) == name_key(key)]
        if len(named) > 1:
            shared = ", ".join(f"'{i}'" for i in named)
            raise ScenarioError(f"scenario '{key}' is ambiguous: it names {shared}; give its id")
    try:
        return doc.scenario(key)
    except KeyError:
        pass
    # An id in other letters ("SOFT" for soft): ids are lower case, so it can name no other.
    folded = key.strip().lower()
    for scenario in doc.scenarios:
        if scenario.id == folded:
            return scenario
    raise ScenarioError(f"scenario '{key}' does not exist ({known_scenarios(doc, key)})")


KNOWN_SHOWN = 5
"""How many scenarios a message about an unknown one names: with their names, more would not
fit the one line an error gets (:data:`rrisk.messages.MESSAGE_LIMIT`)."""


def known_scenarios(doc: Assessment, key: str) -> str:
    """The scenarios a message about an unknown ``key`` names, each by id and name: all of them
    (``known: 'eased' “Sanctions eased”``), or past :data:`KNOWN_SHOWN` the ones nearest to
    ``key`` and how many there are. Fifty ids alone, in the document's order, filled the line
    and were cut off before the one meant, and a name typed was never shown beside its id."""
    from difflib import SequenceMatcher

    scenarios = doc.scenarios
    if not scenarios:
        return "known: none"
    wanted = name_key(key)

    def nearness(scenario: Scenario) -> float:
        return max(
            SequenceMatcher(None, wanted, name_key(scenario.name)).ratio(),
            SequenceMatcher(None, wanted, scenario.id).ratio(),
        )

    shown = scenarios
    if len(scenarios) > KNOWN_SHOWN:
        shown = sorted(scenarios, key=nearness, reverse=True)[:KNOWN_SHOWN]
    from rrisk.messages import one_line

    names = ", ".join(f"'{s.id}' “{one_line(' '.join(s.name.split()), 40, True)}”" for s in shown)
    if len(shown) == len(scenarios):
        return f"known: {names}"
    return f"it has {len(scenarios)} scenarios; the nearest: {names}"


BASELINE_KEY = "baseline"
"""What ``--scenario`` takes for the baseline (any case or spacing), even where a scenario has
that id, as ``@baseline`` in a narrative field."""


def names_baseline(key: str) -> bool:
    return name_key(key) == BASELINE_KEY


def scenario_for_command(doc: Assessment, key: str | None, path: Any) -> Scenario | None:
    """The scenario ``--scenario KEY`` names in the file at ``path`` (None: the baseline);
    :class:`ScenarioError` naming the file otherwise."""
    if key is None or names_baseline(key):
        return None
    try:
        return find_scenario(doc, key)
    except ScenarioError as error:
        raise ScenarioError(f"{path}: {error}") from None


def index_terms(risk: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The index's numerator Σ w·(r−1)/24 and denominator Σ w, over the assessed criteria."""
    assessed = ~np.isnan(risk)
    weight_sum = np.where(assessed, weights, 0.0).sum(axis=-1)
    scaled = np.where(assessed, (risk - 1.0) / 24.0, 0.0)
    return (scaled * weights).sum(axis=-1), weight_sum


def risk_index(risk: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Risk index and coverage from cell risk ``(..., P, C)`` (NaN = unassessed) and weights.

    Works on any leading dimensions, so a Monte Carlo batch of runs is one call.
    """
    weights = np.asarray(weights, dtype=float)
    weighted, weight_sum = index_terms(risk, weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        safe_sum = np.where(weight_sum > 0, weight_sum, 1.0)
        index = np.where(weight_sum > 0, 100.0 * weighted / safe_sum, np.nan)
        # Mathematically equal indices can differ in the last bit (0.1 + 0.2 vs 0.3); rounding
        # far below display precision keeps ties tied (broken by name) and bands consistent.
        index = np.round(index, 9)
        total = weights.sum()
        coverage = weight_sum / total if total > 0 else np.zeros_like(weight_sum)
    return index, coverage


@dataclass(frozen=True)
class ReviewCounts:
    """How many cells are marked reviewed, draft and unassessed, in all and per project.

    Counted on the baseline: a scenario's override holds scores and red lines, never a
    review status, so every scenario has the baseline's counts. A cell is assessed when both
    its scores are set (as for the coverage); an assessed cell not marked reviewed is draft,
    whatever else its status says, and an unassessed one counts as unassessed even when
    marked reviewed (there is no score to have reviewed)."""

    reviewed: int
    draft: int
    unassessed: int
    projects: dict[str, tuple[int, int, int]]
    """Per project id, in matrix order: (reviewed, draft, unassessed)."""
    draft_cells: list[tuple[str, str]]
    """The draft cells (project id, criterion id), in matrix order."""

    @property
    def assessed(self) -> int:
        return self.reviewed + self.draft

    def sentence(self) -> str:
        """The counts in one sentence ("Of the 56 assessed cells, 38 are marked reviewed and
        18 are draft."); empty when no cell is assessed."""
        assessed, reviewed, draft = self.assessed, self.reviewed, self.draft
        if not assessed:
            return ""
        if assessed == 1:
            return "The one assessed cell is " + ("marked reviewed." if reviewed else "draft.")
        if not draft:
            return f"All {assessed:,} assessed cells are marked reviewed."
        if not reviewed:
            return f"None of the {assessed:,} assessed cells is marked reviewed yet: all are draft."
        return (
            f"Of the {assessed:,} assessed cells, {reviewed:,} "
            f"{'is' if reviewed == 1 else 'are'} marked reviewed and {draft:,} "
            f"{'is' if draft == 1 else 'are'} draft."
        )

    def as_dict(self) -> dict[str, Any]:
        """The counts for JSON output, with each project's."""
        return {
            "reviewed": self.reviewed,
            "draft": self.draft,
            "unassessed": self.unassessed,
            "projects": [
                {"project": project_id, "reviewed": r, "draft": d, "unassessed": u}
                for project_id, (r, d, u) in self.projects.items()
            ],
        }


def review_kind(cell: Cell | None) -> str | None:
    """A cell's review status as counted: "reviewed" or "draft" once both its scores are set
    (as for the coverage), None while it is not assessed (there is no score to review)."""
    if cell is None or cell.likelihood is None or cell.impact is None:
        return None
    return "reviewed" if cell.status == "reviewed" else "draft"


def review_counts(doc: Assessment) -> ReviewCounts:
    """The review status of every cell of the matrix (projects × criteria), counted."""
    criterion_ids = [c.id for c in doc.criteria]
    projects: dict[str, tuple[int, int, int]] = {}
    draft_cells: list[tuple[str, str]] = []
    for project in doc.projects:
        row = doc.cells.get(project.id, {})
        reviewed = draft = 0
        for criterion_id in criterion_ids:
            kind = review_kind(row.get(criterion_id))
            if kind == "reviewed":
                reviewed += 1
            elif kind == "draft":
                draft += 1
                draft_cells.append((project.id, criterion_id))
        projects[project.id] = (reviewed, draft, len(criterion_ids) - reviewed - draft)
    counts = list(projects.values())
    reviewed = sum(r for r, _d, _u in counts)
    unassessed = sum(u for _r, _d, u in counts)
    return ReviewCounts(reviewed, len(draft_cells), unassessed, projects, draft_cells)


def name_order(names: list[str]) -> np.ndarray:
    """Each project's place in name order (:func:`rrisk.text.name_sort_key`: without regard
    to case or accents first; equal names in the order of the document): how every ranking
    breaks a tie, the scoring's and the analyses'."""
    keys = np.array([name_sort_key(n) for n in names], dtype=object)
    return np.argsort(np.argsort(keys, kind="stable"), kind="stable")


def rank_order(index: np.ndarray, excluded: np.ndarray, names: list[str]) -> np.ndarray:
    """Row order: ranked by index (ties by name), then unscored by name, then excluded by name."""
    name_key = name_order(names)
    group = np.where(excluded, 2, np.where(np.isnan(index), 1, 0))
    index_key = np.where(group == 0, index, 0.0)
    return np.lexsort((name_key, index_key, group))


@dataclass(frozen=True)
class ProjectScore:
    id: str
    name: str
    index: float | None
    band: str
    coverage: float
    status: str
    rank: int | None
    red_lines: tuple[RedLine, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "index": None if self.index is None else json_index(self.index),
            "band": self.band if self.index is not None else None,
            "coverage": json_share(self.coverage),
            "status": self.status,
            "rank": self.rank,
            "red_lines": [r.as_dict() for r in self.red_lines],
        }


@dataclass
class ScoreResult:
    """Everything the method computes for one document and scenario."""

    matrix: Matrix
    risk: np.ndarray  # (P, C) NaN = unassessed
    cell_band: np.ndarray  # (P, C) 0–3, -1 unassessed
    index: np.ndarray  # (P,) NaN = unscored
    index_band: np.ndarray  # (P,)
    coverage: np.ndarray  # (P,)
    red_line: np.ndarray  # (P, C) bool: manual or rule
    excluded: np.ndarray  # (P,) bool
    order: np.ndarray  # row indices in display order
    rank: np.ndarray  # (P,) 1-based, 0 where not ranked
    red_lines: list[tuple[RedLine, ...]] = field(default_factory=list)

    def index_terms(self) -> tuple[np.ndarray, np.ndarray]:
        """Per project, Σ w·(r−1)/24 and Σ w over the assessed criteria (to show the sum)."""
        return index_terms(self.risk, self.matrix.weights)

    @property
    def scenario(self) -> str | None:
        return self.matrix.scenario

    def statuses(self) -> list[str]:
        """Every project's status (as :meth:`status`), in matrix order, taken at once."""
        return np.where(
            self.excluded,
            STATUS_EXCLUDED,
            np.where(np.isnan(self.index), STATUS_UNSCORED, STATUS_RANKED),
        ).tolist()

    def status(self, row: int) -> str:
        if self.excluded[row]:
            return STATUS_EXCLUDED
        if np.isnan(self.index[row]):
            return STATUS_UNSCORED
        return STATUS_RANKED

    def project_score(self, row: int) -> ProjectScore:
        return self._project_score(
            row,
            float(self.index[row]),
            int(self.index_band[row]),
            float(self.coverage[row]),
            int(self.rank[row]),
            self.status(row),
        )

    def ranking(self) -> list[ProjectScore]:
        """All projects in display order: ranked, then unscored, then excluded (each as
        :meth:`project_score` gives it, the arrays read once for all)."""
        index, bands = self.index.tolist(), self.index_band.tolist()
        coverage, rank, statuses = self.coverage.tolist(), self.rank.tolist(), self.statuses()
        return [
            self._project_score(
                row, index[row], bands[row], coverage[row], rank[row], statuses[row]
            )
            for row in self.order.tolist()
        ]

    def _project_score(
        self, row: int, index: float, band: int, coverage: float, rank: int, status: str
    ) -> ProjectScore:
        """The project of ``row`` with its figures, read from the arrays by the caller."""
        return ProjectScore(
            id=self.matrix.project_ids[row],
            name=self.matrix.project_names[row],
            index=None if math.isnan(index) else index,
            band=band_name(band),
            coverage=coverage,
            status=status,
            rank=rank or None,
            red_lines=self.red_lines[row],
        )

    def row_of(self, project_id: str) -> int:
        return self.matrix.project_ids.index(project_id)


def score_matrix(matrix: Matrix) -> ScoreResult:
    """Apply the method to compiled arrays."""
    risk = matrix.likelihood * matrix.impact
    index, coverage = risk_index(risk, matrix.weights)
    with np.errstate(invalid="ignore"):
        rule_hit = risk >= matrix.rule_threshold  # NaN compares False: unassessed never fires
    red_line = matrix.manual_red_line | rule_hit | matrix.screening_mask()
    excluded = red_line.any(axis=1) | matrix.screening_excluded()
    order = rank_order(index, excluded, matrix.project_names)
    rank = np.zeros(len(matrix.project_ids), dtype=int)
    ranked_rows = order[~excluded[order] & ~np.isnan(index[order])]
    rank[ranked_rows] = np.arange(1, len(ranked_rows) + 1)
    found: list[list[RedLine]] = [[] for _ in matrix.project_ids]
    # Only the (few) red-line cells are visited; the rest of the matrix never leaves numpy.
    for row, col in np.argwhere(red_line):
        criterion = matrix.criterion_ids[col]
        if matrix.manual_red_line[row, col]:
            reason, basis = matrix.manual_reason.get((int(row), int(col)), ("", ""))
            found[row].append(
                RedLine(criterion, reason or "red line set by the analyst", basis, "manual")
            )
        if rule_hit[row, col]:
            reason, basis = matrix.rule_reason[col]
            threshold = int(matrix.rule_threshold[col])
            text = reason or (
                f"cell risk {int(risk[row, col])} is at or above the red line {threshold}"
            )
            found[row].append(RedLine(criterion, text, basis, "rule"))
    for row, lines in enumerate(matrix.screening_red_lines):
        found[row].extend(lines)
    reasons = [tuple(items) for items in found]
    return ScoreResult(
        matrix=matrix,
        risk=risk,
        cell_band=cell_band(risk),
        index=index,
        index_band=index_band(index),
        coverage=coverage,
        red_line=red_line,
        excluded=excluded,
        order=order,
        rank=rank,
        red_lines=reasons,
    )


def score(doc: Assessment, scenario: Scenario | str | None = None) -> ScoreResult:
    """Score a document, optionally under a scenario (by object, id or name)."""
    return score_matrix(compile_matrix(doc, scenario))


def results_payload(doc: Assessment, result: ScoreResult) -> dict[str, Any]:
    """The JSON object ``rrisk score --format json`` prints."""
    return {
        "assessment": doc.title,
        "scenario": result.scenario,
        "projects": [p.as_dict() for p in result.ranking()],
    }
