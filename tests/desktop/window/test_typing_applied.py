"""What is being typed is applied before the whole document is used: save, close, undo,
the memo. Shortcuts and toolbar buttons do not move the focus, so the field never left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.editors.assessment import AssessmentEditor
from rrisk.fileformat import load


@pytest.fixture(autouse=True)
def _discard_at_teardown(monkeypatch):
    """Closing applies what is typed, so a window closed at teardown would ask: discard."""
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)


def _type_rationale(window, qtbot, text: str):
    window.activateWindow()
    window.controller.select("tomtor", "sanctions")
    edit = window.inspector.rationale
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QTest.keyClicks(edit, text)
    assert text not in window.controller.document.cell("tomtor", "sanctions").rationale
    return edit


def test_ctrl_s_saves_the_text_still_being_typed(open_window, template_path, qtbot):
    window = open_window(template_path)
    edit = _type_rationale(window, qtbot, " TYPED-BEFORE-SAVE")
    QTest.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load(template_path).cell("tomtor", "sanctions").rationale
    assert saved.endswith(" TYPED-BEFORE-SAVE")
    assert not window.controller.is_modified
    assert QApplication.focusWidget() is edit  # the user goes on typing where they were


def test_closing_while_typing_asks_to_save(open_window, template_path, qtbot, monkeypatch):
    window = open_window(template_path)
    _type_rationale(window, qtbot, " TYPED-BEFORE-CLOSE")
    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "warning", answer)
    assert window.close()
    assert asked and "Save the changes" in asked[0]
    assert load(template_path).cell("tomtor", "sanctions").rationale.endswith(" TYPED-BEFORE-CLOSE")


def test_toolbar_undo_takes_back_the_typing_and_redo_brings_it_back(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    controller = window.controller
    assert controller.edit_cells([("seligdar", "sanctions")], {"impact": 1})  # an earlier edit
    before = controller.document.cell("tomtor", "sanctions").rationale
    steps = controller.undo_stack.index()
    _type_rationale(window, qtbot, " TYPED-THEN-UNDONE")
    window.menu_actions.undo.trigger()  # as a toolbar click: the focus stays in the field
    assert controller.document.cell("tomtor", "sanctions").rationale == before
    assert controller.undo_stack.index() == steps  # only the typing was taken back
    assert controller.document.cell("seligdar", "sanctions").impact == 1
    window.menu_actions.redo.trigger()
    assert controller.document.cell("tomtor", "sanctions").rationale.endswith(" TYPED-THEN-UNDONE")


def test_the_memo_prints_the_summary_still_being_typed(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.activateWindow()
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.editors_panel))
    (editor,) = window.editors_panel.findChildren(AssessmentEditor)
    window.editors_panel.setCurrentWidget(editor) if hasattr(
        window.editors_panel, "setCurrentWidget"
    ) else None
    summary = editor.fields["summary"]
    summary.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is summary)
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    QTest.keyClicks(summary, " SUMMARY-TYPED")
    target = tmp_path / "memo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Close)
    with qtbot.waitSignal(window.memo.finished, timeout=60_000):
        window.menu_actions.export_memo.trigger()
    assert window.controller.document.summary.endswith(" SUMMARY-TYPED")


def test_typing_in_a_floating_inspector_is_saved_too(open_window, template_path, qtbot):
    window = open_window(template_path)
    window.inspector_dock.setFloating(True)
    window.controller.select("tomtor", "sanctions")
    window.inspector_dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.inspector_dock)
    edit = window.inspector.rationale
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QTest.keyClicks(edit, " TYPED-FLOATING")
    window.files.save()
    assert load(template_path).cell("tomtor", "sanctions").rationale.endswith(" TYPED-FLOATING")
    assert QApplication.focusWidget() is edit


def _type_a_bad_date(window, qtbot):
    window.activateWindow()
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.editors_panel))
    (editor,) = window.editors_panel.findChildren(AssessmentEditor)
    window.editors_panel.setCurrentWidget(editor)
    field = editor.fields["as_of"]
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.selectAll()
    QTest.keyClicks(field, "31/31/2025")
    return field


def test_a_refused_value_keeps_the_window_open_with_the_reason(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    _type_a_bad_date(window, qtbot)
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: told.append(a[2]) or QMessageBox.StandardButton.Ok
    )
    assert not window.close()
    assert window.isVisible()
    assert told and "31/31/2025" in told[0]


def test_a_refused_value_stops_the_save_and_leaves_the_file_as_it_was(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    assert window.controller.edit_cells([("seligdar", "sanctions")], {"impact": 1})
    before = template_path.read_bytes()
    field = _type_a_bad_date(window, qtbot)
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: told.append(a[2]) or QMessageBox.StandardButton.Ok
    )
    QTest.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert told and "31/31/2025" in told[0]
    assert template_path.read_bytes() == before
    assert window.controller.is_modified
    # The field is back to the stored date, so saving again saves what the form shows.
    assert field.text() == window.controller.document.as_of
    window.menu_actions.save.trigger()
    assert len(told) == 1
    assert not window.controller.is_modified
    assert load(template_path).cell("seligdar", "sanctions").impact == 1


def test_redo_with_typing_pending_still_redoes(open_window, template_path, qtbot):
    window = open_window(template_path)
    controller = window.controller
    before = controller.document.cell("seligdar", "sanctions").impact
    assert controller.edit_cells([("seligdar", "sanctions")], {"impact": 1})
    controller.undo_stack.undo()
    assert controller.document.cell("seligdar", "sanctions").impact == before
    _type_rationale(window, qtbot, " PENDING")
    window.menu_actions.redo.trigger()  # typing would be a new step and clear the redo
    assert controller.document.cell("seligdar", "sanctions").impact == 1
    # The typing is still there, and leaving the field applies it.
    edit = window.inspector.rationale
    assert edit.raw_text().endswith(" PENDING")
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: controller.document.cell("tomtor", "sanctions").rationale.endswith(" PENDING"))  # fmt: skip


def test_redo_of_an_edit_of_the_same_cell_keeps_the_typing_in_a_red_line_field(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    controller = window.controller
    key = ("donbas-occupied", "occupied-territories")
    window.activateWindow()
    assert window.matrix_view.select_cell(*key)
    assert controller.edit_cells([key], {"impact": 4})
    controller.undo_stack.undo()
    field = window.inspector.red_line_basis
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.selectAll()
    QTest.keyClicks(field, "EU Reg. 2022/263 art. 2")
    window.menu_actions.redo.trigger()
    assert controller.document.cell(*key).impact == 4  # redone
    assert field.text() == "EU Reg. 2022/263 art. 2"  # and the typing kept
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: controller.document.cell(*key).red_line_basis == "EU Reg. 2022/263 art. 2")  # fmt: skip
    # Another cell shown fills the field from that cell.
    assert window.matrix_view.select_cell("tomtor", "sanctions")
    assert field.text() == controller.document.cell("tomtor", "sanctions").red_line_basis


@pytest.mark.parametrize("field", ["likelihood", "impact", "likelihood_high"])
@pytest.mark.parametrize("same_cell", [False, True])
def test_redo_keeps_a_score_being_typed(open_window, template_path, qtbot, field, same_cell):
    """A score typed in the inspector and not yet applied stays as typed through a Redo (of
    another cell's edit, or of this cell's), and leaving the field applies it."""
    window = open_window(template_path)
    controller = window.controller
    key = ("seligdar", "geology")
    other = key if same_cell else ("chuktukon", "political")
    assert controller.edit_cells([other], {"status": "draft"})
    controller.undo_stack.undo()
    window.activateWindow()
    assert window.matrix_view.select_cell(*key)
    spin = getattr(window.inspector, field)
    spin.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spin.lineEdit() or spin.hasFocus())
    spin.selectAll()
    typed = "5" if field.endswith("high") else "2"
    QTest.keyClicks(spin, typed)
    window.menu_actions.redo.trigger()
    assert controller.document.cell(*other).status == "draft"  # redone
    assert spin.text() == typed  # and the typing kept
    QTest.keyClick(spin, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: str(getattr(controller.document.cell(*key), field)) == typed)


def test_removing_the_project_keeps_its_typed_rationale_for_undo(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    _type_rationale(window, qtbot, " TYPED-BEFORE-REMOVE")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.menu_actions.remove_project.trigger()
    assert "tomtor" not in {p.id for p in window.controller.document.projects}
    window.controller.undo_stack.undo()
    cell = window.controller.document.cell("tomtor", "sanctions")
    assert cell is not None and cell.rationale.endswith(" TYPED-BEFORE-REMOVE")


@pytest.mark.parametrize("kind", ["project", "criterion"])
def test_the_only_item_can_be_removed_when_no_cell_can_be_selected(
    open_window, tmp_path, monkeypatch, kind
):
    """A project in a matrix without criteria (or the reverse) has no cell to select."""
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    key, item = ("projects", "Alpha") if kind == "project" else ("criteria", "Cost")
    save(parse_assessment({key: [{"id": item.lower(), "name": item}]}), tmp_path / "one.rrisk")
    window = open_window(tmp_path / "one.rrisk")
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    actions = window.menu_actions
    (actions.remove_project if kind == "project" else actions.remove_criterion).trigger()
    document = window.controller.document
    assert document.projects == [] and document.criteria == []
    assert len(asked) == 1 and item in asked[0]
