"""The scenarios editor: name, description, weight overrides and cell overrides."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
)

from desktop.document.scenario_edits import cell_changes, weight_changes
from desktop.editors.common import MessageLabel, PlainTextField
from desktop.editors.delegates import ChoiceDelegate, NamedEditorDelegate
from desktop.editors.item_model import Column
from desktop.editors.list_editor import SHARES_WIDTH, ListEditor
from desktop.editors.scenario_tables import (
    RED_LINE_CHOICES,
    ScenarioCellsModel,
    ScenarioWeightsModel,
)
from desktop.ui import style
from rrisk.text import plural


def _first_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else ""


def _sub_table(parent: Any, name: str) -> QTableView:
    table = QTableView(parent)
    style.pad_headers(table)
    table.setObjectName(name)
    table.setItemDelegate(NamedEditorDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab goes on to the next field, as in the lists
    table.verticalHeader().hide()
    style.rows_follow_font(table, 10)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumHeight(table.fontMetrics().height() * 9)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    return table


def _restated(count: int) -> str:
    """The overrides a change count leaves out, as the memo says them apart."""
    if not count:
        return ""
    return (
        f"Not counted: {plural(count, 'override')} {'restates' if count == 1 else 'restate'} "
        "the baseline"
    )


class ScenariosEditor(ListEditor):
    kind = "scenario"
    field = "scenarios"
    word = "scenario"
    stretch_column = 4
    split = (1, 4)

    def columns(self) -> list[Column]:
        return [
            Column("Id", lambda s: s.id, header_tip="Stable id; `rrisk score --scenario` takes it"),
            Column("Name", lambda s: s.name, field="name"),
            Column(
                "Weights changed",
                lambda s: str(weight_changes(self.controller.document, s)[0]),
                tooltip=lambda s: _restated(weight_changes(self.controller.document, s)[1]),
                numeric=True,
            ),
            Column(
                "Cells changed",
                lambda s: str(cell_changes(self.controller.document, s)[0]),
                tooltip=lambda s: _restated(cell_changes(self.controller.document, s)[1]),
                numeric=True,
                reads_cells=True,  # an override restates the cell as it now reads
            ),
            Column(
                "Description", lambda s: _first_line(s.description), tooltip=lambda s: s.description
            ),
        ]

    def new_item(self, item_id: str, name: str) -> dict[str, Any]:
        return {"id": item_id, "name": name}

    def build_form(self, form: QFormLayout, page: QVBoxLayout) -> None:
        self.name_edit = QLineEdit(self)
        self.binder.bind_field(self.name_edit, "name", "name")
        form.addRow("&Name", self.name_edit)
        self.description_edit = PlainTextField(self, lines=3)
        self.binder.bind_field(self.description_edit, "description", "description")
        form.addRow("&Description", self.description_edit)

        weights_box = QGroupBox("Weights in this scenario (blank = baseline weight)", self)
        weights_layout = QVBoxLayout(weights_box)
        self.weights_model = ScenarioWeightsModel(self.controller, self)
        self.overrides_message = MessageLabel(self)
        self.weights_model.refused.connect(self.overrides_message.show_error)
        self.weights_table = _sub_table(weights_box, "scenarioWeightsTable")
        self.weights_table.setModel(self.weights_model)
        self.weights_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.weights_table.horizontalHeader().setStretchLastSection(False)
        weights_layout.addWidget(self.weights_table)
        page.addWidget(weights_box)

        cells_box = QGroupBox("Cells changed in this scenario (blank = baseline value)", self)
        cells_layout = QVBoxLayout(cells_box)
        self.cells_model = ScenarioCellsModel(self.controller, self)
        self.cells_model.refused.connect(self.overrides_message.show_error)
        self.cells_table = _sub_table(cells_box, "scenarioCellsTable")
        self.cells_table.setModel(self.cells_model)
        self.cells_table.setItemDelegateForColumn(
            4, ChoiceDelegate(RED_LINE_CHOICES, parent=self.cells_table)
        )
        adder = QHBoxLayout()
        adder.setSpacing(8)
        self.override_project = QComboBox(cells_box)
        self.override_project.setAccessibleName("Project of the new override")
        self.override_criterion = QComboBox(cells_box)
        self.override_criterion.setAccessibleName("Criterion of the new override")
        for combo in (self.override_project, self.override_criterion):
            # Names can be long: the boxes share the row's width (the list shows them whole).
            combo.setProperty(SHARES_WIDTH, True)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.add_override_button = QPushButton("Add override", cells_box)
        self.remove_override_button = QPushButton("Remove override", cells_box)
        self.add_override_button.clicked.connect(self._add_override)
        self.remove_override_button.clicked.connect(self._remove_override)
        # Each box with a visible label, its buddy: a screen reader named both boxes by the
        # group's title, and the eye saw two names with nothing saying which was which.
        for text, combo in (
            ("&Project", self.override_project),
            ("&Criterion", self.override_criterion),
        ):
            label = QLabel(text, cells_box)
            label.setBuddy(combo)
            adder.addWidget(label)
            adder.addWidget(combo, 1)
        adder.addWidget(self.add_override_button)
        adder.addWidget(self.remove_override_button)
        cells_layout.addWidget(self.cells_table)
        cells_layout.addLayout(adder)
        page.addWidget(cells_box)
        # Refusals of the override tables show right under them, where the user is looking.
        page.addWidget(self.overrides_message)
        # Delete (or Backspace) takes the selected row's override away, as Delete removes the
        # selected item of a list: the weights table's row goes back to the baseline weight.
        self.weights_table.installEventFilter(self)
        self.cells_table.installEventFilter(self)
        for model in (self.weights_model, self.cells_model):
            model.dataChanged.connect(lambda *_: self.overrides_message.clear_error())
            model.modelReset.connect(self.overrides_message.clear_error)
            model.accepted.connect(self.overrides_message.clear_error)

    def load_extra(self, item: Any) -> None:
        scenario_id = item.id if item is not None else None
        self.weights_model.set_scenario(scenario_id)
        self.cells_model.set_scenario(scenario_id)
        document = self.controller.document
        choices: list[tuple[Any, list[Any]]] = [
            (self.override_project, document.projects),
            (self.override_criterion, document.criteria),
        ]
        for combo, items in choices:
            current = combo.currentData()
            ids = [combo.itemData(i) for i in range(combo.count())]
            if ids != [entry.id for entry in items]:
                combo.clear()
                for entry in items:
                    combo.addItem(entry.name, entry.id)
                combo.setCurrentIndex(max(combo.findData(current), 0))
            else:
                for position, named in enumerate(items):
                    combo.setItemText(position, named.name)

    def _add_override(self) -> None:
        project_id = self.override_project.currentData()
        criterion_id = self.override_criterion.currentData()
        if project_id is None or criterion_id is None:
            self.overrides_message.show_error("add a project and a criterion first")
            return
        if self.cells_model.add_override(project_id, criterion_id):
            last = self.cells_model.rowCount() - 1
            self.cells_table.setCurrentIndex(self.cells_model.index(last, 2))

    def _remove_override(self) -> None:
        index = self.cells_table.currentIndex()
        if index.isValid():
            self.cells_model.remove_override(index.row())

    def _delete_in(self, table: QTableView) -> None:
        """Delete in a table of the scenario: its selected row's override goes (one undo step;
        a weight not overridden, or no row selected, changes nothing)."""
        index = table.currentIndex()
        if not index.isValid():
            return
        if table is self.cells_table:
            self._remove_override()
            return
        model = self.weights_model
        if model.data(model.index(index.row(), 2), Qt.ItemDataRole.EditRole) != "":
            model.setData(model.index(index.row(), 2), "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched in (self.weights_table, self.cells_table)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QTableView)
            and watched.state() != QAbstractItemView.State.EditingState
        ):
            self._delete_in(watched)
            return True
        return super().eventFilter(watched, event)
