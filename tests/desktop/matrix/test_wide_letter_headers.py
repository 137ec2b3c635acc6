"""Criterion names in wide letters (Cyrillic, capitals) wrap inside their column."""

from __future__ import annotations

from desktop_documents import make_document, shown_matrix
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from desktop.document.controller import DocumentController


def test_a_cyrillic_criterion_name_keeps_every_line_inside_its_column(qtbot) -> None:
    document = make_document(3, 8)
    names = ("Санкционные риски и вторичные санкции", "ШИРОКОФОРМАТНЫЕ МОЩНОСТИ ОБОГАЩЕНИЯ")
    document.criteria[0].name, document.criteria[1].name = names
    view = shown_matrix(qtbot, document)
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


def test_the_wrapped_names_follow_a_new_font_of_the_same_column_width(qtbot) -> None:
    """Another font at the same character count and width: the names are wrapped again in
    it, not kept as measured in the old one."""
    from desktop.matrix.model import MatrixModel

    document = make_document(2, 2)
    document.criteria[0].name = "Sanctions exposure and secondary sanctions"
    model = MatrixModel(DocumentController(document))

    def lines() -> list[str]:
        text = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        return text.split("\n")[:-1]  # (the last line gives the weight)

    model.set_header_chars(30, 300, lambda line: 8 * len(line), "narrow")
    narrow = lines()
    model.set_header_chars(30, 300, lambda line: 20 * len(line), "wide")
    wide = lines()
    assert all(20 * len(line) <= 300 for line in wide)
    assert len(wide) > len(narrow)


def test_a_weight_the_scenario_sets_keeps_inside_its_column(qtbot) -> None:
    """The scenario's mark beside a weight never pushes the line past the column's edges: a
    narrow column drops the word "weight" ("● ≈0.33"; it read "◗ weight ≈0.3")."""
    view = shown_matrix(qtbot, make_document(3, 12))
    controller = view.matrix_model._controller
    controller.set_scenario("eased")
    assert controller.edit_item("criterion", "c0", {"weight": 1 / 3})
    assert controller.edit_item("criterion", "c1", {"weight": 0.0001})
    header = view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for width in range(600, 2000, 200):
        view.resize(width, 400)
        view.fit_columns()
        for column in (0, 1):
            text = view.model().headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
            )
            assert text.split("\n")[-1].startswith("● ")
            room = header.sectionSize(column) - 8  # the style's margins
            widths = [metrics.horizontalAdvance(line) for line in text.split("\n")]
            assert max(widths) <= room, (width, text, widths, room)
