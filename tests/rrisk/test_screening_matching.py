"""Counterparty names meet list names across case, accents, order, legal forms and scripts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rrisk.screening.listfile import bundled_list
from rrisk.screening.names import (
    HIT_THRESHOLD,
    name_match,
    name_parts,
    name_score,
    name_tokens,
)
from rrisk.screening.screen import counterparty_name
from rrisk.screening.store import ListStore


def score(left: str, right: str) -> float:
    return name_score(name_tokens(left), name_tokens(right))


@pytest.fixture(scope="module")
def bundled() -> Iterator[ListStore]:
    meta = bundled_list()
    store = ListStore(":memory:")
    store.import_file(meta.path, meta.name, meta.as_of)
    yield store
    store.close()


def hit_ids(store: ListStore, name: str) -> list[str]:
    return [hit.entry_id for hit in store.search(bundled_list().name, counterparty_name(name))]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ПАО «Норильский никель»", "Norilsk Nickel PJSC"),
        ("ПАО «Норильский никель»", "MMC Norilsk Nickel"),
        ("Norilsk Nickel PJSC", "MMC Norilsk Nickel"),
        ("Rostec", "State Corporation Rostekh"),
        ("Rostec", "Госкорпорация Ростех"),
        ("Oleg Deripaska", "DERIPASKA, Oleg"),
        ("Société Générale", "societe generale"),
        ("ООО «Восток»", "Vostok LLC"),
    ],
)
def test_variants_of_one_name_meet(left: str, right: str) -> None:
    assert score(left, right) >= HIT_THRESHOLD
    assert score(right, left) >= HIT_THRESHOLD


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Nickel Mining Ltd", "Norilsk Nickel"),
        ("Nickel Mining Ltd", "Nornickel"),
        ("Rosatom", "Rostec"),
        ("Rosneft", "Rosatom"),
        ("Russian state (offer of 24 Feb 2025)", "Russian Direct Investment Fund"),
    ],
)
def test_names_sharing_a_word_or_a_prefix_do_not_meet(left: str, right: str) -> None:
    assert score(left, right) < HIT_THRESHOLD


def test_legal_forms_and_generic_words_do_not_count() -> None:
    assert name_tokens("ПАО «Норильский никель»") == name_tokens("Норильский никель")
    assert name_tokens("State Corporation Rostec") == ("rostec",)
    assert name_tokens("Госкорпорация Ростех") == ("rostekh",)


@pytest.mark.parametrize("group", ["Група «Азот»", "Група компаній «Азот»", "Grupa Azot"])
def test_group_in_ukrainian_or_polish_is_a_generic_word(group: str) -> None:
    """Ukrainian "Група" (its г read "h") and Polish "Grupa" were read as a name's word:
    "Група «Азот»" met a listed "Azot" at 0.85 alone, below "Grupa Azoty" at 0.95."""
    assert name_tokens(group) == name_tokens("Группа «Азот»") == ("azot",)
    assert score(group, "Azot") == 1.0


def test_score_is_one_for_identical_names_and_leans_on_the_query() -> None:
    assert score("Rosneft", "Rosneft") == 1.0
    # All of the query is found, six of the entry's thirteen letters are not.
    assert score("Rosneft", "Rosneft Vostok") == pytest.approx((2 + 7 / 13) / 3)
    # A trade word left over ("Oil") counts half its letters.
    assert score("Rosneft", "Rosneft Oil Company") == pytest.approx((2 + 7 / 8.5) / 3)


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("Rosneft", "rrisk-rosneft"),
        ("State Corporation Rostec", "rrisk-rostec"),
        ("Госкорпорация Ростех", "rrisk-rostec"),
        ("RDIF", "rrisk-rdif"),
        ("Российский фонд прямых инвестиций", "rrisk-rdif"),
        ("Norilsk Nickel PJSC", "rrisk-nornickel"),
        ("ПАО «Норильский никель»", "rrisk-nornickel"),
        ("Oleg Deripaska (founder of Rusal and En+)", "rrisk-oleg-deripaska"),
        ("Interros", "rrisk-interros"),
        ("Потанин Владимир", "rrisk-vladimir-potanin"),
    ],
)
def test_bundled_list_hits(bundled: ListStore, counterparty: str, entry: str) -> None:
    assert hit_ids(bundled, counterparty)[:1] == [entry]


def test_unrelated_company_sharing_one_word_has_no_hit(bundled: ListStore) -> None:
    assert hit_ids(bundled, "Nickel Mining Ltd") == []
    assert hit_ids(bundled, "Vostok Engineering") == []


def test_a_hit_carries_entry_score_matched_name_and_sanctions(bundled: ListStore) -> None:
    (hit,) = bundled.search(bundled_list().name, "Rosneft")
    assert hit.entry_id == "rrisk-rosneft" and hit.caption == "Rosneft"
    assert hit.score == 1.0 and hit.matched_name == "Rosneft"
    assert any(s.startswith("US OFAC SDN") and "2025-10-22" in s for s in hit.sanctions)


def test_remarks_in_brackets_are_not_part_of_a_counterparty_name() -> None:
    assert counterparty_name("Rostec (likely partner, unverified)") == "Rostec"
    assert counterparty_name("(unnamed)") == "(unnamed)"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # The glide of я, ю, е, ё: English writes it, ICU's transliteration does not.
        ("Яндекс", "Yandex"),
        ("Юкос", "Yukos"),
        ("Евраз", "Yevraz"),
        ("Елена Тимченко", "Yelena Timchenko"),
        ("Vladimir Evtushenkov", "Vladimir Yevtushenkov"),
        ("Фёдор Иванов", "Fyodor Ivanov"),
        ("Пётр Авен", "Pyotr Aven"),
        ("Маяк", "Mayak"),
        # Hard sign and apostrophes keep a word whole.
        ("Объединённая авиастроительная корпорация", "Obyedinyonnaya Aviastroitelnaya"),
        ("Donets'k Coal", "Donetsk Coal"),
        # Russian legal forms written out in Latin letters, as the OFAC list spells them.
        ("Sberbank Rossii PJSC", "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO SBERBANK ROSSII"),
        ("ПАО Сбербанк России", "Publichnoye Aktsionernoye Obshchestvo Sberbank Rossii"),
        ("Vektor LLC", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU VEKTOR"),
        ("Interros", "Aktsionernoe Obshchestvo Interros"),
        ("Interros", "Группа компаний «Интеррос»"),
        ("Interros", "Холдинговая компания «Интеррос»"),
        ("En+ Group IPJSC", "En+ Group"),
        ("МКПАО «Русал»", "Rusal"),
        ("Rostec", "Goskorporatsiya Rostekh"),
        # Patronymics, written by registers and left out by lists (and the reverse).
        ("Олег Владимирович Дерипаска", "Oleg Deripaska"),
        ("Oleg Vladimirovich DERIPASKA", "Oleg Deripaska"),
        ("Potanin, Vladimir Olegovich", "Vladimir Potanin"),
        ("Igor Sechin", "SECHIN Igor Ivanovich"),
        # Ukrainian (-ivna) and Belarusian (-aŭna) ones too.
        ("Tymoshenko Yuliia Volodymyrivna", "Yulia Tymoshenko"),
        ("Наталля Іванаўна Качанава", "Natallia Kachanava"),
    ],
)
def test_other_spellings_of_one_name_meet(left: str, right: str) -> None:
    assert score(left, right) >= HIT_THRESHOLD, (left, right)
    assert score(right, left) >= HIT_THRESHOLD, (right, left)


@pytest.mark.parametrize(
    ("surname", "listed"),
    [
        ("Дерипаска", "Deripaska Oleg Vladimirovich"),
        ("Tymoshenko", "Tymoshenko Yuliia Volodymyrivna"),
        ("Лукашенка", "Alyaksandr Ryhoravich Lukashenka"),
        ("Качанава", "Наталля Іванаўна Качанава"),
        # A surname that reads as a patronymic too: the patronymic is the one after the
        # given name (with two such words, neither was left out: 0.795, no hit).
        ("Yanukovych", "Viktor Fedorovych Yanukovych"),
        ("Янукович", "Yanukovich Viktor Fedorovich"),
        ("Abramovich", "Roman Arkadyevich Abramovich"),
        ("Рабінович", "Vadim Zinovievich Rabinovich"),
    ],
)
def test_a_surname_meets_a_listed_full_name_of_any_patronymic(surname: str, listed: str) -> None:
    """Russian, Ukrainian and Belarusian patronymics alike are left out of the listed name's
    share (Ukrainian -ivna and Belarusian -avich and -aŭna counted as a name: no hit)."""
    assert score(surname, listed) >= HIT_THRESHOLD


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Янукович Віктор Федорович", "Viktor Yanukovych"),
        ("Roman Arkadievich Abramovich", "Abramovich Roman"),
    ],
)
def test_a_full_name_whose_surname_reads_as_a_patronymic_meets_it_without_one(
    full: str, short: str
) -> None:
    """A full name met the short one at 0.74: "Янукович Віктор Федорович" kept its patronymic."""
    assert score(full, short) == 1.0
    assert score(short, full) == 1.0


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("MMK", "MMC"),  # the steelmaker is a name; only "MMC" is a legal descriptor
        ("Roman Abramovich", "Roman Arkadyevich Ivanov"),  # a surname is not a patronymic
        ("Oleg Vladimirovich", "Oleg Deripaska"),  # first name and patronymic alone
        ("Roman Arkadyevich Abramovich", "Roman Kim"),  # only the first name in common
        ("Ana Maria Jovanovic", "Ana Maria Petrovic"),  # -ović is a surname
        ("Petrenko", "Petrovich Ivanovich Sidorovich"),
    ],
)
def test_what_the_new_spellings_must_not_join(left: str, right: str) -> None:
    assert score(left, right) < HIT_THRESHOLD


def test_a_close_spelling_is_not_crowded_out_by_names_sharing_four_letters(
    tmp_path: Path,
) -> None:
    rows = ["id,schema,name,aliases,sanctions"]
    rows += [f"r{i},Company,Rostov Company {i},,X" for i in range(1_000)]
    rows.append("rostec,Company,Rostec,,US OFAC SDN - designated - 2022-06-28")
    rows += [f"s{i},Company,Rostov Shipping {i},,X" for i in range(1_000)]
    path = tmp_path / "crowd.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with ListStore(":memory:") as store:
        store.import_file(path, "crowd")
        for spelling in ("Rostekh", "Ростех", "Rosteck", "Rostec"):
            assert [hit.entry_id for hit in store.search("crowd", spelling)] == ["rostec"]


def test_a_listed_parent_is_found_among_hundreds_of_names_sharing_its_word(
    tmp_path: Path,
) -> None:
    """With 400 subsidiaries "Rosneft-X N LLC" listed, "Rosneft" scored 300 of them only
    (the candidate cut) and the parent, an exact match, was not among them."""
    from screening_lists import memory_store

    rows = [("nk-rosneft", "Company", "Rosneft Oil Company", "Rosneft;Роснефть", "OFAC SDN")]
    rows += [
        (f"sub-{n}", "Company", f"Rosneft-{word} {n} LLC", "", "OFAC SDN")
        for n, word in enumerate(["Kuban", "Yugansk", "Samara", "Orenburg"] * 100)
    ]
    lists = memory_store(tmp_path, "crowd", rows)
    try:
        for query in ("Rosneft", "ПАО «НК «Роснефть»"):
            hits = lists.search("crowd", query)
            top = max(hits, key=lambda hit: hit.score)
            assert top.entry_id == "nk-rosneft", (query, top)
            assert top.score == 1.0
    finally:
        lists.close()


@pytest.mark.parametrize(
    "counterparty",
    [
        "Alexander Bortnikov",
        "Александр Бортников",
        "Aleksandr Vasilyevich Bortnikov",
        "Bortnikov Alexander",
    ],
)
def test_a_listed_name_given_by_initials_is_found_by_the_full_name(
    tmp_path: Path, counterparty: str
) -> None:
    """Official lists write some names by their initials ("A.V. BORTNIKOV"): the full name
    shares one word with it, too few letters to be looked at, though it scores as a hit on
    an initial. It is found, marked as matched on an initial."""
    from screening_lists import memory_store

    store = memory_store(
        tmp_path,
        "house",
        [
            ("e1", "Person", "A.V. BORTNIKOV", "Бортников А.В.", "RU - asset freeze"),
            ("e2", "Person", "Boris GRYZLOV", "", "RU - asset freeze"),
        ],
    )
    try:
        hits = store.search("house", counterparty_name(counterparty))
        assert [(hit.entry_id, hit.by_initials) for hit in hits] == [("e1", True)]
        assert hits[0].score >= HIT_THRESHOLD
        # Another given name's initial is not this entry.
        assert store.search("house", counterparty_name("Boris Bortnikov")) == []
    finally:
        store.close()


@pytest.mark.parametrize("initials", ["S.V. Ivanov", "Ivanov S.V.", "Иванов С.В."])
def test_initials_stand_for_the_given_names_in_their_order(initials: str) -> None:
    """Initials "S.V." are Sergei Viktorovich: Viktor Sergeevich matched them a hair higher (0.918
    to 0.917), and came first. Both are hits for the analyst to check; the right one leads."""
    right = score(initials, "Sergei Viktorovich IVANOV")
    swapped = score(initials, "Viktor Sergeevich IVANOV")
    assert HIT_THRESHOLD <= swapped < right


@pytest.mark.parametrize(
    ("counterparty", "listed"),
    [
        ("Rosneft Holding", "Rosneft Oil Company"),
        ("Norilsk Holding", "Norilsk Nickel"),
        ("Sberbank Holding", "Sberbank of Russia"),
    ],
)
def test_one_word_and_generic_words_meet_a_listed_name_that_is_mostly_that_word(
    counterparty: str, listed: str
) -> None:
    # The word is most of the listed name's letters: a hit for the analyst to judge, since a
    # hit missed ("Rosneft Holding") costs more than one dismissed (a trade word alone,
    # "Mining Group" / "Ural Mining", is no hit: see test_screening_trade_words).
    def match(query: str, entry: str) -> float:
        (q, q_generic), (e, e_generic) = name_parts(query), name_parts(entry)
        return name_match(q, e, q_generic, e_generic).score

    assert match(counterparty, listed) >= HIT_THRESHOLD
    assert match("Nickel Holdings Ltd", "Norilsk Nickel") < HIT_THRESHOLD
