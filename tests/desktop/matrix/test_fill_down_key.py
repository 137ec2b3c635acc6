"""Ctrl+D in the matrix fills down as a spreadsheet does: the selected block's first row's
scores go to the rows below it (one selected row takes the row above's), one undo step. The
key did nothing in the matrix."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QApplication

from rrisk.model import assessment_to_data


@pytest.fixture
def window(open_window, tmp_path):  # noqa: ANN001, ANN201 - fixtures; the main window
    from rrisk.fileformat import save

    path = tmp_path / "five.rrisk"
    save(make_document(projects=5, criteria=5), path)
    return open_window(path)


def _select(window, qtbot, top: int, left: int, bottom: int, right: int):  # noqa: ANN001, ANN202
    view = window.matrix_view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    model, selection = view.model(), view.selectionModel()
    selection.setCurrentIndex(model.index(top, left), selection.SelectionFlag.NoUpdate)
    block = QItemSelection(model.index(top, left), model.index(bottom, right))
    selection.select(block, selection.SelectionFlag.ClearAndSelect)
    return view


def _shown(window, row: int, column: int) -> tuple[float, float]:  # noqa: ANN001
    matrix = window.controller.result.matrix
    return (float(matrix.likelihood[row, column]), float(matrix.impact[row, column]))


def _cell(window, row: int, column: int):  # noqa: ANN001, ANN202
    model = window.matrix_view.model()
    return window.controller.document.cell(model.project_id(row), model.criterion_id(column))


def test_ctrl_d_copies_the_first_rows_scores_down_as_one_step(window, qtbot) -> None:
    controller = window.controller
    before = assessment_to_data(controller.document)
    view = _select(window, qtbot, 0, 1, 3, 2)
    rationale = _cell(window, 2, 1).rationale
    first = [_shown(window, 0, column) for column in (1, 2)]
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    for row in (1, 2, 3):
        assert [_shown(window, row, column) for column in (1, 2)] == first
    assert _cell(window, 2, 1).rationale == rationale  # the scores alone, as a paste
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText().startswith("Fill down ")
    assert controller.is_modified
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert not controller.is_modified


def test_ctrl_d_on_one_row_takes_the_row_above(window, qtbot) -> None:
    controller = window.controller
    view = _select(window, qtbot, 2, 0, 2, 1)
    above = [_shown(window, 1, column) for column in (0, 1)]
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [_shown(window, 2, column) for column in (0, 1)] == above
    assert controller.undo_stack.count() == 1


def test_ctrl_d_under_a_scenario_sets_its_overrides(window, qtbot) -> None:
    controller = window.controller
    controller.set_scenario("eased")
    baseline = assessment_to_data(controller.document)["cells"]
    view = _select(window, qtbot, 0, 2, 1, 2)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _shown(window, 1, 2) == _shown(window, 0, 2)
    assert assessment_to_data(controller.document)["cells"] == baseline
    assert "in scenario Sanctions eased" in controller.undo_stack.undoText()


def test_ctrl_d_refused_on_the_first_row_alone_says_why(window, qtbot) -> None:
    controller = window.controller
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    view = _select(window, qtbot, 0, 0, 0, 2)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert errors and errors[-1].startswith("Cannot fill down: the first row has no row above")
    assert controller.undo_stack.count() == 0
