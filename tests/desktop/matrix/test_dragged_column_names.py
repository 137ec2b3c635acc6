"""A column the user dragged keeps its width, and its criterion's name is wrapped to that width:
wrapped for the fitted width, the name ran past the edges of a column dragged narrower
("xtractio / recov") and stayed on three short lines in one dragged wider. When the
application's font changes, the dragged widths grow or shrink with the text (a column twice
the fitted width stays twice it), so that what the user made fit still fits."""

from __future__ import annotations

from desktop_documents import make_document, shown_matrix
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

NAMES = ("Extraction and recovery cost", "Market access and offtake")


def _lines(view, column: int) -> list[str]:  # noqa: ANN001
    text = view.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    return text.split("\n")


def _assert_names_inside(view) -> None:  # noqa: ANN001
    header = view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for column in range(view.model().columnCount()):
        room = header.sectionSize(column) - 8  # the style's margins
        widths = [metrics.horizontalAdvance(line) for line in _lines(view, column)]
        assert max(widths) <= room, (column, _lines(view, column), widths, room)


def _dragged(qtbot):  # noqa: ANN001, ANN202
    document = make_document(3, 4)
    document.criteria[0].name, document.criteria[1].name = NAMES
    view = shown_matrix(qtbot, document, (900, 400))
    view.fit_columns()  # (as the window has it done once shown)
    header = view.horizontalHeader()
    fitted = header.sectionSize(0)
    header.resizeSection(0, fitted * 2 // 3)  # as a drag of its edge does
    header.resizeSection(1, fitted * 2)
    return view, fitted


def test_a_dragged_column_wraps_its_name_to_its_own_width(qtbot) -> None:
    view, _ = _dragged(qtbot)
    _assert_names_inside(view)
    assert _lines(view, 1)[0] == NAMES[1]  # room for the name on one line


def test_dragged_widths_grow_with_a_larger_font_and_the_names_fit_them(qtbot) -> None:
    view, fitted = _dragged(qtbot)
    header = view.horizontalHeader()
    before = [header.sectionSize(column) for column in range(4)]
    app_font = QApplication.font()
    larger = QFont(app_font)
    larger.setPointSizeF(app_font.pointSizeF() * 1.6)
    try:
        QApplication.setFont(larger)
        qtbot.waitUntil(lambda: view.font().pointSizeF() == larger.pointSizeF())
        grown = view.horizontalHeader().defaultSectionSize() / fitted
        assert grown > 1.3
        after = [header.sectionSize(column) for column in range(4)]
        assert after == [round(width * grown) for width in before]
        _assert_names_inside(view)
        assert _lines(view, 1)[0] == NAMES[1]
    finally:
        QApplication.setFont(app_font)
        qtbot.waitUntil(lambda: view.font().pointSizeF() == app_font.pointSizeF())
    assert [header.sectionSize(column) for column in range(4)] == before
    _assert_names_inside(view)
