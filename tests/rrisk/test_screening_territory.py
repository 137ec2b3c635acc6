"""Territory rules read a region's words: names in several languages and spellings, and
whether the text says the site is on the occupied or the government-controlled side."""

from __future__ import annotations

import pytest

from rrisk.screening import territory
from rrisk.screening.territory import match_place, match_region


def rule(region: str) -> list[tuple[str, bool]]:
    return [(match.territory.id, match.applies) for match in match_region(region)]


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("Zaporizhzhia oblast (occupied)", [("zaporizhzhia", True)]),
        ("Запорожская область", [("zaporizhzhia", True)]),  # a bare name counts
        # A denial of control says occupied; a denial of occupation says the other side.
        ("Zaporizhzhia oblast, area not under Ukrainian control", [("zaporizhzhia", True)]),
        ("Запорожская область, не подконтрольная Украине", [("zaporizhzhia", True)]),
        ("Kherson oblast, government-controlled (not occupied)", [("kherson", False)]),
        ("de-occupied Kherson city", [("kherson", False)]),
        ("Херсонська область, звільнена", [("kherson", False)]),
        # "Liberated" is what both sides say of the areas each holds: it decides nothing.
        ("Херсонская область, освобождённая", [("kherson", True)]),
        ("liberated areas of Kherson oblast", [("kherson", True)]),
        ("temporarily occupied Kherson", [("kherson", True)]),
        # Other spellings.
        ("Donets'k oblast", [("donetsk", True)]),
        ("Luhans'k oblast", [("luhansk", True)]),
        ("so-called DPR", [("donetsk", True)]),
        ("LPR", [("luhansk", True)]),
        ("Sewastopol", [("sevastopol", True)]),
        ("Sébastopol", [("sevastopol", True)]),  # the French and older English spelling
        ("Sebastopol, CA 95472", []),  # ... which a town in California shares
        ("Herson", [("kherson", True)]),
        ("Hersonissos, Crete", []),
        ("Vasylivka", [("zaporizhzhia", True)]),
        ("Василівка, Запорізька область", [("zaporizhzhia", True)]),
        # Namesakes beside another of Ukraine's oblasts (Vasylivka is a common village name).
        ("Vasylivka, Dnipropetrovsk oblast", [("zaporizhzhia", False)]),
        ("Mariupol, Sumy oblast", [("donetsk", False)]),
        ("Melitopol, Рівненська область", [("zaporizhzhia", False)]),
        ("Saporischschja", [("zaporizhzhia", True)]),
        ("Ługańsk", [("luhansk", True)]),
        # The regions' everyday Ukrainian names.
        ("Донеччина, тимчасово окупована територія", [("donetsk", True)]),
        ("Луганщина", [("luhansk", True)]),
        ("Luhanshchyna", [("luhansk", True)]),
        ("Donechchyna, government-controlled", [("donetsk", False)]),
        # Towns: of Crimea (wholly occupied), and of the oblasts' occupied parts.
        ("Simferopol", [("crimea", True)]),
        ("Керчь, порт", [("crimea", True)]),
        ("Mariupol port", [("donetsk", True)]),
        ("Маріуполь", [("donetsk", True)]),
        ("Severodonetsk", [("luhansk", True)]),
        ("Enerhodar (Zaporizhzhia NPP)", [("zaporizhzhia", True)]),
        ("Nova Kakhovka", [("kherson", True)]),
        ("Melitopol, government-controlled", [("zaporizhzhia", False)]),
        # Namesakes elsewhere are not them.
        ("Primorsk, Leningrad oblast", []),
        ("Sverdlovsk oblast, Russia", []),
        # (review) Control put in the past in other words; negated government markers; a
        # Ukrainian town or a street beside an occupied one is no namesake.
        ("Mariupol, formerly held by Ukraine", [("donetsk", True)]),
        ("Mariupol, held by Ukraine until May 2022", [("donetsk", True)]),
        ("Melitopol (Ukrainian-held until March 2022)", [("zaporizhzhia", True)]),
        ("Бердянськ, раніше підконтрольна Україні", [("zaporizhzhia", True)]),
        ("Mariupol (outside the GCA)", [("donetsk", True)]),
        ("Mariupol, not Ukrainian-held", [("donetsk", True)]),
        ("Kherson oblast, left bank, not yet liberated by Ukraine", [("kherson", True)]),
        ("Zaporizhzhia city (always was government-controlled)", [("zaporizhzhia", False)]),
        ("Запорожье, под контролем Украины до сих пор", [("zaporizhzhia", False)]),
        ("Kyiv, Luhansk, Lviv", [("luhansk", True)]),
        ("Донецк, Киев", [("donetsk", True)]),
        ("Мариуполь, Ростовская ул., 3", [("donetsk", True)]),
        ("Tokmak, Chuy Region, Kyrgyzstan", [("zaporizhzhia", False)]),
        ("Ордос, Внутренняя Монголия", []),
        ("Kramatorsk", [("donetsk", False)]),  # noted: the government-controlled side
        # Krymsk is a town of Krasnodar Krai; "Krymsky" and "кримський" mean Crimean.
        ("Krymsk, Krasnodar Krai", []),
        ("Крымск, Краснодарский край", []),
        ("Крымский полуостров", [("crimea", True)]),
        ("Кримський півострів", [("crimea", True)]),
        ("Krymsk district, Crimea", [("crimea", True)]),
        # ... but the Krymsky district (Крымский район) is in Krasnodar Krai.
        ("Krymsky district, Krasnodar Krai", []),
        ("Krymskiy raion, Krasnodar", []),
        ("Kerchevsky, Perm Krai", []),
        ("Sudakovo, Tula oblast", []),
        ("Крымский район", []),
        # Places that only begin like one.
        ("Krimpen aan den IJssel, Netherlands", []),
        ("Chersonissos, Crete", []),
        ("Pyongyang, DPRK", []),
        ("Kangwon province, DPR Korea", []),
        ("Sebastopol, California", []),
        ("Perth, Western Australia", []),
        # Control named as Russia's is occupation, in any of the three languages.
        ("Донецкая область, территория, подконтрольная России", [("donetsk", True)]),
        ("Запорізька область, підконтрольна РФ", [("zaporizhzhia", True)]),
        ("Донецкая область, подконтрольная ДНР", [("donetsk", True)]),
        ("Запорізька область, підконтрольна окупаційній владі", [("zaporizhzhia", True)]),
        (
            "Zaporizhzhia oblast, under the control of the Russian Federation",
            [("zaporizhzhia", True)],
        ),
        ("Luhansk oblast, Russia-held", [("luhansk", True)]),
        # Occupation as a noun; the government-controlled bank across the river aside.
        (
            "Kherson oblast, left bank, under Russian occupation (Ukrainian-controlled right bank)",
            [("kherson", True)],
        ),
        ("Херсонська область, під окупацією", [("kherson", True)]),
        ("Херсонская область, под оккупацией", [("kherson", True)]),
        # Denials and ends of occupation in other words.
        ("Донецька область, неокупована територія", [("donetsk", False)]),
        ("Донецкая область, неоккупированная часть", [("donetsk", False)]),
        ("Kherson oblast, has never been occupied", [("kherson", False)]),
        ("Донецька область, ніколи не була окупована", [("donetsk", False)]),
        ("Kherson city, formerly occupied, liberated in November 2022", [("kherson", False)]),
        ("Херсонська область, звільнена від окупації", [("kherson", False)]),
        ("Херсонская область, освобождена от украинской оккупации", [("kherson", True)]),
        # More spellings.
        ("Kırım", [("crimea", True)]),
        ("Qırım", [("crimea", True)]),
        ("Zaporijjia", [("zaporizhzhia", True)]),
        ("Louhansk", [("luhansk", True)]),
        ("Jersón", [("kherson", True)]),
        ("D.P.R.", [("donetsk", True)]),
        ("L.N.R.", [("luhansk", True)]),
        ("ЛДНР", [("donetsk", True), ("luhansk", True)]),
        ("Novoazovsk", [("donetsk", True)]),
        ("Dokuchaievsk", [("donetsk", True)]),
        # A town's name alone beside a region that is none of them: a namesake, for review.
        ("Gorlovka, Novosibirsk oblast", [("donetsk", False)]),
        ("Снежное (Магаданская область)", [("donetsk", False)]),
        ("Приморский край, Хрустальное месторождение", [("luhansk", False)]),
        ("Одеська область, Приморський район", [("zaporizhzhia", False)]),
        ("Bryanka, Krasnoyarsk", [("luhansk", False)]),
        # ... unless the text says occupied, or names the territory itself.
        ("Mariupol (occupied), office in Rostov oblast", [("donetsk", True)]),
        ("Horlivka, Donetsk oblast", [("donetsk", True)]),
        # An oblast's bare name beside another oblast named as such: the namesake town.
        ("Donetsk, Rostov Oblast", [("donetsk", False)]),
        ("Донецк, Ростовская область", [("donetsk", False)]),
        ("Donetsk oblast, bordering Rostov oblast", [("donetsk", True)]),
        ("DNR, near Rostov oblast", [("donetsk", True)]),
        ("Донеччина, біля Ростовської області", [("donetsk", True)]),
        ("Krimulda, Latvia", []),
        # Only a region right beside the town makes it a namesake; one named further off, a
        # person's name or a village that begins like a region says nothing of the site.
        ("Mariupol, 180 km from Rostov-on-Don", [("donetsk", True)]),
        ("Mariupol, Azov coast; ships via Novorossiysk, Krasnodar Krai", [("donetsk", True)]),
        ("Мариупольский городской округ", [("donetsk", True)]),
        ("Mariupol, largest port of the oblast", [("donetsk", True)]),
        ("Ивановка, Мелитопольский район", [("zaporizhzhia", True)]),
        ("Berdiansk, Cherkaske village", [("zaporizhzhia", True)]),
        ("Mariupol port (site contact: Vladimir)", [("donetsk", True)]),
        ("Мариуполь, порт (директор Иванов)", [("donetsk", True)]),
        ("Alchevsk; HQ in Kyiv", [("luhansk", True)]),
        ("Luhansk, 50 km from the Rostov oblast border", [("luhansk", True)]),
        ("Donetsk, rail link to Rostov oblast", [("donetsk", True)]),
        # Denials that name the occupier are still denials; the other side's "liberation" is not.
        ("Kramatorsk, Donetsk oblast, never occupied by Russia", [("donetsk", False)]),
        ("Zaporizhzhia oblast, not occupied by Russian forces", [("zaporizhzhia", False)]),
        ("Херсонская область, правый берег, не оккупирована Россией", [("kherson", False)]),
        ("Kherson oblast, no longer occupied by Russia", [("kherson", False)]),
        ("Kherson oblast, formerly occupied by Russia, liberated Nov 2022", [("kherson", False)]),
        (
            "Zaporizhzhia oblast, controlled by Ukraine (formerly held by Russia)",
            [("zaporizhzhia", False)],
        ),
        ("Мелитополь, освобождён от киевской оккупации", [("zaporizhzhia", True)]),
        ("Melitopol, liberated from Kyiv's occupation", [("zaporizhzhia", True)]),
        # Ukrainian control denied or in the past: occupied now.
        ("Донецька область, не під контролем України", [("donetsk", True)]),
        ("Донецкая область, не под контролем Украины", [("donetsk", True)]),
        ("Luhansk oblast, not held by Ukraine", [("luhansk", True)]),
        ("Donetsk oblast, no longer under Ukrainian control", [("donetsk", True)]),
        ("Sievierodonetsk, formerly government-controlled", [("luhansk", True)]),
        ("Melitopol (Ukrainian-controlled until March 2022)", [("zaporizhzhia", True)]),
        ("Kherson oblast, under Ukrainian control until 2022", [("kherson", True)]),
        # Russian control denied: the government side.
        ("Zaporizhzhia, not under Russian control", [("zaporizhzhia", False)]),
        ("Запоріжжя, не під контролем Росії", [("zaporizhzhia", False)]),
        ("Donetsk oblast, Ukrainian-held", [("donetsk", False)]),
        ("Kherson city (liberated by Ukraine in November 2022)", [("kherson", False)]),
        # More towns and spellings: ё as е, German and French, former names, ORDLO.
        ("Шахтёрск", [("donetsk", True)]),
        ("Алёшки", [("kherson", True)]),
        ("Antratsyt", [("luhansk", True)]),
        ("Krasnodon", [("luhansk", True)]),
        ("Tokmak", [("zaporizhzhia", True)]),
        ("Vuhledar", [("donetsk", True)]),
        ("Kertsch", [("crimea", True)]),
        ("Marioupol", [("donetsk", True)]),
        ("Nowa Kachowka", [("kherson", True)]),
        ("ORDLO", [("donetsk", True), ("luhansk", True)]),
        # Krasnodon's name since 2016, in Latin and Cyrillic letters.
        ("Sorokyne", [("luhansk", True)]),
        ("Сорокине, Луганська область", [("luhansk", True)]),
        # Towns held since 2014 (Khrestivka) or taken since 2022.
        ("Khrestivka", [("donetsk", True)]),
        ("Maryinka", [("donetsk", True)]),
        ("Velyka Lepetykha", [("kherson", True)]),
        ("Горностаївка", [("kherson", True)]),
    ],
)
def test_the_rule_reads_the_region(region: str, expected: list[tuple[str, bool]]) -> None:
    assert rule(region) == expected


