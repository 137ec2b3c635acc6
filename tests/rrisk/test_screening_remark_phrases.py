"""A remark names its party inside a phrase ("partner of Igor Sechin", "owned by Potanin"),
and in Russian in the case its sentence puts it ("дочка Роснефти", "дочка Норильского
никеля"): the party is still met; the phrase's other words meet nobody."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import search_counterparty
from rrisk.screening.store import ListStore

ROWS = [
    ("rosneft", "Company", "Rosneft", "Роснефть", "EU 833/2014"),
    ("norilsk", "Company", "Norilsk Nickel", "Норильский никель", "US OFAC SDN"),
    ("sechin", "Person", "Igor Ivanovich Sechin", "Сечин Игорь Иванович", "US OFAC SDN"),
    ("potanin", "Person", "Vladimir Olegovich Potanin", "Потанин Владимир Олегович", "UK"),
    ("abramovich", "Person", "Roman Arkadyevich Abramovich", "Абрамович Роман", "UK"),
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return memory_store(Path(tmp_path_factory.mktemp("lists")), "case", ROWS)


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        # Met by nobody: the listed name was among the phrase's words, not at an end.
        ("Acme Ltd (partner of Igor Sechin)", "sechin"),
        ("Acme Ltd (owned by Potanin)", "potanin"),
        # Russian cases the lists do not write.
        ("Acme Ltd (дочка Роснефти)", "rosneft"),
        ("Acme Ltd (дочка Норильского никеля)", "norilsk"),
        ("Acme Ltd (СП с Роснефтью)", "rosneft"),
        ("Acme Ltd (связана с Абрамовичем)", "abramovich"),
    ],
)
def test_a_remark_naming_a_party_in_a_phrase_or_a_case_meets_it(
    lists: ListStore, counterparty: str, entry: str
) -> None:
    assert [hit.entry_id for hit in search_counterparty(lists, "case", counterparty)] == [entry]


def test_a_party_named_after_a_linking_word_scores_as_one_the_remark_holds(
    lists: ListStore,
) -> None:
    """It is a related party, not the counterparty: found by the words after "of", it
    scores as a listed name the remark holds at its end does (0.85), below a name's own
    hit, whatever the words after "of" score alone."""
    for counterparty, entry in (
        ("Acme Ltd (partner of Igor Sechin)", "sechin"),
        ("Acme Ltd (subsidiary of Norilsk Nickel)", "norilsk"),
    ):
        (hit,) = search_counterparty(lists, "case", counterparty)
        assert (hit.entry_id, hit.score) == (entry, 0.85)
    # A remark that is the name alone still meets it in full.
    (hit,) = search_counterparty(lists, "case", "Acme Ltd (Роснефти)")
    assert (hit.entry_id, hit.score) == ("rosneft", 1.0)


@pytest.mark.parametrize(
    "counterparty",
    [
        "Acme Ltd (likely partner, unverified)",
        "Acme Ltd (offtake of nickel)",
        "Acme Ltd (дочка компании Акме)",
        "Acme Ltd (партнёр по добыче)",
    ],
)
def test_a_phrase_that_names_nobody_meets_nobody(lists: ListStore, counterparty: str) -> None:
    assert search_counterparty(lists, "case", counterparty) == []
