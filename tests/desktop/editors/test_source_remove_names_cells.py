"""Removing a source that cells cite asks first, naming those cells in matrix order; Undo
brings the source and every link back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from results_fixtures import ranked_document

from desktop.document.controller import DocumentController
from desktop.editors import source_citations
from rrisk.model import assessment_to_data, parse_assessment

CITING = [("chuktukon", "cost"), ("tomtor", "sanctions"), ("tomtor", "market")]
"""Cells given a link to the source, not in matrix order."""


@pytest.fixture
def answers(monkeypatch):
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def controller(qtbot):
    data = assessment_to_data(ranked_document())
    for project_id, criterion_id in CITING:
        row = data["cells"].setdefault(project_id, {})
        row.setdefault(criterion_id, {})["evidence"] = [{"source": "kommersant", "page": "3"}]
    return DocumentController(parse_assessment(data))


def _in_matrix_order(document) -> list[str]:
    projects = {p.id: p.name for p in document.projects}
    criteria = {c.id: c.name for c in document.criteria}
    rows = [p.id for p in document.projects]
    columns = [c.id for c in document.criteria]
    cells = sorted(CITING, key=lambda key: (rows.index(key[0]), columns.index(key[1])))
    return [f"{projects[p]} × {criteria[c]}" for p, c in cells]


def test_the_question_names_the_cells_and_undo_brings_their_links_back(panel, controller, answers):
    before = assessment_to_data(controller.document)
    names = _in_matrix_order(controller.document)
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    assert editor.remove_current() is True
    assert (
        "3 evidence links in 3 cells cite it and will be removed:<br>"
        + "<br>".join(f"• {name}" for name in names)
        + "<br>Undo (Ctrl+Z) brings everything back."
        in answers[0]
    )
    assert all(not cell.evidence for _p, _c, cell in controller.document.iter_cells())
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before


def test_cells_past_the_first_are_counted(panel, controller, answers, monkeypatch):
    monkeypatch.setattr(source_citations, "SHOWN_CELLS", 2)
    names = _in_matrix_order(controller.document)
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    editor.remove_current()
    assert f"will be removed:<br>• {names[0]}<br>• {names[1]}<br>• and 1 more<br>Undo" in answers[0]
    assert names[2] not in answers[0]
