"""The document model read without pydantic's validators, when a document is plainly valid.

pydantic validates a document quickly, but it first builds its validators, and that costs
more than the validation (~40 ms here, for the model's 13 classes and the import of its
plugin machinery) in every process that reads a document: the app's start, ``rrisk score``,
``rrisk memo``. Almost every document is plainly valid, so :func:`plain_assessment` *tests*
each field against the model's own rules and builds the models directly; at the first doubt
it returns None and :func:`rrisk.model.parse_assessment` validates with pydantic, which finds
and words the problem exactly as before. Cells are checked by :mod:`rrisk.cells`, as in the
model.

What it accepts is a subset of what pydantic accepts, and gives the same models:

* only the types JSON gives: ``str``, ``int`` (never ``bool``), ``float``, ``list``, ``dict``,
  ``None`` and ``bool`` where a field is a true/false; a whole number where a decimal is
  expected becomes a float, as pydantic makes it (ints beyond 2**53 are left to pydantic);
* ids and patterns matched in full (Python's ``$`` would let a trailing newline through);
* every text checked for length and forbidden characters, names for blankness, dates for
  the calendar, weights for reach, references for existence, all by the model's functions;
* defaults and each model's set of given fields as pydantic sets them.

``tests/rrisk/test_plainmodel.py`` holds it to that: on the templates and on thousands of
altered documents it either declines or gives a model equal to pydantic's, field by field,
with the same fields set.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from rrisk.cells import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    CellScores,
    parse_cells,
    plain_cell_references,
    plain_cell_scores,
)
from rrisk.docparts import (
    MAX_RUNS,
    MAX_SEED,
    MIN_RUNS,
    TEXT_KEY_PATTERN,
    AnalysisSettings,
    NarrativeStamp,
)
from rrisk.model import (
    MAX_WEIGHT,
    RELIABILITY_GRADES,
    STAGES,
    Assessment,
    CellOverride,
    Criterion,
    Project,
    RedLineRule,
    Rubric,
    Scenario,
    Source,
    attachment_problem,
    date_problem,
    reference_problems,
    weight_problem,
)
from rrisk.screening.decisions import HitDecision, Screening, TerritoryOverride
from rrisk.text import FORBIDDEN

M = TypeVar("M", bound=BaseModel)
Check = Callable[[Any], Any]


class _Doubt(Exception):
    """A value this module does not vouch for: pydantic decides, and words any refusal."""


_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}").fullmatch
_TEXT_KEY = re.compile(TEXT_KEY_PATTERN).fullmatch
_DIGEST = re.compile(r"[0-9a-f]{16}").fullmatch
_forbidden = FORBIDDEN.search
_EXACT_FLOAT = 2**53
_set = object.__setattr__
_STR_ONLY = frozenset((str,))


def _id(value: Any) -> str:
    if type(value) is not str or not _ID(value):
        raise _Doubt
    return value


def _text(limit: int, min_length: int = 0) -> Check:
    def check(value: Any) -> str:
        if (
            type(value) is not str
            or not min_length <= len(value) <= limit
            or _forbidden(value) is not None
        ):
            raise _Doubt
        return value

    return check


_short = _text(SHORT_TEXT_MAX)
_long = _text(LONG_TEXT_MAX)


def _name(value: Any) -> str:
    if not _short(value).strip():
        raise _Doubt
    return value


def _integer(low: int, high: int | None = None) -> Check:
    def check(value: Any) -> int:
        if type(value) is not int or value < low or (high is not None and value > high):
            raise _Doubt
        return value

    return check


def _decimal(low: float, high: float = math.inf) -> Check:
    def check(value: Any) -> float:
        if type(value) is int:
            if abs(value) > _EXACT_FLOAT:
                raise _Doubt
            value = float(value)
        elif type(value) is not float:
            raise _Doubt
        if not (math.isfinite(value) and low <= value <= high):
            raise _Doubt
        return value

    return check


def _weight(value: Any) -> float:
    value = _decimal(0.0, MAX_WEIGHT)(value)
    if weight_problem(value):
        raise _Doubt
    return value + 0.0  # as the model's check: -0.0 is 0


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Doubt
    return value


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str:
        if type(value) is not str or value not in choices:
            raise _Doubt
        return value

    return check


def _list(check: Check, max_length: float = math.inf, min_length: int = 0) -> Check:
    def checked(value: Any) -> list[Any]:
        if type(value) is not list or not min_length <= len(value) <= max_length:
            raise _Doubt
        return [check(item) for item in value]

    return checked


def _mapping(key: Check, check: Check) -> Check:
    def checked(value: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise _Doubt
        return {key(k): check(v) for k, v in value.items()}

    return checked


def _checked_by(problem: Callable[[str], str | None], check: Check = _short) -> Check:
    """A text the model checks with a function of its own (a date, an attachment name)."""

    def checked(value: Any) -> Any:
        value = check(value)
        if value is not None and problem(value):
            raise _Doubt
        return value

    return checked


def _result_mark(value: Any) -> tuple[float | None, int | None]:
    if type(value) not in (list, tuple) or len(value) != 2:
        raise _Doubt
    return (_optional(_decimal(0.0, 100.0))(value[0]), _optional(_integer(1))(value[1]))


def _cells(value: Any) -> Any:
    if type(value) is not dict:
        raise _Doubt
    try:
        return parse_cells(value)
    except ValueError:
        raise _Doubt from None


_REQUIRED = object()
_SPECS: dict[type[BaseModel], dict[str, Check]] = {}
_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}


def _model(cls: type[M], **checks: Check) -> Check:
    """The check of one model class: its fields' checks, in the class's field order."""
    if list(checks) != list(cls.model_fields):
        raise AssertionError(f"{cls.__name__}: the checks do not follow the model's fields")
    _SPECS[cls] = checks
    return lambda value: _build(cls, value)


def _default(cls: type[BaseModel], name: str) -> Any:
    """A missing field's value, as pydantic fills it in (a nested model's default, checked)."""
    field = cls.model_fields[name]
    factory = field.default_factory
    if factory is None:
        return _REQUIRED if field.is_required() else field.default
    if isinstance(factory, type) and issubclass(factory, BaseModel):
        return _build(factory, {})
    return factory()  # type: ignore[call-arg]  # list, dict or a list of blank texts


def _build(cls: type[M], data: Any) -> M:
    if type(data) is not dict:
        raise _Doubt
    checks = _SPECS[cls]
    if not set(map(type, data)) <= _STR_ONLY or not data.keys() <= checks.keys():
        raise _Doubt
    values: dict[str, Any] = {}
    for name, check in checks.items():
        if name in data:
            values[name] = check(data[name])
        else:
            value = _default(cls, name)
            if value is _REQUIRED:
                raise _Doubt
            values[name] = value
    return _made(cls, values, set(data))


def _made(cls: type[M], values: dict[str, Any], given: set[str]) -> M:
    """The instance pydantic would have made: its fields, the set given, no extras."""
    made = cls.__new__(cls)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", given)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


_rubric_levels = _list(_short, 5, 5)
_rubric = _model(Rubric, likelihood=_rubric_levels, impact=_rubric_levels)
_red_line_rule = _model(RedLineRule, threshold=_integer(1, 25), reason=_short, basis=_short)
_criterion = _model(
    Criterion,
    id=_id,
    name=_name,
    category=_short,
    description=_long,
    weight=_weight,
    rubric=_rubric,
    red_line_rule=_optional(_red_line_rule),
)
_project = _model(
    Project,
    id=_id,
    name=_name,
    alt_names=_list(_short, 20),
    country=_short,
    region=_short,
    commodities=_list(_short, 50),
    stage=_one_of(STAGES),
    counterparties=_list(_short, 50),
    capex_estimate=_optional(_decimal(0.0)),
    capex_note=_short,
    description=_long,
    strategic_value=_optional(_integer(1, 5)),
    strategic_rationale=_long,
)
_source = _model(
    Source,
    id=_id,
    title=_name,
    publisher=_short,
    author=_short,
    date=_checked_by(lambda value: date_problem(value, "date")),
    url=_short,
    reliability=_one_of(RELIABILITY_GRADES),
    credibility=_integer(1, 6),
    bias_note=_long,
    notes=_long,
    attachment=_checked_by(attachment_problem, _optional(_short)),
)
_cell_override = _model(
    CellOverride,
    project=_id,
    criterion=_id,
    likelihood=_optional(_integer(1, 5)),
    impact=_optional(_integer(1, 5)),
    red_line=_optional(_bool),
    red_line_reason=_optional(_short),
    note=_short,
)
_scenario = _model(
    Scenario,
    id=_id,
    name=_name,
    description=_long,
    weight_overrides=_mapping(_id, _weight),
    cell_overrides=_list(_cell_override),
)
_analysis = _model(AnalysisSettings, runs=_integer(MIN_RUNS, MAX_RUNS), seed=_integer(0, MAX_SEED))


def _text_key(value: Any) -> str:
    if type(value) is not str or not _TEXT_KEY(value):
        raise _Doubt
    return value


def _digest(value: Any) -> str:
    if type(value) is not str or not _DIGEST(value):
        raise _Doubt
    return value


_stamp = _model(NarrativeStamp, digest=_digest, results=_mapping(_id, _result_mark))
_decision = _model(
    HitDecision,
    project=_id,
    counterparty=_short,
    list_name=_short,
    entry_id=_short,
    entry_name=_short,
    matched_name=_short,
    score=_decimal(0.0, 1.0),
    sanctions=_list(_short, 200),
    decision=_one_of(("confirmed", "dismissed")),
    note=_long,
    no_red_line_reason=_long,
)
_territory_override = _model(
    TerritoryOverride, project=_id, territory=_short, justification=_text(LONG_TEXT_MAX)
)
_screening = _model(
    Screening,
    list_name=_short,
    list_as_of=_short,
    decisions=_list(_decision, 20_000),
    territory_overrides=_list(_territory_override, 5_000),
)
_assessment = _model(
    Assessment,
    title=_short,
    subtitle=_short,
    author=_short,
    organisation=_short,
    as_of=_checked_by(lambda value: date_problem(value, "as-of date", days_only=True)),
    classification=_short,
    currency=_short,
    summary=_long,
    recommendation=_long,
    notes=_long,
    criteria=_list(_criterion),
    projects=_list(_project),
    cells=_cells,
    sources=_list(_source),
    scenarios=_list(_scenario),
    analysis=_analysis,
    narrative_stamps=_mapping(_text_key, _stamp),
    screening=_screening,
)


def plain_assessment(data: Any) -> Assessment | None:
    """The document of a decoded ``document.json`` body when it is plainly valid, else None."""
    try:
        document = _build(Assessment, data)
    except (_Doubt, RecursionError):
        return None
    if next(iter(reference_problems(document)), None) is not None:
        return None
    return document


def _all_but_cells(data: Any) -> tuple[Assessment, dict[Any, Any]] | None:
    """The document of a decoded body built without its cells, and its cells as given (a
    mapping, still to be tested), when all but the cells is plainly valid; None at the first
    doubt."""
    if type(data) is not dict:
        return None
    cells = data.get("cells", {})
    if type(cells) is not dict:
        return None
    try:
        document = _build(Assessment, {key: value for key, value in data.items() if key != "cells"})
    except (_Doubt, RecursionError):
        return None
    return document, cells


def plainly_valid(data: Any) -> bool:
    """Whether ``data`` is plainly valid: True only where :func:`plain_assessment` reads it, by
    the same tests, without building the cells, which are the bulk of a document (a cell it
    would read only by its slower road, such as a score of 5.0, is a doubt here).

    Saving checks the body it is about to write as opening will read it, so that a document
    that would not open again is never written. The document in memory was read or built
    through the model's checks and is changed by the app's edits, but models are mutable and
    not every edit builds its values through a check (a cell is replaced field by field), so
    what holds of it is not taken on trust: every value of the body is tested again here, by
    the very tests opening runs. Only the work whose result is thrown away is skipped: the
    80,000 cells and links of a 2,000 × 40 matrix are tested but not built (the rest, a few
    thousand small models, is built, as the references are checked on them), and the cells'
    references are sets of ids compared with the document's, as
    :func:`~rrisk.model.reference_problems` finds them one by one. False at the first doubt:
    the caller then runs :func:`~rrisk.model.parse_assessment`, which reads the body (also by
    pydantic, which accepts what this declines, such as a tuple for a list) and words its
    refusal as opening does. ``tests/rrisk/test_plainmodel.py`` holds it to
    :func:`plain_assessment` on the templates and on thousands of altered documents."""
    read = _all_but_cells(data)
    if read is None:
        return False
    document, cells = read
    named = plain_cell_references(cells)
    if named is None or next(iter(reference_problems(document)), None) is not None:
        return False
    criterion_ids, source_ids = named
    return (
        cells.keys() <= {project.id for project in document.projects}
        and criterion_ids <= {criterion.id for criterion in document.criteria}
        and source_ids <= {source.id for source in document.sources}
    )


def plain_scores(data: Any) -> tuple[Assessment, CellScores] | None:
    """The document of a decoded ``document.json`` body without its cells, and what scoring
    reads of them, when the body is plainly valid (as :func:`plainly_valid` tests it, by the
    very tests :func:`plain_assessment` reads it with); None at the first doubt.

    ``rrisk score`` reads a file to print its ranking. Of a cell, scoring reads the six scores
    and the red line's flag, reason and basis; building 80,000 cells (and their links, and
    checking their references one by one) to read these, then gathering them again into the
    matrix's arrays, was a third of the command's time on a 2,000 × 40 matrix. Here each cell
    is *tested* as opening tests it, every text included, and its scores gathered as
    :func:`rrisk.scoring.compile_matrix` gathers them from built cells
    (:func:`rrisk.cells.plain_cell_scores`); the rest of the document is read as opening
    reads it. A document with any doubt (a refusal to word, a score of 5.0, a cell of an
    unknown criterion) is left to :func:`~rrisk.model.parse_assessment` by the caller, so
    every refusal is worded as before, and a document read either way scores alike
    (``tests/rrisk/test_plainmodel.py`` compiles the matrix both ways on the templates and on
    thousands of altered documents). The document returned holds no cells: it is for
    scoring with ``compile_matrix(document, scenario, cells)`` and printing the results,
    never for anything that reads cells."""
    read = _all_but_cells(data)
    if read is None:
        return None
    document, cells = read
    if next(iter(reference_problems(document)), None) is not None:
        return None  # (a duplicate id, too: the indexes below are then not the matrix's)
    plain = plain_cell_scores(
        cells,
        {project.id: i for i, project in enumerate(document.projects)},
        {criterion.id: j for j, criterion in enumerate(document.criteria)},
    )
    if plain is None:
        return None
    scores, source_ids = plain
    if not source_ids <= {source.id for source in document.sources}:
        return None
    return document, scores


def new_assessment() -> Assessment:
    """A blank document, as ``Assessment()`` makes it, without building pydantic's validator."""
    return _build(Assessment, {})


