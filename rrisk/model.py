"""The document model of a .rrisk assessment, validated with pydantic.

One :class:`Assessment` is the whole document. Cells live in a nested mapping
``cells[project_id][criterion_id]``; a missing cell is unassessed. Models are mutable (the
desktop edits them through undo commands) but every value entering from a file passes
:func:`parse_assessment`, which turns pydantic's errors into one message naming the field and
where it is, e.g. ``project 'tomtor', criterion 'sanctions': likelihood 7 is outside 1–5``.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    WithJsonSchema,
    field_serializer,
    field_validator,
    model_validator,
)

from rrisk.cells import CELL_STATUSES as CELL_STATUSES  # re-exported: part of the model
from rrisk.cells import (
    ID_PATTERN,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    Cell,
    cells_to_data,
    parse_cells,
)
from rrisk.cells import Evidence as Evidence  # re-exported: part of the model
from rrisk.docparts import (
    FIRST_INVALID_ENTRY,
    NUMBER,
    TEXT_KEY_PATTERN,
    AnalysisSettings,
    NarrativeStamp,
)
from rrisk.errors import DocumentError
from rrisk.messages import blank_name, describe_unknown_field, describe_validation_error
from rrisk.screening.decisions import Screening, screening_problems
from rrisk.text import check_text, number_text, quoted

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Score = Annotated[int, Field(ge=1, le=5)]
ShortText = Annotated[str, Field(max_length=SHORT_TEXT_MAX), AfterValidator(check_text)]
LongText = Annotated[str, Field(max_length=LONG_TEXT_MAX), AfterValidator(check_text)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(blank_name())
    return value


Name = Annotated[ShortText, Field(min_length=1), AfterValidator(_not_blank)]
"""The name of a criterion, project or scenario, or a source's title: never empty or blank."""

MIN_WEIGHT = 1e-6
"""The smallest weight other than 0: below it the index's sums lose their digits (a weight of
5e-324 made every index 0, 50 or 100)."""


MAX_WEIGHT = 1000.0
"""The largest weight a criterion or a scenario can give."""


def weight_problem(value: float) -> str | None:
    """Why ``value`` cannot be a weight, in words, or None when it can."""
    if not math.isfinite(value) or not 0 <= value <= MAX_WEIGHT:
        return f"{number_text(value)} is not a weight from 0 to {number_text(MAX_WEIGHT)}"
    if 0 < value < MIN_WEIGHT:
        return (
            f"weight {number_text(value)} is below the smallest, {number_text(MIN_WEIGHT)}"
            " (0 leaves the criterion out)"
        )
    return None


def _weight_in_reach(value: float) -> float:
    if 0 < value < MIN_WEIGHT:
        raise ValueError(weight_problem(value))
    return value + 0.0  # -0.0 is 0: it would print "-0" and make a file differ from itself


Weight = Annotated[
    float,
    Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False),  # before NUMBER: the schema then says
    NUMBER,  # "minimum"/"maximum" (after it, pydantic writes non-standard "ge"/"le")
    AfterValidator(_weight_in_reach),
]
"""A scenario's weight override."""

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


