"""Ctrl+Space or Ctrl+click on the ranking's selected row kept the project selected in the
rest of the window but unselected it in the table: the ranking showed no project while the
5×5 matrix, the heat map and the inspector showed one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.results.panel import ResultsPanel


def _selected_rows(panel) -> list[int]:  # noqa: ANN001
    return [index.row() for index in panel.ranking.selectionModel().selectedRows()]


def test_ctrl_space_on_the_selected_row_keeps_it_selected_everywhere(qtbot, controller):
    panel = ResultsPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    view = panel.ranking
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    project = controller.selection[0]
    assert project is not None and _selected_rows(panel) == [view.currentIndex().row()]
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert _selected_rows(panel) == [view.currentIndex().row()]
    assert controller.selection[0] == project
    assert panel.matrix.project_id == project

    # Moved with Ctrl+Down, then Ctrl+Space: the row moved to is the one selected.
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    row = view.currentIndex().row()
    assert _selected_rows(panel) == [row]
    moved_to = view.ranking_model.index(row, 0)
    assert controller.selection[0] != project
    assert panel.matrix.project_id == controller.selection[0]
    assert view.ranking_model.row_of(controller.selection[0]) == moved_to.row()


def test_ctrl_click_on_the_selected_row_keeps_it_selected(qtbot, controller):
    panel = ResultsPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    view = panel.ranking
    rect = view.visualRect(view.ranking_model.index(1, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    project = controller.selection[0]
    assert _selected_rows(panel) == [1]
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    assert _selected_rows(panel) == [1] and controller.selection[0] == project