def narrative_stamp(
    digest: str, results: dict[str, tuple[float | None, int | None]]
) -> NarrativeStamp:
    """A stamp of figures computed here, checked as the model checks a stamp read from a file
    (pydantic's validator words a refusal, which would be a fault of the caller)."""
    data = {"digest": digest, "results": results}
    try:
        return _build(NarrativeStamp, data)
    except _Doubt:
        return NarrativeStamp.model_validate(data)


def stamp_with_result(stamp: NarrativeStamp, key: str, rank: int) -> NarrativeStamp:
    """``stamp`` (made by :func:`narrative_stamp`, so checked) with one result more, an index
    of None and ``rank``, checked as :func:`narrative_stamp` checks its own: a rationale's
    stamp with its cell's scores is made for each of 80,000 cells, and checking every result
    again took four times as long."""
    if type(rank) is not int or rank < 1 or type(key) is not str or not _ID(key):
        return narrative_stamp(stamp.digest, {**stamp.results, key: (None, rank)})
    results = {**stamp.results, key: (None, rank)}
    return _made(NarrativeStamp, {"digest": stamp.digest, "results": results}, _STAMP_FIELDS)


_STAMP_FIELDS = {"digest", "results"}
"""The fields given of every stamp :func:`stamp_with_result` makes, one set for all (pydantic
adds to it only a field assigned, and both are in it already)."""


