"""Undo and redo bring the view to the edit they take back or make again: its scenario (or
the baseline) and its cell, and say what they did."""

from __future__ import annotations

import pytest
from desktop_documents import make_document

from desktop.document.controller import DocumentController
from rrisk.model import Scenario

SCENARIO = "eased"
OTHER = "tightened"


@pytest.fixture
def controller(qtbot) -> DocumentController:
    document = make_document()
    document.scenarios.append(Scenario(id=OTHER, name="Controls tightened"))
    return DocumentController(document)


def override(controller: DocumentController, scenario_id: str, key: tuple[str, str]):
    scenario = next(s for s in controller.document.scenarios if s.id == scenario_id)
    return next((o for o in scenario.cell_overrides if (o.project, o.criterion) == key), None)


@pytest.mark.parametrize("shown_later", [None, OTHER])
def test_undo_and_redo_of_a_scenario_edit_show_that_scenario_and_cell(
    controller, shown_later
) -> None:
    told: list[str] = []
    controller.historyStepped.connect(told.append)
    controller.set_scenario(SCENARIO)
    controller.select("p2", "c1")
    assert controller.edit_cell("p2", "c1", {"likelihood": 5})
    controller.set_scenario(shown_later)
    controller.select("p0", "c3")

    assert controller.undo()
    assert override(controller, SCENARIO, ("p2", "c1")) is None
    assert controller.scenario_id == SCENARIO  # the user sees the change
    assert controller.selection == ("p2", "c1")
    assert told[-1].startswith("Undone: Edit likelihood of Project 2 / Criterion 1")
    assert "now showing scenario “Sanctions eased”" in told[-1]

    controller.set_scenario(shown_later)
    assert controller.redo()
    assert override(controller, SCENARIO, ("p2", "c1")).likelihood == 5
    assert controller.scenario_id == SCENARIO
    assert told[-1].startswith("Redone: Edit likelihood")
    # Already there: nothing to add about the view.
    assert controller.undo()
    assert told[-1] == f"Undone: {controller.undo_stack.redoText()}"


def test_a_baseline_edit_undone_under_a_scenario_shows_the_baseline(controller) -> None:
    # The scenario overrides p0/c0, so undoing the baseline's p0/c0 there would show nothing.
    assert controller.edit_cell("p0", "c0", {"impact": 4})
    controller.set_scenario(SCENARIO)
    told: list[str] = []
    controller.historyStepped.connect(told.append)
    assert controller.undo()
    assert controller.scenario_id is None
    assert controller.selection == ("p0", "c0")
    assert told[-1].endswith("— now showing Baseline"), told[-1]


def test_an_override_edited_in_the_scenario_editor_belongs_to_its_scenario(controller) -> None:
    # Made with the baseline shown (Editors → Scenarios edits any scenario).
    assert controller.edit_item(
        "scenario", OTHER, {"cell_overrides": [{"project": "p1", "criterion": "c2", "impact": 5}]}
    )
    assert controller.scenario_id is None
    assert controller.undo()
    assert controller.scenario_id == OTHER
    assert override(controller, OTHER, ("p1", "c2")) is None


def test_undo_of_a_removed_scenario_shows_it_again(controller) -> None:
    controller.set_scenario(OTHER)
    assert controller.remove_item("scenario", OTHER)
    assert controller.scenario_id is None  # gone: the view is the baseline's
    assert controller.undo()
    assert controller.scenario_id == OTHER
    assert controller.redo()
    assert controller.scenario_id is None


def test_keep_selection_leaves_the_cell_but_follows_the_scenario(controller) -> None:
    controller.set_scenario(SCENARIO)
    controller.select("p2", "c1")
    assert controller.edit_cell("p2", "c1", {"likelihood": 5})
    controller.set_scenario(None)
    controller.select("p1", "c1")
    assert controller.undo(keep_selection=True)
    assert controller.scenario_id == SCENARIO
    assert controller.selection == ("p1", "c1")


def test_nothing_to_undo_or_redo_says_nothing(controller) -> None:
    told: list[str] = []
    controller.historyStepped.connect(told.append)
    assert not controller.undo()
    assert not controller.redo()
    assert told == []


def test_a_weight_typed_under_a_scenario_is_the_scenarios(controller) -> None:
    baseline = controller.document.criterion("c2").weight
    controller.set_scenario(SCENARIO)
    steps = controller.undo_stack.count()
    assert controller.edit_item("criterion", "c2", {"weight": 4.5})
    assert controller.undo_stack.count() == steps + 1
    assert controller.document.criterion("c2").weight == baseline  # the baseline is untouched
    scenario = controller.document.scenarios[0]
    assert scenario.weight_overrides == {"c0": 0.5, "c2": 4.5}
    assert controller.weight_in_view("c2") == (4.5, True)
    assert float(controller.result.matrix.weights[2]) == 4.5  # the views score with it
    # A weight edit and another field at once: one step, the name to the criterion.
    assert controller.edit_item("criterion", "c2", {"weight": 3, "name": "Costs"})
    assert controller.undo_stack.count() == steps + 2
    assert controller.document.criterion("c2").name == "Costs"
    assert controller.document.scenarios[0].weight_overrides["c2"] == 3
    controller.undo_stack.undo()
    controller.set_scenario(None)
    assert controller.undo()  # the weight edit: back to the scenario it was made in
    assert controller.scenario_id == SCENARIO
    assert "c2" not in controller.document.scenarios[0].weight_overrides
    assert controller.weight_in_view("c2") == (baseline, False)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [(1500, "not a weight from 0 to 1000"), (-1, "not a weight"), (1e-9, "below the smallest")],
)
def test_a_scenario_weight_out_of_reach_is_refused_with_the_reason(
    controller, typed, reason
) -> None:
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    controller.set_scenario(SCENARIO)
    before = controller.document.model_copy(deep=True)
    assert not controller.edit_item("criterion", "c1", {"weight": typed})
    assert reason in errors[-1] and "Criterion 1" in errors[-1] and "Sanctions eased" in errors[-1]
    assert controller.document == before
    assert controller.undo_stack.count() == 0


