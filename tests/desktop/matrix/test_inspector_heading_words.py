"""The inspector's heading breaks its lines between words (at a space, after a hyphen), never
inside one, at any width and font size; a word wider than the dock is shortened, whole in the
tooltip. Zero-width breaks every 16 letters broke "rare-ear / th" in a narrow dock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QDockWidget, QLabel

from desktop.ui.fitted_heading import FittedHeading

NAME = "Tomtor niobium–rare-earth-deposit joint venture"
BREAKS_AFTER = " -–—…"  # (or where a word too long was shortened)


def shown_lines(label: QLabel) -> list[tuple[str, float]]:
    """The label's text as its wrapped lines are laid out at its width: (text, width of its
    ink, the space it ends with left out) each."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # what a word-wrapped label uses
    layout = QTextLayout(label.text(), label.font())
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(line)
    layout.endLayout()
    text = label.text()
    shown = [text[line.textStart() : line.textStart() + line.textLength()] for line in lines]
    metrics = QFontMetricsF(label.font())
    return [(line, metrics.horizontalAdvance(line.rstrip())) for line in shown]


def assert_words_whole(label: QLabel) -> None:
    lines = shown_lines(label)
    assert "\u200b" not in label.text()
    for text, width in lines:
        assert width <= label.contentsRect().width() + 0.5, (text, lines)
    for text, _ in lines[:-1]:
        assert text[-1] in BREAKS_AFTER, lines  # a line ends at a space or after a hyphen


def test_the_heading_breaks_between_words_in_a_narrow_dock(open_window, template_path, qtbot):
    window = open_window(template_path)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.controller.edit_item("project", "tomtor", {"name": NAME})
    window.matrix_view.select_cell("tomtor", "sanctions")
    dock = window.findChild(QDockWidget, "inspectorDock")
    window.resizeDocks([dock], [200], Qt.Orientation.Horizontal)  # as narrow as it goes
    title = window.inspector.title
    qtbot.waitUntil(lambda: dock.width() < 400)
    assert "rare-earth-deposit" in title.text()
    assert_words_whole(title)


@pytest.mark.parametrize("points", [8, 13, 22])
@pytest.mark.parametrize("width", [70, 140, 260])
def test_a_word_too_long_for_the_line_is_shortened_with_the_whole_in_the_tooltip(
    qtbot, points: int, width: int
) -> None:
    label = FittedHeading()
    qtbot.addWidget(label)
    font = QFont(label.font())
    font.setPointSize(points)
    label.setFont(font)
    label.show_text(f"{NAME} — Extraction and recovery cost", "given tip")
    label.resize(width, 400)
    label.show()  # (a hidden widget is told of its size when shown)
    assert_words_whole(label)
    if "…" in label.text():
        assert label.toolTip() == f"{NAME} — Extraction and recovery cost"
    else:
        assert label.text() == f"{NAME} — Extraction and recovery cost"
        assert label.toolTip() == "given tip"
    label.resize(2000, 400)  # room again: the whole text, the tooltip given
    assert label.text() == f"{NAME} — Extraction and recovery cost"
    assert label.toolTip() == "given tip"


def test_chinese_wraps_between_its_characters_and_is_not_shortened(qtbot) -> None:
    label = FittedHeading()
    qtbot.addWidget(label)
    label.show_text("包头稀土合资项目包头稀土合资项目包头稀土合资项目 — 制裁风险")
    label.resize(80, 400)
    label.show()
    assert "…" not in label.text()
