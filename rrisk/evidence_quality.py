"""Which evidence counts as weak, and what the uncertainty analysis draws for a cell scored on
it without a range of its own (±1 around its scores, within 1–5).

Kept apart from :mod:`rrisk.analysis`, which applies the rule to whole matrices and is
imported on first use: the cell inspector, on the app's first screen, says the rule for the
cell shown (:func:`default_range`) without loading the analyses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from rrisk.model import Assessment, Cell, Source
from rrisk.scoring import RANGE_FIELDS
from rrisk.text import folded_name

WEAK_RELIABILITY = frozenset("DEF")
WEAK_CREDIBILITY = 4
"""Credibility 4 (doubtful) and worse counts as weak evidence."""


def weak_grade(source: Source) -> bool:
    """Whether the source is graded D–F for reliability or 4–6 for credibility."""
    return source.reliability in WEAK_RELIABILITY or source.credibility >= WEAK_CREDIBILITY


LOW_GRADE_RULE = (
    f"Low grade (reliability {min(WEAK_RELIABILITY)}–{max(WEAK_RELIABILITY)} or credibility "
    f"{WEAK_CREDIBILITY}–6): a cell backed only by such evidence and without a range of its "
    "own is drawn ±1 by the uncertainty analysis"
)
"""The rule in words, where a low grade is shown ("C4 (low)")."""


def weak_source_ids(doc: Assessment) -> set[str]:
    """The sources graded D–F for reliability or 4–6 for credibility."""
    return {s.id for s in doc.sources if weak_grade(s)}


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


def _address(url: str) -> str:
    """A source's URL as two entries of one page compare: without its http(s):// and www.,
    its site in any case, and without a slash at its end ("" for none)."""
    address = re.sub(r"^\s*(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).strip()
    site, slash, path = address.partition("/")
    return (site.casefold() + slash + path).rstrip("/")


def sources_twice(sources: Iterable[Source]) -> Iterator[tuple[Source, Source, str]]:
    """(source, earlier source, what they share) for each source entered again: the URL of
    an earlier one, or its title, publisher and date (case and spacing folded). Each entry
    is graded on its own and listed in the memo, and its cells cite one or the other, so a
    reader takes one source for two."""
    by_address: dict[str, Source] = {}
    by_title: dict[tuple[str, str, str], Source] = {}
    for source in sources:
        address = _address(source.url)
        title = (folded_name(source.title), folded_name(source.publisher), source.date)
        earlier, what = None, ""
        if address and address in by_address:
            earlier, what = by_address[address], "the URL"
        elif title in by_title:
            earlier, what = by_title[title], "the title, publisher and date"
        if address:
            by_address.setdefault(address, source)
        by_title.setdefault(title, source)
        if earlier is not None:
            yield source, earlier, what
