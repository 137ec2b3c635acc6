"""An attached file's name on the Sources form and in the evidence list's tooltip reads
whole or sanely cut, whatever its script: an Arabic name turned the whole line right to left
(".pdf" and the size printed in front of it), and a long name could not break and widened
the form past the window."""

from __future__ import annotations

import pytest
from results_fixtures import ranked_document, with_evidence

from desktop.document.controller import DocumentController
from desktop.matrix.evidence_editor import EvidenceEditor

ARABIC = "تقرير_المعادن_النادرة_٢٠٢٥.pdf"
CYRILLIC = "Отчёт_Минфина_о_редкоземельных_металлах_2025.pdf"
LONG = "Отчёт_" * 30 + "final.pdf"


@pytest.fixture
def controller(qtbot):
    return DocumentController(with_evidence(ranked_document()))


@pytest.fixture
def sources(panel):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    return editor


def _attached(controller, sources, name: str):  # noqa: ANN001, ANN202
    assert controller.attach_file("kommersant", name, b"%PDF 13 bytes")
    sources.select_id("kommersant")
    return sources.attachment_row.label


def test_a_right_to_left_name_is_set_apart_from_the_size(controller, sources):
    label = _attached(controller, sources, ARABIC)
    assert label.text() == f"\u200e\u2068{ARABIC}\u2069  ·  13 bytes"
    assert ARABIC in label.toolTip().replace("\u200b", "")
    label = _attached(controller, sources, CYRILLIC)
    assert label.text() == f"{CYRILLIC}  ·  13 bytes"  # left-to-right scripts as they are


def test_a_long_name_is_cut_in_its_middle_and_never_widens_the_form(controller, sources, qtbot):
    _attached(controller, sources, "a.pdf")
    narrow = sources.attachment_row.minimumSizeHint().width()  # as narrow as its buttons
    label = _attached(controller, sources, LONG)
    stored = next(s.attachment for s in controller.document.sources if s.id == "kommersant")
    assert len(stored) > 90  # (cut to the length a stored name may have)
    assert sources.attachment_row.minimumSizeHint().width() <= narrow
    panel = sources.window()
    panel.resize(600, panel.height())
    qtbot.waitUntil(lambda: label.width() < label.fontMetrics().horizontalAdvance(stored))
    text = label.text()
    assert "…" in text and text.startswith("Отчёт_") and text.endswith(".pdf  ·  13 bytes")
    assert label.fontMetrics().horizontalAdvance(text) <= label.contentsRect().width()
    # The whole name is in the tooltip, breakable so the tooltip fits a screen.
    assert stored in label.toolTip().replace("\u200b", "")
    assert "\u200b" in label.toolTip()
    panel.resize(3000, panel.height())
    qtbot.waitUntil(lambda: "…" not in label.text())
    assert label.text() == f"{stored}  ·  13 bytes"


def test_the_evidence_list_tooltip_sets_a_right_to_left_name_apart(controller, qtbot):
    assert controller.attach_file("kommersant", ARABIC, b"%PDF")
    document = controller.document
    cell = next(
        cell
        for row in document.cells.values()
        for cell in row.values()
        if any(link.source == "kommersant" for link in cell.evidence)
    )
    editor = EvidenceEditor()
    qtbot.addWidget(editor)
    editor.load(document, cell)
    tips = [editor.list.topLevelItem(i).toolTip(0) for i in range(editor.list.topLevelItemCount())]
    tips = [tip.replace("\u200b", "") for tip in tips]  # (where a long name may break)
    assert any(f"Attached file: \u2068{ARABIC}\u2069 (Editors" in tip for tip in tips), tips


def test_the_name_is_cut_again_when_the_font_changes(qtbot) -> None:
    """The desktop's text made larger while the window is open: the line stayed cut for the
    old font, twice the label's width, and the size at its end was cut off."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from desktop.editors.source_attachment import AttachedName

    holder = QWidget()
    qtbot.addWidget(holder)
    label = AttachedName(holder)
    QVBoxLayout(holder).addWidget(label)
    holder.resize(400, 100)
    holder.show()
    label.show_name("board-minutes-of-the-annual-general-meeting-" * 2 + ".pdf", "1.2 MiB")

    def fits() -> bool:
        return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()

    assert fits() and label.text().endswith("1.2 MiB")
    larger = QFont(holder.font())
    larger.setPointSizeF(holder.font().pointSizeF() * 2)
    holder.setFont(larger)
    assert label.width() <= holder.width()
    assert fits() and label.text().endswith("1.2 MiB")


def test_the_name_can_be_selected_and_copied_whole_though_cut(controller, sources, qtbot):
    """Cut in its middle, the name could no longer be selected or copied (only read in the
    tooltip). It is selectable again, and a copy over the cut gives the name whole."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    label = _attached(controller, sources, LONG)
    stored = next(s.attachment for s in controller.document.sources if s.id == "kommersant")
    flags = label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    panel = sources.window()
    panel.resize(600, panel.height())
    qtbot.waitUntil(lambda: "…" in label.text())
    label.setFocus()
    label.setSelection(0, len(label.text()))
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == stored
    label.setSelection(0, 3)  # a part before the cut: as shown
    assert label.copied_text() == stored[:3]
    QGuiApplication.clipboard().clear()
    label.copy_name()
    assert QGuiApplication.clipboard().text() == stored
    label = _attached(controller, sources, ARABIC)
    label.setSelection(0, len(label.text()))
    assert label.copied_text() == f"{ARABIC}  ·  13 bytes"  # no isolating marks copied
