"""A number field that reads a decimal comma as a decimal point, whatever the system locale.

RRisk writes numbers with a decimal point everywhere (tables, memo, exports), but users who
type ``0,75`` mean three quarters. Qt's spin box would read the comma as a thousands separator
under an English locale (``0,75`` → 75, ``2,5`` → 25) and silently change the ranking. This box
uses the C locale with group separators refused, and turns a typed comma into a point as it is
typed, so ``1,000`` is one, never a thousand.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from desktop.ui.refusals import SaysRefusals
from rrisk.model import MAX_WEIGHT
from rrisk.text import number_text, weight_text


class DecimalSpinBox(SaysRefusals, QDoubleSpinBox):
    """A ``QDoubleSpinBox`` where ``,`` and ``.`` both mark the decimals, and which says what
    it refuses (:mod:`desktop.ui.refusals`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        locale = QLocale.c()
        locale.setNumberOptions(
            QLocale.NumberOption.RejectGroupSeparator | QLocale.NumberOption.OmitGroupSeparator
        )
        self.setLocale(locale)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # noqa: D102 - Qt's contract
        return super().validate(text.replace(",", "."), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802, D102 - Qt's name and contract
        return super().valueFromText(text.replace(",", "."))


WEIGHT_DECIMALS = 12
"""Decimals a weight field keeps. A spin box rounds what it is given to its decimals, so two
decimals showed 0.125 as 0.13 and 0.000001 as 0.00, and a weight typed as 0.1255 lost its
third decimal as it was typed. Twelve keep every weight a person types (the smallest other
than 0 is 0.000001; a smaller one is refused with the reason, not a refused keystroke)."""


class WeightSpinBox(DecimalSpinBox):
    """A weight field: up to :data:`WEIGHT_DECIMALS` decimals, shown as entered with at least
    two (``1.00``, ``0.125``, ``0.000001``), as the criteria table shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(WEIGHT_DECIMALS)

    def textFromValue(self, value: float) -> str:  # noqa: N802, D102 - Qt's name and contract
        return weight_text(value)

    def accepts(self) -> str:
        """The weight's own limits: the box goes higher, so that a weight over them is
        refused with the reason rather than as a keystroke."""
        return f"a number from 0 to {number_text(min(self.maximum(), MAX_WEIGHT))}"
