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


class DecimalSpinBox(QDoubleSpinBox):
    """A ``QDoubleSpinBox`` where ``,`` and ``.`` both mark the decimals."""

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
