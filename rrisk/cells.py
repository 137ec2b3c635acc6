"""Cells and their evidence links: the bulk of every document, parsed by hand for speed.

Everything else in the model is validated by pydantic. Cells are not: a 2,000 × 40 matrix has
80,000 of them, and building 80,000 pydantic models (plus their evidence) took 1.2–1.8 s here
(``bench/bench_core.py``), against well under a second wanted for open + score. So cells are
slotted dataclasses checked by :func:`parse_cell`, which gives the same kind of messages
(``likelihood 7 is outside 1–5``). Their field types still carry the constraints in
``Annotated`` metadata, from which pydantic generates the JSON Schema.

``Cell`` offers the small part of the pydantic API the rest of the code uses
(``model_validate``, ``model_dump``, ``model_copy``), so callers treat every model alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from itertools import chain, repeat
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import Field, ValidationError

from rrisk import stopping
from rrisk.text import FORBIDDEN, forbidden_character, has_forbidden, quoted

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
"""Stable ids: lower-case ASCII, digits, ``_ . -``; at most 64 characters."""
ID_RULE = (
    "lower-case letters a–z, digits, '_', '.', '-', beginning with a letter or digit; "
    "at most 64 characters"
)
"""What :data:`ID_PATTERN` allows, as a refusal says it ('mine-ä' and '-mine' are refused:
"lower-case letters" alone read as allowing both)."""

_ID = re.compile(ID_PATTERN)  # used with fullmatch: "$" alone lets a trailing newline through
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 20_000
MAX_EVIDENCE = 200
CELL_STATUSES = ("unassessed", "draft", "reviewed")
SCORE_FIELDS = (
    "likelihood",
    "impact",
    "likelihood_low",
    "likelihood_high",
    "impact_low",
    "impact_high",
)


@dataclass(slots=True)
class Evidence:
    """A link from a cell to a source, with the quote or page that supports the score."""

    source: Annotated[str, Field(pattern=ID_PATTERN)]
    quote: Annotated[str, Field(max_length=LONG_TEXT_MAX)] = ""
    page: Annotated[str, Field(max_length=SHORT_TEXT_MAX)] = ""


Score = Annotated[int, Field(ge=1, le=5)]


@dataclass(slots=True)
class Cell:
    """One project scored on one criterion. Assessed when both likelihood and impact are set."""

    likelihood: Score | None = None
    impact: Score | None = None
    likelihood_low: Score | None = None
    likelihood_high: Score | None = None
    impact_low: Score | None = None
    impact_high: Score | None = None
    rationale: Annotated[str, Field(max_length=LONG_TEXT_MAX)] = ""
    evidence: Annotated[list[Evidence], Field(max_length=MAX_EVIDENCE)] = field(
        default_factory=list
    )
    red_line: bool = False
    red_line_reason: Annotated[str, Field(max_length=SHORT_TEXT_MAX)] = ""
    red_line_basis: Annotated[str, Field(max_length=SHORT_TEXT_MAX)] = ""
    status: Literal["unassessed", "draft", "reviewed"] = "draft"

    @property
    def assessed(self) -> bool:
        return self.likelihood is not None and self.impact is not None

    @property
    def risk(self) -> int | None:
        """Cell risk L×I (1–25), or None when unassessed."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact

    # -- the pydantic-like API -------------------------------------------------------------
    @classmethod
    def model_validate(cls, data: Any) -> Cell:
        """Validate a plain dict; raise pydantic's ``ValidationError``, as the other models do."""
        try:
            return parse_cell(data)
        except ValueError as error:
            raise ValidationError.from_exception_data(
                "Cell",
                [{"type": "value_error", "loc": (), "input": data, "ctx": {"error": error}}],
            ) from None

    def model_dump(self, mode: str = "python", exclude_defaults: bool = False) -> dict[str, Any]:
        return cell_to_data(self, exclude_defaults=exclude_defaults)

    def model_copy(self, update: dict[str, Any] | None = None, deep: bool = False) -> Cell:
        """A copy with ``update`` applied and re-validated (evidence lists are always copied)."""
        data = cell_to_data(self)
        data.update(update or {})
        return Cell.model_validate(data)


