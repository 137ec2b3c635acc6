"""Proportions of the main window on the template at 1500 × 950: nothing a user needs is cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from desktop.matrix.model import PROJECT_NAME_CHARS
from rrisk.templates import new_from_template

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def window_size():
    """A wide window, as on a laptop at full width (the shared ``window`` fixture resizes)."""
    return 1500, 950


def test_row_headers_show_typical_names_whole(window):
    view = window.matrix_view
    model = view.model()
    header = view.verticalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for row, project in enumerate(window.controller.document.projects):
        label = model.headerData(row, Qt.Orientation.Vertical, DISPLAY)
        tooltip = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        assert project.name in tooltip
        if len(project.name) <= PROJECT_NAME_CHARS:
            assert label.startswith(project.name)
        else:
            assert label.startswith(project.name[: PROJECT_NAME_CHARS - 4]) and "…" in label
        # The header is wide enough for the whole label, even in bold (the current row).
        assert metrics.horizontalAdvance(label) < header.width()
    assert model.headerData(0, Qt.Orientation.Vertical, DISPLAY).startswith(
        "Tomtor niobium–rare-earth deposit   "
    )


def test_eight_criteria_fit_without_horizontal_scrolling(window):
    view = window.matrix_view
    model = view.model()
    assert model.columnCount() == 8
    assert view.horizontalHeader().length() <= view.viewport().width()
    metrics = QFontMetrics(view.font())
    for column in range(model.columnCount()):
        width = view.columnWidth(column)
        for row in range(model.rowCount()):
            text = model.data(model.index(row, column), DISPLAY)
            # Band stays in words, and the whole text fits the column.
            assert text.split()[-1] in {"Low", "Med", "High", "Crit", "⊘"}
            assert metrics.horizontalAdvance(text) < width
        header = model.headerData(column, Qt.Orientation.Horizontal, DISPLAY)
        assert header.splitlines()[-1].startswith("weight ")


def test_matrix_shows_every_row_and_results_get_the_rest(window):
    view = window.matrix_view
    sizes = window.splitter.sizes()
    assert sizes[0] >= view.natural_height()
    assert sizes[1] >= window.results_panel.minimumSizeHint().height()
    assert view.verticalScrollBar().maximum() == 0


def test_user_column_widths_are_kept(window, qtbot):
    view = window.matrix_view
    view.horizontalHeader().resizeSection(2, 240)
    window.resize(1400, 950)
    qtbot.waitUntil(lambda: window.width() == 1400)
    assert view.columnWidth(2) == 240


def test_user_column_widths_outlast_projects_and_criteria_added_or_removed(window, qtbot):
    """A criterion widened to read its long name keeps its width when a project or criterion
    is added or removed, or that undone (each went back to the fitted width); another
    document's matrix is fitted anew."""
    view = window.matrix_view
    controller = window.controller
    fitted = view.columnWidth(1)
    name_of = view.matrix_model.criterion_id
    widened = name_of(2)
    view.horizontalHeader().resizeSection(2, 240)
    assert controller.add_item("project", {"name": "Site 10"})
    assert view.columnWidth(2) == 240
    assert controller.add_item("criterion", {"name": "Logistics"})
    assert view.columnWidth(2) == 240
    assert view.columnWidth(view.matrix_model.columnCount() - 1) == fitted
    assert controller.remove_item("criterion", name_of(0))
    assert name_of(1) == widened and view.columnWidth(1) == 240
    assert controller.undo() and controller.undo()
    assert view.columnWidth(2) == 240 and view.columnWidth(1) == fitted
    controller.set_document(new_from_template("russia-rare-earths"))
    columns = view.matrix_model.columnCount()
    assert len({view.columnWidth(column) for column in range(columns)}) == 1  # fitted alike


def test_a_widened_new_criterion_keeps_its_width_when_renamed(window):
    """A criterion added and not yet saved takes its id from its name: renamed, it keeps
    the width the user gave its column (it went back to the default width)."""
    view = window.matrix_view
    controller = window.controller
    assert controller.add_item("criterion", {"name": "Logistics"})
    column = view.matrix_model.columnCount() - 1
    old_id = view.matrix_model.criterion_id(column)
    view.horizontalHeader().resizeSection(column, 260)
    view.horizontalHeader().resizeSection(1, 230)
    assert controller.edit_item("criterion", old_id, {"name": "Logistics and ports"})
    assert view.matrix_model.criterion_id(column) != old_id
    assert view.columnWidth(column) == 260 and view.columnWidth(1) == 230


