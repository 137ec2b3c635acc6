"""A counterparty naming two parties joined by "and", "&", ";" or a comma ("M23 and AFC",
"Rosneft, BP") meets the entry either names, as "M23 / AFC" does; a legal name written with
them ("Procter & Gamble", "Johnson and Johnson", "Acme, Inc.") is still screened whole, and
its parts meet no listed person by a surname alone ("Marks and Spencer")."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import counterparty_queries, search_counterparty
from rrisk.screening.store import ListStore

ROWS = [
    ("m23", "Organization", "Mouvement du 23 mars", "M23;Alliance Fleuve Congo;AFC", "UN DRC"),
    ("rosneft", "Company", "Rosneft", "Роснефть", "EU 833/2014"),
    ("spencer", "Person", "John Spencer", "", "OFAC SDN"),
    ("pg", "Company", "Procter & Gamble", "", "Test programme"),
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return memory_store(Path(tmp_path_factory.mktemp("lists")), "case", ROWS)


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("M23 and AFC", "m23"),
        ("AFC and M23", "m23"),
        ("M23 & AFC", "m23"),
        ("M23&AFC", "m23"),
        ("Rosneft; BP", "rosneft"),
        ("Rosneft, BP", "rosneft"),
        ("BP, Rosneft", "rosneft"),
        ("BP and Rosneft (partners in the offtake)", "rosneft"),
        ("Glencore plc, Rosneft PJSC", "rosneft"),
    ],
)
def test_each_name_joined_by_a_common_separator_is_screened(
    lists: ListStore, counterparty: str, entry: str
) -> None:
    hits = search_counterparty(lists, "case", counterparty)
    assert [hit.entry_id for hit in hits][:1] == [entry]
    assert hits[0].score == 1.0


@pytest.mark.parametrize(
    "name", ["Acme, Inc.", "Acme Ltd, LLC", "Johnson and Johnson", "Johnson & Johnson"]
)
def test_a_legal_name_with_a_comma_or_said_twice_is_not_parted(name: str) -> None:
    assert counterparty_queries(name) == [name]


def test_a_legal_name_parted_still_meets_its_own_entry_whole(lists: ListStore) -> None:
    assert counterparty_queries("Procter & Gamble")[0] == "Procter & Gamble"
    hits = search_counterparty(lists, "case", "Procter & Gamble")
    assert [(hit.entry_id, hit.score) for hit in hits][:1] == [("pg", 1.0)]


def test_a_part_after_and_meets_no_person_by_surname_alone(lists: ListStore) -> None:
    """The "Spencer" of "Marks and Spencer" may be half of one legal name: it must name a listed
    person in full, not by surname; after a "/" or ";" it is a name of its own, as a remark
    "(Spencer)" is."""
    assert search_counterparty(lists, "case", "Marks and Spencer") == []
    assert search_counterparty(lists, "case", "Marks, Spencer") == []
    assert [hit.entry_id for hit in search_counterparty(lists, "case", "Rosatom; Spencer")] == [
        "spencer"
    ]
    assert "spencer" in [
        hit.entry_id for hit in search_counterparty(lists, "case", "Marks and John Spencer")
    ]


def test_a_remark_naming_a_surname_that_is_also_a_part_still_meets_the_person(
    lists: ListStore,
) -> None:
    """A remark's surname alone meets a listed person ("Nornickel (Spencer)"); beside a name
    that also holds it after "and" ("Nornickel and Spencer (Spencer)") the remark was taken
    for that loose part, held to a name in full, and the person the remark names was missed."""
    assert [hit.entry_id for hit in search_counterparty(lists, "case", "Nornickel (Spencer)")] == [
        "spencer"
    ]
    for counterparty in ("Nornickel and Spencer (Spencer)", "Nornickel, Spencer (Spencer)"):
        hits = search_counterparty(lists, "case", counterparty)
        assert [hit.entry_id for hit in hits] == ["spencer"], counterparty
    assert search_counterparty(lists, "case", "Nornickel and Spencer") == []
