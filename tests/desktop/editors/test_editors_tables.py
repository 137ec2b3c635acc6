"""Editor tables: model checks, edits through the controller, refusals, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.editors.criteria import COL_CATEGORY, COL_NAME, COL_SHARE, COL_WEIGHT
from desktop.editors.panel import EditorsPanel
from desktop.editors.sources import COL_CREDIBILITY, COL_GRADE
from desktop.results.ranking_model import COL_INDEX, RankingModel
from desktop.ui.decimal_spin import WEIGHT_DECIMALS
from rrisk.model import assessment_to_data
from rrisk.templates import new_from_template

EDIT = Qt.ItemDataRole.EditRole


def all_models(panel):
    panel.scenarios.select_id("sanctions-eased")
    return [
        panel.criteria.model,
        panel.projects.model,
        panel.sources.model,
        panel.scenarios.model,
        panel.scenarios.weights_model,
        panel.scenarios.cells_model,
    ]


def test_every_editor_model_passes_the_model_tester(qtmodeltester, panel, controller):
    assert panel.objectName() == "editorsPanel"
    assert [panel.tabText(i).replace("&", "") for i in range(panel.count())] == [
        "Criteria",
        "Projects",
        "Sources",
        "Scenarios",
        "Assessment",
    ]
    for model in all_models(panel):
        qtmodeltester.check(model)
    # And again after edits that insert, remove and change rows.
    panel.criteria.add_item()
    controller.edit_item("criterion", "cost", {"weight": 3.0})
    controller.remove_item("project", "lovozero")
    for model in all_models(panel):
        qtmodeltester.check(model)


def test_weight_edit_changes_document_and_ranking_and_undoes(panel, controller):
    model = panel.criteria.model
    ranking = RankingModel(controller)
    before = assessment_to_data(controller.document)
    chuktukon_index = ranking.index(ranking.row_of("chuktukon"), COL_INDEX).data()
    row = model.row_of("cost")
    assert model.index(row, COL_WEIGHT).data() == "1.00"
    assert model.setData(model.index(row, COL_WEIGHT), 3.0, EDIT) is True
    assert controller.document.criterion("cost").weight == 3.0
    assert model.index(row, COL_WEIGHT).data() == "3.00"
    assert model.index(row, COL_SHARE).data() == "50%"
    assert ranking.index(ranking.row_of("chuktukon"), COL_INDEX).data() != chuktukon_index
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    assert model.index(row, COL_WEIGHT).data() == "1.00"
    assert ranking.index(ranking.row_of("chuktukon"), COL_INDEX).data() == chuktukon_index


@pytest.mark.parametrize(
    ("editor", "item_id", "column", "value", "words"),
    [
        ("criteria", "cost", COL_WEIGHT, -1.0, "Criterion “Cost”: Weight: -1 is below 0"),
        ("criteria", "cost", COL_WEIGHT, "heavy", "not a number"),
        ("criteria", "cost", COL_NAME, "", "name"),
        ("sources", "usgs", COL_CREDIBILITY, 9, "Credibility: 9 is outside 1–6"),
        ("projects", "tomtor", 1, "", "name"),
    ],
)
def test_invalid_input_is_refused_with_a_message(
    panel, controller, editor, item_id, column, value, words
):
    list_editor = getattr(panel, editor)
    panel.setCurrentWidget(list_editor)
    model = list_editor.model
    before = assessment_to_data(controller.document)
    shown = model.index(model.row_of(item_id), column).data()
    assert model.setData(model.index(model.row_of(item_id), column), value, EDIT) is False
    assert assessment_to_data(controller.document) == before
    assert controller.undo_stack.count() == 0
    assert model.index(model.row_of(item_id), column).data() == shown
    assert list_editor.message.isVisible()
    assert words in list_editor.message.text()
    # A good edit afterwards clears the message, in the table as through the buttons.
    good = "Renamed for the test" if column == 1 else None
    if good is not None:
        assert model.setData(model.index(model.row_of(item_id), column), good, EDIT)
        assert not list_editor.message.isVisible()
        assert model.setData(model.index(model.row_of(item_id), column), value, EDIT) is False
        assert list_editor.message.isVisible()
    list_editor.select_id(item_id)
    assert list_editor.add_item() is not None
    assert not list_editor.message.isVisible()


def test_category_and_grade_columns(panel, controller):
    model = panel.criteria.model
    row = model.row_of("market")
    assert model.setData(model.index(row, COL_CATEGORY), "political", EDIT)
    assert controller.document.criterion("market").category == "political"
    sources = panel.sources.model
    row = sources.row_of("kommersant")
    assert sources.index(row, COL_GRADE).data() == "C3"
    assert sources.setData(sources.index(row, COL_CREDIBILITY), 2, EDIT)
    assert sources.index(row, COL_GRADE).data() == "C2"
    assert "probably true" in sources.index(row, COL_GRADE).data(Qt.ItemDataRole.ToolTipRole)


def test_scenario_weight_and_cell_overrides(panel, controller):
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    weights = editor.weights_model
    row = [weights.key(r) for r in range(weights.rowCount())].index("cost")
    assert weights.index(row, 2).data() == "= 1.00"
    before = assessment_to_data(controller.document)
    assert weights.setData(weights.index(row, 2), "0.25", EDIT)
    assert controller.document.scenario("sanctions-eased").weight_overrides["cost"] == 0.25
    assert weights.setData(weights.index(row, 2), "", EDIT)
    assert "cost" not in controller.document.scenario("sanctions-eased").weight_overrides
    assert weights.setData(weights.index(row, 2), "0,5", EDIT)
    assert controller.document.scenario("sanctions-eased").weight_overrides["cost"] == 0.5
    name = controller.document.criterion("cost").name
    for refused in ("-2", "nan", "1e-9", "5000", "heavy"):
        assert not weights.setData(weights.index(row, 2), refused, EDIT)
        assert editor.overrides_message.isVisible()
        message = editor.overrides_message.text()
        # In the user's words: the criterion's name, never the file's field names or ids.
        assert name in message and "weight" in message, message
        assert "weight_overrides" not in message and "'cost'" not in message, message
    assert controller.document.scenario("sanctions-eased").weight_overrides["cost"] == 0.5
    cells = editor.cells_model
    assert cells.rowCount() == 1
    assert not cells.setData(cells.index(0, 2), "7", EDIT)
    assert "outside 1–5" in editor.overrides_message.text()
    assert cells.setData(cells.index(0, 2), "2", EDIT)
    assert controller.document.scenario("sanctions-eased").cell_overrides[0].likelihood == 2
    assert cells.setData(cells.index(0, 4), True, EDIT)
    assert controller.document.scenario("sanctions-eased").cell_overrides[0].red_line is True
    assert cells.add_override("seligdar", "market")
    assert not cells.add_override("seligdar", "market")
    assert cells.rowCount() == 2
    assert cells.remove_override(0)
    assert cells.rowCount() == 1
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before


def test_overrides_that_restate_the_baseline_are_not_counted_as_changes(panel, controller):
    """A weight or cell the scenario sets to the baseline's own value changes nothing: the
    table counts it apart, as the memo does, and follows the baseline when it moves."""
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    table, row = editor.model, editor.model.row_of("sanctions-eased")
    weights, cells = editor.weights_model, editor.cells_model
    assert [table.index(row, column).data() for column in (2, 3)] == ["1", "1"]
    cost = [weights.key(r) for r in range(weights.rowCount())].index("cost")
    assert weights.setData(weights.index(cost, 2), "1", EDIT)  # the baseline's weight
    assert cells.add_override("chuktukon", "cost")
    added = cells.rowCount() - 1
    assert cells.setData(cells.index(added, 2), "3", EDIT)
    assert cells.setData(cells.index(added, 3), "3", EDIT)  # the baseline's L3 × I3
    assert [table.index(row, column).data() for column in (2, 3)] == ["1", "1"]
    restated = "Not counted: 1 override restates the baseline"
    for column in (2, 3):
        assert restated in table.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert controller.edit_cell("chuktukon", "cost", {"likelihood": 4})
    assert table.index(row, 3).data() == "2"
    assert not table.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)


def test_clearing_an_overrides_last_score_removes_it_as_the_matrix_does(panel, controller):
    """A row whose both scores were cleared stayed ("= 2 / = 3"), still counted as a changed
    cell and marked in the matrix; the file held likelihood and impact null."""
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    cells = editor.cells_model
    assert cells.add_override("seligdar", "market")
    row = cells.rowCount() - 1
    assert cells.setData(cells.index(row, 2), "3", EDIT)
    count = len(controller.document.scenario("sanctions-eased").cell_overrides)
    assert cells.setData(cells.index(row, 2), "", EDIT)
    overrides = controller.document.scenario("sanctions-eased").cell_overrides
    assert len(overrides) == count - 1
    assert ("seligdar", "market") not in {(o.project, o.criterion) for o in overrides}
    controller.undo_stack.undo()
    overrides = controller.document.scenario("sanctions-eased").cell_overrides
    assert [(o.likelihood, o.impact) for o in overrides if o.project == "seligdar"] == [(3, None)]


def test_a_red_line_back_to_as_baseline_on_an_override_of_nothing_else_removes_it(
    panel, controller
):
    """An override that set only a red line, put back to "as baseline", kept its stale reason
    and still showed as the scenario's cell; a blank row just added is no changed cell."""
    from desktop.document.scenario_edits import cell_changes, overrides_of

    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    cells = editor.cells_model

    def scenario():
        return controller.document.scenario("sanctions-eased")

    def changed_cells(scenario):
        return cell_changes(controller.document, scenario)[0]

    counted = changed_cells(scenario())
    assert cells.add_override("seligdar", "market")
    row = cells.rowCount() - 1
    assert changed_cells(scenario()) == counted  # blank: sets nothing yet
    assert ("seligdar", "market") not in overrides_of(controller.document, "sanctions-eased")
    assert cells.setData(cells.index(row, 4), True, EDIT)
    assert cells.setData(cells.index(row, 5), "Export ban", EDIT)
    assert changed_cells(scenario()) == counted + 1
    assert cells.setData(cells.index(row, 4), False, EDIT)  # no red line: the reason goes
    (kept,) = [o for o in scenario().cell_overrides if o.project == "seligdar"]
    assert kept.red_line is False and kept.red_line_reason is None
    assert cells.setData(cells.index(row, 4), None, EDIT)  # as baseline: nothing left
    assert "seligdar" not in {o.project for o in scenario().cell_overrides}
    assert changed_cells(scenario()) == counted
    controller.undo_stack.undo()
    (back,) = [o for o in scenario().cell_overrides if o.project == "seligdar"]
    assert back.red_line is False


