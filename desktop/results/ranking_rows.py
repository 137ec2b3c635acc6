"""The ranking's rows: each project's texts, tooltips and sort keys, built from the scores.

Pure data (no widgets): :func:`build_rows` makes them in ranking order; :class:`Row` keeps a
project's rank and place apart from its texts, so a row that only moves after a cell edit is a
small new object sharing them (:meth:`Row.moved`). :mod:`desktop.results.ranking_model` shows
and sorts them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from desktop.ui.text import escape
from rrisk import palette
from rrisk.fmt import fmt_index, fmt_percent, plain_number
from rrisk.scoring import (
    INDEX_FORMULA,
    STATUS_EXCLUDED,
    STATUS_RANKED,
    STATUS_UNSCORED,
    ScoreResult,
)
from rrisk.text import RED_LINES_APART, name_letters, name_sort_key, plural

if TYPE_CHECKING:
    from rrisk.model import Assessment

COL_RANK, COL_PROJECT, COL_INDEX, COL_BAND, COL_COVERAGE, COL_STATUS, COL_REASONS = range(7)
STATUS_TEXT = {STATUS_RANKED: "Ranked", STATUS_UNSCORED: "Unscored", STATUS_EXCLUDED: "Excluded"}
_GROUP = {STATUS_RANKED: 0, STATUS_UNSCORED: 1, STATUS_EXCLUDED: 2}


class Row:
    """The cached display of one project (built once per score change of that project).

    The rank and place are kept apart from the texts, so a row that only moves in the ranking
    is a new small object sharing its texts (``moved``), not a copy of them."""

    __slots__ = ("project_id", "display", "tooltip", "sort", "band", "status", "rank", "position")

    def __init__(self) -> None:
        self.project_id = ""
        self.display: list[str] = []
        self.tooltip: list[str] = []
        self.sort: list[Any] = []
        self.band = -1
        self.status = STATUS_RANKED
        self.rank: int | None = None
        self.position = 0.0

    def moved(self, rank: int | None, status: str, position: float) -> Row:
        """This row at a new place in the ranking."""
        row = Row()
        row.project_id, row.band = self.project_id, self.band
        row.display, row.tooltip, row.sort = self.display, self.tooltip, self.sort
        row.status, row.rank, row.position = status, rank, position
        return row

    def text(self, column: int) -> str:
        if column == COL_RANK:
            return str(self.rank) if self.rank else "—"
        return self.display[column]

    def tip(self, column: int) -> str:
        if column == COL_RANK:
            return _rank_tip(self.rank, self.status)
        return self.tooltip[column]

    def key(self, column: int) -> Any:
        """The sort value of ``column``: plain numbers and strings, compared natively."""
        if column == COL_RANK:
            return self.position
        if column == COL_STATUS:
            return float(_GROUP[self.status] * 100_000) + self.position
        return self.sort[column]


def find_name(names: list[str], typed: str, start: int) -> int:
    """The first of ``names`` from ``start`` on (wrapping round) that begins with ``typed``,
    without case, accents or spaces around it, as names are sorted
    (:func:`~rrisk.text.name_letters`): "zur" finds "Zürich", "елк" "Ёлкино", "zeta" the
    "  Zeta" an imported table spelt; -1 when none does."""
    key = name_letters(typed)
    if not key or not names:
        return -1
    for step in range(len(names)):
        row = (start + step) % len(names)
        if name_letters(names[row]).startswith(key):
            return row
    return -1


def _rank_tip(rank: int | None, status: str) -> str:
    if status == STATUS_RANKED:
        return f"Rank {rank} of the ranked projects"
    return f"Not ranked: {STATUS_TEXT[status].lower()}"


def _index_inputs(result: ScoreResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per project: the core's index numerator and denominator, and the criteria assessed."""
    numerator, denominator = result.index_terms()
    return numerator, denominator, (~np.isnan(result.risk)).sum(axis=1)


