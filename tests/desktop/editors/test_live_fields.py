"""Live figures in the app's narrative editors: values shown, raw text edited, fields offered,
unknown fields named, and descriptions and rationales stamped and marked stale."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.document.controller import DocumentController
from desktop.editors.assessment import AssessmentEditor
from desktop.editors.projects import ProjectsEditor
from desktop.matrix.inspector import CellInspector
from desktop.ui.narrative_text import ERROR, FIELD, display_resolver, segments
from rrisk.fields import FieldResolver
from rrisk.narrative import stale_text


@pytest.fixture
def controller(qtbot) -> DocumentController:
    return DocumentController(make_document())


def assessment(qtbot, controller: DocumentController) -> AssessmentEditor:
    editor = AssessmentEditor(controller)
    qtbot.addWidget(editor)
    editor.resize(900, 900)
    editor.show()
    return editor


def expected(controller: DocumentController, text: str) -> str:
    return FieldResolver(controller.document, controller.scenario_id).resolve(text, "test")


def test_summary_shows_values_and_edits_the_raw_text(qtbot, controller) -> None:
    raw = "P0 scores {{index:p0}} and ranks {{rank:p0|ordinal}} of {{count:projects}}."
    assert controller.edit_assessment({"summary": raw})
    editor = assessment(qtbot, controller)
    field = editor.fields["summary"]
    assert field.showing_values
    shown = field.shown_text()
    assert shown == expected(controller, raw)
    assert "{{" not in shown
    assert field.toPlainText() == shown  # what is on screen, as for any text edit
    assert field.raw_text() == raw  # what is stored stays the raw text
    # Clicking in the text edits the raw text, the cursor where it was clicked.
    field.setFocus()
    qtbot.mouseClick(
        field.viewport(), Qt.MouseButton.LeftButton, pos=field.viewport().rect().topLeft()
    )
    assert not field.showing_values
    assert field.shown_text() == raw
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " Leader: {{leader}}.")
    editor.fields["title"].setFocus()  # leaving the field commits it
    field.end_editing()  # offscreen platforms may not deliver the focus change
    field.editingFinished.emit()
    assert controller.document.summary == raw + " Leader: {{leader}}."
    assert field.showing_values
    assert "{{leader}}" not in field.shown_text()


def test_a_text_of_a_thousand_fields_shows_every_value_and_leaves_no_undo_record(
    qtbot, controller
) -> None:
    raw = "{{index:p0}} " * 1_000
    assert controller.edit_assessment({"summary": raw})
    editor = assessment(qtbot, controller)
    field = editor.fields["summary"]
    assert field.showing_values
    assert field.toPlainText() == expected(controller, raw)
    # Showing values is not an edit the user could undo inside the field.
    assert not field.document().isUndoAvailable()
    assert field.document().isUndoRedoEnabled()


def test_values_follow_the_results_without_touching_the_text(qtbot, controller) -> None:
    assert controller.edit_assessment({"summary": "P0: {{index:p0}}"})
    editor = assessment(qtbot, controller)
    field = editor.fields["summary"]
    before = field.shown_text()
    assert controller.edit_cell("p0", "c1", {"likelihood": 5, "impact": 5})
    after = field.shown_text()
    assert after != before
    assert after == expected(controller, "P0: {{index:p0}}")
    controller.set_scenario("eased")  # another scenario: its figures
    assert field.shown_text() == expected(controller, "P0: {{index:p0}}")


def test_an_unknown_field_is_named_under_the_editor(qtbot, controller) -> None:
    assert controller.edit_assessment({"notes": "See {{index:nowhere}} and {{idx:p0}}."})
    editor = assessment(qtbot, controller)
    box = editor.boxes["notes"]
    assert box.problems.isVisibleTo(editor)
    assert "nowhere" in box.problems.text() and "idx" in box.problems.text()
    # The broken fields stay as typed in the shown text.
    assert "{{index:nowhere}}" in box.editor.shown_text()
    kinds = [
        s.kind for s in segments(display_resolver(controller), "{{index:nowhere}} {{index:p0}}")
    ]
    assert kinds == [ERROR, "text", FIELD]


def test_insert_field_offers_the_projects_figures_with_values(qtbot, controller) -> None:
    editor = ProjectsEditor(controller)
    qtbot.addWidget(editor)
    editor.show()
    editor.select_id("p1")
    box = editor.description_box
    menu_button = box.fields_button
    assert menu_button.project() == "p1"
    menu_button._fill()
    labels = [a.text() for a in menu_button.menu().actions() if not a.isSeparator()]
    assert any(label.startswith("Index") for label in labels)
    index_action = next(a for a in menu_button.menu().actions() if a.text().startswith("Index"))
    assert index_action.toolTip() == "{{index:p1}}"
    shown_value = index_action.text().split("—")[-1].strip()
    assert shown_value == expected(controller, "{{index:p1}}")
    index_action.trigger()
    box.editor.editingFinished.emit()
    assert "{{index:p1}}" in controller.document.project("p1").description


def test_a_written_description_is_stamped_and_then_marked_stale(qtbot, controller) -> None:
    editor = ProjectsEditor(controller)
    qtbot.addWidget(editor)
    editor.show()
    editor.select_id("p0")
    assert controller.edit_item("project", "p0", {"description": "Scores {{index:p0}} today."})
    assert "project:p0" in controller.document.narrative_stamps  # stamped in the same step
    box = editor.description_box
    assert not box.review_button.isVisibleTo(editor)
    assert controller.edit_cell("p0", "c1", {"likelihood": 5, "impact": 5})
    assert stale_text(controller.document, "project:p0") is not None
    assert box.stale.text() == "Written before 1 result changed."
    assert box.review_button.isVisibleTo(editor)
    qtbot.mouseClick(box.review_button, Qt.MouseButton.LeftButton)
    assert stale_text(controller.document, "project:p0") is None
    assert not box.review_button.isVisibleTo(editor)
    controller.undo_stack.undo()  # Mark reviewed is one undo step
    assert box.review_button.isVisibleTo(editor)


def test_a_rationale_is_stamped_in_its_edit_and_shown_resolved(qtbot, controller) -> None:
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.select("p2", "c0")
    steps = controller.undo_stack.count()
    assert controller.edit_cell("p2", "c0", {"rationale": "Index now {{index:p2}}."})
    assert controller.undo_stack.count() == steps + 1  # text and stamp: one undo step
    assert "cell:p2:c0" in controller.document.narrative_stamps
    rationale = inspector.rationale
    assert rationale.showing_values
    assert rationale.shown_text() == expected(controller, "Index now {{index:p2}}.")
    assert controller.edit_cell("p2", "c1", {"likelihood": 5, "impact": 5})
    assert inspector.rationale_box.stale.text() == ""  # another cell: not what it explains
    was = controller.document.cell("p2", "c0")
    assert was is not None and was.likelihood is not None and was.impact is not None
    assert controller.edit_cell("p2", "c0", {"impact": 1 if was.impact != 1 else 2})
    assert inspector.rationale_box.stale.text().startswith(
        f"Written against likelihood {was.likelihood}"
    )
    assert inspector.rationale_box.review_button.isVisibleTo(inspector)
    assert "its cell's scores" in inspector.rationale_box.review_button.toolTip()
    # The line has the text's width to itself, not a column beside the buttons.
    box = inspector.rationale_box
    qtbot.waitUntil(lambda: box.stale.width() >= box.editor.width() * 0.9)
    assert box.stale.geometry().bottom() < box.review_button.geometry().top()
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert "cell:p2:c0" not in controller.document.narrative_stamps
    assert controller.document.cell("p2", "c0").rationale != "Index now {{index:p2}}."


def test_typing_without_fields_behaves_as_plain_text(qtbot, controller) -> None:
    editor = assessment(qtbot, controller)
    field = editor.fields["recommendation"]
    assert not field.showing_values
    field.setFocus()
    qtbot.keyClicks(field, "Proceed with the comparator.")
    assert field.toPlainText() == "Proceed with the comparator."
    title = editor.fields["title"]
    assert isinstance(title, QLineEdit)


def test_cursor_positions_map_from_values_to_fields(qtbot, controller) -> None:
    editor = assessment(qtbot, controller)
    field = editor.fields["summary"]
    raw = "A {{count:projects}} B"
    field.setPlainText(raw)
    value = expected(controller, "{{count:projects}}")
    assert field.shown_text() == f"A {value} B"
    assert field.raw_position(0) == 0
    assert field.raw_position(2) == 2  # before the field
    assert field.raw_position(2 + len(value)) == raw.index(" B")  # after it
    assert field.raw_position(len(field.shown_text())) == len(raw)


def test_visiting_narrative_and_plain_fields_changes_no_odd_text(qtbot, controller) -> None:
    """Summary (live figures) and a project's alternative names (plain): text with CR LF and a
    no-break space is left as it is by a field only focused and left."""
    summary = "First line\r\nSecond\u00a0line {{count:projects}}"
    assert controller.edit_assessment({"summary": summary})
    editor = assessment(qtbot, controller)
    field = editor.fields["summary"]
    field.setFocus()
    field.begin_editing()
    field.end_editing()
    field.editingFinished.emit()
    assert controller.document.summary == summary
    assert controller.undo_stack.count() == 1  # only the edit made above


def test_visiting_a_plain_field_changes_no_odd_text(qtbot, controller) -> None:
    """A project's alternative names (a plain field, not a narrative one) with CR LF and a
    no-break space: focused and left, the project is unchanged."""
    alt = ["Томтор\u00a0deposit", "Tomtor\u2028line separator"]
    assert controller.edit_item("project", "p0", {"alt_names": alt})
    editor = ProjectsEditor(controller)
    qtbot.addWidget(editor)
    editor.resize(900, 900)
    editor.show()
    field = editor.alt_names_edit
    assert field.plain_text() == "\n".join(alt)  # the first project is shown
    field.setFocus()
    field.editingFinished.emit()
    assert controller.document.project("p0").alt_names == alt
    assert controller.undo_stack.count() == 1


def _palette(base: str, text: str):
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        palette.setColor(role, QColor(base))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(text))
    return palette


@pytest.mark.parametrize(
    "mode", ["light", "dark", "high contrast black", "high contrast white", "yellow on black"]
)
def test_a_live_figures_tint_stands_apart_and_its_text_reads(qtbot, controller, mode) -> None:
    """The tint alone shows which figures are live: a fixed faint accent (a fifth of it) all
    but vanished on a black high-contrast background and on the dark one (1.1:1)."""
    from PySide6.QtGui import QPalette, QTextCursor
    from PySide6.QtWidgets import QStyleFactory

    from desktop.ui.style import MIN_TEXT_CONTRAST, contrast_ratio, dark_palette

    palette = {
        "light": lambda: QStyleFactory.create("Fusion").standardPalette(),
        "dark": dark_palette,
        "high contrast black": lambda: _palette("#000000", "#FFFFFF"),
        "high contrast white": lambda: _palette("#FFFFFF", "#000000"),
        "yellow on black": lambda: _palette("#000000", "#FFFF00"),
    }[mode]()
    assert controller.edit_assessment({"summary": "P0 scores {{index:p0}} today."})
    editor = assessment(qtbot, controller)
    field = editor.fields["summary"]
    field.setPalette(palette)  # as a desktop's colour scheme changes while the app runs
    shown = field.toPlainText()
    value = expected(controller, "{{index:p0}}")
    cursor = QTextCursor(field.document())
    cursor.setPosition(shown.index(value) + 1)
    tint = cursor.charFormat().background().color()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    assert contrast_ratio(tint, base) >= 3.0, tint.name()
    assert contrast_ratio(text, tint) >= MIN_TEXT_CONTRAST, tint.name()
