"""Narrative written before the results moved is marked in the app, with one-click review."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.editors.assessment import AssessmentEditor
from rrisk.narrative import stale_texts
from rrisk.templates import new_from_template


def _editor(qtbot) -> AssessmentEditor:
    controller = DocumentController(new_from_template("russia-rare-earths"))
    editor = AssessmentEditor(controller)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_a_weight_change_marks_the_summary_and_mark_reviewed_clears_it(qtbot) -> None:
    editor = _editor(qtbot)
    controller = editor.controller
    assert not editor.stale_banner.isVisible()
    weight = controller.document.criterion("sanctions").weight
    assert controller.edit_item("criterion", "sanctions", {"weight": weight * 0.5})
    assert editor.stale_banner.isVisible()
    assert "Summary: written before" in editor.stale_label.text()
    assert "results changed" in editor.stale_label.text()
    qtbot.mouseClick(editor.review_button, Qt.MouseButton.LeftButton)
    assert not editor.stale_banner.isVisible()
    assert [
        s.key
        for s in stale_texts(controller.document)
        if s.key in ("summary", "recommendation", "notes")
    ] == []
    controller.undo_stack.undo()  # "Mark reviewed" is one undo step
    assert editor.stale_banner.isVisible()


def test_rewriting_the_summary_stamps_it_with_todays_results(qtbot) -> None:
    editor = _editor(qtbot)
    controller = editor.controller
    weight = controller.document.criterion("sanctions").weight
    assert controller.edit_item("criterion", "sanctions", {"weight": weight * 0.5})
    assert "Summary:" in editor.stale_label.text()
    assert controller.edit_assessment({"summary": "Rewritten after the weights changed."})
    assert "Summary:" not in editor.stale_label.text()
    controller.undo_stack.undo()  # text and stamp come back together
    assert "Summary:" in editor.stale_label.text()


def test_the_stale_texts_show_without_scrolling(qtbot) -> None:
    """In an editor as tall as a 1400 × 900 window's dock, the stale texts and their Mark
    reviewed sat below Notes, out of sight until scrolled to."""
    from PySide6.QtCore import QPoint

    editor = _editor(qtbot)
    editor.resize(460, 760)
    controller = editor.controller
    weight = controller.document.criterion("sanctions").weight
    assert controller.edit_item("criterion", "sanctions", {"weight": weight * 0.5})
    assert editor.verticalScrollBar().value() == 0
    bottom = editor.review_button.mapTo(editor.widget(), QPoint(0, editor.review_button.height()))
    assert bottom.y() <= editor.viewport().height()