_CELL_FIELDS = tuple(f.name for f in fields(Cell))
_CELL_FIELD_SET = frozenset(_CELL_FIELDS)


def _check_text(name: str, value: Any, limit: int) -> str:
    label = name.replace("_", " ")
    if not isinstance(value, str):
        raise ValueError(f"{label} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{label} is {len(value):,} characters; at most {limit:,}")
    problem = forbidden_character(value)
    if problem:
        raise ValueError(f"{label} {problem}")
    return value


_EVIDENCE_KEYS = frozenset(("source", "quote", "page"))
_forbidden_search = FORBIDDEN.search


def _text_ok(value: Any, limit: int) -> bool:
    """The fast test of a text field; :func:`_check_text` says what is wrong when it fails."""
    return value.__class__ is str and (
        not value or (len(value) <= limit and _forbidden_search(value) is None)
    )


def _parse_evidence(item: Any, position: int) -> Evidence:
    if isinstance(item, Evidence):
        item = {"source": item.source, "quote": item.quote, "page": item.page}
    if not isinstance(item, dict):
        raise ValueError(f"evidence {position} must be an object")
    if not item.keys() <= _EVIDENCE_KEYS:
        unknown = sorted(set(item) - _EVIDENCE_KEYS)[0]
        raise ValueError(f"evidence {position}: unknown field {quoted(unknown)}")
    source = item.get("source")
    if source is None:
        raise ValueError(f"evidence {position}: no source, every link names the source it cites")
    if source.__class__ is not str or not _ID.fullmatch(source):
        raise ValueError(
            f"evidence {position}: source {quoted(source)} is not a valid id ({ID_RULE})"
        )
    quote = item.get("quote", "")
    page = item.get("page", "")
    if not (_text_ok(quote, LONG_TEXT_MAX) and _text_ok(page, SHORT_TEXT_MAX)):
        try:
            _check_text("quote", quote, LONG_TEXT_MAX)
            _check_text("page", page, SHORT_TEXT_MAX)
        except ValueError as error:
            raise ValueError(f"evidence {position}: {error}") from None
    return Evidence(source, quote, page)


def _score_value(name: str, value: Any) -> int:
    """A likelihood/impact value that is not a plain 1–5 int: convert it, or say why not."""
    if type(value) is not int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            label = name.replace("_", " ")
            raise ValueError(f"{label} must be a whole number 1–5, not {quoted(value)}")
    if not 1 <= value <= 5:
        raise ValueError(f"{name.replace('_', ' ')} {quoted(value)} is outside 1–5")
    return value


