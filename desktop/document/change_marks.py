"""Cells marked as changed while a comparison with another version is open.

The Changes view (``desktop/changes``) fills this; the matrix and the heat map read it to
mark those cells and to say in their tooltips what changed. It lives beside the document
because every view of the document shows it, and it is dropped when another document is
loaded: marks from one file never show on another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal

from desktop.document.commands import CellKey


class ChangeMarks(QObject):
    """(project id, criterion id) → what changed in that cell, and the version it is against."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes: dict[CellKey, Sequence[str]] = {}
        self.against = ""
        """Names the other version, e.g. ``june.rrisk (as of 2025-06-01)``."""

    def __bool__(self) -> bool:
        return bool(self._notes)

    def __contains__(self, key: object) -> bool:
        return key in self._notes

    def notes(self, project_id: str, criterion_id: str) -> tuple[str, ...]:
        """The changes of one cell, one line each (empty when it did not change)."""
        return tuple(self._notes.get((project_id, criterion_id), ()))

    def keys(self) -> set[CellKey]:
        return set(self._notes)

    def set_marks(self, notes: Mapping[CellKey, Sequence[str]], against: str) -> None:
        # The cells' lines are kept as handed over (an outline's, not changed after) and
        # made a tuple only when a cell's tooltip asks: made at once for the 80,000 cells
        # of a large comparison, they held the window some 40 ms as it was shown.
        self._notes = dict(notes)
        self.against = against
        self.changed.emit()

    def clear(self) -> None:
        if self._notes or self.against:
            self._notes = {}
            self.against = ""
            self.changed.emit()
