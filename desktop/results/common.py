"""Shared wording of the results views: the method in one line, readable percentages.

Colours come from :mod:`desktop.ui.style` and safe text from :mod:`desktop.ui.text`, as for
every other room.
"""

from __future__ import annotations

from desktop.ui.text import sentence
from rrisk.fmt import fmt_percent
from rrisk.scoring import CELL_FORMULA, INDEX_FORMULA

METHOD_LINE = f"{sentence(INDEX_FORMULA)}; {CELL_FORMULA}. Red lines exclude whatever the index."


def percent(value: float) -> str:
    """A coverage or share as every view prints it (:func:`rrisk.fmt.fmt_percent`: 99.6% is
    ``99%``, never ``100%`` beside "incomplete")."""
    return fmt_percent(value)
