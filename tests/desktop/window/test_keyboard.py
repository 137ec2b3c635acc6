"""Keyboard-only use: shortcuts, moving in the matrix, editing cells without the mouse."""

from __future__ import annotations

import re

import pytest
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


def test_ctrl_home_and_ctrl_end_select_the_cell_they_go_to(open_window, document_path, qtbot):
    # They moved the current cell alone: the inspector showed the first cell while a digit
    # typed then scored the cell still selected, out of the way.
    window = open_window(document_path)
    view = window.matrix_view
    view.setFocus()
    view.select_cell("p1", "c1")
    qtbot.keyClick(view, K.Key_Home, M.ControlModifier)
    assert window.controller.selection == ("p0", "c0")
    assert view.selected_keys() == [("p0", "c0")]
    qtbot.keyClick(view, K.Key_4)
    assert window.controller.document.cell("p0", "c0").likelihood == 4
    assert window.inspector.likelihood.value() == 4
    qtbot.keyClick(view, K.Key_End, M.ControlModifier | M.ShiftModifier)
    rows, columns = view.model().rowCount(), view.model().columnCount()
    assert len(view.selected_keys()) == rows * columns
    qtbot.keyClick(view, K.Key_Right, M.ControlModifier)  # (already at the last column)
    qtbot.keyClick(view, K.Key_Left, M.ControlModifier)
    assert view.selected_keys() == [window.controller.selection]


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


def _focus(qtbot, widget) -> None:  # noqa: ANN001 - a field
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


