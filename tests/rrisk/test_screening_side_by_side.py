"""A counterparty given as two names side by side ("M23 / AFC") meets the entry either names:
as a whole it met none, and a listed armed group went unscreened."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import counterparty_queries, search_counterparty
from rrisk.screening.store import ListStore

ROWS = [
    ("m23", "Organization", "Mouvement du 23 mars", "M23;Alliance Fleuve Congo;AFC", "UN DRC"),
    ("rosneft", "Company", "Rosneft", "Роснефть", "EU 833/2014"),
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return memory_store(Path(tmp_path_factory.mktemp("lists")), "case", ROWS)


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("M23 / AFC", "m23"),
        ("M23/AFC", "m23"),
        ("AFC / M23 (armed group holding the mine)", "m23"),
        ("Rosneft / BP", "rosneft"),
    ],
)
def test_each_name_given_side_by_side_is_screened(
    lists: ListStore, counterparty: str, entry: str
) -> None:
    hits = search_counterparty(lists, "case", counterparty)
    assert [hit.entry_id for hit in hits][:1] == [entry]
    assert hits[0].score == 1.0


def test_a_name_without_a_slash_is_screened_as_written() -> None:
    assert counterparty_queries("Société Minière de Bisunzu") == ["Société Minière de Bisunzu"]
    assert counterparty_queries("M23 / AFC") == ["M23 / AFC", "M23", "AFC"]


def test_a_part_that_names_nobody_meets_no_entry(lists: ListStore) -> None:
    assert search_counterparty(lists, "case", "Kivu Mining / Congo Holdings") == []
