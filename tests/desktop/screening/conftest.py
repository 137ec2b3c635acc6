"""The Screening tab's tests run their screenings (each imports the bundled list into the
test's own store, in a worker thread) with the cyclic collector paused; it runs between the
tests, once the workers are done (see ``quiet_between_tests`` in ``tests/desktop/conftest.py``)."""

from __future__ import annotations

import gc

import pytest


@pytest.fixture(autouse=True)
def collector_paused_while_screening():
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()
