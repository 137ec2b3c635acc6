"""The document model of a .rrisk assessment, validated with pydantic.

One :class:`Assessment` is the whole document. Cells live in a nested mapping
``cells[project_id][criterion_id]``; a missing cell is unassessed. Models are mutable (the
desktop edits them through undo commands) but every value entering from a file passes
:func:`parse_assessment`, which turns pydantic's errors into one message naming the field and
where it is, e.g. ``project 'tomtor', criterion 'sanctions': likelihood 7 is outside 1–5``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rrisk.errors import DocumentError

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
"""Stable ids: lower-case ASCII, digits, ``_ . -``; at most 64 characters."""

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Score = Annotated[int, Field(ge=1, le=5)]
ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=20_000)]

CATEGORIES = (
    "cost",
    "market access",
    "sanctions",
    "ethics & legality",
    "processing/technical",
    "counterparty",
    "political",
    "geology",
    "other",
)
"""Suggested criterion categories; any short text is accepted."""

STAGES = (
    "concept",
    "exploration",
    "feasibility",
    "development",
    "construction",
    "production",
    "expansion",
)
CELL_STATUSES = ("unassessed", "draft", "reviewed")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")

RELIABILITY_LABELS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_LABELS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class _Base(BaseModel):
    # Unknown keys are refused: a typo in a file must not silently drop data.
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Rubric(_Base):
    """What each level 1–5 of likelihood and impact means for one criterion."""

    likelihood: list[ShortText] = Field(default_factory=lambda: [""] * 5, min_length=5, max_length=5)
    impact: list[ShortText] = Field(default_factory=lambda: [""] * 5, min_length=5, max_length=5)


class RedLineRule(_Base):
    """A cell risk (L×I) at or above ``threshold`` excludes the project."""

    threshold: int = Field(ge=1, le=25)
    reason: ShortText = ""
    basis: ShortText = ""


class Criterion(_Base):
    id: Id
    name: ShortText = Field(min_length=1)
    category: ShortText = "other"
    description: LongText = ""
    weight: float = Field(default=1.0, ge=0.0, le=1000.0, allow_inf_nan=False)
    rubric: Rubric = Field(default_factory=Rubric)
    red_line_rule: RedLineRule | None = None


class Project(_Base):
    id: Id
    name: ShortText = Field(min_length=1)
    alt_names: list[ShortText] = Field(default_factory=list, max_length=20)
    country: ShortText = ""
    region: ShortText = ""
    commodities: list[ShortText] = Field(default_factory=list, max_length=50)
    stage: Literal[STAGES] = "exploration"  # type: ignore[valid-type]
    counterparties: list[ShortText] = Field(default_factory=list, max_length=50)
    capex_estimate: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    capex_note: ShortText = ""
    description: LongText = ""
    strategic_value: Score | None = None
    strategic_rationale: LongText = ""


class Evidence(_Base):
    """A link from a cell to a source, with the quote or page that supports the score."""

    source: Id
    quote: LongText = ""
    page: ShortText = ""


class Cell(_Base):
    """One project scored on one criterion. Assessed when both likelihood and impact are set."""

    likelihood: Score | None = None
    impact: Score | None = None
    likelihood_low: Score | None = None
    likelihood_high: Score | None = None
    impact_low: Score | None = None
    impact_high: Score | None = None
    rationale: LongText = ""
    evidence: list[Evidence] = Field(default_factory=list, max_length=200)
    red_line: bool = False
    red_line_reason: ShortText = ""
    red_line_basis: ShortText = ""
    status: Literal[CELL_STATUSES] = "draft"  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _ranges_enclose_mode(self) -> Cell:
        for name in ("likelihood", "impact"):
            mode = getattr(self, name)
            low = getattr(self, f"{name}_low")
            high = getattr(self, f"{name}_high")
            if low is not None and high is not None and low > high:
                raise ValueError(f"{name} range {low}–{high} has low above high")
            if mode is None:
                continue
            if low is not None and low > mode:
                raise ValueError(f"{name} low {low} is above the {name} {mode}")
            if high is not None and high < mode:
                raise ValueError(f"{name} high {high} is below the {name} {mode}")
        return self

    @property
    def assessed(self) -> bool:
        return self.likelihood is not None and self.impact is not None

    @property
    def risk(self) -> int | None:
        """Cell risk L×I (1–25), or None when unassessed."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact


class Source(_Base):
    """A piece of evidence's origin, graded with the Admiralty code."""

    id: Id
    title: ShortText = Field(min_length=1)
    publisher: ShortText = ""
    author: ShortText = ""
    date: ShortText = ""
    url: ShortText = ""
    reliability: Literal[RELIABILITY_GRADES] = "F"  # type: ignore[valid-type]
    credibility: int = Field(default=6, ge=1, le=6)
    bias_note: LongText = ""
    notes: LongText = ""
    attachment: ShortText | None = None

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @field_validator("attachment")
    @classmethod
    def _safe_attachment(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,120}", value):
            raise ValueError(f"attachment name {value!r} must be a plain file name")
        return value

    @property
    def grade(self) -> str:
        """The Admiralty grade, e.g. ``B2``."""
        return f"{self.reliability}{self.credibility}"


class CellOverride(_Base):
    """A scenario's change to one cell; fields left as None keep the baseline value."""

    project: Id
    criterion: Id
    likelihood: Score | None = None
    impact: Score | None = None
    red_line: bool | None = None
    red_line_reason: ShortText | None = None
    note: ShortText = ""


class Scenario(_Base):
    id: Id
    name: ShortText = Field(min_length=1)
    description: LongText = ""
    weight_overrides: dict[Id, Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)]] = (
        Field(default_factory=dict)
    )
    cell_overrides: list[CellOverride] = Field(default_factory=list)


class Assessment(_Base):
    """The whole document: metadata, criteria, projects, cells, sources and scenarios."""

    title: ShortText = "Untitled assessment"
    subtitle: ShortText = ""
    author: ShortText = ""
    organisation: ShortText = ""
    as_of: ShortText = ""
    classification: ShortText = "Confidential"
    currency: ShortText = "USD"
    summary: LongText = ""
    recommendation: LongText = ""
    notes: LongText = ""
    criteria: list[Criterion] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    cells: dict[Id, dict[Id, Cell]] = Field(default_factory=dict)
    sources: list[Source] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)

    @field_validator("as_of")
    @classmethod
    def _iso_as_of(cls, value: str) -> str:
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"as-of date {value!r} is not YYYY-MM-DD")
        return value

    @model_validator(mode="after")
    def _references_resolve(self) -> Assessment:
        problems = list(reference_problems(self))
        if problems:
            raise ValueError("; ".join(problems[:5]) + (" (and more)" if len(problems) > 5 else ""))
        return self

    # -- lookups -------------------------------------------------------------------------
    def project(self, project_id: str) -> Project:
        for project in self.projects:
            if project.id == project_id:
                return project
        raise KeyError(project_id)

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def scenario(self, key: str) -> Scenario:
        """A scenario by id or by name (case-insensitive)."""
        for scenario in self.scenarios:
            if scenario.id == key or scenario.name.casefold() == key.casefold():
                return scenario
        raise KeyError(key)

    def cell(self, project_id: str, criterion_id: str) -> Cell | None:
        return self.cells.get(project_id, {}).get(criterion_id)

    def iter_cells(self) -> Iterator[tuple[str, str, Cell]]:
        for project_id, row in self.cells.items():
            for criterion_id, cell in row.items():
                yield project_id, criterion_id, cell


def reference_problems(doc: Assessment) -> Iterable[str]:
    """Duplicate ids and references to things that do not exist, as readable messages."""
    for kind, items in (
        ("criterion", doc.criteria),
        ("project", doc.projects),
        ("source", doc.sources),
        ("scenario", doc.scenarios),
    ):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                yield f"{kind} id '{item.id}' is used twice"
            seen.add(item.id)
    project_ids = {p.id for p in doc.projects}
    criterion_ids = {c.id for c in doc.criteria}
    source_ids = {s.id for s in doc.sources}
    for project_id, row in doc.cells.items():
        if project_id not in project_ids:
            yield f"cells: project '{project_id}' does not exist"
            continue
        for criterion_id, cell in row.items():
            if criterion_id not in criterion_ids:
                yield f"cells: project '{project_id}': criterion '{criterion_id}' does not exist"
                continue
            for link in cell.evidence:
                if link.source not in source_ids:
                    yield (
                        f"project '{project_id}', criterion '{criterion_id}': evidence "
                        f"source '{link.source}' does not exist"
                    )
    for scenario in doc.scenarios:
        for criterion_id in scenario.weight_overrides:
            if criterion_id not in criterion_ids:
                yield f"scenario '{scenario.id}': weight of unknown criterion '{criterion_id}'"
        for override in scenario.cell_overrides:
            if override.project not in project_ids:
                yield f"scenario '{scenario.id}': cell of unknown project '{override.project}'"
            if override.criterion not in criterion_ids:
                yield (
                    f"scenario '{scenario.id}': cell of unknown criterion '{override.criterion}'"
                )