def test_blank_drops_the_scenario_weight_and_the_baseline_is_edited_under_baseline(
    controller,
) -> None:
    controller.set_scenario(SCENARIO)
    assert controller.edit_scenario_weight("c0", "")
    assert controller.document.scenarios[0].weight_overrides == {}
    assert controller.edit_scenario_weight("c0", None)  # nothing left to drop: no step
    assert controller.undo_stack.count() == 1
    controller.set_scenario(None)
    assert controller.edit_item("criterion", "c0", {"weight": 2.5})
    assert controller.document.criterion("c0").weight == 2.5
    assert controller.document.scenarios[0].weight_overrides == {}


@pytest.mark.parametrize(("kind", "item_id"), [("criterion", "c1"), ("project", "p2")])
def test_undoing_the_removal_of_the_selected_row_or_column_selects_the_cell_again(
    controller, kind: str, item_id: str
) -> None:
    controller.select("p2", "c1")
    assert controller.remove_item(kind, item_id)
    assert None in controller.selection  # half of it went with the row or column
    assert controller.undo()
    assert controller.selection == ("p2", "c1")
    assert controller.redo() and controller.undo()
    assert controller.selection == ("p2", "c1")


@pytest.mark.parametrize(
    ("edit", "args"),
    [
        ("edit_cells", ([("p0", "c1")], {"likelihood": 1, "status": "no-such-status"})),
        ("edit_item", ("criterion", "c1", {"weight": 3, "name": ""})),
    ],
)
def test_a_refused_edit_under_a_scenario_changes_nothing_and_leaves_no_step(
    controller, edit: str, args: tuple
) -> None:
    """Under a scenario, scores and weights go to its overrides and the other fields to the
    baseline: when the second half is refused, the first is taken back, with no Redo."""
    controller.set_scenario(SCENARIO)
    before = controller.document.model_dump_json()
    steps = controller.undo_stack.count()
    assert not getattr(controller, edit)(*args)
    assert controller.document.model_dump_json() == before
    assert not controller.is_modified
    assert controller.undo_stack.count() == steps
    assert not controller.undo_stack.canRedo()


def test_ctrl_z_goes_to_the_undone_cell_alone_so_the_next_edit_changes_it_only(window, qtbot):
    """Undo by Ctrl+Z selects the undone edit's cell, and only it: chosen while Ctrl was
    down, the cell was added to the cell the user had clicked since, and the next edit in the
    inspector changed both."""
    from PySide6.QtCore import Qt

    view = window.matrix_view
    qtbot.waitExposed(window)
    view.select_cell("tomtor", "sanctions")
    window.inspector.likelihood.setValue(2)
    clicked = view.matrix_model.cell_index("seligdar", "market-access")
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(clicked).center()
    )
    assert view.selected_keys() == [("seligdar", "market-access")]
    before = window.controller.document.cell("seligdar", "market-access").likelihood
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.selection == ("tomtor", "sanctions")
    assert view.selected_keys() == [("tomtor", "sanctions")]
    window.inspector.likelihood.setValue(1)
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert window.controller.document.cell("seligdar", "market-access").likelihood == before


@pytest.mark.parametrize("step", ["undo", "redo"])
def test_undo_and_redo_scroll_the_selected_cell_back_into_sight(qtbot, step: str) -> None:
    """The edited cell is still the selected one, but the matrix was scrolled away from it:
    Undo and Redo scroll it back into sight (the change was made where nobody saw it)."""
    from desktop_documents import shown_matrix

    view = shown_matrix(qtbot, make_document(projects=80, criteria=12), size=(500, 300))
    view.test_host.resize(500, 300)
    view.test_host.show()
    qtbot.waitExposed(view)
    controller = view.matrix_model._controller
    assert view.select_cell("p70", "c10")
    assert view.set_value("likelihood", 5)
    if step == "redo":
        assert controller.undo()
    view.verticalScrollBar().setValue(0)
    view.horizontalScrollBar().setValue(0)
    cell = view.matrix_model.cell_index("p70", "c10")
    assert not view.viewport().rect().intersects(view.visualRect(cell))

    assert getattr(controller, step)()
    assert controller.selection == ("p70", "c10")
    assert view.viewport().rect().contains(view.visualRect(cell))


def test_redoing_the_rename_of_the_scenario_shown_says_the_view_did_not_move(controller) -> None:
    """A new scenario's id follows its name: redoing its rename while it is shown changes the
    id of the scenario in view, not the view, so the status line adds no "now showing"."""
    told: list[str] = []
    controller.historyStepped.connect(told.append)
    assert controller.add_item("scenario", {"name": "Ceasefire holds"})
    first = controller.document.scenarios[-1].id
    controller.set_scenario(first)
    assert controller.edit_item("scenario", first, {"name": "Ceasefire collapses"})
    assert controller.undo()
    assert controller.scenario_id == first
    assert "now showing" not in told[-1], told[-1]
    assert controller.redo()
    assert controller.scenario_id == controller.document.scenarios[-1].id != first
    assert "now showing" not in told[-1], told[-1]
    # From another view, the step still says where it went.
    controller.set_scenario(None)
    assert controller.undo()
    assert told[-1].endswith("now showing scenario “Ceasefire holds”"), told[-1]