def _is_calendar_date(value: str) -> bool:
    """Whether ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` names a real year, month or day."""
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
"""A date as a source may give it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
DAY_PATTERN = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
"""A date to the day, ``YYYY-MM-DD`` (the as-of date)."""
ATTACHMENT_BYTES = 180
"""The longest name (in UTF-8 bytes, as the zip holds it) a source's attached file is stored
under: within every system's bound on a file's name (255), with room for a '-2' added."""
SHOWN_NAME = 100
"""Characters of an attachment's name quoted in a message (a longer one is clipped, so the
rule after it still shows)."""
ATTACHMENT_PATTERN = (
    "[^\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x9f]"
    f'[^\\x00-\\x1f\\x7f-\\x9f/\\\\:*?"<>|]{{0,{ATTACHMENT_BYTES - 1}}}'
)
"""The name a source's attached file is stored under (``attachments/NAME`` in the file), as
a JSON Schema can say it: a first character that is no ASCII sign, no control character,
folder separator or character Windows keeps; :func:`attachment_problem` holds the rest."""
_NOT_IN_ATTACHMENT_NAMES = re.compile('[\\x00-\\x1f\\x7f-\\x9f/\\\\:*?"<>|]')
SEPARATOR_FORMS = re.compile("[/\\\\]")
"""What a character that is a form of a folder separator reads as in NFKC ('／', '＼', '℀'):
a program that reads file names in a Windows code page takes it for the separator itself."""
DRAWN_AS_SEPARATORS = frozenset("\u2044\u2215\u2216\u29f8\u29f9\u2571\u2572\u27cb\u27cd")
"""The slashes drawn as a folder separator that NFKC leaves as they are ('⁄', '∕', '∖',
'⧸', '⧹', the box-drawing diagonals '╱', '╲' and the mathematical ones '⟋', '⟍'):
'Board∕minutes.pdf' reads as a file in a folder (a name, not a form: '½' holds '⁄' in NFKC
and is a name's letter)."""
_JOINERS = frozenset("\u200c\u200d")
"""The invisible characters a name may hold: the joiners some scripts need (Persian, the
Indic scripts); every other format character (direction overrides that show 'exe.pdf' for
'fdp.exe', zero-width spaces) is refused."""
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
"""The Hangul fillers: letters to Unicode, drawn as nothing, so a name 'ㅤ.pdf' shows as
'.pdf' and one ending 'reportㅤ.pdf' as 'report.pdf' beside a file of that name."""


def invisible_in_names(character: str) -> bool:
    """Whether ``character`` is one an attachment's name may not hold for being invisible: a
    format, surrogate, private or unassigned character, a line or paragraph separator or a
    Hangul filler (:data:`_BLANK_LETTERS`), but the joiners (:data:`_JOINERS`)."""
    return character in _BLANK_LETTERS or (
        unicodedata.category(character) in ("Cf", "Cs", "Co", "Cn", "Zl", "Zp")
        and character not in _JOINERS
    )


def _schema_of_text(pattern: str, empty: bool = True) -> WithJsonSchema:
    """The JSON Schema of a text the model checks with a function of its own: the pattern
    it must match (or empty), so a tool that checks a file by the schema refuses it too."""
    return WithJsonSchema(
        {"type": "string", "pattern": f"^({pattern})?$" if empty else f"^{pattern}$"}
    )


def date_problem(value: str, label: str, days_only: bool = False) -> str | None:
    """Why ``value`` is not a date (``YYYY-MM-DD``, or also ``YYYY``/``YYYY-MM`` unless
    ``days_only``), in words naming it ``label``; None when it is one or is empty."""
    if not value:
        return None
    if days_only and not re.fullmatch(DAY_PATTERN, value):
        return f"{label} {value!r} is not YYYY-MM-DD"
    if not re.fullmatch(DATE_PATTERN, value):
        return f"{label} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    if not _is_calendar_date(value):
        return f"{label} {value!r} is not a calendar date"
    return None


def attachment_problem(name: str) -> str | None:
    """Why ``name`` cannot be a source's attachment (not a plain file name), or None: what
    one may hold, and the name the app stores a file of that name under.

    A plain file name in any script, composed (NFC): a letter or digit first (so never '..'
    nor a hidden file), no folder separator, control or format character (but the joiners)
    nor any of Windows' ``:*?"<>|``, no form of a separator ('／'), no space at its end, at most :data:`ATTACHMENT_BYTES`
    bytes. Every name of the ASCII-only rule of earlier releases is one."""
    if _plain_file_name(name):
        return None
    from rrisk.attachments import stored_name  # (it imports this module)

    return (
        f"attachment name {quoted(name, SHOWN_NAME)} must be a plain file name: a letter or digit first, no "
        'folder separator, control character or any of :*?"<>|, no space at its end, at most '
        f"{ATTACHMENT_BYTES} bytes in UTF-8 (such as {quoted(stored_name(name, ()), SHOWN_NAME)})"
    )


def _plain_file_name(name: str) -> bool:
    return (
        bool(name)
        and name[0].isalnum()
        and not name[-1].isspace()  # (a no-break or ideographic space too: 'a.pdf\u3000')
        and len(name.encode("utf-8", "replace")) <= ATTACHMENT_BYTES
        and _NOT_IN_ATTACHMENT_NAMES.search(name) is None
        and SEPARATOR_FORMS.search(unicodedata.normalize("NFKC", name)) is None
        and DRAWN_AS_SEPARATORS.isdisjoint(name)
        and unicodedata.is_normalized("NFC", name)
        and not any(invisible_in_names(character) for character in name)
    )


def _valid(value: str, problem: str | None) -> str:
    if problem:
        raise ValueError(problem)
    return value


class _Base(BaseModel):
    # Unknown keys are refused: a typo in a file must not silently drop data.
    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True)


