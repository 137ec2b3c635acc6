"""Keys that set or clear a score: an emptied score field in the inspector means "not
assessed" (as 0 does), and the matrix takes a digit typed with Shift, as AZERTY keyboards type
the top row's digits, without its type-to-search moving the selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

K = Qt.Key
M = Qt.KeyboardModifier


def _focused_spin(window, qtbot, project: str, criterion: str):
    window.activateWindow()
    view = window.matrix_view
    view.setFocus()
    assert view.select_cell(project, criterion)
    spin = window.inspector.likelihood
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.selectAll()
    return spin


@pytest.mark.parametrize("clear", [K.Key_Backspace, K.Key_Delete])
@pytest.mark.parametrize("leave", [K.Key_Tab, K.Key_Return])
def test_an_emptied_score_field_means_not_assessed(open_window, document_path, qtbot, clear, leave):
    window = open_window(document_path)
    controller = window.controller
    assert controller.document.cell("p0", "c1").likelihood == 2
    spin = _focused_spin(window, qtbot, "p0", "c1")
    qtbot.keyClick(spin, clear)
    assert spin.lineEdit().text() == ""
    qtbot.keyClick(spin, leave)
    cell = controller.document.cell("p0", "c1")
    assert cell is None or cell.likelihood is None
    assert spin.text() == "—"
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert controller.document.cell("p0", "c1").likelihood == 2


def test_an_emptied_score_field_left_by_a_click_elsewhere_means_not_assessed(
    open_window, document_path, qtbot
):
    """Leaving the field by focus (back to the matrix) applies the emptied text too."""
    window = open_window(document_path)
    controller = window.controller
    spin = _focused_spin(window, qtbot, "p0", "c1")
    qtbot.keyClick(spin, K.Key_Backspace)
    window.matrix_view.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: not spin.hasFocus())
    cell = controller.document.cell("p0", "c1")
    assert cell is None or cell.likelihood is None
    assert spin.text() == "—"
    assert controller.undo_stack.count() == 1


def test_an_emptied_score_field_under_a_scenario_clears_the_scenarios_score(
    open_window, document_path, qtbot
):
    window = open_window(document_path)
    controller = window.controller
    selector = window.menu_actions.scenario_selector
    position = selector.findData("eased")
    selector.setCurrentIndex(position)
    selector.activated.emit(position)
    base = controller.document.cell("p0", "c0").model_copy()
    spin = _focused_spin(window, qtbot, "p0", "c0")
    qtbot.keyClick(spin, K.Key_Backspace)
    qtbot.keyClick(spin, K.Key_Tab)
    override = next(
        o for o in controller.document.scenarios[0].cell_overrides if o.criterion == "c0"
    )
    assert override.likelihood is None  # the scenario no longer sets the likelihood
    assert override.impact == 1
    assert controller.document.cell("p0", "c0") == base
    assert controller.undo_stack.count() == 1


def _type(view, key: Qt.Key, modifiers: Qt.KeyboardModifier, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(view, QKeyEvent(kind, key, modifiers, text))


@pytest.mark.parametrize(
    ("key", "text"),
    [(K.Key_1, "1"), (K.Key_Ampersand, "1")],  # the digit's own key, or the symbol's key
)
def test_a_digit_typed_with_shift_sets_the_likelihood(open_window, document_path, key, text):
    window = open_window(document_path)
    view = window.matrix_view
    view.setFocus()
    assert view.select_cell("p1", "c2")
    _type(view, key, M.ShiftModifier, text)
    assert window.controller.selection == ("p1", "c2")
    assert window.controller.document.cell("p1", "c2").likelihood == 1
    assert window.controller.undo_stack.count() == 1


def test_ctrl_shift_digit_sets_the_impact(open_window, document_path):
    window = open_window(document_path)
    view = window.matrix_view
    view.setFocus()
    assert view.select_cell("p1", "c2")
    _type(view, K.Key_4, M.ControlModifier | M.ShiftModifier, "")
    assert window.controller.document.cell("p1", "c2").impact == 4


def test_keys_that_are_not_scores_change_nothing_and_keep_the_selection(open_window, document_path):
    window = open_window(document_path)
    view = window.matrix_view
    view.setFocus()
    assert view.select_cell("p1", "c2")
    before = window.controller.document.cell("p1", "c2").model_copy()
    for key, modifiers, text in (
        (K.Key_Exclam, M.ShiftModifier, "!"),  # Shift+1 on a QWERTY keyboard
        (K.Key_1, M.AltModifier, ""),  # a shortcut, not a score
        (K.Key_6, M.NoModifier, "6"),  # outside 1–5, and the start of cells' texts
        (K.Key_8, M.NoModifier, "8"),
        (K.Key_L, M.NoModifier, "l"),
    ):
        _type(view, key, modifiers, text)
        assert window.controller.selection == ("p1", "c2"), (key, text)
    assert window.controller.document.cell("p1", "c2") == before
    assert window.controller.undo_stack.count() == 0


def test_the_matrix_has_no_type_to_search(open_window, document_path):
    """Cells read "3×3   9 Med": a search for "3" would jump to such a cell in the column
    (p0's); typed text the matrix does not take as a score leaves the selection where it is."""
    window = open_window(document_path)
    view = window.matrix_view
    assert view.select_cell("p1", "c2")
    view.keyboardSearch("3")
    assert window.controller.selection == ("p1", "c2")
