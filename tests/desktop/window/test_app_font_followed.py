"""The whole window follows the application's font as it changes (the desktop's text size
changed while RRisk is open): every view's text grows, and the columns measured in the old
font are measured again, so nothing is cut that was not cut before."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QDockWidget, QHeaderView, QTableView, QWidget

FACTOR = 1.6


@contextmanager
def larger_application_font(qtbot, window: QWidget) -> Iterator[float]:  # noqa: ANN001
    """The application's font made FACTOR times larger while the window is open; the
    point size it has is given; the font is put back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    larger = QFont(before)
    larger.setPointSizeF(before.pointSizeF() * FACTOR)
    try:
        app.setFont(larger)
        qtbot.waitUntil(lambda: window.font().pointSizeF() == larger.pointSizeF())
        yield larger.pointSizeF()
    finally:
        app.setFont(before)
        qtbot.waitUntil(lambda: window.font().pointSizeF() == before.pointSizeF())


def shown_window(open_window, qtbot):  # noqa: ANN001, ANN201
    window = open_window()
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    window.files.new_document("russia-rare-earths")
    window.controller.undo_stack.setClean()
    for name in ("analysis", "editors", "screening"):
        window.lazy_tabs.panel(name)
    window.changes._ensure_view()
    return window


def test_every_view_of_the_window_takes_a_larger_application_font(open_window, qtbot) -> None:
    """Under their style sheets (the padded tab bars, the docks, the banners), the tabs and
    everything in them, the inspector and the start page kept the old size: only the menus
    and the toolbar grew."""
    window = shown_window(open_window, qtbot)
    views = {
        "tabs": window.tabs,
        "tab bar": window.tabs.tabBar(),
        "matrix": window.matrix_view,
        "ranking": window.findChild(QTableView, "rankingView"),
        "analysis": window.lazy_tabs.panel("analysis"),
        "editors": window.lazy_tabs.panel("editors"),
        "criteria table": window.findChild(QTableView, "criteriaTable"),
        "screening": window.lazy_tabs.panel("screening"),
        "changes": window.changes.view,
        "inspector dock": window.findChild(QDockWidget, "inspectorDock"),
        "inspector": window.findChild(QWidget, "cellInspector"),
        "start page": window.findChild(QWidget, "startScreen"),
        "status bar": window.statusBar(),
    }
    assert all(views.values()), [name for name, view in views.items() if view is None]
    with larger_application_font(qtbot, window) as size:
        kept = {name: view.font().pointSizeF() for name, view in views.items()}
        assert kept == dict.fromkeys(views, size)
        # The headings are their parent's text scaled, in the new size too.
        title = window.findChild(QWidget, "cellInspector").title
        assert title.font().pointSizeF() == size * 1.2
        # The dock's title is bold, its body is not.
        dock = views["inspector dock"]
        assert dock.font().bold() and not dock.widget().font().bold()
    assert window.matrix_view.font().pointSizeF() == size / FACTOR


def _header_lines_width(view: QTableView, column: int) -> int:
    header = view.horizontalHeader()
    text = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    metrics = QFontMetrics(header.font())
    return max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])


def test_the_matrix_columns_are_measured_again_in_the_larger_font(open_window, qtbot) -> None:
    """The columns kept the pixels of the old font: the scores were cut ("4×4 1…")."""
    window = shown_window(open_window, qtbot)
    matrix = window.matrix_view
    with larger_application_font(qtbot, window):
        metrics = matrix.fontMetrics()
        widest_cell = metrics.horizontalAdvance("5×5  25 Crit ⊘")
        header = matrix.horizontalHeader()
        for column in range(matrix.model().columnCount()):
            width = header.sectionSize(column)
            assert width >= widest_cell + 12, column
            # The names are wrapped to the column again, in the header's new font.
            assert width >= _header_lines_width(matrix, column) + 12, column
        # The rows are a line of the new font tall, the projects' names as wide.
        assert matrix.verticalHeader().defaultSectionSize() >= metrics.height() + 14
        bold = QFont(matrix.font())
        bold.setBold(True)
        name = str(matrix.model().headerData(0, Qt.Orientation.Vertical))
        shown = matrix.verticalHeader().width()
        assert shown >= min(QFontMetrics(bold).horizontalAdvance(name), 300)


def test_the_ranking_columns_fit_their_headers_and_texts_in_the_larger_font(
    open_window, qtbot
) -> None:
    """Rank, Index, Band, Coverage and Status kept the old font's widths: "Criti…"."""
    window = shown_window(open_window, qtbot)
    ranking = window.findChild(QTableView, "rankingView")
    model = ranking.model()
    with larger_application_font(qtbot, window):
        bold = QFont(ranking.font())
        bold.setBold(True)
        wide = QFontMetrics(bold)
        header = ranking.horizontalHeader()
        for column in range(model.columnCount()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
                continue  # (the red-line reasons take what is left)
            width = header.sectionSize(column)
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            assert width >= QFontMetrics(header.font()).horizontalAdvance(title), title
            if title == "Project":
                continue  # (names elide beyond their share, whole in the tooltip)
            texts = [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
            assert all(wide.horizontalAdvance(text) < width for text in texts), title


def test_the_editors_columns_and_rows_follow_the_larger_font(open_window, qtbot) -> None:
    """The criteria table's headers were cut ("Weigh", "Red lin") and its rows cramped."""
    window = shown_window(open_window, qtbot)
    table = window.findChild(QTableView, "criteriaTable")
    window.tabs.setCurrentWidget(window.lazy_tabs.panel("editors"))
    with larger_application_font(qtbot, window):
        header = table.horizontalHeader()
        metrics = QFontMetrics(header.font())
        for column in range(table.model().columnCount()):
            title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
            if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
        assert table.verticalHeader().defaultSectionSize() >= table.fontMetrics().height() + 10


def test_the_changes_names_keep_room_in_the_larger_font(open_window, qtbot) -> None:
    window = shown_window(open_window, qtbot)
    view = window.changes.view
    report_size = view.report.font().pointSizeF()
    with larger_application_font(qtbot, window):
        em = view.fontMetrics().horizontalAdvance("M")
        assert view.tree.header().sectionSize(0) >= em * 12
        assert view.report.font().pointSizeF() > report_size
