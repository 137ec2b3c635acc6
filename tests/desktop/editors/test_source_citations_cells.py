"""Editors → Sources names the cells that cite the selected source, each a link that selects
its cell in the matrix; the list follows edits, undo and the source chosen."""

from __future__ import annotations

import pytest
from results_fixtures import ranked_document, with_evidence

from desktop.document.controller import DocumentController
from desktop.editors import source_citations
from desktop.editors.source_citations import citing_cells
from rrisk.model import assessment_to_data, parse_assessment


@pytest.fixture
def controller(qtbot):
    return DocumentController(with_evidence(ranked_document()))


@pytest.fixture
def sources(panel):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    return editor


def _names(document):
    projects = {p.id: p.name for p in document.projects}
    criteria = {c.id: c.name for c in document.criteria}
    return projects, criteria


def test_the_cells_citing_the_source_are_named(sources, controller):
    projects, criteria = _names(controller.document)
    text = sources.citations.text()
    assert text.startswith("1 cell: ")
    assert f"{projects['tomtor']} × {criteria['sanctions']}" in text
    assert 'href="tomtor/sanctions"' in text


def test_a_source_no_cell_cites_says_so(sources, controller):
    other = next(s.id for s in controller.document.sources if s.id != "kommersant")
    sources.select_id(other)
    assert sources.citations.text() == "no cell"


def test_a_link_clicked_asks_for_its_cell(qtbot, sources, panel):
    with qtbot.waitSignal(panel.placeRequested) as asked:
        sources.citations.linkActivated.emit("tomtor/sanctions")
    assert asked.args == [{"kind": "cell", "project": "tomtor", "criterion": "sanctions"}]


def test_the_list_follows_an_edit_and_its_undo(sources, controller):
    controller.edit_cell("tomtor", "sanctions", {"evidence": []}, "Remove evidence")
    assert sources.citations.text() == "no cell"
    controller.undo_stack.undo()
    assert sources.citations.text().startswith("1 cell: ")


def test_an_edit_made_while_the_editor_is_hidden_shows_when_it_is_shown(sources, controller, panel):
    panel.setCurrentWidget(panel.criteria)
    controller.edit_cell("tomtor", "sanctions", {"evidence": []}, "Remove evidence")
    panel.setCurrentWidget(sources)
    assert sources.citations.text() == "no cell"


def test_cells_are_in_matrix_order_and_the_rest_counted(qtbot, monkeypatch):
    data = assessment_to_data(ranked_document())
    # Cited everywhere, the last project's cells first in the file.
    for project in reversed(data["projects"]):
        for criterion in reversed(data["criteria"]):
            data["cells"].setdefault(project["id"], {}).setdefault(criterion["id"], {})[
                "evidence"
            ] = [{"source": "kommersant"}]
    document = parse_assessment(data)
    cells = citing_cells(document, "kommersant")
    assert cells == [(p.id, c.id) for p in document.projects for c in document.criteria]
    monkeypatch.setattr(source_citations, "SHOWN_CELLS", 5)
    label = source_citations.CitationsLabel(lambda: document)
    qtbot.addWidget(label)
    label.show()
    label.load("kommersant")
    text = label.text()
    assert text.startswith(f"{len(cells)} cells: ")
    assert text.count("<a href=") == 5
    assert text.endswith(f"and {len(cells) - 5} more")
    first, sixth = (f'href="{p}/{c}"' for p, c in (cells[0], cells[5]))
    assert first in text and sixth not in text


def test_a_link_clicked_selects_its_cell_in_the_matrix(qtbot, window):
    editors = window.editors_panel
    window.tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editors.sources)
    editors.sources.select_id("ofac-sdn")
    cells = citing_cells(window.controller.document, "ofac-sdn")
    assert len(cells) > 1
    project_id, criterion_id = cells[-1]
    assert f'href="{project_id}/{criterion_id}"' in editors.sources.citations.text()
    editors.sources.citations.linkActivated.emit(f"{project_id}/{criterion_id}")
    assert window.tabs.currentIndex() == 0
    assert window.matrix_view.selected_keys() == [(project_id, criterion_id)]
    assert window.controller.selection == (project_id, criterion_id)


def test_tab_lands_on_a_link_and_enter_follows_it(qtbot, sources, panel):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    label = sources.citations
    label.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is label
    with qtbot.waitSignal(panel.placeRequested) as asked:
        qtbot.keyClick(label, Qt.Key.Key_Return)
    assert asked.args == [{"kind": "cell", "project": "tomtor", "criterion": "sanctions"}]
