"""Quit: every window of the process closes in turn, each asking as its own close does.

A window kept open (Cancel, or a save that failed) ends the quit there. One that closes once
its memo, matrix or list is written lets the quit go on with the others meanwhile. One asked
to close while its file is being written (the quit came from a menu the platform draws, which
the save's wait for keys and clicks does not hold) closes once the file is written, asking
as ever: the quit goes on with the others once it has closed, and ends there if it stays
open (a save that failed is said first). Before, the quit ended at it, and the other windows
stayed open unasked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Protocol

from shiboken6 import isValid


class Quitting(Protocol):
    """A window as the quit sees it (see :class:`desktop.window.main_window.MainWindow`)."""

    def close(self) -> bool: ...

    def isVisible(self) -> bool: ...  # noqa: N802 - Qt's name

    def bring_to_front(self) -> None: ...

    @property
    def closing_after_jobs(self) -> bool: ...

    def after_close_once_saved(self, then: Callable[[bool], object]) -> bool:
        """Whether the window closes once its file is written; if so, ``then`` is told
        whether it closed (or waits for its jobs to close) once that close was asked."""
        ...


def close_in_turn(windows: Sequence[Quitting]) -> None:
    """Close ``windows`` in order, the first as it is, each other brought to the front for its
    questions (see the module's docstring)."""
    for index, window in enumerate(windows):
        if not isValid(window) or not window.isVisible():
            continue  # closed meanwhile (while a window before it saved)
        if index:
            window.bring_to_front()  # its question is asked over it
        if window.close() or window.closing_after_jobs:
            continue
        window.after_close_once_saved(partial(_went_on, list(windows[index + 1 :])))
        return


def _went_on(rest: list[Quitting], closes: bool) -> None:
    """The window closed once saved: the quit goes on with ``rest``; kept open, it ends."""
    if closes:
        close_in_turn(rest)