def test_a_territory_named_in_the_country_field_counts() -> None:
    from rrisk.screening.territory import match_place

    matched = match_place("Simferopol district", "Crimea")
    assert [m.territory.id for m in matched if m.applies] == ["crimea"]
    assert match_place("Yakutia", "Russia") == []
    assert match_place("", "") == []


def test_a_project_whose_country_names_an_occupied_territory_is_excluded() -> None:
    from rrisk.scoring import score
    from rrisk.templates import new_from_template

    doc = new_from_template("russia-rare-earths")
    doc.projects = [
        p.model_copy(update={"region": "Almaty", "country": "Crimea"})
        if p.id == "allied-separation-plant"
        else p
        for p in doc.projects
    ]
    result = score(doc)
    assert result.status(result.row_of("allied-separation-plant")) == "excluded"
    # The reason names the field that says so: the country, not the (unrelated) region.
    (line,) = [
        r
        for r in result.red_lines[result.row_of("allied-separation-plant")]
        if "Crimea" in r.reason
    ]
    assert line.reason.startswith("Country 'Crimea' lies in Crimea"), line.reason


def test_an_occupied_town_is_named_as_the_reason() -> None:
    (match,) = match_region("Port of Berdyansk")
    assert match.territory.id == "zaporizhzhia" and match.applies
    assert match.why == "Berdyansk lies in the occupied part"