def parse_cell(data: Any) -> Cell:
    """Validate one cell given as a dict (or a Cell); raise ``ValueError`` naming the field.

    Every check has a fast path for the common, valid case (this runs 80,000 times when a
    2,000 × 40 matrix is opened); the detailed message is built only when a check fails.
    """
    if isinstance(data, Cell):
        data = cell_to_data(data)
    if not isinstance(data, dict):
        raise ValueError("a cell must be an object")
    if not data.keys() <= _CELL_FIELD_SET:
        unknown = next(key for key in data if key not in _CELL_FIELD_SET)
        raise ValueError(f"unknown field {quoted(unknown)}")
    get = data.get
    scores: dict[str, int | None] = {}
    for name in SCORE_FIELDS:
        value = get(name)
        if value is not None and (value.__class__ is not int or not 1 <= value <= 5):
            value = _score_value(name, value)
        scores[name] = value
    for name in ("likelihood", "impact"):
        mode, low, high = scores[name], scores[f"{name}_low"], scores[f"{name}_high"]
        if low is None and high is None:
            continue
        if low is not None and high is not None and low > high:
            raise ValueError(f"{name} range {low}–{high} has low above high")
        if mode is not None and low is not None and low > mode:
            raise ValueError(f"{name} low {low} is above the {name} {mode}")
        if mode is not None and high is not None and high < mode:
            raise ValueError(f"{name} high {high} is below the {name} {mode}")
    evidence = get("evidence", ())
    if not isinstance(evidence, (list, tuple)):
        raise ValueError("evidence must be a list")
    if len(evidence) > MAX_EVIDENCE:
        raise ValueError(f"{len(evidence)} evidence links; at most {MAX_EVIDENCE}")
    red_line = get("red_line", False)
    if red_line.__class__ is not bool:
        raise ValueError(f"red line must be true or false, not {quoted(red_line)}")
    status = get("status", "draft")
    if status not in CELL_STATUSES:
        raise ValueError(f"status {quoted(status)} is not one of {', '.join(CELL_STATUSES)}")
    rationale = get("rationale", "")
    reason = get("red_line_reason", "")
    basis = get("red_line_basis", "")
    if not (
        _text_ok(rationale, LONG_TEXT_MAX)
        and _text_ok(reason, SHORT_TEXT_MAX)
        and _text_ok(basis, SHORT_TEXT_MAX)
    ):
        _check_text("rationale", rationale, LONG_TEXT_MAX)
        _check_text("red_line_reason", reason, SHORT_TEXT_MAX)
        _check_text("red_line_basis", basis, SHORT_TEXT_MAX)
    return Cell(
        rationale=rationale,
        evidence=[_parse_evidence(item, k + 1) for k, item in enumerate(evidence)],
        red_line=red_line,
        red_line_reason=reason,
        red_line_basis=basis,
        status=status,
        **scores,
    )


def _evidence_to_data(link: Evidence, exclude_defaults: bool) -> dict[str, str]:
    if not exclude_defaults:
        return {"source": link.source, "quote": link.quote, "page": link.page}
    data = {"source": link.source}
    if link.quote:
        data["quote"] = link.quote
    if link.page:
        data["page"] = link.page
    return data


def cell_to_data(cell: Cell, exclude_defaults: bool = False) -> dict[str, Any]:
    """A JSON-ready dict of a cell; with ``exclude_defaults`` only what differs from a new cell."""
    if exclude_defaults:
        return _changed_fields(cell)
    data: dict[str, Any] = {name: getattr(cell, name) for name in _CELL_FIELDS}
    data["evidence"] = [_evidence_to_data(link, False) for link in cell.evidence]
    return data


def _changed_fields(cell: Cell) -> dict[str, Any]:
    """What differs from a new cell, in field order: what files hold for each of (up to)
    80,000 cells, written out field by field because saving and fingerprinting a large matrix
    spend their time here (``tests/rrisk/test_cells_fast.py`` checks it against every field
    compared with a new cell's)."""
    data: dict[str, Any] = {}
    if cell.likelihood is not None:
        data["likelihood"] = cell.likelihood
    if cell.impact is not None:
        data["impact"] = cell.impact
    if cell.likelihood_low is not None:
        data["likelihood_low"] = cell.likelihood_low
    if cell.likelihood_high is not None:
        data["likelihood_high"] = cell.likelihood_high
    if cell.impact_low is not None:
        data["impact_low"] = cell.impact_low
    if cell.impact_high is not None:
        data["impact_high"] = cell.impact_high
    if cell.rationale != "":
        data["rationale"] = cell.rationale
    if cell.evidence != []:
        data["evidence"] = [_evidence_to_data(link, True) for link in cell.evidence]
    if cell.red_line != False:  # noqa: E712 - the default's own comparison, as for every field
        data["red_line"] = cell.red_line
    if cell.red_line_reason != "":
        data["red_line_reason"] = cell.red_line_reason
    if cell.red_line_basis != "":
        data["red_line_basis"] = cell.red_line_basis
    if cell.status != "draft":
        data["status"] = cell.status
    return data


