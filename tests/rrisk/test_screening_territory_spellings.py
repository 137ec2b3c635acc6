"""The territory rule on the spellings an analyst types: transliterations of other languages
(Polish, Czech, Croatian, Spanish, Italian, Turkish, Crimean Tatar), the marks typed for a
soft sign, a place of two words written with a dash or a space, the towns' names before
their renaming; and the phrases that say the site is not there."""

from __future__ import annotations

import pytest

from rrisk.screening.territory import match_region


def _applied(region: str) -> list[tuple[str, bool]]:
    return [(match.territory.id, match.applies) for match in match_region(region)]


@pytest.mark.parametrize(
    ("region", "territory"),
    [
        # Letters with a stroke, and the hooks written for English digraphs
        ("Jałta", "crimea"),  # Polish
        ("Ałczewsk", "luhansk"),
        ("Lisiczańsk", "luhansk"),
        ("Gorłowka", "donetsk"),
        ("Džankoj", "crimea"),  # Czech, Croatian
        ("KERČ", "crimea"),
        ("Alušta", "crimea"),
        ("Rubižne", "luhansk"),
        ("Dovžansk", "luhansk"),
        ("Šcholkine", "crimea"),
        ("Čaplynka", "kherson"),
        ("Bahçesaray", "crimea"),  # Turkish
        ("Kerç", "crimea"),
        ("Aluşta", "crimea"),  # Crimean Tatar
        ("Bağçasaray", "crimea"),
        # Transliterations of other languages
        ("Symferopol", "crimea"),  # Polish
        ("Teodozja", "crimea"),
        ("Kercz", "crimea"),
        ("Charcyzk", "donetsk"),
        ("Debalcewe", "donetsk"),
        ("Nowoazowsk", "donetsk"),
        ("Dokuczajewsk", "donetsk"),
        ("Hoła Przystań", "kherson"),
        ("Oleszki", "kherson"),
        ("Debalzewe", "donetsk"),  # German
        ("Nowoasowsk", "donetsk"),
        ("Jevpatorija", "crimea"),  # Czech
        ("Nová Kachovka", "kherson"),
        ("Sinferopoli", "crimea"),  # Italian
        ("Teodosia", "crimea"),  # Spanish, Italian
        ("Zaporiyia (Ucrania)", "zaporizhzhia"),  # Spanish
        ("Nueva Kajovka", "kherson"),
        ("Sivastopol", "sevastopol"),  # Turkish
        ("Szevasztopol", "sevastopol"),  # Hungarian
        ("Aqmescit", "crimea"),  # Crimean Tatar
        ("Kefe", "crimea"),
        ("Kezlev", "crimea"),
        ("Gözleve", "crimea"),
        ("Gozleve", "crimea"),  # as typed without the umlaut
        ("Aqyar", "sevastopol"),
        ("Qarasuvbazar", "crimea"),
        ("Balaklava", "sevastopol"),
        ("Bakczysaraj", "crimea"),  # Polish
        ("Ałuszta", "crimea"),
        ("Makiejewka", "donetsk"),
        ("Śnieżne", "donetsk"),
        ("Krasnyj Łucz", "luhansk"),
        ("Bachčysaraj", "crimea"),  # Czech
        ("Makějevka", "donetsk"),
        ("Sjeverodoněck", "luhansk"),
        ("Berďansk", "zaporizhzhia"),
        ("Severodonec'k", "luhansk"),  # Italian
        ("Krasni Luch", "luhansk"),  # Spanish
        ("Charzysk", "donetsk"),  # German
        ("Jassynuwata", "donetsk"),
        ("Krasnyj Lutsch", "luhansk"),
        ("Schtscholkine", "crimea"),
        ("Wassyliwka", "zaporizhzhia"),
        # Names before the renaming of 2016 (and before)
        ("Zhdanov", "donetsk"),  # Mariupol to 1989
        ("Zhdanivka", "donetsk"),
        ("Kommunarsk", "luhansk"),  # Alchevsk
        ("Voroshilovgrad", "luhansk"),  # Luhansk to 1990
        ("Khrustalny", "luhansk"),  # Khrustalnyi, Krasnyi Luch to 2016
        ("Krasnyy Luch", "luhansk"),
        ("Kadievka", "luhansk"),  # Kadiivka
        ("Osypenko", "zaporizhzhia"),  # Berdiansk 1939-1958
        ("Tsiurupynsk", "kherson"),  # Oleshky to 2016
        ("Tsyurupinsk", "kherson"),
        ("Nyzhni Sirohozy", "kherson"),
        ("Yenakievo", "donetsk"),
        # The marks typed for a soft sign
        ("Donets´k", "donetsk"),
        ("Luhans′k oblast", "luhansk"),
        ("Donetsʻk", "donetsk"),
        ("Donets‘k", "donetsk"),
        # A place of two words, with a dash or a space between them
        ("Kamianka Dniprovska", "zaporizhzhia"),
        ("Kamianka–Dniprovska", "zaporizhzhia"),
        ("KAM'IANKA DNIPROVSKA", "zaporizhzhia"),
        ("Hola–Prystan", "kherson"),
        ("Hola-Prystan", "kherson"),
        ("Krasnyi  Luch", "luhansk"),
    ],
)
def test_a_spelling_of_an_occupied_place_is_excluded(region: str, territory: str) -> None:
    assert (territory, True) in _applied(region), match_region(region)


