"""The criteria editor: name, category, weight, rubric and red-line rule.

Weights follow the scenario shown, as scores do: under a scenario the table and the form show
the weight in force there, a weight the scenario sets is marked ``●`` (and named in words
beside the form's field), and a weight typed is the scenario's override (one undo step,
:mod:`desktop.document.scenario_edits`); **Use baseline weight** removes it. A banner above
the table says which scenario's weights are shown. Everything else about a criterion is the
baseline's in every scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.editors.common import PlainTextField, attempt, single_line
from desktop.editors.delegates import ChoiceDelegate, NumberDelegate
from desktop.editors.item_model import Column
from desktop.editors.list_editor import ListEditor
from desktop.editors.removal import criterion_removal_question
from desktop.ui.decimal_spin import WeightSpinBox
from desktop.ui.override_mark import OVERRIDE_SYMBOL
from desktop.ui.refusals import SpinBox
from rrisk.fmt import fmt_percent, plain_number
from rrisk.model import CATEGORIES, MAX_WEIGHT
from rrisk.text import number_text, read_weight, weight_text

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

COL_ID, COL_NAME, COL_CATEGORY, COL_WEIGHT, COL_SHARE, COL_RULE = range(6)
DEFAULT_THRESHOLD = 20
WEIGHT_RANGE = f"0 to {number_text(MAX_WEIGHT)}"
"""The weights a criterion takes, as its tips say them (a larger one is refused)."""


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


class CriteriaEditor(ListEditor):
    kind = "criterion"
    field = "criteria"
    word = "criterion"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.scenario_note = QLabel(self)
        self.scenario_note.setObjectName("criteriaScenarioNote")
        self.scenario_note.setWordWrap(True)
        self.scenario_note.setTextFormat(Qt.TextFormat.PlainText)
        upper = self.table.parentWidget()
        layout = upper.layout() if upper is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.scenario_note)  # between the buttons and the table
        # A bound method: the connection ends with this editor.
        controller.scenarioChanged.connect(self._scenario_shown)
        self._scenario_shown()

    def _scenario_shown(self, *_args: object) -> None:
        """Weights are the shown scenario's: table, form and banner follow the selector."""
        scenario_id = self.controller.scenario_id
        if scenario_id is None:
            self.scenario_note.hide()
        else:
            name = self.controller.scenario_name(scenario_id)
            self.scenario_note.setText(
                f"Editing {name}: the weights shown are the scenario's, and a weight typed here "
                f"is its own ({OVERRIDE_SYMBOL} marks the ones it sets). Select Baseline in the "
                "toolbar to edit the baseline weights."
            )
            self.scenario_note.show()
        self.model.sync()
        self.refresh_form()

    def _weight(self, criterion: Any) -> float:
        """The weight in force in the view (the shown scenario's, else the baseline's)."""
        return self._weight_here(criterion)[0]

    def _weight_here(self, criterion: Any) -> tuple[float, bool]:
        scenario = self._shown_scenario()
        if scenario is not None and criterion.id in scenario.weight_overrides:
            return scenario.weight_overrides[criterion.id], True
        return criterion.weight, False

    def _shown_scenario(self) -> Any:
        return self.controller.open_scenario

    def _weight_text(self, criterion: Any) -> str:
        weight, overridden = self._weight_here(criterion)
        shown = weight_text(weight)
        return f"{OVERRIDE_SYMBOL} {shown}" if overridden else shown

    def _weight_tip(self, criterion: Any) -> str:
        scenario = self._shown_scenario()
        if scenario is None:
            return "The baseline weight; a scenario may set its own"
        weight, overridden = self._weight_here(criterion)
        if overridden:
            baseline = plain_number(criterion.weight)
            return (
                f"Scenario “{scenario.name}” sets this weight (baseline {baseline}); "
                "a weight typed here changes the scenario's. Use baseline weight, below, "
                "removes it"
            )
        return (
            f"The baseline weight, in force in scenario “{scenario.name}” too; a weight typed "
            "here becomes the scenario's"
        )

    def columns(self) -> list[Column]:
        total = self._total_weight
        weight = self._weight
        return [
            Column("Id", lambda c: c.id, header_tip="Stable id used in files; cannot be changed"),
            Column("Name", lambda c: c.name, field="name"),
            Column("Category", lambda c: c.category, field="category"),
            Column(
                "Weight",
                self._weight_text,
                field="weight",
                edit_value=weight,
                parse=_parse_weight,
                tooltip=self._weight_tip,
                numeric=True,
                header_tip=(
                    f"Relative importance ({WEIGHT_RANGE}); the index divides by the sum. "
                    f"Under a scenario, its weights ({OVERRIDE_SYMBOL}: set by the scenario)"
                ),
            ),
            Column(
                "Share",
                lambda c: fmt_percent(weight(c) / total()) if total() > 0 else "—",
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
        return sum(self._weight(c) for c in self.controller.document.criteria)

    def install_delegates(self) -> None:
        categories = [(name, name) for name in CATEGORIES]
        self.table.setItemDelegateForColumn(
            COL_CATEGORY, ChoiceDelegate(categories, editable=True, parent=self.table)
        )
        self.table.setItemDelegateForColumn(COL_WEIGHT, NumberDelegate(None, parent=self.table))

    def new_item(self, item_id: str, name: str) -> dict[str, Any]:
        return {"id": item_id, "name": name, "category": "other", "weight": 1.0}

    def removal_warning(self, item: Any) -> str | None:
        return criterion_removal_question(self.controller, item)

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
        self.weight_spin = WeightSpinBox(self)
        self.weight_spin.setObjectName("criterionWeightSpin")
        self.weight_spin.setRange(0.0, 1_000_000.0)  # above MAX_WEIGHT: refused with the reason
        self.weight_spin.setSingleStep(0.25)
        self.weight_spin.setToolTip(
            f"Relative importance ({WEIGHT_RANGE}); 0 keeps the criterion out of the index"
        )
        # The weight in force in the view: under a scenario, the scenario's (see above).
        self.binder.bind(self.weight_spin, self._weight, lambda value: {"weight": value}, "weight")
        self.weight_note = QLabel(self)
        self.weight_note.setObjectName("criterionWeightNote")
        self.weight_note.setTextFormat(Qt.TextFormat.PlainText)
        self.weight_note.setWordWrap(True)
        self.baseline_weight_button = QPushButton("Use baseline weight", self)
        self.baseline_weight_button.setObjectName("useBaselineWeightButton")
        self.baseline_weight_button.setToolTip(
            "Remove the scenario's weight of this criterion: the baseline weight counts again"
        )
        self.baseline_weight_button.clicked.connect(self._use_baseline_weight)
        weight_row = QHBoxLayout()
        weight_row.setSpacing(10)
        weight_row.addWidget(self.weight_spin)
        weight_row.addWidget(self.weight_note, 1)
        weight_row.addWidget(self.baseline_weight_button)
        weight_label = QLabel("&Weight", self)
        weight_label.setBuddy(self.weight_spin)
        form.addRow(weight_label, weight_row)
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
        self.threshold_spin = SpinBox(self.rule_box)
        self.threshold_spin.setRange(1, 25)
        self.threshold_spin.setPrefix("r = L × I ≥ ")
        self.rule_reason_edit = QLineEdit(self.rule_box)
        self.rule_reason_edit.setPlaceholderText("e.g. counterparty under blocking sanctions")
        self.rule_basis_edit = QLineEdit(self.rule_box)
        self.rule_basis_edit.setPlaceholderText("e.g. US EO 14024; EU Reg. 2022/263")
        rule_form.addRow("&Threshold", self.threshold_spin)
        rule_form.addRow("Rea&son", self.rule_reason_edit)
        rule_form.addRow("Legal &basis", self.rule_basis_edit)
        self._switched_off: tuple[str, dict[str, Any]] | None = None
        """(criterion id, its rule) as it was switched off: ticking again while the criterion
        stays selected brings back its threshold, reason and basis."""
        self.binder.bind(
            self.rule_box,
            lambda c: c.red_line_rule is not None,
            self._rule_switched,
            "red-line rule",
        )
        for widget, key, default in (
            (self.threshold_spin, "threshold", DEFAULT_THRESHOLD),
            (self.rule_reason_edit, "reason", ""),
            (self.rule_basis_edit, "basis", ""),
        ):
            self.binder.bind(
                widget,
                self._rule_getter(key, default),
                self._rule_setter(key),
                f"red-line {key}",
            )
        page.addWidget(self.rule_box)

    def _before_reset(self) -> None:
        super()._before_reset()
        self._switched_off = None  # another document, or the list rebuilt: start afresh

    def _rule_switched(self, on: bool) -> dict[str, Any]:
        item = self.binder.item
        if not on and item is not None and item.red_line_rule is not None:
            self._switched_off = (item.id, item.red_line_rule.model_dump())
        return {"red_line_rule": self._rule_from_widgets() if on else None}

    def _rule_getter(self, key: str, default: Any) -> Callable[[Any], Any]:
        """Reads one field of a criterion's red-line rule; with none, the rule it had when
        switched off (while it stays selected), else ``default``."""

        def read(criterion: Any) -> Any:
            if criterion.red_line_rule is not None:
                return getattr(criterion.red_line_rule, key)
            if self._switched_off is not None and self._switched_off[0] == criterion.id:
                return self._switched_off[1].get(key, default)
            return default

        return read

    def load_extra(self, item: Any) -> None:
        """Say beside the weight whose it is: the baseline's, or the shown scenario's."""
        if item is None or (self._switched_off and self._switched_off[0] != item.id):
            self._switched_off = None  # another criterion: its own rule, or the defaults
        scenario = self._shown_scenario()
        if item is None or scenario is None:
            self.weight_note.setText("")
            self.weight_note.hide()
            self.baseline_weight_button.hide()
            return
        _weight, overridden = self._weight_here(item)
        if overridden:
            baseline = plain_number(item.weight)
            self.weight_note.setText(
                f"{OVERRIDE_SYMBOL} Set by scenario “{scenario.name}” (baseline {baseline})"
            )
        else:
            self.weight_note.setText(
                f"Baseline weight, also in force in scenario “{scenario.name}”; a weight typed "
                "here becomes the scenario's"
            )
        self.weight_note.show()
        self.baseline_weight_button.setVisible(overridden)

    def _use_baseline_weight(self) -> None:
        item = self.current_item()
        if item is None:
            return
        accepted, message = attempt(
            self.controller, lambda: self.controller.edit_scenario_weight(item.id, None)
        )
        if accepted:
            self.message.clear_error()
        else:
            self.message.show_error(message)

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
            "reason": single_line(self.rule_reason_edit.text()),
            "basis": single_line(self.rule_basis_edit.text()),
        }


def _parse_weight(value: Any) -> float:
    """A weight given as text is read as the scenario weights read it (:func:`read_weight`)."""
    if isinstance(value, str):
        return read_weight(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number") from None
