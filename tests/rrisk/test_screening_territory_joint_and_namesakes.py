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


@pytest.mark.parametrize(
    ("region", "territory", "where"),
    [
        ("Kherson, Arkansas", "kherson", "Arkansas"),
        ("Kherson (Texas)", "kherson", "Texas"),
        ("Kherson, Arkansas, USA", "kherson", "Arkansas, USA"),
        ("Херсон, Техас", "kherson", "Техас"),
        ("Sébastopol (Paris)", "sevastopol", "Paris"),
        ("Sebastopol, Ireland", "sevastopol", "Ireland"),
        ("Yalta, Cyprus", "crimea", "Cyprus"),
        ("Mariupol, Greece", "donetsk", "Greece"),
        ("Nova Kakhovka, Texas 75001", "kherson", "Texas"),
    ],
)
def test_name_followed_by_a_place_abroad_is_a_namesake_noted(
    region: str, territory: str, where: str
) -> None:
    (match,) = match_region(region)
    assert (match.territory.id, match.applies) == (territory, False)
    assert f"may be a namesake abroad: the region places it in {where};" in match.why


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        # Russia claims the territories, Ukraine is their country: neither is abroad.
        ("Sevastopol, Russia", [("sevastopol", True)]),
        ("Kherson, Ukraine", [("kherson", True)]),
        ("Донецк, Россия", [("donetsk", True)]),
        # The place abroad must end the address: here it begins another phrase.
        ("Mariupol (Cyprus holding)", [("donetsk", True)]),
        ("Donetsk, Cyprus SPV", [("donetsk", True)]),
        # Every mention must be so placed: the second site is the town itself.
        ("Mariupol, Greece; Mariupol", [("donetsk", True)]),
        ("Kherson, Arkansas; Kherson oblast", [("kherson", True)]),
        # The oblast named as such is no town abroad; nor is a site stated occupied.
        ("Kherson oblast, Arkansas", [("kherson", True)]),
        ("Kherson, Arkansas (occupied)", [("kherson", True)]),
        # Two-letter codes are words too: "AR" is also the Autonomous Republic.
        ("Kherson, TX", [("kherson", True)]),
        ("AR Crimea", [("crimea", True)]),
    ],
)
def test_place_abroad_that_does_not_end_the_address_or_is_not_abroad_excludes(
    region: str, expected: list[tuple[str, bool]]
) -> None:
    assert _applied(region) == expected


def test_country_field_abroad_makes_no_namesake() -> None:
    # The country is read on a line of its own and never lifts a red line.
    from rrisk.screening.territory import match_place

    assert [(m.territory.id, m.applies) for m in match_place("Kherson", "USA")] == [
        ("kherson", True)
    ]


@pytest.mark.parametrize(
    ("region", "territory"),
    [
        ("Zap. oblast", "zaporizhzhia"),
        ("Zap. obl.", "zaporizhzhia"),
        ("Запор. обл.", "zaporizhzhia"),
        ("Kher. obl.", "kherson"),
        ("Херс. обл.", "kherson"),
        ("Don. obl.", "donetsk"),
        ("Дон. обл.", "donetsk"),
        ("Luh. obl.", "luhansk"),
        ("Луг. обл.", "luhansk"),
    ],
)
def test_oblast_name_cut_short_before_obl_names_it(region: str, territory: str) -> None:
    assert _applied(region) == [(territory, True)]


def test_cut_short_oblast_with_a_stated_side_is_noted() -> None:
    assert _applied("Zap. obl., government-controlled") == [("zaporizhzhia", False)]


@pytest.mark.parametrize(
    ("region", "territory"),
    [
        ("Судак", "crimea"),
        ("в районе Судака", "crimea"),
        ("Alupka", "crimea"),
        ("Gurzuf", "crimea"),
        ("Koktebel", "crimea"),
        ("Bilohirsk", "crimea"),
        ("Foros", "crimea"),
        ("Балаклава", "sevastopol"),
        ("Инкерман", "sevastopol"),
        ("Toretsk", "donetsk"),
        ("Chasiv Yar", "donetsk"),
        ("Часов Яр", "donetsk"),
        ("Velyka Novosilka", "donetsk"),
        ("Svitlodarsk", "donetsk"),
        ("Azovstal", "donetsk"),
        ("ОРДО", "donetsk"),
        ("Bilovodsk", "luhansk"),
        ("Novoaidar", "luhansk"),
        ("ОРЛО", "luhansk"),
        ("Pology", "zaporizhzhia"),
        ("ZNPP", "zaporizhzhia"),
        ("Chonhar", "kherson"),
    ],
)
def test_more_occupied_places_name_their_territory(region: str, territory: str) -> None:
    assert _applied(region) == [(territory, True)]


@pytest.mark.parametrize(
    ("region", "territory"), [("Beryslav", "kherson"), ("Orikhiv", "zaporizhzhia")]
)
def test_more_government_side_towns_are_noted(region: str, territory: str) -> None:
    (match,) = match_region(region)
    assert (match.territory.id, match.applies) == (territory, False)
    assert "government-controlled part" in match.why


@pytest.mark.parametrize(
    "region", ["Орлов", "Орловская область", "Apology", "Sudakovo", "Inkerman", "Akyar"]
)
def test_words_beginning_like_the_new_names_name_no_territory(region: str) -> None:
    assert _applied(region) == []


@pytest.mark.parametrize(
    "region",
    [
        "Kherson, outside the occupied area",
        "Kherson oblast, outside of the occupied territories",
        "Херсонська область, поза окупованою територією",
        "Херсонская область, вне оккупированной зоны",
        "Херсонська обл., за межами окупованої території",
    ],
)
def test_outside_the_occupied_area_is_the_government_side(region: str) -> None:
    (match,) = match_region(region)
    assert (match.territory.id, match.applies) == ("kherson", False)
    assert match.why == "stated to be government-controlled: verify the site"


@pytest.mark.parametrize("region", ["outside Mariupol", "Kherson, outside occupied Nova Kakhovka"])
def test_outside_a_place_is_near_it_and_still_excludes(region: str) -> None:
    assert [applies for _, applies in _applied(region)] == [True]


@pytest.mark.parametrize("region", ["Donbas", "Донбасс", "Donbas region"])
def test_donbas_names_both_of_its_oblasts(region: str) -> None:
    assert _applied(region) == [("donetsk", True), ("luhansk", True)]


@pytest.mark.parametrize(
    ("region", "territory"),
    [
        ("Κριμαία", "crimea"),
        ("Σεβαστούπολη", "sevastopol"),
        ("Ντονέτσκ", "donetsk"),
        ("Μαριούπολη", "donetsk"),
        ("Λουγκάνσκ", "luhansk"),
        ("Ζαπορίζια", "zaporizhzhia"),
        ("Χερσώνα", "kherson"),
    ],
)
def test_territories_in_greek_script(region: str, territory: str) -> None:
    assert _applied(region) == [(territory, True)]


def test_greek_word_for_peninsula_is_not_kherson() -> None:
    # Χερσόνησος (a peninsula; a town of Crete) is written with an omicron, Χερσώνα with an omega.
    assert _applied("Χερσόνησος, Κρήτη") == []
