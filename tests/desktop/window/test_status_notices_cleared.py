"""A status line about the document as it stood (F8's 'No draft cell…', 'Nothing pasted…',
'Saved …', what Undo did, a hint to select a cell first) is cleared by the next change of the
document, its scenario or the document itself, as a refusal is: it read as still so after an
edit had made it untrue ('No draft cell' over a cell just scored, a draft). The change that
prompted a line leaves it standing."""

from __future__ import annotations

import pytest
from desktop_documents import make_document

from desktop.matrix.clipboard import format_block


@pytest.fixture
def window(open_window, tmp_path, qtbot):
    from rrisk.fileformat import save

    document = make_document(projects=3, criteria=4)
    for row in document.cells.values():
        for key, cell in list(row.items()):
            row[key] = cell.model_copy(update={"status": "reviewed"})
    path = tmp_path / "case.rrisk"
    save(document, path)
    window = open_window(path)
    window.show()
    qtbot.waitExposed(window)
    return window


def _shown(window) -> str:
    return window.statusBar().currentMessage()


def test_no_draft_cell_is_cleared_once_a_cell_is_scored(window):
    controller = window.controller
    window.menu_actions.next_draft.trigger()
    assert _shown(window) == "No draft cell: every assessed cell is marked reviewed"
    controller.select("p0", "c0")  # moving about leaves it
    assert _shown(window).startswith("No draft cell")
    assert controller.edit_cell("p0", "c0", {"likelihood": 1, "status": "draft"})
    assert _shown(window) == ""
    window.menu_actions.next_draft.trigger()
    assert _shown(window).startswith("Draft cell 1 of 1: ")
    assert controller.edit_cell("p0", "c0", {"status": "reviewed"})
    assert _shown(window) == ""


def test_nothing_pasted_is_cleared_by_the_next_edit(window, qtbot):
    controller = window.controller
    view = window.matrix_view
    view.select_cell("p0", "c1")
    cell = controller.document.cell("p0", "c1")
    assert view.paste(format_block([[(cell.likelihood, cell.impact)]]))
    assert _shown(window).startswith("Nothing pasted")
    assert controller.edit_cell("p0", "c1", {"likelihood": 1 if cell.likelihood != 1 else 2})
    assert _shown(window) == ""


def test_saved_and_undone_are_cleared_by_the_next_edit(window):
    controller = window.controller
    assert controller.edit_assessment({"title": "Kola review"})
    assert window.files.save()
    assert _shown(window).startswith("Saved ")
    assert controller.edit_assessment({"title": "Kola review 2"})
    assert _shown(window) == ""
    assert controller.undo()
    assert _shown(window).startswith("Undone: ")
    controller.set_scenario(controller.document.scenarios[0].id)
    assert _shown(window) == ""


def test_a_notice_an_edit_gives_stands_after_that_edit(window):
    controller = window.controller
    assert controller.add_item("project", {"name": "Project 0"})
    assert _shown(window).startswith("Another project is also named “Project 0”")
    assert controller.edit_assessment({"title": "Kola review"})
    assert _shown(window) == ""


def test_select_a_cell_first_is_cleared_once_the_document_changes(window):
    controller = window.controller
    controller.select(None, None)
    window.menu_actions.remove_project.trigger()
    assert _shown(window).startswith("Select a cell of the project to remove first")
    assert controller.edit_assessment({"title": "Kola review"})
    assert _shown(window) == ""
