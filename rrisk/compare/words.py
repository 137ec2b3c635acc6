"""The words of a comparison: a document's text on one line, values as a reader writes them,
field labels and display names (shared by :mod:`.wording` and :mod:`.cell_wording`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rrisk.fmt import plain_number
from rrisk.messages import one_line
from rrisk.model import name_key, sets_nothing

if TYPE_CHECKING:
    from rrisk.compare import Comparison

TEXT_LIMIT = 160
"""Characters of a changed text shown in one line (the JSON output carries it whole)."""

_FIELD_LABELS = {
    "likelihood_low": "likelihood low",
    "likelihood_high": "likelihood high",
    "impact_low": "impact low",
    "impact_high": "impact high",
    "red_line": "red line",
    "red_line_reason": "red-line reason",
    "red_line_basis": "red-line basis",
    "red_line_rule": "red-line rule",
    "as_of": "as-of date",
    "alt_names": "other names",
    "capex_estimate": "capex estimate",
    "capex_note": "capex note",
    "strategic_value": "strategic value",
    "strategic_rationale": "strategic rationale",
    "bias_note": "bias note",
    "cell_overrides": "cell overrides",
    "analysis": "Monte Carlo analysis",
}

LONG_TEXT = frozenset(
    ("rationale", "summary", "recommendation", "notes", "description", "strategic_rationale")
)
"""Fields whose change reads "… changed": a before/after would fill lines."""


REMEMBERED_TEXT = 500
"""Characters up to which a clipped text is remembered (names, pages, reasons, most quotes):
a longer one (a quote or rationale of up to 20,000) would be kept for as long as the app
runs, thousands of them, after the documents are closed."""


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """A document's text on one line, escaped and clipped (its joiners and marks kept)."""
    text = str(text)
    if len(text) > REMEMBERED_TEXT:
        return _clipped(text, limit)
    return _remembered(text, limit)


def _clipped(text: str, limit: int) -> str:
    return one_line(" ".join(text.split()), limit, words=True)


# Remembered: a large comparison words the same names, pages and values hundreds of
# thousands of times.
_remembered = lru_cache(maxsize=4096)(_clipped)


def value_text(value: Any) -> str:
    """A field value as a reader writes it: ``—`` for nothing, ``yes``/``no``, ``2`` for 2.0."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # Whole numbers without ".0" and in full ("1,250,000,000", not "1.25e+09"); others
        # as written, every digit ("2.000001", which "%g" showed as "2", as if unchanged).
        if value.is_integer() and abs(value) < 1e18:
            return f"{int(value):,}"
        return plain_number(value)
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        if "threshold" in value:
            return f"risk ≥ {value['threshold']}" + (
                f" ({clip(value['reason'], 60)})" if value.get("reason") else ""
            )
        # A scenario's cell override: its cell is named by the change already.
        shown = {k: v for k, v in value.items() if k not in ("project", "criterion")}
        text = "; ".join(
            f"{field_label(k)} {value_text(v)}" for k, v in shown.items() if v not in (None, "")
        )
        if "project" in value and sets_nothing(value):  # a blank row, or a note alone
            return f"{text} (sets nothing)" if text else "nothing set"
        return text
    return clip(str(value))


def text_difference(old: str, new: str, limit: int = 60) -> tuple[str, str]:
    """The part of two texts that differs, with ``…`` for what they share, when they are long.

    A long source title that gained one clause reads ``…; Rosneft (22 Oct 2025)`` rather than
    two near-identical titles clipped before the difference.
    """
    if len(old) <= limit and len(new) <= limit:
        return clip(old) if old else "—", clip(new) if new else "—"
    shortest = min(len(old), len(new))
    prefix = 0
    while prefix < shortest and old[prefix] == new[prefix]:
        prefix += 1
    prefix = old.rfind(" ", 0, prefix) + 1  # whole words
    suffix = 0
    while suffix < shortest - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    cut = old.find(" ", len(old) - suffix) if suffix else -1
    suffix = len(old) - cut if cut >= 0 else 0
    parts = []
    for text in (old, new):
        middle = text[prefix : len(text) - suffix].strip()
        shown = ("…" if prefix else "") + middle + ("…" if suffix else "")
        parts.append(clip(shown, limit + 2) if middle else "—")
    return parts[0], parts[1]


def field_label(name: str | None) -> str:
    return _FIELD_LABELS.get(name or "", (name or "").replace("_", " "))


@dataclass
class Namer:
    """Display names of projects, criteria, sources and scenarios across both versions."""

    comparison: Comparison
    _names: dict[tuple[str, str], str] = field(default_factory=dict)
    _shared: set[tuple[str, str]] = field(default_factory=set)
    """Items named as another item of their kind is: printed with their ids."""
    _said: dict[tuple[str, str | None], str] = field(default_factory=dict)
    """Each item's display name once worked out (a large comparison names each hundreds of
    times)."""
    _grades: list[dict[str, str]] = field(default_factory=list)
    """The sources' grades in the newer version, then in the older one."""

    def __post_init__(self) -> None:
        # Two items of a kind under one name, in either version (a criterion removed and
        # another added under its name with a new id, two projects named alike, or two that
        # swapped names) are told apart by their ids: "criterion removed: Cost (cost)",
        # "criterion added: Cost (cost-2)". Names are compared as scenario names are
        # (case, spacing and the Unicode form of an accent aside).
        ids_by_name: dict[tuple[str, str], set[str]] = {}
        for doc in (self.comparison.old, self.comparison.new):  # the newer name wins
            named: list[tuple[str, str, str]] = [
                *(("project", item.id, item.name) for item in doc.projects),
                *(("criterion", item.id, item.name) for item in doc.criteria),
                *(("scenario", item.id, item.name) for item in doc.scenarios),
                *(("source", source.id, source.title) for source in doc.sources),
            ]
            for kind, item_id, name in named:
                self._names[(kind, item_id)] = name
                ids_by_name.setdefault((kind, name_key(name)), set()).add(item_id)
        self._shared = {
            (kind, item_id)
            for (kind, _name), ids in ids_by_name.items()
            if len(ids) > 1
            for item_id in ids
        }
        self._grades = [
            {source.id: source.grade for source in reversed(doc.sources)}  # the first one wins
            for doc in (self.comparison.new, self.comparison.old)
        ]

    def told_apart(self, kind: str, item_id: str | None) -> bool:
        """Whether the item's name is another's too, so that it is printed with its id."""
        return (kind, item_id) in self._shared

    def __call__(self, kind: str, item_id: str | None) -> str:
        said = self._said.get((kind, item_id))
        if said is None:
            said = self._said[(kind, item_id)] = self._name(kind, item_id)
        return said

    def _name(self, kind: str, item_id: str | None) -> str:
        limit = 60 if kind == "source" else 80  # source titles are sentences
        name = self._names.get((kind, item_id or ""), item_id or "?")
        if (kind, item_id) not in self._shared:
            return clip(name, limit)
        # The id is what tells the two apart: it is kept whole, the name shortened for it.
        return f"{clip(name, max(20, limit - len(item_id or '') - 3))} ({item_id})"

    def grade(self, source_id: str, earlier: bool = False) -> str:
        """The source's grade in the newer version (the older one if it was removed), or in
        the older version first when ``earlier`` (a link that was removed had that grade)."""
        for grades in reversed(self._grades) if earlier else self._grades:
            if source_id in grades:
                return grades[source_id]
        return "?"
