"""Keyboard-only use: shortcuts, moving in the matrix, editing cells without the mouse."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

K = Qt.Key
M = Qt.KeyboardModifier


def test_digits_set_likelihood_and_ctrl_digits_impact(open_window, document_path, qtbot):
    window = open_window(document_path)
    view = window.matrix_view
    view.setFocus()
    view.select_cell("p0", "c0")
    qtbot.keyClick(view, K.Key_Right)
    assert window.controller.selection == ("p0", "c1")
    qtbot.keyClick(view, K.Key_4)
    qtbot.keyClick(view, K.Key_5, M.ControlModifier)
    cell = window.controller.document.cell("p0", "c1")
    assert (cell.likelihood, cell.impact) == (4, 5)
    assert window.inspector.likelihood.value() == 4
    qtbot.keyClick(view, K.Key_Down)
    qtbot.keyClick(view, K.Key_Delete)
    assert window.controller.document.cell("p1", "c1") is None
    assert window.controller.undo_stack.count() == 3


def test_shift_selection_and_digit_is_one_macro(open_window, document_path, qtbot):
    window = open_window(document_path)
    view = window.matrix_view
    view.setFocus()
    view.select_cell("p0", "c0")
    qtbot.keyClick(view, K.Key_Right, M.ShiftModifier)
    qtbot.keyClick(view, K.Key_Down, M.ShiftModifier)
    assert len(view.selected_keys()) == 4
    qtbot.keyClick(view, K.Key_2)
    assert window.controller.undo_stack.count() == 1
    for p in ("p0", "p1"):
        for c in ("c0", "c1"):
            assert window.controller.document.cell(p, c).likelihood == 2


def test_enter_moves_focus_to_the_inspector(open_window, document_path, qtbot):
    window = open_window(document_path)
    window.activateWindow()
    view = window.matrix_view
    view.setFocus()
    view.select_cell("p2", "c2")
    qtbot.keyClick(view, K.Key_Return)
    qtbot.waitUntil(lambda: window.inspector.likelihood.hasFocus())
    window.menu_actions.focus_matrix.trigger()
    qtbot.waitUntil(lambda: view.hasFocus())


def test_standard_shortcuts_are_assigned(open_window, document_path):
    window = open_window(document_path)
    a = window.menu_actions
    expected = {
        a.new: {"Ctrl+N"},
        a.open: {"Ctrl+O"},
        a.save: {"Ctrl+S"},
        a.undo: {"Ctrl+Z"},
        a.redo: {"Ctrl+Shift+Z", "Ctrl+Y"},
        a.close: {"Ctrl+W", "Ctrl+F4"},
        a.quit: {"Ctrl+Q"},
    }
    for action, keys in expected.items():
        assigned = {s.toString() for s in action.shortcuts()}
        assert assigned & keys, action.objectName()
    assert a.save_as.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert a.export_memo.shortcut() == QKeySequence("Ctrl+E")
    # Every menu action is reachable: it has a shortcut or sits in a menu with a mnemonic.
    titles = [menu.title() for menu in window.menuBar().findChildren(type(a.recent_menu))]
    assert all("&" in title for title in titles if title)


def test_ctrl_r_runs_the_analysis_from_the_matrix_tab_and_from_the_analysis_tab(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    window.activateWindow()
    panel = window.analysis_panel
    panel.runs_spin.setValue(panel.runs_spin.minimum())
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.matrix_view)
    assert window.tabs.currentWidget() is not panel
    with qtbot.waitSignal(panel.analysisFinished, timeout=60_000):
        qtbot.keyClick(window.matrix_view, K.Key_R, M.ControlModifier)
        assert window.tabs.currentWidget() is panel  # the run is shown where it happens
    first = panel.result
    assert first is not None
    # On the Analysis tab the Run button's own Ctrl+R runs again (never both: no ambiguity).
    panel.runs_spin.setValue(panel.runs_spin.minimum() + 100)
    with qtbot.waitSignal(panel.analysisFinished, timeout=60_000):
        qtbot.keyClick(panel, K.Key_R, M.ControlModifier)
    assert panel.result is not first
    assert panel.result.runs == panel.runs_spin.value()


def test_ctrl_r_makes_the_analysis_tab_it_has_not_been_shown_yet(open_window, template_path, qtbot):
    window = open_window(template_path)
    window.activateWindow()
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.matrix_view)
    assert not window.lazy_tabs.built("analysis")
    qtbot.keyClick(window.matrix_view, K.Key_R, M.ControlModifier)
    assert window.lazy_tabs.built("analysis")
    panel = window.analysis_panel
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    assert panel.result.runs == panel.runs_spin.value()


def test_ctrl_r_on_the_start_page_runs_nothing(open_window, qtbot):
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.start_screen, K.Key_R, M.ControlModifier)
    assert not window.lazy_tabs.built("analysis")
    assert not window.analysis_panel.is_running
    assert window.stack.currentWidget() is window.start_screen


def test_ctrl_z_in_an_inspector_field_with_nothing_typed_undoes_the_document(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    controller, view = window.controller, window.matrix_view
    assert view.select_cell("tomtor", "geology")
    before = controller.document.cell("tomtor", "geology").likelihood
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    new = 4 if before != 4 else 3
    qtbot.keyClick(view, getattr(K, f"Key_{new}"))
    assert controller.document.cell("tomtor", "geology").likelihood == new
    qtbot.keyClick(view, K.Key_F2)
    spin = window.inspector.likelihood
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spin)
    qtbot.keyClick(spin, K.Key_Z, M.ControlModifier)
    assert controller.document.cell("tomtor", "geology").likelihood == before
    # Typing of its own: the field takes Ctrl+Z back for itself first.
    rationale = window.inspector.rationale
    rationale.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rationale)
    steps = controller.undo_stack.index()
    qtbot.keyClicks(rationale, "x")
    qtbot.keyClick(rationale, K.Key_Z, M.ControlModifier)
    assert controller.undo_stack.index() == steps
    assert not rationale.raw_text().endswith("x")


def test_ctrl_tab_steps_through_the_tabs_from_the_matrix_and_the_inspector(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    window.activateWindow()  # window shortcuts act in the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    tabs = window.tabs
    window.matrix_view.setFocus()
    assert tabs.currentIndex() == 0
    selection = window.controller.selection
    qtbot.keyClick(window.matrix_view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1 and window.controller.selection == selection
    window.inspector.likelihood.setFocus()
    qtbot.keyClick(
        window.inspector.likelihood,
        Qt.Key.Key_Tab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tabs.currentIndex() == 0
    qtbot.keyClick(
        window.matrix_view,
        Qt.Key.Key_Tab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tabs.currentIndex() == tabs.count() - 1  # round the end


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def test_each_menu_and_the_always_shown_widgets_use_each_alt_letter_once(
    open_window, template_path
):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window = open_window(template_path)
    for menu in window.menuBar().actions():
        letters = [_mnemonic(a.text()) for a in menu.menu().actions() if a.text()]
        letters = [letter for letter in letters if letter]
        assert len(letters) == len(set(letters)), (menu.text(), letters)
    # What Alt+letter can reach on the matrix tab: the menu bar, the tabs, the inspector.
    shown = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    shown += [_mnemonic(window.tabs.tabText(i)) for i in range(window.tabs.count())]
    for kind in (QAbstractButton, QLabel):
        for widget in window.inspector_dock.findChildren(kind):
            if widget.isVisibleTo(window):
                shown.append(_mnemonic(widget.text()))
    letters = [letter for letter in shown if letter]
    assert len(letters) == len(set(letters)), sorted(letters)
