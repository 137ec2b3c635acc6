"""The criteria editor: name, category, weight, rubric and red-line rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from desktop.editors.common import PlainTextField
from desktop.editors.delegates import ChoiceDelegate, NumberDelegate
from desktop.editors.item_model import Column
from desktop.editors.list_editor import ListEditor
from desktop.ui.decimal_spin import DecimalSpinBox
from rrisk.model import CATEGORIES

COL_ID, COL_NAME, COL_CATEGORY, COL_WEIGHT, COL_SHARE, COL_RULE = range(6)
DEFAULT_THRESHOLD = 20


def _rule_text(criterion: Any) -> str:
    rule = criterion.red_line_rule
    return f"r ≥ {rule.threshold}" if rule else "—"


def _rule_tip(criterion: Any) -> str:
    rule = criterion.red_line_rule
    if not rule:
        return "No red-line rule: this criterion never excludes a project by itself"
    basis = f" (basis: {rule.basis})" if rule.basis else ""
    return f"A cell risk of {rule.threshold} or more excludes the project: {rule.reason}{basis}"


def _rubric_getter(scale: str, index: int) -> Callable[[Any], Any]:
    """Reads one rubric line of a criterion (a function per line, bound to its place)."""
    return lambda criterion: criterion.rubric.model_dump()[scale][index]


def _rule_getter(key: str, default: Any) -> Callable[[Any], Any]:
    """Reads one field of a criterion's red-line rule, ``default`` when it has none."""
    return lambda criterion: (
        getattr(criterion.red_line_rule, key) if criterion.red_line_rule else default
    )


