"""The uncertainty table on the clipboard, as a spreadsheet takes it: tab-separated, one line
of what the figures are (scenario, runs, seed, the inputs' as-of date), a header, then one row
per project in the order shown, its figures numbers a spreadsheet reads as numbers.

On screen the shares read "⊘ 100%", ">99%" or "High (97%)", which a spreadsheet pastes as
text; here an index is a number to two decimals and a share a percentage to two decimals
(the precision of ``rrisk analyze --format json``), a project never scored an empty cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from rrisk.analysis import MonteCarloResult, share_figure
from rrisk.model import Assessment
from rrisk.scoring import json_index
from rrisk.text import guard_formula

HEADER = (
    "Project",
    "P10",
    "P50",
    "P90",
    "P(first)",
    "P(excluded)",
    "Most likely band",
    "Share of runs in that band",
)


def _field(text: str) -> str:
    """Text as one spreadsheet cell: no tab or line break to split it, never run as a formula."""
    return guard_formula(" ".join(text.split()))


def _index(value: float) -> str:
    return "" if math.isnan(value) else f"{json_index(value):.2f}"


def describe(result: MonteCarloResult, document: Assessment, stale: bool) -> str:
    """The line above the table: what the figures are, so a pasted table still says it."""
    parts = [
        "Uncertainty (Monte Carlo)",
        result.scenario or "Baseline",
        f"{result.runs:,} runs",
        f"seed {result.seed}",
    ]
    if result.runs_alike:
        parts.append("every run alike: no cell drawn")
    if document.as_of:
        parts.append(f"inputs as of {document.as_of}")
    if stale:
        parts.append("out of date: the document or scenario changed after this run")
    return " · ".join(parts)


def table_text(
    result: MonteCarloResult, rows: Sequence[int], document: Assessment, stale: bool = False
) -> str:
    """The table of ``result``'s ``rows`` (result rows, in the order shown) as tab-separated
    lines ending in a newline, as spreadsheets copy blocks."""
    lines = [[_field(describe(result, document, stale))], list(HEADER)]
    first = result.first_probability()
    for row in rows:
        band = result.most_likely_band(row)
        lines.append(
            [
                _field(result.project_names[row]),
                _index(float(result.p10[row])),
                _index(float(result.p50[row])),
                _index(float(result.p90[row])),
                share_figure(float(first[row])),
                share_figure(float(result.excluded_probability[row])),
                band or "not scored",
                share_figure(float(result.band_probability[row].max())) if band else "",
            ]
        )
    return "".join("\t".join(line) + "\n" for line in lines)


class UncertaintyTable(QTableView):
    """The uncertainty table: Ctrl+C (and Copy Table in its context menu) puts the whole table
    on the clipboard as :func:`table_text` writes it; a view's own copy took the one cell
    under the cursor, as it reads on screen ("⊘ 100%")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copy_source: Callable[[], str | None] = lambda: None
        """What Ctrl+C copies (None: no figures to copy); the panel sets it."""

    def copy_table(self) -> bool:
        """Put the table on the clipboard; False when there are no figures to copy."""
        text = self.copy_source()
        if text is None:
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_table()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = QMenu(self)
        action = menu.addAction("&Copy Table")
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        action.setToolTip("Copy every row, tab-separated with numbers, for a spreadsheet")
        action.setEnabled(self.copy_source() is not None)
        action.triggered.connect(self.copy_table)
        menu.exec(event.globalPos())
        menu.deleteLater()