@pytest.mark.parametrize(
    ("region", "territories"),
    [
        ("Donetsk People's Republic", ["donetsk"]),
        ("Донецкая Народная Республика", ["donetsk"]),
        ("so-called LPR", ["luhansk"]),
        ("Луганська народна республіка", ["luhansk"]),
        ("ORDLO", ["donetsk", "luhansk"]),
    ],
)
def test_the_occupied_parts_own_names_say_which_part(region: str, territories: list[str]) -> None:
    """Not "the region does not say which part": a "people's republic" is the occupied part."""
    matches = match_region(region)
    assert [m.territory.id for m in matches] == territories
    assert all(m.applies and "named as the occupied part" in m.why for m in matches)


def test_an_occupied_parts_name_is_the_reason_only_for_its_own_oblast() -> None:
    matches = {
        m.territory.id: m for m in match_region("Zaporizhzhia oblast; Donetsk People's Republic")
    }
    assert "named as the occupied part" in matches["donetsk"].why
    assert "does not say which part" in matches["zaporizhzhia"].why


@pytest.mark.parametrize(
    ("region", "territory"),
    [("АРК", "crimea"), ("АР Крим", "crimea"), ("Zaporoschje", "zaporizhzhia")],
)
def test_other_names_of_the_territories(region: str, territory: str) -> None:
    assert [(m.territory.id, m.applies) for m in match_region(region)] == [(territory, True)]