def test_a_row_of_a_cell_overridden_twice_that_does_not_count_is_not_edited(panel, controller):
    """A file may override a cell twice, and only the last row counts: an edit of the earlier
    row was taken and changed no figure anywhere. It is refused, saying why, as its tooltip
    says it; the row that counts is edited as any other."""
    document = controller.document.model_copy(deep=True)
    overrides = document.scenario("sanctions-eased").cell_overrides
    first = overrides[0]
    overrides.append(first.model_copy(update={"likelihood": 2, "impact": 2}))
    controller.set_document(document)
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    cells = editor.cells_model
    refused: list[str] = []
    cells.refused.connect(refused.append)
    assert "only the last counts" in cells.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert not cells.setData(cells.index(0, 2), "4", EDIT)
    assert refused and "only the last counts" in refused[-1]
    assert controller.document.scenario("sanctions-eased").cell_overrides[0] == first
    assert cells.setData(cells.index(1, 2), "4", EDIT)
    controller.set_scenario("sanctions-eased")
    row = controller.result.matrix.project_ids.index(first.project)
    column = controller.result.matrix.criterion_ids.index(first.criterion)
    assert controller.result.matrix.likelihood[row, column] == 4


def test_template_models(qtmodeltester, qtbot):
    controller = DocumentController(new_from_template("russia-rare-earths"))
    panel = EditorsPanel(controller)
    qtbot.addWidget(panel)
    if controller.document.scenarios:
        panel.scenarios.select_id(controller.document.scenarios[0].id)
    for model in all_models(panel):
        qtmodeltester.check(model)
    assert panel.criteria.model.rowCount() == len(controller.document.criteria)
    assert panel.projects.model.rowCount() == len(controller.document.projects)


