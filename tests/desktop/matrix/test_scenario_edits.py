"""Edits under a scenario edit what is shown: the scenario's override of the cell, one undo
step, marked in the matrix, heat map and 5×5, with the baseline named and a Clear override."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.matrix.inspector import NO_VALUE, CellInspector
from desktop.matrix.model import MatrixModel, OverrideRole
from desktop.ui.override_mark import OVERRIDE_SYMBOL
from rrisk.scoring import score

SCENARIO = "eased"


@pytest.fixture
def controller(qtbot) -> DocumentController:
    return DocumentController(make_document())


def shown(controller: DocumentController, project: str, criterion: str) -> tuple[int, int]:
    result = controller.result
    row = result.row_of(project)
    column = result.matrix.criterion_ids.index(criterion)
    return int(result.matrix.likelihood[row, column]), int(result.matrix.impact[row, column])


def override(controller: DocumentController, project: str, criterion: str):
    scenario = next(s for s in controller.document.scenarios if s.id == SCENARIO)
    return next(
        (o for o in scenario.cell_overrides if (o.project, o.criterion) == (project, criterion)),
        None,
    )


def test_a_score_typed_under_a_scenario_is_the_scenarios(controller) -> None:
    baseline = controller.document.cell("p1", "c1").model_copy()
    controller.set_scenario(SCENARIO)
    steps = controller.undo_stack.count()
    assert controller.edit_cell("p1", "c1", {"likelihood": 2})
    assert controller.undo_stack.count() == steps + 1
    assert controller.document.cell("p1", "c1") == baseline  # the baseline is untouched
    assert override(controller, "p1", "c1").likelihood == 2
    assert shown(controller, "p1", "c1")[0] == 2  # the views show it at once
    # The scenario's scores are what the engine uses under it, and only there.
    assert score(controller.document, SCENARIO).matrix.likelihood[1, 1] == 2
    assert score(controller.document).matrix.likelihood[1, 1] == baseline.likelihood
    controller.undo_stack.undo()
    assert override(controller, "p1", "c1") is None
    assert shown(controller, "p1", "c1")[0] == baseline.likelihood


def test_multi_cell_edits_ranges_and_clearing_under_a_scenario(controller) -> None:
    controller.set_scenario(SCENARIO)
    keys = [("p0", "c1"), ("p1", "c2"), ("p2", "c3")]
    assert controller.edit_cells(keys, {"impact": 4})
    assert all(override(controller, *key).impact == 4 for key in keys)
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    assert not controller.edit_cell("p0", "c1", {"likelihood_low": 1})
    assert "select Baseline" in errors[-1]
    # Mixed edits: the score to the scenario, the rationale to the cell, one undo step.
    steps = controller.undo_stack.count()
    assert controller.edit_cell("p0", "c1", {"likelihood": 5, "rationale": "Scenario view"})
    assert controller.undo_stack.count() == steps + 1
    assert override(controller, "p0", "c1").likelihood == 5
    assert controller.document.cell("p0", "c1").rationale == "Scenario view"
    # Delete under a scenario removes the overrides of the selection.
    assert controller.clear_cells(keys)
    assert all(override(controller, *key) is None for key in keys)
    assert controller.document.cell("p0", "c1") is not None  # the baseline cell stays
    assert not controller.clear_cells(keys)  # nothing left to clear: said, not silent
    assert "does not override" in errors[-1]


def test_baseline_edits_with_baseline_selected(controller) -> None:
    assert controller.edit_cell("p1", "c1", {"likelihood": 2})
    assert controller.document.cell("p1", "c1").likelihood == 2
    assert override(controller, "p1", "c1") is None


def test_overridden_cells_are_marked_with_the_baseline_named(qtbot, controller) -> None:
    model = MatrixModel(controller)
    controller.set_scenario(SCENARIO)
    assert controller.edit_cell("p1", "c1", {"likelihood": 2, "impact": 2})
    baseline = controller.document.cell("p1", "c1")
    index = model.cell_index("p1", "c1")
    text = index.data(OverrideRole)
    assert text == (
        f"Scenario “Sanctions eased” sets this cell "
        f"(baseline L {baseline.likelihood} × I {baseline.impact})"
    )
    assert text in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "sets this cell" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.cell_index("p0", "c1").data(OverrideRole) is None
    controller.set_scenario(None)
    assert model.cell_index("p1", "c1").data(OverrideRole) is None  # baseline: no marks


def test_heat_map_and_5x5_show_the_override(qtbot, controller) -> None:
    from desktop.results.heatmap import HeatMapView
    from desktop.results.matrix5x5 import RiskMatrix5x5

    heat = HeatMapView(controller)
    grid = RiskMatrix5x5(controller)
    for widget in (heat, grid):
        qtbot.addWidget(widget)
        widget.resize(700, 500)
        widget.show()
    controller.select("p1", "c1")
    controller.set_scenario(SCENARIO)
    assert controller.edit_cell("p1", "c1", {"likelihood": 2, "impact": 2})
    row = heat.project_ids.index("p1")
    column = heat.criterion_ids.index("c1")
    assert "sets this cell" in heat.tooltip_text(row, column)
    entries = {column: full for column, _name, full, _short, _red in grid._key_entries()}
    assert entries[1].endswith(OVERRIDE_SYMBOL)
    assert not entries[0].endswith(OVERRIDE_SYMBOL)
    # Painting with marks does not fail (the disc sits beside the other marks).
    heat.grab()
    grid.grab()


def test_inspector_edits_and_clears_the_scenario_value(qtbot, controller) -> None:
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    baseline = controller.document.cell("p1", "c1")
    controller.select("p1", "c1")
    assert not inspector.scenario_row.isVisibleTo(inspector)
    controller.set_scenario(SCENARIO)
    assert inspector.scenario_row.isVisibleTo(inspector)
    note = inspector.scenario_note.text()
    assert note == (
        f"Editing scenario “Sanctions eased” — baseline L {baseline.likelihood} × "
        f"I {baseline.impact}"
    )
    assert not inspector.clear_override_button.isVisibleTo(inspector)
    assert not inspector.likelihood_low.isEnabled()  # a scenario has no ranges
    inspector.likelihood.setValue(1 if baseline.likelihood != 1 else 2)
    value = inspector.likelihood.value()
    assert override(controller, "p1", "c1").likelihood == value
    assert f"L {value} ×" in inspector.summary.text()  # what is shown is the scenario's
    assert "overridden here" in inspector.scenario_note.text()
    assert inspector.clear_override_button.isVisibleTo(inspector)
    qtbot.mouseClick(inspector.clear_override_button, Qt.MouseButton.LeftButton)
    assert override(controller, "p1", "c1") is None
    assert inspector.likelihood.value() == baseline.likelihood
    controller.set_scenario(None)
    assert inspector.likelihood_low.isEnabled()
    assert not inspector.scenario_row.isVisibleTo(inspector)


def test_matrix_keys_under_a_scenario_change_the_shown_value(open_window, document_path, qtbot):
    from PySide6.QtWidgets import QAbstractItemView

    window = open_window(document_path)
    controller = window.controller
    controller.set_scenario(SCENARIO)
    ranking = window.findChild(QAbstractItemView, "rankingView").model()

    def ranking_index(project_id: str) -> str:
        headers = [ranking.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
        column = headers.index("Index")
        for row in range(ranking.rowCount()):
            index = ranking.index(row, column)
            if ranking.data(index, Qt.ItemDataRole.UserRole + 2) == project_id:
                return ranking.data(index)
        raise AssertionError(project_id)

    window.matrix_view.select_cell("p1", "c1")
    window.matrix_view.setFocus()
    before = controller.document.cell("p1", "c1").likelihood
    shown_before = ranking_index("p1")
    target = 1 if before != 1 else 3
    qtbot.keyClick(window.matrix_view, str(target))
    assert shown(controller, "p1", "c1")[0] == target
    assert controller.document.cell("p1", "c1").likelihood == before  # baseline untouched
    assert ranking_index("p1") != shown_before  # the ranking shows it at once
    assert window.matrix_view.model().cell_index("p1", "c1").data(OverrideRole)
    controller.undo_stack.undo()
    assert ranking_index("p1") == shown_before
    assert override(controller, "p1", "c1") is None


def test_the_red_line_box_shows_and_edits_the_scenarios_red_line_where_it_sets_one(
    qtbot,
) -> None:
    from rrisk.model import CellOverride, assessment_to_data

    document = make_document()
    document.cells["p1"]["c1"] = document.cells["p1"]["c1"].model_copy(
        update={"red_line": True, "red_line_reason": "Baseline reason"}
    )
    scenario = next(s for s in document.scenarios if s.id == SCENARIO)
    scenario.cell_overrides.append(
        CellOverride(project="p1", criterion="c1", red_line=False, note="Lifted here")
    )
    controller = DocumentController(document)
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.select("p1", "c1")
    assert inspector.red_line.isChecked()  # the baseline's
    controller.set_scenario(SCENARIO)
    assert not inspector.red_line.isChecked()  # what the scenario's view shows
    before = assessment_to_data(controller.document)
    inspector.red_line.setChecked(True)
    assert override(controller, "p1", "c1").red_line is True
    assert controller.document.cell("p1", "c1").red_line is True  # baseline as it was
    assert controller.document.cell("p1", "c1").red_line_reason == "Baseline reason"
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert not inspector.red_line.isChecked()
    # A cell whose red line the scenario does not set: the baseline's, as before.
    controller.select("p2", "c1")
    inspector.red_line.setChecked(True)
    assert controller.document.cell("p2", "c1").red_line is True


def test_unticking_the_scenarios_red_line_in_the_inspector_drops_its_reason(qtbot) -> None:
    """A reason goes with the red line it argues, as Editors → Scenarios drops it: unticked in
    the inspector, the override kept "Export ban" beside "no red line"."""
    from rrisk.model import CellOverride

    document = make_document()
    scenario = next(s for s in document.scenarios if s.id == SCENARIO)
    scenario.cell_overrides.append(
        CellOverride(project="p1", criterion="c1", red_line=True, red_line_reason="Export ban")
    )
    controller = DocumentController(document)
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.set_scenario(SCENARIO)
    controller.select("p1", "c1")
    assert inspector.red_line.isChecked()
    inspector.red_line.setChecked(False)
    lifted = override(controller, "p1", "c1")
    assert lifted.red_line is False and lifted.red_line_reason is None
    controller.undo_stack.undo()
    assert override(controller, "p1", "c1").red_line_reason == "Export ban"


def test_blanking_a_score_the_scenario_does_not_set_is_refused_and_the_form_shows_it(
    qtbot, controller
) -> None:
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    controller.set_scenario(SCENARIO)
    controller.select("p1", "c1")
    baseline = controller.document.cell("p1", "c1").likelihood
    assert override(controller, "p1", "c1") is None
    assert not controller.edit_cell("p1", "c1", {"likelihood": None})
    assert "cannot leave the likelihood unassessed" in errors[-1]
    assert controller.undo_stack.count() == 0
    inspector.likelihood.setValue(inspector.likelihood.minimum())  # "—": blank
    inspector.likelihood.editingFinished.emit()
    assert inspector.likelihood.value() == baseline  # the form shows the value in force
    # Where the scenario sets the score, blank gives the baseline's back (one step).
    assert controller.edit_cell("p1", "c1", {"likelihood": 1})
    assert controller.edit_cell("p1", "c1", {"likelihood": None})
    assert override(controller, "p1", "c1") is None


def test_a_cell_whose_scenario_score_lies_outside_its_base_range_is_edited(
    qtbot, controller
) -> None:
    # The base cell's range is the baseline's uncertainty: a scenario may score outside it.
    base = controller.document.cell("p1", "c1")
    controller.edit_cells(
        [("p1", "c1")], {"likelihood": 4, "likelihood_low": 4, "likelihood_high": 5}
    )
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    controller.select("p1", "c1")
    controller.set_scenario(SCENARIO)
    controller.edit_cells([("p1", "c1")], {"likelihood": 1})
    assert override(controller, "p1", "c1").likelihood == 1
    steps = controller.undo_stack.count()
    with qtbot.capture_exceptions() as raised:
        inspector.impact.setValue(2 if base.impact != 2 else 3)
        inspector.rationale.committed.emit("Revised under the eased scenario.")
    assert not raised, raised
    assert override(controller, "p1", "c1").impact == inspector.impact.value()
    assert controller.document.cell("p1", "c1").rationale == "Revised under the eased scenario."
    assert controller.undo_stack.count() == steps + 2


def _with_noted_override(document):
    from rrisk.model import CellOverride

    document.cells["p1"]["c1"] = document.cells["p1"]["c1"].model_copy(
        update={"rationale": "Baseline: the sanctions block every sale"}
    )
    scenario = next(s for s in document.scenarios if s.id == SCENARIO)
    scenario.cell_overrides[:] = [
        o for o in scenario.cell_overrides if (o.project, o.criterion) != ("p1", "c1")
    ]
    scenario.cell_overrides.append(
        CellOverride(project="p1", criterion="c1", likelihood=1, impact=2, note="Licence granted")
    )
    return document


def test_under_a_scenario_its_reason_is_shown_beside_the_baseline_rationale(qtbot) -> None:
    # The score shown is the scenario's; the rationale argues the baseline's score. The
    # scenario's own reason is shown with it, and the fields shared by all scenarios say so.
    controller = DocumentController(_with_noted_override(make_document()))
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.select("p1", "c1")
    controller.set_scenario(SCENARIO)
    assert inspector.scenario_reason.isVisibleTo(inspector)
    assert inspector.scenario_reason.text() == "Why, in this scenario: Licence granted"
    assert "every scenario" in inspector.scenario_shared.text()
    assert "red line" in inspector.scenario_shared.text()
    assert inspector.scenario_note.text().startswith("Editing scenario “Sanctions eased”")
    model = MatrixModel(controller)
    row = controller.result.row_of("p1")
    column = controller.result.matrix.criterion_ids.index("c1")
    tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    assert "Why, in scenario Sanctions eased:</i> Licence granted" in tip
    assert "Baseline rationale:</i> Baseline: the sanctions block every sale" in tip
    controller.select("p2", "c2")  # a cell the scenario does not set: no reason line
    assert not inspector.scenario_reason.isVisibleTo(inspector)


def test_clearing_both_scores_of_a_noted_override_removes_it(qtbot) -> None:
    controller = DocumentController(_with_noted_override(make_document()))
    controller.select("p1", "c1")
    controller.set_scenario(SCENARIO)
    assert controller.edit_cells([("p1", "c1")], {"likelihood": None})
    assert override(controller, "p1", "c1").impact == 2  # one score left: still an override
    assert controller.edit_cells([("p1", "c1")], {"impact": None})
    assert override(controller, "p1", "c1") is None  # nothing left to override: gone
    controller.undo_stack.undo()
    assert override(controller, "p1", "c1").note == "Licence granted"  # Undo brings it back


def test_a_cell_given_twice_by_a_file_is_one_override_after_an_edit(qtbot) -> None:
    """Only a scenario's last override of a cell counts (a file may give two); the window shows
    that one, and a score typed over it leaves one override, not two."""
    from rrisk.model import CellOverride

    document = make_document()
    scenario = next(s for s in document.scenarios if s.id == SCENARIO)
    scenario.cell_overrides = [
        *scenario.cell_overrides,
        CellOverride(project="p1", criterion="c1", likelihood=1),
        CellOverride(project="p1", criterion="c1", impact=5),
    ]
    controller = DocumentController(document)
    controller.set_scenario(SCENARIO)
    baseline = controller.document.cell("p1", "c1")
    assert shown(controller, "p1", "c1") == (baseline.likelihood, 5)
    assert controller.edit_cell("p1", "c1", {"status": "reviewed"})  # an unrelated edit
    assert shown(controller, "p1", "c1") == (baseline.likelihood, 5)
    assert controller.edit_cell("p1", "c1", {"impact": 4})
    edited = next(s for s in controller.document.scenarios if s.id == SCENARIO)
    assert [
        (o.likelihood, o.impact)
        for o in edited.cell_overrides
        if o.project == "p1" and o.criterion == "c1"
    ] == [(None, 4)]
    assert shown(controller, "p1", "c1") == (baseline.likelihood, 4)


def test_clear_says_it_removes_the_scenarios_overrides_under_a_scenario(
    open_window, document_path, qtbot, monkeypatch
):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    window = open_window(document_path)
    controller, clear = window.controller, window.menu_actions.clear_cells
    offered: list[list[str]] = []

    class ListingMenu(QMenu):
        def exec(self, *_args):  # noqa: A003 - Qt's name
            offered.append([a.text() for a in self.actions()])

    monkeypatch.setattr("desktop.matrix.view.QMenu", ListingMenu)
    window.matrix_view.select_cell("p1", "c1")
    window.matrix_view._context_menu(QPoint(1, 1))
    assert "Clear (unassessed)" in offered[-1]
    assert (clear.text(), clear.toolTip()) == (
        "C&lear Selected Cells",
        "Make the selected cells unassessed (Delete in the matrix)",
    )
    controller.set_scenario(SCENARIO)
    controller.edit_cells([("p1", "c1")], {"likelihood": 1})
    assert override(controller, "p1", "c1") is not None
    window.matrix_view._context_menu(QPoint(1, 1))
    assert "Clear scenario overrides" in offered[-1]
    assert "Clear (unassessed)" not in offered[-1]
    assert clear.text() == "C&lear Scenario Overrides of Selected Cells"
    assert clear.statusTip().startswith("Remove the scenario's overrides of the selected cells")
    clear.trigger()  # what it says: the override goes, the baseline's cell stays
    assert override(controller, "p1", "c1") is None
    assert controller.document.cell("p1", "c1") is not None
    controller.set_scenario(None)
    assert clear.text() == "C&lear Selected Cells"


def test_a_score_the_scenario_sets_shows_no_range_the_other_keeps_its_own(
    qtbot, controller
) -> None:
    """Under a scenario the uncertainty analysis draws a score the scenario sets as set, the
    cell's range set aside: the inspector shows no range beside it (a range 3–5 beside the
    scenario's 1 read as the draws'), and the baseline's range again under the Baseline."""
    assert controller.edit_cells(
        [("p1", "c1")],
        {"likelihood": 4, "likelihood_low": 3, "likelihood_high": 5, "impact": 3},
    )
    assert controller.edit_cells([("p1", "c1")], {"impact_low": 2, "impact_high": 4})
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    controller.select("p1", "c1")
    controller.set_scenario(SCENARIO)
    assert controller.edit_cells([("p1", "c1")], {"likelihood": 1})
    ranges = (
        inspector.likelihood_low,
        inspector.likelihood_high,
        inspector.impact_low,
        inspector.impact_high,
    )
    assert inspector.likelihood.value() == 1
    assert [spin.value() for spin in ranges] == [NO_VALUE, NO_VALUE, 2, 4]
    assert "draws it without the cell's range" in inspector.likelihood_low.toolTip()
    assert "draws it without the cell's range" not in inspector.impact_low.toolTip()
    controller.set_scenario(None)
    assert [spin.value() for spin in ranges] == [3, 5, 2, 4]
    assert controller.document.cell("p1", "c1").likelihood_low == 3


