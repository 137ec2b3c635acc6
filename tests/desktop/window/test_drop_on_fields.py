"""A .rrisk dropped anywhere on the window opens it, also over a text field (which would
otherwise take the file's address as text typed into it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QScrollArea


def drag_and_drop(window, widget, *paths) -> None:  # noqa: ANN001 - a MainWindow and a QWidget
    """Drag ``paths`` over ``widget`` and drop them there, as the system hands a drag to the
    window (to its QWindow, which passes it on to the widget under the pointer)."""
    data = QMimeData()
    urls = [QUrl.fromLocalFile(str(path)) for path in paths]
    data.setUrls(urls)
    data.setText("\n".join(url.toString() for url in urls))  # as file managers offer it too
    point = QPointF(widget.mapTo(window, widget.rect().center()))
    handle = window.windowHandle()
    args = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(handle, QDragEnterEvent(point.toPoint(), *args))
    QApplication.sendEvent(handle, QDragMoveEvent(point.toPoint(), *args))
    QApplication.sendEvent(handle, QDropEvent(point, *args))


@pytest.mark.parametrize("field", ["rationale", "red_line_reason"])
def test_a_file_dropped_on_a_text_field_opens_and_leaves_the_field_alone(
    open_window, document_path, template_path, qtbot, monkeypatch, field
):
    window = open_window(document_path)
    window.show()
    qtbot.waitExposed(window)
    controller = window.controller
    controller.select("p0", "c1")
    # A red line, so that its reason field is on; the edit makes the open ask first.
    assert controller.edit_cell("p0", "c1", {"red_line": True, "red_line_reason": "Listed"})
    asked: list[str] = []

    def discard(_parent, _title, text, *_args):  # noqa: ANN001, ANN002, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(discard))
    widget = getattr(window.inspector, field)
    scroll = widget.parent()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parent()
    scroll.ensureWidgetVisible(widget)
    target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
    point = target.mapTo(window, target.rect().center())
    assert widget.isEnabled() and window.childAt(point) is target
    drag_and_drop(window, target, template_path)
    assert asked and "before opening another file" in asked[0]
    assert controller.path == template_path
    text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    assert "file:" not in text and "rare-earths" not in text


def test_a_file_dropped_on_the_floating_inspector_opens(
    open_window, document_path, template_path, qtbot
):
    window = open_window(document_path)
    window.show()
    qtbot.waitExposed(window)
    window.controller.select("p0", "c1")
    dock = window.inspector_dock
    dock.setFloating(True)
    qtbot.waitExposed(dock)
    target = window.inspector.rationale.viewport()
    assert dock.childAt(target.mapTo(dock, target.rect().center())) is target
    drag_and_drop(dock, target, template_path)
    assert window.controller.path == template_path
    assert "file:" not in window.inspector.rationale.toPlainText()


def test_several_files_dropped_at_once_open_each_in_a_window_of_its_own(
    open_window, document_path, template_path, tmp_path, qtbot
):
    """As several files given on the command line do (only the first opened, without a
    word); a file that is not an assessment among them is passed over."""
    from desktop.app import HandedFiles

    third = tmp_path / "third.rrisk"
    third.write_bytes(template_path.read_bytes())
    table = tmp_path / "matrix.xlsx"
    table.write_bytes(b"not looked at")
    window = open_window()
    window.show()
    qtbot.waitExposed(window)
    handed = HandedFiles(window)
    drag_and_drop(window, window.centralWidget(), table, document_path, template_path, third)
    for other in handed.windows[1:]:
        open_window.keep(other)
    assert window.controller.path == document_path
    assert [w.controller.path for w in handed.windows] == [document_path, template_path, third]


def test_the_windows_own_file_dropped_with_others_stays_open_and_the_others_open_beside(
    open_window, document_path, template_path, tmp_path, qtbot, monkeypatch
):
    """Its own file second among them: the first replaced it here and the own file, handed
    on, found this window still holding it, so it was closed and opened nowhere."""
    from desktop.app import HandedFiles

    third = tmp_path / "third.rrisk"
    third.write_bytes(template_path.read_bytes())
    window = open_window(template_path)
    window.show()
    qtbot.waitExposed(window)
    assert window.controller.edit_assessment({"title": "Unsaved here"})
    asked: list[str] = []  # "Save changes?": nothing here is to be replaced
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or QMessageBox.Discard
    )
    handed = HandedFiles(window)
    drag_and_drop(window, window.centralWidget(), document_path, template_path, third)
    for other in handed.windows[1:]:
        open_window.keep(other)
    qtbot.waitUntil(lambda: all(not w.files.opening for w in handed.windows), timeout=30_000)
    assert window.controller.path == template_path
    assert window.controller.document.title == "Unsaved here"  # as it was, changes kept
    assert asked == []
    assert [w.controller.path for w in handed.windows] == [template_path, document_path, third]
