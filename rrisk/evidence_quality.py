"""Which evidence counts as weak, and what the uncertainty analysis draws for a cell scored on
it without a range of its own (±1 around its scores, within 1–5).

Kept apart from :mod:`rrisk.analysis`, which applies the rule to whole matrices and is
imported on first use: the cell inspector, on the app's first screen, says the rule for the
cell shown (:func:`default_range`) without loading the analyses.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rrisk.model import Assessment, Cell
from rrisk.scoring import RANGE_FIELDS

WEAK_RELIABILITY = frozenset("DEF")
WEAK_CREDIBILITY = 4
"""Credibility 4 (doubtful) and worse counts as weak evidence."""


def weak_source_ids(doc: Assessment) -> set[str]:
    """The sources graded D–F for reliability or 4–6 for credibility."""
    return {
        s.id
        for s in doc.sources
        if s.reliability in WEAK_RELIABILITY or s.credibility >= WEAK_CREDIBILITY
    }


def weak_cell(cell: Cell, weak_sources: set[str]) -> bool:
    """Whether the cell's evidence is missing or only weakly graded."""
    return all(link.source in weak_sources for link in cell.evidence)


def widened(score: Any) -> tuple[Any, Any]:
    """The low and high drawn around a score (or an array of them) of a cell with weak
    evidence and no range of its own: ±1 within 1–5."""
    return np.clip(score - 1, 1, 5), np.clip(score + 1, 1, 5)


def default_range(doc: Assessment, cell: Cell | None, score: int) -> tuple[int, int] | None:
    """The low and high the uncertainty analysis draws ``score`` (the likelihood or impact
    shown, the scenario's under one) from for the baseline ``cell`` (None: the cell is
    scored by a scenario alone) when the cell has no range of its own and its evidence is
    weak (:func:`rrisk.analysis.effective_ranges`), else None (drawn from the range, or as
    set)."""
    cell = cell or Cell()
    if any(getattr(cell, name) is not None for name in RANGE_FIELDS):
        return None
    if not weak_cell(cell, weak_source_ids(doc)):
        return None
    low, high = widened(score)
    return int(low), int(high)
