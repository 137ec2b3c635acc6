"""The name offered for a new item is one the document can take."""

from __future__ import annotations

from desktop.ui.text import first_free_name
from rrisk.model import name_key


def test_the_first_free_name_is_free_as_names_are_told_apart() -> None:
    taken = ["New  scenario", "NEW SCENARIO 2", "Cafe\u0301 plan"]
    assert first_free_name("New scenario", taken) == "New scenario 3"
    assert first_free_name("Café plan", taken) == "Café plan 2"
    assert first_free_name("Other", taken) == "Other"
    assert all(
        name_key(first_free_name(base, taken)) not in {name_key(t) for t in taken}
        for base in ("New scenario", "Café plan", "new scenario 2")
    )