def cells_to_data(cells: dict[str, dict[str, Cell]]) -> dict[str, dict[str, Any]]:
    """The ``cells`` of ``document.json``: each cell's fields that differ from a new cell."""
    changed = _changed_fields
    try:
        return {
            project_id: {criterion_id: changed(cell) for criterion_id, cell in row.items()}
            for project_id, row in cells.items()
        }
    except (AttributeError, TypeError):
        return _as_they_are(cells)


def _as_they_are(cells: Any) -> Any:
    """The ``cells`` of :func:`cells_to_data` where a row, a cell or a cell's evidence was set
    without validation to what is none (evidence of a number, a cell of None): such a value
    is written as it is, so that the check before saving says what and where it is (it was a
    traceback)."""
    if not isinstance(cells, dict):
        return cells
    data: dict[Any, Any] = {}
    for project_id, row in cells.items():
        if not isinstance(row, dict):
            data[project_id] = row
            continue
        data[project_id] = written = {}
        for criterion_id, cell in row.items():
            if not isinstance(cell, Cell):
                written[criterion_id] = cell
                continue
            try:
                written[criterion_id] = _changed_fields(cell)
            except (AttributeError, TypeError):
                fields = {name: getattr(cell, name) for name in _CELL_FIELDS}
                if isinstance(cell.evidence, list):
                    fields["evidence"] = [
                        _evidence_to_data(link, True) if isinstance(link, Evidence) else link
                        for link in cell.evidence
                    ]
                written[criterion_id] = fields
    return data


_STATUS_SET = frozenset(CELL_STATUSES)
_NO_LINKS: list[Any] = []  # only ever read
_NO_TEXT = ""  # the default of a text a cell leaves out, told from others by identity
_SCORE_TYPES = frozenset((int, type(None)))
_SCORE_VALUES = frozenset((None, 1, 2, 3, 4, 5))


def ranges_in_order(scores: tuple[int | None, ...]) -> bool:
    """Whether the ranges of six valid scores (likelihood, impact, then the four bounds) each
    have low ≤ high and hold their score."""
    for mode, low, high in ((scores[0], *scores[2:4]), (scores[1], *scores[4:6])):
        if low is not None and high is not None and low > high:
            return False
        if mode is not None and (
            (low is not None and low > mode) or (high is not None and high < mode)
        ):
            return False
    return True


def _plainly_valid_cells(data: dict[Any, Any]) -> dict[str, dict[str, Cell]] | None:
    """Every cell, when each is plainly valid; None at the first doubt.

    Opening a 2,000 × 40 matrix runs this over 80,000 cells, so it only *tests*: ids seen
    once are remembered; the scores' types, then each distinct tuple of scores (its values
    and ranges), and the texts' types, lengths and forbidden characters are checked at the
    end over all of them at once (a text a cell leaves out is not even gathered); and no
    message is built. Anything unusual (a float score, an unknown field, a bad id…) returns
    None and :func:`parse_cells` validates again cell by cell, so the first problem is found
    and worded exactly as before.
    """
    plain = _plain_cells(data, build=True)
    return None if plain is None else plain[0]


def plain_cell_references(data: dict[Any, Any]) -> tuple[set[str], set[str]] | None:
    """The criterion ids and the source ids that the cells ``data`` name (the project ids are
    its keys), when :func:`parse_cells` would read every cell by its plain path; None at the
    first doubt. The same test as opening's, one pass, without building a cell: what a save
    checks of the cells it is about to write (half the time of reading them)."""
    plain = _plain_cells(data, build=False)
    return None if plain is None else plain[1:3]


class CellScores(NamedTuple):
    """What scoring reads of the cells, gathered as :func:`rrisk.scoring.compile_matrix`
    gathers it from built cells: each cell's row and column in the matrix and its scores
    (:data:`SCORE_FIELDS`), in the cells' order, and the (few) cells with a red line, a
    red-line reason or a basis, as (row, column, red line, reason, basis)."""

    rows: list[int]
    cols: list[int]
    values: list[tuple[int | None, ...]]
    red_lines: list[tuple[int, int, bool, str, str]]


