"""The Edit menu names a one-cell clear and evidence link by what it did and where: "Clear cell
Project 0 / Criterion 1" (was "Clear cell"), "Add evidence to …" and "Remove evidence from …"
(both were "Edit evidence of …")."""

from __future__ import annotations

from desktop_documents import make_document

from desktop.document.controller import DocumentController
from desktop.matrix.evidence_editor import link_dicts
from rrisk.model import assessment_to_data


def test_one_cell_cleared_is_named(qtbot) -> None:
    controller = DocumentController(make_document())
    before = assessment_to_data(controller.document)
    assert controller.clear_cells([("p0", "c1")])
    assert controller.undo_stack.undoText() == "Clear cell Project 0 / Criterion 1"
    assert controller.clear_cells([("p1", "c1"), ("p2", "c1")])
    assert controller.undo_stack.undoText() == "Clear 2 cells"
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before


def test_a_link_added_or_removed_is_named_so(qtbot) -> None:
    controller = DocumentController(make_document())
    cell = controller.document.cell("p0", "c1")
    links = link_dicts(cell)
    added = [*links, {"source": "s1", "quote": "More", "page": ""}]
    assert controller.edit_cells([("p0", "c1")], {"evidence": added})
    assert controller.undo_stack.undoText() == "Add evidence to Project 0 / Criterion 1"
    assert controller.edit_cells([("p0", "c1")], {"evidence": added[1:]})
    assert controller.undo_stack.undoText() == "Remove evidence from Project 0 / Criterion 1"
    # A link changed in place, the count the same, is still an edit.
    changed = [{**added[1], "quote": "Less"}]
    assert controller.edit_cells([("p0", "c1")], {"evidence": changed})
    assert controller.undo_stack.undoText() == "Edit evidence of Project 0 / Criterion 1"
    for _ in range(3):
        controller.undo_stack.undo()
    assert controller.document.cell("p0", "c1") == cell
