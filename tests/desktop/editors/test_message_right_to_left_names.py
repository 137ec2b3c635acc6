"""A message box that starts with an Arabic or Hebrew file name reads from the left as its
other words do: the name turned the whole message right to left, set against the right edge,
".exe” is not opened" printed before the name and each sentence's full stop at its left."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QMessageBox
from results_fixtures import ranked_document, with_evidence

from desktop.document.controller import DocumentController

PROGRAM = "تقرير المعادن النادرة للربع الثالث.exe"


def _last_line_starts_at(label: QLabel) -> int:
    """The leftmost column of ink in the label's last line of text."""
    image = label.grab().toImage()
    background = QColor(image.pixel(image.width() - 1, 0))

    def ink(y: int) -> list[int]:
        return [x for x in range(image.width()) if QColor(image.pixel(x, y)) != background]

    rows = [y for y in range(image.height()) if ink(y)]
    last = [rows[-1]]
    while last[-1] - 1 in rows:  # up to the gap above the last line
        last.append(last[-1] - 1)
    return min(min(ink(y)) for y in last)


def test_a_program_with_an_arabic_name_is_refused_in_a_message_read_from_the_left(
    qtbot, monkeypatch
):
    from desktop.editors.panel import EditorsPanel

    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a, **_k: warned.append(text))
    )
    controller = DocumentController(with_evidence(ranked_document()))
    panel = EditorsPanel(controller)
    qtbot.addWidget(panel)
    assert controller.attach_file("kommersant", PROGRAM, b"MZ\x90\x00" + bytes(60))
    panel.setCurrentWidget(panel.sources)
    panel.sources.select_id("kommersant")
    assert not panel.sources.attachment_row.open()
    (text,) = warned
    box = QMessageBox(QMessageBox.Icon.Warning, "Open attached file", text)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert PROGRAM in label.text()
    # The last line ("trust it.") set from the left of the label, as an English message's.
    assert _last_line_starts_at(label) < label.width() // 10, label.text()
