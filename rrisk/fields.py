"""Live figures in narrative text: ``{{index:tomtor}}`` prints Tomtor's risk index.

Syntax (documented in the README)::

    {{FIGURE:PROJECTS@SCENARIO|FORMAT}}      e.g. {{index:tomtor}}, {{band:pikalevo@eased}},
    {{leader}}  {{count:excluded}}               {{index:tomtor,seligdar@eased|0}}

* FIGURE per project: ``name``, ``index``, ``rank``, ``band``, ``coverage``, ``status``, and
  the Monte Carlo figures ``p10``, ``p50``, ``p90``, ``prob_first`` (computed only when a
  text cites them, with the document's runs and seed).
* PROJECTS: a project id, ``leader`` (the first-ranked project), or several ids separated by
  commas: ``index``/``p10``/``p50``/``p90`` then print the span ``51.0–55.0`` and ``band`` the
  common band or ``Medium to High``.
* ``{{leader}}`` is the name of the first-ranked project; ``{{count:WHAT}}`` counts
  ``ranked``, ``excluded``, ``projects``, ``criteria``, ``sources`` or ``scenarios``.
* ``@SCENARIO`` (an id, or ``baseline``) fixes the scenario; without it a field follows the
  scenario the memo is written for.
* FORMAT: ``0`` whole points (the table's figure rounded half up), ``ordinal`` for ranks
  (``first``), ``word``/``Word`` for counts (``seven``/``Seven``); a format on a figure it
  does not apply to is an error, not silently ignored.

Figures print exactly as the memo's tables print them (:mod:`rrisk.fmt`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rrisk.docparts import MAX_RUNS
from rrisk.errors import RRiskError, ScenarioError
from rrisk.fmt import (
    fmt_count_word,
    fmt_index,
    fmt_interval,
    fmt_ordinal,
    fmt_percent,
    fmt_probability,
    fmt_whole,
)
from rrisk.text import Places

if TYPE_CHECKING:
    from rrisk.analysis import MonteCarloResult
    from rrisk.model import Assessment
    from rrisk.scoring import ScoreResult

FIELD = re.compile(r"\{\{([^{}]{0,300})\}\}")
"""A field: anything between ``{{`` and ``}}`` (no braces inside, bounded length)."""

PROJECT_FIGURES = ("name", "index", "rank", "band", "coverage", "status")
MONTE_CARLO_FIGURES = ("p10", "p50", "p90", "prob_first")
COUNTS = ("ranked", "excluded", "projects", "criteria", "sources", "scenarios")
FORMATS = ("0", "ordinal", "word", "Word")
_SPAN_FIGURES = ("index", "p10", "p50", "p90", "band")
_FORMAT_FIGURES = {
    "0": ("index", "p10", "p50", "p90"),
    "ordinal": ("rank",),
    "word": ("count",),
    "Word": ("count",),
}
"""The figures each format applies to: any other use is refused, not silently ignored."""
_BAND_ORDER = ("Low", "Medium", "High", "Critical")
NO_FIGURE = "—"
"""What a field prints when its project has no such figure (unscored, excluded, no leader)."""
NO_LEADER = "(no project ranked)"
"""What ``{{leader}}`` prints when no project is ranked: said, rather than an empty dash where
a name is expected."""


class FieldError(RRiskError):
    """A field names an unknown figure, project, scenario or format."""


@dataclass(frozen=True)
class Field:
    """One parsed field."""

    raw: str
    figure: str
    targets: tuple[str, ...]
    scenario: str | None
    style: str | None

    @property
    def monte_carlo(self) -> bool:
        return self.figure in MONTE_CARLO_FIGURES


def parse_field(body: str) -> Field:
    """Parse the inside of ``{{…}}``; raise :class:`FieldError` on a malformed field."""
    raw = "{{" + body + "}}"
    text = body.strip()
    style = None
    if "|" in text:
        text, style = (part.strip() for part in text.split("|", 1))
    scenario = None
    if "@" in text:
        text, scenario = (part.strip() for part in text.split("@", 1))
    figure, _, argument = (part.strip() for part in text.partition(":"))
    targets = tuple(t.strip() for t in argument.split(",")) if argument else ()
    if figure == "leader" and not targets:
        figure, targets = "name", ("leader",)
    known = PROJECT_FIGURES + MONTE_CARLO_FIGURES + ("count",)
    if figure not in known:
        raise FieldError(f"field {raw}: unknown figure '{figure}' (known: {', '.join(known)})")
    if not targets or any(not t for t in targets):
        raise FieldError(f"field {raw}: name a project after '{figure}:'")
    if style is not None and style not in FORMATS:
        raise FieldError(f"field {raw}: unknown format '{style}' (known: {', '.join(FORMATS)})")
    if style is not None and figure not in _FORMAT_FIGURES[style]:
        raise FieldError(
            f"field {raw}: the format '{style}' is for {' or '.join(_FORMAT_FIGURES[style])}, "
            f"not {figure}"
        )
    if len(targets) > 1 and figure not in _SPAN_FIGURES:
        raise FieldError(f"field {raw}: '{figure}' takes one project, not a list")
    if figure == "count" and targets[0] not in COUNTS:
        raise FieldError(f"field {raw}: unknown count '{targets[0]}' (known: {', '.join(COUNTS)})")
    return Field(raw, figure, targets, scenario, style)


def iter_fields(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Every ``{{…}}`` in ``text`` with its inside."""
    for match in FIELD.finditer(text):
        yield match, match.group(1)


