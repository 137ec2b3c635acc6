"""Edits of the document's screening record: hit decisions and territory overrides.

Part of :class:`~desktop.document.controller.DocumentController` (mixed in). Each edit
validates the new :class:`~rrisk.screening.decisions.Screening` with the document model and
pushes one ``StateCommand`` swapping the ``screening`` field, so it is undoable and the
ranking (whose screening red lines read that field) follows at once.

A decision records, in the same step, the list it was made against and that list's as-of
date: the assessment says which list it was screened against.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from desktop.document.commands import ControllerPart
from rrisk.model import Assessment, describe_validation_error
from rrisk.screening.decisions import (
    CONFIRMED,
    DISMISSED,
    Screening,
    decides,
    same_hit,
    same_list,
)


@dataclass(frozen=True)
class HitChoice:
    """What the analyst decides on one hit (the hit's copy is kept in the document)."""

    project: str
    counterparty: str
    entry_id: str
    entry_name: str
    matched_name: str
    score: float
    sanctions: tuple[str, ...]
    decision: str
    note: str = ""
    no_red_line_reason: str = ""


class ScreeningEdits(ControllerPart):
    """Confirm or dismiss screening hits and override territory rules (one undo step each)."""

    _document: Assessment

    def decide_hit(self, choice: HitChoice, list_name: str, list_as_of: str) -> bool:
        """Record (or replace) the decision on one hit, and the list it was made against."""
        if choice.decision not in (CONFIRMED, DISMISSED):
            return self._refuse(f"'{choice.decision}' is not a screening decision")
        if choice.project not in {p.id for p in self._document.projects}:
            return self._refuse(f"project '{choice.project}' does not exist")
        if choice.decision == DISMISSED and not choice.note.strip():
            return self._refuse(
                f"dismissing the hit on '{choice.counterparty}' needs a note saying why "
                "it is not the listed party"
            )
        decision = {
            "project": choice.project,
            "counterparty": choice.counterparty,
            "list_name": list_name,
            "entry_id": choice.entry_id,
            "entry_name": choice.entry_name,
            "matched_name": choice.matched_name,
            "score": round(min(max(choice.score, 0.0), 1.0), 4),
            "sanctions": list(choice.sanctions),
            "decision": choice.decision,
            "note": choice.note.strip(),
            "no_red_line_reason": (
                choice.no_red_line_reason.strip() if choice.decision == CONFIRMED else ""
            ),
        }
        # Replaces the decision on this hit: the one on this list, or one naming no list (an
        # older file's). One made on another list's entry of the same id stays, even when
        # the decision is taken with no list named.
        kept = [
            item.model_dump()
            for item in self._document.screening.decisions
            if not decides(item, choice.project, choice.counterparty, choice.entry_id, list_name)
        ]
        verb = "Confirm" if choice.decision == CONFIRMED else "Dismiss"
        label = choice.entry_name or choice.entry_id
        return self._set_screening(
            {
                "list_name": list_name,
                "list_as_of": list_as_of,
                "decisions": [*kept, decision],
            },
            f"{verb} screening hit {choice.counterparty} → {label}",
        )

    def record_screening(self, list_name: str, list_as_of: str) -> bool:
        """Record that the assessment was screened against a list, hits or none (the memo
        names the list and its date); one undo step, nothing when already recorded."""
        if not list_name.strip():
            return self._refuse("a screening is recorded against a named list")
        return self._set_screening(
            {"list_name": list_name, "list_as_of": list_as_of},
            f"Record screening against {list_name}",
        )

    def clear_hit_decision(
        self, project: str, counterparty: str, entry_id: str, list_name: str | None = None
    ) -> bool:
        """Forget the decision on one hit recorded on ``list_name`` exactly (an older file's
        names none: ""), or on any list when not given: it is pending again. Decisions on
        other lists' entries of the same id stay."""
        screening = self._document.screening

        def cleared(item: Any) -> bool:
            return same_hit(item, project, counterparty, entry_id) and (
                list_name is None or same_list(item.list_name, list_name)
            )

        if not any(cleared(item) for item in screening.decisions):
            return True
        kept = [item.model_dump() for item in screening.decisions if not cleared(item)]
        return self._set_screening(
            {"decisions": kept}, f"Clear screening decision on {counterparty}"
        )

    def override_territory(self, project: str, territory: str, justification: str) -> bool:
        """Set aside a territory rule for one project, with the written reason the memo prints."""
        if not justification.strip():
            return self._refuse(
                "overriding a territory rule needs a written justification (the memo prints it)"
            )
        if project not in {p.id for p in self._document.projects}:
            return self._refuse(f"project '{project}' does not exist")
        kept = [
            item.model_dump()
            for item in self._document.screening.territory_overrides
            if (item.project, item.territory) != (project, territory)
        ]
        new = {"project": project, "territory": territory, "justification": justification.strip()}
        return self._set_screening(
            {"territory_overrides": [*kept, new]},
            f"Override territory rule on {self._project_name(project)}",
        )

    def clear_territory_override(self, project: str, territory: str) -> bool:
        """The territory rule applies to the project again (an override recorded without a
        justification, which sets nothing aside, is taken away too)."""
        screening = self._document.screening
        if not screening.recorded(project, territory):
            return True
        kept = [
            item.model_dump()
            for item in screening.territory_overrides
            if (item.project, item.territory) != (project, territory)
        ]
        return self._set_screening(
            {"territory_overrides": kept},
            f"Restore territory rule on {self._project_name(project)}",
        )

    def _project_name(self, project_id: str) -> str:
        """The project as the Edit menu names the step: by its name, as other steps do."""
        return next((p.name for p in self._document.projects if p.id == project_id), project_id)

    def _set_screening(self, changes: dict[str, Any], text: str) -> bool:
        before = self._document.screening
        data = before.model_dump()
        data.update(changes)
        try:
            after = Screening.model_validate(data)
        except ValidationError as error:
            return self._refuse(f"screening: {describe_validation_error(error, data)}")
        if after == before:
            return True
        self._push_state(text, {"screening": before}, {"screening": after})
        return True
