"""Trade words ("Mining", "Bank", "Energy"): one shared alone makes no hit on a body, while
real names in their spellings, scripts, word orders and brands still hit (recall first)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.store import ListStore

LISTED = [
    ("rosneft", "Company", "Rosneft Oil Company", "Rosneft;НК «Роснефть»"),
    (
        "rosatom",
        "Organization",
        "Rosatom State Atomic Energy Corporation",
        "",  # the brand alone must find the full name
    ),
    ("nornickel", "Company", "Norilsk Nickel", "MMC Norilsk Nickel;Nornickel"),
    ("kalashnikov", "Company", "Kalashnikov Concern", ""),
    ("sber", "Company", "Sberbank of Russia", ""),
    ("vtb", "Company", "VTB Bank", "Bank VTB PJSC;Банк ВТБ"),
    ("gazpromneft", "Company", "Gazprom Neft", "Газпром нефть"),
    ("rostec", "Organization", "Rostec", "Rostekh;Госкорпорация Ростех"),
    ("rdif", "Company", "Russian Direct Investment Fund", "RDIF;РФПИ"),
    ("deripaska", "Person", "Oleg Vladimirovich Deripaska", "Дерипаска Олег Владимирович"),
    ("potanin", "Person", "Vladimir Olegovich Potanin", "Потанин Владимир Олегович"),
    ("putin", "Person", "Vladimir Vladimirovich Putin", ""),
    ("lukashenka", "Person", "Aliaksandr Ryhoravich Lukashenka", ""),
    ("kimjongun", "Person", "Kim Jong Un", ""),
    ("yanukovych", "Person", "Viktor Fedorovych Yanukovych", ""),
    ("kolomoisky", "Person", "Ihor Valeriyovych Kolomoiskyi", ""),
    ("sechin", "Person", "Igor Ivanovich Sechin", ""),
    ("rusal", "Company", "United Company Rusal", "Русал"),
    ("enplus", "Company", "En+ Group", ""),
    ("alrosa", "Company", "Alrosa", "АЛРОСА"),
    ("polyus", "Company", "Polyus", ""),
    ("evraz", "Company", "Evraz", "Евраз"),
    ("mmk", "Company", "Magnitogorsk Iron and Steel Works", "MMK"),
    ("kovalchuk", "Person", "Yuri Valentinovich Kovalchuk", ""),
    ("bortnikov", "Person", "A.V. Bortnikov", ""),
    ("timchenko", "Person", "Gennady Nikolayevich Timchenko", ""),
    ("mahan", "Company", "Mahan Air", ""),
    ("wagner", "Organization", "PMC Wagner", "Wagner Group;ЧВК Вагнер"),
    ("tymoshenko", "Person", "Yuliia Volodymyrivna Tymoshenko", ""),
    ("medvedchuk", "Person", "Viktor Volodymyrovych Medvedchuk", ""),
    ("huawei", "Company", "Huawei Technologies Co., Ltd.", ""),
    ("almaz", "Company", "Almaz-Antey", ""),
    ("gold", "Person", "Boris Gold", ""),
    # Names of a trade and a place, as lists hold many.
    ("mining-group", "Company", "Mining Group", ""),
    ("ural-mining", "Company", "Ural Mining", ""),
    ("energy-holding", "Company", "Energy Holding", ""),
    ("capital-bank", "Company", "Capital Bank", ""),
    ("trading-house", "Company", "Trading House", ""),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ListStore]:
    rows = [(*entry, "US OFAC SDN - designated - 2022-01-01") for entry in LISTED]
    lists = memory_store(tmp_path_factory.mktemp("lists"), "test", rows)
    yield lists
    lists.close()


def hits(store: ListStore, name: str) -> set[str]:
    return {hit.entry_id for hit in store.search("test", name)}


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("Rosneft", "rosneft"),
        ("PJSC Rosneft", "rosneft"),
        ("Rosneft Holding", "rosneft"),
        ("Роснефть", "rosneft"),
        ("Rosneft Trading SA", "rosneft"),
        ("Trading House Rosneft", "rosneft"),
        ("Rosatom", "rosatom"),
        ("Росатом", "rosatom"),
        ("Norilsk Holding", "nornickel"),
        ("Kalashnikov", "kalashnikov"),
        ("State Atomic Energy Corporation Rosatom", "rosatom"),
        ("Norilsk Nickel", "nornickel"),
        ("Норильский никель", "nornickel"),
        ("PJSC MMC Norilsk Nickel", "nornickel"),
        ("Sberbank", "sber"),
        ("Сбербанк", "sber"),
        ("PAO Sberbank", "sber"),
        ("Sberbank Holding", "sber"),
        ("VTB", "vtb"),
        ("Bank VTB", "vtb"),
        ("Gazprom Neft", "gazpromneft"),
        ("Gazprom Neft Trading GmbH", "gazpromneft"),
        ("Ростех", "rostec"),
        ("R.D.I.F.", "rdif"),
        ("Oleg Deripaska", "deripaska"),
        ("Deripaska", "deripaska"),
        ("Дерипаска О.В.", "deripaska"),
        ("V. Potanin", "potanin"),
        ("Potanin Group", "potanin"),
        ("Putin", "putin"),
        ("Владимир Путин", "putin"),
        ("Alexander Lukashenko", "lukashenka"),
        ("Kim Jong-un", "kimjongun"),
        ("Yanukovych", "yanukovych"),
        ("Igor Kolomoisky", "kolomoisky"),
        ("Сечин И.И.", "sechin"),
        ("UC Rusal", "rusal"),
        ("En+", "enplus"),
        ("ALROSA PJSC", "alrosa"),
        ("Polyus Gold", "polyus"),
        ("Evraz plc", "evraz"),
        ("MMK", "mmk"),
        ("Iurii Kovalchuk", "kovalchuk"),
        ("Alexander Bortnikov", "bortnikov"),
        ("Gennadiy Timchenko", "timchenko"),
        ("Mahan Air", "mahan"),
        ("Wagner Group", "wagner"),
        ("Yulia Tymoshenko", "tymoshenko"),
        ("Віктор Медведчук", "medvedchuk"),
        ("Huawei", "huawei"),
        ("Almaz Antey", "almaz"),
        ("Gold", "gold"),
        ("Capital Bank", "capital-bank"),
        ("Ural Mining Ltd", "ural-mining"),
    ],
)
def test_real_names_still_hit(store: ListStore, counterparty: str, entry: str) -> None:
    assert entry in hits(store, counterparty)


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("Ural Mining", "mining-group"),  # by its end (the listed name's one word)
        ("Siberian Mining", "mining-group"),
        ("Mining Group", "ural-mining"),  # a word of a longer name
        ("Nickel Ltd", "nornickel"),
        ("Nickel Mining Ltd", "mining-group"),
        ("Volga Energy", "energy-holding"),
        ("Energy Trading", "energy-holding"),
        ("Alpha Capital Bank", "capital-bank"),
        ("Ural Trading House", "trading-house"),
        ("Vladimir Group", "potanin"),  # a company named by a given name
    ],
)
def test_a_shared_trade_word_alone_is_no_hit_on_a_body(
    store: ListStore, counterparty: str, entry: str
) -> None:
    assert entry not in hits(store, counterparty)


SBERBANK = '"Sberbank Holding" hits "Sberbank of Russia" at 0.86 as "PAO Sberbank" does'


@pytest.mark.parametrize(
    ("counterparty", "schema", "listed", "score", "readme"),
    [
        ("Sberbank Holding", "Company", "Sberbank of Russia", 0.86, SBERBANK),
        ("PAO Sberbank", "Company", "Sberbank of Russia", 0.86, SBERBANK),
        (
            "Rosneft Holding",
            "Company",
            "Rosneft Oil Company",
            0.94,
            '"Rosneft Holding" "Rosneft Oil Company" at 0.94',
        ),
        (
            "Potanin Group",
            "Person",
            "Vladimir Potanin",
            0.82,
            '"Potanin Group" "Vladimir Potanin" at 0.82',
        ),
        ("Mining Group", "Company", "Ural Mining", 0.60, '"Mining Group" / "Ural Mining" 0.60'),
        ("Ural Mining", "Company", "Mining Group", 0.60, '"Mining Group" / "Ural Mining" 0.60'),
        (
            "Rosatom",
            "Organization",
            "Rosatom State Atomic Energy Corporation",
            0.81,
            '"Rosatom" hits "Rosatom State Atomic Energy Corporation" at 0.81',
        ),
        (
            "Norilsk Holding",
            "Company",
            "Norilsk Nickel",
            0.90,
            '"Norilsk Holding" "Norilsk Nickel" at 0.90',
        ),
        (
            "Putin",
            "Person",
            "Vladimir Vladimirovich Putin",
            0.83,
            '"Putin" hits "Vladimir Vladimirovich Putin" at 0.83',
        ),
        ("Rosneft Trading SA", "Company", "Rosneft", 0.85, "hits it at 0.85"),
        (
            "Vladimir",
            "Person",
            "Vladimir Potanin",
            0.84,
            '"Vladimir" hits Vladimir Potanin at 0.84',
        ),
    ],
)
def test_the_scores_the_readme_gives(
    tmp_path: Path, counterparty: str, schema: str, listed: str, score: float, readme: str
) -> None:
    # Each pair alone, as the README's section on matching names it, and in its words.
    row = ("entry", schema, listed, "", "US OFAC SDN - designated - 2022-01-01")
    lists = memory_store(tmp_path, "one", [row])
    try:
        found = lists.search("one", counterparty, threshold=0.01)
    finally:
        lists.close()
    assert [round(hit.score, 2) for hit in found] == [score]
    text = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert readme in " ".join(text.split())
