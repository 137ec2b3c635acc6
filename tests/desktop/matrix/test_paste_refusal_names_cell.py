"""A refused paste names the matrix cell the refused field was meant for, beside its line and
column in the clipboard (the line and column alone left the user counting cells)."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import QApplication

from rrisk.model import assessment_to_data


@pytest.fixture
def window(open_window, tmp_path):  # noqa: ANN001, ANN201 - fixtures; the main window
    from rrisk.fileformat import save

    path = tmp_path / "five.rrisk"
    save(make_document(projects=5, criteria=5), path)
    return open_window(path)


def _select_at(window, qtbot, row: int, column: int):  # noqa: ANN001, ANN202
    view = window.matrix_view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    model, selection = view.model(), view.selectionModel()
    index = model.index(row, column)
    selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
    selection.select(QItemSelection(index, index), selection.SelectionFlag.ClearAndSelect)
    return view


def _names(window, row: int, column: int) -> str:  # noqa: ANN001
    model, document = window.matrix_view.model(), window.controller.document
    project = document.project(model.project_id(row)).name
    criterion = document.criterion(model.criterion_id(column)).name
    return f"{project} / {criterion}"


def test_a_refused_field_is_named_with_the_cell_it_was_for(window, qtbot) -> None:
    controller = window.controller
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    before = assessment_to_data(controller.document)
    view = _select_at(window, qtbot, 1, 1)
    assert not view.paste("1×1\t2×2\n3×3\t6×2\n")  # 6 is no likelihood
    assert errors[-1] == (
        f"Cannot paste: line 2, column 2, for {_names(window, 2, 2)}: “6×2” is not a score: "
        "its likelihood 6 is not a whole number from 1 to 5"
    )
    # A decimal comma, a spreadsheet's way of writing 3.5, is no score either.
    assert not view.paste("2×2\t4×3,5\n")
    assert errors[-1] == (
        f"Cannot paste: line 1, column 2, for {_names(window, 1, 2)}: “4×3,5” is not a "
        "score: its impact 3,5 is not a whole number from 1 to 5"
    )
    assert not view.paste("2×2\n\n4×12\n")  # an empty line is a row left as it is
    assert f"line 3, column 1, for {_names(window, 3, 1)}: “4×12”" in errors[-1]
    assert "its impact 12 is not" in errors[-1]
    assert assessment_to_data(controller.document) == before
    assert controller.undo_stack.count() == 0


def test_a_refused_field_past_the_matrix_or_alone_names_no_cell(window, qtbot) -> None:
    controller = window.controller
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    view = _select_at(window, qtbot, 4, 4)  # the last cell: column 2 of the block is past it
    assert not view.paste("1×1\tlow\n")
    assert errors[-1].startswith("Cannot paste: line 1, column 2: “low”")
    assert not view.paste("high")
    assert errors[-1].startswith("Cannot paste: the clipboard: “high”")