def test_inspector_is_never_narrower_than_its_form(window):
    # The form has no horizontal scroll bar: a narrower dock would cut its right edge off.
    form = window.inspector._content
    assert window.inspector_dock.width() >= form.minimumSizeHint().width()
    assert form.width() >= form.minimumSizeHint().width()


def test_criteria_editor_lists_every_criterion_without_scrolling(window, qtbot):
    window.tabs.setCurrentWidget(window.editors_panel)
    editor = window.editors_panel.criteria
    table = editor.table
    qtbot.waitUntil(lambda: editor._fitted and table.isVisible())
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() == 0)
    assert table.model().rowCount() == len(window.controller.document.criteria)


def test_matrix_refits_on_resize_until_the_divider_is_dragged(window, qtbot):
    view = window.matrix_view
    window.resize(1500, 700)
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] >= view.natural_height())
    QApplication.processEvents()  # the fit queued by the resize has run
    window.splitter.setSizes([120, sum(window.splitter.sizes()) - 120])
    window.splitter.splitterMoved.emit(120, 1)
    chosen = window.splitter.sizes()[0]
    window.resize(1500, 950)
    qtbot.waitUntil(lambda: window.height() == 950)
    QApplication.processEvents()
    assert window.splitter.sizes()[0] == chosen


def test_three_projects_added_to_a_blank_case_are_all_in_sight(open_window, qtbot):
    from rrisk.model import Criterion, Project

    window = open_window()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.files.new_document("blank")
    controller = window.controller
    assert controller.add_item("criterion", Criterion(id="c1", name="Sanctions"))
    for number in range(3):
        assert controller.add_item("project", Project(id=f"p{number}", name=f"Site {number}"))
    view = window.matrix_view
    rows = view.verticalHeader().length()
    qtbot.waitUntil(lambda: view.viewport().height() >= rows, timeout=3000)
    assert view.model().rowCount() == 3
    assert "3 projects · 1 criterion ·" in window.counts_label.text()


def test_the_status_bar_counts_in_the_right_number(open_window):
    """One project on one criterion is '1 of 1 cell', not '1 of 1 cells'."""
    from rrisk.model import Criterion, Project

    window = open_window()
    assert window.files.new_document("blank")
    controller = window.controller
    assert window.counts_label.text() == "0 projects · 0 criteria · 0 of 0 cells assessed"
    assert controller.add_item("criterion", Criterion(id="c1", name="Sanctions"))
    assert controller.add_item("project", Project(id="p1", name="Site 1"))
    assert window.counts_label.text() == "1 project · 1 criterion · 0 of 1 cell assessed"
    assert controller.edit_cell("p1", "c1", {"likelihood": 2, "impact": 3})
    assert window.counts_label.text() == (
        "1 project · 1 criterion · 1 of 1 cell assessed · 0 reviewed, 1 draft"
    )
    assert controller.add_item("project", Project(id="p2", name="Site 2"))
    assert window.counts_label.text() == (
        "2 projects · 1 criterion · 1 of 2 cells assessed · 0 reviewed, 1 draft"
    )


def test_the_status_bar_says_how_many_assessed_cells_are_reviewed(open_window, template_path):
    """Reviewed and draft at a glance, after every edit and undo, whatever the scenario."""
    window = open_window(template_path)
    controller = window.controller
    prefix = "7 projects · 8 criteria · 56 of 56 cells assessed · "
    assert window.counts_label.text() == prefix + "56 reviewed, 0 draft"
    assert controller.edit_cell("seligdar", "geology", {"likelihood": 1})  # back to draft
    assert window.counts_label.text() == prefix + "55 reviewed, 1 draft"
    controller.set_scenario(controller.document.scenarios[0].id)
    assert window.counts_label.text().endswith("· 55 reviewed, 1 draft")
    controller.set_scenario(None)
    controller.undo_stack.undo()
    assert window.counts_label.text() == prefix + "56 reviewed, 0 draft"
    controller.undo_stack.redo()
    assert window.counts_label.text() == prefix + "55 reviewed, 1 draft"
    assert "a scenario changes no review status" in window.counts_label.toolTip()


