"""Heat map, 5×5 matrix and the results panel, painted offscreen and clicked."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from results_fixtures import large_document

from desktop.document.controller import DocumentController
from desktop.results.heatmap import HeatMap
from desktop.results.matrix5x5 import RiskMatrix5x5
from desktop.results.panel import ResultsPanel
from rrisk import palette
from rrisk.scoring import cell_band
from rrisk.templates import new_from_template


def pixel(widget, point: QPoint) -> str:
    return QColor(widget.grab().toImage().pixel(point)).name().upper()


def inside_left_edge(rect) -> QPoint:
    """A point in the cell's fill, clear of the centred number and the red-line mark."""
    return QPoint(rect.left() + 7, rect.center().y())


def test_heat_map_paints_band_fills_in_rank_order(qtbot, controller):
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(700, 400)
    heat.show()
    view = heat.view
    expected_order = [p.id for p in controller.result.ranking()]
    assert view.project_ids == expected_order
    result = controller.result
    for project_id in ("chuktukon", "seligdar", "tomtor"):
        for criterion_id in ("cost", "sanctions"):
            row = view.project_ids.index(project_id)
            column = view.criterion_ids.index(criterion_id)
            band = int(result.cell_band[result.row_of(project_id), column])
            rect = view.cell_rect(row, column)
            colour = pixel(view.viewport(), inside_left_edge(rect))
            assert colour == palette.BAND_FILL[band].upper(), (project_id, criterion_id)
    # An unassessed cell is grey, and its tooltip says so.
    row, column = view.project_ids.index("seligdar"), view.criterion_ids.index("market")
    assert pixel(view.viewport(), inside_left_edge(view.cell_rect(row, column))) == (
        palette.UNASSESSED_FILL.upper()
    )
    assert "Not assessed" in view.tooltip_text(row, column)
    # The red-line cell names the rule's reason and basis.
    row, column = view.project_ids.index("tomtor"), view.criterion_ids.index("sanctions")
    tip = view.tooltip_text(row, column)
    assert "L 4 × I 5 = 20 · Critical" in tip and "EO 14024" in tip


def test_heat_map_click_selects_project_and_criterion(qtbot, controller):
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(700, 400)
    heat.show()
    view = heat.view
    row, column = view.project_ids.index("chuktukon"), view.criterion_ids.index("market")
    with qtbot.waitSignal(controller.selectionChanged) as blocker:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.cell_rect(row, column).center()
        )
    assert blocker.args == ["chuktukon", "market"]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert controller.selection == ("chuktukon", "market")  # last column: stays
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert controller.selection == (view.project_ids[row - 1], "market")


def test_heat_map_recolours_after_an_edit_and_undo(qtbot, controller):
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(700, 400)
    heat.show()
    view = heat.view
    controller.edit_cell("chuktukon", "cost", {"likelihood": 5, "impact": 5})
    row, column = view.project_ids.index("chuktukon"), view.criterion_ids.index("cost")
    assert pixel(view.viewport(), inside_left_edge(view.cell_rect(row, column))) == (
        palette.BAND_FILL[3].upper()
    )
    controller.undo_stack.undo()
    row = view.project_ids.index("chuktukon")
    assert pixel(view.viewport(), inside_left_edge(view.cell_rect(row, column))) == (
        palette.BAND_FILL[int(cell_band(9))].upper()
    )


def test_large_heat_map_scrolls_and_paints_visible_cells(qtbot):
    controller = DocumentController(large_document(500, 40))
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(800, 500)
    heat.show()
    view = heat.view
    assert view.verticalScrollBar().maximum() > 0
    assert view.horizontalScrollBar().maximum() > 0
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    last_row, last_column = len(view.project_ids) - 1, len(view.criterion_ids) - 1
    rect = view.cell_rect(last_row, last_column)
    assert view.viewport().rect().contains(rect.center())
    result = controller.result
    band = int(result.cell_band[result.order[last_row], last_column])
    expected = palette.BAND_FILL[band] if band >= 0 else palette.UNASSESSED_FILL
    assert pixel(view.viewport(), inside_left_edge(rect)) == expected.upper()


