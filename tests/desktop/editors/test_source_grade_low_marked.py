"""Editors → Sources marks a low grade in its Grade column, "C4 (low)", as the inspector and
the memo do, its tooltip giving the rule; a grade changed there follows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.editors.sources import COL_GRADE


def test_a_low_grade_is_marked_and_follows_a_change(panel, controller):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    model = editor.model
    row = model.row_of("kommersant")
    assert model.index(row, COL_GRADE).data() == "C3"
    assert "Low grade" not in model.index(row, COL_GRADE).data(Qt.ItemDataRole.ToolTipRole)
    assert controller.edit_item("source", "kommersant", {"credibility": 4}, "Edit credibility")
    assert model.index(row, COL_GRADE).data() == "C4 (low)"
    tip = model.index(row, COL_GRADE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Low grade (reliability D–F or credibility 4–6)" in tip
    assert controller.edit_item("source", "kommersant", {"credibility": 2, "reliability": "E"})
    assert model.index(row, COL_GRADE).data() == "E2 (low)"