def test_next_draft_cell_goes_through_the_draft_cells_in_matrix_order(
    open_window, template_path
) -> None:
    """F8 (View → Next Draft Cell) selects the next assessed cell not marked reviewed after
    the selected one, from the top past the last, and says which of how many."""
    window = open_window(template_path)
    controller = window.controller
    for key in (("seligdar", "geology"), ("tomtor", "political")):
        assert controller.edit_cell(*key, {"status": "draft"})
    action = window.menu_actions.next_draft
    assert action.shortcut().toString() == "F8"
    controller.select("tomtor", "geology")  # after Tomtor's draft cell
    action.trigger()
    assert controller.selection == ("seligdar", "geology")
    assert window.statusBar().currentMessage() == (
        "Draft cell 2 of 2: Seligdar apatite deposit (REE by-product) × Geology and "
        "by-product recovery"
    )
    assert window.matrix_view.hasFocus() or not window.isActiveWindow()
    action.trigger()
    assert controller.selection == ("tomtor", "political")
    assert window.statusBar().currentMessage().startswith("Draft cell 1 of 2: Tomtor")
    for key in (("seligdar", "geology"), ("tomtor", "political")):
        assert controller.edit_cell(*key, {"status": "reviewed"})
    action.trigger()
    assert controller.selection == ("tomtor", "political")  # stays
    assert window.statusBar().currentMessage() == (
        "No draft cell: every assessed cell is marked reviewed"
    )


def test_next_draft_cell_tells_apart_projects_named_alike(open_window, template_path) -> None:
    """Two projects of the same name (a second licence area of one deposit): the message
    names each with its id, as the memo's check does, or both read 'Tomtor × Geology'."""
    window = open_window(template_path)
    controller = window.controller
    tomtor = controller.document.project("tomtor")
    assert controller.edit_item("project", "seligdar", {"name": tomtor.name})
    for key in (("tomtor", "geology"), ("seligdar", "geology")):
        assert controller.edit_cell(*key, {"status": "draft"})
    said = []
    for _step in range(2):
        window.menu_actions.next_draft.trigger()
        said.append(window.statusBar().currentMessage())
    assert sorted(said) == [
        f"Draft cell 1 of 2: {tomtor.name} (tomtor) × Geology and by-product recovery",
        f"Draft cell 2 of 2: {tomtor.name} (seligdar) × Geology and by-product recovery",
    ]


def test_next_draft_cell_says_aloud_which_cell_or_that_none_is_left(
    open_window, template_path, said_aloud
) -> None:
    """A screen reader does not read the status bar by itself: with no draft cell left, F8
    did nothing a screen reader user could hear, and 'of how many' was never said."""
    window = open_window(template_path)
    action = window.menu_actions.next_draft
    action.trigger()
    assert said_aloud == ["No draft cell: every assessed cell is marked reviewed"]
    assert window.controller.edit_cell("tomtor", "political", {"status": "draft"})
    action.trigger()
    assert said_aloud[1:] == [window.statusBar().currentMessage()]
    assert said_aloud[1].startswith("Draft cell 1 of 1: Tomtor")


def test_next_draft_cell_in_a_matrix_with_nothing_assessed_says_so(open_window) -> None:
    """It said every assessed cell was marked reviewed, of a matrix with none assessed."""
    from rrisk.model import Criterion, Project

    window = open_window()
    assert window.files.new_document("blank")
    controller = window.controller
    assert controller.add_item("project", Project(id="p1", name="Site 1"))
    assert controller.add_item("criterion", Criterion(id="c1", name="Permits"))
    assert controller.edit_cell("p1", "c1", {"likelihood": 2})  # half a score: not assessed
    window.menu_actions.next_draft.trigger()
    assert window.statusBar().currentMessage() == "No draft cell: no cell is assessed yet"


def test_status_counts_of_a_large_matrix_all_have_thousands_separators(
    open_window, tmp_path
) -> None:
    """The status bar writes every count as the review counts beside it are written: it
    said '1600 of 2000 cells assessed · 1,600 reviewed', two ways in one line."""
    from desktop_documents import make_document

    from rrisk.fileformat import save

    document = make_document(1000, 2)
    for row in document.cells.values():
        for cell in row.values():
            if cell.assessed:
                cell.status = "reviewed"
    save(document, tmp_path / "large.rrisk")
    window = open_window(tmp_path / "large.rrisk")
    assert window.counts_label.text() == (
        "1,000 projects · 2 criteria · 1,600 of 2,000 cells assessed · 1,600 reviewed, 0 draft"
    )