class Rubric(_Base):
    """What each level 1–5 of likelihood and impact means for one criterion."""

    likelihood: list[ShortText] = Field(
        default_factory=lambda: [""] * 5, min_length=5, max_length=5
    )
    impact: list[ShortText] = Field(default_factory=lambda: [""] * 5, min_length=5, max_length=5)


class RedLineRule(_Base):
    """A cell risk (L×I) at or above ``threshold`` excludes the project."""

    threshold: Annotated[int, NUMBER] = Field(ge=1, le=25)
    reason: ShortText = ""
    basis: ShortText = ""


class Criterion(_Base):
    id: Id
    name: Name
    category: ShortText = "other"
    description: LongText = ""
    weight: Annotated[float, NUMBER, AfterValidator(_weight_in_reach)] = Field(
        default=1.0, ge=0.0, le=MAX_WEIGHT, allow_inf_nan=False
    )
    rubric: Rubric = Field(default_factory=Rubric)
    red_line_rule: RedLineRule | None = None


class Project(_Base):
    id: Id
    name: Name
    alt_names: list[ShortText] = Field(default_factory=list, max_length=20)
    country: ShortText = ""
    region: ShortText = ""
    commodities: list[ShortText] = Field(default_factory=list, max_length=50)
    stage: Literal[STAGES] = "exploration"  # type: ignore[valid-type]
    counterparties: list[ShortText] = Field(default_factory=list, max_length=50)
    capex_estimate: Annotated[float, Field(ge=0, allow_inf_nan=False), NUMBER] | None = None
    capex_note: ShortText = ""
    description: LongText = ""
    strategic_value: Annotated[Score, NUMBER] | None = None
    strategic_rationale: LongText = ""


class Source(_Base):
    """A piece of evidence's origin, graded with the Admiralty code."""

    id: Id
    title: Name
    publisher: ShortText = ""
    author: ShortText = ""
    date: Annotated[ShortText, _schema_of_text(DATE_PATTERN)] = ""
    url: ShortText = ""
    reliability: Literal[RELIABILITY_GRADES] = "F"  # type: ignore[valid-type]
    credibility: Annotated[int, NUMBER] = Field(default=6, ge=1, le=6)
    bias_note: LongText = ""
    notes: LongText = ""
    attachment: Annotated[ShortText, _schema_of_text(ATTACHMENT_PATTERN, empty=False)] | None = None

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        return _valid(value, date_problem(value, "date"))

    @field_validator("attachment")
    @classmethod
    def _safe_attachment(cls, value: str | None) -> str | None:
        return value if value is None else _valid(value, attachment_problem(value))

    @property
    def grade(self) -> str:
        """The Admiralty grade, e.g. ``B2``."""
        return f"{self.reliability}{self.credibility}"


