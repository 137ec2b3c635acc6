"""Country names that are also given names (Jordan, Chad, Georgia): alone after a comma they
are the place, as a given name alone names nobody; a person written in full is still parted
and met, and a body named after the country meets its own entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import counterparty_queries, search_counterparty
from rrisk.screening.store import ListStore

ROWS = [
    ("jordan-smith", "Person", "Jordan Smith", "", "Test programme"),
    ("chad-williams", "Person", "Chad Williams", "", "Test programme"),
    ("georgia-capital", "Company", "Georgia Capital", "", "Test programme"),
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return memory_store(Path(tmp_path_factory.mktemp("lists")), "case", ROWS)


@pytest.mark.parametrize(
    ("counterparty", "entries"),
    [
        ("Acme Ltd, Jordan", []),
        ("Acme Ltd, Chad", []),
        ("Acme Ltd, Georgia", []),
        ("Acme Ltd (Jordan)", []),
        ("Acme Ltd, Jordan Smith", ["jordan-smith"]),
        ("Chad Williams, Chad", ["chad-williams"]),
        ("Georgia Capital, Georgia", ["georgia-capital"]),
        ("Jordan, Acme Ltd", []),
    ],
)
def test_a_country_that_is_also_a_given_name_is_read_as_the_place(
    lists: ListStore, counterparty: str, entries: list[str]
) -> None:
    assert [hit.entry_id for hit in search_counterparty(lists, "case", counterparty)] == entries


def test_a_person_after_a_comma_is_parted_though_the_given_name_is_a_country() -> None:
    assert "Jordan Smith" in counterparty_queries("Acme Ltd, Jordan Smith")
    assert "Jordan" not in counterparty_queries("Acme Ltd, Jordan")
