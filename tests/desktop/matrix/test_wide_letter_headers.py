"""Criterion names in wide letters (Cyrillic, capitals) wrap inside their column."""

from __future__ import annotations

from desktop_documents import make_document
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from desktop.document.controller import DocumentController
from desktop.matrix.view import MatrixView


def test_a_cyrillic_criterion_name_keeps_every_line_inside_its_column(qtbot) -> None:
    document = make_document(3, 8)
    names = ("Санкционные риски и вторичные санкции", "ШИРОКОФОРМАТНЫЕ МОЩНОСТИ ОБОГАЩЕНИЯ")
    document.criteria[0].name, document.criteria[1].name = names
    controller = DocumentController(document)
    host = QWidget()
    qtbot.addWidget(host)
    view = MatrixView(controller, host)
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for width in range(600, 1400, 100):
        view.resize(width, 400)
        view.fit_columns()
        for column in (0, 1):
            text = view.model().headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
            )
            room = header.sectionSize(column) - 8  # the style's margins
            widths = [metrics.horizontalAdvance(line) for line in text.split("\n")]
            assert max(widths) <= room, (width, text, widths, room)
