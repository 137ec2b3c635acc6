"""The check names items so that a reader can tell which one is meant."""

from __future__ import annotations

from rrisk.check import check_document
from rrisk.model import Source


def test_the_check_tells_criteria_named_alike_apart(make_doc) -> None:
    """Two criteria named "Sanctions" (an app adds the second as sanctions-2): the line about a
    project's unassessed cells says which one."""
    document = make_doc({"sanctions": 1.0, "sanctions-2": 1.0}, {"alpha": {"sanctions": (2, 2)}})
    document.criteria[1].name = "SANCTIONS"
    document.criteria[0].name = "Sanctions"
    lines = [p.message for p in check_document(document) if p.place == "project 'alpha' “Alpha”"]
    assert any(m.endswith("1 cell is unassessed: SANCTIONS (sanctions-2)") for m in lines), lines


def test_the_check_names_items_as_a_reader_knows_them(make_doc) -> None:
    """A project, criterion, source or scenario is named in a problem's place by its id, as
    --scenario, the import tables and the JSON know it, then by its name; the target keeps the
    ids."""
    document = make_doc(
        {"cost": 1.0, "cost-2": 1.0},
        {"kcc-kolwezi": {"cost": (2, 2)}, "kcc-2": {"cost": (2, 2), "cost-2": (2, 2)}},
        names={"kcc-kolwezi": "Kamoto Copper Co. (KCC)", "kcc-2": "Tenke Fungurume"},
        as_of="2025-06-01",
    )
    document.criteria[1].name = "COST"
    document.cells["kcc-kolwezi"]["cost"].red_line = True
    document.sources.append(Source(id="amnesty-2016", title="This is what we die for", date=""))
    problems = check_document(document)
    red_line = next(p for p in problems if "red line without a reason" in p.message)
    assert red_line.place == (
        "project 'kcc-kolwezi' “Kamoto Copper Co. (KCC)”, criterion 'cost' “Cost”"
    )
    assert red_line.target == {"kind": "cell", "project": "kcc-kolwezi", "criterion": "cost"}
    unassessed = next(p for p in problems if "unassessed" in p.message)
    assert unassessed.place == "project 'kcc-kolwezi' “Kamoto Copper Co. (KCC)”"
    assert unassessed.message == "1 cell is unassessed: COST (cost-2)"
    undated = next(p for p in problems if "no date" in p.message)
    assert (undated.place, undated.message) == (
        "source 'amnesty-2016' “This is what we die for”",
        "it has no date",
    )
    assert "project 'kcc-kolwezi' “Kamoto Copper Co. (KCC)”:" in "\n".join(
        p.line() for p in problems
    )
