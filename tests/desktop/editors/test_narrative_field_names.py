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
