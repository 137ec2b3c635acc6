"""Stopping a long read part-way: a large file being opened whose opening is cancelled, or
the app quitting meanwhile, need not wait for the rest of it (2,000 × 40: a second or more).

The reader (:func:`rrisk.fileformat.read_bytes`) is given a ``should_stop`` callable
(``threading.Event.is_set`` of the job's cancel flag) and consults it at its stop points:
between its stages, and row by row while the cells are checked (:mod:`rrisk.cells`), which
it reaches through :func:`stop_points` rather than through every validator between. Told to
stop, it raises :class:`ReadStopped`, which is not an error of the file: the job that asked
says nothing. Without a ``should_stop`` (the command line, every other caller) nothing is
consulted and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ShouldStop = Callable[[], bool]
"""Asked at each stop point: True once the read is to stop."""


class ReadStopped(Exception):  # noqa: N818 - a stop asked for, not an error
    """A read told to stop stopped at a stop point (not a fault of the file: nothing to say).

    Not an :class:`~rrisk.errors.RRiskError` nor a ``ValueError``, so that no reader's
    handler takes it for a refusal of the file (and reads it again another way)."""


_SHOULD_STOP: ContextVar[ShouldStop | None] = ContextVar("rrisk_should_stop", default=None)


@contextmanager
def stop_points(should_stop: ShouldStop | None) -> Iterator[None]:
    """While inside, :func:`current` is ``should_stop`` (in this thread only)."""
    token = _SHOULD_STOP.set(should_stop)
    try:
        yield
    finally:
        _SHOULD_STOP.reset(token)


def current() -> ShouldStop | None:
    """The ``should_stop`` of the read under way in this thread, or None."""
    return _SHOULD_STOP.get()


def stop_point(should_stop: ShouldStop | None) -> None:
    """Raise :class:`ReadStopped` when ``should_stop`` says the read is to stop."""
    if should_stop is not None and should_stop():
        raise ReadStopped("the read was stopped")
