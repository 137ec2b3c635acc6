"""The selected cells are framed, the band colours left in sight."""

from __future__ import annotations

from desktop_documents import make_document, shown_matrix
from PySide6.QtGui import QColor, QPalette


def test_a_selected_unassessed_cell_is_framed_as_any_other(qtbot):
    """Selection is a frame on every cell: an unassessed one, with no band fill, showed the
    table's solid highlight instead, and the frame drawn in that colour was lost on it."""
    view = shown_matrix(qtbot, make_document(), size=(900, 300))
    view.test_host.resize(900, 300)
    view.test_host.show()
    qtbot.waitExposed(view)
    assert view.matrix_model.data(view.matrix_model.cell_index("p1", "c3")) == "—"
    assert view.select_cell("p1", "c3")
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.matrix_model.cell_index("p1", "c3"))
    palette_ = view.palette()
    inside = QColor(image.pixel(rect.left() + 8, rect.top() + 6))  # clear of frame and text
    frame = QColor(image.pixel(rect.left() + 2, rect.center().y()))
    assert inside.name() == palette_.color(QPalette.ColorRole.Base).name()
    assert frame.name() == palette_.color(QPalette.ColorRole.Highlight).name()
