"""The acceptance path on the real window: edit the template, undo, save as, reopen."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from rrisk.fileformat import load, save
from rrisk.model import assessment_to_data

REQUIRED_NAMES = (
    "matrixView",
    "cellInspector",
    "rankingView",
    "actionNew",
    "actionOpen",
    "actionSave",
    "actionSaveAs",
    "actionExportMemo",
    "actionUndo",
    "actionRedo",
    "likelihoodSpin",
    "impactSpin",
    "scenarioSelector",
)


def _find(window, kind, name):
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def ranking_index_text(window, project_id: str) -> str:
    """The text of the Index column for a project in the ranking view."""
    view = _find(window, QAbstractItemView, "rankingView")
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("Index")
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if model.data(index, Qt.ItemDataRole.UserRole + 2) == project_id:
            return model.data(index)
    raise AssertionError(f"{project_id} is not in the ranking")


def _snapshot(window) -> str:
    return json.dumps(assessment_to_data(window.controller.document))


def test_every_contract_object_name_exists(open_window, template_path):
    window = open_window(template_path)
    for name in REQUIRED_NAMES:
        assert window.findChild(QWidget, name) or window.findChild(object, name), name


def test_edit_undo_redo_structure_save_as_and_reopen(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    controller = window.controller
    assert window.windowTitle().startswith("rare-earths.rrisk[*]")
    assert not window.isWindowModified()
    original = _snapshot(window)

    # Select a cell in the matrix: the inspector follows.
    view = window.matrix_view
    model = view.model()
    cell = model.cell_index("tomtor", "market-access")
    view.setCurrentIndex(cell)
    assert controller.selection == ("tomtor", "market-access")
    likelihood = _find(window, QSpinBox, "likelihoodSpin")
    impact = _find(window, QSpinBox, "impactSpin")
    assert "Tomtor" in window.inspector.title.text()

    index_before = ranking_index_text(window, "tomtor")
    likelihood.setValue(5)
    impact.setValue(5)
    doc_cell = controller.document.cell("tomtor", "market-access")
    assert (doc_cell.likelihood, doc_cell.impact) == (5, 5)
    assert model.data(cell).startswith("5×5  25")
    index_after = ranking_index_text(window, "tomtor")
    assert float(index_after) > float(index_before)
    assert window.isWindowModified()
    edited = _snapshot(window)

    # Undo twice restores the document exactly; redo brings the edit back.
    undo = _find(window, object, "actionUndo")
    redo = _find(window, object, "actionRedo")
    undo.trigger()
    undo.trigger()
    assert _snapshot(window) == original
    assert ranking_index_text(window, "tomtor") == index_before
    assert likelihood.value() == (controller.document.cell("tomtor", "market-access").likelihood)
    redo.trigger()
    redo.trigger()
    assert _snapshot(window) == edited
    assert ranking_index_text(window, "tomtor") == index_after

    # Add and remove a project and a criterion through the Edit menu actions: each is named
    # in place, in its header, without a dialog; a new item's id follows its name.
    _find(window, object, "actionAddProject").trigger()
    assert controller.document.projects[-1].name == "New project"
    editor = view.quick_add.editor
    assert editor is not None and editor.text() == "New project"
    editor.setText("Kola Peninsula")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert controller.document.projects[-1].name == "Kola Peninsula"
    assert model.rowCount() == len(controller.document.projects)
    assert controller.selection[0] == "kola-peninsula"
    _find(window, object, "actionAddCriterion").trigger()
    editor = view.quick_add.editor
    assert editor is not None
    editor.setText("Water stress")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert controller.document.criteria[-1].id == "water-stress"
    assert model.columnCount() == len(controller.document.criteria)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.setCurrentIndex(model.cell_index("seligdar", "geology"))
    _find(window, object, "actionRemoveProject").trigger()
    _find(window, object, "actionRemoveCriterion").trigger()
    ids = [p.id for p in controller.document.projects]
    assert "seligdar" not in ids and "kola-peninsula" in ids
    assert "geology" not in [c.id for c in controller.document.criteria]
    expected = _snapshot(window)

    # Save As, then reopen in a fresh window and find exactly the edited document.
    target = tmp_path / "saved" / "edited-case"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "RRisk (*.rrisk)")
    )
    _find(window, object, "actionSaveAs").trigger()
    saved = target.with_name("edited-case.rrisk")
    assert saved.exists()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("edited-case.rrisk")
    assert json.dumps(assessment_to_data(load(saved))) == expected

    window.close()  # (a second window of this process would not open the same file)
    reopened = open_window()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), "RRisk (*.rrisk)")
    )
    _find(reopened, object, "actionOpen").trigger()
    assert _snapshot(reopened) == expected
    assert str(saved.resolve()) == reopened.settings.recent_files()[0]


def test_unsaved_changes_prompt_cancel_keeps_the_window_open(
    open_window, template_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    window.matrix_view.select_cell("tomtor", "sanctions")
    window.inspector.likelihood.setValue(1)
    assert window.isWindowModified()
    asked = []

    def answer_cancel(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer_cancel)
    assert not window.close()
    assert window.isVisible()
    assert len(asked) == 1 and "rare-earths.rrisk" in asked[0]
    assert "before closing it?" in asked[0]
    # New and Open ask too, saying what is about to happen, and Cancel keeps the document.
    _find(window, object, "actionNew").trigger()
    _find(window, object, "actionOpen").trigger()
    assert len(asked) == 3
    assert "before starting a new assessment?" in asked[1]
    assert "before opening another file?" in asked[2]
    assert window.controller.path == template_path
    assert window.isWindowModified()


def test_unsaved_changes_save_and_discard(open_window, template_path, qtbot, monkeypatch):
    window = open_window(template_path)
    window.matrix_view.select_cell("tomtor", "sanctions")
    window.inspector.impact.setValue(2)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Save)
    assert window.files.close_document()
    assert load(template_path).cell("tomtor", "sanctions").impact == 2
    assert window.stack.currentWidget() is window.start_screen
    assert window.windowTitle() == "RRisk"

    window.files.open_path(template_path)
    window.matrix_view.select_cell("tomtor", "sanctions")
    window.inspector.impact.setValue(3)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert load(template_path).cell("tomtor", "sanctions").impact == 2


def test_scenario_selector_recomputes_every_view(open_window, template_path, qtbot):
    window = open_window(template_path)
    selector = _find(window, QComboBox, "scenarioSelector")
    names = [selector.itemText(i) for i in range(selector.count())]
    assert names[0] == "Baseline" and len(names) == len(window.controller.document.scenarios) + 1
    baseline = {p.id: ranking_index_text(window, p.id) for p in window.controller.document.projects}
    with qtbot.waitSignal(window.controller.resultChanged):
        selector.setCurrentIndex(1)
        selector.activated.emit(1)
    scenario_id = window.controller.document.scenarios[0].id
    assert window.controller.scenario_id == scenario_id
    changed = {p: ranking_index_text(window, p) for p in baseline}
    assert changed != baseline
    # The toolbar selector is the only one; the results panel names the chosen scenario.
    results = window.results_panel
    assert not results.scenario_selector.isVisible()
    assert results.scenario_label.isVisible()
    chosen = window.controller.document.scenarios[0].name
    assert results.scenario_label.text().startswith(f"Scenario: {chosen}")
    visible = [
        box.objectName()
        for box in window.findChildren(QComboBox)
        if box.isVisible() and "cenario" in box.objectName()
    ]
    assert visible == ["scenarioSelector"]
    window.controller.set_scenario(None)
    assert selector.currentIndex() == 0
    assert results.scenario_label.text() == "Scenario: Baseline"


def test_scenario_chosen_on_a_large_matrix_says_so_while_the_views_are_recomputed(
    open_window, template_path, monkeypatch
):
    """A second or more at 2,000 × 40, all views recomputed: the pointer waits and the
    status bar says which scenario is being shown, until it is shown."""
    from desktop.window import main_window

    window = open_window(template_path)
    selector = _find(window, QComboBox, "scenarioSelector")
    seen: list[tuple[str, bool]] = []
    window.controller.resultChanged.connect(
        lambda: seen.append(
            (window.statusBar().currentMessage(), QApplication.overrideCursor() is not None)
        )
    )
    selector.activated.emit(1)  # the template's 7 × 8: no wait to speak of
    assert seen == [("", False)]
    monkeypatch.setattr(main_window, "LARGE_SWITCH", 56)
    seen.clear()
    selector.activated.emit(2)
    selector.activated.emit(0)
    name = window.controller.document.scenarios[1].name
    assert seen == [(f"Showing scenario “{name}”…", True), ("Showing the baseline…", True)]
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == ""
    assert window.controller.scenario_id is None


def test_scenario_selector_shows_a_name_with_a_line_break_on_one_line(open_window, template_path):
    """The selector is one line high: a name's line break (a file may hold one) showed half
    of each line; the name is listed with a space, and choosing it still chooses it."""
    document = load(template_path)
    document.scenarios[0].name = "Sanctions\neased\tfurther"
    save(document, template_path)
    window = open_window(template_path)
    selector = _find(window, QComboBox, "scenarioSelector")
    assert selector.itemText(1) == "Sanctions eased further"
    selector.setCurrentIndex(1)
    selector.activated.emit(1)
    assert window.controller.scenario_id == document.scenarios[0].id


def test_save_error_is_shown_with_the_file_name(open_window, template_path, tmp_path, monkeypatch):
    window = open_window(template_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    folder_as_file = tmp_path / "not-a-folder"
    folder_as_file.write_text("x")
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(folder_as_file / "case.rrisk"), ""),
    )
    assert not window.files.save_as()
    assert len(shown) == 1 and "case.rrisk" in shown[0]
    assert "Traceback" not in shown[0]
    assert window.controller.path == template_path


def test_save_writes_to_the_same_file(open_window, template_path, qtbot):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Committee draft"})
    _find(window, object, "actionSave").trigger()
    assert load(template_path).title == "Committee draft"
    assert not window.isWindowModified()
    assert Path(window.controller.path) == template_path


def test_choosing_a_project_elsewhere_keeps_a_cell_in_the_inspector(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    window.matrix_view.select_cell("tomtor", "sanctions")
    window.controller.select("seligdar", None)  # as the ranking table does
    qtbot.waitUntil(lambda: window.controller.selection == ("seligdar", "sanctions"))
    assert "Seligdar" in window.inspector.title.text()
    index = window.matrix_view.currentIndex()
    assert window.matrix_view.model().project_id(index.row()) == "seligdar"


def test_what_an_edit_left_undone_is_said_aloud(open_window, template_path, said_aloud):
    """Marking a selection reviewed leaves a cell without both scores as it was, which only
    the status bar said: a screen reader user heard nothing of the cells left draft."""
    window = open_window(template_path)
    controller = window.controller
    document = controller.document
    keys = [(document.projects[0].id, criterion.id) for criterion in document.criteria[:2]]
    assert controller.edit_cell(*keys[0], {"likelihood": None})
    said_aloud.clear()
    assert controller.edit_cells(keys, {"status": "reviewed"})
    notice = window.statusBar().currentMessage()
    assert "1 without both likelihood and impact left as it was" in notice
    assert said_aloud == [notice]
