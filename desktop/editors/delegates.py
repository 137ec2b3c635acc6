"""Cell editors for the item tables: choice lists and numbers with a fixed number of decimals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.ui.decimal_spin import DecimalSpinBox, WeightSpinBox
from desktop.ui.refusals import SpinBox

AnyIndex = QModelIndex | QPersistentModelIndex


def name_editor(editor: QWidget, index: AnyIndex) -> QWidget:
    """``editor`` named after the column of the cell it edits ("Weight"): a screen reader
    announced a table's cell editor with no name at all."""
    model = index.model()
    header = model.headerData(index.column(), Qt.Orientation.Horizontal) if model else None
    if header:
        editor.setAccessibleName(str(header))
    return editor


class NamedEditorDelegate(QStyledItemDelegate):
    """Qt's own cell editors (a line edit for text), named after their column."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        return name_editor(super().createEditor(parent, option, index), index)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, value) choices; editable ones also accept free text."""

    def __init__(
        self, choices: Sequence[tuple[str, Any]], editable: bool = False, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._editable = editable

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self._editable)
        for label, value in self._choices:
            combo.addItem(label, value)
        return name_editor(combo, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(value)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif self._editable:
            editor.setCurrentText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        if self._editable:
            text = editor.currentText()
            position = editor.findText(text)
            value = editor.itemData(position) if position >= 0 else text
        else:
            value = editor.currentData()
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)


class NumberDelegate(QStyledItemDelegate):
    """A spin box; ``decimals=0`` gives whole numbers, ``decimals=None`` a weight
    (:class:`WeightSpinBox`: as many decimals as a weight is typed with). Blank values edit as
    the minimum. An editor closed without a change writes nothing, even where the spin box
    had to round the value it was given to show it."""

    def __init__(
        self,
        decimals: int | None = 2,
        minimum: float = 0.0,
        maximum: float = 1_000_000.0,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._decimals = decimals
        self._minimum = minimum
        self._maximum = maximum

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        if self._decimals == 0:
            spin: DecimalSpinBox | QSpinBox = SpinBox(parent)
        else:
            decimal = WeightSpinBox(parent) if self._decimals is None else DecimalSpinBox(parent)
            if self._decimals is not None:
                decimal.setDecimals(self._decimals)
            decimal.setSingleStep(0.25)
            spin = decimal
        spin.setRange(self._minimum, self._maximum)  # type: ignore[arg-type]
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return name_editor(spin, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setValue(self._minimum if value is None else value)  # type: ignore[attr-defined]
        editor.setProperty(_SHOWN, editor.value())  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        editor.interpretText()  # type: ignore[attr-defined]
        value = editor.value()  # type: ignore[attr-defined]
        if value == editor.property(_SHOWN):
            return  # nothing typed: the document keeps its value, not the box's rounding of it
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)


_SHOWN = "rriskShownValue"
"""The editor's value as first shown (after the spin box's own rounding)."""