@pytest.mark.parametrize(("typed", "weight"), [("2.5", 2.5), ("2,5", 2.5), ("0,75", 0.75)])
def test_typing_a_weight_in_the_table_cell(qtbot, panel, controller, typed, weight):
    """A decimal comma is a decimal mark, never a thousands separator (2,5 is not 25)."""
    table = panel.criteria.table
    model = panel.criteria.model
    index = model.index(model.row_of("market"), COL_WEIGHT)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.focusWidget()
    assert (
        editor is not None and hasattr(editor, "decimals") and editor.decimals() == WEIGHT_DECIMALS
    )
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The view commits the editor's value through a queued call.
    qtbot.waitUntil(lambda: controller.document.criterion("market").weight == weight)
    assert controller.undo_stack.count() == 1


def test_user_markup_in_tooltips_is_shown_as_text(panel, controller):
    controller.edit_item("source", "usgs", {"url": "<b>bold</b> & co"})
    sources = panel.sources.model
    tip = sources.index(sources.row_of("usgs"), 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in tip
    assert "<b>" not in tip


def test_a_long_list_fits_its_columns_without_reading_every_row(qtbot):
    """The columns fit the rows in view and a hundred more: fitting them to every row read
    every cell of a long list on each add, remove or undo. A long name far down the list
    does not widen its column; the same name in view does."""
    from desktop_documents import make_document

    def name_width(row: int) -> int:
        document = make_document(projects=600, criteria=2)
        document.projects[row] = document.projects[row].model_copy(update={"name": "W" * 12})
        panel = EditorsPanel(DocumentController(document))
        qtbot.addWidget(panel)
        panel.resize(900, 700)
        panel.show()
        return panel.projects.table.columnWidth(panel.projects.name_column)

    assert name_width(550) < name_width(0)


@pytest.mark.parametrize("typed", ["1e3", "1_000", "0x10", "inf"])
def test_scenario_and_criteria_weights_read_numbers_alike(panel, controller, typed):
    """Both refuse what Python's float() reads but a person does not write as a weight,
    with the same words; both read a decimal comma."""
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    weights = editor.weights_model
    row = [weights.key(r) for r in range(weights.rowCount())].index("cost")
    before = assessment_to_data(controller.document)
    assert not weights.setData(weights.index(row, 2), typed, EDIT)
    in_scenario = editor.overrides_message.text()
    criteria = panel.criteria
    model = criteria.model
    assert not model.setData(model.index(model.row_of("cost"), COL_WEIGHT), typed, EDIT)
    in_criteria = criteria.message.text()
    assert assessment_to_data(controller.document) == before
    said = f"'{typed}' is not a number (digits, with a decimal point or comma; no exponent"
    assert said in in_scenario and said in in_criteria, (in_scenario, in_criteria)
    assert weights.setData(weights.index(row, 2), " 2,5 ", EDIT)
    assert controller.document.scenario("sanctions-eased").weight_overrides["cost"] == 2.5


def test_a_table_cell_stores_one_trimmed_line(panel, controller):
    model = panel.projects.model
    assert model.setData(model.index(model.row_of("tomtor"), 2), " Russia\nCrimea ", EDIT)
    assert controller.document.project("tomtor").country == "Russia Crimea"


def test_every_cell_editor_of_the_tables_is_named_after_its_column(panel, controller):
    """A screen reader announced a table's cell editor (F2, or typing over a cell) with no
    name: a name, a weight, a grade, a scenario's score were all read as a bare field."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem

    from desktop.ui.decimal_spin import WeightSpinBox

    panel.scenarios.select_id("sanctions-eased")
    editors = panel.criteria, panel.projects, panel.sources, panel.scenarios
    tables = [editor.table for editor in editors]
    tables += [panel.scenarios.weights_table, panel.scenarios.cells_table]
    kinds = set()
    for table in tables:
        model = table.model()
        assert model.rowCount() > 0, table.objectName()
        for column in range(model.columnCount()):
            index = model.index(0, column)
            if not model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                continue
            delegate = table.itemDelegateForIndex(index)
            editor = delegate.createEditor(table.viewport(), QStyleOptionViewItem(), index)
            header = model.headerData(column, Qt.Orientation.Horizontal)
            assert editor.accessibleName() == header, (table.objectName(), header)
            kinds.add(type(editor))
            editor.deleteLater()
    assert {QLineEdit, QComboBox, WeightSpinBox} <= kinds
