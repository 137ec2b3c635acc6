"""Which cells cite a source, at the top of its form in Editors → Sources, each a link.

"Cited in  3 cells: Tomtor × Sanctions exposure, …": a name clicked (or reached with Tab and
Enter) selects that cell in the matrix, its inspector showing the evidence. The cells are
read only while the editor is shown (a 2,000 × 40 matrix has 80,000 of them), once a change
made elsewhere has been made.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from rrisk.model import Assessment
from rrisk.text import isolated, names_apart

SHOWN_CELLS = 12
"""Cells named (and linked) at most; the rest are counted ("and 30 more")."""


def citing_cells(document: Assessment, source_id: str) -> list[tuple[str, str]]:
    """(project, criterion) of each cell with an evidence link to ``source_id``, in matrix
    order (projects, then criteria, as the matrix shows them)."""
    found = [
        (project_id, criterion_id)
        for project_id, criterion_id, cell in document.iter_cells()
        if any(link.source == source_id for link in cell.evidence)
    ]
    rows = {project.id: row for row, project in enumerate(document.projects)}
    columns = {criterion.id: column for column, criterion in enumerate(document.criteria)}
    return sorted(found, key=lambda key: (rows.get(key[0], -1), columns.get(key[1], -1)))


def cell_names(document: Assessment, source_id: str) -> list[str]:
    """The cells citing ``source_id`` in words, in matrix order ("Tomtor × Sanctions
    exposure", "Seligdar × Cost"), the first :data:`SHOWN_CELLS` of them and the rest
    counted ("and 30 more")."""
    cells = citing_cells(document, source_id)
    shown = SHOWN_CELLS
    projects = names_apart(document.projects)
    criteria = names_apart(document.criteria)
    names = [
        f"{isolated(projects.get(p, p))} × {isolated(criteria.get(c, c))}" for p, c in cells[:shown]
    ]
    if len(cells) > shown:
        names.append(f"and {len(cells) - shown:,} more")
    return names


class CitationsLabel(QLabel):
    """The cells citing the source shown, each a link; ``placeRequested`` asks for a cell
    (a target of :func:`desktop.window.navigate.go_to`)."""

    placeRequested = Signal(dict)

    def __init__(self, document: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        """Gives the document in hand (the controller's changes with a file opened)."""
        self._source_id: str | None = None
        self._stale = True
        self.setObjectName("sourceCitations")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setOpenExternalLinks(False)  # a link is a cell, never handed to the desktop
        self.linkActivated.connect(self._activated)

    def load(self, source_id: str | None) -> None:
        """Show the cells citing ``source_id`` (None: no source selected), now if shown,
        else when next shown."""
        self._source_id = source_id
        self._stale = True
        if self.isVisible():
            self._fill()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        # Tab lands on the first link (Shift+Tab on the last), ready for Enter: it landed on
        # the label, and Enter did nothing until a second Tab.
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.focusNextPrevChild(reason == Qt.FocusReason.TabFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._fill()

    def _fill(self) -> None:
        self._stale = False
        if self._source_id is None:
            self.setText("")
            return
        document = self._document()
        cells = citing_cells(document, self._source_id)
        if not cells:
            self.setText("no cell")
            self.setAccessibleName("Cited in no cell")
            return
        projects = names_apart(document.projects)
        criteria = names_apart(document.criteria)
        links = [
            f'<a href="{escape(f"{p}/{c}")}">'
            f"{escape(isolated(projects.get(p, p)))} × {escape(isolated(criteria.get(c, c)))}</a>"
            for p, c in cells[:SHOWN_CELLS]
        ]
        more = len(cells) - SHOWN_CELLS
        if more > 0:
            links.append(f"and {more:,} more")
        count = f"{len(cells):,} cell{'s' if len(cells) != 1 else ''}"
        self.setText(f"{count}: " + ", ".join(links))
        self.setAccessibleName(f"Cited in {count}")

    def _activated(self, link: str) -> None:
        project_id, _, criterion_id = link.partition("/")
        self.placeRequested.emit({"kind": "cell", "project": project_id, "criterion": criterion_id})
