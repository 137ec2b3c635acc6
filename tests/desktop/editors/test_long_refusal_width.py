"""A long value refused in a list editor is said without widening the window: a pasted
25,000 letters in Capex made the window some 177,000 pixels wide."""

from __future__ import annotations


def _editor(window, name):
    window.tabs.setCurrentWidget(window.editors_panel)
    editor = getattr(window.editors_panel, name)
    window.editors_panel.setCurrentWidget(editor)
    window.show()
    return editor


def test_a_long_text_refused_as_a_capex_keeps_the_window_and_the_message_short(qtbot, window):
    editor = _editor(window, "projects")
    width = window.width()
    editor.select_id(window.controller.document.projects[0].id)
    editor.capex_edit.setFocus()
    editor.capex_edit.setText("x" * 25_000)
    editor.capex_edit.editingFinished.emit()
    assert "is not a number" in editor.message.text()
    assert len(editor.message.text()) < 120
    assert window.width() == width
    assert editor.minimumSizeHint().width() < width


def test_a_long_date_refused_for_a_source_keeps_the_window(qtbot, window):
    editor = _editor(window, "sources")
    width = window.width()
    editor.select_id(window.controller.document.sources[0].id)
    editor.date_edit.setFocus()
    editor.date_edit.setText("2025-" + "1" * 490)
    editor.date_edit.editingFinished.emit()
    assert "Date:" in editor.message.text() and "is not YYYY" in editor.message.text()
    assert window.width() == width
    assert editor.minimumSizeHint().width() < width