# -- turning pydantic errors into one readable line -------------------------------------------

_RANGE_MESSAGES = {
    "greater_than_equal": "is below {ge}",
    "less_than_equal": "is above {le}",
}


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """Describe an error location in the document's own terms."""
    parts: list[str] = []
    node = data
    i = 0
    loc = tuple(loc)
    while i < len(loc):
        key = loc[i]
        nxt = node[key] if isinstance(node, (dict, list)) and _has(node, key) else None
        if key in ("criteria", "projects", "sources", "scenarios") and i + 1 < len(loc):
            index = loc[i + 1]
            item = node[key][index] if _has(node.get(key) if isinstance(node, dict) else None, index) else None
            ident = item.get("id") if isinstance(item, dict) else None
            label = key[:-1] if key != "criteria" else "criterion"
            parts.append(f"{label} '{ident}'" if ident else f"{label} #{index + 1}")
            node = item
            i += 2
            continue
        if key == "cells" and i + 2 < len(loc):
            parts.append(f"project '{loc[i + 1]}', criterion '{loc[i + 2]}'")
            try:
                node = node["cells"][loc[i + 1]][loc[i + 2]]
            except (KeyError, TypeError):
                node = None
            i += 3
            continue
        if isinstance(key, int):
            parts.append(f"item {key + 1}")
        else:
            parts.append(str(key))
        node = nxt
        i += 1
    return ", ".join(parts)


def _has(container: Any, key: Any) -> bool:
    if isinstance(container, dict):
        return key in container
    if isinstance(container, list):
        return isinstance(key, int) and 0 <= key < len(container)
    return False


def _field_label(loc: tuple[Any, ...]) -> str:
    last = [p for p in loc if isinstance(p, str)]
    return last[-1].replace("_", " ") if last else "value"


def describe_validation_error(error: ValidationError, data: Any) -> str:
    """One line naming the first problem and where it is, plus a count of the others."""
    errors = error.errors(include_url=False)
    first = errors[0]
    loc = tuple(first.get("loc", ()))
    kind = first.get("type", "")
    ctx = first.get("ctx") or {}
    field_loc = loc
    where_loc = loc[:-1]
    if kind in _RANGE_MESSAGES and loc:
        label = _field_label(loc)
        value = first.get("input")
        lo, hi = ctx.get("ge"), ctx.get("le")
        if label in ("likelihood", "impact") or label.endswith(("low", "high")) or label == "strategic value":
            message = f"{label} {value} is outside 1–5"
        elif label == "credibility":
            message = f"credibility {value} is outside 1–6"
        elif label == "threshold":
            message = f"threshold {value} is outside 1–25"
        else:
            message = f"{label} {value} " + _RANGE_MESSAGES[kind].format(ge=lo, le=hi)
    elif kind == "extra_forbidden":
        message = f"unknown field '{loc[-1]}'"
    elif kind == "missing":
        message = f"required field '{loc[-1]}' is missing"
    elif kind == "string_pattern_mismatch" and loc and _field_label(loc) in ("id", "source", "project", "criterion"):
        message = (
            f"{_field_label(loc)} {first.get('input')!r} is not a valid id "
            "(lower-case letters, digits, '_', '.', '-'; at most 64 characters)"
        )
    elif kind == "literal_error":
        message = f"{_field_label(loc)} {first.get('input')!r}: {first.get('msg', '').lower()}"
    elif kind == "value_error":
        message = str(first.get("msg", "")).removeprefix("Value error, ")
        where_loc = loc
        field_loc = ()
    else:
        message = f"{_field_label(loc) if loc else 'document'}: {first.get('msg', '').lower()}"
    where = _where(where_loc, data) if where_loc else ""
    del field_loc
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


def parse_assessment(data: Any) -> Assessment:
    """Validate a decoded ``document.json`` body; raise :class:`DocumentError` if invalid."""
    if not isinstance(data, dict):
        raise DocumentError("the document is not a JSON object")
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        raise DocumentError(describe_validation_error(error, data)) from None


def assessment_to_data(doc: Assessment) -> dict[str, Any]:
    """The JSON-ready body of a document (defaults included, so files are self-describing)."""
    return doc.model_dump(mode="json")


def validate_assessment(doc: Assessment) -> None:
    """Re-check an in-memory document (after edits); raise :class:`DocumentError` if invalid."""
    parse_assessment(assessment_to_data(doc))
