"""A decision belongs to the list it was made on. In-house lists number their entries alike
(row numbers): a dismissal of entry 1 of one list said nothing of entry 1 of another, which
showed a real hit as "dismissed" and never asked about it. A decision naming no list (a file
of an older release) still counts on any list."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from desktop.document.controller import DocumentController
from desktop.document.screening_edits import HitChoice
from desktop.screening.tree import build_rows
from rrisk.model import parse_assessment
from rrisk.screening.screen import screen_document

PETROV = ("1", "Person", "Ivan PETROV", "", "EU 269/2014 - asset freeze - 2022-03-01")
PETROVSKY = ("1", "Person", "Ivan Petrovsky", "Иван Петровский", "UK - asset freeze - 2023-05-19")


def _document(list_name: str):
    return parse_assessment(
        {
            "criteria": [{"id": "s", "name": "Sanctions", "category": "sanctions"}],
            "projects": [
                {
                    "id": "p1",
                    "name": "Mine",
                    "country": "Kazakhstan",
                    "region": "Almaty",
                    "counterparties": ["Ivan Petrovsky"],
                }  # fmt: skip
            ],
            "cells": {"p1": {"s": {"likelihood": 2, "impact": 2}}},
            "screening": {
                "list_name": "eu-internal",
                "decisions": [
                    {
                        "project": "p1",
                        "counterparty": "Ivan Petrovsky",
                        "list_name": list_name,
                        "entry_id": "1",
                        "entry_name": "Ivan PETROV",
                        "matched_name": "Ivan PETROV",
                        "score": 0.87,
                        "sanctions": ["EU 269/2014 - asset freeze - 2022-03-01"],
                        "decision": "dismissed",
                        "note": "Petrovsky is not Petrov: different surname",
                    }
                ],
            },
        }
    )


@pytest.fixture
def uk_report(tmp_path: Path):
    def report(document):
        store = memory_store(tmp_path, "uk-internal", [PETROVSKY])
        try:
            return screen_document(document, store, "uk-internal", "")
        finally:
            store.close()

    return report


def test_a_dismissal_on_one_list_does_not_decide_another_lists_entry_of_the_same_id(
    uk_report,
) -> None:
    document = _document("eu-internal")
    report = uk_report(document)
    payload = report.as_dict(document)["projects"][0]["counterparties"][0]
    (hit,) = payload["hits"]
    assert (hit["entry_name"], hit["score"]) == ("Ivan Petrovsky", 1.0)
    assert hit["decision"] == "pending"  # was "dismissed": the real hit never asked about
    # The dismissal made on the other list is shown as recorded there, not lost.
    (recorded,) = payload["recorded_not_listed"]
    assert (recorded["list"], recorded["decision"]) == ("eu-internal", "dismissed")
    # The Screening tab says the same: one pending hit, and the other list's decision.
    (project,) = build_rows(report, document)
    hit_row, recorded_on = project.children[0].children
    assert (hit_row.text, hit_row.decision is None) == ("Ivan Petrovsky", True)
    assert recorded_on.text == "1 decision on eu-internal"  # apart, after the list's hits
    assert [(row.text, row.decision is None) for row in recorded_on.children] == [
        ("Ivan PETROV (recorded decision; not on this list)", False),
    ]
    # Named in any case and spacing, the list is the same list.
    same = _document("  EU-Internal ")
    assert same.screening.decision("p1", "Ivan Petrovsky", "1", "eu-internal") is not None
    assert same.screening.decision("p1", "Ivan Petrovsky", "1", "uk-internal") is None


def test_a_decision_naming_no_list_counts_on_any_list(uk_report) -> None:
    document = _document("")
    payload = uk_report(document).as_dict(document)["projects"][0]["counterparties"][0]
    assert payload["hits"][0]["decision"] == "dismissed"
    assert payload["recorded_not_listed"] == []


def test_deciding_on_one_list_keeps_the_other_lists_decision(qtbot) -> None:
    controller = DocumentController(_document("eu-internal"))
    choice = _choice("Ivan Petrovsky", 1.0, "confirmed", ("UK - asset freeze - 2023-05-19",))
    assert controller.decide_hit(choice, "uk-internal", "")
    screening = controller.document.screening
    assert sorted((d.list_name, d.decision) for d in screening.decisions) == [
        ("eu-internal", "dismissed"),
        ("uk-internal", "confirmed"),
    ]
    assert screening.decision("p1", "Ivan Petrovsky", "1", "uk-internal").decision == "confirmed"
    # Clearing the decision on the UK list leaves the EU one.
    assert controller.clear_hit_decision("p1", "Ivan Petrovsky", "1", "uk-internal")
    assert [d.list_name for d in controller.document.screening.decisions] == ["eu-internal"]


def test_clearing_or_deciding_a_decision_that_names_no_list_keeps_another_lists(qtbot) -> None:
    """An older file's decision (no list named) and one made on a list, on the same entry:
    clearing the first took the second with it, and the ranking lost a red line."""
    data = _document("").model_dump(mode="json")
    eu = {**data["screening"]["decisions"][0], "list_name": "eu-internal"}
    eu.update(decision="confirmed", note="", sanctions=["EU 269/2014 - asset freeze"])
    data["screening"]["decisions"].append(eu)
    from rrisk.model import parse_assessment as parse

    controller = DocumentController(parse(data))
    assert controller.clear_hit_decision("p1", "Ivan Petrovsky", "1", "")
    assert [(d.list_name, d.decision) for d in controller.document.screening.decisions] == [
        ("eu-internal", "confirmed")
    ]
    controller.undo_stack.undo()
    choice = _choice("Ivan PETROV", 0.87, "dismissed", (), note="Not him: another surname")
    assert controller.decide_hit(choice, "", "")  # re-decided where no list is named
    kept = sorted((d.list_name, d.decision) for d in controller.document.screening.decisions)
    assert kept == [("", "dismissed"), ("eu-internal", "confirmed")]


def _choice(
    entry_name: str, score: float, decision: str, sanctions: tuple[str, ...], note: str = ""
) -> HitChoice:
    """The analyst's decision on p1's "Ivan Petrovsky" hit on entry 1 (of whichever list)."""
    return HitChoice(
        project="p1",
        counterparty="Ivan Petrovsky",
        entry_id="1",
        entry_name=entry_name,
        matched_name=entry_name,
        score=score,
        sanctions=sanctions,
        decision=decision,
        note=note,
    )
