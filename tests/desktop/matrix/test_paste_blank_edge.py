"""Blank fields at a pasted block's end may run past the matrix's edge: a blank leaves its
cell as it is, so a spreadsheet range copied with an empty last column pastes at the last
column (it was refused: "the block is 1 × 2 cells … room for 1 × 1")."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import QApplication


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


def _shown(window, row: int, column: int) -> tuple[float, float]:  # noqa: ANN001
    matrix = window.controller.result.matrix
    return (float(matrix.likelihood[row, column]), float(matrix.impact[row, column]))


def test_blank_columns_and_rows_past_the_edge_are_no_obstacle(window, qtbot) -> None:
    controller = window.controller
    view = _select_at(window, qtbot, 3, 4)  # the last column, one row above the last
    assert view.paste("5×4\t\r\n3×2\t\r\n\t\r\n")  # as Excel copies a 3 × 2 range
    assert _shown(window, 3, 4) == (5.0, 4.0)
    assert _shown(window, 4, 4) == (3.0, 2.0)
    assert controller.undo_stack.count() == 1
    selected = sorted((i.row(), i.column()) for i in view.selectionModel().selectedIndexes())
    assert selected == [(3, 4), (4, 4)]  # the cells pasted into, none past the edge


def test_a_score_past_the_edge_is_still_refused(window, qtbot) -> None:
    controller = window.controller
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    view = _select_at(window, qtbot, 4, 4)
    assert not view.paste("\t1×1\n")
    assert "the block is 1 × 2 cells" in errors[-1] and "room for 1 × 1" in errors[-1]
    assert controller.undo_stack.count() == 0


def test_a_block_of_blanks_alone_pastes_nothing_and_says_so(window, qtbot) -> None:
    controller = window.controller
    notices: list[str] = []
    controller.noticed.connect(notices.append)
    view = _select_at(window, qtbot, 4, 4)
    assert view.paste("\t—\n—\t\n")
    assert controller.undo_stack.count() == 0
    assert notices[-1].startswith("Nothing pasted: the clipboard's fields are all blank")
