"""A refused evidence link keeps its quote and page typed, to be corrected, not retyped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


@pytest.mark.parametrize(
    ("quote", "page", "problem"),
    [
        ("reserves table \x07", "12", "control character U+0007"),
        ("q" * 20_001, "12", "at most 20,000"),
        ("reserves table", "p" * 501, "at most 500"),
    ],
)
def test_a_refused_link_leaves_the_quote_and_page_as_typed(
    open_window, document_path, qtbot, quote, page, problem
):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p0", "c0")
    evidence = window.inspector.evidence
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    evidence.quote.setText(quote)
    evidence.page.setText(page)
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    assert problem in window.inspector.error.text()
    assert len(window.controller.document.cell("p0", "c0").evidence) == 1
    assert window.controller.undo_stack.count() == 0
    assert evidence.quote.text() == quote
    assert evidence.page.text() == page
    # Corrected, the link goes through and the fields empty for the next one.
    evidence.quote.setText("reserves table")
    evidence.page.setText("12")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    links = window.controller.document.cell("p0", "c0").evidence
    assert [(link.source, link.quote, link.page) for link in links][-1] == (
        "s1",
        "reserves table",
        "12",
    )
    assert evidence.quote.text() == "" and evidence.page.text() == ""


def test_a_link_refused_for_several_cells_keeps_its_quote(open_window, document_path, qtbot):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p0", "c0")
    window.inspector.set_targets([("p0", "c0"), ("p1", "c0")])
    evidence = window.inspector.evidence
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    evidence.quote.setText("export quotas \x1b")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    assert "control character" in window.inspector.error.text()
    assert window.controller.undo_stack.count() == 0
    assert evidence.quote.text() == "export quotas \x1b"


def test_a_link_refused_for_several_cells_leaves_redo_and_the_saved_state(
    open_window, document_path, qtbot
):
    window = open_window(document_path)
    controller = window.controller
    assert controller.edit_cell("p2", "c1", {"likelihood": 1})
    controller.undo()  # back to the file as saved: Redo brings the edit back
    assert window.matrix_view.select_cell("p0", "c0")
    window.inspector.set_targets([("p0", "c0"), ("p1", "c0")])
    evidence = window.inspector.evidence
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    evidence.quote.setText("export quotas")
    evidence.page.setText("p" * 501)
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    assert "at most 500" in window.inspector.error.text()
    # The refusal changed nothing, the history included (it dropped the Redo).
    assert controller.undo_stack.canRedo()
    assert controller.undo_stack.redoText() == "Edit likelihood of Project 2 / Criterion 1"
    assert not controller.is_modified
    controller.redo()
    assert controller.document.cell("p2", "c1").likelihood == 1


def test_a_new_source_whose_link_is_refused_is_named_as_added_alone(
    open_window, document_path, qtbot
):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p0", "c0")
    evidence = window.inspector.evidence
    evidence.source.setEditText("Interfax, 12 May")  # a title no source has: made on Add
    evidence.page.setText("p" * 501)
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    assert "at most 500" in window.inspector.error.text()
    controller = window.controller
    assert [s.title for s in controller.document.sources][-1] == "Interfax, 12 May"
    assert len(controller.document.cell("p0", "c0").evidence) == 1  # no link made
    assert window.menu_actions.undo.text() == "&Undo Add source Interfax, 12 May"
