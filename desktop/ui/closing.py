"""Closing a window while a job writes what the user asked for: one question for every job.

A job whose result the user would lose if the window dropped it (the IC memo and the matrix
being exported, a sanctions list being imported into the store) is never stopped without a
word, and the close never waits unasked. The window asks (:func:`ask_close_while_running`,
one question naming every such job): **Close When Written** (or **Close When Done**; the
default) keeps the window open with the jobs' progress until they have ended, then closes it
as asked (a failure is said first; Cancel in a progress stops that job and the close goes
on); **Stop and Close** stops them at once, as their Cancel does, and closes; **Cancel**
keeps the window open and the jobs going. A job past the point where it can be stopped (a
list being saved into the store, in one transaction) is waited for all the same, its
progress showing: the question says so, and offers no Stop and Close when it is the only
job. (Its window closed at once, and the save went on unseen with nothing to say how it
ended, or, stopped in its last stage, was undone after the question said the list would be
stored.) A job that ends while the question (or the
"Save changes?" after it) is open asks nothing over it (:func:`asking_to_close`): what it
would ask (the memo's "Open it now?") waits for the answers (:func:`once_kept_open`), and is
asked once they keep the window open with nothing to close after; Close When Written waits
only for the jobs still running, and closes at once when none is.

A job only reading or screening, with nothing the user asked to be written, is stopped
without a question: screening the document against a list, comparing versions, reading the
earlier version for a memo's "Changes since", and reading a matrix table to import (its
result would go into the document being closed, unsaved; reading the table again gives it
back). So is a job whose Cancel was already pressed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.ui.text import plain

WAIT_THEN_CLOSE, STOP_AND_CLOSE, KEEP_OPEN = "wait", "stop", "keep"
"""The answers to :func:`ask_close_while_running`."""

_HELD: dict[int, list[Callable[[], object]]] = {}
"""The questions held while a window's close is decided, by the window's ``id`` (see
:func:`once_kept_open`)."""


def asking_to_close(window: QWidget) -> bool:
    """Whether ``window`` is asking whether to close (its jobs, then its unsaved changes): a
    job ending meanwhile asks nothing over the question (the memo's "Open it now?" would hide
    it and be followed by a close); it says its result in the status bar, and holds what it
    would ask with :func:`once_kept_open`."""
    return id(window) in _HELD


def once_kept_open(window: QWidget, ask: Callable[[], object]) -> None:
    """``ask`` once ``window``'s close question is answered, if the answers keep the window
    open with nothing to close after (Cancel); dropped if it closes, now or after its jobs.
    Asked at once when no close question is open."""
    held = _HELD.get(id(window))
    if held is None:
        ask()
    else:
        held.append(ask)


@dataclass(frozen=True)
class Unfinished:
    """What a running job would lose, as the question says it."""

    title: str
    """The question's title when it is the only job ("The IC memo is being exported")."""
    doing: str
    """What is under way, naming the file ("The IC memo is still being written to\\n…")."""
    what: str
    """What is made ("the memo")."""
    stop: str
    """What stopping stops ("the export")."""
    lost: str
    """What stopping it leaves ("no memo is written")."""
    ends: str = "written"
    """How it ends: the window closes once ``what`` is ``ends`` ("written", "imported")."""
    stoppable: bool = True
    """False once the job can no longer be stopped (a list being saved): the close waits."""

    @property
    def closes_after(self) -> str:
        """The line its progress dialog adds once the window is to close after it."""
        return f"The window closes once {self.what} is {self.ends}."


class AwaitedJob(Protocol):
    """A job's owner, as the closing window sees it."""

    def unfinished(self) -> Unfinished | None:
        """What the job under way would lose; None when nothing (none running, only
        reading, or its Cancel pressed)."""

    def close_after(self, close: Callable[[], object]) -> None:
        """Call ``close`` once the job has ended, however it ended (its progress says so)."""

    def stop(self) -> None:
        """Stop the job as its Cancel does (Stop and Close, the window waiting for another)."""

    @property
    def closing_after(self) -> bool:
        """A close waits for the job (:meth:`close_after` was called, the job not ended)."""


