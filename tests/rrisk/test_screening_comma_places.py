"""A place after a comma in a counterparty's name ("Acme Mining, Russia", "Norilsk Nickel,
Krasnoyarsk Krai") says where the party is: it stays with the party, as a legal form does,
and is never screened as a party of its own; two parties given with a comma ("Rosneft, BP",
"M23, AFC") still part."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import counterparty_queries, search_counterparty
from rrisk.screening.store import ListStore

ROWS = [
    ("russia-ltd", "Company", "Russia Ltd", "", "Test programme"),
    ("australia", "Company", "Australia Holdings", "", "Test programme"),
    ("swiss", "Company", "Switzerland Trading", "", "Test programme"),
    ("krai", "Company", "Krasnoyarsk Krai Development", "", "Test programme"),
    ("rosneft", "Company", "Rosneft", "Роснефть", "EU 833/2014"),
    ("bp", "Company", "BP", "", "Test programme"),
    ("m23", "Organization", "Mouvement du 23 mars", "M23;Alliance Fleuve Congo;AFC", "UN DRC"),
    ("arm", "Company", "ARM", "", "Test programme"),
]
PLACES = ["russia-ltd", "australia", "swiss", "krai"]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return memory_store(Path(tmp_path_factory.mktemp("lists")), "case", ROWS)


@pytest.mark.parametrize(
    ("counterparty", "party"),
    [
        ("Acme Mining, Russia", "Acme Mining"),
        ("Acme Mining, Russian Federation", "Acme Mining"),
        ("Acme Mining, the U.K.", "Acme Mining"),
        ("BHP, Australia", "BHP"),
        ("Glencore, Baar, Switzerland", "Glencore, Baar"),
        ("Norilsk Nickel, Krasnoyarsk Krai", "Norilsk Nickel"),
        ("Норникель, Красноярский край", "Норникель"),
        ("Acme, Inc., USA", "Acme, Inc."),
        ("Роснефть, Россия", "Роснефть"),
        ("Acme Energy, Швейцария", "Acme Energy"),
        ("Acme, Crimea", "Acme"),
    ],
)
def test_a_place_after_a_comma_stays_with_the_party(counterparty: str, party: str) -> None:
    queries = counterparty_queries(counterparty)
    assert queries[:2] == [counterparty, party]
    place = counterparty.removeprefix(party).lstrip(", ")
    assert place not in queries


@pytest.mark.parametrize(
    "counterparty",
    [
        "Acme Mining, Russia",
        "BHP, Australia",
        "Glencore, Baar, Switzerland",
        "Norilsk Nickel, Krasnoyarsk Krai",
        "Acme Mining, Russia (nickel offtake)",
    ],
)
def test_a_place_after_a_comma_meets_no_entry_named_after_it(
    lists: ListStore, counterparty: str
) -> None:
    """Screened alone, "Russia" met "Russia Ltd" at 1.00; the whole, which ends with it,
    meets it by containment: neither is a hit."""
    hits = search_counterparty(lists, "case", counterparty)
    assert not {hit.entry_id for hit in hits} & set(PLACES)


@pytest.mark.parametrize(
    ("counterparty", "entries"),
    [
        ("Rosneft, BP", {"rosneft", "bp"}),
        ("BP, Rosneft", {"rosneft", "bp"}),
        ("M23, AFC", {"m23"}),
        ("Rosneft, Russia", {"rosneft"}),
        ("Роснефть, Россия", {"rosneft"}),
        ("Glencore, Rosneft, UK", {"rosneft"}),
        ("Acme, Russia; BP, UK", {"bp"}),
        ("Softbank, ARM", {"arm"}),
    ],
)
def test_parties_given_with_a_comma_still_part_and_meet_in_full(
    lists: ListStore, counterparty: str, entries: set[str]
) -> None:
    """A party before a place is met as itself (1.00, not by containment in the whole); a
    second party, or an ISO code that is also a company's initials ("ARM"), still parts."""
    hits = search_counterparty(lists, "case", counterparty)
    assert {hit.entry_id for hit in hits} == entries
    assert all(hit.score == 1.0 for hit in hits)


@pytest.mark.parametrize(
    ("counterparty", "parts"),
    [
        ("Rosneft, BP", ["Rosneft", "BP"]),
        ("M23, AFC", ["M23", "AFC"]),
        ("Rosatom, Moscow", ["Rosatom", "Moscow"]),
        ("Russia, Acme", ["Russia", "Acme"]),
    ],
)
def test_a_name_or_a_town_after_a_comma_is_still_parted(
    counterparty: str, parts: list[str]
) -> None:
    """A town the table does not hold cannot be told from a second party's name; a place
    first, with no party before it, is left as written."""
    assert counterparty_queries(counterparty) == [counterparty, *parts]


def test_a_place_kept_with_a_party_still_lets_a_listed_place_name_meet_when_written_alone(
    lists: ListStore,
) -> None:
    assert [hit.entry_id for hit in search_counterparty(lists, "case", "Russia Ltd")] == [
        "russia-ltd"
    ]


@pytest.mark.parametrize(
    "counterparty",
    [
        "Acme Mining (Russia)",
        "Acme Mining (Krasnoyarsk Krai)",
        "Acme Mining (Rosneft, Russia)",
        "Acme Mining, Russia and Kazakhstan",
        "Acme Mining, Russia & Australia",
    ],
)
def test_a_place_in_a_remark_or_after_a_place_meets_no_entry_named_after_it(
    lists: ListStore, counterparty: str
) -> None:
    hits = search_counterparty(lists, "case", counterparty)
    assert not {hit.entry_id for hit in hits} & set(PLACES)
    queries = counterparty_queries(counterparty)
    assert not {"Russia", "Kazakhstan", "Australia", "Krasnoyarsk Krai"} & set(queries)


@pytest.mark.parametrize(
    ("counterparty", "entries"),
    [
        ("Acme Mining (Rosneft, Russia)", {"rosneft"}),
        ("Acme Mining (Russia Ltd)", {"russia-ltd"}),
        ("Acme, Russia & BP", {"bp"}),
        ("Rosneft and Russia", {"rosneft", "russia-ltd"}),
    ],
)
def test_a_party_beside_a_place_in_a_remark_or_after_and_is_still_met(
    lists: ListStore, counterparty: str, entries: set[str]
) -> None:
    """A listed name in a remark still meets its entry, a party after "&" still parts, and a
    country after "and" with no place before it may be a party (the state itself)."""
    hits = search_counterparty(lists, "case", counterparty)
    assert {hit.entry_id for hit in hits} == entries
