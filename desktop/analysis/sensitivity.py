"""Weight sensitivity of the current scenario: tornado of one project and the rank reversal.

Both come from :mod:`rrisk.analysis` and are cheap, so they are recomputed synchronously
after every change (``resultChanged`` follows every edit, undo and scenario change); while
the panel is hidden the work waits until it is shown again. The tornado follows the
project selected anywhere in the window and defaults to the top-ranked project.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.analysis.tornado_chart import TornadoChart, TornadoRow
from rrisk.analysis import RankReversal, Tornado, rank_reversals, reversal_range_text, tornado
from rrisk.fmt import fmt_weight_change

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController


def reversal_sentence(
    top_name: str | None,
    reversal: RankReversal | None,
    criterion: str,
    new_top: str,
    searched: str = "",
) -> str:
    """The rank-reversal threshold in one sentence (names already resolved; ``searched``, the
    weights tried, as :func:`rrisk.analysis.reversal_range_text` says them)."""
    if top_name is None:
        return "No project is ranked, so the ranking has no top for a weight change to alter."
    if reversal is None:
        tried = f" {searched}" if searched else ""
        return f"No single weight change{tried} displaces {top_name}."
    # As the memo prints it: a change too small for two decimals (a tie) shows its digits.
    before, after = fmt_weight_change(reversal.weight, reversal.figure)
    return f"Moving the weight of {criterion} from {before} to {after} puts {new_top} first."


class SensitivitySection(QWidget):
    """Project chooser, tornado chart and rank-reversal sentence."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensitivitySection")
        self._controller = controller
        self._tornado: Tornado | None = None
        self._dirty = True
        self.project_id: str | None = None

        self.project_combo = QComboBox(self)
        self.project_combo.setObjectName("tornadoProjectCombo")
        self.project_combo.setAccessibleName("Project shown in the tornado chart")
        self.project_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.project_combo.setMaximumWidth(520)
        self.chart = TornadoChart(self)
        self.reversal_label = QLabel(self)
        self.reversal_label.setObjectName("rankReversalLabel")
        self.reversal_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reversal_label.setWordWrap(True)
        self.reversal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reversal_label.setToolTip(
            "The rank-reversal threshold: the smallest change of a single criterion weight "
            "that changes the top-ranked project (weights searched from 0 to 4× the largest "
            "weight, refined by bisection)."
        )
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Tornado for:", self))
        chooser.addWidget(self.project_combo, 1)
        chooser.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chooser)
        layout.addWidget(self.chart)
        caption = QLabel("Rank-reversal threshold", self)
        caption.setStyleSheet("font-weight: bold;")
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addWidget(self.reversal_label)

        self.project_combo.activated.connect(self._combo_chosen)
        controller.resultChanged.connect(self.invalidate)
        controller.documentReplaced.connect(self._forget_project)
        controller.selectionChanged.connect(self._follow_selection)
        self._follow_selection(*controller.selection)

    # -- reacting to the controller ------------------------------------------------------
    def invalidate(self) -> None:
        """Recompute now when visible, else when next shown."""
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _forget_project(self) -> None:
        self.project_id = None

    def _follow_selection(self, project_id: object, _criterion_id: object = None) -> None:
        if isinstance(project_id, str) and project_id != self.project_id:
            self.project_id = project_id
            if self._dirty:
                self.invalidate()
            else:
                self._show_project()

    def _combo_chosen(self, position: int) -> None:
        project_id = self.project_combo.itemData(position)
        if project_id and project_id != self.project_id:
            # Through the controller, so the matrix and results views select it too.
            self._controller.select(project_id, self._controller.selection[1])

    # -- computing -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the tornado and the rank reversal for the current document and scenario."""
        self._dirty = False
        controller = self._controller
        doc, scenario = controller.document, controller.scenario_id
        self._tornado = tornado(doc, scenario) if doc.projects else None
        names = {p.id: p.name for p in doc.projects}
        ranking = controller.result.ranking()
        if self.project_id not in names:
            self.project_id = ranking[0].id if ranking else None
        self.project_combo.blockSignals(True)
        self.project_combo.clear()
        for entry in ranking:
            label = (
                f"{entry.rank}. {entry.name}" if entry.rank else f"{entry.name} ({entry.status})"
            )
            self.project_combo.addItem(label, entry.id)
        self.project_combo.blockSignals(False)
        self._show_project()
        top, reversals = rank_reversals(doc, scenario) if doc.projects else (None, [])
        first = reversals[0] if reversals else None
        criteria = {c.id: c.name for c in doc.criteria}
        self.reversal_label.setText(
            reversal_sentence(
                names.get(top) if top else None,
                first,
                criteria.get(first.criterion, first.criterion) if first else "",
                names.get(first.new_top, first.new_top) if first else "",
                reversal_range_text(controller.result.matrix.weights),
            )
        )

    def _show_project(self) -> None:
        project_id, data = self.project_id, self._tornado
        position = self.project_combo.findData(project_id)
        if position >= 0:
            self.project_combo.setCurrentIndex(position)
        if data is None or project_id is None or project_id not in data.project_ids:
            self.chart.set_data("", math.nan, [], "No project to analyse yet.")
            return
        result = self._controller.result
        row = data.project_ids.index(project_id)
        name = result.matrix.project_names[row]
        base = float(data.base[row])
        if math.isnan(base):
            # Unscored: nothing assessed, or only criteria that weigh 0 (as a scenario may set).
            assessed_any = bool((~np.isnan(result.risk[row])).any())
            advice = (
                "its assessed criteria all weigh 0; give one of them a weight"
                if assessed_any
                else "assess a weighted criterion"
            )
            self.chart.set_data(name, base, [], f"{name} has no risk index yet: {advice}.")
            return
        weights = result.matrix.weights
        criterion_names = result.matrix.criterion_names
        assessed = ~np.isnan(result.risk[row])
        rows = []
        for criterion_id, _low, _high in data.bars(project_id):
            column = data.criterion_ids.index(criterion_id)
            rows.append(
                TornadoRow(
                    name=criterion_names[column],
                    weight=float(weights[column]),
                    at_zero=float(data.at_zero[row, column]),
                    at_double=float(data.at_double[row, column]),
                    assessed=bool(assessed[column]),
                )
            )
        if not rows:
            self.chart.set_data(name, base, [], f"{name}: the document has no criteria yet.")
            return
        self.chart.set_data(name, base, rows)