_BRACE_PAIRS = re.compile(r"\{\{|\}\}")
_SINGLE_BRACED = re.compile(r"(?<!\{)\{([^{}]{1,300})\}(?!\})")

BRACES = ("{", "}}")
"""What a text holds when it may hold a field or a brace that meant one (see
:func:`stray_braces`): the texts :func:`narrative_texts` gives the check."""


def stray_braces(text: str) -> list[str]:
    """The words around each brace pair of ``text`` that belongs to no field ("{{index:x}"
    left open, "{index:x}}" or "{{{index:x}}" with one brace too few or too many, a whole
    field in single braces: "{index:x}"), in order; empty when there is none. The memo would
    print such braces as written, so a field the writer meant would be missing. Every one is
    named, not only the first, so that one run of the check lists them all; the places of
    one word ("{{{index:x}}}" has one too many on each side) are named once."""
    if "{" not in text and "}}" not in text:
        return []
    spans = [match.span() for match in FIELD.finditer(text)]
    starts = {start for start, _ in spans}
    ends = {end for _, end in spans}
    places = [
        match.start()
        for match in _BRACE_PAIRS.finditer(text)
        if match.start() not in starts and match.end() not in ends
    ]
    places += [start - 1 for start, _ in spans if start > 0 and text[start - 1] == "{"]
    places += [end for _, end in spans if text[end : end + 1] == "}"]
    for match in _SINGLE_BRACED.finditer(text):  # "{index:x}": a field, had it two braces
        try:
            parse_field(match.group(1))
        except FieldError:
            continue  # braces around something else ("{a, b}") are the writer's own
        places.append(match.start())
    found: list[str] = []
    word_spans = [match.span() for match in re.finditer(r"\S+", text)] if places else []
    word_starts = [start for start, _ in word_spans]
    words: set[tuple[int, int]] = set()
    for where in sorted(set(places)):
        index = bisect.bisect_right(word_starts, where) - 1
        in_word = index >= 0 and where < word_spans[index][1]
        word = word_spans[index] if in_word else (where, where)
        if word in words:
            continue  # the same run of braces ("{{{index:x}}}" has two places): named once
        words.add(word)
        found.append(" ".join(_words_around(text, word_spans, index, where).split()))
    return found


def _words_around(text: str, word_spans: list[tuple[int, int]], index: int, where: int) -> str:
    """The word holding the brace at ``where`` (``word_spans[index]``) with the word either
    side when it is short and holds no brace: a quote never starts inside a field that is fine
    ("{index:a}}] OPEN[…" read as the mistake), and two mistakes side by side are quoted
    apart. A very long word is cut around the brace."""

    def plain(span: tuple[int, int]) -> bool:
        word = text[span[0] : span[1]]
        return len(word) <= 30 and "{" not in word and "}" not in word

    start, end = word_spans[index] if index >= 0 else (where, where)
    if index > 0 and plain(word_spans[index - 1]):
        start = word_spans[index - 1][0]
    if 0 <= index < len(word_spans) - 1 and plain(word_spans[index + 1]):
        end = word_spans[index + 1][1]
    return text[max(start, where - 60) : min(end, where + 60)]


def leader_row(result: ScoreResult) -> int | None:
    """The row of the project ranked first (what ``{{leader}}`` cites), or None."""
    ranked = [int(row) for row in result.order if result.rank[row] == 1]
    return ranked[0] if ranked else None


def has_fields(text: str) -> bool:
    return "{{" in text and FIELD.search(text) is not None