@pytest.mark.parametrize(
    ("region", "territory"),
    [
        ("Crimeia", "crimea"),  # Portuguese
        ("Bachmut", "donetsk"),  # German and Polish
        ("Awdijiwka", "donetsk"),
        ("Wolnowacha", "donetsk"),
        ("Jenakijewe", "donetsk"),
        ("Altschewsk", "luhansk"),
        ("Lyssytschansk", "luhansk"),
        ("Siewierodonieck", "luhansk"),
        ("Rubischne", "luhansk"),
        ("Kadijiwka", "luhansk"),
        ("Skadowsk", "kherson"),
        ("Oleschky", "kherson"),
        ("Heniczesk", "kherson"),
        ("Tschaplynka", "kherson"),
        ("Kalantschak", "kherson"),
    ],
)
def test_the_occupied_towns_in_the_press_spellings_of_other_languages(
    region: str, territory: str
) -> None:
    """Crimea in Portuguese and occupied towns as German and Polish reports spell them passed
    as no territory, while others of their spellings (Henitschesk, Nowa Kachowka) were read."""
    assert [(m.territory.id, m.applies) for m in match_region(region)] == [(territory, True)]


def test_a_namesake_town_is_noted_with_the_other_region() -> None:
    (match,) = match_region("Gorlovka, Novosibirsk oblast")
    assert not match.applies
    assert match.why == (
        "Gorlovka may be a namesake: the region also names Novosibirsk Oblast; verify the site"
    )


