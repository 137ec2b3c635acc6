"""The scroll areas around the editors' forms and the start page are not Tab stops: each
was an empty stop with no name, where a screen reader announced nothing (the inspector's
and the analysis panel's were already not)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea


def test_no_scroll_area_of_the_editors_or_the_start_page_is_a_tab_stop(open_window, template_path):
    window = open_window(template_path)
    editors = window.editors_panel
    areas = [editors.assessment, *editors.findChildren(QScrollArea)]
    areas += window.start_screen.findChildren(QScrollArea)
    assert len(areas) >= 6
    stops = [area for area in areas if area.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert stops == []


def test_tab_from_the_projects_form_leaves_it_for_a_named_control(window, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    editors = window.editors_panel
    window.tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editors.projects)
    field = editors.projects.rationale_edit  # the form's last field
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not isinstance(QApplication.focusWidget(), QAbstractScrollArea)
