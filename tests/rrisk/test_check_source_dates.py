"""The check names a source dated after the as-of date: the memo says it reflects nothing
later, and its sources table would cite something later."""

from __future__ import annotations

from rrisk.check import WARNING, check_document
from rrisk.model import parse_assessment


def _document(as_of: str, dates: list[str]):
    return parse_assessment(
        {
            "as_of": as_of,
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": "alpha", "name": "Alpha"}],
            "sources": [
                {"id": f"s{i}", "title": f"Report {i}", "date": date}
                for i, date in enumerate(dates)
            ],
        }
    )


def _dated_later(document) -> list[str]:
    return [
        problem.place
        for problem in check_document(document)
        if problem.severity == WARNING and "after the as-of date" in problem.message
    ]


def test_a_source_dated_after_the_as_of_date_is_a_warning() -> None:
    # Each compared at its own precision: 2025 and 2025-06 may be the as-of date's own.
    document = _document("2025-06-01", ["2025-06-02", "2025-07", "2026", "2025", "2025-06", "2024"])
    assert _dated_later(document) == [
        "source 's0' “Report 0”",
        "source 's1' “Report 1”",
        "source 's2' “Report 2”",
    ]
    problem = next(p for p in check_document(document) if p.place == "source 's0' “Report 0”")
    assert problem.message.startswith("it is dated 2025-06-02, after the as-of date")
    assert problem.target == {"kind": "source", "id": "s0"}


def test_without_an_as_of_date_no_source_is_dated_after_it() -> None:
    assert _dated_later(_document("", ["2030-01-01"])) == []
