"""The two tables inside the scenario editor: weight overrides and cell overrides.

Both rebuild a small cache from the document after each change and write back the whole
override collection of the scenario through ``controller.edit_item`` (one undo step).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from desktop.editors.common import attempt, single_line
from desktop.ui.text import plain_tooltip, sentence
from rrisk.text import plain_number, quoted, weight_text

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

AnyIndex = QModelIndex | QPersistentModelIndex
RED_LINE_CHOICES = [("as baseline", None), ("red line", True), ("no red line", False)]
SUPERSEDED = (
    "a later row overrides this cell too, and only the last counts: edit that row, "
    "or remove this one"
)
"""Said of a row of a scenario that overrides its cell twice (a file may), which counts for
nothing: an edit of it changed no figure."""


def parse_optional_score(value: Any, label: str) -> int | None:
    """Blank keeps the baseline; otherwise a whole number 1–5."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{label} {quoted(value)} is not a whole number 1–5") from None
    if not 1 <= number <= 5:
        raise ValueError(f"{label} {number} is outside 1–5")
    return number


class _CachedTable(QAbstractTableModel):
    """Rows cached as (key, display, edit, tip); a subclass computes them and applies edits."""

    refused = Signal(str)
    accepted = Signal()
    """An edit went through, even one that changed nothing (``=`` on a baseline weight)."""
    headers: tuple[str, ...] = ()
    editable: frozenset[int] = frozenset()

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.scenario_id: str | None = None
        self._keys: list[Any] = []
        self._rows: list[tuple[list[str], list[Any], list[str], bool]] = []
        controller.documentChanged.connect(self.sync)
        controller.documentReplaced.connect(self.sync)

    def set_scenario(self, scenario_id: str | None) -> None:
        if scenario_id != self.scenario_id:
            self.scenario_id = scenario_id
            self.beginResetModel()
            self._keys, self._rows = self._compute()
            self.endResetModel()
        else:
            self.sync()

    def scenario(self) -> Any:
        if self.scenario_id is None:
            return None
        for scenario in self._controller.document.scenarios:
            if scenario.id == self.scenario_id:
                return scenario
        return None

    def _compute(self) -> tuple[list[Any], list[tuple[list[str], list[Any], list[str], bool]]]:
        raise NotImplementedError

    def sync(self) -> None:
        keys, rows = self._compute()
        if keys == self._keys:
            changed = [i for i, row in enumerate(rows) if row != self._rows[i]]
            self._rows = rows
            if changed:
                self.dataChanged.emit(
                    self.index(min(changed), 0), self.index(max(changed), len(self.headers) - 1)
                )
            return
        self.beginResetModel()
        self._keys, self._rows = keys, rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        display, edit, tips, overridden = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display[column]
        if role == Qt.ItemDataRole.EditRole:
            return edit[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(tips[column])
        if role == Qt.ItemDataRole.ForegroundRole and column in self.editable and not overridden:
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and display[column][:1].isdigit():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def key(self, row: int) -> Any:
        return self._keys[row]

    def _write(self, changes: dict[str, Any], text: str) -> bool:
        scenario_id = self.scenario_id
        if scenario_id is None:
            return False
        accepted, message = attempt(
            self._controller,
            lambda: self._controller.edit_item("scenario", scenario_id, changes, text),
        )
        self._said(accepted, message)
        return accepted

    def _said(self, accepted: bool, message: str) -> None:
        if accepted:
            self.accepted.emit()
        else:
            self.refused.emit(message)


class ScenarioWeightsModel(_CachedTable):
    """Every criterion with its baseline weight and this scenario's weight (blank = baseline)."""

    headers = ("Criterion", "Baseline weight", "Scenario weight")
    editable = frozenset({2})

    def _compute(self) -> tuple[list[Any], list[tuple[list[str], list[Any], list[str], bool]]]:
        scenario = self.scenario()
        if scenario is None:
            return [], []
        keys, rows = [], []
        for criterion in self._controller.document.criteria:
            override = scenario.weight_overrides.get(criterion.id)
            baseline = weight_text(criterion.weight)
            shown = weight_text(override) if override is not None else f"= {baseline}"
            keys.append(criterion.id)
            rows.append(
                (
                    [criterion.name, baseline, shown],
                    [
                        criterion.name,
                        criterion.weight,
                        # Every digit: an edit closed unchanged must write back the same weight.
                        "" if override is None else plain_number(override),
                    ],
                    ["", "", "Leave blank to use the baseline weight"],
                    override is not None,
                )
            )
        return keys, rows

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != 2:
            return False
        scenario = self.scenario()
        if scenario is None:
            return False
        criterion_id = self._keys[index.row()]
        # "=" (or blank) is the baseline weight again; "=2" is 2.
        text = "" if value is None else str(value).strip().lstrip("= ")
        accepted, message = attempt(
            self._controller,
            lambda: self._controller.edit_scenario_weight(criterion_id, text, scenario.id),
        )
        self._said(accepted, message)
        return accepted


class ScenarioCellsModel(_CachedTable):
    """The scenario's cell overrides; blank likelihood or impact keeps the baseline value."""

    headers = (
        "Project",
        "Criterion",
        "Likelihood",
        "Impact",
        "Red line",
        "Red-line reason",
        "Note",
    )
    editable = frozenset({2, 3, 4, 5, 6})
    FIELDS = {2: "likelihood", 3: "impact", 4: "red_line", 5: "red_line_reason", 6: "note"}

    def _compute(self) -> tuple[list[Any], list[tuple[list[str], list[Any], list[str], bool]]]:
        scenario = self.scenario()
        if scenario is None:
            return [], []
        document = self._controller.document
        names = {p.id: p.name for p in document.projects}
        criteria = {c.id: c.name for c in document.criteria}
        # A file may override a cell twice; only the last row counts (rrisk check names it).
        last = {(o.project, o.criterion): i for i, o in enumerate(scenario.cell_overrides)}
        keys, rows = [], []
        for position, override in enumerate(scenario.cell_overrides):
            counted = last[(override.project, override.criterion)] == position
            baseline = document.cell(override.project, override.criterion)
            shown = []
            for name in ("likelihood", "impact"):
                value = getattr(override, name)
                base = getattr(baseline, name) if baseline is not None else None
                base_text = "—" if base is None else str(base)
                shown.append(str(value) if value is not None else f"= {base_text}")
            red = {None: "as baseline", True: "red line", False: "no red line"}[override.red_line]
            keys.append((position, override.project, override.criterion))
            rows.append(
                (
                    [
                        names.get(override.project, override.project),
                        criteria.get(override.criterion, override.criterion),
                        shown[0],
                        shown[1],
                        red,
                        override.red_line_reason or "",
                        override.note,
                    ],
                    [
                        override.project,
                        override.criterion,
                        "" if override.likelihood is None else str(override.likelihood),
                        "" if override.impact is None else str(override.impact),
                        override.red_line,
                        override.red_line_reason or "",
                        override.note,
                    ],
                    [
                        "",
                        "",
                        "Blank keeps the baseline likelihood",
                        "Blank keeps the baseline impact",
                        "",
                        override.red_line_reason or "",
                        override.note,
                    ]
                    if counted
                    else [sentence(SUPERSEDED)] * len(self.headers),
                    counted,  # a row that does not count is greyed
                )
            )
        return keys, rows

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self.FIELDS.get(index.column())
        scenario = self.scenario()
        if field is None or scenario is None:
            return False
        if not self._rows[index.row()][3]:
            project_name, criterion_name = self._rows[index.row()][0][:2]
            self.refused.emit(f"{project_name} / {criterion_name}: {SUPERSEDED}")
            return False
        try:
            if field in ("likelihood", "impact"):
                value = parse_optional_score(value, field)
            elif field in ("red_line_reason", "note"):
                # One line, trimmed, as every one-line field keeps it: a reason of spaces
                # alone is no reason (the cell's own stands), not a blank one in its place.
                value = single_line(str(value or ""))
                if field == "red_line_reason":
                    value = value or None
        except ValueError as error:
            self.refused.emit(str(error))
            return False
        overrides = [o.model_dump() for o in scenario.cell_overrides]
        edited = overrides[index.row()]
        sets = ("likelihood", "impact", "red_line")
        emptied = (
            field in sets
            and value is None
            and edited[field] is not None
            and all(edited[other] is None for other in sets if other != field)
        )
        if emptied:
            # Clearing the last thing it sets (a score, or its red line back to "as baseline")
            # removes the override, with its note and reason, as in the matrix and the
            # inspector: a row of blanks overrode nothing and still showed as changed.
            del overrides[index.row()]
            return self._write(
                {"cell_overrides": overrides},
                f"Remove cell override from scenario {scenario.name}",
            )
        edited[field] = value
        if field == "red_line" and value is not True:
            edited["red_line_reason"] = None  # a reason is for a red line the scenario sets
        return self._write(
            {"cell_overrides": overrides}, f"Edit overrides of scenario {scenario.name}"
        )

    def add_override(self, project_id: str, criterion_id: str) -> bool:
        scenario = self.scenario()
        if scenario is None:
            return False
        if any(
            o.project == project_id and o.criterion == criterion_id for o in scenario.cell_overrides
        ):
            self.refused.emit("this scenario already overrides that cell; edit its row instead")
            return False
        overrides = [o.model_dump() for o in scenario.cell_overrides]
        overrides.append({"project": project_id, "criterion": criterion_id})
        return self._write(
            {"cell_overrides": overrides}, f"Add cell override to scenario {scenario.name}"
        )

    def remove_override(self, row: int) -> bool:
        scenario = self.scenario()
        if scenario is None or not 0 <= row < len(scenario.cell_overrides):
            return False
        overrides = [o.model_dump() for i, o in enumerate(scenario.cell_overrides) if i != row]
        return self._write(
            {"cell_overrides": overrides}, f"Remove cell override from scenario {scenario.name}"
        )
