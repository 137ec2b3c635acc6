"""The check names a source entered twice (the URL of an earlier one, or its title, publisher
and date): each entry is graded on its own and listed in the memo, so one source reads as two."""

from __future__ import annotations

from typing import Any

from rrisk.check import WARNING, check_document
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template


def _document(sources: list[dict[str, Any]]):
    return parse_assessment(
        {
            "as_of": "2025-06-01",
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": "alpha", "name": "Alpha"}],
            "sources": [{"id": f"s{i}", "date": "2025", **each} for i, each in enumerate(sources)],
        }
    )


def _twice(document) -> list[tuple[str, str, dict]]:
    return [
        (problem.place, problem.message, problem.target)
        for problem in check_document(document)
        if problem.severity == WARNING and "entered twice" in problem.message
    ]


def test_a_url_given_again_in_another_spelling_is_named_at_the_later_source() -> None:
    document = _document(
        [
            {"title": "Reuters story", "url": "https://www.reuters.com/world/story-1/"},
            {"title": "Other", "url": "https://www.reuters.com/world/story-2"},
            {"title": "Copy", "url": " HTTP://Reuters.com/world/story-1"},
        ]
    )
    [(place, message, target)] = _twice(document)
    assert place == "source 's2' “Copy”"
    assert message.startswith("it has the URL of source 's0' “Reuters story”")
    assert target == {"kind": "source", "id": "s2"}


def test_a_title_publisher_and_date_given_again_are_named() -> None:
    document = _document(
        [
            {"title": "Mineral Commodity Summaries", "publisher": "USGS", "date": "2024"},
            {"title": "Mineral Commodity Summaries", "publisher": "USGS", "date": "2025"},
            {"title": "mineral  commodity summaries", "publisher": "usgs", "date": "2025"},
            {"title": "Mineral Commodity Summaries", "publisher": "Other", "date": "2025"},
        ]
    )
    assert [(place, message[:60]) for place, message, _ in _twice(document)] == [
        (
            "source 's2' “mineral commodity summaries”",
            "it has the title, publisher and date of source 's1' “Mineral",
        )
    ]


def test_sources_apart_and_the_template_say_nothing() -> None:
    document = _document(
        [
            {"title": "A", "url": ""},
            {"title": "B", "url": ""},
            {"title": "C", "url": "https://example.com/a"},
            {"title": "D", "url": "https://example.com/b"},
        ]
    )
    assert _twice(document) == []
    assert _twice(new_from_template("russia-rare-earths")) == []
