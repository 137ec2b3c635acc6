"""The inspector's head: the cell's risk as shown, the scenario line, the rubric's words.

Mixed into :class:`~desktop.matrix.inspector.CellInspector` (kept apart so the inspector's
module stays short). Under a scenario the head shows the scenario's values, names the
baseline, offers Clear override, and turns the range fields off (a scenario has no ranges,
:mod:`desktop.document.scenario_edits`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QWidget

from desktop.document.commands import CellKey
from desktop.document.controller import DocumentController
from desktop.document.scenario_edits import baseline_text
from desktop.matrix.model import shorten
from desktop.ui import style
from desktop.ui.busy import busy_editing
from rrisk.evidence_quality import default_range
from rrisk.model import Cell
from rrisk.palette import RED_LINE_MARK

NO_VALUE = 0
"""Spin-box value shown as "—": the field is not set."""


class CellSummary:
    _controller: DocumentController
    summary: QLabel
    scenario_note: QLabel
    scenario_reason: QLabel
    scenario_shared: QLabel
    scenario_row: QWidget
    clear_override_button: QPushButton
    rubric_note: QLabel
    _spins: dict[str, QSpinBox]

    def targets(self) -> list[CellKey]:
        raise NotImplementedError  # provided by the inspector

    def _show_summary(
        self, cell: Cell | None, rubric: Any, project_id: str, criterion_id: str
    ) -> None:
        """The cell's risk as shown (under the open scenario), the scenario line, the rubric."""
        from rrisk.scoring import cell_band

        result = self._controller.result
        row = result.row_of(project_id)
        column = result.matrix.criterion_ids.index(criterion_id)
        shown = [result.matrix.likelihood[row, column], result.matrix.impact[row, column]]
        likelihood, impact = (None if value != value else int(value) for value in shown)
        if likelihood is not None and impact is not None:
            band = cell_band(likelihood * impact)
            risk = likelihood * impact
            text = f"L {likelihood} × I {impact} = {risk}   {style.band_label(band)}"
        else:
            band = -1
            text = "Unassessed"
        if result.red_line[row, column]:
            text += f"   {RED_LINE_MARK} red line"
        self.summary.setText(text)
        self._paint_summary(band)
        self._show_scenario(cell, project_id, criterion_id, likelihood, impact)
        notes = self._red_line_sources(row, column)
        default_range = self._default_range(cell, likelihood, impact)
        if default_range:
            notes.insert(0, default_range)
        if likelihood and rubric.likelihood[likelihood - 1]:
            notes.append(f"Likelihood {likelihood}: {rubric.likelihood[likelihood - 1]}")
        if impact and rubric.impact[impact - 1]:
            notes.append(f"Impact {impact}: {rubric.impact[impact - 1]}")
        self.rubric_note.setText("\n".join(notes))
        self.rubric_note.setVisible(bool(notes))

    def _default_range(self, cell: Cell | None, likelihood: int | None, impact: int | None) -> str:
        """What the uncertainty analysis draws for a cell scored without a range whose
        evidence is weak (its range fields, empty, would read as certain), else ""."""
        if likelihood is None or impact is None:
            return ""
        # A range of its own (the baseline's, under a scenario too) always wins.
        doc = self._controller.document
        likelihood_drawn = default_range(doc, cell, likelihood)
        impact_drawn = default_range(doc, cell, impact)
        if likelihood_drawn is None or impact_drawn is None:
            return ""
        why = (
            "its evidence is graded D–F or 4–6 only"
            if cell and cell.evidence
            else "it has no evidence"
        )
        (l_low, l_high), (i_low, i_high) = likelihood_drawn, impact_drawn
        return (
            f"No range given and {why}: the uncertainty analysis draws likelihood "
            f"{l_low}–{l_high} and impact {i_low}–{i_high}."
        )

    def _red_line_sources(self, row: int, column: int) -> list[str]:
        """Where a red line on the cell comes from when it is not the cell's own box (which
        shows a manual one): a confirmed screening hit, a territory rule or the criterion's
        rule, as the scoring found them, each with its legal basis (as the memo and the
        Screening tab give it)."""
        result = self._controller.result
        criterion_id = result.matrix.criterion_ids[column]
        sources = {"territory": "a territory rule", "screening": "screening"}
        notes = []
        for line in result.red_lines[row]:
            if line.criterion != criterion_id or line.kind == "manual":
                continue
            if line.kind == "rule":
                threshold = float(result.matrix.rule_threshold[column])
                source = f"the criterion's rule (r ≥ {threshold:g})"
            else:
                source = sources.get(line.kind, line.kind)
            basis = f" (legal basis: {line.basis})" if line.basis.strip() else ""
            notes.append(f"{RED_LINE_MARK} Red line from {source}: {line.reason}{basis}")
        return notes

    def _show_scenario(
        self,
        cell: Cell | None,
        project_id: str,
        criterion_id: str,
        likelihood: int | None,
        impact: int | None,
    ) -> None:
        """Under a scenario: what is edited, the baseline value, and Clear override."""
        scenario = self._controller.open_scenario
        if scenario is None:
            self.scenario_row.hide()
            for spin in self._range_spins().values():
                spin.setEnabled(True)
                spin.setToolTip("")
            return
        baseline = baseline_text(cell)
        override = self._controller.scenario_override(project_id, criterion_id)
        text = f"Editing scenario “{scenario.name}” — baseline {baseline}"
        if override is not None:
            text += " (overridden here)"
        self.scenario_note.setText(text)
        # The scenario's own reason for its value: the rationale below argues the baseline's
        # score, which is not the one shown under this scenario.
        reason = " ".join(override.note.split()) if override is not None else ""
        self.scenario_reason.setText(f"Why, in this scenario: {shorten(reason, 300)}")
        self.scenario_reason.setVisible(bool(reason))
        shared = "rationale, status, red line and evidence"
        if override is not None and override.red_line is not None:
            # The red line and its reason shown are the scenario's; the basis stays the cell's.
            shared = "rationale, status, legal basis and evidence"
        self.scenario_shared.setText(
            f"The {shared} below are the cell's in every scenario: an edit there changes "
            "the baseline too."
        )
        self.clear_override_button.setVisible(override is not None)
        self.scenario_row.show()
        # The spin boxes show and edit the scenario's values; a scenario has no ranges.
        for field, value in (("likelihood", likelihood), ("impact", impact)):
            spin = self._spins[field]
            spin.blockSignals(True)
            spin.setValue(NO_VALUE if value is None else value)
            spin.blockSignals(False)
        for field, spin in self._range_spins().items():
            spin.setEnabled(False)
            score = field.rsplit("_", 1)[0]
            if override is not None and getattr(override, score) is not None:
                # The scenario's value is drawn without the cell's range (kept for the
                # baseline and the other scenarios): as set, or ±1 around it where the cell
                # has no range and its evidence is weak (the note below says so then).
                spin.blockSignals(True)
                spin.setValue(NO_VALUE)
                spin.blockSignals(False)
                spin.setToolTip(
                    f"Scenario “{scenario.name}” sets the {score}: the uncertainty analysis "
                    "draws it without the cell's range (as set, or ±1 around it where the "
                    "cell has no range and weak evidence); select Baseline to see or change "
                    "the range"
                )
            else:
                spin.setToolTip(
                    f"Scenario “{scenario.name}” gives one value per cell: select Baseline to "
                    "change the range"
                )

    def _range_spins(self) -> dict[str, QSpinBox]:
        """The range fields' spin boxes, by field name."""
        return {f: spin for f, spin in self._spins.items() if f.endswith(("_low", "_high"))}

    def clear_override(self) -> bool:
        """Remove the open scenario's override of the selected cells (one undo step)."""
        keys = self.targets()
        if not keys:
            return False
        with busy_editing(self.summary.window(), len(keys), f"Clearing {len(keys):,} overrides…"):
            return self._controller.clear_scenario_overrides(keys)

    def _paint_summary(self, band: int) -> None:
        # Unassessed in the theme's neutral grey, as the heat map and its legend show it (the
        # light one glared in the dark theme, a near-white box over the dark panel). The theme
        # is the inspector's: the label's own palette is its style sheet's.
        theme = self.summary.parentWidget()
        colours = style.band_colours(band) if band >= 0 else style.unassessed_colours(theme)
        fill, ink = colours[0].name(), colours[1].name()
        self.summary.setStyleSheet(
            f"QLabel {{ background: {fill}; color: {ink}; border-radius: 4px; font-weight: bold; }}"
        )
