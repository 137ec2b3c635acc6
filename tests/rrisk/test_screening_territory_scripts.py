"""The territory rule reads the territories' names in Georgian and Armenian script, and does
not mistake the Russian word for Armenian, or the Sebastopols of Australia and Canada, for
occupied places."""

from __future__ import annotations

import pytest

from rrisk.screening.territory import match_place


def _applied(region: str, country: str = "") -> list[tuple[str, bool]]:
    return [(match.territory.id, match.applies) for match in match_place(region, country)]


@pytest.mark.parametrize(
    ("region", "country", "territory"),
    [
        ("ყირიმი", "", "crimea"),  # Crimea in Georgian
        ("ᲧᲘᲠᲘᲛᲘ", "", "crimea"),  # ... in Georgian capitals
        ("ქერჩის სრუტე", "უკრაინა", "crimea"),  # the Kerch strait
        ("სევასტოპოლი", "", "sevastopol"),
        ("Ղրիմ", "", "crimea"),  # Crimea in Armenian
        ("Սևաստոպոլ", "", "sevastopol"),  # with the ligature և
        ("Սեւաստոպոլ", "", "sevastopol"),  # ... and spelt out
        ("Քերչ", "", "crimea"),
        ("Krım Muxtar Respublikası", "Ukrayna", "crimea"),  # Azerbaijani
        ("ხერსონის ოლქი", "", "kherson"),
        ("Զապորոժյեի մարզ", "", "zaporizhzhia"),
        ("დონეცკის ოლქი", "", "donetsk"),
        ("Լուգանսկի մարզ", "", "luhansk"),
    ],
)
def test_the_territories_in_georgian_and_armenian_script(
    region: str, country: str, territory: str
) -> None:
    assert _applied(region, country) == [(territory, True)]


@pytest.mark.parametrize(
    ("region", "country"),
    [
        ("Армянское нагорье, Сюник", "Армения"),  # the Armenian Highlands
        ("Армянская ССР", ""),
        ("армянский квартал, Иерусалим", ""),
        ("Армянской части Карабаха", ""),
        ("Armyanskaya street, Yerevan", "Armenia"),
        ("Sebastopol, Victoria", "Australia"),  # a gold-field suburb of Ballarat
        ("Sebastopol", "Australia"),
        ("Sebastopol, Ontario", ""),
        ("Sebastopol, Mississippi", ""),
    ],
)
def test_armenian_in_russian_and_other_sebastopols_are_no_territory(
    region: str, country: str
) -> None:
    assert _applied(region, country) == []


@pytest.mark.parametrize(
    "region", ["Армянск", "в Армянске", "под Армянском", "Armyansk", "Армянськ, Крим"]
)
def test_the_crimean_town_of_armyansk_still_is_crimea(region: str) -> None:
    assert _applied(region) == [("crimea", True)]