def plain_cell_scores(
    data: dict[Any, Any], project_index: dict[str, int], criterion_index: dict[str, int]
) -> tuple[CellScores, set[str]] | None:
    """What scoring reads of the cells ``data`` and the source ids they name, when
    :func:`parse_cells` would read every cell by its plain path and each names a project and a
    criterion of the indexes given (a row of the document's projects, a column of its
    criteria); None at the first doubt. Opening's own test, one pass, without building a
    cell: what ``rrisk score`` reads of a large matrix (:func:`rrisk.plainmodel.plain_scores`)."""
    plain = _plain_cells(data, build=False, index=(project_index, criterion_index))
    if plain is None:
        return None
    _, _, source_ids, scores = plain
    assert scores is not None  # (gathered whenever indexes are given)
    return scores, source_ids


def _plain_cells(
    data: dict[Any, Any],
    build: bool,
    index: tuple[dict[str, int], dict[str, int]] | None = None,
) -> tuple[dict[str, dict[str, Cell]], set[str], set[str], CellScores | None] | None:
    """The cells read (when ``build``; else none), the criterion and source ids they name, and
    with ``index`` (the rows of the projects and the columns of the criteria) what scoring
    reads of them, when every cell is plainly valid and, with ``index``, in the matrix; None
    at the first doubt (see :func:`_plainly_valid_cells`)."""
    good_ids: set[Any] = set()  # project and criterion ids
    criterion_ids: set[str] = set()
    source_ids: set[Any] = set()
    long_texts: list[Any] = []  # rationales and quotes
    short_texts: list[Any] = []  # red-line reasons and bases, pages
    keep_long = long_texts.append
    keep_short = short_texts.append
    fields = _CELL_FIELD_SET
    evidence_keys = _EVIDENCE_KEYS
    statuses = _STATUS_SET
    match = _ID.fullmatch
    parsed: dict[str, dict[str, Cell]] = {}
    gather = index is not None
    project_index, criterion_index = index if index is not None else ({}, {})
    rows: list[int] = []
    cols: list[int] = []
    values: list[tuple[int | None, ...]] = []
    red_lines: list[tuple[int, int, bool, str, str]] = []
    keep_scores = values.append
    should_stop = stopping.current()  # (a read cancelled meanwhile stops at the next row)
    for project_id, row in data.items():
        stopping.stop_point(should_stop)
        if project_id not in good_ids:
            if project_id.__class__ is not str or not match(project_id):
                return None
            good_ids.add(project_id)
        if row.__class__ is not dict:
            return None
        parsed_row: dict[str, Cell] = {}
        criterion_ids.update(row)
        if gather:
            i = project_index.get(project_id)
            columns = list(map(criterion_index.get, row))
            if i is None or None in columns:
                return None  # a cell outside the matrix: a problem of references
            rows.extend(repeat(i, len(columns)))
            cols.extend(columns)  # type: ignore[arg-type]  # no None, tested above
        for criterion_id, cell in row.items():
            if criterion_id not in good_ids:
                if criterion_id.__class__ is not str or not match(criterion_id):
                    return None
                good_ids.add(criterion_id)
            if cell.__class__ is not dict or not cell.keys() <= fields:
                return None
            get = cell.get
            scores = (
                get("likelihood"),
                get("impact"),
                get("likelihood_low"),
                get("likelihood_high"),
                get("impact_low"),
                get("impact_high"),
            )
            keep_scores(scores)  # (tested at the end, all at once)
            links = get("evidence", _NO_LINKS)  # (left out of the file when there are none)
            if links.__class__ is not list or len(links) > MAX_EVIDENCE:
                return None
            evidence = []
            for link in links:
                if link.__class__ is not dict or not link.keys() <= evidence_keys:
                    return None
                source = link.get("source")
                if source.__class__ is not str:  # (a list here would be unhashable)
                    return None
                if source not in source_ids:
                    if not match(source):
                        return None
                    source_ids.add(source)
                quote = link.get("quote", "")
                page = link.get("page", "")
                keep_long(quote)
                keep_short(page)
                if build:
                    evidence.append(Evidence(source, quote, page))
            red_line = get("red_line", False)
            status = get("status", "draft")
            if red_line.__class__ is not bool or status.__class__ is not str:
                return None
            if status not in statuses:
                return None
            rationale = get("rationale", "")
            reason = get("red_line_reason", _NO_TEXT)
            basis = get("red_line_basis", _NO_TEXT)
            keep_long(rationale)
            if reason is not _NO_TEXT:  # (most cells have none: nothing to test)
                keep_short(reason)
            if basis is not _NO_TEXT:
                keep_short(basis)
            if gather and (red_line or reason or basis):  # (texts, or the end test declines)
                red_lines.append(
                    (i, criterion_index[criterion_id], red_line, reason, basis)  # type: ignore[arg-type]
                )
            if build:
                parsed_row[criterion_id] = Cell(
                    *scores,
                    rationale,
                    evidence,
                    red_line,
                    reason,
                    basis,
                    status,  # type: ignore[arg-type]  # one of CELL_STATUSES, checked above
                )
        if build:
            parsed[project_id] = parsed_row
    # Every score an int or None, then each distinct tuple of them (a matrix has a few
    # hundred) 1–5 with its ranges in order: of ints alone, tuples equal only when they are
    # the same (a set of them would take 1.0 or True for a 1 already seen).
    if not set(map(type, chain.from_iterable(values))) <= _SCORE_TYPES:
        return None
    for distinct in set(values):
        if not set(distinct) <= _SCORE_VALUES or not ranges_in_order(distinct):
            return None
    # Every text a str (joined, each is text: a str of its own kind, as the full reading takes
    # it, is taken too) within its length, and no forbidden character in any: forbidden
    # characters are single characters, so joining the texts creates none.
    try:
        joined = "".join(long_texts), "".join(short_texts)
    except TypeError:
        return None
    if max(map(len, long_texts), default=0) > LONG_TEXT_MAX:
        return None
    if max(map(len, short_texts), default=0) > SHORT_TEXT_MAX:
        return None
    if has_forbidden(joined[0]) or has_forbidden(joined[1]):
        return None
    gathered = CellScores(rows, cols, values, red_lines) if gather else None
    return parsed, criterion_ids, source_ids, gathered


