"""The territory rule on what an analyst types for several territories at once ("L/DNR", "the
so-called people's republics"), on a territory's name followed by a place abroad ("Kherson,
Arkansas"), on a two-word town named as where the site is not ("not in Nova Kakhovka"), and
on abbreviated oblast names ("Zap. obl.")."""

from __future__ import annotations

import pytest

from rrisk.screening.territory import match_region


def _applied(region: str) -> list[tuple[str, bool]]:
    return [(match.territory.id, match.applies) for match in match_region(region)]


@pytest.mark.parametrize(
    "region",
    [
        "L/DNR",
        "L-DNR",
        "L / DNR",
        "L/DPR",
        "D/LNR",
        "Л/ДНР",
        "the so-called people's republics",
        "так называемые народные республики",
        "самопроголошені народні республіки",
    ],
)
def test_both_republics_written_as_one_name_luhansk_and_donetsk(region: str) -> None:
    assert _applied(region) == [("donetsk", True), ("luhansk", True)]


@pytest.mark.parametrize("region", ["the so-called republics", "self-proclaimed republics"])
def test_so_called_republics_without_peoples_name_no_territory(region: str) -> None:
    # Abkhazia, South Ossetia and Transnistria are called so too.
    assert _applied(region) == []


@pytest.mark.parametrize(
    "region",
    [
        "not in Nova Kakhovka",
        "Not in Krasnyi Luch",
        "не в Новій Каховці",
        "не в Новой Каховке",
    ],
)
def test_two_word_town_named_as_where_the_site_is_not_is_noted(region: str) -> None:
    # "Kakhovka" and "Luch" are not left over to name the territory on their own.
    (match,) = match_region(region)
    assert not match.applies
    assert "named only as where the site is not" in match.why


def test_second_word_of_a_town_named_apart_still_excludes() -> None:
    # Kakhovka is a town of its own, named here beside the denial.
    assert _applied("not in Nova, Kakhovka") == [("kherson", True)]
    assert _applied("у Новій Каховці") == [("kherson", True)]
