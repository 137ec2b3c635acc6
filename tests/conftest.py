"""Shared test set-up: headless Qt, and small documents built in code."""

from __future__ import annotations

import os

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every app the tests start is its own instance (a second one would otherwise hand its file to
# the first and exit); tests/desktop/window/test_instance.py covers the hand-over itself.
os.environ.setdefault("RRISK_NEW_INSTANCE", "1")

import pytest  # noqa: E402 - after the environment above, which Qt reads on import


@pytest.fixture
def override_changed():  # noqa: ANN201
    """(old, new, scenario id): the template, and a copy whose first scenario scores Tomtor's
    sanctions cell at likelihood 1 (a change of the scenario only, not of the baseline)."""
    from rrisk.templates import new_from_template

    old = new_from_template("russia-rare-earths")
    new = old.model_copy(deep=True)
    scenario = new.scenarios[0]
    override = next(
        o for o in scenario.cell_overrides if (o.project, o.criterion) == ("tomtor", "sanctions")
    )
    override.likelihood = 1
    return old, new, scenario.id
