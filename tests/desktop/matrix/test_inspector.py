"""The cell inspector: edits, refused input kept in place, rationale, evidence, red lines."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.matrix.inspector import NO_VALUE


def _window_on(open_window, document_path, project="p0", criterion="c0"):
    window = open_window(document_path)
    assert window.matrix_view.select_cell(project, criterion)
    return window


def test_refused_range_shows_a_message_and_keeps_the_old_value(open_window, document_path):
    window = _window_on(open_window, document_path, "p0", "c2")  # L3 × I3
    inspector = window.inspector
    assert inspector.likelihood.value() == 3
    inspector.likelihood_low.setValue(5)  # low above the likelihood: invalid
    assert inspector.error.isVisibleTo(window)
    assert "low 5 is above" in inspector.error.text()
    assert inspector.likelihood_low.value() == NO_VALUE
    assert window.controller.document.cell("p0", "c2").likelihood_low is None
    assert window.controller.undo_stack.count() == 0
    inspector.likelihood_low.setValue(2)  # valid: message goes away
    assert not inspector.error.isVisibleTo(window)
    assert window.controller.document.cell("p0", "c2").likelihood_low == 2


def test_rationale_commits_once_on_ctrl_enter(open_window, document_path, qtbot):
    window = _window_on(open_window, document_path)
    editor = window.inspector.rationale
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "Kommersant reports new export quotas")
    assert window.controller.undo_stack.count() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    cell = window.controller.document.cell("p0", "c0")
    assert cell.rationale == "Kommersant reports new export quotas"
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    assert window.controller.document.cell("p0", "c0").rationale == "Why p0 on c0"
    assert editor.toPlainText() == "Why p0 on c0"


def test_rationale_commits_on_focus_out(open_window, document_path, qtbot):
    window = _window_on(open_window, document_path)
    editor = window.inspector.rationale
    editor.setPlainText("Changed")
    editor.committed.emit(editor.toPlainText())  # what focus-out does
    assert window.controller.document.cell("p0", "c0").rationale == "Changed"
    editor.committed.emit(editor.toPlainText())  # unchanged text: no second step
    assert window.controller.undo_stack.count() == 1


def test_evidence_add_and_remove_with_grades(open_window, document_path, qtbot):
    window = _window_on(open_window, document_path)
    evidence = window.inspector.evidence
    assert evidence.list.topLevelItemCount() == 1
    assert evidence.list.topLevelItem(0).text(1) == "C3"
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    evidence.quote.setText("Annual report, reserves table")
    evidence.page.setText("12")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    links = window.controller.document.cell("p0", "c0").evidence
    assert [(link.source, link.page) for link in links] == [("s0", "3"), ("s1", "12")]
    assert evidence.list.topLevelItem(1).text(1) == "B2"
    evidence.list.setCurrentItem(evidence.list.topLevelItem(0))
    qtbot.mouseClick(evidence.remove_button, Qt.MouseButton.LeftButton)
    assert [link.source for link in window.controller.document.cell("p0", "c0").evidence] == ["s1"]


def test_an_evidence_links_source_shows_its_whole_title_on_hover(open_window, tmp_path):
    from desktop_documents import make_document

    from rrisk.cells import Evidence
    from rrisk.fileformat import save

    document = make_document()
    long_title = "Kommersant: Rosatom and the Tomtor licence, a long read " * 3
    document.sources[0].title = long_title.strip()
    document.sources[1].bias_note = "State-owned"
    document.cell("p0", "c0").evidence.append(Evidence(source="s1"))
    path = tmp_path / "titles.rrisk"
    save(document, path)
    window = _window_on(open_window, path)
    items = [window.inspector.evidence.list.topLevelItem(row) for row in range(2)]
    # The column shows the title's beginning; the tooltip says it whole, bias note after.
    assert long_title.strip() in items[0].toolTip(0)
    assert "Bias" not in items[0].toolTip(0)
    tip = items[1].toolTip(0)
    assert document.sources[1].title in tip and "Bias: State-owned" in tip


def test_an_evidence_links_source_with_an_attached_file_says_so(open_window, tmp_path):
    from desktop_documents import make_document

    from rrisk.cells import Evidence
    from rrisk.fileformat import save

    document = make_document()
    document.sources[1].attachment = "reserves.pdf"
    document.cell("p0", "c0").evidence.append(Evidence(source="s1"))
    path = tmp_path / "attached.rrisk"
    save(document, path, {"reserves.pdf": b"%PDF"})
    window = _window_on(open_window, path)
    plain_link, with_file = (window.inspector.evidence.list.topLevelItem(row) for row in range(2))
    assert "Attached file" not in plain_link.toolTip(0)
    assert plain_link.icon(0).isNull()
    assert "Attached file: reserves.pdf" in with_file.toolTip(0)
    assert not with_file.icon(0).isNull()
    assert with_file.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith("with an attached file")


def test_an_evidence_link_with_a_page_and_no_quote_shows_the_page_alone(
    open_window, document_path, qtbot
):
    window = _window_on(open_window, document_path)
    evidence = window.inspector.evidence
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    evidence.page.setText("12")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    item = evidence.list.topLevelItem(1)
    assert (item.text(0), item.text(2)) == ("Company report", "(p. 12)")


def test_a_sources_title_typed_without_its_grade_links_that_source(
    open_window, document_path, qtbot
):
    """The picker reads "Company report (B2)"; typed as its title alone, in any case or
    spacing, or as the picker reads it in another case, it is that source, linked and kept
    chosen, not a second one graded F6."""
    window = _window_on(open_window, document_path)
    controller = window.controller
    evidence = window.inspector.evidence
    for typed in ("Company report", "  company REPORT ", "company report (b2)"):
        evidence.source.setEditText(typed)
        evidence.quote.setText(typed)
        qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
        assert [s.id for s in controller.document.sources] == ["s0", "s1"]
        link = controller.document.cell("p0", "c0").evidence[-1]
        assert (link.source, link.quote) == ("s1", typed.strip())
        assert evidence.source.currentData() == "s1"
    # A title no source has is still a new source.
    evidence.source.setEditText("Company report 2025")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    assert controller.document.sources[-1].title == "Company report 2025"


def _quote_typed(open_window, document_path, qtbot):  # noqa: ANN001, ANN202
    """The window, its evidence editor on source s1, "reserves table" typed in the quote."""
    from PySide6.QtWidgets import QApplication

    window = _window_on(open_window, document_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    evidence = window.inspector.evidence
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    evidence.quote.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is evidence.quote)
    qtbot.keyClicks(evidence.quote, "reserves table")
    return window, evidence


def test_ctrl_z_after_a_link_added_by_return_takes_the_link_back(open_window, document_path, qtbot):
    window, evidence = _quote_typed(open_window, document_path, qtbot)
    qtbot.keyClick(evidence.quote, Qt.Key.Key_Return)
    cell = window.controller.document.cell
    assert [link.quote for link in cell("p0", "c0").evidence] == ["quoted text", "reserves table"]
    assert evidence.quote.text() == ""
    # The typing is in the link now: Ctrl+Z takes the link back, not the emptied field's text.
    qtbot.keyClick(evidence.quote, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [link.quote for link in cell("p0", "c0").evidence] == ["quoted text"]
    assert evidence.quote.text() == ""


def test_return_in_the_page_field_adds_the_link(open_window, document_path, qtbot):
    """Quote, Tab, page, Return: the link is added, as Return in the quote adds it."""
    from PySide6.QtWidgets import QApplication

    window, evidence = _quote_typed(open_window, document_path, qtbot)
    qtbot.keyClick(evidence.quote, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is evidence.page
    qtbot.keyClicks(evidence.page, "12")
    qtbot.keyClick(evidence.page, Qt.Key.Key_Return)
    links = window.controller.document.cell("p0", "c0").evidence
    assert [(link.source, link.quote, link.page) for link in links][-1] == (
        "s1",
        "reserves table",
        "12",
    )
    assert evidence.quote.text() == "" and evidence.page.text() == ""


def test_no_source_is_chosen_for_the_analyst_until_they_choose_one(open_window, document_path):
    """On opening, the source picker is empty and Add evidence is off: one click must not
    link a source nobody chose. A source once chosen stays chosen from cell to cell."""
    window = _window_on(open_window, document_path)
    evidence = window.inspector.evidence
    assert evidence.source.currentIndex() == -1
    assert evidence.source.currentText() == ""
    assert not evidence.add_button.isEnabled()
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    assert evidence.add_button.isEnabled()
    assert window.matrix_view.select_cell("p1", "c1")
    assert evidence.source.currentData() == "s1"


def test_removing_links_by_keyboard_keeps_the_focus_on_the_links(open_window, document_path, qtbot):
    # Space on Remove, then Space again: the second press removes the next link, never
    # toggles the widget after the button (the red-line box, which excludes the project).
    window = _window_on(open_window, document_path)
    window.show()
    qtbot.waitExposed(window)
    evidence = window.inspector.evidence
    for quote in ("first", "second"):
        evidence.source.setCurrentIndex(evidence.source.findData("s1"))
        evidence.quote.setText(quote)
        evidence.add_current()
    assert evidence.list.topLevelItemCount() == 3
    evidence.list.setCurrentItem(evidence.list.topLevelItem(0))
    evidence.remove_button.setFocus()
    for left in (2, 1, 0):
        qtbot.keyClick(evidence.remove_button, Qt.Key.Key_Space)
        assert len(window.controller.document.cell("p0", "c0").evidence) == left
        if left:
            assert window.focusWidget() is evidence.remove_button  # where the keyboard was
    assert window.focusWidget() is evidence.list  # nothing left to remove: the (empty) list
    assert not window.inspector.red_line.isChecked()
    window.controller.undo_stack.undo()
    evidence.list.setCurrentItem(evidence.list.topLevelItem(0))
    evidence.list.setFocus()
    qtbot.keyClick(evidence.list, Qt.Key.Key_Delete)  # Delete in the list removes too
    assert window.controller.document.cell("p0", "c0").evidence == []
    assert evidence.quote.accessibleName() and evidence.page.accessibleName()


def test_red_line_status_and_unassessed_cells(open_window, document_path, qtbot):
    window = _window_on(open_window, document_path, "p1", "c3")  # unassessed
    inspector = window.inspector
    assert inspector.likelihood.value() == NO_VALUE
    assert inspector.summary.text() == "Unassessed"
    inspector.red_line.setChecked(True)
    inspector.red_line_reason.setText("Occupied territory")
    inspector.red_line_reason.editingFinished.emit()
    cell = window.controller.document.cell("p1", "c3")
    assert cell.red_line and cell.red_line_reason == "Occupied territory"
    assert window.controller.result.excluded[1]
    inspector.status.setCurrentIndex(inspector.status.findData("reviewed"))
    inspector.status.activated.emit(inspector.status.currentIndex())
    # No scores to review: refused with a word, the list back at the cell's status.
    assert window.controller.document.cell("p1", "c3").status == "draft"
    assert inspector.status.currentData() == "draft"
    assert "has no likelihood or impact yet" in window.statusBar().currentMessage()


def test_several_selected_cells_change_together_as_one_step(open_window, document_path, qtbot):
    window = open_window(document_path)
    view = window.matrix_view
    model = view.model()
    view.setCurrentIndex(model.index(0, 0))
    view.selectAll()
    inspector = window.inspector
    assert "editing 12 cells" in inspector.title.text()
    inspector.status.setCurrentIndex(inspector.status.findData("reviewed"))
    inspector.status.activated.emit(inspector.status.currentIndex())
    assert window.controller.undo_stack.count() == 1
    cells = [
        window.controller.document.cell(p, c)
        for p in ("p0", "p1", "p2")
        for c in ("c0", "c1", "c2", "c3")
    ]
    # The two unassessed cells have no scores to review: left as they were.
    assert {cell.status for cell in cells if cell is not None} == {"reviewed"}
    assert cells.count(None) == 2
    window.controller.undo_stack.undo()
    assert window.controller.document.cell("p0", "c0").status == "draft"


def test_a_score_outside_the_range_widens_it_and_the_inspector_shows_it(
    open_window, template_path, qtbot
):
    window = _window_on(open_window, template_path, "tomtor", "extraction-cost")
    inspector = window.inspector
    assert (inspector.likelihood_low.value(), inspector.likelihood_high.value()) == (3, 5)
    assert inspector.status.currentData() == "reviewed"
    inspector.likelihood.setValue(2)
    assert not inspector.error.isVisibleTo(window)
    cell = window.controller.document.cell("tomtor", "extraction-cost")
    assert (cell.likelihood, cell.likelihood_low, cell.likelihood_high) == (2, 2, 5)
    qtbot.waitUntil(lambda: inspector.likelihood_low.value() == 2)
    assert inspector.status.currentData() == "draft"
    # One quiet line says so (not the red error line).
    assert inspector.range_note.isVisibleTo(window)
    assert inspector.range_note.text() == (
        "Likelihood range widened to 2–5 to include the new score."
    )
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: inspector.likelihood_low.value() == 3)
    assert inspector.status.currentData() == "reviewed"
    assert not inspector.range_note.isVisibleTo(window)  # undone: nothing to say
    inspector.likelihood.setValue(4)  # inside the range: nothing widens
    assert not inspector.range_note.isVisibleTo(window)


def test_a_score_outside_a_half_range_moves_the_bound_that_is_set(
    open_window, template_path, qtbot
):
    window = _window_on(open_window, template_path, "tomtor", "extraction-cost")
    controller, inspector = window.controller, window.inspector
    assert controller.edit_cells([("tomtor", "extraction-cost")], {"likelihood_high": None})
    only_high = {"impact_low": None, "impact_high": 5}
    assert controller.edit_cells([("tomtor", "sanctions")], only_high)
    # Only a low bound (3): a likelihood of 2 lowers it, the high bound stays unset.
    inspector.likelihood.setValue(2)
    assert not inspector.error.isVisibleTo(window)
    cell = controller.document.cell("tomtor", "extraction-cost")
    assert (cell.likelihood, cell.likelihood_low, cell.likelihood_high) == (2, 2, None)
    assert (
        inspector.range_note.text() == "Likelihood low bound lowered to 2 to include the new score."
    )
    # Several cells, one with only a high bound: a key the others take is not refused.
    keys = [("tomtor", "extraction-cost"), ("tomtor", "sanctions"), ("seligdar", "sanctions")]
    assert controller.edit_cells(keys, {"impact": 1})
    assert [controller.document.cell(*key).impact for key in keys] == [1, 1, 1]
    assert controller.document.cell("tomtor", "sanctions").impact_low is None
    assert controller.document.cell("tomtor", "sanctions").impact_high == 5
    assert controller.edit_cells(keys[1:2], {"impact_high": 2})
    assert controller.edit_cells(keys, {"impact": 4})
    assert controller.document.cell("tomtor", "sanctions").impact_high == 4


def test_escape_in_a_field_throws_the_typing_away_and_goes_back_to_the_matrix(
    open_window, document_path, qtbot
):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = open_window(document_path)
    window.activateWindow()
    assert window.matrix_view.select_cell("p1", "c1")
    before = window.controller.document.cell("p1", "c1")
    inspector = window.inspector
    for field, typed in ((inspector.likelihood, "5"), (inspector.rationale, " and more")):
        field.setFocus()
        qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f)
        if field is inspector.likelihood:
            field.lineEdit().selectAll()
        QTest.keyClicks(field, typed)
        QTest.keyClick(field, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.matrix_view)
        assert window.controller.document.cell("p1", "c1") == before
        assert window.controller.undo_stack.count() == 0
    assert inspector.likelihood.value() == before.likelihood
    assert inspector.rationale.raw_text() == before.rationale


def test_a_long_red_line_reason_shows_its_start_and_whole_in_the_tooltip(
    open_window, template_path
):
    window = open_window(template_path)
    document = window.controller.document
    project, criterion = next(
        (p, c)
        for p, row in document.cells.items()
        for c, cell in row.items()
        if cell.red_line and len(cell.red_line_reason) > 80
    )
    window.controller.select(project, criterion)
    reason = window.inspector.red_line_reason
    text = document.cell(project, criterion).red_line_reason
    assert reason.text() == text
    assert reason.cursorPosition() == 0  # it showed the end of the reason, not its start
    assert text[:40] in reason.toolTip()


def test_the_inspector_says_where_a_red_line_not_its_own_comes_from(open_window, template_path):
    """Tomtor × Sanctions reads "⊘ red line" with its own box unticked: the line comes from
    the confirmed screening hit on Rosneft; an occupied site's from the criterion's rule."""
    window = open_window(template_path)
    inspector = window.inspector
    window.controller.select("tomtor", "sanctions")
    assert not inspector.red_line.isChecked()
    assert "red line" in inspector.summary.text()
    assert "Red line from screening" in inspector.rubric_note.text()
    assert "Rosneft" in inspector.rubric_note.text()
    assert "(legal basis: UK Russia sanctions regime - asset freeze" in inspector.rubric_note.text()
    window.controller.select("donbas-occupied", "occupied-territories")
    assert "Red line from the criterion's rule (r ≥ 15)" in inspector.rubric_note.text()
    # A territory rule's line gives the territory's legal basis, as the memo does.
    lines = inspector.rubric_note.text().splitlines()
    territory = next(line for line in lines if "Red line from a territory rule" in line)
    assert "(legal basis: US EO 14065 (new investment in the so-called DNR banned" in territory
    window.controller.select("allied-separation-plant", "extraction-cost")
    assert "Red line from" not in inspector.rubric_note.text()


def test_long_names_are_shortened_in_the_heading(qtbot, open_window, template_path) -> None:
    window = open_window(template_path)
    controller = window.controller
    long_name = "Tomtor niobium and rare-earth deposit of the Sakha Republic " * 3
    assert controller.edit_item("project", "tomtor", {"name": long_name.strip()})
    window.matrix_view.select_cell("tomtor", "sanctions")
    title = window.inspector.title
    assert len(title.text()) < 80 + 3 + len("Sanctions exposure")
    assert title.text().startswith(long_name[:60]) and "…" in title.text()
    assert long_name.strip() in title.toolTip()


def test_visiting_the_rationale_changes_no_odd_text(open_window, tmp_path, qtbot):
    """Qt holds CR LF, a lone CR and U+2028/9 as plain line breaks and reads a no-break space
    back as a space: a rationale only clicked into and left must stay as the file has it."""
    from desktop_documents import make_document

    from rrisk.fileformat import load, save

    texts = {
        "c0": "Line one\r\nLine two",
        "c1": "carriage\rreturn and a line\u2028separator",
        "c2": "5\u00a0000 t of oxide",
        "c3": "{{index:p0}}\r\nlive\u00a0figure",
    }
    document = make_document()
    for criterion, text in texts.items():
        document.cells["p0"][criterion].rationale = text
    path = tmp_path / "odd.rrisk"
    save(document, path)
    window = open_window(path)
    editor = window.inspector.rationale
    for criterion, text in texts.items():
        assert window.matrix_view.select_cell("p0", criterion)
        editor.setFocus()
        editor.begin_editing()  # what focusing does (offscreen may not deliver focus)
        editor.committed.emit(editor.raw_text())  # what leaving the field does
        editor.end_editing()
        window.matrix_view.setFocus()
        assert window.controller.document.cell("p0", criterion).rationale == text
    assert window.controller.undo_stack.count() == 0
    assert not window.isWindowModified()
    # Typing stores what the field then holds: its breaks as \n, its no-break space kept.
    assert window.matrix_view.select_cell("p0", "c2")
    editor.begin_editing()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(" more")
    editor.committed.emit(editor.raw_text())
    editor.end_editing()
    assert window.controller.document.cell("p0", "c2").rationale == "5\u00a0000 t of oxide more"
    assert window.files.save()
    assert load(path).cell("p0", "c0").rationale == texts["c0"]


def test_every_field_of_the_inspector_has_a_name_for_screen_readers(open_window, document_path):
    """A screen reader names each field it comes to; the red line's reason and basis, shown
    with their placeholder alone, were read as an unnamed edit."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit

    window = _window_on(open_window, document_path, "p1", "c1")
    window.inspector.red_line.setChecked(True)  # its reason and basis fields show
    fields = [
        field
        for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
        for field in window.inspector.findChildren(kind)
        if field.isVisible() and not isinstance(field.parent(), (QComboBox, QAbstractSpinBox))
    ]
    assert window.inspector.red_line_basis in fields
    unnamed = [
        field.objectName()
        for field in fields
        if not QAccessible.queryAccessibleInterface(field).text(QAccessible.Text.Name)
    ]
    assert unnamed == []