@pytest.mark.parametrize(
    ("region", "country"),
    [
        ("Kherson Street, Haifa", "Israel"),
        ("Donetsk Street 5, Berlin", "Germany"),
        ("Donezker Straße, Berlin", ""),
        ("ул. Херсонская, Москва", "Россия"),
        ("Khersonskaya ulitsa, Moscow", "Russia"),
        ("Херсонська вулиця, Київ", "Україна"),
        ("Crimea Road, London", "UK"),
        ("Sevastopolsky prospekt, Moscow", "Russia"),
    ],
)
def test_a_street_named_after_a_territory_is_noted_not_excluded(region: str, country: str) -> None:
    from rrisk.screening.territory import match_place

    (match,) = match_place(region, country)
    assert not match.applies and "street's name" in match.why, match


@pytest.mark.parametrize(
    ("region", "country", "territory"),
    [
        ("Mariupol", "Ukraine", "donetsk"),
        ("Mariupol, prospekt Myru 5", "", "donetsk"),
        ("Kherson Street, Kherson", "Ukraine", "kherson"),  # the town itself, not the street
        ("Simferopol", "Russia", "crimea"),
        ("Sevastopol", "Ukriane", "sevastopol"),
        ("Mariupol", "RUS", "donetsk"),  # the country field never lifts a red line
        ("Mariupol", "Israel", "donetsk"),
        # A town, then a street of it: the town is no street's name.
        ("г. Донецк ул. Артема 5", "Украина", "donetsk"),
        ("Мариуполь пр-т Мира 12", "", "donetsk"),
        ("м. Маріуполь вул. Грецька 1", "Україна", "donetsk"),
        ("Mariupol Ave. Peace 5", "", "donetsk"),
        ("Mariupol St. Nicholas church", "", "donetsk"),
        ("Simferopol str. Kievskaya 12", "", "crimea"),
        # A street word and nothing else: it may be the town's own road.
        ("Alchevsk St 4", "", "luhansk"),
        ("Berdyansk road", "", "zaporizhzhia"),
        ("Sevastopol embankment", "", "sevastopol"),
        ("Mariupol, Moskovsky district", "", "donetsk"),
        ("Donetsk", "n/a", "donetsk"),
        ("Melitopol", "Russian Federation", "zaporizhzhia"),
        ("Berdyansk", "RF", "zaporizhzhia"),
        ("Enerhodar", "occupied Ukraine", "zaporizhzhia"),
    ],
)
def test_the_rule_still_applies_where_the_site_is_there(
    region: str, country: str, territory: str
) -> None:
    from rrisk.screening.territory import match_place

    assert [(m.territory.id, m.applies) for m in match_place(region, country)] == [
        (territory, True)
    ]