def test_matrix_follows_selection_and_shows_placeholder(qtbot, controller):
    matrix = RiskMatrix5x5(controller)
    qtbot.addWidget(matrix)
    matrix.resize(640, 420)
    matrix.show()
    assert matrix.project_id is None
    image = matrix.grab().toImage()
    # Placeholder: no band colour anywhere.
    fills = {code.upper() for code in palette.BAND_FILL}
    sampled = {
        QColor(image.pixel(x, y)).name().upper()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert not fills & sampled
    controller.select("tomtor", "sanctions")
    assert matrix.project_id == "tomtor"
    assert matrix.criteria_at(4, 5) == ["sanctions"]
    assert matrix.criteria_at(2, 3) == ["cost"]
    for likelihood, impact in ((5, 5), (1, 1), (3, 4), (4, 5)):
        rect = matrix.square_rect(likelihood, impact)
        colour = pixel(matrix, QPoint(rect.right() - 4, rect.bottom() - 4))
        assert colour == palette.BAND_FILL[int(cell_band(likelihood * impact))].upper()
    assert "Sanctions exposure" in matrix.square_tooltip(4, 5)
    # A scenario moves the criterion to another square.
    controller.set_scenario("sanctions-eased")
    assert matrix.criteria_at(1, 3) == ["sanctions"]
    controller.select(None, None)
    assert matrix.project_id is None


def test_panel_shows_scenario_and_method(qtbot, controller):
    panel = ResultsPanel(controller)
    qtbot.addWidget(panel)
    assert panel.scenario_text() == "Scenario: Baseline"
    assert "Σ w" in panel.method_label.text()
    assert panel.findChild(type(panel.ranking), "rankingView") is panel.ranking
    selector = panel.scenario_selector
    assert [selector.itemText(i) for i in range(selector.count())] == [
        "Baseline",
        "Sanctions eased",
    ]
    with qtbot.waitSignal(controller.resultChanged):
        selector.setCurrentIndex(1)
        selector.activated.emit(1)
    assert controller.scenario_id == "sanctions-eased"
    assert panel.scenario_text() == "Scenario: Sanctions eased"
    assert "lift the blocking sanctions" in panel.scenario_label.text()
    controller.set_scenario(None)
    assert selector.currentText() == "Baseline"
    # A renamed scenario shows up in the selector.
    controller.edit_item("scenario", "sanctions-eased", {"name": "Sanctions lifted"})
    assert selector.itemText(1) == "Sanctions lifted"


def test_the_ranking_tab_says_the_order_the_table_shows(qtbot, controller):
    """Sorted by another column, or by rank from the last, the ranking is no longer lowest
    risk first: its tab says how it is sorted, and back in rank order says so again."""
    panel = ResultsPanel(controller)
    qtbot.addWidget(panel)
    tab = panel.views.indexOf(panel.ranking)
    assert panel.views.tabText(tab) == "Ranking · lowest risk first"
    panel.ranking.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert panel.views.tabText(tab) == "Ranking · sorted by Project"
    panel.ranking.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert panel.views.tabText(tab) == "Ranking · sorted by Index, descending"
    panel.ranking.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert panel.views.tabText(tab) == "Ranking · sorted by Rank, descending"
    panel.ranking.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert panel.views.tabText(tab) == "Ranking · lowest risk first"


def test_panel_on_the_template(qtbot):
    controller = DocumentController(new_from_template("russia-rare-earths"))
    panel = ResultsPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    first = controller.result.ranking()[0]
    panel.ranking.selectRow(0)
    assert panel.matrix.project_id == first.id
    assert panel.heatmap.view.selected[0] == first.id
    image = panel.grab().toImage()
    assert image.width() == panel.width() * image.devicePixelRatio()
    for scenario in controller.document.scenarios:
        controller.set_scenario(scenario.id)
        assert panel.heatmap.view.project_ids == [p.id for p in controller.result.ranking()]


def test_embedded_panel_names_the_scenario_without_its_own_selector(qtbot, controller):
    panel = ResultsPanel(controller, show_scenario_selector=False)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.scenario_selector.isVisible()
    assert panel.scenario_label.isVisible()
    assert panel.scenario_label.text() == "Scenario: Baseline"
    controller.set_scenario("sanctions-eased")
    text = panel.scenario_label.text()
    assert text.startswith("Scenario: Sanctions eased — ")
    assert "lift the blocking sanctions" in text


def test_heat_map_labels_are_whole_when_there_is_room_even_in_bold(qtbot, controller):
    """Row and column labels get the room of their names in bold (the selected ones are
    bold): a label measured to the pixel in the regular font was cut ("Criterio…")."""
    from PySide6.QtGui import QFont, QFontMetrics

    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(1200, 600)
    heat.show()
    view = heat.view
    bold = QFont(view.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for name in view.criterion_names:
        assert metrics.elidedText(name, Qt.TextElideMode.ElideRight, view._header_text) == name
    room = view.label_w - 12 - QFontMetrics(view.font()).horizontalAdvance("00 ") - 4
    for name in view.project_names:
        assert metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) == name


def test_heat_map_names_whole_at_the_usual_font_are_whole_at_twice_its_size(qtbot):
    """The labels' room is counted in letters: in pixels (260 and 160) a font twice as large
    cut names shown whole at the usual size ("Seligdar apatite de…")."""
    from PySide6.QtGui import QFont, QFontMetrics

    controller = DocumentController(new_from_template("russia-rare-earths"))
    whole: list[tuple[set[str], set[str]]] = []
    for factor in (1, 2):
        heat = HeatMap(controller)
        qtbot.addWidget(heat)
        font = QFont(heat.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        heat.setFont(font)
        heat.resize(1600 * factor, 600 * factor)
        heat.show()
        view = heat.view
        view._measure()
        bold = QFont(view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        room = view.label_w - 12 - QFontMetrics(view.font()).horizontalAdvance("00 ") - 4

        def shown(names: list[str], width: int) -> set[str]:
            elide = Qt.TextElideMode.ElideRight
            return {n for n in names if metrics.elidedText(n, elide, width) == n}  # noqa: B023

        whole.append(
            (shown(view.project_names, room), shown(view.criterion_names, view._header_text))
        )
    assert whole[0][0] and whole[0][1]
    assert whole[1] == whole[0]


def test_the_heat_map_and_the_5x5_say_in_words_what_they_paint(qtbot, controller):
    """Screen readers hear the selected cell of the heat map and the 5×5's scores (both are
    painted grids: only their names were exposed, nothing of what they show)."""
    from PySide6.QtGui import QAccessible

    def description(widget) -> str:  # noqa: ANN001
        return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)

    heat = HeatMap(controller)
    matrix = RiskMatrix5x5(controller)
    for widget in (heat, matrix):
        qtbot.addWidget(widget)
    assert "arrow keys" in description(heat.view)
    assert "Select a project" in description(matrix)
    controller.select("tomtor", "sanctions")
    assert description(heat.view) == (
        "Tomtor — Sanctions exposure. L 4 × I 5 = 20 · Critical. "
        "Red line: counterparty under blocking sanctions (EO 14024)"
    )
    spoken = description(matrix)
    assert spoken.startswith("Tomtor. ")
    assert "Sanctions exposure: 4×5 = 20 Critical" in spoken
    assert "Cost: 2×3 = 6 Medium" in spoken
    controller.set_scenario("sanctions-eased")  # the scenario's scores, said as such
    assert "Sanctions exposure: 1×3 = 3 Low, scenario's value" in description(matrix)
    assert description(heat.view).startswith("Tomtor — Sanctions exposure. L 1 × I 3 = 3 · Low. ")
    assert description(heat.view).endswith("sets this cell (baseline L 4 × I 5)")
    controller.set_scenario(None)
    controller.select("tomtor", None)  # the project's label: its status in words, once
    spoken = description(heat.view)
    assert "excluded" in spoken and "Red line: excluded" not in spoken, spoken


def test_tab_from_the_results_tabs_goes_into_the_page_shown(open_window, template_path, qtbot):
    """Tab from the Ranking / Heat map tabs reaches the table or the heat map below them (the
    pages came before their tabs in the focus order: Tab went past the page to the toolbar,
    and the heat map was reached only with Shift+Tab)."""
    window = open_window(template_path)
    window.resize(1500, 950)  # room for the tabs whole, without their scroll buttons
    window.activateWindow()
    panel = window.results_panel
    bar = panel.views.tabBar()
    for page, view in ((1, panel.heatmap.view), (0, panel.ranking)):
        panel.views.setCurrentIndex(page)
        bar.setFocus()
        qtbot.waitUntil(bar.hasFocus)
        qtbot.keyClick(bar, Qt.Key.Key_Tab)
        qtbot.waitUntil(view.hasFocus)


def test_tab_from_the_ranking_or_heat_map_reaches_the_5x5_matrix(open_window, template_path, qtbot):
    """The 5×5 matrix of the selected project is reached with Tab after the page beside it,
    framed while it has the focus, for a screen reader to read what it shows."""
    window = open_window(template_path)
    window.resize(1500, 950)
    window.activateWindow()
    panel = window.results_panel
    window.controller.select("tomtor", None)
    for page, view in ((1, panel.heatmap.view), (0, panel.ranking)):
        panel.views.setCurrentIndex(page)
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.waitUntil(panel.matrix.hasFocus)
    matrix = panel.matrix
    assert matrix.accessibleName() and matrix.accessibleDescription().startswith("Tomtor")
    framed = matrix.grab().toImage()
    window.focus_matrix()
    qtbot.waitUntil(lambda: not matrix.hasFocus())
    assert matrix.grab().toImage() != framed


def test_heat_map_brings_the_project_chosen_elsewhere_into_sight(qtbot):
    """A project chosen in the matrix or the ranking is scrolled into sight in the heat map,
    its cell too (it stayed out of sight, 200 rows down)."""
    controller = DocumentController(large_document(300, 30))
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(800, 500)
    heat.show()
    qtbot.waitExposed(heat)
    view = heat.view
    row, column = 250, 25
    controller.select(view.project_ids[row], view.criterion_ids[column])
    assert view.viewport().rect().contains(view.cell_rect(row, column))
    controller.select(view.project_ids[3], None)  # the whole project, from the ranking
    rect = view.cell_rect(3, column)
    assert view.header_h <= rect.top() and rect.bottom() <= view.viewport().rect().bottom()


def test_heat_map_keys_reach_the_far_ends_of_a_large_heat_map(qtbot):
    """Home/End go to the row's first and last criterion, Ctrl+Home/Ctrl+End to the first and
    last project, Page Up/Down a page of rows, as in the matrix (only the arrows moved)."""
    controller = DocumentController(large_document(300, 30))
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(800, 500)
    heat.show()
    qtbot.waitExposed(heat)
    view = heat.view
    controller.select(view.project_ids[0], view.criterion_ids[0])

    def place() -> tuple[int, int]:
        project, criterion = controller.selection
        return view.project_ids.index(project), view.criterion_ids.index(criterion)

    qtbot.keyClick(view, Qt.Key.Key_End)
    assert place() == (0, 29)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    page = place()[0]
    assert page > 1
    assert view.viewport().rect().contains(view.cell_rect(page, 29))
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert place() == (page, 0)
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert place() == (299, 29)
    assert view.viewport().rect().contains(view.cell_rect(299, 29))
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert place() == (299 - page, 29)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert place() == (0, 0)


def test_heat_map_ranks_of_three_digits_show_whole(qtbot):
    """Beyond 99 projects a rank has three digits, all shown: the label's number had room for
    two, so rank 174 read "74"."""
    controller = DocumentController(large_document(300, 5))
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(800, 500)
    heat.show()
    qtbot.waitExposed(heat)
    view = heat.view
    row = next(
        r
        for r, pid in enumerate(view.project_ids)
        if controller.result.rank[controller.result.row_of(pid)] == 174
    )
    controller.select(view.project_ids[row], None)
    image = view.viewport().grab().toImage()
    rect = view.cell_rect(row, 0)
    background = QColor(image.pixel(QPoint(view.label_w - 2, rect.top() + 1)))
    inked = sorted(
        {
            x
            for x in range(view.label_w)
            for y in range(rect.top() + 2, rect.bottom() - 1)
            if QColor(image.pixel(QPoint(x, y))) != background
        }
    )
    # The rank is the first run of ink, apart from the name by a gap.
    end = next((a for a, b in zip(inked, inked[1:], strict=False) if b - a > 5), inked[-1])
    shown = end - inked[0] + 1
    assert shown >= view.fontMetrics().horizontalAdvance("174") - 4


def test_heat_map_project_label_tooltip_says_whether_its_index_ranks(qtbot, controller):
    """A project's label tooltip gives its rank, or says it is excluded (with the red line)
    or unscored: an excluded project's index read as any other's."""
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    view = heat.view
    result = controller.result
    for project_id in view.project_ids:
        score = result.project_score(result.row_of(project_id))
        tip = view.tooltip_text(view.project_ids.index(project_id), -1)
        if score.status == "excluded":
            assert "⊘ excluded" in tip
            assert all(line.reason in tip for line in score.red_lines)
        elif score.status == "ranked":
            assert f"rank {score.rank}" in tip
    assert any(
        result.project_score(result.row_of(p)).status == "excluded" for p in view.project_ids
    )


def test_heat_map_keeps_the_selected_project_in_sight_when_an_edit_moves_it(qtbot):
    """An edit that moves the selected project to another rank scrolls the heat map with it,
    as the ranking does (it went out of sight, 150 rows away)."""
    controller = DocumentController(large_document(300, 10))
    heat = HeatMap(controller)
    qtbot.addWidget(heat)
    heat.resize(800, 500)
    heat.show()
    qtbot.waitExposed(heat)
    view = heat.view
    project_id = view.project_ids[150]
    controller.select(project_id, "c3")
    cells = [(project_id, f"c{j}") for j in range(10)]
    assert controller.edit_cells(cells, {"likelihood": 1, "impact": 1})
    row = view.project_ids.index(project_id)
    assert row < 100  # the lowest risk now: near the top
    rect = view.cell_rect(row, 3)
    assert view.header_h <= rect.top() and rect.bottom() <= view.viewport().rect().bottom()


def test_blank_assessment_results_say_to_add_projects(qtbot):
    """A blank assessment's ranking is not a bare table, and its 5×5 matrix does not ask for
    a project to be selected where there is none: both say to add projects."""
    controller = DocumentController(new_from_template("blank"))
    panel = ResultsPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    viewport = panel.ranking.viewport()
    image = viewport.grab().toImage()
    background = image.pixel(2, 2)
    inked = [
        (x, y)
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixel(x, y) != background
    ]
    assert inked, "the empty ranking paints nothing"
    assert "Add projects" in panel.matrix.summary()
    assert panel.matrix.accessibleDescription() == panel.matrix.summary()
    controller.add_item("project", {"id": "lovozero", "name": "Lovozero"})
    assert panel.ranking.ranking_model.rowCount() == 1
    assert "Select a project" in panel.matrix.accessibleDescription()
