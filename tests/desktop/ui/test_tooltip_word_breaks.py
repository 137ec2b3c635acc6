"""A tooltip breaks a word only when it is too long for a line of the tooltip, and then where
the line fills, between two characters a reader sees: a file name in the evidence list's and
the Sources form's tooltips was broken every 16 letters ("Отчёт_Минфина_о_ / редкоземельных…")
however much room the tooltip had, and a name too long for any line still keeps the tooltip
on the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetrics, QGuiApplication, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from results_fixtures import ranked_document, with_evidence

from desktop.document.controller import DocumentController
from desktop.matrix.evidence_editor import EvidenceEditor
from desktop.ui.fitting import LINE_BREAK, fitted_text, fitted_tip, tip_line_width

CYRILLIC = "Отчёт_Минфина_о_редкоземельных_металлах_2025.pdf"
LONG = "Отчёт_" * 30 + "final.pdf"


@pytest.fixture
def controller(qtbot):
    return DocumentController(with_evidence(ranked_document()))


def _evidence_tip(controller, qtbot, name: str) -> str:  # noqa: ANN001
    assert controller.attach_file("kommersant", name, b"%PDF")
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
    items = [editor.list.topLevelItem(i) for i in range(editor.list.topLevelItemCount())]
    (tip,) = [item.toolTip(0) for item in items if "Attached file" in item.toolTip(0)]
    return tip


def _form_tip(controller, panel, name: str) -> str:  # noqa: ANN001
    assert controller.attach_file("kommersant", name, b"%PDF")
    panel.setCurrentWidget(panel.sources)
    panel.sources.select_id("kommersant")
    return panel.sources.attachment_row.label.toolTip()


def _shown_width(text: str, qtbot) -> int:  # noqa: ANN001
    """The width of the tooltip Qt shows for ``text``."""
    anchor = QWidget()
    qtbot.addWidget(anchor)
    anchor.show()
    QToolTip.showText(QPoint(10, 10), text, anchor)
    try:
        (label,) = [w for w in QApplication.allWidgets() if w.inherits("QTipLabel")]
        return label.width()
    finally:
        QToolTip.hideText()


def test_a_file_name_that_fits_a_line_is_whole_in_the_tooltips(controller, panel, qtbot):
    for tip in (_evidence_tip(controller, qtbot, CYRILLIC), _form_tip(controller, panel, CYRILLIC)):
        assert CYRILLIC in tip
        assert LINE_BREAK not in tip


def test_a_name_too_long_for_a_line_is_broken_and_the_tooltip_fits_the_screen(
    controller, panel, qtbot
):
    screen = QGuiApplication.primaryScreen().availableGeometry().width()
    metrics = QFontMetrics(QToolTip.font())
    tips = (_evidence_tip(controller, qtbot, LONG), _form_tip(controller, panel, LONG))
    stored = next(s.attachment for s in controller.document.sources if s.id == "kommersant")
    assert len(stored) > 90  # (cut to the length a stored name may have)
    width = tip_line_width(metrics)
    broken, _ = fitted_text(stored, metrics, width, shorten=False)
    parts = broken.split(LINE_BREAK)
    assert len(parts) > 1 and "".join(parts) == stored
    # Each line of the name is as long as a line may be: no break before one is full.
    assert all(width * 0.8 < metrics.horizontalAdvance(part) <= width for part in parts[:-1])
    for tip in tips:
        assert broken in tip
        assert _shown_width(tip, qtbot) <= screen
    unbroken = f"<qt>{stored * 2}</qt>"
    assert _shown_width(unbroken, qtbot) > screen  # (what Qt does with a word it cannot break)


def test_words_that_fit_are_never_broken() -> None:
    text = "Tomtor niobium–rare-earth-deposit joint venture https://example.org/a/long/path"
    assert fitted_tip(text) == f"<qt>{text}</qt>"


@pytest.mark.parametrize(
    "text",
    [
        "Ж" * 50,
        "x" * 15 + "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 4,
        "e\u0301" * 20,
        "a" * 15 + "\U0001f44d\U0001f3fd" * 5,
        "क्षत्रिय" * 8,  # Devanagari: conjuncts of several code points
        "กรุงเทพมหานคร" * 4,  # Thai, with its vowel and tone marks
    ],
)
def test_a_long_word_is_broken_between_drawn_characters_only(text: str, qtbot) -> None:
    """(Thai words and emoji have line-break opportunities of their own between them.)"""
    metrics = QFontMetrics(QToolTip.font())
    width = metrics.horizontalAdvance(text) // 3
    shown, broken = fitted_text(text, metrics, width, shorten=False)
    assert broken == (LINE_BREAK in shown)
    assert shown.replace(LINE_BREAK, "") == text
    for position, char in enumerate(shown):
        if char == LINE_BREAK:
            after = shown[position + 1]
            assert shown[position - 1] != "\u200d" and after != "\u200d"
            assert after not in "\u0301\U0001f3fd\u094d\u0e34\u0e38\u0e48\u0e49"
            assert after not in "\u0e31\u0e35\u0e36\u0e37\u0e39\u0e47\u0e4a\u0e4b\u0e4c"
    assert all(line <= width or len(part) <= 8 for part, line in _laid_out(shown, metrics, width))


def _laid_out(text: str, metrics: QFontMetrics, width: int) -> list[tuple[str, float]]:
    """The lines ``text`` is wrapped into at ``width`` (a wrapped label's way): (text, width)."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout = QTextLayout(text, QToolTip.font())
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(line)
    layout.endLayout()
    return [
        (text[line.textStart() : line.textStart() + line.textLength()], line.naturalTextWidth())
        for line in lines
    ]
