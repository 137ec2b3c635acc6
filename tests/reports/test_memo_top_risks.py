"""A project's "Top risks" are drawn from the criteria that count in its index: a criterion
of weight 0 is there for information, and its score does not lead the page (a red line on it
still does, as it excludes whatever the weight)."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import assessment_to_data, parse_assessment
from rrisk.templates import new_from_template

PROJECT = "allied-separation-plant"


def _top_risks(memo: ReadMemo, name: str) -> str:
    """The "Top risks" of the project's page (its own page, or the page it continues on)."""
    page = next(
        p for p in memo.pages if p.startswith("PROJECT") and name in p[:150] and "Top risks" in p
    )
    return page.split("Top risks", 1)[1]


def _document(red_line: bool):
    data = assessment_to_data(new_from_template("russia-rare-earths"))
    for criterion in data["criteria"]:
        if criterion["id"] == "geology":
            criterion["weight"] = 0
    cell = data["cells"][PROJECT]["geology"]
    for bound in ("likelihood_low", "likelihood_high", "impact_low", "impact_high"):
        cell.pop(bound, None)
    cell.update(likelihood=5, impact=5)
    if red_line:
        cell.update(red_line=True, red_line_reason="no licence to mine")
    return parse_assessment(data)


def test_a_criterion_of_weight_zero_does_not_lead_the_top_risks() -> None:
    document = _document(red_line=False)
    name = document.project(PROJECT).name
    geology = document.criterion("geology").name
    top = _top_risks(ReadMemo(build_memo(document)), name)
    assert "criteria that count in the index" in top
    assert geology[:20] not in top.split("Evidence (Admiralty grade)", 1)[1][:1500]


def test_a_red_line_on_a_criterion_of_weight_zero_still_leads_them() -> None:
    document = _document(red_line=True)
    name = document.project(PROJECT).name
    geology = document.criterion("geology").name
    top = _top_risks(ReadMemo(build_memo(document)), name)
    first_row = top.split("Evidence (Admiralty grade)", 1)[1][:200]
    assert geology[:20] in first_row
