"""A selectable line that holds an Arabic or Hebrew name stays left to right: the editor's form
heading ("name  ·  id …") and the attached file's name on the Sources form. The name turned
the whole line right to left, set against the right edge over a form read from the left, the
id (or the size) printed in front of the name. What is copied from the line is what it shows,
without the mark that keeps it left to right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from results_fixtures import ranked_document, with_evidence

from desktop.document.controller import DocumentController

ARABIC = "معايير العقوبات الثانوية"
HEBREW = "סנקציות משניות"
ARABIC_FILE = "تقرير المعادن النادرة.pdf"


def _ink_starts_at(label) -> int:  # noqa: ANN001
    """The leftmost column of the label's pixels that differs from its background."""
    image = label.grab().toImage()
    background = QColor(image.pixel(image.width() - 1, image.height() - 1))
    for x in range(image.width()):
        for y in range(image.height()):
            if QColor(image.pixel(x, y)) != background:
                return x
    return image.width()


def _heading(qtbot, panel, controller, name: str):  # noqa: ANN001, ANN202
    editor = panel.criteria
    panel.setCurrentWidget(editor)
    assert controller.edit_item("criterion", "market", {"name": name})
    editor.select_id("market")
    title = editor.form_title
    qtbot.waitUntil(lambda: name in title.text())
    qtbot.waitUntil(lambda: title.isVisible())
    return title


@pytest.mark.parametrize("name", [ARABIC, HEBREW])
def test_a_right_to_left_name_keeps_the_heading_left_to_right(qtbot, panel, controller, name):
    title = _heading(qtbot, panel, controller, name)
    assert title.text().endswith("  ·  id market")
    # Set from the left as the form's other headings are, not against its right edge.
    assert _ink_starts_at(title) < title.width() // 4, repr(title.text())


def test_the_heading_copies_what_it_shows_without_its_marks(qtbot, panel, controller):
    title = _heading(qtbot, panel, controller, ARABIC)
    title.setSelection(0, len(title.text()))
    copy = next(a for a in title.context_menu().actions() if a.text() == "Copy")
    QGuiApplication.clipboard().clear()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == f"{ARABIC}  ·  id market"


def test_a_right_to_left_file_name_keeps_its_line_left_to_right(qtbot):
    controller = DocumentController(with_evidence(ranked_document()))
    from desktop.editors.panel import EditorsPanel

    panel = EditorsPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    sources = panel.sources
    panel.setCurrentWidget(sources)
    assert controller.attach_file("kommersant", ARABIC_FILE, b"%PDF 13 bytes")
    sources.select_id("kommersant")
    label = sources.attachment_row.label
    qtbot.waitUntil(lambda: label.isVisible() and ARABIC_FILE in label.text())
    assert label.text().endswith("  ·  13 bytes")
    assert _ink_starts_at(label) < label.width() // 4, repr(label.text())
    label.setFocus()
    label.setSelection(0, len(label.text()))
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{ARABIC_FILE}  ·  13 bytes"
