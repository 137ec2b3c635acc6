"""The results panel: scenario and method lines; ranking or heat map beside the 5×5 matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.results.common import METHOD_LINE
from desktop.results.heatmap import HeatMap
from desktop.results.matrix5x5 import RiskMatrix5x5
from desktop.results.ranking_model import HEADERS, RankingView
from desktop.results.ranking_rows import COL_RANK
from desktop.ui import style
from desktop.ui.text import as_rich, escape, sentence
from rrisk.scoring import CELL_FORMULA, INDEX_FORMULA, cell_band_ranges, index_band_ranges

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

BASELINE = "Baseline"
SUMMARY_CHARACTERS = 180
"""Longest scenario description shown beside the selector; the tooltip has all of it."""
RANKING_TAB = "Ranking · lowest risk first"


def _method_tooltip() -> str:
    cells = escape(", ".join(f"{name} {span}" for name, span in cell_band_ranges()))
    index = escape(", ".join(f"{name} {span}" for name, span in index_band_ranges()))
    return (
        "<b>How the scores are computed</b><br>"
        f"{escape(sentence(CELL_FORMULA))}, each factor scored 1–5.<br>"
        f"Cell bands: {cells}.<br>"
        f"{escape(sentence(INDEX_FORMULA))}, w = criterion weight; 0 is the lowest "
        "possible risk, 100 the highest.<br>"
        f"Index bands: {index} (lower bound included).<br>"
        "Coverage = assessed weight ÷ total weight.<br>"
        "A red line (manual, a criterion's threshold, a confirmed sanctions hit or an occupied "
        "territory) excludes the project whatever its index."
    )


class ScenarioSelector(QComboBox):
    """Baseline plus every scenario of the document; choosing one rescores every view."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsScenarioSelector")
        self.setAccessibleName("Scenario")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._controller = controller
        self._fill()
        self.activated.connect(self._chosen)
        controller.documentChanged.connect(self._fill)
        controller.documentReplaced.connect(self._fill)
        controller.scenarioChanged.connect(self._fill)  # bound: ends with the widget

    def _fill(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(BASELINE, None)
        for scenario in self._controller.document.scenarios:
            self.addItem(scenario.name, scenario.id)
            self.setItemData(
                self.count() - 1,
                as_rich(escape(scenario.description or scenario.name)),
                Qt.ItemDataRole.ToolTipRole,
            )
        current = self.findData(self._controller.scenario_id) if self._controller.scenario_id else 0
        self.setCurrentIndex(max(current, 0))
        self.blockSignals(False)

    def _chosen(self, position: int) -> None:
        scenario_id = self.itemData(position)
        if scenario_id != self._controller.scenario_id:
            self._controller.set_scenario(scenario_id)


class ResultsPanel(QWidget):
    """Ranking and heat map (tabs) on the left, the selected project's 5×5 matrix right."""

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        show_scenario_selector: bool = True,
    ) -> None:
        """``show_scenario_selector=False`` when a window already offers the scenario choice
        (the main window's toolbar): the panel then names the scenario in its line instead."""
        super().__init__(parent)
        self.setObjectName("resultsPanel")
        self._controller = controller
        self._names_scenario = not show_scenario_selector
        self.scenario_selector = ScenarioSelector(controller, self)
        self.scenario_label = QLabel(self)
        self.scenario_label.setObjectName("resultsScenarioLabel")
        self.scenario_label.setTextFormat(Qt.TextFormat.PlainText)
        self.scenario_label.setWordWrap(True)
        self.method_label = QLabel(METHOD_LINE, self)
        self.method_label.setObjectName("resultsMethodLabel")
        self.method_label.setWordWrap(True)
        self.method_label.setToolTip(_method_tooltip())
        self.method_label.setForegroundRole(self.method_label.foregroundRole())
        self.method_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ranking = RankingView(controller, self)
        self.heatmap = HeatMap(controller, self)
        self.matrix = RiskMatrix5x5(controller, self)

        heading = QHBoxLayout()
        heading.setSpacing(8)
        chooser_label = QLabel("&Scenario:", self)
        chooser_label.setBuddy(self.scenario_selector)
        heading.addWidget(chooser_label)
        heading.addWidget(self.scenario_selector)
        chooser_label.setVisible(show_scenario_selector)
        self.scenario_selector.setVisible(show_scenario_selector)
        heading.addWidget(self.scenario_label, 1)

        # Ranking and heat map share one tabbed area beside the 5×5 matrix: stacked, neither
        # showed a whole portfolio in the height a window leaves below the risk matrix.
        self.views = QTabWidget(self)
        self.views.setObjectName("resultsViews")
        self.views.setDocumentMode(True)
        style.pad_tabs(self.views)
        self.views.addTab(self.ranking, RANKING_TAB)
        self.views.addTab(self.heatmap, "Heat map · projects in rank order × criteria")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.views)
        splitter.addWidget(self._titled("Selected project · likelihood × impact", self.matrix))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.method_label)
        layout.addWidget(splitter, 1)
        # Tab from the tabs goes down into the page shown, as read (the pages, made before the
        # tabs, came before them: Tab went past the page shown to the toolbar).
        QWidget.setTabOrder(self.views, self.ranking)
        QWidget.setTabOrder(self.ranking, self.heatmap.view)
        QWidget.setTabOrder(self.heatmap.view, self.matrix)

        # The tab says the order the table shows: sorted by another column, it is no longer
        # lowest risk first.
        self.ranking.horizontalHeader().sortIndicatorChanged.connect(self._show_sort)
        controller.scenarioChanged.connect(self._show_scenario)
        controller.documentChanged.connect(self._show_scenario)
        controller.documentReplaced.connect(self._show_scenario)
        self._show_scenario()

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if 0 <= column < len(HEADERS) and (column != COL_RANK or descending):
            text = f"Ranking · sorted by {HEADERS[column]}" + (", descending" if descending else "")
        else:
            text = RANKING_TAB
        self.views.setTabText(self.views.indexOf(self.ranking), text)

    def _titled(self, title: str, body: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        label = QLabel(title, box)
        style.set_relative_font(label, bold=True)
        layout.addWidget(label)
        layout.addWidget(body, 1)
        return box

    def scenario_text(self) -> str:
        """'Scenario: <name>' or 'Scenario: Baseline', as shown above the results."""
        scenario_id = self._controller.scenario_id
        if scenario_id is None:
            return f"Scenario: {BASELINE}"
        try:
            return f"Scenario: {self._controller.document.scenario(scenario_id).name}"
        except KeyError:
            return f"Scenario: {BASELINE}"

    def _show_scenario(self) -> None:
        scenario_id = self._controller.scenario_id
        description = ""
        if scenario_id is not None:
            try:
                description = self._controller.document.scenario(scenario_id).description
            except KeyError:
                description = ""
        summary = " ".join(description.split())
        if len(summary) > SUMMARY_CHARACTERS:
            summary = summary[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + " …"
        if self._names_scenario:
            # No selector beside the line: the line itself says which scenario is scored.
            summary = " — ".join(text for text in (self.scenario_text(), summary) if text)
        self.scenario_label.setText(summary)
        self.scenario_label.setToolTip(as_rich(escape(description)) or "")
        self.setAccessibleDescription(self.scenario_text())
