"""Table model of the Monte Carlo figures: one row per project, O(1) ``data()``.

Rows follow :func:`display_order` (lowest median risk first, projects mostly excluded last),
the same order the charts use. Values are read from the result's arrays; nothing is computed
here beyond choosing the most likely band.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.ui.text import plain
from rrisk import palette
from rrisk.analysis import MonteCarloResult
from rrisk.fmt import fmt_index, fmt_probability
from rrisk.scoring import INDEX_BANDS
from rrisk.text import name_sort_key

COLUMNS = ("Project", "P10", "P50", "P90", "P(first)", "P(excluded)", "Most likely band")
COL_PROJECT, COL_P10, COL_P50, COL_P90, COL_FIRST, COL_EXCLUDED, COL_BAND = range(len(COLUMNS))
HEADER_TIPS = (
    "Candidate project",
    "Risk index (0–100) that 10% of the runs stay below",
    "Median risk index over the runs",
    "Risk index that 90% of the runs stay below",
    "Share of runs in which the project ranks first (lowest risk, not excluded)",
    "Share of runs in which a red line excludes the project",
    "Index band the project falls in most often, with the share of runs",
)
DRAWN_NOTE = (
    "The runs draw each cell's likelihood and impact from its low–high range (±1 where a "
    "cell with weak evidence gives none): where the ranges lie on one side of the scores, "
    "the band the runs fall in most often can differ from the band of the index in the ranking."
)
"""Why the most likely band can differ from the ranking's: it comes from the drawn ranges."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Numeric value for sorting (a proxy sorts by it, not by the display text)."""
PROJECT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def display_order(result: MonteCarloResult) -> list[int]:
    """Project rows: mostly-ranked by median index (low risk first), then never scored,
    then mostly excluded; ties by name."""
    names = [name_sort_key(name) for name in result.project_names]

    def key(row: int) -> tuple[int, float, str]:
        median = float(result.p50[row])
        group = 2 if result.excluded_probability[row] >= 0.5 else (1 if math.isnan(median) else 0)
        return group, (0.0 if math.isnan(median) else median), names[row]

    return sorted(range(len(result.project_ids)), key=key)


class UncertaintyModel(QAbstractTableModel):
    """P10/P50/P90, rank-1 and exclusion probabilities and the most likely band per project."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._result: MonteCarloResult | None = None
        self._rows: list[int] = []
        self._band: np.ndarray = np.zeros(0, dtype=int)
        self._first: np.ndarray = np.zeros(0)
        self._stale = False

    @property
    def result(self) -> MonteCarloResult | None:
        return self._result

    @property
    def rows(self) -> list[int]:
        """Result rows in the order shown."""
        return list(self._rows)

    def row_of(self, project_id: object) -> int | None:
        """The model row that shows ``project_id``, or None (no result, or not in it)."""
        result = self._result
        if result is None or not isinstance(project_id, str):
            return None
        try:
            return self._rows.index(result.project_ids.index(project_id))
        except ValueError:  # not in the result, or not shown
            return None

    def set_result(self, result: MonteCarloResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._stale = False
        if result is None:
            self._rows, self._band, self._first = [], np.zeros(0, dtype=int), np.zeros(0)
        else:
            self._rows = display_order(result)
            scored = result.band_probability.sum(axis=1) > 0
            self._band = np.where(scored, result.band_probability.argmax(axis=1), -1)
            self._first = result.first_probability()
        self.endResetModel()

    def set_stale(self, stale: bool) -> None:
        """Out-of-date figures are shown in italics until the analysis is run again."""
        if stale == self._stale:
            return
        self._stale = stale
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.FontRole])

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        result = self._result
        if result is None or not index.isValid():
            return None
        if not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(COLUMNS)):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(result, row, column)
        if role == SORT_ROLE:
            return self._sort_value(result, row, column)
        if role == PROJECT_ID_ROLE:
            return result.project_ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_PROJECT, COL_BAND):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_BAND and self._band[row] >= 0:
            return QBrush(QColor(palette.band_fill(int(self._band[row]))))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_BAND and self._band[row] >= 0:
                return QBrush(QColor(palette.band_text(int(self._band[row]))))
            if column == COL_EXCLUDED and result.excluded_probability[row] > 0:
                return QBrush(QColor(palette.RED_LINE).lighter(150))
            return None
        if role == Qt.ItemDataRole.FontRole and self._stale:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(result, row, column)
        return None

    def _display(self, result: MonteCarloResult, row: int, column: int) -> str:
        if column == COL_PROJECT:
            return result.project_names[row]
        if column in (COL_P10, COL_P50, COL_P90):
            values = (result.p10, result.p50, result.p90)[column - COL_P10]
            return fmt_index(float(values[row]))
        if column == COL_FIRST:
            return fmt_probability(float(self._first[row]))
        if column == COL_EXCLUDED:
            share = float(result.excluded_probability[row])
            return f"{palette.RED_LINE_MARK} {fmt_probability(share)}" if share > 0 else "0%"
        band = int(self._band[row])
        if band < 0:
            return "not scored"
        return f"{INDEX_BANDS[band]} ({fmt_probability(float(result.band_probability[row, band]))})"

    def _sort_value(self, result: MonteCarloResult, row: int, column: int) -> Any:
        if column == COL_PROJECT:
            return name_sort_key(result.project_names[row])
        if column in (COL_P10, COL_P50, COL_P90):
            value = float((result.p10, result.p50, result.p90)[column - COL_P10][row])
            return math.inf if math.isnan(value) else value
        if column == COL_FIRST:
            return float(self._first[row])
        if column == COL_EXCLUDED:
            return float(result.excluded_probability[row])
        band = int(self._band[row])
        return band + (float(result.band_probability[row, band]) if band >= 0 else 0.0) / 2

    def _tooltip(self, result: MonteCarloResult, row: int, column: int) -> str | None:
        if column == COL_BAND:
            shares = ", ".join(
                f"{name} {fmt_probability(float(result.band_probability[row, k]))}"
                for k, name in enumerate(INDEX_BANDS)
            )
            return plain(f"Share of runs in each index band: {shares}.\n{DRAWN_NOTE}")
        if column == COL_FIRST:
            ranks = result.rank_probability[row]
            best = [f"{k + 1}: {fmt_probability(float(p))}" for k, p in enumerate(ranks) if p > 0]
            return "Rank (share of runs): " + (", ".join(best[:8]) or "never ranked")
        return None
