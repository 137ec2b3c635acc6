"""The results, analysis and editors panels, embedded when their modules are available.

Each panel takes the controller and edits only through it (see the desktop contract). While
a panel module is missing the window shows a short note in its place, so the rest of the app
keeps working.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.document.controller import DocumentController


def _placeholder(text: str, name: str, parent: QWidget) -> QWidget:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def make_results_panel(controller: DocumentController, parent: QWidget) -> QWidget:
    """Ranking table, heat map and 5×5 matrix of the selected project."""
    try:
        from desktop.results.panel import ResultsPanel
    except ImportError:
        return _placeholder("Results are not available in this build.", "resultsPanel", parent)
    # The window's toolbar holds the one scenario selector; the panel only names the scenario.
    return ResultsPanel(controller, parent, show_scenario_selector=False)


def make_analysis_panel(controller: DocumentController, parent: QWidget) -> QWidget:
    """Monte Carlo uncertainty and weight sensitivity, run in the background."""
    try:
        from desktop.analysis.panel import AnalysisPanel
    except ImportError:
        return _placeholder("Analysis is not available in this build.", "analysisPanel", parent)
    return AnalysisPanel(controller, parent)


def make_editors_panel(controller: DocumentController, parent: QWidget) -> QWidget:
    """Editors for criteria, projects, sources, scenarios and the assessment details."""
    try:
        from desktop.editors.panel import EditorsPanel
    except ImportError:
        return _placeholder("Editors are not available in this build.", "editorsPanel", parent)
    return EditorsPanel(controller, parent)
