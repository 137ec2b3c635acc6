"""Weights in the editors keep every digit: shown as entered (0.125, 0.000001), typed with as
many decimals as the user gives, and never changed by opening a field and leaving it.

A spin box rounds the value it is given to its decimals: with two, 0.125 showed 0.13 (0.12 in
the table), 0.000001 showed 0.00 (a criterion that counts looking like one left out), and
opening the table's editor and pressing Enter wrote the rounding back (0.000001 became 0, which
takes the criterion out of every index)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from desktop.editors.criteria import COL_WEIGHT
from desktop.results.ranking_model import RankingModel
from desktop.results.ranking_rows import COL_COVERAGE, COL_INDEX
from rrisk.model import assessment_to_data

EDIT = Qt.ItemDataRole.EditRole
TIP = Qt.ItemDataRole.ToolTipRole
ODD_WEIGHTS = [(0.125, "0.125"), (0.000001, "0.000001"), (1 / 3, "0.3333333333333333")]


@pytest.mark.parametrize(("weight", "shown"), ODD_WEIGHTS)
def test_the_criteria_table_shows_every_digit(panel, controller, weight, shown):
    controller.edit_item("criterion", "market", {"weight": weight})
    model = panel.criteria.model
    assert model.index(model.row_of("market"), COL_WEIGHT).data() == shown
    assert model.index(model.row_of("cost"), COL_WEIGHT).data() == "1.00"  # columns line up
    assert model.index(model.row_of("sanctions"), COL_WEIGHT).data() == "2.00"


def _open_and_close(qtbot, table, index, key=Qt.Key.Key_Return):
    """Open the cell's editor, press ``key``, and give back the text the editor showed."""
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.focusWidget()
    assert editor is not None and editor is not table
    shown = editor.text()
    qtbot.keyClick(editor, key)
    qtbot.wait(20)  # the view commits through a queued call
    return shown


@pytest.mark.parametrize(("weight", "shown"), ODD_WEIGHTS)
def test_the_table_editor_closed_unchanged_keeps_the_weight(
    qtbot, panel, controller, weight, shown
):
    controller.edit_item("criterion", "market", {"weight": weight})
    before = assessment_to_data(controller.document)
    steps = controller.undo_stack.count()
    model, table = panel.criteria.model, panel.criteria.table
    opened = _open_and_close(qtbot, table, model.index(model.row_of("market"), COL_WEIGHT))
    # The editor shows what the table shows (a third to the box's twelve decimals).
    assert opened == (shown if weight != 1 / 3 else "0.333333333333")
    assert controller.document.criterion("market").weight == weight
    assert assessment_to_data(controller.document) == before
    assert controller.undo_stack.count() == steps


@pytest.mark.parametrize(("typed", "weight"), [("0.1255", 0.1255), ("0,0005", 0.0005), ("2.125", 2.125)])  # fmt: skip
def test_a_weight_is_typed_with_all_its_decimals(qtbot, panel, controller, typed, weight):
    # In the table's editor ...
    model, table = panel.criteria.model, panel.criteria.table
    index = model.index(model.row_of("market"), COL_WEIGHT)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    assert editor.text() == typed.replace(",", ".")  # no keystroke refused
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.document.criterion("market").weight == weight)
    # ... and in the form.
    form = panel.criteria
    form.select_id("cost")
    form.weight_spin.setFocus()
    form.weight_spin.selectAll()
    qtbot.keyClicks(form.weight_spin, typed)
    assert form.weight_spin.text() == typed.replace(",", ".")
    qtbot.keyClick(form.weight_spin, Qt.Key.Key_Return)
    assert controller.document.criterion("cost").weight == weight


def test_the_form_shows_a_small_weight_and_leaving_it_changes_nothing(qtbot, panel, controller):
    controller.edit_item("criterion", "cost", {"weight": 0.000001})
    steps = controller.undo_stack.count()
    form = panel.criteria
    form.select_id("cost")
    assert form.weight_spin.text() == "0.000001"
    form.weight_spin.setFocus()
    qtbot.keyClick(form.weight_spin, Qt.Key.Key_Return)
    form.name_edit.setFocus()  # focus leaves the field
    assert controller.document.criterion("cost").weight == 0.000001
    assert controller.undo_stack.count() == steps


def test_a_weight_too_small_is_refused_with_the_reason_not_a_keystroke(qtbot, panel, controller):
    form = panel.criteria
    form.select_id("cost")
    form.weight_spin.setFocus()
    form.weight_spin.selectAll()
    qtbot.keyClicks(form.weight_spin, "0.0000005")
    assert form.weight_spin.text() == "0.0000005"
    qtbot.keyClick(form.weight_spin, Qt.Key.Key_Return)
    assert controller.document.criterion("cost").weight == 1.0
    assert "below the smallest, 0.000001" in form.message.text()
    assert "0.0000005" in form.message.text()