def test_an_unassessed_cell_is_summed_up_in_the_themes_grey(
    open_window, document_path, app_style_in
):
    """In the dark theme the summary of an unassessed cell (or of no cell) is the dark grey
    the heat map gives unassessed cells, not the light theme's near-white box."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from desktop.ui.style import dark_palette, unassessed_colours

    app_style_in(Qt.ColorScheme.Dark)
    window = _window_on(open_window, document_path, "p1", "c3")  # unassessed
    summary = window.inspector.summary
    assert summary.text() == "Unassessed"
    image = summary.grab().toImage()
    fill = QColor(image.pixel(image.width() // 2, 2))
    assert fill == unassessed_colours(dark_palette())[0]


def test_a_cell_without_a_range_and_with_weak_evidence_says_what_is_drawn(
    open_window, tmp_path
) -> None:
    """Its range fields are empty, as a certain cell's are, but the uncertainty analysis
    draws it ±1: the inspector says so, and not for a cell with sound evidence or a range."""
    from rrisk.fileformat import save
    from rrisk.model import Assessment

    document = Assessment.model_validate(
        {
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": p, "name": p.title()} for p in ("a", "b", "c", "d")],
            "sources": [
                {"id": "blog", "title": "Blog", "reliability": "E", "credibility": 5},
                {"id": "audit", "title": "Audit", "reliability": "A", "credibility": 1},
            ],
            "cells": {
                "a": {"cost": {"likelihood": 5, "impact": 3, "evidence": [{"source": "blog"}]}},
                "b": {"cost": {"likelihood": 1, "impact": 2}},
                "c": {"cost": {"likelihood": 3, "impact": 3, "evidence": [{"source": "audit"}]}},
                "d": {"cost": {"likelihood": 3, "impact": 3, "impact_high": 4}},
            },
        }
    )
    path = tmp_path / "weak.rrisk"
    save(document, path)
    window = open_window(path)
    note = window.inspector.rubric_note
    assert window.matrix_view.select_cell("a", "cost")
    assert note.text().startswith(
        "No range given and its evidence is graded D–F or 4–6 only: the uncertainty analysis "
        "draws likelihood 4–5 and impact 2–4."
    )
    assert window.matrix_view.select_cell("b", "cost")
    assert note.text().startswith(
        "No range given and it has no evidence: the uncertainty "
        "analysis draws likelihood 1–2 and impact 1–3."
    )
    for project in ("c", "d"):
        assert window.matrix_view.select_cell(project, "cost")
        assert "No range given" not in note.text()
    # Graded anew, the blog is sound evidence: the line goes with the next look at the cell.
    assert window.controller.edit_item("source", "blog", {"reliability": "B", "credibility": 2})
    assert window.matrix_view.select_cell("a", "cost")
    assert "No range given" not in note.text()


def test_empty_matrix_inspector_says_what_comes_first(qtbot):
    """On a blank assessment there is no cell to select: the inspector says to add projects
    and criteria, and asks for a cell to be selected once there are some."""
    from desktop.document.controller import DocumentController
    from desktop.matrix.inspector import CellInspector
    from rrisk.templates import new_from_template

    controller = DocumentController(new_from_template("blank"))
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    assert inspector.summary.text() == "Add projects and criteria first"
    controller.add_item("project", {"id": "lovozero", "name": "Lovozero"})
    assert inspector.summary.text() == "Add projects and criteria first"
    controller.add_item("criterion", {"id": "logistics", "name": "Logistics"})
    assert inspector.summary.text() == "Select a cell in the matrix"


def test_the_title_is_read_as_it_shows_the_cell(open_window, document_path):
    """A screen reader read the inspector's title as "No cell selected", its text when the
    window was built, whichever cell it showed."""
    from PySide6.QtGui import QAccessible

    window = _window_on(open_window, document_path)
    title = window.inspector.title
    assert title.text() != "No cell selected"
    read = QAccessible.queryAccessibleInterface(title).text(QAccessible.Text.Name)
    assert read == title.text()


def _reading_direction(text: str) -> str:
    """The direction a line of ``text`` is set in (Unicode's rule): that of its first letter
    outside an isolate; "L" where it has none."""
    import unicodedata

    depth = 0
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == "\u2069":
            depth = max(depth - 1, 0)
        elif depth == 0 and unicodedata.bidirectional(char) in ("L", "R", "AL"):
            return "L" if unicodedata.bidirectional(char) == "L" else "R"
    return "L"


def test_an_arabic_name_leaves_the_title_reading_left_to_right(open_window, tmp_path):
    """The title of a cell of an Arabic-named project is set left to right, each name whole
    where it stands: set right to left, "مناجم مروي للذهب — Armed-group involvement" showed
    as "Armed-group — مناجم مروي للذهب involvement"."""
    from desktop_documents import make_document

    from rrisk.fileformat import save

    doc = make_document()
    doc.projects[0] = doc.projects[0].model_copy(update={"name": "مناجم مروي للذهب"})
    doc.criteria[1] = doc.criteria[1].model_copy(update={"name": "Community — المجتمع"})
    path = tmp_path / "case.rrisk"
    save(doc, path)
    window = _window_on(open_window, path, "p0", "c0")
    title = window.inspector.title
    assert _reading_direction(title.text()) == "L"
    assert title.accessibleName() == "مناجم مروي للذهب — Criterion 0"
    assert window.matrix_view.select_cell("p0", "c1")
    assert _reading_direction(title.text()) == "L"
    assert title.accessibleName() == "مناجم مروي للذهب — Community — المجتمع"