class CellOverride(_Base):
    """A scenario's change to one cell; fields left as None keep the baseline value."""

    project: Id
    criterion: Id
    likelihood: Annotated[Score, NUMBER] | None = None
    impact: Annotated[Score, NUMBER] | None = None
    red_line: StrictBool | None = None
    red_line_reason: ShortText | None = None
    note: ShortText = ""


def sets_nothing(override: CellOverride | dict[str, Any]) -> bool:
    """Whether a cell override sets no score and no red line: a row added in the app's
    Editors → Scenarios and not yet filled in, or a note alone. It changes no figure, and
    the app, the memo and the comparison count it as no change."""
    if isinstance(override, dict):
        return all(override.get(name) is None for name in ("likelihood", "impact", "red_line"))
    # Spelt out: the views ask it of every override of a scenario at each change (80,000 on a
    # whole 2,000 × 40 matrix), where the generator cost four times the test.
    return override.likelihood is None and override.impact is None and override.red_line is None


def override_changes(cell: object, override: CellOverride) -> bool:
    """Whether a cell override changes anything. A score the scenario sets replaces the
    cell's range too: over a range it changes the Monte Carlo even where it equals the score.
    A cell not in the document is unassessed, with no red line: "no red line" on it changes
    nothing, as on an assessed cell without one."""
    if cell is None:
        cell = Cell()

    def changes(name: str, value: object, ranged: bool = False) -> bool:
        return value is not None and (value != getattr(cell, name, None) or ranged)

    def ranged(score: str) -> bool:
        return cell is not None and (
            getattr(cell, f"{score}_low") is not None or getattr(cell, f"{score}_high") is not None
        )

    return (
        changes("likelihood", override.likelihood, ranged("likelihood"))
        or changes("impact", override.impact, ranged("impact"))
        or changes("red_line", override.red_line)
        # The reason counts only where the scenario's red line stands and gives one, as the
        # scoring reads it (an empty one keeps the cell's own).
        or (
            override.red_line is True
            and bool(override.red_line_reason)
            and override.red_line_reason != getattr(cell, "red_line_reason", "")
        )
    )


class Scenario(_Base):
    id: Id
    name: Name
    description: LongText = ""
    weight_overrides: dict[Id, Weight] = Field(default_factory=dict)
    cell_overrides: list[CellOverride] = Field(
        default_factory=list, fail_fast=True
    )  # (see Assessment)

    def overrides_by_cell(self) -> dict[tuple[str, str], CellOverride]:
        """The override that counts for each (project, criterion): the last one given. A
        file may give a cell twice (``rrisk check`` names it); the app never writes one."""
        return {(o.project, o.criterion): o for o in self.cell_overrides}


