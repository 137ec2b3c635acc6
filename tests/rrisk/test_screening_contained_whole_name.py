"""A name that begins or ends with a listed name must hold each of its words: a listed name's
trade word ("Neft", oil) left over counts half in the score, yet is a word of the name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import search_counterparty
from rrisk.screening.store import CONTAINED_SCORE, ListStore

ENTRIES = [
    ("neft-tech", "Company", "Neft Technologies LLC"),
    ("neft-build", "Company", "Neft Construction JSC"),
    ("rosneft", "Company", "Rosneft"),
    ("nornickel", "Company", "Norilsk Nickel"),
    ("alpha", "Company", "Alpha Bank"),
    ("deripaska", "Person", "Oleg Vladimirovich Deripaska"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ListStore]:
    rows = [(entry_id, schema, name, "", "RU") for entry_id, schema, name in ENTRIES]
    lists = memory_store(tmp_path_factory.mktemp("lists"), "test", rows)
    yield lists
    lists.close()


def hits(store: ListStore, name: str) -> dict[str, float]:
    return {hit.entry_id: hit.score for hit in store.search("test", name)}


@pytest.mark.parametrize(
    "counterparty",
    [
        "Huawei Technologies",
        "Huawei Technologies Co Ltd",
        "Orascom Construction",
        "Technologies Huawei",
    ],
)
def test_a_name_ending_with_a_listed_names_last_word_does_not_hold_it(
    store: ListStore, counterparty: str
) -> None:
    assert hits(store, counterparty) == {}


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("Acme Neft Technologies", "neft-tech"),
        ("Neft Technologies Huawei", "neft-tech"),
        ("Orascom Neft Construction", "neft-build"),
        ("Rosneft Trading", "rosneft"),
        ("Alfa Bank Trading", "alpha"),
        ("Oleg Deripaska Foundation", "deripaska"),
    ],
)
def test_a_name_holding_each_word_of_a_listed_name_still_hits_it(
    store: ListStore, counterparty: str, entry: str
) -> None:
    assert hits(store, counterparty).get(entry, 0.0) >= CONTAINED_SCORE


def test_a_remark_naming_a_listed_body_still_meets_it(store: ListStore) -> None:
    found = search_counterparty(store, "test", "Interros (owner of Norilsk Nickel)")
    assert {hit.entry_id: hit.score for hit in found} == {"nornickel": CONTAINED_SCORE}