def build_rows(
    result: ScoreResult,
    document: Assessment,
    kept: dict[str, Row],
) -> list[Row]:
    """Rows in ranking order from ``result``. A project in ``kept`` (by id; after a cell edit,
    the projects it did not touch) keeps its row with only its rank and place updated."""
    names = dict(zip(result.matrix.criterion_ids, result.matrix.criterion_names, strict=True))
    total_weight = float(result.matrix.weights.sum())
    criteria_count = len(result.matrix.criterion_ids)
    project_ids = result.matrix.project_ids
    ranks = result.rank.tolist()
    statuses = result.statuses()
    # Taken for the rows to build, which after a cell edit are the edited projects' only.
    inputs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    alternatives: dict[str, list[str]] | None = None
    rows: list[Row] = []
    for position in result.order.tolist():
        project_id = project_ids[position]
        if project_id in kept:
            # Plain lists and the arrays' status: no score object for a row that only moved.
            old = kept[project_id]
            status = statuses[position]
            rank, place = ranks[position] or None, float(len(rows))
            if (old.rank, old.status, old.position) != (rank, status, place):
                old = old.moved(rank, status, place)
            rows.append(old)
            continue
        if inputs is None or alternatives is None:
            inputs = _index_inputs(result)
            alternatives = {project.id: project.alt_names for project in document.projects}
        numerator, denominator, assessed_count = inputs
        score = result.project_score(position)
        row = Row()
        row.project_id = score.id
        row.status = score.status
        row.band = int(result.index_band[position])
        reasons = [
            f"{names.get(line.criterion, line.criterion)}: {line.reason}"
            + (f" (basis: {line.basis})" if line.basis else "")
            for line in score.red_lines
        ]
        if score.index is None:
            index_text = "—"
            index_tip = (
                "No index: no criterion with a weight above zero is assessed yet.<br>"
                + escape(INDEX_FORMULA)
            )
        else:
            index_text = fmt_index(score.index)
            top, bottom = _index_terms_text(index_text, numerator[position], denominator[position])
            index_tip = (
                f"<b>{index_text}</b> = 100 × {top} ÷ {bottom}<br>"
                f"{escape(INDEX_FORMULA)}<br>"
                f"{int(assessed_count[position])} of "
                f"{plural(criteria_count, 'criterion', 'criteria')} assessed"
            )
        coverage_text = fmt_percent(score.coverage)
        if score.coverage < 1.0:  # as the memo says: any gap is incomplete
            coverage_text += " · incomplete"
        coverage_tip = (
            f"Assessed weight {_term_text(denominator[position])} of {_term_text(total_weight)} "
            f"({escape(fmt_percent(score.coverage))})"
        )
        if total_weight == 0:
            # Not a gap in the scores: nothing weighs anything, so nothing is covered.
            coverage_text = "— · no weights"
            coverage_tip = (
                "Every criterion weighs 0, so no score counts towards an index: give a "
                "criterion a weight above 0 (Editors → Criteria)."
            )
        if score.status == STATUS_EXCLUDED:
            status_text = f"{palette.RED_LINE_MARK} Excluded"
            reasons_text = RED_LINES_APART.join(reasons)
        elif score.status == STATUS_UNSCORED:
            status_text = STATUS_TEXT[STATUS_UNSCORED]
            reasons_text = ""
        else:
            status_text = STATUS_TEXT[STATUS_RANKED]
            reasons_text = ""
        reasons_tip = (
            "<br>".join(f"{palette.RED_LINE_MARK} {escape(r)}" for r in reasons) if reasons else ""
        )
        project_tip = escape(score.name)
        alt_names = alternatives.get(score.id, [])
        if alt_names:
            project_tip += "<br>" + escape(", ".join(alt_names))
        row.rank, row.position = score.rank, float(len(rows))
        # The rank column's text, tip and sort keys come from rank and position (``Row``).
        row.display = [
            "",
            score.name,
            index_text,
            score.band if score.index is not None else "—",
            coverage_text,
            status_text,
            reasons_text,
        ]
        row.tooltip = [
            "",
            project_tip,
            index_tip,
            f"Index band {score.band}" if score.index is not None else "No index",
            coverage_tip,
            "<br>".join([f"<b>{escape(status_text)}</b>"] + ([reasons_tip] if reasons_tip else [])),
            reasons_tip,
        ]
        row.sort = [
            0.0,
            name_sort_key(score.name),
            score.index if score.index is not None else float("inf"),
            float(row.band) if row.band >= 0 else 99.0,
            float(score.coverage),
            0.0,
            reasons_text.casefold(),
        ]
        rows.append(row)
    return rows


def _index_terms_text(index_text: str, numerator: Any, denominator: Any) -> tuple[str, str]:
    """The index's two sums in its tooltip, each to the decimals it needs (six, or more where
    fewer would not do) for 100 × the one ÷ the other, worked out by hand, to give the index
    shown: a project assessed only on a weight of 0.000001, scored 5 × 4, read
    "79.2 = 100 × 0.000001 ÷ 0.000001", which is 100."""
    for places in range(6, 16):
        top, bottom = _term_text(numerator, places), _term_text(denominator, places)
        if float(bottom) and fmt_index(100 * float(top) / float(bottom)) == index_text:
            break
    return top, bottom


def _term_text(value: Any, places: int = 6) -> str:
    """A term of the index's sum, or a sum of weights, in a tooltip, to as many decimals as
    it needs up to ``places`` (at least two): rounded to three and two, the terms of 49.995
    read 1.500 ÷ 3.00, which is 50.0, the next band; and an assessed weight of 1002.8 of
    1002.800001 read "1002.80 of 1002.80 (99%)"."""
    text = f"{float(value):.{places}f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    text = f"{whole}.{decimals.ljust(2, '0')}"
    return text if float(text) or not value else _sum_text(value)


def _sum_text(value: Any, places: int = 2) -> str:
    """A sum of weights (or of weighted risks) in a tooltip, to ``places`` decimals; one too
    small for them in two significant digits (weights of 0.000001 summed to ``0.00``, which read
    as no weight at all)."""
    text = f"{float(value):.{places}f}"
    if value and float(text) == 0:
        return plain_number(float(f"{float(value):.2g}"))
    return text
