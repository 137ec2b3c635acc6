"""An Arabic or Hebrew name cut to its room shows its "…" where it was cut: drawn in a line
read from the left, the "…" stood to the right of the name, against its first word, and the
cut end was bare (the start page's recent files, the results' and analysis' project names)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QApplication

from desktop.ui.fitting import elided

ARABIC = "تقييم مخاطر مشروع استخراج المعادن الأرضية النادرة — المرحلة الثانية.rrisk"
LEFT = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignLeft


def _drawn(text: str, direction: Qt.LayoutDirection) -> QImage:
    image = QImage(500, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setLayoutDirection(direction)
    painter.drawText(QRect(0, 0, 500, 40), LEFT, text)
    painter.end()
    return image


def _columns_of_ink(image: QImage, rows: range) -> list[int]:
    """The height of ink in each column of ``rows`` that has any, left to right."""
    heights = []
    for x in range(image.width()):
        ink = [y for y in rows if QColor(image.pixel(x, y)).lightness() < 128]
        if ink:
            heights.append(max(ink) - min(ink) + 1)
    return heights


def _line_ascent(text: str) -> float:
    layout = QTextLayout(text, QApplication.font())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    return line.ascent()


def test_a_cut_right_to_left_name_reads_as_its_own_script_sets_it(qtbot) -> None:
    metrics = QFontMetrics(QApplication.font())
    width = metrics.horizontalAdvance(ARABIC) // 2
    shown = elided(ARABIC, metrics, width)
    assert shown.strip("\u202b\u202c") == metrics.elidedText(
        ARABIC, Qt.TextElideMode.ElideRight, width
    )
    # In a line read from the left, drawn as a line of Arabic draws it: "…" at its left end
    # (dots on the baseline), the name's first word at its right end.
    heights = _columns_of_ink(_drawn(shown, Qt.LayoutDirection.LeftToRight), range(40))
    assert max(heights[:3]) <= 3 < max(heights[-3:]), (heights[:6], heights[-6:])
    # Drawn in the name's own font, its line no taller (its dots below not cut off).
    assert _line_ascent(shown) == _line_ascent(ARABIC)
    assert elided("short", metrics, width) == "short"
    assert elided("Extraction and recovery cost", metrics, 40).endswith("…")
    latin_first = "Tomtor " + ARABIC  # read from the left: "…" at its right end, as it is
    assert elided(latin_first, metrics, width) == metrics.elidedText(
        latin_first, Qt.TextElideMode.ElideRight, width
    )


def test_the_start_pages_cut_arabic_file_name_shows_its_cut_at_the_left(qtbot, tmp_path):
    from desktop.window.start_screen import StartScreen

    path = tmp_path / ARABIC
    path.write_bytes(b"")
    screen = StartScreen()
    qtbot.addWidget(screen)
    screen.resize(900, 600)
    screen.show()
    screen.set_recent_files([str(path)])
    qtbot.waitExposed(screen)
    view = screen.recent
    rect = view.visualItemRect(view.item(0)).adjusted(12, 8, -12, -8)
    assert QFontMetrics(view.font()).horizontalAdvance(path.name) > rect.width()  # (cut)
    image = view.viewport().grab().toImage()
    title = range(rect.top(), rect.top() + view.fontMetrics().height())
    heights = _columns_of_ink(image.copy(rect), range(0, len(title)))
    # The leftmost ink is the ellipsis (dots on the baseline), not a bare letter.
    assert heights and max(heights[:3]) <= 3, heights[:10]