def ask_close_while_running(window: QWidget, jobs: Sequence[Unfinished]) -> str:
    """Asked as the window closes while ``jobs`` run: one of :data:`WAIT_THEN_CLOSE` (the
    default), :data:`STOP_AND_CLOSE`, :data:`KEEP_OPEN`."""
    if len(jobs) == 1:
        (job,) = jobs
        title, ends = job.title, job.ends
        question = (
            f"Close the window once {job.what} is {ends}, or stop {job.stop} and close now "
            f"({job.lost})?"
            if job.stoppable
            else f"Close the window once {job.what} is {ends}?"
        )
    else:
        title, ends = "Work is still under way", "done"
        lost = "; ".join(job.lost for job in jobs)
        question = f"Close the window once they are done, or stop them and close now ({lost})?"
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        plain("\n\n".join([*(job.doing for job in jobs), question])),
        QMessageBox.StandardButton.NoButton,
        window,
    )
    box.setObjectName("closeWhileRunning")
    wait = box.addButton(f"Close When {ends.capitalize()}", QMessageBox.ButtonRole.AcceptRole)
    stop = None
    if any(job.stoppable for job in jobs):
        stop = box.addButton("Stop and Close", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(wait)
    box.exec()
    clicked = box.clickedButton()
    if clicked is wait:
        return WAIT_THEN_CLOSE
    return STOP_AND_CLOSE if stop is not None and clicked is stop else KEEP_OPEN


def may_close(
    window: QWidget,
    jobs: Sequence[AwaitedJob],
    close: Callable[[], object],
    then: Callable[[], bool] = lambda: True,
) -> bool:
    """Whether ``window`` may close now, its ``jobs`` considered (see the module's docstring),
    then ``then`` (its "Save changes?") asked once they let it. To wait, this says no, and
    ``close`` is called as each job ends; the window then asks this again, and closes once
    none is left. "Stop and Close" says yes: the window's close then stops the jobs as it
    stops all its work. What a job ending meanwhile held (:func:`once_kept_open`) is asked
    once the window stays open with no close to follow."""
    if id(window) in _HELD:  # (closed again from within its own question: that one decides)
        return False
    held = _HELD[id(window)] = []
    try:
        closes = _jobs_let_close(window, jobs, close) and then()
    finally:
        del _HELD[id(window)]
    if not closes and not any(job.closing_after for job in jobs):
        for ask in held:
            ask()
    return closes


def _jobs_let_close(
    window: QWidget, jobs: Sequence[AwaitedJob], close: Callable[[], object]
) -> bool:
    """Whether ``jobs`` let ``window`` close now (see :func:`may_close`)."""
    running = [(job, unfinished) for job in jobs if (unfinished := job.unfinished()) is not None]
    if not running:
        return True
    if any(job.closing_after for job, _ in running):
        # Asked already: the close follows the jobs (one started since follows too).
        for job, _ in running:
            if not job.closing_after:
                job.close_after(close)
        return False
    answer = ask_close_while_running(window, [unfinished for _, unfinished in running])
    if answer == KEEP_OPEN:
        return False
    # A job may have ended while the question was open: the close waits only for those
    # still running (a close left waiting on an ended job would never come, and would close
    # the window unasked when its next job ended); none left, it closes now. One may also
    # have gone past its last stop meanwhile: Stop and Close waits for it.
    still = [job for job, _ in running if job.unfinished() is not None]
    if answer == STOP_AND_CLOSE:
        unstoppable = [job for job in still if not _stoppable(job)]
        if not unstoppable:
            return True
        for job in still:
            if _stoppable(job):
                job.stop()
        still = unstoppable
    if not still:
        return True
    for job in still:
        job.close_after(close)
    return False


def _stoppable(job: AwaitedJob) -> bool:
    unfinished = job.unfinished()
    return unfinished is None or unfinished.stoppable


class CloseAfter:
    """The close asked for while one job ran, to follow its end (a part of a job's owner)."""

    def __init__(self) -> None:
        self._close: Callable[[], object] | None = None
        self.window_closed = False
        """The window closed meanwhile (by other means): nothing is to follow."""

    @property
    def waiting(self) -> bool:
        return self._close is not None

    def wait(
        self,
        close: Callable[[], object],
        progress: QProgressDialog | None = None,
        unfinished: Unfinished | None = None,
    ) -> None:
        """``close`` follows the job's end; the job's ``progress``, if shown, says so."""
        self._close = close
        if progress is not None:
            progress.setLabelText(self.stage(progress.labelText(), unfinished))

    def stage(self, text: str, unfinished: Unfinished | None) -> str:
        """A progress line, and that the window closes after, once asked to."""
        if self._close is None or unfinished is None or unfinished.closes_after in text:
            return text
        return f"{text}\n{unfinished.closes_after}"

    def job_ended(self) -> None:
        """The job ended: the close asked for meanwhile goes on (asking about unsaved changes
        and the other jobs as any close does)."""
        close, self._close = self._close, None
        if close is not None and not self.window_closed:
            close()