def other_runs_allowed(document: Assessment) -> int:
    """How many scenarios other than the memo's own may have their Monte Carlo figures cited:
    each needs a run of the document's runs, and together they may draw no more than one run
    of the most runs allowed (at 10,000 runs, 100 scenarios; at 1,000,000, one). Without this
    bound a small file citing one figure under each of its 200 scenarios at a million runs
    kept a memo busy for most of an hour."""
    return max(1, MAX_RUNS // max(1, document.analysis.runs))


def too_many_runs(document: Assessment) -> str:
    allowed = other_runs_allowed(document)
    scenarios = "one other scenario" if allowed == 1 else f"{allowed:,} other scenarios"
    return (
        f"Monte Carlo figures are cited under more than {scenarios}; each needs its own run of "
        f"{document.analysis.runs:,}, so cite fewer scenarios or lower the runs"
    )


class FieldResolver:
    """Resolves fields of one document under one scenario; scores and runs on demand.

    ``scores`` and ``runs`` may be pre-filled by a caller that already computed them (the
    memo), keyed by scenario id with ``""`` for the baseline, so nothing is computed twice.
    """

    def __init__(
        self,
        document: Assessment,
        scenario: str | None = None,
        *,
        scores: dict[str, ScoreResult] | None = None,
        runs: dict[str, MonteCarloResult] | None = None,
        monte_carlo: Callable[[str], MonteCarloResult] | None = None,
        run_monte_carlo: bool = True,
    ) -> None:
        """``run_monte_carlo`` False: a Monte Carlo figure prints "—", and no run starts (a
        version of the document other than the one a memo is about)."""
        self.document = document
        self._run_monte_carlo = run_monte_carlo
        self.scenario = scenario or ""
        self._scores: dict[str, ScoreResult] = dict(scores or {})
        self._runs: dict[str, MonteCarloResult] = dict(runs or {})
        self._monte_carlo = monte_carlo
        self._project_ids = {p.id for p in document.projects}
        self._scenario_ids = {s.id for s in document.scenarios}
        self._too_many_runs: bool | None = None
        """Whether the texts cite Monte Carlo figures under more other scenarios than
        :func:`other_runs_allowed` (found when a first such field is met)."""

    # -- results on demand -------------------------------------------------------------------
    def score(self, scenario: str) -> ScoreResult:
        if scenario not in self._scores:
            from rrisk.scoring import score

            self._scores[scenario] = score(self.document, scenario or None)
        return self._scores[scenario]

    def uncertainty(self, scenario: str) -> MonteCarloResult:
        if scenario not in self._runs:
            if scenario != self.scenario and self._over_budget():
                raise FieldError(too_many_runs(self.document))
            if self._monte_carlo is not None:
                self._runs[scenario] = self._monte_carlo(scenario)
            else:
                from rrisk.analysis import monte_carlo

                settings = self.document.analysis
                self._runs[scenario] = monte_carlo(
                    self.document, scenario or None, runs=settings.runs, seed=settings.seed
                )
        return self._runs[scenario]

    # -- resolving ---------------------------------------------------------------------------
    def field_value(self, field: Field) -> str:
        """The printed value of one field; raise :class:`FieldError` naming the field."""
        scenario = self._scenario_of(field)
        if field.figure == "count":
            return self._styled_count(field, self._count(field.targets[0], scenario))
        result = self.score(scenario)
        rows = [self._row(field, result, target) for target in field.targets]
        if any(row is None for row in rows):
            return NO_LEADER if field.figure == "name" else NO_FIGURE
        values = [self._figure(field, result, scenario, row) for row in rows if row is not None]
        if len(values) == 1:
            return self._styled(field, values[0])
        # A span covers the projects that have the figure; those that do not (unscored) are
        # counted after it rather than dropped unsaid or printed as a band.
        if field.figure == "band":
            bands = sorted({v for v in values if v in _BAND_ORDER}, key=_band_key)
            missing = sum(1 for v in values if v not in _BAND_ORDER)
            if not bands:
                return NO_FIGURE
            span = bands[0] if len(bands) == 1 else f"{bands[0]} to {bands[-1]}"
            return span + _unscored(missing)
        numbers = [v for v in values if v == v]
        if not numbers:
            return NO_FIGURE
        low, high = min(numbers), max(numbers)
        if field.style == "0":
            low_text, high_text = fmt_whole(low), fmt_whole(high)
            span = low_text if low_text == high_text else f"{low_text}–{high_text}"
        elif fmt_index(low) == fmt_index(high):
            span = fmt_index(low)
        else:
            span = fmt_interval(low, high)
        return span + _unscored(len(values) - len(numbers))

    def resolve(self, text: str, place: str, *, strict: bool = True) -> str:
        """``text`` with every field replaced by its value.

        An unknown field raises :class:`FieldError` naming ``place`` (e.g. ``summary``) when
        ``strict``; otherwise it is left as typed, so a reader sees it is broken.
        """
        if "{{" not in text:
            return text

        def replace(match: re.Match[str]) -> str:
            try:
                return self.field_value(parse_field(match.group(1)))
            except FieldError as error:
                if strict:
                    raise FieldError(f"{place}: {error}") from None
                return match.group(0)

        return FIELD.sub(replace, text)

    def printed_length(self, text: str) -> int:
        """How many characters ``text`` prints with its fields resolved (what the memo's
        length limits count). A Monte Carlo figure is counted at the width of "100.0" and no
        run is started; a field that does not resolve counts as typed."""
        if "{{" not in text:
            return len(text)
        length = len(text)
        for match, body in iter_fields(text):
            try:
                field = parse_field(body)
                printed = (
                    5 * len(field.targets) if field.monte_carlo else len(self.field_value(field))
                )
            except FieldError:
                continue
            length += printed - len(match.group(0))
        return length

    def problems(self, text: str) -> list[str]:
        """What is wrong with each field of ``text`` (empty when every field resolves).

        Checks names only: no Monte Carlo run is started to validate a ``p10`` field.
        """
        found = []
        for _, body in iter_fields(text):
            try:
                field = parse_field(body)
                scenario = self._scenario_of(field)
                if field.monte_carlo and scenario != self.scenario and self._over_budget():
                    raise FieldError(f"field {field.raw}: {too_many_runs(self.document)}")
                if field.figure != "count":
                    for target in field.targets:
                        if target != "leader" and target not in self._project_ids:
                            raise FieldError(f"field {field.raw}: unknown project '{target}'")
            except FieldError as error:
                found.append(str(error))
        for stray in stray_braces(text):
            found.append(
                f"braces that make no field near “{stray}”: a field is written "
                "{{figure:project}}, with two braces on each side"
            )
        return found

    def blank_fields(self, text: str) -> list[str]:
        """Fields of ``text`` that resolve but print no figure, each with what it prints and why.

        The leader when no project is ranked (any figure of it); the index, rank or band of a
        project that is excluded or unscored. No Monte Carlo run is started: such a figure is
        judged only through its leader. Fields that do not resolve at all are left to
        :meth:`problems`.
        """
        found = []
        for _, body in iter_fields(text):
            try:
                field = parse_field(body)
                scenario = self._scenario_of(field)
                if field.figure == "count":
                    continue
                result = self.score(scenario)
                leaderless = (
                    "leader" in field.targets and self._row(field, result, "leader") is None
                )
                if not leaderless and field.figure not in ("index", "rank", "band"):
                    continue
                value = self.field_value(field)
            except FieldError:
                continue
            if value not in (NO_FIGURE, NO_LEADER):
                continue
            places = Places(self.document)
            under = f" under the {places('scenario', scenario)}" if scenario else ""
            if leaderless:
                why = f"no project is ranked{under} (each is excluded or unscored)"
            else:
                names = " or ".join(places("project", target) for target in field.targets)
                why = f"{names} has no {field.figure}{under} (excluded or unscored)"
            found.append(f"field {field.raw}: {why}, so the memo prints “{value}” here")
        return found

    # -- pieces --------------------------------------------------------------------------------
    def _scenario_of(self, field: Field) -> str:
        if field.scenario is None:
            return self.scenario
        if field.scenario == "baseline":
            return ""
        if field.scenario not in self._scenario_ids:
            raise FieldError(f"field {field.raw}: {self._unknown_scenario(field.scenario)}")
        return field.scenario

    def _unknown_scenario(self, key: str) -> str:
        """Why ``key`` names no scenario in a field: a field takes an id, so a scenario given
        by its name or in capitals is named with its id (as is the baseline); any other key
        gets the scenarios there are, as ``--scenario`` does."""
        from rrisk.scoring import find_scenario, known_scenarios, names_baseline

        if names_baseline(key):
            return f"unknown scenario '{key}': the baseline is @baseline"
        try:
            meant = find_scenario(self.document, key)
        except ScenarioError:
            return f"unknown scenario '{key}' ({known_scenarios(self.document, key)})"
        return f"unknown scenario '{key}': a field names a scenario by its id, @{meant.id}"

    def _row(self, field: Field, result: ScoreResult, target: str) -> int | None:
        if target == "leader":
            return leader_row(result)
        try:
            return result.row_of(target)
        except (KeyError, ValueError):
            raise FieldError(f"field {field.raw}: unknown project '{target}'") from None

    def _over_budget(self) -> bool:
        """Whether the document's texts, all of them, cite Monte Carlo figures under more
        scenarios other than this one than :func:`other_runs_allowed`. Then every such field
        is an error, wherever it is: which of them would fit depends on no order of the texts
        that the check, the memo and the app's text boxes share."""
        if self._too_many_runs is None:
            cited: set[str] = set()
            for _, _, text in narrative_texts(self.document, "{{"):
                for _, body in iter_fields(text):
                    try:
                        field = parse_field(body)
                    except FieldError:
                        continue
                    if field.monte_carlo and field.scenario is not None:
                        key = "" if field.scenario == "baseline" else field.scenario
                        if key == "" or key in self._scenario_ids:
                            cited.add(key)
            cited.discard(self.scenario)
            self._too_many_runs = len(cited) > other_runs_allowed(self.document)
        return self._too_many_runs

    def _figure(self, field: Field, result: ScoreResult, scenario: str, row: int) -> Any:
        figure = field.figure
        if figure == "name":
            return result.matrix.project_names[row]
        if figure == "index":
            value = float(result.index[row])
            return value
        if figure == "rank":
            return int(result.rank[row]) or None
        if figure == "band":
            project = result.project_score(row)
            return project.band if project.index is not None else NO_FIGURE
        if figure == "coverage":
            return float(result.coverage[row])
        if figure == "status":
            return result.status(row)
        if not self._run_monte_carlo:
            return math.nan
        runs = self.uncertainty(scenario)
        mc_row = runs.project_ids.index(result.matrix.project_ids[row])
        if figure == "prob_first":
            return float(runs.first_probability()[mc_row])
        return float(getattr(runs, figure)[mc_row])

    def _styled(self, field: Field, value: Any) -> str:
        figure, style = field.figure, field.style
        if figure in ("index", "p10", "p50", "p90"):
            return fmt_whole(value) if style == "0" else fmt_index(value)
        if figure == "rank":
            if value is None:
                return NO_FIGURE
            return fmt_ordinal(value) if style == "ordinal" else str(value)
        if figure == "coverage":
            return fmt_percent(value)
        if figure == "prob_first":
            return fmt_probability(value)
        return str(value)

    def _count(self, what: str, scenario: str) -> int:
        doc = self.document
        if what == "projects":
            return len(doc.projects)
        if what == "criteria":
            return len(doc.criteria)
        if what == "sources":
            return len(doc.sources)
        if what == "scenarios":
            return len(doc.scenarios)
        result = self.score(scenario)
        if what == "ranked":
            return int((result.rank > 0).sum())
        return int(result.excluded.sum())

    @staticmethod
    def _styled_count(field: Field, count: int) -> str:
        if field.style in ("word", "Word"):
            word = fmt_count_word(count)
            return word[:1].upper() + word[1:] if field.style == "Word" else word
        return f"{count:,}"


def _unscored(count: int) -> str:
    return f" ({count} unscored)" if count else ""


def _band_key(band: str) -> int:
    return _BAND_ORDER.index(band) if band in _BAND_ORDER else len(_BAND_ORDER)


def narrative_texts(
    document: Assessment, containing: str | tuple[str, ...] = ""
) -> Iterator[tuple[str, str, str]]:
    """Every narrative text that may hold fields: (key, place for messages, text).

    ``containing``: only the texts holding it, or one of them (``"{{"``: those with fields;
    :data:`BRACES`: those with fields or stray braces), tested before the key and place are
    formatted (a matrix has up to 200,000 rationales)."""
    wanted = (containing,) if isinstance(containing, str) else containing

    def holds(text: str) -> bool:
        return any(part in text for part in wanted)

    for key in ("summary", "recommendation", "notes"):
        text = getattr(document, key)
        if holds(text):
            yield key, key, text
    places = Places(document)  # (names looked up only for the texts given)
    for project in document.projects:
        if project.description and holds(project.description):
            yield (
                f"project:{project.id}",
                f"description of {places('project', project.id)}",
                (project.description),
            )
    for project_id, criterion_id, cell in document.iter_cells():
        if cell.rationale and holds(cell.rationale):
            yield (
                f"cell:{project_id}:{criterion_id}",
                f"rationale of {places.cell(project_id, criterion_id)}",
                cell.rationale,
            )


def place_of(key: str, document: Assessment) -> str:
    """The readable place of a narrative text key (``cell:a:b`` → ``rationale of …``), its
    project and criterion named as in :func:`narrative_texts`."""
    kind, _, rest = key.partition(":")
    if kind == "project":
        return f"description of {Places(document)('project', rest)}"
    if kind == "cell":
        project_id, _, criterion_id = rest.partition(":")
        return f"rationale of {Places(document).cell(project_id, criterion_id)}"
    return key
