"""Names that hold a listed name (subsidiaries, bodies named after a listed one), names
written with odd punctuation or invisible characters, and one shared word that is no hit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.names import HIT_THRESHOLD, name_parts
from rrisk.screening.screen import search_counterparty
from rrisk.screening.store import CONTAINED_SCORE, ListStore

ENTRIES = [
    ("rosneft", "Rosneft", ""),
    ("rosatom", "Rosatom State Corporation", ""),
    ("nornickel", "Norilsk Nickel", ""),
    ("potanin", "Vladimir Potanin", ""),
    ("gazpromneft", "Gazprom Neft", ""),
    ("vtb", "VTB Bank", ""),
    ("en", "En+ Group", ""),
    ("rdif", "Russian Direct Investment Fund", "RDIF"),
    ("ship-ocean", "Ocean", ""),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ListStore]:
    rows = [
        (entry_id, "Vessel" if entry_id.startswith("ship-") else "Company", name, aliases, "US")
        for entry_id, name, aliases in ENTRIES
    ]
    lists = memory_store(tmp_path_factory.mktemp("lists"), "test", rows)
    yield lists
    lists.close()


def hits(store: ListStore, name: str) -> dict[str, float]:
    return {hit.entry_id: hit.score for hit in store.search("test", name)}


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("Rosneft Trading SA", "rosneft"),
        ("Trading House Rosneft", "rosneft"),
        ("Rosatom Overseas JSC", "rosatom"),
        ("Gazprom Neft Trading GmbH", "gazpromneft"),
        ("Norilsk Nickel Harjavalta Oy", "nornickel"),
        ("Vladimir Potanin Foundation", "potanin"),
    ],
)
def test_a_name_that_begins_or_ends_with_a_listed_name_hits_it(
    store: ListStore, counterparty: str, entry: str
) -> None:
    assert hits(store, counterparty) == {entry: CONTAINED_SCORE}


def test_a_whole_name_keeps_its_own_score(store: ListStore) -> None:
    assert hits(store, "Rosneft") == {"rosneft": 1.0}
    assert hits(store, "Gazprom Neft PJSC") == {"gazpromneft": 1.0}


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("En+Group", "en"),
        ("EN+GROUP", "en"),
        ("Ros\u200bneft", "rosneft"),  # a zero-width space pasted from a web page
        ("Ros\u00adneft", "rosneft"),  # a soft hyphen
        ("Ros-neft", "rosneft"),
        ("R.D.I.F.", "rdif"),
        ("Gazprom-Neft", "gazpromneft"),
    ],
)
def test_punctuation_and_invisible_characters_do_not_hide_a_name(
    store: ListStore, counterparty: str, entry: str
) -> None:
    found = hits(store, counterparty)
    assert entry in found and found[entry] >= 0.9, found


@pytest.mark.parametrize(
    "counterparty",
    [
        "Nickel Holdings Ltd",
        "The Nickel Company LLC",
        "Vladimir Group",
        "Nickel Mining Ltd",
        "Neft Trading",
        "VTB Capital",  # only a short word in common: too weak to count as contained
        "Ocean Trading Ltd",  # a ship's name is no body's, and ships are one common word
    ],
)
def test_one_shared_word_is_no_hit(store: ListStore, counterparty: str) -> None:
    assert hits(store, counterparty) == {}


@pytest.mark.parametrize(("counterparty", "entry"), [("VTB", "vtb"), ("Potanin", "potanin")])
def test_a_bare_word_still_meets_the_name_that_holds_it(
    store: ListStore, counterparty: str, entry: str
) -> None:
    assert entry in hits(store, counterparty)


@pytest.mark.parametrize(
    "counterparty", ["Putin", "Путин", "Acme Ltd (Putin)", "ООО «Акме» (владелец: Путин)"]
)
def test_a_surname_alone_meets_a_person_of_a_longer_given_name(
    tmp_path: Path, counterparty: str
) -> None:
    """Putin's five letters to Vladimir's eight: the surname alone scored 0.795, no hit,
    where "Vladimir" alone meets him, and a remark naming him by his surname met nobody."""
    rows = [
        ("ru-putin", "Person", "Vladimir Vladimirovich Putin", "", "EU - asset freeze"),
        ("ru-putilin", "Person", "Ivan Putilin", "", "EU - asset freeze"),
        ("cn-li", "Person", "Li Ning", "", "US - designated"),
    ]
    lists = memory_store(tmp_path, "test", rows)
    try:
        found = search_counterparty(lists, "test", counterparty)
        assert [hit.entry_id for hit in found] == ["ru-putin"]
        assert HIT_THRESHOLD <= found[0].score < 1.0
        # A word under four letters is no name of its own: "Li" is half of every "Li ...".
        assert search_counterparty(lists, "test", "Li") == []
    finally:
        lists.close()


def test_a_plus_between_two_words_keeps_them_two_words() -> None:
    assert name_parts("En+Group") == name_parts("En+ Group")


def test_a_ships_name_written_whole_still_hits(store: ListStore) -> None:
    assert hits(store, "Ocean") == {"ship-ocean": 1.0}