def plain_data(document: Assessment) -> dict[str, Any] | None:
    """``document.model_dump(mode="json")`` without its cells, written here (so saving and
    fingerprinting build no pydantic serializer), or None when a value is not what validation
    leaves in its field (an edit made without it: an int in a decimal field, a bool for a
    number, a tuple for a list): pydantic then writes it, converting as it always has."""
    try:
        return _model_data(document, skip="cells")
    except (_Doubt, TypeError, ValueError, RecursionError):
        return None


def _model_data(model: Any, skip: str = "") -> dict[str, Any]:
    checks = _SPECS.get(type(model))
    if checks is None:
        raise _Doubt
    return {
        name: _field_data(value, checks[name])
        for name, value in vars(model).items()
        if name != skip
    }


def _field_data(value: Any, check: Check) -> Any:
    """A field's value as pydantic writes it, when the field's check (run again) gives back a
    value of the very same types: then pydantic's serializer has nothing to convert."""
    kind = type(value)
    if kind in _SPECS:
        return _model_data(value)
    if kind is list and value and type(value[0]) in _SPECS:
        return [_model_data(item) for item in value]
    if kind is dict and value and type(next(iter(value.values()))) in _SPECS:
        if any(type(key) is not str for key in value):
            raise _Doubt
        return {key: _model_data(item) for key, item in value.items()}
    if not _same_types(check(value), value):
        raise _Doubt
    return _data(value)


def _same_types(checked: Any, value: Any) -> bool:
    kind = type(value)
    if type(checked) is not kind:
        return False
    if kind is list or kind is tuple:
        return len(checked) == len(value) and all(map(_same_types, checked, value))
    if kind is dict:
        return all(_same_types(checked[key], item) for key, item in value.items())
    return True


def _data(value: Any) -> Any:
    """A checked value as JSON: tuples become lists, as pydantic writes them."""
    kind = type(value)
    if kind is list or kind is tuple:
        return [_data(item) for item in value]
    if kind is dict:
        return {key: _data(item) for key, item in value.items()}
    return value
