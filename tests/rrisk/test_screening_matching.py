"""Counterparty names meet list names across case, accents, order, legal forms and scripts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rrisk.screening.listfile import bundled_list
from rrisk.screening.names import HIT_THRESHOLD, name_score, name_tokens
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
    assert name_tokens("Госкорпорация Ростех") == ("rosteh",)


def test_score_is_one_for_identical_names_and_leans_on_the_query() -> None:
    assert score("Rosneft", "Rosneft") == 1.0
    # All of the query is found, a third of the entry's letters are not.
    assert score("Rosneft", "Rosneft Oil Company") == pytest.approx((2 + 7 / 10) / 3)


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
        ("Oleg Deripaska (owner of Rusal and En+)", "rrisk-oleg-deripaska"),
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