def parse_cells(data: Any) -> dict[str, dict[str, Cell]]:
    """Validate the ``cells`` mapping (project id → criterion id → cell)."""
    if isinstance(data, dict):
        fast = _plainly_valid_cells(data)
        if fast is not None:
            return fast
    if not isinstance(data, dict):
        raise ValueError("cells must be an object keyed by project id")
    parsed: dict[str, dict[str, Cell]] = {}
    should_stop = stopping.current()
    for project_id, row in data.items():
        stopping.stop_point(should_stop)
        if not isinstance(project_id, str) or not _ID.fullmatch(project_id):
            # Quoted short: a 700-character key pushed the problem out of the message.
            raise ValueError(
                f"cells: project id {quoted(project_id, 60)} is not a valid id ({ID_RULE})"
            )
        if not isinstance(row, dict):
            raise ValueError(f"cells: project '{project_id}' must map criterion ids to cells")
        parsed_row: dict[str, Cell] = {}
        for criterion_id, cell in row.items():
            if not isinstance(criterion_id, str) or not _ID.fullmatch(criterion_id):
                raise ValueError(
                    f"cells: project '{project_id}': criterion id {quoted(criterion_id, 60)} is "
                    f"not a valid id ({ID_RULE})"
                )
            try:
                parsed_row[criterion_id] = parse_cell(cell)
            except ValueError as error:
                raise ValueError(
                    f"project '{project_id}', criterion '{criterion_id}': {error}"
                ) from None
        parsed[project_id] = parsed_row
    return parsed