def test_the_edit_menu_names_a_red_line_or_mixed_edit_under_a_scenario(controller) -> None:
    assert controller.edit_item(
        "scenario",
        SCENARIO,
        {
            "cell_overrides": [
                {"project": "p0", "criterion": "c0", "likelihood": 1, "red_line": True}
            ]
        },
    )
    controller.set_scenario(SCENARIO)
    # The scenario sets this cell's red line: its reason is the scenario's.
    assert controller.edit_cells([("p0", "c0")], {"red_line_reason": "Occupied territory"})
    assert controller.undo_stack.undoText() == (
        "Edit red line reason of Project 0 / Criterion 0 in scenario Sanctions eased"
    )
    # One of the cells is the scenario's, the other the baseline's.
    assert controller.edit_cells([("p0", "c0"), ("p1", "c0")], {"red_line": False})
    assert controller.undo_stack.undoText() == "Edit red line of 2 cells"
    # The score to the scenario's override, the rationale to the cell.
    assert controller.edit_cells([("p1", "c1")], {"likelihood": 2, "rationale": "Revised"})
    assert (
        controller.undo_stack.undoText() == "Edit likelihood, rationale of Project 1 / Criterion 1"
    )


def test_the_matrix_marks_an_override_without_reading_the_scenario_again(
    controller, monkeypatch
) -> None:
    """Each painted cell's override mark comes from the overrides the model keeps: finding
    them in the scenario again read every override for each cell (seconds per repaint under a
    scenario overriding a large matrix)."""
    from desktop.document import scenario_edits

    model = MatrixModel(controller)
    controller.set_scenario(SCENARIO)
    assert controller.edit_cells([("p1", "c1"), ("p2", "c2")], {"likelihood": 2})
    reads: list[object] = []
    found = scenario_edits.overrides_of
    monkeypatch.setattr(
        scenario_edits, "overrides_of", lambda *args: reads.append(args) or found(*args)
    )
    assert "sets this cell" in model.cell_index("p1", "c1").data(OverrideRole)
    assert model.cell_index("p0", "c1").data(OverrideRole) is None
    assert "sets this cell" in model.cell_index("p2", "c2").data(Qt.ItemDataRole.ToolTipRole)
    assert reads == []


