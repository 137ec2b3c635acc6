"""The projects editor: names (incl. alternative spellings), place, stage, partners, capex."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desktop.editors.common import NarrativeField, PlainTextField, split_commas, split_lines
from desktop.editors.delegates import ChoiceDelegate
from desktop.editors.item_model import Column
from desktop.editors.list_editor import ListEditor
from desktop.editors.removal import project_removal_question
from desktop.ui.narrative_box import NarrativeBox
from rrisk.model import STAGES
from rrisk.text import plain_number, quoted

COL_ID, COL_NAME, COL_COUNTRY, COL_REGION, COL_STAGE, COL_CAPEX, COL_VALUE = range(7)
VALUE_CHOICES = [("Not rated", None)] + [(str(level), level) for level in range(1, 6)]


def parse_capex(value: Any) -> float | None:
    """Blank means "no estimate"; otherwise a number. Commas that group thousands, as the
    column shows the figure ("1,250,000", "1,250.5"), are thousands separators; a comma
    followed by other than three digits is a decimal comma ("2,5" is 2.5, "1 250 000,5" is
    1250000.5), as the weights read it: stripping every comma made "2,5" 25."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = "".join(str(value).replace("\u202f", " ").replace("\u00a0", " ").split())
    if not text:
        return None
    if re.fullmatch(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"[+-]?[0-9]+,[0-9]+", text):
        text = text.replace(",", ".")
    elif "," in text:
        raise ValueError(f"capex estimate {quoted(value)} is not a number")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"capex estimate {quoted(value)} is not a number") from None


def format_capex(value: float | None) -> str:
    """Thousands separated, with every decimal the estimate has (``1,250,000``, ``2.5``):
    rounding to whole units showed 2.5 as 2, and an edit left unchanged wrote the 2 back."""
    if value is None:
        return ""
    return format(Decimal(plain_number(value)), ",f")


class ProjectsEditor(ListEditor):
    kind = "project"
    field = "projects"
    word = "project"

    def columns(self) -> list[Column]:
        currency = lambda: self.controller.document.currency  # noqa: E731
        return [
            Column("Id", lambda p: p.id, header_tip="Stable id used in files; cannot be changed"),
            Column(
                "Name", lambda p: p.name, field="name", tooltip=lambda p: ", ".join(p.alt_names)
            ),
            Column("Country", lambda p: p.country, field="country"),
            Column("Region", lambda p: p.region, field="region"),
            Column("Stage", lambda p: p.stage, field="stage"),
            Column(
                "Capex",
                lambda p: (
                    f"{format_capex(p.capex_estimate)} {currency()}".strip()
                    if p.capex_estimate is not None
                    else "—"
                ),
                field="capex_estimate",
                edit_value=lambda p: format_capex(p.capex_estimate),
                parse=parse_capex,
                numeric=True,
                tooltip=lambda p: p.capex_note,
                header_tip="Capital expenditure estimate; leave blank when unknown",
            ),
            Column(
                "Strategic value",
                lambda p: str(p.strategic_value) if p.strategic_value else "—",
                field="strategic_value",
                numeric=True,
                header_tip="Optional upside score 1–5 (kept apart from the risk index)",
            ),
        ]

    def install_delegates(self) -> None:
        self.table.setItemDelegateForColumn(
            COL_STAGE, ChoiceDelegate([(s, s) for s in STAGES], parent=self.table)
        )
        self.table.setItemDelegateForColumn(
            COL_VALUE, ChoiceDelegate(VALUE_CHOICES, parent=self.table)
        )

    def new_item(self, item_id: str, name: str) -> dict[str, Any]:
        return {"id": item_id, "name": name}

    def removal_warning(self, item: Any) -> str | None:
        return project_removal_question(self.controller.document, item)

    def _description_key(self) -> str | None:
        current = self.current_id()
        return f"project:{current}" if current else None

    def load_extra(self, item: Any) -> None:
        super().load_extra(item)
        # Another project: its own staleness and fields (the binder loaded its text).
        self.description_box.refresh()

    def build_form(self, form: QFormLayout, page: QVBoxLayout) -> None:
        bind = self.binder.bind_field
        self.name_edit = QLineEdit(self)
        bind(self.name_edit, "name", "name")
        form.addRow("&Name", self.name_edit)
        self.alt_names_edit = PlainTextField(self, lines=3)
        self.alt_names_edit.setPlaceholderText("One per line: local-language names and spellings")
        self.binder.bind(
            self.alt_names_edit,
            lambda p: "\n".join(p.alt_names),
            lambda text: {"alt_names": split_lines(text)},
            "alternative names",
        )
        form.addRow("&Alternative names", self.alt_names_edit)
        self.country_edit = QLineEdit(self)
        bind(self.country_edit, "country", "country")
        form.addRow("C&ountry", self.country_edit)
        self.region_edit = QLineEdit(self)
        bind(self.region_edit, "region", "region")
        form.addRow("&Region", self.region_edit)
        self.stage_combo = QComboBox(self)
        for stage in STAGES:
            self.stage_combo.addItem(stage, stage)
        bind(self.stage_combo, "stage", "stage")
        form.addRow("&Stage", self.stage_combo)
        self.commodities_edit = QLineEdit(self)
        self.commodities_edit.setPlaceholderText("Comma-separated, e.g. NdPr, Dy, Tb, niobium")
        self.binder.bind(
            self.commodities_edit,
            lambda p: ", ".join(p.commodities),
            lambda text: {"commodities": split_commas(text)},
            "commodities",
        )
        form.addRow("Co&mmodities", self.commodities_edit)
        self.counterparties_edit = PlainTextField(self, lines=3)
        self.counterparties_edit.setPlaceholderText("One per line: operator, owners, partners")
        self.binder.bind(
            self.counterparties_edit,
            lambda p: "\n".join(p.counterparties),
            lambda text: {"counterparties": split_lines(text)},
            "counterparties",
        )
        form.addRow("Counter&parties", self.counterparties_edit)
        self.capex_edit = QLineEdit(self)
        self.capex_edit.setPlaceholderText("Blank when unknown")
        self.binder.bind(
            self.capex_edit,
            lambda p: format_capex(p.capex_estimate),
            lambda text: {"capex_estimate": parse_capex(text)},
            "capex estimate",
        )
        form.addRow("Capex &estimate", self.capex_edit)
        self.capex_note_edit = QLineEdit(self)
        bind(self.capex_note_edit, "capex_note", "capex note")
        form.addRow("Capex no&te", self.capex_note_edit)
        self.description_edit = NarrativeField(self, lines=4)
        bind(self.description_edit, "description", "description")
        self.description_box = NarrativeBox(
            self.controller,
            self.description_edit,
            project_of=self.current_id,
            key_of=self._description_key,
            parent=self,
        )
        form.addRow("&Description", self.description_box)
        buddy = form.labelForField(self.description_box)
        if isinstance(buddy, QLabel):
            buddy.setBuddy(self.description_edit)
        self.description_edit.setAccessibleName("Description")  # its label is the box's
        self.value_combo = QComboBox(self)
        for label, value in VALUE_CHOICES:
            self.value_combo.addItem(label, value)
        bind(self.value_combo, "strategic_value", "strategic value")
        form.addRow("Strategic &value", self.value_combo)
        self.rationale_edit = PlainTextField(self, lines=3)
        bind(self.rationale_edit, "strategic_rationale", "strategic rationale")
        form.addRow("Value rat&ionale", self.rationale_edit)
