"""Two sources that read the same in the picker (one title, one grade: two articles of one
paper) are still two: the one picked is the one linked."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_the_second_of_two_sources_that_read_the_same_is_the_one_linked(
    open_window, document_path, qtbot
):
    window = open_window(document_path)
    controller = window.controller
    first = controller.document.source("s0")
    assert controller.add_item(
        "source", {"id": "s2", "title": first.title, "reliability": "C", "credibility": 3}
    )
    window.matrix_view.select_cell("p0", "c0")
    evidence = window.inspector.evidence
    position = evidence.source.findData("s2")
    assert evidence.source.itemText(position) == evidence.source.itemText(
        evidence.source.findData("s0")
    )
    evidence.source.setCurrentIndex(position)
    evidence.quote.setText("The second article")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    links = controller.document.cell("p0", "c0").evidence
    assert [(link.source, link.quote) for link in links][-1] == ("s2", "The second article")
