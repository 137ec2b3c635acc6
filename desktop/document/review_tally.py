"""How many assessed cells are marked reviewed and how many are draft, kept cell by cell.

The status bar shows the counts after every edit. Counting the cells of a 2,000 × 40 document
anew (80,000 of them, in Python) would cost tens of milliseconds an edit, so the tally keeps
the cells of each kind and an edit of cells moves only those; any other change (a project or
criterion added or removed, a document opened or imported) counts them all again, once, when
next asked. Counted as :func:`rrisk.scoring.review_counts` counts them: on the baseline.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.document.commands import CellKey
from rrisk.model import Assessment
from rrisk.scoring import review_kind


class ReviewTally:
    """The assessed cells marked reviewed, and the assessed cells still draft."""

    def __init__(self) -> None:
        self._reviewed: set[CellKey] | None = None
        self._draft: set[CellKey] = set()

    def reset(self) -> None:
        """Count every cell again when next asked (after a change not of cells alone)."""
        self._reviewed = None
        self._draft = set()

    def counts(self, document: Assessment) -> tuple[int, int]:
        """(reviewed, draft) of the assessed cells of ``document``."""
        if self._reviewed is None:
            self._reviewed = set()
            criterion_ids = [c.id for c in document.criteria]
            for project in document.projects:
                row = document.cells.get(project.id)
                if row:
                    self._sort(project.id, row, criterion_ids)
        return len(self._reviewed), len(self._draft)

    def cells_changed(self, document: Assessment, keys: Iterable[CellKey]) -> None:
        """These cells of ``document`` (in its matrix) were edited, or an edit undone."""
        if self._reviewed is None:
            return  # counted in full when next asked
        for project_id, criterion_id in keys:
            key = (project_id, criterion_id)
            self._reviewed.discard(key)
            self._draft.discard(key)
            row = document.cells.get(project_id)
            if row and criterion_id in row:
                self._sort(project_id, {criterion_id: row[criterion_id]}, [criterion_id])

    def _sort(self, project_id: str, row: dict, criterion_ids: list[str]) -> None:
        assert self._reviewed is not None
        for criterion_id in criterion_ids:
            kind = review_kind(row.get(criterion_id))
            if kind == "reviewed":
                self._reviewed.add((project_id, criterion_id))
            elif kind == "draft":
                self._draft.add((project_id, criterion_id))
