"""In the dark theme an unticked check box has an edge one can see: Fusion drew it darker than
the window (#16191C on #202428, contrast 1.1:1), so an empty red-line box did not show."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from desktop.ui.style import DARK_STYLE_SHEET, dark_palette


def _lightest_in_indicator(box: QCheckBox) -> int:
    image = box.grab().toImage()
    height = image.height()
    # The indicator sits at the left, vertically centred: the first ~20 px square.
    return max(
        QColor(image.pixel(x, y)).lightness()
        for x in range(0, min(20, image.width()))
        for y in range(max(0, height // 2 - 9), min(height, height // 2 + 9))
    )


def test_an_unticked_box_has_a_visible_edge_in_the_dark_theme(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setPalette(dark_palette())
    layout = QVBoxLayout(host)
    plain, styled = QCheckBox("", host), QCheckBox("", host)
    styled.setStyleSheet(DARK_STYLE_SHEET)
    layout.addWidget(plain)
    layout.addWidget(styled)
    host.show()
    qtbot.waitExposed(host)
    window = dark_palette().window().color().lightness()
    assert _lightest_in_indicator(plain) - window < 10  # the fault: nothing lighter than it
    assert _lightest_in_indicator(styled) - window > 60  # the edge now stands out
    styled.setChecked(True)  # ticked: Fusion's own box with its mark, still visible
    assert _lightest_in_indicator(styled) - window > 60
