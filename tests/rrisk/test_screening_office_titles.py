"""An office written before a person's name ("President Vladimir Putin", "CEO Igor Sechin",
"Генеральный директор Игорь Сечин") is left out to meet the listed person: with it, the
name met the entry only by containment (0.85, as a subsidiary would), and "President
Putin" met nobody, though "Putin" alone does. A company that begins with such a word
("General Electric") is no person, and meets a listed body as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from screening_lists import memory_store

from rrisk.screening.screen import search_counterparty
from rrisk.screening.store import CONTAINED_SCORE, ListStore

ROWS = [
    ("putin", "Person", "Vladimir Putin", "Путин Владимир", "EU"),
    ("sechin", "Person", "Igor Sechin", "Сечин Игорь", "US OFAC SDN"),
    ("sobyanin", "Person", "Sergey Sobyanin", "", "UK"),
    ("electric", "Company", "Electric", "", "EU"),
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return memory_store(Path(tmp_path_factory.mktemp("lists")), "offices", ROWS)


def _scores(lists: ListStore, counterparty: str) -> dict[str, float]:
    return {hit.entry_id: hit.score for hit in search_counterparty(lists, "offices", counterparty)}


@pytest.mark.parametrize(
    ("counterparty", "entry"),
    [
        ("President Vladimir Putin", "putin"),
        ("Президент Владимир Путин", "putin"),
        ("CEO Igor Sechin", "sechin"),
        ("Chairman Igor Sechin", "sechin"),
        ("Генеральный директор Игорь Сечин", "sechin"),
        ("Гендиректор Игорь Сечин", "sechin"),
        ("Председатель правления Игорь Сечин", "sechin"),
        ("Deputy Prime Minister Sergey Sobyanin", "sobyanin"),
        ("Gen. Sergey Sobyanin", "sobyanin"),
        ("Governor  Sergey Sobyanin", "sobyanin"),
    ],
)
def test_an_office_before_a_name_is_left_out(
    lists: ListStore, counterparty: str, entry: str
) -> None:
    assert _scores(lists, counterparty)[entry] == 1.0


def test_an_office_before_a_surname_meets_its_bearer(lists: ListStore) -> None:
    """As "Putin" alone does; with the office, no hit at all."""
    assert _scores(lists, "President Putin")["putin"] == _scores(lists, "Putin")["putin"]


def test_an_office_in_a_remark_after_a_link_is_still_a_related_party(lists: ListStore) -> None:
    """A phrase "owned by President Vladimir Putin" is met, no closer than a related party is."""
    scores = _scores(lists, "Acme Ltd (owned by President Vladimir Putin)")
    assert scores["putin"] == CONTAINED_SCORE


def test_a_company_beginning_with_an_office_word_meets_no_body_by_it(lists: ListStore) -> None:
    """A company "General Electric" is not "Electric": the listed body is met by containment only."""
    assert _scores(lists, "General Electric") == {"electric": CONTAINED_SCORE}
    assert _scores(lists, "General") == {}
