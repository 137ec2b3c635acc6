"""Shared wording of the results views: the method in one line (percentages come from
:func:`rrisk.fmt.fmt_percent`, as everywhere).

Colours come from :mod:`desktop.ui.style` and safe text from :mod:`desktop.ui.text`, as for
every other room.
"""

from __future__ import annotations

from desktop.ui.text import sentence
from rrisk.scoring import CELL_FORMULA, INDEX_FORMULA

METHOD_LINE = f"{sentence(INDEX_FORMULA)}; {CELL_FORMULA}. Red lines exclude whatever the index."
