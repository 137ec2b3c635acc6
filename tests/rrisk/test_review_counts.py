"""How much of the matrix is marked reviewed: the counts the check, the memo and the app give."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rrisk.check import NOTE, review_note
from rrisk.model import CellOverride, parse_assessment
from rrisk.scoring import review_counts


def _document(statuses: dict[tuple[str, str], tuple[str, bool]]) -> object:
    """Two projects × three criteria; ``statuses`` gives a cell its status and whether scored."""
    cells: dict[str, dict[str, dict[str, object]]] = {}
    for (project, criterion), (status, scored) in statuses.items():
        cell: dict[str, object] = {"status": status, "rationale": "Seen on site"}
        if scored:
            cell.update(likelihood=3, impact=4)
        cells.setdefault(project, {})[criterion] = cell
    return parse_assessment(
        {
            "criteria": [
                {"id": "sanctions", "name": "Sanctions exposure"},
                {"id": "logistics", "name": "Logistics"},
                {"id": "water", "name": "Water"},
            ],
            "projects": [
                {"id": "agri", "name": "Ağrı copper"},
                {"id": "kola", "name": "Kola apatite"},
            ],
            "cells": cells,
            "scenarios": [
                {
                    "id": "eased",
                    "name": "Sanctions eased",
                    "cell_overrides": [
                        # A scenario scores a cell the baseline leaves unassessed, and
                        # rescores a reviewed one: neither changes a review status.
                        {"project": "kola", "criterion": "water", "likelihood": 2, "impact": 2},
                        {"project": "agri", "criterion": "sanctions", "likelihood": 5},
                    ],
                }
            ],
        }
    )


def test_cells_are_counted_reviewed_draft_and_unassessed_per_project_and_in_all() -> None:
    document = _document(
        {
            ("agri", "sanctions"): ("reviewed", True),
            ("agri", "logistics"): ("draft", True),
            # Marked reviewed with no score: nothing was reviewed, it is unassessed.
            ("agri", "water"): ("reviewed", False),
            ("kola", "sanctions"): ("draft", True),
            # Held as unassessed with scores (a file may hold one): not reviewed, so draft.
            ("kola", "logistics"): ("unassessed", True),
            # kola × water: no cell at all.
        }
    )
    counts = review_counts(document)
    assert (counts.reviewed, counts.draft, counts.unassessed) == (1, 3, 2)
    assert counts.assessed == 4
    assert counts.projects == {"agri": (1, 1, 1), "kola": (0, 2, 1)}
    assert counts.draft_cells == [
        ("agri", "logistics"),
        ("kola", "sanctions"),
        ("kola", "logistics"),
    ]
    assert counts.sentence() == "Of the 4 assessed cells, 1 is marked reviewed and 3 are draft."
    assert counts.as_dict()["projects"][1] == {
        "project": "kola",
        "reviewed": 0,
        "draft": 2,
        "unassessed": 1,
    }


def test_a_scenario_holds_no_review_status() -> None:
    """The counts are the baseline's: an override has scores and red lines, never a status."""
    with pytest.raises(ValidationError):
        CellOverride.model_validate(
            {"project": "agri", "criterion": "water", "likelihood": 2, "status": "reviewed"}
        )
    document = _document({("agri", "sanctions"): ("reviewed", True)})
    counts = review_counts(document)
    assert (counts.reviewed, counts.draft, counts.unassessed) == (1, 0, 5)


@pytest.mark.parametrize(
    ("statuses", "sentence"),
    [
        ({}, ""),
        ({("agri", "water"): ("reviewed", True)}, "The one assessed cell is marked reviewed."),
        ({("agri", "water"): ("draft", True)}, "The one assessed cell is draft."),
        (
            {("agri", "water"): ("reviewed", True), ("kola", "water"): ("reviewed", True)},
            "All 2 assessed cells are marked reviewed.",
        ),
        (
            {("agri", "water"): ("draft", True), ("kola", "water"): ("draft", True)},
            "None of the 2 assessed cells is marked reviewed yet: all are draft.",
        ),
        (
            {
                ("agri", "water"): ("reviewed", True),
                ("kola", "water"): ("reviewed", True),
                ("kola", "logistics"): ("draft", True),
            },
            "Of the 3 assessed cells, 2 are marked reviewed and 1 is draft.",
        ),
    ],
)
def test_the_sentence_reads_right_whatever_the_counts(
    statuses: dict[tuple[str, str], tuple[str, bool]], sentence: str
) -> None:
    assert review_counts(_document(statuses)).sentence() == sentence


def test_the_note_names_the_first_draft_cells_and_goes_to_the_first() -> None:
    statuses = {
        (project, criterion): ("draft", True)
        for project in ("agri", "kola")
        for criterion in ("sanctions", "logistics", "water")
    }
    statuses["agri", "sanctions"] = ("reviewed", True)
    statuses["kola", "water"] = ("unassessed", False)
    note = review_note(_document(statuses))
    assert note is not None and note.severity == NOTE
    assert note.line() == (
        "note: review status: of the 5 assessed cells, 1 is marked reviewed and 4 are draft "
        "(Ağrı copper × Logistics, Ağrı copper × Water, Kola apatite × Sanctions exposure, "
        "Kola apatite × Logistics); 1 cell is not assessed"
    )
    assert note.target == {"kind": "cell", "project": "agri", "criterion": "logistics"}
    statuses["kola", "water"] = ("draft", True)
    note = review_note(_document(statuses))
    assert note is not None and note.message.endswith("Kola apatite × Logistics and 1 more)")
    assert review_note(_document({})) is None  # nothing assessed: nothing to review yet