class Assessment(_Base):
    """The whole document: metadata, criteria, projects, cells, sources and scenarios."""

    title: ShortText = "Untitled assessment"
    subtitle: ShortText = ""
    author: ShortText = ""
    organisation: ShortText = ""
    as_of: Annotated[ShortText, _schema_of_text(DAY_PATTERN)] = ""
    classification: ShortText = "Confidential"
    currency: ShortText = "USD"
    summary: LongText = ""
    recommendation: LongText = ""
    notes: LongText = ""
    # Lists stop at their first invalid item (fail_fast), which the message names: a problem
    # kept for each of a million cell overrides took 6 s and 1.6 GB to refuse a 1 MB file.
    criteria: list[Criterion] = Field(default_factory=list, fail_fast=True)
    projects: list[Project] = Field(default_factory=list, fail_fast=True)
    cells: dict[str, dict[str, Cell]] = Field(default_factory=dict)
    sources: list[Source] = Field(default_factory=list, fail_fast=True)
    scenarios: list[Scenario] = Field(default_factory=list, fail_fast=True)
    analysis: AnalysisSettings = Field(default_factory=AnalysisSettings)
    narrative_stamps: Annotated[
        dict[Annotated[str, Field(pattern=TEXT_KEY_PATTERN)], NarrativeStamp], FIRST_INVALID_ENTRY
    ] = Field(default_factory=dict)
    screening: Screening = Field(default_factory=Screening)

    @field_validator("cells", mode="plain", json_schema_input_type=dict[Id, dict[Id, Cell]])
    @classmethod
    def _parse_cells(cls, value: Any) -> dict[str, dict[str, Cell]]:
        # Hand-parsed for speed; see rrisk/cells.py.
        return parse_cells(value)

    @field_serializer("cells")
    def _dump_cells(self, cells: dict[str, dict[str, Cell]]) -> dict[str, dict[str, Any]]:
        # Only what differs from a new cell: files stay small and fast to read.
        return cells_to_data(cells)

    @field_validator("as_of")
    @classmethod
    def _iso_as_of(cls, value: str) -> str:
        return _valid(value, date_problem(value, "as-of date", days_only=True))

    @model_validator(mode="after")
    def _references_resolve(self) -> Assessment:
        # The first six tell whether there are more than five to say: a hostile file's
        # millions of dangling links are not all worded (~400 MB of a 52 MB file's refusal).
        problems = list(islice(reference_problems(self), 6))
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
        """A scenario by id, else by name (see :func:`name_key`; the first of that name)."""
        for scenario in self.scenarios:
            if scenario.id == key:
                return scenario
        wanted = name_key(key)
        for scenario in self.scenarios:
            if name_key(scenario.name) == wanted:
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
            # Once per source: a cell may quote one source twice (two pages).
            for source in dict.fromkeys(link.source for link in cell.evidence):
                if source not in source_ids:
                    yield (
                        f"project '{project_id}', criterion '{criterion_id}': evidence "
                        f"source '{source}' does not exist"
                    )
    for scenario in doc.scenarios:
        yield from scenario_problems(scenario, criterion_ids, project_ids)
    yield from screening_problems(doc.screening, project_ids)