@pytest.fixture
def discard_at_close(monkeypatch):
    """Closing applies what a field holds, so a window closed at teardown may ask: discard."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)


def test_ctrl_z_after_an_editor_field_is_applied_undoes_that_step(
    open_window, document_path, qtbot, discard_at_close
):
    window = open_window(document_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    controller = window.controller
    window.tabs.setCurrentWidget(window.editors_panel)
    editor = window.editors_panel.criteria
    window.editors_panel.setCurrentWidget(editor)
    editor.select_id("c1")
    _focus(qtbot, editor.name_edit)
    editor.name_edit.selectAll()
    qtbot.keyClicks(editor.name_edit, "Cost of extraction")
    qtbot.keyClick(editor.name_edit, K.Key_Return)
    assert controller.document.criterion("c1").name == "Cost of extraction"
    # The field's typing is the document's step now: Ctrl+Z takes the step back (the
    # field took back only its text, and leaving it made the old name a new step).
    qtbot.keyClick(editor.name_edit, K.Key_Z, M.ControlModifier)
    assert controller.document.criterion("c1").name == "Criterion 1"
    assert editor.name_edit.text() == "Criterion 1"
    assert controller.undo_stack.index() == 0 and controller.undo_stack.canRedo()
    qtbot.keyClick(editor.name_edit, K.Key_Y, M.ControlModifier)
    assert controller.document.criterion("c1").name == "Cost of extraction"
    # A spin box applied with Enter: Ctrl+Z did nothing at all.
    _focus(qtbot, editor.weight_spin)
    editor.weight_spin.selectAll()
    qtbot.keyClicks(editor.weight_spin, "7")
    qtbot.keyClick(editor.weight_spin, K.Key_Return)
    assert controller.document.criterion("c1").weight == 7
    qtbot.keyClick(editor.weight_spin, K.Key_Z, M.ControlModifier)
    assert controller.document.criterion("c1").weight == 2
    assert controller.document.criterion("c1").name == "Cost of extraction"
    # An editable list's text, as a line edit's.
    _focus(qtbot, editor.category_combo)
    editor.category_combo.lineEdit().selectAll()
    qtbot.keyClicks(editor.category_combo, "logistics")
    qtbot.keyClick(editor.category_combo, K.Key_Return)
    assert controller.document.criterion("c1").category == "logistics"
    qtbot.keyClick(editor.category_combo, K.Key_Z, M.ControlModifier)
    assert controller.document.criterion("c1").category == "cost"
    assert editor.category_combo.currentText() == "cost"


def test_ctrl_z_after_the_rationale_or_the_seed_is_applied_undoes_that_step(
    open_window, document_path, qtbot, discard_at_close
):
    window = open_window(document_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    controller = window.controller
    controller.select("p1", "c1")
    rationale = window.inspector.rationale
    _focus(qtbot, rationale)
    rationale.moveCursor(rationale.textCursor().MoveOperation.End)
    qtbot.keyClicks(rationale, " and more")
    qtbot.keyClick(rationale, K.Key_Return, M.ControlModifier)
    assert controller.document.cell("p1", "c1").rationale == "Why p1 on c1 and more"
    qtbot.keyClick(rationale, K.Key_Z, M.ControlModifier)
    assert controller.document.cell("p1", "c1").rationale == "Why p1 on c1"
    assert rationale.raw_text() == "Why p1 on c1"
    window.tabs.setCurrentWidget(window.analysis_panel)
    seed = window.analysis_panel.seed_spin
    was = controller.document.analysis.seed
    _focus(qtbot, seed)
    seed.selectAll()
    qtbot.keyClicks(seed, "77")
    qtbot.keyClick(seed, K.Key_Return)
    assert controller.document.analysis.seed == 77
    qtbot.keyClick(seed, K.Key_Z, M.ControlModifier)
    assert controller.document.analysis.seed == was


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


def test_ctrl_tab_takes_the_focus_into_the_tab_it_shows(open_window, template_path, qtbot):
    """From the inspector (beside every tab), Ctrl+Tab to Editors puts the focus in the
    Editors page: a digit typed next must not rescore the matrix's cell."""
    window = open_window(template_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.inspector.likelihood.setFocus()
    before = window.controller.document.model_dump()
    editors = window.lazy_tabs.panel("editors")
    while window.tabs.currentWidget() is not editors:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier
        )
        focus = QApplication.focusWidget()
        assert focus is not None and window.tabs.currentWidget().isAncestorOf(focus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert window.controller.document.model_dump() == before
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    focus = QApplication.focusWidget()
    assert window.tabs.currentWidget().isAncestorOf(focus)


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


def _shown_letters(window) -> list[tuple[str, str]]:
    """(letter, what) of every Alt letter the window shows now: menus, visible tab bars,
    buttons, group boxes and labels with a buddy."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

    shown = [(_mnemonic(a.text()), a.text()) for a in window.menuBar().actions()]
    for bar in window.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            shown += [(_mnemonic(bar.tabText(i)), bar.tabText(i)) for i in range(bar.count())]
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window):
            shown.append((_mnemonic(button.text()), button.text()))
    for box in window.findChildren(QGroupBox):
        if box.isVisibleTo(window):
            shown.append((_mnemonic(box.title()), box.title()))
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None:
            shown.append((_mnemonic(label.text()), label.text()))
    return [(letter, what) for letter, what in shown if letter]


def _clashes(window) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for letter, what in _shown_letters(window):
        by_letter.setdefault(letter, []).append(what)
    return {letter: whats for letter, whats in by_letter.items() if len(whats) > 1}


def _no_clash_on_any_tab_or_page(window, qtbot) -> None:
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        assert _clashes(window) == {}, window.tabs.tabText(tab)
    editors = window.editors_panel
    window.tabs.setCurrentWidget(editors)
    for page in range(editors.count()):
        editors.setCurrentIndex(page)
        qtbot.wait(10)
        assert _clashes(window) == {}, editors.tabText(page)


def test_every_tab_and_editor_page_uses_each_alt_letter_once(open_window, template_path, qtbot):
    """On the Editors tab, Alt+P went to the inspector's Impact field, not the Projects list,
    and Alt+S went back and forth between Screening and Sources."""
    window = open_window(template_path)
    window.show_workspace()
    _no_clash_on_any_tab_or_page(window, qtbot)
    # The letters most fields are known by are still there.
    editors = window.editors_panel
    editors.setCurrentWidget(editors.criteria)
    letters = dict(_shown_letters(window))
    assert letters["n"] == "&Name" and letters["w"] == "&Weight"


def test_alt_letters_reach_the_editors_pages_and_fields(open_window, template_path, qtbot):
    from PySide6.QtWidgets import QApplication

    window = open_window(template_path)
    window.show_workspace()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    editors = window.editors_panel
    window.tabs.setCurrentWidget(editors)
    qtbot.wait(10)
    for page, tab_text in ((editors.projects, "P&rojects"), (editors.sources, "S&ources")):
        letter = _mnemonic(tab_text)
        assert editors.tabText(editors.indexOf(page)) == tab_text
        qtbot.keyClick(
            window.focusWidget() or window, letter.upper(), Qt.KeyboardModifier.AltModifier
        )
        qtbot.waitUntil(lambda page=page: editors.currentWidget() is page)
    editors.setCurrentWidget(editors.criteria)
    editors.criteria.select_id(window.controller.document.criteria[0].id)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editors.criteria.weight_spin)


@pytest.mark.parametrize("tabs_built_first", [False, True])
def test_alt_letters_stay_unique_with_the_review_button_and_the_changes_view(
    open_window, template_path, qtbot, tabs_built_first
):
    # "Mark re&viewed" (shown after a score edit) took Alt+V from the View menu, and the
    # Changes view's "&Memo…" and "Compare &Again" took Alt+M and Alt+A from the tabs.
    window = open_window(template_path)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    cell = window.controller.document.cells["tomtor"]
    criterion = next(iter(cell))
    assert window.matrix_view.select_cell("tomtor", criterion)
    window.controller.edit_cells(
        [("tomtor", criterion)], {"likelihood": 5 if cell[criterion].likelihood != 5 else 4}
    )
    qtbot.waitUntil(lambda: window.inspector.rationale_box.review_button.isVisibleTo(window))
    if tabs_built_first:  # panels that took their letters before the Changes view existed
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            qtbot.wait(10)
        window.tabs.setCurrentIndex(0)
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        assert window.changes.compare_saved()
    assert window.changes.dock.isVisible()
    _no_clash_on_any_tab_or_page(window, qtbot)
    letters = dict(_shown_letters(window))
    assert letters["v"] == "&View" and letters["m"].startswith("&Matrix")


def test_the_inspector_and_analysis_scroll_areas_are_not_tab_stops(open_window, template_path):
    # An empty, unnamed Tab stop: a screen reader announces nothing there.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea

    window = open_window(template_path)
    areas = window.inspector.findChildren(QScrollArea)
    areas += window.analysis_panel.findChildren(QScrollArea)
    assert len(areas) >= 2
    assert all(area.focusPolicy() == Qt.FocusPolicy.NoFocus for area in areas)


def test_the_ranking_and_the_changes_are_one_shortcut_away(open_window, template_path, qtbot):
    # Tab moves between the matrix's cells, so the views beside it have their own keys.
    window = open_window(template_path)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.editors_panel)
    window.menu_actions.focus_ranking.trigger()
    assert window.tabs.currentWidget() is window.splitter
    assert window.focusWidget() is window.results_panel.ranking
    window.menu_actions.focus_changes.trigger()  # no comparison open: says so
    assert "No comparison is open" in window.statusBar().currentMessage()
    criterion = window.controller.document.criteria[0].id
    window.controller.edit_cells([("tomtor", criterion)], {"rationale": "Edited for the test"})
    with qtbot.waitSignal(window.changes.shown, timeout=60_000):
        assert window.changes.compare_saved()
    window.focus_matrix()
    window.menu_actions.focus_changes.trigger()
    assert window.focusWidget() is window.changes.view.tree
    keys = {
        a.shortcut().toString()
        for a in (window.menu_actions.focus_ranking, window.menu_actions.focus_changes)
    }
    assert keys == {"Ctrl+Shift+K", "Ctrl+Shift+D"}


def test_ctrl_shift_e_takes_the_keyboard_into_the_editors_from_the_inspector(
    open_window, template_path, qtbot
):
    # The Editors tab was shown, but the keyboard stayed in the inspector beside it: the
    # next digit typed rescored the matrix's cell out of sight.
    window = open_window(template_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    assert window.matrix_view.select_cell("tomtor", window.controller.document.criteria[0].id)
    window.menu_actions.focus_inspector.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.inspector.likelihood)
    qtbot.keyClick(window.inspector.likelihood, K.Key_E, M.ControlModifier | M.ShiftModifier)
    editors = window.editors_panel
    assert window.tabs.currentWidget() is editors
    assert editors.isAncestorOf(QApplication.focusWidget())


def test_the_moving_around_keys_take_the_keyboard_to_and_from_a_floating_inspector(
    open_window, template_path, qtbot
):
    """A floating inspector is a window of its own: the focus was set in the window not
    active, so Ctrl+Shift+I left the keyboard in the matrix, and Esc, Ctrl+Shift+M or Ctrl+Tab
    left it in the inspector, where a digit typed rescored the cell."""
    window = open_window(template_path)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    dock = window.inspector_dock
    dock.setFloating(True)
    qtbot.waitExposed(dock)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.matrix_view.setFocus()

    def press(key, modifiers=M.NoModifier) -> None:
        qtbot.keyClick(QApplication.focusWidget(), key, modifiers)

    def keyboard_in(widget) -> bool:
        return QApplication.focusWidget() is widget and widget.window().isActiveWindow()

    press(K.Key_I, M.ControlModifier | M.ShiftModifier)
    qtbot.waitUntil(lambda: keyboard_in(window.inspector.likelihood), timeout=5000)
    press(K.Key_Escape)
    qtbot.waitUntil(lambda: keyboard_in(window.matrix_view), timeout=5000)
    for key, modifiers, target in (
        (K.Key_M, M.ControlModifier | M.ShiftModifier, window.matrix_view),
        (K.Key_K, M.ControlModifier | M.ShiftModifier, window.results_panel.ranking),
        (K.Key_C, M.ControlModifier | M.ShiftModifier, window.menu_actions.scenario_selector),
    ):
        window.focus_inspector()
        qtbot.waitUntil(lambda: keyboard_in(window.inspector.likelihood), timeout=5000)
        press(key, modifiers)
        qtbot.waitUntil(lambda target=target: keyboard_in(target), timeout=5000)
    window.focus_inspector()
    qtbot.waitUntil(lambda: keyboard_in(window.inspector.likelihood), timeout=5000)
    press(K.Key_Tab, M.ControlModifier)
    assert window.tabs.currentIndex() == 1

    def in_the_tab() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and window.tabs.currentWidget().isAncestorOf(focus)

    qtbot.waitUntil(in_the_tab, timeout=5000)
    assert window.isActiveWindow()


def test_save_as_leaves_the_keyboard_in_the_tab_it_was_pressed_in(
    open_window, document_path, qtbot, monkeypatch, tmp_path
):
    """Ctrl+Shift+S (and a first Ctrl+S) from Editors keeps Editors shown and the focus in its
    field, the title naming the new file, and a closed inspector stays closed."""
    from PySide6.QtWidgets import QFileDialog

    window = open_window(document_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.inspector_dock.close()
    window.matrix_view.setFocus()
    qtbot.keyClick(window.matrix_view, K.Key_E, M.ControlModifier | M.ShiftModifier)
    editors = window.lazy_tabs.panel("editors")
    assert window.tabs.currentWidget() is editors
    field = QApplication.focusWidget()
    assert field is not None and editors.isAncestorOf(field)
    target = tmp_path / "copy.rrisk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(field, K.Key_S, M.ControlModifier | M.ShiftModifier)
    assert target.exists()
    assert window.tabs.currentWidget() is editors
    assert QApplication.focusWidget() is field
    assert not window.inspector_dock.isVisible()
    assert window.windowTitle().startswith("copy.rrisk")


def test_a_tabs_alt_letter_takes_the_focus_into_the_tab_it_shows(open_window, template_path, qtbot):
    """Alt+S from the matrix left the focus in the inspector beside the Screening tab (the
    matrix, hidden, handed it on): a digit typed next rescored the matrix's cell. Alt+M back
    left it there too, not in the matrix."""
    window = open_window(template_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.matrix_view.setFocus()
    before = window.controller.document.model_dump()
    for letter, name in ((K.Key_S, "screening"), (K.Key_D, "editors"), (K.Key_A, "analysis")):
        qtbot.keyClick(QApplication.focusWidget(), letter, M.AltModifier)
        page = window.lazy_tabs.panel(name)
        assert window.tabs.currentWidget() is page
        focus = QApplication.focusWidget()
        assert focus is not None and page.isAncestorOf(focus), (name, focus)
        qtbot.keyClick(focus, K.Key_2)
    assert window.controller.document.model_dump() == before
    qtbot.keyClick(QApplication.focusWidget(), K.Key_M, M.AltModifier)
    assert window.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is window.matrix_view


def test_an_editors_pages_alt_letter_takes_the_keyboard_from_the_inspector(
    open_window, template_path, qtbot
):
    # The page was shown, but the keyboard stayed in the inspector beside every tab: the
    # next digit typed rescored the matrix's cell out of sight.
    from desktop.ui.mnemonics import mnemonic

    window = open_window(template_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    document = window.controller.document
    criterion = document.criteria[0].id
    assert window.matrix_view.select_cell("tomtor", criterion)
    window.menu_actions.show_editors.trigger()
    editors = window.editors_panel
    before = document.cell("tomtor", criterion)
    for page in (editors.sources, editors.projects, editors.criteria):
        window.menu_actions.focus_inspector.trigger()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.inspector.likelihood)
        letter = mnemonic(editors.tabText(editors.indexOf(page)))
        key = Qt.Key(ord(letter.upper()))
        qtbot.keyClick(window.inspector.likelihood, key, M.AltModifier)
        assert editors.currentWidget() is page
        focus = QApplication.focusWidget()
        assert focus is not None and page.isAncestorOf(focus), (letter, focus)
        qtbot.keyClick(focus, K.Key_2)
        assert window.controller.document.cell("tomtor", criterion) == before
