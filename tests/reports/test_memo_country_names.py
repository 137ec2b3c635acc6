"""A project's country typed as an ISO code prints as the country's name with the code
("Myanmar (MM)"); it printed as typed ("MM"), which a committee member need not know."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.templates import new_from_template


def test_a_country_code_prints_with_the_countrys_name() -> None:
    document = new_from_template("russia-rare-earths")
    project = document.project("allied-separation-plant")
    project.region, project.country = "Kachin State", "MM"
    memo = ReadMemo(build_memo(document))
    page = next(p for p in memo.pages if p.startswith("PROJECT 1 OF 7 "))
    assert "Kachin State, Myanmar (MM)" in page


def test_names_and_unknown_codes_print_as_typed() -> None:
    from reports.sections_projects import country_label

    assert country_label("MMR") == "Myanmar (MMR)"
    assert country_label("PS") == "State of Palestine (PS)"
    assert country_label("CD") == "DR Congo (CD)"  # its first name is Russian, then "DRC"
    for typed in ("Russia", "UK", "mm", "XX", "Myanmar", "Russia (Rostov oblast)"):
        assert country_label(typed) == typed
