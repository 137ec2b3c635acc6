"""The results, analysis and editors panels embedded in the window's tabs.

Each panel takes the controller and edits only through it, never the document directly. The
panel modules are imported when the window builds its tabs, not at start-up, so the start
page appears without loading the charts and editors; a panel that fails to import is a bug
and fails loudly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.document.controller import DocumentController

if TYPE_CHECKING:
    from desktop.screening.panel import ScreeningPanel


def make_results_panel(controller: DocumentController, parent: QWidget) -> QWidget:
    """Ranking table, heat map and 5×5 matrix of the selected project."""
    from desktop.results.panel import ResultsPanel

    # The window's toolbar holds the one scenario selector; the panel only names the scenario.
    return ResultsPanel(controller, parent, show_scenario_selector=False)


def make_analysis_panel(controller: DocumentController, parent: QWidget) -> QWidget:
    """Monte Carlo uncertainty and weight sensitivity, run in the background."""
    from desktop.analysis.panel import AnalysisPanel

    return AnalysisPanel(controller, parent)


def make_editors_panel(controller: DocumentController, parent: QWidget) -> QWidget:
    """Editors for criteria, projects, sources, scenarios and the assessment details."""
    from desktop.editors.panel import EditorsPanel

    return EditorsPanel(controller, parent)


def make_screening_panel(controller: DocumentController, parent: QWidget) -> ScreeningPanel:
    """Counterparties against sanctions lists, territory rules, and the analyst's decisions."""
    from desktop.screening.panel import ScreeningPanel

    return ScreeningPanel(controller, parent)
