"""The check before a memo leaves: every problem with its place and severity.

Errors make a memo wrong or indefensible (no as-of date, a red line without a reason, a field
that does not resolve); warnings make it weaker (no summary, the template's author, unassessed
or unevidenced cells, only weak evidence, stale narrative, undated sources or ones dated after
the as-of date). ``rrisk check`` prints them, ``rrisk memo --strict`` refuses on errors, and the
app lists them before export, each linked to its place through :attr:`Problem.target`.

Warnings about what the memo would print (an empty ranking, names that cannot be told apart,
fields that print no figure, characters the font cannot draw) are in :mod:`rrisk.check_print`.

Repeated problems of one project (unassessed or unevidenced cells) are one item per project
naming the criteria, so a 2,000-project matrix gives a readable list, not 80,000 lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rrisk.analysis import MAX_KEPT_INDICES
from rrisk.evidence_quality import sources_twice, weak_source_ids
from rrisk.fields import BRACES, FieldResolver, has_fields, narrative_texts
from rrisk.limits import MEMO_CELL_TEXT
from rrisk.model import duplicate_overrides, name_key, scenario_name_problem
from rrisk.narrative import stale_texts
from rrisk.screening.decisions import DISMISSED
from rrisk.screening.redlines import current_counterparties, is_current
from rrisk.screening.territory import match_place, territory_table
from rrisk.templates import PLACEHOLDER_AUTHORS
from rrisk.text import Places, names_apart, plural, prints_nothing

if TYPE_CHECKING:
    from rrisk.model import Assessment
    from rrisk.narrative import TypedFigure
    from rrisk.scoring import ReviewCounts, ScoreResult
    from rrisk.screening.screen import UndecidedHits

ERROR = "error"
WARNING = "warning"
NOTE = "note"
"""Said, neither wrong nor weak: the cells' review status, attached files no source names
(``rrisk check`` only), a list the screening passed over (the app's check too)."""
DEFAULT_AUTHORS = PLACEHOLDER_AUTHORS
"""Author or organisation values that mean nobody has put their name to the memo."""
_NAMES_SHOWN = 4


@dataclass(frozen=True)
class Problem:
    """One finding. ``target`` says where to fix it: ``{"kind": "document", "field": "as_of"}``,
    ``{"kind": "cell", "project": …, "criterion": …}``, ``{"kind": "text", "key": …}``,
    ``{"kind": "project"|"criterion"|"source"|"scenario", "id": …}``,
    ``{"kind": "screening", "project": …}`` (a pending hit's with its ``list``,
    ``counterparty`` and ``entry``)."""

    severity: str
    place: str
    message: str
    target: dict[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        """The problem on one terminal line: a name's tabs and line breaks are spaces, other
        control characters escaped (:func:`rrisk.messages.one_line`), nothing clipped."""
        from rrisk.messages import one_line

        text = f"{self.severity}: {self.place}: {self.message}"
        return one_line(" ".join(text.split()), limit=max(len(text), 1) * 4, words=True)

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "place": self.place,
            "message": self.message,
            "target": dict(self.target),
        }


def check_document(
    document: Assessment,
    scenario: str | None = None,
    screen: bool = False,
    memo_format: str | None = None,
    since: Assessment | None = None,
    screen_progress: Callable[[int, int], None] | None = None,
) -> list[Problem]:
    """Every problem of ``document`` (errors first, then warnings, each in document order).

    ``scenario`` (an id) is the scenario the memo is written for: fields resolve under it.
    ``screen`` also screens the counterparties against the bundled list and warns of hits
    nobody has decided (``rrisk check`` and the app's check before export; it loads the
    name-matching libraries, a third of a second, so the memo's own run leaves it out).
    ``memo_format`` is the memo's (``"pdf"``, ``"docx"``; None: not chosen), which some
    warnings depend on (:func:`rrisk.check_print.print_problems`).
    ``since``: the earlier version of a memo with "Changes since", whose names it prints of
    what was removed or renamed (:func:`rrisk.check_print.earlier_names`).
    ``screen_progress`` is told (counterparties screened, counterparties in all) as
    ``screen`` screens them (a large imported list: a tenth of a second or more each).
    """
    from rrisk.check_print import earlier_names, print_problems  # they build on Problem

    problems = list(_errors(document, scenario)) + list(_warnings(document, scenario))
    problems += list(print_problems(document, scenario, memo_format))
    if since is not None:
        problems += list(earlier_names(since, document, memo_format))
    if screen:
        problems += list(_undecided_hits(document, screen_progress))
    # Errors first (a dismissal without a note is found among the warnings' checks), notes
    # last: a stable sort keeps each severity in document order.
    problems.sort(key=severity_order)
    return problems


def severity_order(problem: Problem) -> int:
    """Errors, then warnings, then notes."""
    return (ERROR, WARNING, NOTE).index(problem.severity)


def _undecided_hits(
    document: Assessment, progress: Callable[[int, int], None] | None = None
) -> Iterator[Problem]:
    from rrisk.screening.screen import undecided_hits

    found = undecided_hits(document, progress=progress)
    if found.damaged:  # (the command's check: what to do, in its words)
        from rrisk.screening.listfile import damaged_store_help

        found.passed_over += f"; {damaged_store_help(command_line=True)}"
    yield from screening_problems(document, found)


def screening_problems(document: Assessment, found: UndecidedHits) -> Iterator[Problem]:
    """A warning for each hit no decision covers; and a note naming the list and why, where
    the list was passed over (not held here, a store that cannot be read or is still to be
    indexed again, a check cancelled), so nobody reads the silence as "no hit"."""
    if found.passed_over:
        yield Problem(
            NOTE,
            "screening",
            f"the list {found.list_name} was not checked for hits nobody has decided: "
            f"{found.passed_over}",
            {"kind": "screening"},
        )
        return
    places = Places(document)
    for project_id, counterparty, hit in found.hits:
        yield Problem(
            WARNING,
            places("project", project_id),
            f"counterparty “{counterparty}” meets {hit.caption} ({hit.entry_id}, score "
            f"{hit.score:.2f}) on the list {found.list_name}, and no decision is recorded: "
            "confirm or dismiss it in Screening",
            {
                "kind": "screening",
                "project": project_id,
                "list": found.list_name,
                "counterparty": counterparty,
                "entry": hit.entry_id,
            },
        )


def unnamed_files_note(document: Assessment, attachments: Mapping[str, bytes]) -> Problem | None:
    """A note naming the attached files no source names: they go wherever the file goes,
    unseen in the memo, so whoever shares it should know (None when there are none)."""
    from rrisk.attachments import unnamed_attachments, unnamed_summary

    names = unnamed_attachments(document, attachments)
    if not names:
        return None
    return Problem(
        NOTE,
        "attached files",
        f"{unnamed_summary(names, attachments)}: {_names(names)}; they go with the file "
        "wherever it is shared (see or remove them in Editors → Sources)",
        {"kind": "attachments", "names": names},
    )


def review_note(document: Assessment, counts: ReviewCounts | None = None) -> Problem | None:
    """A note with how many assessed cells are marked reviewed and how many are still draft,
    naming the first draft ones, so whoever signs off sees what nobody has reviewed (None
    when no cell is assessed). Its target is the first draft cell."""
    from rrisk.scoring import review_counts

    counts = counts if counts is not None else review_counts(document)
    if not counts.assessed:
        return None
    sentence = counts.sentence().rstrip(".")  # a check line ends without a full stop
    message = sentence[0].lower() + sentence[1:]
    if counts.draft_cells:  # the sentence ends "… draft": the cells follow it
        shown = draft_cell_names(document, counts)
        message += f" ({_names(shown, len(counts.draft_cells))})"
    if counts.unassessed:
        verb = "is" if counts.unassessed == 1 else "are"
        message += f"; {plural(counts.unassessed, 'cell')} {verb} not assessed"
    target: dict[str, Any] = {}
    if counts.draft_cells:
        project_id, criterion_id = counts.draft_cells[0]
        target = {"kind": "cell", "project": project_id, "criterion": criterion_id}
    return Problem(NOTE, "review status", message, target)


def draft_cell_names(document: Assessment, counts: ReviewCounts) -> list[str]:
    """The first draft cells as "Project × Criterion" (with their ids where names are
    alike), as many as a message names."""
    projects = names_apart(document.projects)
    criteria = names_apart(document.criteria)
    return [
        f"{projects[project_id]} × {criteria[criterion_id]}"
        for project_id, criterion_id in counts.draft_cells[:_NAMES_SHOWN]
    ]


def count(problems: list[Problem], severity: str) -> int:
    return sum(1 for p in problems if p.severity == severity)


def _names(names: list[str], total: int | None = None) -> str:
    """The first names, then how many more: ``total`` counts them all when ``names`` holds
    only the first ones."""
    total = len(names) if total is None else total
    shown = ", ".join(names[:_NAMES_SHOWN])
    return shown + (f" and {total - _NAMES_SHOWN:,} more" if total > _NAMES_SHOWN else "")


def _errors(document: Assessment, scenario: str | None) -> Iterator[Problem]:
    if not document.as_of:
        yield Problem(
            ERROR,
            "as-of date",
            "no as-of date: every page would say “as-of date not stated”",
            {"kind": "document", "field": "as_of"},
        )
    weights = {c.id: c.weight for c in document.criteria}
    for item in document.scenarios:
        if item.id == scenario:
            weights.update(item.weight_overrides)
    if weights and not any(weight > 0 for weight in weights.values()):
        under = " under the memo's scenario" if scenario is not None else ""
        yield Problem(
            ERROR,
            "criteria",
            f"every criterion weight is 0{under}: no project has an index, so nothing is ranked",
            {"kind": "criterion", "id": document.criteria[0].id},
        )
    places = Places(document)
    for project_id, criterion_id, cell in document.iter_cells():
        if cell.red_line and prints_nothing(cell.red_line_reason):
            yield Problem(
                ERROR,
                places.cell(project_id, criterion_id),
                "red line without a reason",
                {"kind": "cell", "project": project_id, "criterion": criterion_id},
            )
    for criterion in document.criteria:
        rule = criterion.red_line_rule
        if rule is not None and prints_nothing(rule.reason):
            yield Problem(
                ERROR,
                places("criterion", criterion.id),
                f"red-line rule (risk ≥ {rule.threshold}) without a reason",
                {"kind": "criterion", "id": criterion.id},
            )
    for item in document.scenarios:
        for override in item.cell_overrides:
            base = document.cell(override.project, override.criterion)
            reason = override.red_line_reason or (base.red_line_reason if base else "")
            if override.red_line and prints_nothing(reason or ""):
                yield Problem(
                    ERROR,
                    f"{places('scenario', item.id)}, "
                    + places.cell(override.project, override.criterion),
                    "the scenario sets a red line without a reason",
                    {"kind": "scenario", "id": item.id},
                )
    for item in document.scenarios:
        problem = scenario_name_problem(document, item)
        if problem:
            place, _, message = problem.partition(": ")
            yield Problem(ERROR, place, message, {"kind": "scenario", "id": item.id})
        for project_id, criterion_id in duplicate_overrides(item):
            yield Problem(
                ERROR,
                f"{places('scenario', item.id)}, {places.cell(project_id, criterion_id)}",
                "the scenario overrides this cell more than once (only the last one counts)",
                {"kind": "scenario", "id": item.id},
            )
    runs, projects = document.analysis.runs, len(document.projects)
    if projects and runs * projects > MAX_KEPT_INDICES:
        yield Problem(
            ERROR,
            "analysis settings",
            f"{runs:,} Monte Carlo runs of {projects:,} projects are too many to keep: the "
            f"memo's uncertainty section could not be computed; at most "
            f"{MAX_KEPT_INDICES // projects:,} runs for this document",
            {"kind": "analysis"},
        )
    resolver = FieldResolver(document, scenario)
    for key, place, text in narrative_texts(document, BRACES):
        for message in resolver.problems(text):
            yield Problem(ERROR, place, message, {"kind": "text", "key": key})


def _sources_twice(document: Assessment, places: Places) -> Iterator[Problem]:
    """A source entered again (:func:`rrisk.evidence_quality.sources_twice`)."""
    for source, earlier, what in sources_twice(document.sources):
        yield Problem(
            WARNING,
            places("source", source.id),
            f"it has {what} of {places('source', earlier.id)}: one source entered twice is "
            "graded and listed twice; keep one, and cite it instead",
            {"kind": "source", "id": source.id},
        )


def _assessed(cell: Any, override: Any) -> bool:
    """Whether a cell is assessed as the memo scores it: a score its scenario sets stands in
    for the cell's own (a cell the baseline leaves unassessed may be scored there)."""

    def score(name: str) -> Any:
        value = getattr(override, name, None)
        return value if value is not None else getattr(cell, name, None)

    return score("likelihood") is not None and score("impact") is not None


def _warnings(document: Assessment, scenario: str | None = None) -> Iterator[Problem]:
    resolver = FieldResolver(document, scenario)  # scores only when a rationale has fields
    for key, label in (("summary", "summary"), ("recommendation", "recommendation")):
        if prints_nothing(getattr(document, key)):  # a zero-width space alone is no summary
            yield Problem(
                WARNING,
                label,
                f"no {label} has been written",
                {"kind": "text", "key": key},
            )
    for key, label in (("author", "author"), ("organisation", "organisation")):
        value = getattr(document, key)
        if prints_nothing(value) or value.strip().casefold() in DEFAULT_AUTHORS:
            said = "is empty" if prints_nothing(value) else f"is still “{value}”"
            yield Problem(
                WARNING,
                label,
                f"the {label} {said}; the memo should name who stands behind it",
                {"kind": "document", "field": key},
            )
    known = {s.id for s in document.sources}
    weak_sources = weak_source_ids(document)
    places = Places(document)
    apart = names_apart(document.criteria)  # two criteria named alike: with their ids
    overrides = next(
        (item.overrides_by_cell() for item in document.scenarios if item.id == scenario), {}
    )
    for project in document.projects:
        row = document.cells.get(project.id, {})
        unassessed, unevidenced, weak, long = [], [], [], []
        for criterion in document.criteria:
            cell = row.get(criterion.id)
            # As printed: its fields resolved (a name may be far longer than its field).
            if (
                cell is not None
                and resolver.printed_length(cell.rationale.strip()) > MEMO_CELL_TEXT
            ):
                long.append(criterion)
            if not _assessed(cell, overrides.get((project.id, criterion.id))):
                unassessed.append(criterion)
            elif cell is None or not cell.evidence:  # evidence is the cell's in every scenario
                unevidenced.append(criterion)
            elif all(link.source in weak_sources for link in cell.evidence if link.source in known):
                weak.append(criterion)
        for criteria, message in (
            (unassessed, "unassessed"),
            (unevidenced, "assessed without evidence"),
            (weak, "backed only by evidence graded D–F or 4–6"),
            (
                long,
                f"argued at more than {MEMO_CELL_TEXT:,} characters, which is all the memo "
                "prints of a rationale (cut with a note; the file keeps it whole)",
            ),
        ):
            if criteria:
                noun = "cell is" if len(criteria) == 1 else "cells are"
                yield Problem(
                    WARNING,
                    places("project", project.id),
                    f"{len(criteria):,} {noun} {message}: "
                    + _names([apart[c.id] for c in criteria]),
                    {"kind": "cell", "project": project.id, "criterion": criteria[0].id},
                )
    # The baseline's scores, taken once for the stale texts and the typed figures.
    from rrisk.scoring import score

    baseline = score(document) if document.narrative_stamps or scenario is not None else None
    yield from _stale(document, baseline)
    if scenario is not None:
        yield from _baseline_figures(document, scenario, baseline)
    yield from _unread_fields(document)
    counterparties = current_counterparties(document)
    yield from _unwritten_decisions(document, counterparties)
    for item in document.screening.decisions:
        if item.project in counterparties and not is_current(item, counterparties):
            yield Problem(
                WARNING,
                places("project", item.project),
                f"the hit decision on counterparty “{item.counterparty}” "
                f"({item.entry_name or item.entry_id}, {item.decision}) is left over: the "
                "project no longer names that counterparty, so the decision counts for "
                "nothing; screen the project again",
                {"kind": "project", "id": item.project},
            )
    for source in document.sources:
        if not source.date:
            yield Problem(
                WARNING,
                places("source", source.id),
                "it has no date",
                {"kind": "source", "id": source.id},
            )
        # Compared to the source's own precision: "2025" is not after 2025-06-01.
        elif document.as_of and source.date > document.as_of[: len(source.date)]:
            yield Problem(
                WARNING,
                places("source", source.id),
                f"it is dated {source.date}, after the as-of date "
                f"{document.as_of} (the memo says it reflects nothing later)",
                {"kind": "source", "id": source.id},
            )
    yield from _sources_twice(document, places)
    from rrisk.scoring import names_baseline

    ids = {each.id for each in document.scenarios}
    for entry in document.scenarios:
        if names_baseline(entry.id):
            yield Problem(
                WARNING,
                places("scenario", entry.id),
                "its id is the word for the baseline, which --scenario baseline and @baseline "
                "choose; choose this one by its name",
                {"kind": "scenario", "id": entry.id},
            )
        # --scenario takes an id before a name: typed as it reads, this name is the other's.
        named = name_key(entry.name)
        if named != entry.id and named in ids:
            yield Problem(
                WARNING,
                places("scenario", entry.id),
                f"its name is the id of {places('scenario', named)}, which --scenario {named} "
                "chooses; rename one, or choose this one by its id",
                {"kind": "scenario", "id": entry.id},
            )


def _unwritten_decisions(
    document: Assessment, counterparties: dict[str, frozenset[str]]
) -> Iterator[Problem]:
    """Screening decisions that lack the words they need: a dismissal without a note, a
    territory override without a justification (which therefore sets nothing aside)."""
    places = Places(document)
    for item in document.screening.decisions:
        if (
            item.decision == DISMISSED
            and prints_nothing(item.note)
            and item.project in counterparties
            and is_current(item, counterparties)
        ):
            yield Problem(
                ERROR,
                places("project", item.project),
                f"the hit of counterparty “{item.counterparty}” on "
                f"{item.entry_name or item.entry_id} is dismissed without a note saying why "
                "it is not that entry; write the note in Screening",
                {"kind": "screening", "project": item.project},
            )
    # Only a rule the project's place triggers still applies for want of the words: one whose
    # region no longer names the territory (or never did) is set aside by nothing, and the
    # Screening tab has no line to write on; nor does one another override of the same rule
    # sets aside in writing (a file may give both).
    matches = [
        (project.id, match)
        for project in document.projects
        for match in match_place(project.region, project.country)
    ]
    applying = {
        (project_id, match.territory.id): match.territory.name
        for project_id, match in matches
        if match.applies and document.screening.override(project_id, match.territory.id) is None
    }
    named = {(project_id, match.territory.id) for project_id, match in matches}
    for override in document.screening.territory_overrides:
        territory = applying.get((override.project, override.territory))
        if territory is not None and not override.written:
            yield Problem(
                ERROR,
                places("project", override.project),
                f"the override of the territory rule on {territory} has no written "
                "justification, so the rule still applies; write why in Screening, or remove it",
                {"kind": "screening", "project": override.project},
            )
        elif (override.project, override.territory) not in named:
            yield Problem(
                WARNING,
                places("project", override.project),
                _left_over_override(override.project, override.territory, named, applying),
                {"kind": "screening", "project": override.project},
            )


def _left_over_override(
    project_id: str,
    territory_id: str,
    named: set[tuple[str, str]],
    applying: dict[tuple[str, str], str],
) -> str:
    """Why an override of a rule the project's place does not trigger sets nothing aside: its
    territory id is none of the rules' (a file's "Crimea" for "crimea"), or the project's
    region and country (``named``: the territories each project's place names) no longer name
    that territory. The rule "still applies" only where nothing else sets it aside
    (``applying``)."""
    territories = territory_table().territories
    known = next((t for t in territories if t.id == territory_id), None)
    if known is not None:
        return (
            f"the override of the territory rule on {known.name} is left over: the project's "
            "region and country do not name that territory, so it sets nothing aside"
        )
    key = " ".join(territory_id.split()).casefold()
    alike = next((t for t in territories if key in (t.id.casefold(), t.name.casefold())), None)
    if alike is not None and (project_id, alike.id) in named:
        then = (
            f"the rule on {alike.name} still applies"
            if (project_id, alike.id) in applying
            else f"the rule on {alike.name} is set aside by the override under its own id"
        )
        return (
            f"the territory override names '{territory_id}', not the rule's id '{alike.id}', "
            f"so it sets nothing aside: {then}"
        )
    ids = ", ".join(f"'{t.id}'" for t in territories)
    return (
        f"the territory override names '{territory_id}', which is no territory of the rules "
        f"(their ids: {ids}), so it sets nothing aside"
    )


def _stale(document: Assessment, baseline: ScoreResult | None = None) -> Iterator[Problem]:
    """Stale texts, one item each; a project's stale rationales are one item naming the
    criteria when there are several (a pasted block of scores, or a weight change for
    rationales stamped before their cells' scores were kept, can make many stale)."""
    stale = [(item, *_cell_of(item.key)) for item in stale_texts(document, baseline)]
    by_project: dict[str, list[str]] = {}
    for _item, project_id, criterion_id in stale:
        if criterion_id is not None:
            by_project.setdefault(project_id, []).append(criterion_id)
    names = names_apart(document.criteria)  # two criteria named alike: with their ids
    places = Places(document)  # (made once: one for each project was quadratic)
    keys_of = {
        project_id: [f"cell:{project_id}:{criterion_id}" for criterion_id in criteria]
        for project_id, criteria in by_project.items()
    }
    for item, project_id, criterion_id in stale:
        criteria = by_project.get(project_id, []) if criterion_id is not None else []
        if len(criteria) < 2:
            yield Problem(WARNING, item.place, item.message, {"kind": "text", "key": item.key})
        elif criterion_id == criteria[0]:
            # Rationales stamped with their cells' scores, or (older stamps) with results.
            kinds = {bool(each.was) for each, p, c in stale if p == project_id and c}
            since = (
                "their cells' scores changed"
                if kinds == {True}
                else "results changed"
                if kinds == {False}
                else "results or their cells' scores changed"
            )
            yield Problem(
                WARNING,
                places("project", project_id),
                f"{len(criteria):,} rationales were written before {since}: "
                + _names([names.get(c, c) for c in criteria])
                + "; review them and mark them reviewed",
                # "key" the first (where the app goes), "keys" every one (for rrisk review).
                {"kind": "text", "key": item.key, "keys": keys_of[project_id]},
            )


def _baseline_figures(
    document: Assessment, scenario: str, baseline: ScoreResult | None = None
) -> Iterator[Problem]:
    """A memo under a scenario: an index typed as a number in a text is the baseline's (the
    text was written against it) where the scenario's differs, one warning per text."""
    from rrisk.narrative import typed_figures
    from rrisk.scoring import score

    try:
        item = document.scenario(scenario)
    except KeyError:
        return  # an unknown scenario is refused before any check
    by_text: dict[str, list[TypedFigure]] = {}
    for figure in typed_figures(document, score(document, item), baseline):
        by_text.setdefault(figure.key, []).append(figure)
    for key, figures in by_text.items():
        said = _names(
            [
                f"“{f.typed}” is the index of “{f.project}” in the baseline ({f.under} under "
                "the scenario)"
                for f in figures
            ]
        )
        yield Problem(
            WARNING,
            figures[0].place,
            f"typed figures are the baseline's, not those of the memo's scenario “{item.name}”: "
            f"{said}; written as fields ({{{{index:…}}}}) they would follow the scenario",
            {"kind": "text", "key": key},
        )


def _unread_fields(document: Assessment) -> Iterator[Problem]:
    """A field typed in a text that does not read fields (a strategic-value rationale, a
    criterion's or scenario's description, a source's bias note, a red-line reason): the memo
    prints it as typed, braces and all."""

    def typed(text: str | None) -> bool:
        return text is not None and has_fields(text)

    def first_typed(texts: dict[str, str | None]) -> str | None:
        """The name of the first of ``texts`` that holds a field."""
        return next((name for name, text in texts.items() if typed(text)), None)

    def problem(place: str, what: str, target: dict[str, Any]) -> Problem:
        return Problem(
            WARNING,
            place,
            f"the {what} holds a field, which it does not read: the memo prints it as typed "
            "(fields are read in the summary, recommendation, notes, project descriptions and "
            "cell rationales)",
            target,
        )

    places = Places(document)
    for project in document.projects:
        if typed(project.strategic_rationale):
            place = places("project", project.id)
            yield problem(place, "strategic-value rationale", {"kind": "project", "id": project.id})
    for criterion in document.criteria:
        rule = criterion.red_line_rule
        what = first_typed(
            {
                "description": criterion.description,
                "red-line rule's reason": rule.reason if rule is not None else None,
                "red-line rule's basis": rule.basis if rule is not None else None,
            }
        )
        if what is not None:
            place = places("criterion", criterion.id)
            yield problem(place, what, {"kind": "criterion", "id": criterion.id})
    for source in document.sources:  # its notes are the analyst's own: the memo omits them
        if typed(source.bias_note):
            place = places("source", source.id)
            yield problem(place, "bias note", {"kind": "source", "id": source.id})
    for scenario in document.scenarios:
        target = {"kind": "scenario", "id": scenario.id}
        if typed(scenario.description):
            yield problem(places("scenario", scenario.id), "description", target)
        for override in scenario.cell_overrides:  # the memo prints its reason and its note
            what = first_typed({"red-line reason": override.red_line_reason, "note": override.note})
            if what is not None:
                place = f"{places('scenario', scenario.id)}, " + places.cell(
                    override.project, override.criterion
                )
                yield problem(place, what, target)
    for project_id, criterion_id, cell in document.iter_cells():
        what = first_typed(
            {"red-line reason": cell.red_line_reason, "red-line basis": cell.red_line_basis}
        )
        if what is not None:
            yield problem(
                places.cell(project_id, criterion_id),
                what,
                {"kind": "cell", "project": project_id, "criterion": criterion_id},
            )


def _cell_of(key: str) -> tuple[str, str | None]:
    """(project, criterion) of a rationale's key ``cell:P:C``; (key, None) for other texts."""
    kind, _, rest = key.partition(":")
    if kind != "cell":
        return key, None
    project_id, _, criterion_id = rest.partition(":")
    return project_id, criterion_id
