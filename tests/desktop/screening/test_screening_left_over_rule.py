"""The Screening tab and the memo agree on which decisions are left over, whatever the last
screening saw: both go by the counterparties the document names now."""

from __future__ import annotations

import pytest

from desktop.screening.tree import COUNTERPARTY, HIT, build_rows
from rrisk.model import Assessment, Criterion, Project
from rrisk.screening.decisions import HitDecision
from rrisk.screening.redlines import current_counterparties, hit_red_lines, is_current
from rrisk.screening.screen import ScreeningReport, bundled_store, screen_document
from rrisk.templates import new_from_template


def screened_and_decided() -> tuple[Assessment, ScreeningReport]:
    """Two projects whose counterparties hit the bundled list, every hit confirmed."""
    doc = new_from_template()
    doc.projects = [
        Project(id="alpha", name="Alpha mine", counterparties=["Rosneft", "Vostok LLC"]),
        Project(id="beta", name="Beta plant", counterparties=["Rostec"]),
    ]
    doc.criteria = [Criterion(id="sanctions", name="Sanctions", category="sanctions", weight=1)]
    store, name, as_of = bundled_store()
    report = screen_document(doc, store, name, as_of)
    decisions = [
        HitDecision(
            project=project.project_id,
            counterparty=item.counterparty,
            list_name=name,
            entry_id=item.hits[0].entry_id,
            entry_name=item.hits[0].caption,
            matched_name=item.hits[0].matched_name,
            score=item.hits[0].score,
            sanctions=list(item.hits[0].sanctions),
            decision="confirmed",
        )
        for project in report.projects
        for item in project.counterparties
        if item.hits
    ]
    assert len(decisions) == 2
    doc.screening = doc.screening.model_copy(
        update={"decisions": decisions, "list_name": name, "list_as_of": as_of}
    )
    return doc, report


def left_over_in_tab(doc: Assessment, report: ScreeningReport) -> set[tuple[str, str]]:
    found = set()
    for project in build_rows(report, doc):
        for counterparty in project.children:
            for hit in counterparty.children:
                if hit.kind == HIT and hit.left_over:
                    assert hit.decision is not None
                    found.add((hit.project, hit.decision.counterparty))
    return found


def left_over_in_memo(doc: Assessment) -> set[tuple[str, str]]:
    counterparties = current_counterparties(doc)
    return {
        (item.project, item.counterparty)
        for item in doc.screening.decisions
        if not is_current(item, counterparties)
    }


def rename(doc: Assessment, project_id: str, counterparties: list[str]) -> None:
    doc.projects = [
        p.model_copy(update={"counterparties": counterparties}) if p.id == project_id else p
        for p in doc.projects
    ]


@pytest.mark.parametrize("rescreened", [False, True])
def test_a_renamed_and_a_removed_counterparty_are_left_over_in_the_tab_as_in_the_memo(
    rescreened: bool,
) -> None:
    doc, report = screened_and_decided()
    rename(doc, "alpha", ["Rosneft PJSC", "Vostok LLC"])
    rename(doc, "beta", [])
    if rescreened:
        store, name, as_of = bundled_store()
        report = screen_document(doc, store, name, as_of)
    expected = {("alpha", "Rosneft"), ("beta", "Rostec")}
    assert left_over_in_memo(doc) == expected
    # Before the screening that follows the edit, the tab drew them as red lines.
    assert left_over_in_tab(doc, report) == expected
    assert hit_red_lines(doc) == []
    rows = build_rows(report, doc)
    assert [project.status for project in rows] == (
        ["1 pending", "Clear"] if rescreened else ["Clear", "Clear"]
    )
    names = {child.counterparty for child in rows[0].children if not child.left_over}
    assert "Rosneft" not in names


def test_a_rename_undone_counts_again_in_the_tab_as_in_the_memo() -> None:
    doc, _ = screened_and_decided()
    rename(doc, "alpha", ["Rosneft PJSC", "Vostok LLC"])
    store, name, as_of = bundled_store()
    report = screen_document(doc, store, name, as_of)
    rename(doc, "alpha", ["ROSNEFT", "Vostok LLC"])  # the old name again, up to case
    assert left_over_in_memo(doc) == set()
    assert left_over_in_tab(doc, report) == set()
    rows = build_rows(report, doc)
    assert rows[0].status == "Excluded: confirmed hit"
    assert len(hit_red_lines(doc)) == 2
    again = [row for row in rows[0].children if row.kind == COUNTERPARTY]
    assert [row.counterparty for row in again] == ["Vostok LLC", "ROSNEFT"]
    assert again[1].children[0].status == "Confirmed — red line"


def test_a_project_naming_no_counterparty_says_so_in_the_tab() -> None:
    """Such a project read "Clear", as if screened against the list without a hit, where
    rrisk screen says that nothing was screened; one with decisions left over still lists
    them."""
    doc, _ = screened_and_decided()
    rename(doc, "alpha", [])
    store, name, as_of = bundled_store()
    report = screen_document(doc, store, name, as_of)
    rows = build_rows(report, doc)
    statuses = {project.key[1]: project.status for project in rows}
    assert statuses["alpha"] == "Clear"  # decisions left over, listed below it
    doc.screening.decisions = []
    rows = build_rows(report, doc)
    statuses = {project.key[1]: project.status for project in rows}
    assert statuses["alpha"] == "No counterparty named: nothing screened against the list"