def name_key(name: str) -> str:
    """A scenario's name as it is matched: without regard to case, to spacing or to the
    Unicode form an accent is typed in ("sanctions  eased " is "Sanctions eased"; an É typed
    as E and an accent, as some keyboards give it, is É). Only that: compatibility forms stay
    apart ("CO2" and "CO₂", "Phase II" and "Phase Ⅱ" are two names, as they always were)."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def scenario_name_problem(doc: Assessment, scenario: Scenario) -> str | None:
    """Why ``scenario``'s name would be ambiguous among ``doc``'s other scenarios, if it is.

    Scenarios are chosen by name (``--scenario``, the memo's labels), case-insensitively, and
    "Baseline" is what every view calls the document without a scenario."""
    name = name_key(scenario.name)
    if name == "baseline":
        return f"scenario '{scenario.id}': “Baseline” names the document without a scenario"
    for other in doc.scenarios:
        if other.id != scenario.id and name_key(other.name) == name:
            return (
                f"scenario '{scenario.id}': the name “{scenario.name}” is already the name of "
                f"scenario '{other.id}' (names are matched without regard to case, spacing or "
                "how an accent is typed)"
            )
    return None


def duplicate_overrides(scenario: Scenario) -> list[tuple[str, str]]:
    """Cells that ``scenario`` overrides more than once (the last one counts)."""
    seen: set[tuple[str, str]] = set()
    twice: dict[tuple[str, str], None] = {}  # in order of first repeat; a list was quadratic
    for override in scenario.cell_overrides:
        key = (override.project, override.criterion)
        if key in seen:
            twice[key] = None
        seen.add(key)
    return list(twice)


def scenario_problems(
    scenario: Scenario, criterion_ids: set[str], project_ids: set[str]
) -> Iterable[str]:
    """References of one scenario to criteria or projects that do not exist."""
    for criterion_id in scenario.weight_overrides:
        if criterion_id not in criterion_ids:
            yield f"scenario '{scenario.id}': weight of unknown criterion '{criterion_id}'"
    for override in scenario.cell_overrides:
        if override.project not in project_ids:
            yield f"scenario '{scenario.id}': cell of unknown project '{override.project}'"
        if override.criterion not in criterion_ids:
            yield f"scenario '{scenario.id}': cell of unknown criterion '{override.criterion}'"


def parse_assessment(data: Any) -> Assessment:
    """Validate a decoded ``document.json`` body; raise :class:`DocumentError` if invalid.

    A plainly valid body is read by :mod:`rrisk.plainmodel` without building pydantic's
    validators; any other goes through pydantic, whose errors are worded here."""
    if not isinstance(data, dict):
        raise DocumentError("the document is not a JSON object")
    from rrisk.plainmodel import plain_assessment  # it builds on this module

    plain = plain_assessment(data)
    if plain is not None:
        return plain
    unknown = _first_unknown_field(Assessment, data, ())
    if unknown is not None:
        raise DocumentError(describe_unknown_field(*unknown, data))
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        raise DocumentError(describe_validation_error(error, data)) from None


def _held_models(cls: type[BaseModel]) -> list[tuple[str, str, type[BaseModel]]]:
    """The fields of ``cls`` holding models: (field, "one", "list" or "values", the model)."""
    held = []
    for name, field in cls.model_fields.items():
        origin, args = get_origin(field.annotation), get_args(field.annotation)
        kind = "list" if origin is list else "values" if origin is dict else "one"
        inners = args[1:] if kind == "values" else args
        for inner in (field.annotation, *inners):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                held.append((name, kind, inner))
    return held


def _first_unknown_field(
    cls: type[BaseModel], value: Any, loc: tuple[Any, ...]
) -> tuple[tuple[Any, ...], str] | None:
    """(where, the key) of the first key of ``value`` or of a model inside it that its model
    does not have, or None. Checked before pydantic, which reports every unknown key of every
    object: a 260 KB file of 20,000 screening decisions of 150 unknown keys each took 17 s and
    3.9 GB to refuse."""
    if not isinstance(value, dict):
        return None
    for key in value:
        if key not in cls.model_fields:
            return loc, key
    held_models = _HELD_MODELS.get(cls)
    if held_models is None:
        held_models = _HELD_MODELS[cls] = _held_models(cls)
    for name, kind, inner in held_models:
        held = value.get(name)
        if kind == "one":
            items: Iterable[tuple[Any, Any]] = [(None, held)]
        elif kind == "list":
            items = enumerate(held) if isinstance(held, list) else []
        else:
            items = held.items() if isinstance(held, dict) else []
        for key, item in items:
            found = _first_unknown_field(
                inner, item, (*loc, name, *(() if key is None else (key,)))
            )
            if found is not None:
                return found
    return None


_HELD_MODELS: dict[type[BaseModel], list[tuple[str, str, type[BaseModel]]]] = {}


def assessment_to_data(doc: Assessment) -> dict[str, Any]:
    """The JSON-ready body of a document (defaults included, so files are self-describing).

    The cells are written by :func:`rrisk.cells.cells_to_data` and the rest by
    :func:`rrisk.plainmodel.plain_data`, as pydantic's ``model_dump(mode="json")`` writes them:
    through pydantic, its serializer walked the 80,000 cell dicts again after the cells' own
    serializer made them (~0.6 s of a 2,000 × 40 save or fingerprint), and building the
    serializer cost the memo ~30 ms."""
    from rrisk.plainmodel import plain_data  # it builds on this module

    data = plain_data(doc)
    if data is None:
        try:
            data = doc.model_dump(mode="json", exclude={"cells"})
        except OverflowError:
            # An integer set without validation where a decimal goes, too large for one
            # (10**400): written as it is, for the check before saving to word.
            data = doc.model_dump(exclude={"cells"})
    data["cells"] = cells_to_data(doc.cells)
    return {name: data[name] for name in _FIELD_ORDER}


_FIELD_ORDER = tuple(Assessment.model_fields)


def validate_assessment(doc: Assessment) -> None:
    """Re-check an in-memory document (after edits); raise :class:`DocumentError` if invalid."""
    parse_assessment(assessment_to_data(doc))