def test_overrides_set_or_cleared_are_looked_up_once_not_once_each(controller, monkeypatch) -> None:
    """Setting or clearing many overrides looks each one up in one set of the cells: the set
    was made again for each override (a whole 2,000 × 40 matrix's overrides never finished)."""
    from desktop.document import scenario_edits

    made: list[object] = []

    def counted_set(*args):
        made.append(args)
        return set(*args)

    monkeypatch.setattr(scenario_edits, "set", counted_set, raising=False)
    controller.set_scenario(SCENARIO)
    keys = [(f"p{i}", f"c{j}") for i in range(3) for j in range(4)]
    assert controller.edit_cells(keys, {"likelihood": 5})
    assert len(made) <= 1
    assert [(o.project, o.criterion) for o in controller.open_scenario.cell_overrides] == keys
    made.clear()
    assert controller.clear_cells(keys)
    assert len(made) <= 1
    assert controller.open_scenario.cell_overrides == []


def test_edited_overrides_keep_their_order_and_those_that_set_something(qtbot) -> None:
    """An edit's new list of overrides keeps the scenario's order (a cell given twice once, new
    cells last), and the overrides that set something, which the views mark, are found from
    the version before it: each step reads as the scenario's overrides found afresh."""
    from desktop.document.scenario_edits import overrides_of
    from rrisk.model import CellOverride, sets_nothing

    document = make_document()
    scenario = next(s for s in document.scenarios if s.id == SCENARIO)
    scenario.cell_overrides = [
        CellOverride(project="p0", criterion="c0", likelihood=2),
        CellOverride(project="p1", criterion="c1", note="Blank until filled in"),
        CellOverride(project="p2", criterion="c2", impact=1),
        CellOverride(project="p0", criterion="c0", likelihood=3),
    ]
    controller = DocumentController(document)
    model = MatrixModel(controller)
    controller.set_scenario(SCENARIO)

    def cells() -> list[tuple[str, str]]:
        return [(o.project, o.criterion) for o in controller.open_scenario.cell_overrides]

    def setting() -> list[tuple[str, str]]:
        found = overrides_of(controller.document, SCENARIO)
        afresh = {
            key: value
            for key, value in controller.open_scenario.overrides_by_cell().items()
            if not sets_nothing(value)
        }
        assert list(found.items()) == list(afresh.items())
        return list(found)

    assert model.cell_index("p1", "c1").data(OverrideRole) is None
    assert controller.edit_cells([("p1", "c1")], {"likelihood": 4})  # the blank row fills in
    assert cells() == [("p0", "c0"), ("p1", "c1"), ("p2", "c2")]
    assert setting() == [("p0", "c0"), ("p1", "c1"), ("p2", "c2")]
    assert override(controller, "p1", "c1").note == "Blank until filled in"
    assert "sets this cell" in model.cell_index("p1", "c1").data(OverrideRole)
    assert controller.edit_cells([("p2", "c3"), ("p0", "c0")], {"impact": 5})
    assert cells() == [("p0", "c0"), ("p1", "c1"), ("p2", "c2"), ("p2", "c3")]
    assert (override(controller, "p0", "c0").likelihood, shown(controller, "p0", "c0")) == (
        3,
        (3, 5),
    )
    assert controller.edit_cells([("p1", "c1")], {"likelihood": None})  # blank again, noted
    assert cells() == [("p0", "c0"), ("p2", "c2"), ("p2", "c3")]
    assert setting() == [("p0", "c0"), ("p2", "c2"), ("p2", "c3")]
    assert model.cell_index("p1", "c1").data(OverrideRole) is None
    assert controller.clear_cells([("p2", "c2")])
    assert setting() == [("p0", "c0"), ("p2", "c3")]
    for _ in range(4):
        controller.undo_stack.undo()
    assert setting() == [("p0", "c0"), ("p2", "c2")]
    assert model.cell_index("p1", "c1").data(OverrideRole) is None
    for _ in range(4):
        controller.undo_stack.redo()
    assert setting() == [("p0", "c0"), ("p2", "c3")]