class CriteriaEditor(ListEditor):
    kind = "criterion"
    field = "criteria"
    word = "criterion"

    def columns(self) -> list[Column]:
        total = self._total_weight
        return [
            Column("Id", lambda c: c.id, header_tip="Stable id used in files; cannot be changed"),
            Column("Name", lambda c: c.name, field="name"),
            Column("Category", lambda c: c.category, field="category"),
            Column(
                "Weight",
                lambda c: f"{c.weight:.2f}",
                field="weight",
                parse=_parse_weight,
                numeric=True,
                header_tip="Relative importance (0 or more); the index divides by the sum",
            ),
            Column(
                "Share",
                lambda c: f"{c.weight / total() * 100:.0f}%" if total() > 0 else "—",
                numeric=True,
                header_tip="This weight as a share of the total weight",
            ),
            Column(
                "Red line",
                _rule_text,
                tooltip=_rule_tip,
                header_tip="Cell risk at or above which a project is excluded",
            ),
        ]

    def _total_weight(self) -> float:
        return sum(c.weight for c in self.controller.document.criteria)

    def install_delegates(self) -> None:
        categories = [(name, name) for name in CATEGORIES]
        self.table.setItemDelegateForColumn(
            COL_CATEGORY, ChoiceDelegate(categories, editable=True, parent=self.table)
        )
        self.table.setItemDelegateForColumn(COL_WEIGHT, NumberDelegate(2, parent=self.table))

    def new_item(self, item_id: str, name: str) -> dict[str, Any]:
        return {"id": item_id, "name": name, "category": "other", "weight": 1.0}

    def removal_warning(self, item: Any) -> str | None:
        document = self.controller.document
        cells = sum(1 for row in document.cells.values() if item.id in row)
        overrides = sum(
            (item.id in s.weight_overrides)
            + sum(1 for o in s.cell_overrides if o.criterion == item.id)
            for s in document.scenarios
        )
        lost = [f"{cells} cell{'s' if cells != 1 else ''} scored on it"]
        if overrides:
            lost.append(f"{overrides} scenario override{'s' if overrides != 1 else ''}")
        return (
            f"Remove the criterion “{item.name}”?\n\n"
            f"This also deletes {' and '.join(lost)}.\nUndo (Ctrl+Z) brings everything back."
        )

    def build_form(self, form: QFormLayout, page: QVBoxLayout) -> None:
        bind = self.binder.bind_field
        self.name_edit = QLineEdit(self)
        bind(self.name_edit, "name", "name")
        form.addRow("&Name", self.name_edit)
        self.category_combo = QComboBox(self)
        self.category_combo.setEditable(True)
        self.category_combo.addItems(list(CATEGORIES))
        bind(self.category_combo, "category", "category")
        form.addRow("&Category", self.category_combo)
        self.weight_spin = DecimalSpinBox(self)
        self.weight_spin.setDecimals(2)
        self.weight_spin.setRange(0.0, 1_000_000.0)
        self.weight_spin.setSingleStep(0.25)
        self.weight_spin.setToolTip("Relative importance; 0 keeps the criterion out of the index")
        bind(self.weight_spin, "weight", "weight")
        form.addRow("&Weight", self.weight_spin)
        self.description_edit = PlainTextField(self, lines=3)
        bind(self.description_edit, "description", "description")
        form.addRow("&Description", self.description_edit)

        rubric_box = QGroupBox("Rubric: what each level means for this criterion", self)
        grid = QGridLayout(rubric_box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.addWidget(QLabel("<b>Level</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Likelihood</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Impact</b>"), 0, 2)
        self.rubric_edits: dict[str, list[QLineEdit]] = {"likelihood": [], "impact": []}
        for level in range(1, 6):
            grid.addWidget(QLabel(str(level)), level, 0)
            for column, scale in enumerate(("likelihood", "impact"), start=1):
                edit = QLineEdit(rubric_box)
                edit.setPlaceholderText(f"{scale.capitalize()} {level} means…")
                edit.setAccessibleName(f"Rubric {scale} {level}")
                self.binder.bind(
                    edit,
                    _rubric_getter(scale, level - 1),
                    self._rubric_setter(scale, level - 1),
                    f"rubric {scale} {level}",
                )
                grid.addWidget(edit, level, column)
                self.rubric_edits[scale].append(edit)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        page.addWidget(rubric_box)

        self.rule_box = QGroupBox("Red-line rule (non-compensatory exclusion)", self)
        self.rule_box.setCheckable(True)
        self.rule_box.setToolTip(
            "When on, a cell risk at or above the threshold excludes the project"
        )
        rule_form = QFormLayout(self.rule_box)
        rule_form.setHorizontalSpacing(12)
        self.threshold_spin = QSpinBox(self.rule_box)
        self.threshold_spin.setRange(1, 25)
        self.threshold_spin.setPrefix("r = L × I ≥ ")
        self.rule_reason_edit = QLineEdit(self.rule_box)
        self.rule_reason_edit.setPlaceholderText("e.g. counterparty under blocking sanctions")
        self.rule_basis_edit = QLineEdit(self.rule_box)
        self.rule_basis_edit.setPlaceholderText("e.g. US EO 14024; EU Reg. 2022/263")
        rule_form.addRow("&Threshold", self.threshold_spin)
        rule_form.addRow("Rea&son", self.rule_reason_edit)
        rule_form.addRow("Legal &basis", self.rule_basis_edit)
        self.binder.bind(
            self.rule_box,
            lambda c: c.red_line_rule is not None,
            lambda on: {"red_line_rule": self._rule_from_widgets() if on else None},
            "red-line rule",
        )
        for widget, key, default in (
            (self.threshold_spin, "threshold", DEFAULT_THRESHOLD),
            (self.rule_reason_edit, "reason", ""),
            (self.rule_basis_edit, "basis", ""),
        ):
            self.binder.bind(
                widget,
                _rule_getter(key, default),
                self._rule_setter(key),
                f"red-line {key}",
            )
        page.addWidget(self.rule_box)

    def _rubric_setter(self, scale: str, index: int) -> Callable[[Any], dict[str, Any]]:
        return lambda value: self._rubric_change(scale, index, value)

    def _rule_setter(self, key: str) -> Callable[[Any], dict[str, Any]]:
        return lambda value: {"red_line_rule": {**self._rule_from_widgets(), key: value}}

    def _rubric_change(self, scale: str, level: int, value: str) -> dict[str, Any]:
        rubric = self.binder.item.rubric.model_dump()
        rubric[scale][level] = value
        return {"rubric": rubric}

    def _rule_from_widgets(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold_spin.value(),
            "reason": self.rule_reason_edit.text(),
            "basis": self.rule_basis_edit.text(),
        }


def _parse_weight(value: Any) -> float:
    try:
        return float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValueError(f"weight {value!r} is not a number") from None
