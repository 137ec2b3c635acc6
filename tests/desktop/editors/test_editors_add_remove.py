"""Adding and removing items through the editors; confirmations; exact undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from results_fixtures import ranked_document, with_evidence

from desktop.document.controller import DocumentController
from rrisk.model import assessment_to_data


@pytest.fixture
def controller(qtbot):
    return DocumentController(with_evidence(ranked_document()))


@pytest.fixture
def answers(monkeypatch):
    """Patch the confirmation box; records the questions asked and answers from a list."""
    asked: list[str] = []
    replies: list[QMessageBox.StandardButton] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return replies.pop(0) if replies else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked, replies


@pytest.mark.parametrize(
    ("editor", "field"),
    [
        ("criteria", "criteria"),
        ("projects", "projects"),
        ("sources", "sources"),
        ("scenarios", "scenarios"),
    ],
)
def test_add_then_undo_restores_exactly(panel, controller, editor, field):
    list_editor = getattr(panel, editor)
    panel.setCurrentWidget(list_editor)
    before = assessment_to_data(controller.document)
    count = list_editor.model.rowCount()
    new_id = list_editor.add_item()
    assert new_id is not None
    assert new_id in [item.id for item in getattr(controller.document, field)]
    assert list_editor.model.rowCount() == count + 1
    assert list_editor.current_id() == new_id
    assert list_editor.form_title.text().endswith(f"id {new_id}")
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert list_editor.model.rowCount() == count


@pytest.mark.parametrize(
    ("editor", "item_id", "words"),
    [
        ("criteria", "sanctions", ["Sanctions exposure", "3 cells", "2 scenario overrides"]),
        ("projects", "tomtor", ["Tomtor", "3 cells (3 assessed)", "1 scenario override"]),
        ("sources", "kommersant", ["Kommersant article", "1 evidence link in 1 cell cites it"]),
    ],
)
def test_remove_asks_naming_the_loss_and_undo_restores(
    panel, controller, answers, editor, item_id, words
):
    asked, replies = answers
    list_editor = getattr(panel, editor)
    panel.setCurrentWidget(list_editor)
    list_editor.select_id(item_id)
    before = assessment_to_data(controller.document)
    replies.append(QMessageBox.StandardButton.Cancel)
    assert list_editor.remove_current() is False
    assert assessment_to_data(controller.document) == before
    assert len(asked) == 1
    for word in words:
        assert word in asked[0]
    assert list_editor.remove_current() is True
    field = list_editor.field
    assert item_id not in [item.id for item in getattr(controller.document, field)]
    if editor != "sources":
        assert all(item_id not in row for row in controller.document.cells.values())
        assert item_id not in controller.document.cells
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert list_editor.model.row_of(item_id) >= 0
    # The item brought back is the one shown (the form stayed on the neighbour the removal
    # had made current), and Redo removes it again.
    assert list_editor.current_id() == item_id
    assert list_editor.form_page.isEnabled()
    controller.undo_stack.redo()
    assert list_editor.model.row_of(item_id) < 0


def test_removing_a_criterion_says_which_exclusions_go_with_it(panel, controller, answers):
    """Its rule and its cells' red lines go with a criterion: the question names them and the
    projects they alone exclude, which the ranking would take back in."""
    asked, replies = answers
    assert controller.edit_cell(
        "chuktukon", "cost", {"red_line": True, "red_line_reason": "forced labour"}
    )
    editor = panel.criteria
    panel.setCurrentWidget(editor)
    for criterion_id in ("sanctions", "cost", "market"):
        editor.select_id(criterion_id)
        replies.append(QMessageBox.StandardButton.Cancel)
        assert editor.remove_current() is False
    sanctions, cost, market = asked
    assert "its red-line rule (r ≥ 20)" in sanctions
    assert "Tomtor is excluded by its red lines alone: it would be ranked again" in sanctions
    assert "4 cells scored on it (1 with a red line)" in cost
    assert "Chuktukon is excluded by its red lines alone" in cost
    assert "red-line rule" not in market
    assert "ranked again" not in market
    # Under a scenario that lifts the red line, the baseline's exclusion is still named.
    controller.set_scenario("sanctions-eased")
    editor.select_id("sanctions")
    replies.append(QMessageBox.StandardButton.Cancel)
    assert editor.remove_current() is False
    assert "Tomtor is excluded by its red lines alone" in asked[-1]


def test_removing_a_project_names_its_screening_decisions_and_territory_override(
    panel, controller, answers
):
    """A project's screening decisions and territory override, written by the analyst, go
    with it: the question names them with its cells."""
    from desktop.document.screening_edits import HitChoice

    asked, replies = answers
    assert controller.edit_item("project", "tomtor", {"region": "Crimea"})
    assert controller.override_territory("tomtor", "crimea", "Offices only, none on site")
    for entry in ("e1", "e2"):
        choice = HitChoice(
            "tomtor", "Rosneft", entry, "Rosneft", "Rosneft", 1.0, ("RUSSIA-EO14024",), "confirmed"
        )
        assert controller.decide_hit(choice, "Bundled list", "2025-01-01")
    before = assessment_to_data(controller.document)
    editor = panel.projects
    panel.setCurrentWidget(editor)
    editor.select_id("tomtor")
    replies.append(QMessageBox.StandardButton.Cancel)
    assert editor.remove_current() is False
    assert assessment_to_data(controller.document) == before
    assert (
        "This also deletes its 3 cells (3 assessed), 1 scenario override, 2 screening "
        "decisions and 1 territory override." in asked[0]
    )


def test_removing_an_item_without_cells_names_only_what_goes_with_it(panel, controller, answers):
    """A criterion or project scored nowhere loses no cells: the question counts none, and
    with nothing else going with it, says nothing else goes."""
    asked, replies = answers
    editor = panel.criteria
    panel.setCurrentWidget(editor)
    criterion_id = editor.add_item()
    assert criterion_id is not None
    replies.append(QMessageBox.StandardButton.Cancel)
    assert editor.remove_current() is False
    assert "New criterion”?<br><br>Undo (Ctrl+Z) brings it back." in asked[-1]
    assert controller.edit_item("criterion", criterion_id, {"red_line_rule": {"threshold": 16}})
    replies.append(QMessageBox.StandardButton.Cancel)
    assert editor.remove_current() is False
    assert "This also deletes its red-line rule (r ≥ 16).<br>Undo" in asked[-1]
    assert "cell" not in asked[-1]
    projects = panel.projects
    panel.setCurrentWidget(projects)
    project_id = projects.add_item()
    assert project_id is not None
    assert controller.edit_item("project", project_id, {"region": "Crimea"})
    assert controller.override_territory(project_id, "crimea", "Offices only, none on site")
    replies.append(QMessageBox.StandardButton.Cancel)
    assert projects.remove_current() is False
    assert "This also deletes its 1 territory override.<br>Undo" in asked[-1]
    assert "cell" not in asked[-1]
    assert projects.remove_current()
    assert project_id not in [p.id for p in controller.document.projects]


def test_scenario_and_unused_source_are_removed_without_asking(panel, controller, answers):
    asked, _ = answers
    before = assessment_to_data(controller.document)
    panel.sources.select_id("usgs")
    assert panel.sources.remove_current()
    panel.scenarios.select_id("sanctions-eased")
    assert panel.scenarios.remove_current()
    assert asked == []
    assert controller.document.sources[0].id == "kommersant"
    assert controller.document.scenarios == []
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before


def test_insert_and_delete_keys(qtbot, panel, controller, answers):
    asked, _ = answers
    editor = panel.projects
    panel.setCurrentWidget(editor)
    editor.select_id("lovozero")
    before = len(controller.document.projects)
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert len(controller.document.projects) == before + 1
    new_id = editor.current_id()
    assert new_id == "new-project"
    # The name cell opened for typing; Escape leaves it as is.
    qtbot.keyClick(editor.table.focusWidget(), Qt.Key.Key_Escape)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert len(controller.document.projects) == before
    assert "New project" in asked[-1]


def test_removing_the_selected_project_in_results_clears_selection(panel, controller, answers):
    controller.select("tomtor", "sanctions")
    panel.projects.select_id("tomtor")
    assert panel.projects.remove_current()
    assert controller.selection == (None, "sanctions")


def test_adding_twice_gives_two_names_so_scenarios_stay_unambiguous(panel, controller):
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    first, second = editor.add_item(), editor.add_item()
    assert first is not None and second is not None
    names = [s.name for s in controller.document.scenarios]
    assert names.count("New scenario") == 1 and "New scenario 2" in names


@pytest.mark.parametrize(
    ("editor", "field"),
    [("criteria", "criteria"), ("projects", "projects"), ("sources", "sources")],
)
def test_move_up_and_down_reorders_as_one_undo_step_each(panel, controller, qtbot, editor, field):
    list_editor = getattr(panel, editor)
    panel.setCurrentWidget(list_editor)
    if len(getattr(controller.document, field)) < 3:
        label = "title" if field == "sources" else "name"
        assert controller.add_item(list_editor.kind, {label: "Third"})
    before = assessment_to_data(controller.document)
    ids = [item.id for item in getattr(controller.document, field)]
    assert len(ids) >= 3
    list_editor.select_id(ids[0])
    assert not list_editor.up_button.isEnabled() and list_editor.down_button.isEnabled()
    list_editor.down_button.click()
    assert [item.id for item in getattr(controller.document, field)][:2] == [ids[1], ids[0]]
    assert list_editor.current_id() == ids[0] and list_editor.up_button.isEnabled()
    # From the keyboard: Alt+Down, then Alt+Up back.
    list_editor.table.setFocus()
    qtbot.keyClick(list_editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [item.id for item in getattr(controller.document, field)][:3] == [ids[1], ids[2], ids[0]]
    qtbot.keyClick(list_editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [item.id for item in getattr(controller.document, field)][:2] == [ids[1], ids[0]]
    list_editor.select_id(ids[-1])
    assert list_editor.up_button.isEnabled() and not list_editor.down_button.isEnabled()
    for _ in range(3):
        controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before


def test_a_project_moved_in_the_editor_moves_in_the_matrix(panel, controller):
    from desktop.matrix.model import MatrixModel

    matrix = MatrixModel(controller)
    first = matrix.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
    panel.projects.select_id(controller.document.projects[0].id)
    panel.projects.down_button.click()
    assert matrix.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) == first


def test_a_form_with_nothing_selected_shows_no_values(qtbot):
    """With no criterion (a blank assessment, or the last one removed), the criteria form
    shows no red-line rule ticked, no category or weight, nor the removed one's name."""
    from desktop.editors.panel import EditorsPanel
    from rrisk.templates import new_from_template

    controller = DocumentController(new_from_template("blank"))
    panel = EditorsPanel(controller)
    qtbot.addWidget(panel)
    panel.show()
    criteria = panel.criteria
    assert not criteria.rule_box.isChecked()
    assert criteria.category_combo.currentText() == ""
    controller.add_item("criterion", {"id": "graft", "name": "Graft", "weight": 2})
    criteria.select_id("graft")
    assert criteria.name_edit.text() == "Graft"
    assert criteria.weight_spin.text() == "2.00"
    controller.remove_item("criterion", "graft")
    assert criteria.current_item() is None
    assert criteria.name_edit.text() == ""
    assert criteria.weight_spin.text() == ""
    assert criteria.category_combo.currentText() == ""
    controller.undo_stack.undo()
    criteria.select_id("graft")
    assert (criteria.name_edit.text(), criteria.weight_spin.text()) == ("Graft", "2.00")
