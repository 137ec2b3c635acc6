"""A remark that says where a party is ("(registered in Russia)", "(Rosneft in Russia)",
"(Russia-based)") is screened without that place: the country names no party, and a listed
body that merely holds its name ("Russia Ltd") is no hit."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import counterparty_queries, search_counterparty
from rrisk.screening.store import ListStore

ROWS = [
    ("russia-ltd", "Company", "Russia Ltd", "", "Test programme"),
    ("swiss", "Company", "Switzerland Trading", "", "Test programme"),
    ("rosneft", "Company", "Rosneft", "Роснефть", "EU 833/2014"),
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return memory_store(Path(tmp_path_factory.mktemp("lists")), "case", ROWS)


@pytest.mark.parametrize(
    "counterparty",
    [
        "Acme Ltd (registered in Russia)",
        "Acme Ltd (based in Russia)",
        "Acme Ltd (in Russia)",
        "Acme Ltd (Russia-based)",
        "Acme Ltd (UK based)",
        "Acme Ltd (incorporated in Switzerland)",
        "Acme Ltd (зарегистрирована в РФ)",
        "Acme Ltd (offtake partner, registered in Russia)",
    ],
)
def test_a_remark_saying_where_a_party_is_meets_no_entry_named_after_the_place(
    lists: ListStore, counterparty: str
) -> None:
    """A remark "(registered in Russia)" met "Russia Ltd" at 0.85, by its last word."""
    assert search_counterparty(lists, "case", counterparty) == []


@pytest.mark.parametrize(
    ("counterparty", "query"),
    [
        ("Acme Ltd (Rosneft in Russia)", "Rosneft"),
        ("Acme Ltd (subsidiary of Rosneft in Russia)", "subsidiary of Rosneft"),
        ("Acme Ltd (Роснефть, в РФ)", "Роснефть"),
    ],
)
def test_a_remark_naming_a_party_and_its_place_is_screened_as_the_party(
    lists: ListStore, counterparty: str, query: str
) -> None:
    """The party is still met, and only the party: "(Rosneft in Russia)" met Rosneft by
    containment at 0.85 and "Russia Ltd" too."""
    assert query in counterparty_queries(counterparty)
    hits = search_counterparty(lists, "case", counterparty)
    assert [hit.entry_id for hit in hits] == ["rosneft"]


def test_a_remark_whose_place_is_part_of_a_name_is_screened_whole() -> None:
    """Only a place after "in", "from" (or before "-based") says where: "Bank of Russia"
    names a body, and a place the table does not hold stays."""
    assert "Bank of Russia" in counterparty_queries("Acme Ltd (Bank of Russia)")
    assert "owned in Baar" in counterparty_queries("Acme Ltd (owned in Baar)")
