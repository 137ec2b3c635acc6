"""The check names items so that a reader can tell which one is meant."""

from __future__ import annotations

from rrisk.check import check_document


def test_the_check_tells_criteria_named_alike_apart(make_doc) -> None:
    """Two criteria named "Sanctions" (an app adds the second as sanctions-2): the line about a
    project's unassessed cells says which one."""
    document = make_doc({"sanctions": 1.0, "sanctions-2": 1.0}, {"alpha": {"sanctions": (2, 2)}})
    document.criteria[1].name = "SANCTIONS"
    document.criteria[0].name = "Sanctions"
    lines = [p.message for p in check_document(document) if p.place == "project 'alpha'"]
    assert any(m.endswith("1 cell is unassessed: SANCTIONS (sanctions-2)") for m in lines), lines