@pytest.mark.parametrize(
    ("region", "country"),
    [
        ("Donetsk, Moscow oblast", "Russia"),
        ("Донецк, Московская область", "Россия"),
        ("Donetsk", "Russia (Rostov oblast)"),
        # Tokmak (Tokmok) is also a town of Kyrgyzstan's Chüy Region, spelt as it is there.
        ("Tokmak, Chüy Region", "Kyrgyzstan"),
        ("Tokmak", "Kyrgyzstan"),
        ("Токмак, Чүй облусу", "Кыргызстан"),
    ],
)
def test_a_town_beside_moscow_oblast_or_a_region_in_the_country_field_is_a_namesake(
    region: str, country: str
) -> None:
    from rrisk.screening.territory import match_place

    (match,) = match_place(region, country)
    assert not match.applies and "may be a namesake" in match.why


@pytest.mark.parametrize(
    "region",
    [
        "Zaporizhzhia oblast, Ukrainian held",
        "Kherson oblast, controlled by the government of Ukraine",
        "Kherson oblast, under the control of Ukraine",
    ],
)
def test_government_control_in_other_words(region: str) -> None:
    (match,) = match_region(region)
    assert not match.applies and match.why == "stated to be government-controlled: verify the site"


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        # A letter of the other script drawn alike (a keyboard switched mid-word, a pasted
        # letter) hides no territory: the word is read in the script of most of its letters.
        ("Кrym", [("crimea", True)]),  # Cyrillic К
        ("Херсoн", [("kherson", True)]),  # Latin o
        ("Zaporіzhzhia oblast", [("zaporizhzhia", True)]),  # Ukrainian і
        ("Sevastopоl", [("sevastopol", True)]),  # Cyrillic о
        ("DОNETSK", [("donetsk", True)]),  # Cyrillic О
        # Still a town of Krasnodar Krai, however its К is typed.
        ("Кrymsk, Krasnodar Krai", []),
    ],
)
def test_a_word_typed_in_two_scripts_is_read_in_one(
    region: str, expected: list[tuple[str, bool]]
) -> None:
    assert rule(region) == expected


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        # Characters that print nothing, pasted with a name from a web page or a document, and
        # full-width letters hide no territory.
        ("Кр\u200bым", [("crimea", True)]),  # zero-width space
        ("Cri\u00admea", [("crimea", True)]),  # soft hyphen
        ("Zapo\u200crizhzhia oblast", [("zaporizhzhia", True)]),  # zero-width non-joiner
        ("Ｃｒｉｍｅａ", [("crimea", True)]),
    ],
)
def test_characters_that_print_nothing_hide_no_territory(
    region: str, expected: list[tuple[str, bool]]
) -> None:
    assert rule(region) == expected


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("Crim\u200bea", [("crimea", True)]),
        ("Kher\u00adson oblast", [("kherson", True)]),
        ("Mariu\u00adpol", [("donetsk", True)]),
        ("\ufeffSevastopol", [("sevastopol", True)]),
        ("Donetsk oblast, government\u2011controlled", [("donetsk", False)]),
    ],
)
def test_characters_that_show_nothing_do_not_hide_a_territory(
    region: str, expected: list[tuple[str, bool]]
) -> None:
    """A region copied from a web page may carry a soft hyphen or a zero-width space inside a
    word, or a non-breaking hyphen: the territory is still named, the side still read."""
    found = [(match.territory.id, match.applies) for match in match_region(region)]
    assert found == expected


@pytest.mark.parametrize(
    ("region", "country"),
    [
        ("Zaporizhzhia oblast, government-controlled", "Russia"),
        ("Kherson oblast, under Ukrainian control", "Russian Federation"),
        ("Kherson oblast, Ukrainian-held", "RF"),
    ],
)
def test_the_country_makes_no_phrase_with_the_regions_last_words(region: str, country: str) -> None:
    """A region that says the site is government-controlled, with the country after it, is
    not read as "controlled … Russia": the rule notes it for review as for the region alone,
    rather than call the region "stated to be occupied"."""
    from rrisk.screening.territory import match_place

    assert [(m.territory.id, m.applies, m.why) for m in match_place(region, country)] == [
        (m.territory.id, m.applies, m.why) for m in match_region(region)
    ]
    (match,) = match_place(region, country)
    assert not match.applies and "government-controlled" in match.why


