"""The matrix model: contents, O(1) refresh on edits, resets on structure changes."""

from __future__ import annotations

from desktop_documents import make_document
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.matrix.model import BandRole, CriterionIdRole, MatrixModel, ProjectIdRole, RedLineRole
from rrisk import palette
from rrisk.palette import RED_LINE_MARK

DISPLAY = Qt.ItemDataRole.DisplayRole


def test_model_passes_qtmodeltester(qtmodeltester):
    controller = DocumentController(make_document(5, 6))
    model = MatrixModel(controller)
    qtmodeltester.check(model, force_py=True)
    controller.remove_item("project", "p1")
    controller.add_item("criterion", {"name": "Logistics"})
    qtmodeltester.check(model, force_py=True)


def test_empty_document_passes_qtmodeltester(qtmodeltester):
    controller = DocumentController(make_document(0, 0))
    qtmodeltester.check(MatrixModel(controller), force_py=True)


def test_cells_show_scores_band_text_and_red_line_mark(qtbot):
    controller = DocumentController(make_document())
    model = MatrixModel(controller)
    assert model.rowCount() == 3 and model.columnCount() == 4
    cell = model.index(0, 1)  # p0/c1: L2 × I2
    assert model.data(cell, DISPLAY).startswith("2×2")
    assert "4 Low" in model.data(cell, DISPLAY)
    assert model.data(cell, BandRole) == 0
    assert model.data(cell, ProjectIdRole) == "p0"
    assert model.data(cell, CriterionIdRole) == "c1"
    assert "Why p0 on c1" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    fill = model.data(cell, Qt.ItemDataRole.BackgroundRole).color().name().upper()
    assert fill == palette.band_fill(0).upper()
    text = model.data(cell, Qt.ItemDataRole.ForegroundRole).color().name().upper()
    assert text == palette.band_text(0).upper()
    high = model.index(0, 3)  # p0/c3: L4 × I4 = 16, High
    assert model.data(high, BandRole) == 2
    fill = model.data(high, Qt.ItemDataRole.BackgroundRole).color().name().upper()
    assert fill == palette.band_fill(2).upper()
    unassessed = model.index(1, 3)  # (1 + 3) % 5 == 4: no cell
    assert model.data(unassessed, DISPLAY) == "—"
    assert model.data(unassessed, BandRole) == -1
    assert "weight 1" in model.headerData(0, Qt.Orientation.Horizontal, DISPLAY)
    assert "Project 0" in model.headerData(0, Qt.Orientation.Vertical, DISPLAY)

    controller.edit_cell("p0", "c1", {"red_line": True, "red_line_reason": "Forced labour"})
    assert model.data(cell, RedLineRole)
    assert model.data(cell, DISPLAY).endswith(RED_LINE_MARK)
    assert "Forced labour" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert "Excluded" in model.headerData(0, Qt.Orientation.Vertical, DISPLAY)


def test_cell_edit_emits_targeted_data_changed_without_reset(qtbot):
    controller = DocumentController(make_document())
    model = MatrixModel(controller)
    changes = []
    resets = []
    model.dataChanged.connect(lambda top, bottom, *_: changes.append((top, bottom)))
    model.modelReset.connect(lambda: resets.append(True))
    controller.edit_cell("p2", "c3", {"likelihood": 5, "impact": 5})
    assert resets == []
    assert [(t.row(), t.column(), b.row(), b.column()) for t, b in changes] == [(2, 3, 2, 3)]
    assert "25 Crit" in model.data(model.index(2, 3), DISPLAY)
    controller.undo_stack.undo()
    assert "25" not in model.data(model.index(2, 3), DISPLAY)


def test_structure_and_scenario_changes(qtbot):
    controller = DocumentController(make_document())
    model = MatrixModel(controller)
    with qtbot.waitSignal(model.modelReset):
        controller.add_item("project", {"name": "New site"})
    assert model.rowCount() == 4
    assert model.data(model.index(3, 0), DISPLAY) == "—"
    with qtbot.waitSignal(model.modelReset):
        controller.remove_item("criterion", "c0")
    assert model.columnCount() == 3
    controller.undo_stack.undo()
    assert model.columnCount() == 4
    # A scenario override changes what the cell shows, without a reset.
    controller.edit_cell("p0", "c0", {"likelihood": 5, "impact": 5})
    assert "25" in model.data(model.index(0, 0), DISPLAY)
    with qtbot.waitSignal(model.dataChanged):
        controller.set_scenario("eased")
    assert model.data(model.index(0, 0), DISPLAY).startswith("1×1")
    assert "weight 0.5" in model.headerData(0, Qt.Orientation.Horizontal, DISPLAY)
    with qtbot.waitSignal(model.modelReset):
        controller.set_document(make_document(2, 2))
    assert (model.rowCount(), model.columnCount()) == (2, 2)


def test_a_cells_tooltip_shows_its_rationale_with_fields_resolved(qtbot):
    """The rationale in the tooltip reads as the inspector and the memo print it: the
    figure a field cites under the scenario shown, not the raw ``{{index:p1}}``."""
    from rrisk.fields import FieldResolver

    controller = DocumentController(make_document())
    model = MatrixModel(controller)
    rationale = "p1 stands at {{index:p1}}, {{rank:p1|ordinal}}; {{index:nowhere}}"
    assert controller.edit_cell("p1", "c1", {"rationale": rationale})
    for scenario in (None, "eased"):
        controller.set_scenario(scenario)
        tip = model.data(model.cell_index("p1", "c1"), Qt.ItemDataRole.ToolTipRole)
        shown = FieldResolver(controller.document, scenario).resolve(rationale, "", strict=False)
        assert shown in tip
        assert "{{index:p1}}" not in tip and "{{index:nowhere}}" in tip


