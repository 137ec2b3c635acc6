"""Pausing Python's cyclic garbage collector while building many long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; reference counting still frees the rest.

    Reading a 2,000 × 40 matrix, or importing the desktop app's modules, creates hundreds of
    thousands of objects that live on and none of which is cyclic garbage: the collector's
    repeated full passes over them cost ~40% of opening that matrix and ~25 ms of start-up
    (``bench/``). Nested pauses are fine: only the outermost turns the collector back on, and
    a collector that was already off stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