@pytest.mark.parametrize("region", ["Khersonissos, Crete", "Khersonisos", "Sakya, Tibet"])
def test_places_abroad_spelled_like_a_territory_are_not_it(region: str) -> None:
    """Chersonissos on Crete in its other Latin spelling, and Sakya in Tibet (not Saky in
    Crimea), name no occupied territory."""
    assert match_region(region) == []


def test_control_by_the_ukrainian_government_without_the_article_is_the_government_side() -> None:
    (match,) = match_region("Zaporizhzhia oblast, controlled by Ukrainian government")
    assert not match.applies and "government-controlled" in match.why
    (match,) = match_region("Zaporizhzhia oblast, not controlled by Ukrainian government")
    assert match.applies


@pytest.mark.parametrize(
    ("region", "country", "expected"),
    [
        ("Sebastopol", "California", []),
        ("Sebastopol", "USA", []),
        ("Sebastopol", "California, USA", []),
        ("Sebastopol CA", "", []),
        ("Sebastopol", "", [("sevastopol", True)]),
        ("Sebastopol", "Ukraine", [("sevastopol", True)]),
    ],
)
def test_the_californian_sebastopol_is_no_territory_with_its_state_in_either_field(
    region: str, country: str, expected: list[tuple[str, bool]]
) -> None:
    """The state or country may be typed in the region or in the country field (read on a
    line of its own): a place that only resembles a territory is known by either."""
    from rrisk.screening.territory import match_place

    assert [(m.territory.id, m.applies) for m in match_place(region, country)] == expected


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        (
            "Kherson oblast, government-controlled; Mariupol",
            [("donetsk", True), ("kherson", False)],
        ),
        (
            "Zaporizhzhia city (government-controlled); Donetsk oblast",
            [("donetsk", True), ("zaporizhzhia", False)],
        ),
        (
            "Kramatorsk, Donetsk oblast (government-controlled); Melitopol, Zaporizhzhia oblast",
            [("donetsk", False), ("zaporizhzhia", True)],
        ),
        # A part that names no territory still speaks of the site named before it.
        ("Zaporizhzhia oblast; government-controlled side", [("zaporizhzhia", False)]),
        # Two sites of one oblast: the occupied town is not on the side stated of the other.
        ("Zaporizhzhia oblast, government-controlled; Melitopol", [("zaporizhzhia", True)]),
        ("Запорожская область (под контролем Украины); Мелитополь", [("zaporizhzhia", True)]),
    ],
)
def test_a_side_stated_of_one_site_says_nothing_of_another(
    region: str, expected: list[tuple[str, bool]]
) -> None:
    """A project of several sites: "government-controlled" said of the Kherson site lifted
    the red line of occupied Mariupol, named after a semicolon, as well."""
    assert [(m.territory.id, m.applies) for m in match_region(region)] == expected


def test_a_site_stated_occupied_does_not_say_why_of_another() -> None:
    matches = {m.territory.id: m for m in match_region("Luhansk oblast (occupied); Kherson oblast")}
    assert matches["luhansk"].why == "the region is stated to be occupied"
    assert "does not say which part" in matches["kherson"].why


def test_a_region_naming_no_territory_makes_none_of_the_territories_patterns() -> None:
    """A pattern of a territory's towns, stems, markers or other places is made only for a
    text holding one of its words (each took milliseconds to make, at every start)."""
    patterns = [
        territory._place_pattern,
        territory._stem_pattern,
        territory._not_places_pattern,
        territory._marker_pattern,
        territory._negated_markers,
    ]
    for made in (*patterns, territory._matches):
        made.cache_clear()
    assert match_place("Republic of Sakha (Yakutia), Aldan district", "Russia") == []
    assert match_place("Leningrad region, occupied by no one", "") == []
    assert [made.cache_info().currsize for made in patterns] == [0, 0, 0, 0, 0]
    # A text that names one makes what it needs, and is read as before.
    [match] = match_place("Non-government-controlled areas of Zaporizhzhia oblast", "Ukraine")
    assert (match.territory.id, match.applies) == ("zaporizhzhia", True)
    assert territory._stem_pattern.cache_info().currsize > 0
