"""Work the window waits for, said while it runs: the wait cursor, and a line in the status bar.

Opening a small document, or showing a large one once read, takes a moment on the GUI thread
(2,000 projects × 40 criteria: building the views of 80,000 cells). The window cannot repaint
meanwhile, so it says what it is doing *before* the work starts (the status bar is painted at
once) and the pointer shows it is busy; both go when the work ends, also when it fails. Work
that takes longer and can be cancelled (an import, an export, the memo) runs in the
background with a progress dialog instead (:mod:`desktop.files.jobs`). A save is written in
the background too, the window painting while it waits with the wait cursor and its line
(:meth:`~desktop.files.document_files.DocumentFiles.save`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QWidget

from desktop.ui.refusals import announce, main_window_of


@contextmanager
def busy(window: QWidget | None, message: str) -> Iterator[None]:
    """The wait cursor, and ``message`` in ``window``'s status bar (its main window's, for a
    floating panel), while the block runs."""
    main = main_window_of(window)
    bar = main.statusBar() if main is not None else None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    if bar is not None:
        bar.showMessage(message)
        if bar.isVisible():
            bar.repaint()  # now: the event loop does not run until the work is done
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        if bar is not None and bar.currentMessage() == message:
            bar.clearMessage()  # (a message the work left, "Saved", stays)


LARGE_EDIT = 10_000
"""Cells from which an edit of many cells (a paste, a score, a clear in the matrix; a field,
the status or evidence set on a selection in the inspector) says what it does while the
window waits: about a second or more on a whole matrix of thousands of projects."""


def busy_editing(window: QWidget | None, cells: int, message: str) -> AbstractContextManager[None]:
    """:func:`busy` while an edit of ``cells`` cells runs when they are :data:`LARGE_EDIT` or
    more (a second or two on the window's thread, too short for a progress dialog)."""
    return busy(window, message) if cells >= LARGE_EDIT else nullcontext()


def progress_dialog(
    parent: QWidget,
    label: str,
    title: str,
    maximum: int = 0,
    delay_ms: int = 400,
    name: str = "",
    modality: Qt.WindowModality = Qt.WindowModality.WindowModal,
) -> QProgressDialog:
    """A background job's progress dialog with Cancel, shown once the job has taken
    ``delay_ms`` (``maximum`` 0: a busy bar without figures). Kept open and at its value by
    the job's owner, who closes it (no automatic close or reset at the maximum).

    The wait is counted from the first value set, not from when the dialog is made: a job
    that reported nothing at once showed its dialog, and its Cancel, only after Qt's own 4 s.
    """
    progress = QProgressDialog(label, "Cancel", 0, maximum, parent)
    text = progress.findChild(QLabel)
    if text is not None:  # names as typed: "<b>june.rrisk" was read as markup, its lines run on
        text.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        progress.setObjectName(name)
    progress.setWindowTitle(title)
    progress.setWindowModality(modality)
    progress.setMinimumDuration(delay_ms)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setValue(0)
    return progress


class _SaidWhenShown(QObject):
    """Says a progress window's text aloud when it shows (:func:`say_when_shown`)."""

    def __init__(self, progress: QProgressDialog) -> None:
        super().__init__(progress)
        self.shown = False
        progress.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Show
            and not self.shown
            and isinstance(watched, QProgressDialog)
        ):
            self.shown = True
            announce(watched, watched.labelText(), polite=True)
        return super().eventFilter(watched, event)


def say_when_shown(progress: QProgressDialog) -> _SaidWhenShown:
    """Have a screen reader say ``progress``'s text once it shows: a progress window shown
    without the focus (the save's, which leaves the keys to the field in use) is not read as
    it appears, so the wait went unsaid. ``.shown`` tells whether it has shown."""
    return _SaidWhenShown(progress)
