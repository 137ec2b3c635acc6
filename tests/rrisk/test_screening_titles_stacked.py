"""Titles written one after another before a name ("Prof. Dr. Hans Müller", "Mr. Dr. Oleg
Deripaska") are each left out, as one is: the second counted against the name (0.89, not
1.00)."""

from __future__ import annotations

import pytest

from rrisk.screening.names import name_tokens


@pytest.mark.parametrize(
    ("titled", "name"),
    [
        ("Prof. Dr. Hans Müller", "Hans Müller"),
        ("Mr Dr Oleg Deripaska", "Oleg Deripaska"),
        ("Dr. Prof. Mrs. Anna Ivanova", "Anna Ivanova"),
    ],
)
def test_each_title_before_a_name_is_left_out(titled: str, name: str) -> None:
    assert name_tokens(titled) == name_tokens(name)


def test_a_name_that_is_only_a_title_word_stays_a_name() -> None:
    """A title is left out only before a word: "Dr" alone, or "Sir" ending a name, stays."""
    assert name_tokens("Dr") == ("dr",)
    assert name_tokens("Philip Sir") == ("philip", "sir")
