"""All editors in one tab widget: Criteria, Projects, Sources, Scenarios, Assessment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.editors.assessment import AssessmentEditor
from desktop.editors.criteria import CriteriaEditor
from desktop.editors.projects import ProjectsEditor
from desktop.editors.scenarios import ScenariosEditor
from desktop.editors.sources import SourcesEditor
from desktop.ui import style

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController


class EditorsPanel(QTabWidget):
    """Tabs of editors; every change goes through the controller as an undoable step."""

    placeRequested = Signal(dict)
    """A place to bring forward (a cell citing a source: :func:`desktop.window.navigate.go_to`)."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style.pad_tabs(self)
        self.setObjectName("editorsPanel")
        self.setDocumentMode(True)
        self.criteria = CriteriaEditor(controller, self)
        self.projects = ProjectsEditor(controller, self)
        self.sources = SourcesEditor(controller, self)
        self.sources.placeRequested.connect(self.placeRequested)
        self.scenarios = ScenariosEditor(controller, self)
        self.assessment = AssessmentEditor(controller, self)
        # Letters free beside the window's own (File, Edit, View, Help; Matrix, Analysis,
        # Editors, Screening; the inspector's Likelihood, Impact, Status), leaving N for Name.
        self.addTab(self.criteria, "&Criteria")
        self.addTab(self.projects, "P&rojects")
        self.addTab(self.sources, "S&ources")
        self.addTab(self.scenarios, "Scenar&ios")
        self.addTab(self.assessment, "Assessmen&t")
        for position, tip in enumerate(
            (
                "Weights, rubrics and red-line rules",
                "Candidate projects",
                "Sources with Admiralty grades and bias notes",
                "What-if weights and cells",
                "Title, author, as-of date and summary of the memo",
            )
        ):
            self.setTabToolTip(position, tip)