def test_a_weight_of_many_digits_reads_about_that_under_its_criterion(qtbot):
    """A third written by a script (0.3333333333333333) was cut at both ends in the header
    ("veight 0.333…"); a weight typed with few digits reads as typed, and the tooltip keeps
    every digit."""
    controller = DocumentController()
    controller.set_document(make_document(2, 3))
    ids = [c.id for c in controller.document.criteria]
    for criterion_id, weight in zip(ids, (1 / 3, 0.125, 0.000001), strict=True):
        assert controller.edit_item("criterion", criterion_id, {"weight": weight})
    model = MatrixModel(controller)
    header = [
        model.headerData(column, Qt.Orientation.Horizontal, DISPLAY).splitlines()[-1]
        for column in range(3)
    ]
    assert header == ["weight ≈0.33", "weight 0.125", "weight 0.000001"]
    tip = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Weight 0.3333333333333333" in tip


def test_a_weight_the_open_scenario_sets_is_marked_under_its_criterion(qtbot):
    """Under a scenario, the weight it sets is marked ● and its tooltip names the baseline
    weight, as its cells are marked (it read "weight 0.5" alone, as if the baseline's)."""
    controller = DocumentController(make_document())  # "eased" sets c0's weight to 0.5
    model = MatrixModel(controller)
    horizontal = Qt.Orientation.Horizontal
    tip = Qt.ItemDataRole.ToolTipRole
    controller.set_scenario("eased")
    assert model.headerData(0, horizontal, DISPLAY).endswith("\n● weight 0.5")
    assert "Scenario “Sanctions eased” sets this weight (baseline 1)" in model.headerData(
        0, horizontal, tip
    )
    assert model.headerData(1, horizontal, DISPLAY).endswith("\nweight 2")  # the baseline's
    assert "sets this weight" not in model.headerData(1, horizontal, tip)
    controller.set_scenario(None)
    assert model.headerData(0, horizontal, DISPLAY).endswith("\nweight 1")


def test_the_headers_read_whole_and_in_words_to_a_screen_reader(qtbot):
    """A row header read as its cut name and the mark ("Tomtor niobium–rare-earth de…
    ⊘ Excluded"), a column header as its wrapped lines with "● weight 2"."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QTableView

    from rrisk.templates import new_from_template

    controller = DocumentController(new_from_template("russia-rare-earths"))
    model = MatrixModel(controller)
    document = controller.document
    rows = {p.id: row for row, p in enumerate(document.projects)}
    columns = {c.id: column for column, c in enumerate(document.criteria)}
    vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
    spoken = Qt.ItemDataRole.AccessibleTextRole
    tomtor = document.project("tomtor").name
    assert RED_LINE_MARK in model.headerData(rows["tomtor"], vertical, DISPLAY)
    assert model.headerData(rows["tomtor"], vertical, spoken) == f"{tomtor}, excluded"
    comparator = model.headerData(rows[document.projects[-1].id], vertical, spoken)
    assert comparator == f"{document.projects[-1].name}, index 20 Low"
    controller.set_scenario("china-export-controls")
    scenario = controller.open_scenario
    changed = next(iter(scenario.weight_overrides))
    weight = scenario.weight_overrides[changed]
    criterion = document.criterion(changed).name
    assert model.headerData(columns[changed], horizontal, spoken) == (
        f"{criterion}, weight {weight:g}, set by the scenario"
    )
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    interface = QAccessible.queryAccessibleInterface(view)
    names = {interface.child(k).text(QAccessible.Text.Name) for k in range(interface.childCount())}
    assert f"{tomtor}, excluded" in names


def test_a_block_of_cells_is_one_data_change_over_the_block(qtbot):
    """A pasted block (or its undo) tells the views once, over the block: one signal per
    cell was one repaint request per cell, thousands for a large paste."""
    controller = DocumentController(make_document(projects=6, criteria=5))
    model = MatrixModel(controller)
    changes, resets, rows = [], [], []
    model.dataChanged.connect(lambda top, bottom, *_: changes.append((top, bottom)))
    model.modelReset.connect(lambda: resets.append(True))
    model.rowHeadersChanged.connect(lambda first, last: rows.append((first, last)))
    block = {(f"p{i}", f"c{j}"): (1 + (i + j) % 5, 5) for i in (1, 2, 3, 5) for j in (1, 2, 3)}
    assert controller.paste_scores(block)
    assert resets == []
    assert [(t.row(), t.column(), b.row(), b.column()) for t, b in changes] == [(1, 1, 5, 3)]
    assert rows == [(1, 3), (5, 5)]
    assert model.data(model.index(5, 3), DISPLAY).startswith("4×5")
    changes.clear()
    controller.undo_stack.undo()
    assert [(t.row(), t.column(), b.row(), b.column()) for t, b in changes] == [(1, 1, 5, 3)]
    assert resets == []
