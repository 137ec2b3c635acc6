"""The inspector's one-line fields keep one trimmed line, as the editors' one-line fields do:
a pasted line break or a run of spaces is one space (the ranking and the memo print the
red-line reason on a line; a page reads "12", not " 12 ")."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_red_line_reason_and_basis_keep_one_trimmed_line(open_window, document_path):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p1", "c3")
    inspector = window.inspector
    inspector.red_line.setChecked(True)
    inspector.red_line_reason.setText("  Occupied\r\nterritory  ")
    inspector.red_line_reason.editingFinished.emit()
    inspector.red_line_basis.setText("EU Reg.\t 2022/263 ")
    inspector.red_line_basis.editingFinished.emit()
    cell = window.controller.document.cell("p1", "c3")
    assert (cell.red_line_reason, cell.red_line_basis) == ("Occupied territory", "EU Reg. 2022/263")


def test_an_evidence_page_is_stored_trimmed(open_window, document_path, qtbot):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p0", "c0")
    evidence = window.inspector.evidence
    evidence.source.setCurrentIndex(evidence.source.findData("s1"))
    evidence.quote.setText("Annual report")
    evidence.page.setText(" 12 ")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    links = window.controller.document.cell("p0", "c0").evidence
    assert [(link.source, link.page) for link in links][-1] == ("s1", "12")


def test_a_source_made_from_the_evidence_picker_has_a_one_line_title(
    open_window, document_path, qtbot, monkeypatch
):
    window = open_window(document_path)
    assert window.matrix_view.select_cell("p0", "c0")
    evidence = window.inspector.evidence
    evidence.source.setEditText("  Kommersant\r\narticle   on  Tomtor ")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    evidence.source.setEditText("")
    monkeypatch.setattr(
        "desktop.matrix.evidence_editor.QInputDialog.getText",
        lambda *_args, **_kwargs: ("Interfax\nbriefing ", True),
    )
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    titles = [source.title for source in window.controller.document.sources]
    assert titles[-2:] == ["Kommersant article on Tomtor", "Interfax briefing"]
    links = window.controller.document.cell("p0", "c0").evidence
    assert links[-1].source == window.controller.document.sources[-2].id
