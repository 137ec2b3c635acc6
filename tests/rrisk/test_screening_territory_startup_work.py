"""What the territory rule does before a document naming occupied places is first shown.

The template names occupied places, and the window shows their red lines on its first paint,
so the rule runs at every start on it: it reads the places abroad (over a thousand names) and
makes the patterns of streets, denials and control put in the past only for a region that can
need them, and a pattern of a territory's names only of the names a region holds.
"""

from __future__ import annotations

import pytest

from rrisk.screening import territory
from rrisk.screening.redlines import territory_red_lines
from rrisk.screening.territory import fold, match_region
from rrisk.templates import new_from_template

_ON_DEMAND = (
    territory._abroad_places,
    territory._abroad_pattern,
    territory._STREET_NAMES,
    territory._DENIED_OCCUPATION,
    territory._PAST_GOVERNMENT_CONTROL,
    territory._SO_CALLED_REPUBLICS,
    territory._JOINT,
)


def _cleared() -> None:
    for made in (*_ON_DEMAND, territory._stem_pattern, territory._matches):
        made.cache_clear()


def test_the_templates_red_lines_read_nothing_they_cannot_need() -> None:
    _cleared()
    lines = territory_red_lines(new_from_template("russia-rare-earths"))
    assert {line.identity for line in lines} == {"donetsk", "luhansk", "zaporizhzhia"}
    assert [made.cache_info().currsize for made in _ON_DEMAND] == [0] * len(_ON_DEMAND)
    # Each territory's pattern holds the one name the regions write ("Donetsk"), not its
    # dozens of spellings.
    made = [pattern.pattern for pattern in map(_pattern_of, ("donetsk", "luhansk"))]
    assert all(len(pattern) < 40 for pattern in made), made


def _pattern_of(territory_id: str) -> territory.re.Pattern[str]:
    (item,) = [t for t in territory.territory_table().territories if t.id == territory_id]
    return territory._territory_names(item, fold("Donetsk and Luhansk oblasts"))


@pytest.mark.parametrize(
    ("region", "territory_id", "why"),
    [
        # the regions that need them read as before, once they are made
        ("Kherson, Arkansas", "kherson", "Kherson may be a namesake abroad"),
        ("Donetsk oblast, never occupied", "donetsk", "stated to be government-controlled"),
        ("Donetsk oblast, formerly government-controlled", "donetsk", "stated to be occupied"),
        ("ул. Херсонская, Москва", "kherson", "named only in a street's name"),
        ("so-called people's republics", "luhansk", "named as the occupied part is"),
        ("L/DNR", "donetsk", "named as the occupied part is"),
    ],
)
def test_a_region_that_needs_them_still_reads_as_before(
    region: str, territory_id: str, why: str
) -> None:
    _cleared()
    found = {match.territory.id: match.why for match in match_region(region)}
    assert why in found[territory_id]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Приморськии\u0306 краи\u0306", "приморський край"),  # й typed as и and a breve
        ("Украі\u0308на", "україна"),  # ї typed as і and a diaeresis
        ("Zapori\u00adzhzhia\u200b", "zaporizhzhia"),  # a soft hyphen, a zero-width space
        ("Government\u2011controlled", "government-controlled"),
        ("Ｃｒｉｍｅａ", "crimea"),
        ("Кrym", "krym"),  # a Cyrillic К
        ("Херсoн", "херсон"),  # a Latin o
        ("Bahçesaray, Gözleve", "bahchesaray, gozleve"),
        ("Шахтёрск", "шахтерск"),
        ("Κριμαία", "κριμαια"),
    ],
)
def test_fold_reads_each_way_of_typing_a_name(typed: str, folded: str) -> None:
    assert fold(typed) == folded