@pytest.mark.parametrize(
    "region",
    [
        # (Kefe is a whole word only; these stay as they were)
        "Kefenrod, Hessen",
        "Kefermarkt",
        "Swatow, Guangdong",  # Shantou, not Svatove (Swatowe)
        "Sebastopol (Sonoma County)",
        "Sebastopol, Sonoma County, California, USA",
        "Sebastopol, MS",
        "Sebastopol, NSW",
        "Crimean-Congo haemorrhagic fever (remark)",
        "Crimean Congo hemorrhagic fever",
        "Krim-Kongo-Fieber",
        "Крымская геморрагическая лихорадка",
    ],
)
def test_a_namesake_or_a_disease_is_no_territory(region: str) -> None:
    assert _applied(region) == []


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("not in Crimea", [("crimea", False)]),
        ("Site not in Crimea; Odesa oblast", [("crimea", False)]),
        ("не в Крыму", [("crimea", False)]),
        ("the site is not located in the Donetsk oblast", [("donetsk", False)]),
        ("formerly in Donetsk oblast, now Dnipropetrovsk oblast", [("donetsk", False)]),
        # Only the place said not to be the site's is noted: another stays
        ("Crimea, not in Sevastopol", [("crimea", True), ("sevastopol", False)]),
        ("not in Crimea but in Kherson oblast", [("crimea", False), ("kherson", True)]),
        ("Simferopol (not in Sevastopol)", [("crimea", True), ("sevastopol", False)]),
    ],
)
def test_a_territory_named_as_where_the_site_is_not_is_noted(
    region: str, expected: list[tuple[str, bool]]
) -> None:
    assert _applied(region) == expected
    assert all("verify the site" in m.why for m in match_region(region) if not m.applies)


@pytest.mark.parametrize(
    ("region", "applies"),
    [
        ("Mariupol, not in government-controlled territory", True),
        ("Donetsk oblast, not within the GCA", True),
        ("Zaporizhzhia city, government-controlled, not in the occupied zone", False),
        ("Kherson city, not in the occupied part", False),
        ("Запорізька область, не на окупованій території", False),
    ],
)
def test_not_in_a_side_denies_it(region: str, applies: bool) -> None:
    assert [match.applies for match in match_region(region)] == [applies]


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        # A government-controlled town alone is noted: the contact line moves
        ("Kramatorsk", [("donetsk", False)]),
        ("Sloviansk", [("donetsk", False)]),
        ("Slov'yansk", [("donetsk", False)]),
        ("Славянск", [("donetsk", False)]),
        ("Druzhkivka", [("donetsk", False)]),
        # ... excluded where the text says it is occupied
        ("Kramatorsk (occupied)", [("donetsk", True)]),
        # ... and the oblast's own name beside it counts as a bare name does
        ("Kramatorsk, Donetsk oblast", [("donetsk", True)]),
        ("Kramatorsk, Donetsk oblast, government-controlled", [("donetsk", False)]),
        ("Kramatorsk; Mariupol", [("donetsk", True)]),
        # Slavyansk-na-Kubani is a town of Krasnodar Krai
        ("Slavyansk-na-Kubani", []),
        ("Slavyansk-na-Kubani, Krasnodar Krai", []),
    ],
)
def test_a_town_of_the_government_controlled_part_is_noted(
    region: str, expected: list[tuple[str, bool]]
) -> None:
    assert _applied(region) == expected
    for match in match_region(region):
        if not match.applies:
            assert "verify the site" in match.why


@pytest.mark.parametrize(
    "region",
    [
        "Balaklava, South Australia",  # Balaklava is also a part of Sevastopol
        "Balaklava SA 5461",
        "Polina Osipenko district, Khabarovsk Krai",  # Osipenko: Berdiansk 1939-1958
        "район имени Полины Осипенко",
        "Zhdanovichi, Minsk region",  # Zhdanov: Mariupol to 1989
        "Ждановичи",
        "Krasnodonetskaya",  # a stanitsa of Rostov oblast, not Krasnodon (Sorokyne)
        "Краснодонецкая",
    ],
)
def test_a_namesake_of_an_older_or_other_name_is_no_territory(region: str) -> None:
    assert _applied(region) == []


@pytest.mark.parametrize(
    ("region", "territory"),
    [("Balaklava", "sevastopol"), ("Osipenko", "zaporizhzhia"), ("Zhdanov", "donetsk")],
)
def test_the_older_or_other_name_alone_is_still_the_territory(region: str, territory: str) -> None:
    assert _applied(region) == [(territory, True)]


@pytest.mark.parametrize(
    ("region", "quoted"),
    [
        ("Site Not in Crimea; Odesa oblast", "“Not in Crimea”"),
        ("НЕ В КРЫМУ", "“НЕ В КРЫМУ”"),
        ("Formerly in Donets’k Oblast, now Dnipropetrovsk Oblast", "“Formerly in Donets’k Oblast”"),
    ],
)
def test_the_note_quotes_the_phrase_as_written(region: str, quoted: str) -> None:
    (match,) = match_region(region)
    assert quoted in match.why
