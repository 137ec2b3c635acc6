"""The narrative fields of the editors (a project's description, the memo's summary,
recommendation and notes) sit in a box with their notes line, so their form label is the
box's: a screen reader, which looks for a label beside the field, found no name."""

from __future__ import annotations

from PySide6.QtGui import QAccessible


def _name(widget) -> str:  # noqa: ANN001 - a QWidget
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_each_narrative_field_is_named_by_its_label(window) -> None:
    editors = window.editors_panel
    assert _name(editors.projects.description_edit) == "Description"
    fields = editors.assessment.fields
    names = {key: _name(fields[key]) for key in ("summary", "recommendation", "notes")}
    assert names == {"summary": "Summary", "recommendation": "Recommendation", "notes": "Notes"}


def test_tab_goes_from_each_memo_text_to_its_own_insert_field(window, qtbot) -> None:
    """Summary, its Insert field, Recommendation, its Insert field, Notes, its Insert field:
    Tab went through the three texts first and then back up to the summary's button."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    editors = window.editors_panel
    window.tabs.setCurrentWidget(editors)
    assessment = editors.assessment
    editors.setCurrentWidget(assessment)
    summary = assessment.fields["summary"]
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    reached = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    boxes, fields = assessment.boxes, assessment.fields
    assert reached == [
        boxes["summary"].fields_button,
        fields["recommendation"],
        boxes["recommendation"].fields_button,
        fields["notes"],
        boxes["notes"].fields_button,
    ]
