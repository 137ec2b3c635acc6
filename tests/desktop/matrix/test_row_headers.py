"""A cell edit repaints its row's header label (index and band) without re-laying out the
matrix, and widens the header when the new label would not fit."""

from __future__ import annotations

from desktop_documents import make_document, shown_matrix
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from desktop.document.controller import DocumentController
from desktop.matrix.view import MatrixView
from rrisk.palette import RED_LINE_MARK


def label(view: MatrixView, row: int) -> str:
    return view.model().headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)


def bold_width(view: MatrixView, text: str) -> int:
    font = QFont(view.verticalHeader().font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(text)


def test_a_cell_edit_updates_the_row_label_and_widens_the_header_when_needed(qtbot) -> None:
    document = make_document(4, 3)
    # Nothing excluded and short labels ("Project 1   0 Low") to start with: every cell low.
    for row in document.cells.values():
        for cell in row.values():
            cell.likelihood, cell.impact = 1, 1
            cell.likelihood_low = cell.likelihood_high = cell.impact_low = cell.impact_high = None
    controller = DocumentController(document)
    # A parent owns the view, as the window does.
    host = QWidget()
    qtbot.addWidget(host)
    view = MatrixView(controller, host)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    model = view.model()
    header_changes: list[tuple] = []
    row_changes: list[tuple] = []
    model.headerDataChanged.connect(lambda *args: header_changes.append(args))
    model.rowHeadersChanged.connect(lambda *args: row_changes.append(args))
    assert not any(RED_LINE_MARK in label(view, row) for row in range(model.rowCount()))
    before_width = view.verticalHeader().width()

    # An edit that keeps the label's width: the row's label reads the new index, no re-layout.
    row = 1
    old = label(view, row)
    assert controller.edit_cell("p1", "c1", {"likelihood": 2, "impact": 2})
    assert label(view, row) != old
    assert row_changes == [(row, row)]
    assert header_changes == []
    assert bold_width(view, label(view, row)) < view.verticalHeader().width()

    # An edit that excludes the project: its label grows ("⛔ Excluded") and the header with it.
    longest_before = max(bold_width(view, label(view, r)) for r in range(model.rowCount()))
    assert controller.edit_cell("p1", "c0", {"likelihood": 5, "impact": 5})
    new_label = label(view, row)
    assert RED_LINE_MARK in new_label
    assert bold_width(view, new_label) < view.verticalHeader().width()
    assert bold_width(view, new_label) > longest_before  # it did outgrow the others
    assert view.verticalHeader().width() > before_width


def test_a_label_wider_than_the_header_keeps_its_status_in_sight(qtbot) -> None:
    """A full-length name in wide glyphs (Cyrillic) can be wider than the header's cap,
    which is measured on Latin ones: the header elides its labels in the middle, so the end,
    "⊘ Excluded" or the score, stays in sight (it showed "…предприят… ⊘ Exc")."""
    document = make_document(3, 2)
    controller = DocumentController(document)
    host = QWidget()
    qtbot.addWidget(host)
    view = MatrixView(controller, host)
    header = view.verticalHeader()
    assert header.textElideMode() == Qt.TextElideMode.ElideMiddle
    text = label(view, 0)
    narrow = header.fontMetrics().elidedText(
        text, header.textElideMode(), bold_width(view, text) // 2
    )
    assert narrow.endswith(text.split()[-1]) and "…" in narrow


def test_a_right_to_left_name_keeps_its_score_after_it(qtbot) -> None:
    """The name is isolated: the line stays left to right, name first, then the score."""
    document = make_document(2, 2)
    document.projects[0].name = "مشروع الأرض"
    controller = DocumentController(document)
    host = QWidget()
    qtbot.addWidget(host)
    view = MatrixView(controller, host)
    text = label(view, 0)
    assert text.startswith("\u2068مشروع الأرض\u2069   ")
    assert label(view, 1).startswith(document.projects[1].name)  # others as they were


def test_a_long_criterion_name_fits_its_column_as_drawn(qtbot) -> None:
    """Names are wrapped to fit their column, at any width, in the font they are drawn in: the
    current column's is not bold (in bold a long name lost letters at both edges)."""
    document = make_document(3, 3)
    document.criteria[1].name = ("Very long name " * 20)[:200]
    controller = DocumentController(document)
    host = QWidget()
    qtbot.addWidget(host)
    view = MatrixView(controller, host)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    assert not header.highlightSections()
    metrics = QFontMetrics(header.font())
    for width in range(500, 1600, 50):
        view.resize(width, 500)
        view.fit_columns()
        text = view.model().headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        room = header.sectionSize(1) - 8  # the style's margins
        widths = [metrics.horizontalAdvance(line) for line in text.split("\n")]
        assert max(widths) <= room, (width, text, widths, room)


def test_a_full_length_name_in_wide_letters_is_shortened_once(qtbot) -> None:
    """A Cyrillic name longer than the header shows is shortened once, by the model, and then
    fits: the header's room is not measured on the average Latin letter alone (it was elided
    once more in its middle: "Месторождение Томтор …и редкоз…")."""
    document = make_document(2, 2)
    document.projects[
        0
    ].name = "Месторождение Томтор (ниобий и редкоземельные металлы), Республика Саха (Якутия)"
    view = shown_matrix(qtbot, document, (1400, 500))
    text = label(view, 0)
    assert text.count("…") == 1
    room = view.verticalHeader().width() - 8  # the style's margins
    assert bold_width(view, text) <= room
