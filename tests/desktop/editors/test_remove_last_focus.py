"""Removing the last item of a list with the keyboard leaves the keyboard somewhere: the
Remove button it was on turns disabled, with the whole form, and the focus went nowhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox


def test_removing_the_last_scenario_by_keyboard_leaves_the_focus_on_add(window, qtbot, monkeypatch):
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    editors = window.editors_panel
    window.tabs.setCurrentWidget(editors)
    page = editors.scenarios
    editors.setCurrentWidget(page)
    assert page.model.rowCount() >= 1
    while page.model.rowCount():
        page.table.selectRow(0)
        page.remove_button.setFocus()
        qtbot.waitUntil(page.remove_button.hasFocus)
        qtbot.keyClick(page.remove_button, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is page.add_button