def test_the_scenario_weights_table_keeps_every_digit(qtbot, panel, controller):
    scenario = controller.document.scenarios[0]
    controller.edit_scenario_weight("cost", 0.125, scenario.id)
    controller.edit_scenario_weight("market", 0.000001, scenario.id)
    before = assessment_to_data(controller.document)
    steps = controller.undo_stack.count()
    editors = panel.scenarios
    editors.select_id(scenario.id)
    model = editors.weights_model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    cost = model.index(rows["Cost"], 2)
    market = model.index(rows["Market access"], 2)
    assert cost.data() == "0.125" and market.data() == "0.000001"
    assert float(cost.data(EDIT)) == 0.125 and float(market.data(EDIT)) == 0.000001
    table = editors.weights_table
    table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    for index in (cost, market):
        _open_and_close(qtbot, table, index)
    assert assessment_to_data(controller.document) == before
    assert controller.undo_stack.count() == steps


def test_the_ranking_tooltips_do_not_round_small_weights_to_nothing(controller):
    for criterion in ("cost", "sanctions", "market"):
        controller.edit_item("criterion", criterion, {"weight": 0.000001})
    ranking = RankingModel(controller)
    row = ranking.row_of("tomtor")
    index_tip = ranking.index(row, COL_INDEX).data(TIP)
    coverage_tip = ranking.index(row, COL_COVERAGE).data(TIP)
    assert "0.00<" not in index_tip and "÷ 0.000003" in index_tip
    assert "of 0.000003" in coverage_tip and "0.00 " not in coverage_tip


def test_a_tiny_weight_reads_as_counting_and_is_shown_whole(qtbot, panel, controller):
    from desktop.editors.criteria import COL_SHARE

    model, table = panel.criteria.model, panel.criteria.table
    qtbot.wait(20)
    width = table.columnWidth(COL_WEIGHT)
    controller.edit_item("criterion", "cost", {"weight": 0.000001})
    row = model.row_of("cost")
    assert model.index(row, COL_SHARE).data() == "<1%"  # it counts: not "0%"
    # The edit widened the column to show the value whole (it was fitted to "1.00").
    assert table.columnWidth(COL_WEIGHT) > width
    assert table.columnWidth(COL_WEIGHT) >= table.sizeHintForColumn(COL_WEIGHT)
    controller.edit_item("criterion", "cost", {"weight": 0.0})
    assert model.index(row, COL_SHARE).data() == "0%"


@pytest.mark.parametrize(("capex", "shown"), [(2.5, "2.5"), (1234567.891, "1,234,567.891"), (1.25e9, "1,250,000,000")])  # fmt: skip
def test_a_capex_estimate_keeps_its_decimals(qtbot, panel, controller, capex, shown):
    """The same for a project's capex estimate: 2.5 showed as 2, and Enter wrote 2."""
    from desktop.editors.projects import COL_CAPEX

    controller.edit_item("project", "tomtor", {"capex_estimate": capex})
    steps = controller.undo_stack.count()
    editors = panel.projects
    panel.setCurrentWidget(editors)
    model, table = editors.model, editors.table
    index = model.index(model.row_of("tomtor"), COL_CAPEX)
    assert index.data().startswith(shown + " ")  # then the currency
    assert _open_and_close(qtbot, table, index) == shown
    assert controller.document.project("tomtor").capex_estimate == capex
    assert controller.undo_stack.count() == steps
    editors.select_id("tomtor")
    assert editors.capex_edit.text() == shown


def test_coverage_just_short_of_whole_never_reads_100_percent(controller):
    """Seligdar has no market-access cell: with that weight at 0.01 of 3.01 its coverage is
    99.7%, which printed "100% · incomplete"; a weight of 0.000001 read as a share of 0%."""
    controller.edit_item("criterion", "market", {"weight": 0.01})
    ranking = RankingModel(controller)
    coverage = ranking.index(ranking.row_of("seligdar"), COL_COVERAGE)
    assert coverage.data() == "99% · incomplete"
    assert "(99%)" in coverage.data(TIP)
    controller.edit_item("criterion", "market", {"weight": 0.000001})
    ranking = RankingModel(controller)
    assert ranking.index(ranking.row_of("seligdar"), COL_COVERAGE).data() == "99% · incomplete"


def test_the_weights_tips_name_the_largest_weight_taken(panel, controller) -> None:
    """A weight above 1000 is refused: the column's and the field's tips say so beforehand
    (the column said '0 or more')."""
    header = panel.criteria.model.headerData(COL_WEIGHT, Qt.Orientation.Horizontal, TIP)
    assert header.startswith("Relative importance (0 to 1000);")
    panel.criteria.table.selectRow(0)
    assert panel.criteria.weight_spin.toolTip().startswith("Relative importance (0 to 1000);")
    assert not controller.edit_item("criterion", "market", {"weight": 1001})
