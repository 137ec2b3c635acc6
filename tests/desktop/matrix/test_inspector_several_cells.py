"""With several cells selected the inspector shows the current one; what the user changes
goes to every selected cell, and nothing else does (no copy of the current cell's texts or
evidence over the others')."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

KEYS = [("tomtor", "geology"), ("seligdar", "geology")]


def _two_selected(window, qtbot, keys=KEYS):
    window.activateWindow()
    assert window.matrix_view.select_cell(*keys[0])
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.matrix_view)
    QTest.keyClick(window.matrix_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert window.inspector.targets() == keys
    return {key: window.controller.document.cell(*key) for key in keys}


def test_tabbing_through_the_fields_changes_nothing(open_window, template_path, qtbot):
    window = open_window(template_path)
    before = _two_selected(window, qtbot)
    QTest.keyClick(window.matrix_view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.inspector.likelihood)
    for _ in range(12):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    window.matrix_view.setFocus()
    assert {key: window.controller.document.cell(*key) for key in KEYS} == before
    assert window.controller.undo_stack.count() == 0


def test_clicking_in_and_out_of_a_red_line_reason_changes_nothing(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    keys = [("donbas-occupied", "occupied-territories"), ("zaporizhzhia-occupied", "occupied-territories")]  # fmt: skip
    before = _two_selected(window, qtbot, keys)
    assert before[keys[0]].red_line_reason != before[keys[1]].red_line_reason
    QTest.mouseClick(window.inspector.red_line_reason, Qt.MouseButton.LeftButton)
    window.matrix_view.setFocus()
    assert {key: window.controller.document.cell(*key) for key in keys} == before


def test_a_typed_rationale_goes_to_every_selected_cell(open_window, template_path, qtbot):
    window = open_window(template_path)
    _two_selected(window, qtbot)
    editor = window.inspector.rationale
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, "Same finding for both deposits")
    window.matrix_view.setFocus()
    for key in KEYS:
        assert window.controller.document.cell(*key).rationale == "Same finding for both deposits"
    assert window.controller.undo_stack.count() == 1


def test_added_evidence_joins_each_cells_own_list_and_undo_takes_it_back(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    before = _two_selected(window, qtbot)
    controller = window.controller
    evidence = window.inspector.evidence
    source = controller.document.sources[0].id
    evidence.select_source(source)
    QTest.keyClicks(evidence.quote, "shared finding")
    QTest.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    for key in KEYS:
        links = [(e.source, e.quote) for e in controller.document.cell(*key).evidence]
        assert links == [(e.source, e.quote) for e in before[key].evidence] + [
            (source, "shared finding")
        ]
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert {key: controller.document.cell(*key) for key in KEYS} == before


def test_removed_evidence_leaves_each_cells_own_list(open_window, template_path, qtbot):
    window = open_window(template_path)
    before = _two_selected(window, qtbot)
    current = window.controller.selection
    (other,) = [key for key in KEYS if key != current]
    shown = before[current].evidence[0]
    evidence = window.inspector.evidence
    evidence.list.setCurrentItem(evidence.list.topLevelItem(0))
    evidence.remove_button.click()
    assert window.controller.document.cell(*current).evidence == before[current].evidence[1:]
    assert window.controller.document.cell(*other).evidence == [
        e for e in before[other].evidence if e != shown
    ]
    assert len(window.controller.document.cell(*other).evidence) >= 1


def test_removing_a_link_the_current_cell_holds_twice_removes_it(open_window, template_path, qtbot):
    """The same link added twice (Return pressed again): Remove with several cells selected
    takes it from each cell, rather than doing nothing without a word."""
    window = open_window(template_path)
    controller = window.controller
    before = _two_selected(window, qtbot)
    current = controller.selection
    (other,) = [key for key in KEYS if key != current]
    link = before[current].evidence[0]
    assert controller.edit_cells([current], {"evidence": [_as_dict(link), _as_dict(link)]})
    assert controller.edit_cells([other], {"evidence": [_as_dict(link)]})
    evidence = window.inspector.evidence
    assert evidence.list.topLevelItemCount() == 2
    evidence.list.setCurrentItem(evidence.list.topLevelItem(1))
    evidence.remove_button.click()
    assert controller.document.cell(*current).evidence == []
    assert controller.document.cell(*other).evidence == []
    controller.undo_stack.undo()
    assert controller.document.cell(*current).evidence == [link, link]


def _as_dict(link) -> dict[str, str]:
    return {"source": link.source, "quote": link.quote, "page": link.page}


def test_a_status_picked_goes_to_every_cell_even_when_the_current_has_it(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    controller = window.controller
    _two_selected(window, qtbot)
    current = controller.selection
    (other,) = [key for key in KEYS if key != current]
    assert controller.edit_cells([current], {"status": "draft"})
    assert controller.edit_cells([other], {"status": "reviewed"})
    status = window.inspector.status
    status.setCurrentIndex(status.findData("draft"))
    status.activated.emit(status.currentIndex())  # the user picks "Draft" from the list
    assert controller.document.cell(*other).status == "draft"


def test_a_link_the_current_cell_has_is_added_to_the_cells_that_lack_it(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    controller = window.controller
    before = _two_selected(window, qtbot)
    current = controller.selection
    (other,) = [key for key in KEYS if key != current]
    link = before[current].evidence[0]
    assert link not in before[other].evidence
    evidence = window.inspector.evidence
    evidence.select_source(link.source)
    evidence.quote.setText(link.quote)
    evidence.page.setText(link.page)
    evidence.add_button.click()
    assert controller.document.cell(*other).evidence == [*before[other].evidence, link]
    assert controller.document.cell(*current).evidence == before[current].evidence


def test_an_inspector_edit_of_many_cells_says_what_it_does_as_a_matrix_edit_does(
    open_window, template_path, qtbot, monkeypatch
):
    """A score, a status or evidence set on a large selection through the inspector holds the
    window as long as a paste of it: the pointer waits and the status bar says what is done."""
    from desktop.ui import busy as busy_module

    monkeypatch.setattr(busy_module, "LARGE_EDIT", 2)
    window = open_window(template_path)
    _two_selected(window, qtbot)
    controller, inspector = window.controller, window.inspector
    seen: list[tuple[str, bool]] = []
    controller.resultChanged.connect(
        lambda: seen.append(
            (window.statusBar().currentMessage(), QApplication.overrideCursor() is not None)
        )
    )
    inspector.impact.setFocus()
    inspector.impact.setValue(1 if inspector.impact.value() != 1 else 2)
    assert {controller.document.cell(*key).status for key in KEYS} == {"draft"}
    inspector.status.setCurrentIndex(inspector.status.findData("reviewed"))
    inspector.status.activated.emit(inspector.status.currentIndex())
    evidence = inspector.evidence
    evidence.select_source(controller.document.sources[0].id)
    QTest.keyClicks(evidence.quote, "shared finding")
    QTest.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    assert [message for message, _waiting in seen] == [
        "Setting the impact of 2 cells…",
        "Setting the status of 2 cells…",
        "Adding evidence to 2 cells…",
    ]
    assert all(waiting for _message, waiting in seen)
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == ""


def test_a_floating_inspector_says_on_the_windows_status_bar_what_a_large_edit_does(
    open_window, template_path, qtbot, monkeypatch
):
    """Floating, the inspector is a window of its own, without a status bar: an edit of many
    cells there showed the wait cursor and said nothing."""
    from desktop.ui import busy as busy_module

    monkeypatch.setattr(busy_module, "LARGE_EDIT", 2)
    window = open_window(template_path)
    _two_selected(window, qtbot)
    window.inspector_dock.setFloating(True)
    assert window.inspector.window() is not window
    controller, inspector = window.controller, window.inspector
    seen: list[str] = []
    controller.resultChanged.connect(lambda: seen.append(window.statusBar().currentMessage()))
    inspector.impact.setFocus()
    inspector.impact.setValue(1 if inspector.impact.value() != 1 else 2)
    assert seen == ["Setting the impact of 2 cells…"]
    assert window.statusBar().currentMessage() == ""
