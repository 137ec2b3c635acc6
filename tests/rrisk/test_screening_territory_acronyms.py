"""A territory rule's reason quotes a name written in capitals in capitals ("ZNPP lies in the
occupied part"), where title case made it "Znpp", "Заэс", "Dnr"."""

from __future__ import annotations

import pytest

from rrisk.screening.redlines import territory_red_lines
from rrisk.screening.territory import match_region
from rrisk.templates import new_from_template


@pytest.mark.parametrize(
    ("region", "why"),
    [
        ("ZNPP", "ZNPP lies in the occupied part"),
        ("znpp, Enerhodar", "ZNPP lies in the occupied part"),
        ("ЗАЭС", "ЗАЭС lies in the occupied part"),
        ("Запорізька АЕС (ЗАЕС)", "ЗАЕС lies in the occupied part"),
        ("Enerhodar", "Enerhodar lies in the occupied part"),
        ("Nova Kakhovka", "Nova Kakhovka lies in the occupied part"),
        ("ZNPP, Texas", "ZNPP may be a namesake abroad: the region places it in Texas"),
        ("DNR, Texas", "DNR may be a namesake abroad: the region places it in Texas"),
        ("Donetsk, USA", "Donetsk may be a namesake abroad: the region places it in USA"),
        ("Znpp Street, Haifa", "named only in a street's name (“ZNPP Street”)"),
    ],
)
def test_a_reason_keeps_a_name_written_in_capitals(region: str, why: str) -> None:
    (match,) = match_region(region)
    assert match.why.startswith(why)


def test_the_red_line_quotes_the_plant_as_written() -> None:
    doc = new_from_template("russia-rare-earths")
    doc.projects[0].region, doc.projects[0].country = "ZNPP", "Ukraine"
    (line,) = [line for line in territory_red_lines(doc) if line.project == doc.projects[0].id]
    assert line.reason.endswith("an occupied territory (ZNPP lies in the occupied part)")
