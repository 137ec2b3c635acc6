"""What the Screening view lists: per project its territory rules, counterparties and hits.

Built on the GUI thread from a finished :class:`~rrisk.screening.screen.ScreeningReport` and
the document (for the decisions, which change without screening again). Decisions the
document records for a counterparty whose hit the chosen list does not give (another list, a
colleague's imported list) are listed too, marked "recorded", and so are decisions left over
on a counterparty the project no longer names, so nothing decided is hidden. The recorded ones
go under a line of their own below the counterparty's hits on the list screened (shown
collapsed and dimmed by the view): with an imported list screened on top of the bundled one,
some twenty decisions on the bundled list's entries sat between the new hits.

A project's territory rules are read from the document at each drawing, as the ranking reads
them, not from the report: rows drawn again after an edit of a region (before the screening
that follows it, or as a hidden tab is shown) said "Clear" for a project the ranking excluded.
A project excluded says by what, and what the list found ("Excluded: occupied territory · no
list hit"), never "Clear".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from desktop.ui.text import escape
from rrisk.model import Assessment
from rrisk.screening.decisions import CONFIRMED, HitDecision, counterparty_key
from rrisk.screening.listfile import NO_PROGRAMME, blocks, programme_of
from rrisk.screening.redlines import current_counterparties, is_current
from rrisk.screening.screen import ScreeningReport, decisions_not_listed
from rrisk.screening.territory import match_place
from rrisk.text import prints_nothing

PROJECT, TERRITORY, COUNTERPARTY, HIT = "project", "territory", "counterparty", "hit"
RECORDED = "recorded"
"""A counterparty's decisions on entries the list screened does not give, under one line."""
PENDING = "pending"
NOT_IN_STORE = (
    "That list is not in this computer's list store (imported on another computer, or "
    "removed): the decisions recorded on it are listed as recorded and count as before; "
    "import it again under that name to screen against it."
)
"""Said of a list a document records that cannot be screened against here."""


@dataclass(frozen=True)
class HitRow:
    entry_id: str
    entry_name: str
    matched_name: str
    score: float
    sanctions: tuple[str, ...]
    recorded_only: bool = False
    """The hit comes from a decision in the document, not from the list screened now."""
    by_initials: bool = False
    """The names meet through an initial: the analyst must check the full name."""
    source: str = ""
    """Where the list took the entry from (see :attr:`rrisk.screening.store.Hit.dataset`)."""

    @property
    def programmes(self) -> list[str]:
        return [programme_of(sanction) for sanction in self.sanctions] or [NO_PROGRAMME]

    @property
    def blocking(self) -> bool:
        return blocks(self.sanctions)


@dataclass(frozen=True)
class TerritoryRow:
    territory: str
    name: str
    applies: bool
    why: str
    basis: str


@dataclass
class Row:
    """One line of the view; ``children`` below it."""

    kind: str
    project: str
    text: str
    counterparty: str = ""
    hit: HitRow | None = None
    territory: TerritoryRow | None = None
    decision: HitDecision | None = None
    override: str = ""
    blank_override: bool = False
    """A territory override recorded without a justification: it sets nothing aside."""
    status: str = ""
    region: str = ""
    left_over: bool = False
    """A counterparty the project no longer names, with the decisions left over on it: they
    count for nothing, and Clear decision takes them away."""
    excluded: bool = False
    """The line is (or holds) a red line the ranking excludes the project on."""
    label: str = ""
    """The status as the Decision column shows it when shorter ('' : the status itself); see
    :func:`short_label`."""
    children: list[Row] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, ...]:
        """Identifies the row across rebuilds (to keep the selection)."""
        if self.kind == HIT and self.hit is not None:
            return (HIT, self.project, self.counterparty, self.hit.entry_id)
        if self.kind == TERRITORY and self.territory is not None:
            return (TERRITORY, self.project, self.territory.territory)
        return (self.kind, self.project, self.counterparty)


def decision_text(decision: HitDecision | None, hit: HitRow) -> str:
    if decision is None:
        return "Pending — matched on an initial" if hit.by_initials else "Pending"
    if decision.decision != CONFIRMED:
        return "Dismissed"
    # Judged on the programmes the decision recorded, as the ranking judges it (the document
    # alone decides a red line, :mod:`rrisk.screening.redlines`): a list updated since (the
    # entry delisted) showed "not blocking" here while the ranking still excluded.
    if not blocks(decision.sanctions if decision.sanctions else hit.sanctions):
        return "Confirmed (not blocking)"
    if not prints_nothing(decision.no_red_line_reason):
        return "Confirmed — not a red line"
    return "Confirmed — red line"


def _hit_from_decision(decision: HitDecision) -> HitRow:
    return HitRow(
        decision.entry_id,
        decision.entry_name or decision.entry_id,
        decision.matched_name,
        decision.score,
        tuple(decision.sanctions),
        recorded_only=True,
    )


def build_rows(
    report: ScreeningReport,
    doc: Assessment,
    ranking_red_lines: Mapping[str, Sequence[str]] | None = None,
) -> list[Row]:
    """One project row per project the report screened that the document still has.

    ``ranking_red_lines``: per project, the criteria a red line outside screening (flagged on
    a cell, or a criterion's rule on its score) excludes it on in the ranking. A project
    screening finds nothing against read "Clear" beside the ranking's "Excluded"; it says
    "No list hit · excluded by a red line on Occupied territories".

    Which counterparties a project names, and so which decisions are left over, is read
    from the document as the ranking and the memo read it (:func:`is_current`), not from
    the report: the rows are drawn again at each edit, before the screening that follows
    it (or while the tab is hidden), and a renamed counterparty's decision read as a red
    line here while the ranking and the memo counted it for nothing."""
    projects = {project.id: project for project in doc.projects}
    names = {project.id: project.name for project in doc.projects}
    counterparties = current_counterparties(doc)
    decided: defaultdict[str, list[HitDecision]] = defaultdict(list)
    for decision in doc.screening.decisions:
        decided[decision.project].append(decision)
    rows = []
    for result in report.projects:
        if result.project_id not in names:
            continue
        project = Row(PROJECT, result.project_id, names[result.project_id], region=result.region)
        pending = confirmed_lines = list_hits = 0
        excluded_by_territory = False
        placed = projects[result.project_id]
        for found in match_place(placed.region, placed.country):
            rule = found.territory
            override = doc.screening.override(result.project_id, rule.id)
            blank = override is None and doc.screening.recorded(result.project_id, rule.id)
            territory = TerritoryRow(rule.id, rule.name, found.applies, found.why, rule.basis)
            if not found.applies:
                # Why, in the rule's first words: the side stated, a likely namesake, a street.
                status = f"Not applied ({found.why.split(':')[0]})"
            elif override is not None:
                status = "Overridden"
            else:
                # A file may record an override without words: it sets nothing aside (the
                # check names it), and Restore rule takes it away.
                status = "Red line (override without a justification)" if blank else "Red line"
                excluded_by_territory = True
            project.children.append(
                Row(
                    TERRITORY,
                    result.project_id,
                    f"Territory: {rule.name}",
                    territory=territory,
                    override=override.justification if override else "",
                    blank_override=blank and found.applies,
                    status=status,
                    excluded=status.startswith("Red line"),
                )
            )
        named = counterparties[result.project_id]
        screened: set[str] = set()
        for item in result.counterparties:
            key = counterparty_key(item.counterparty)
            if key not in named:
                continue  # renamed or removed since: its decisions are left over, below
            screened.add(key)
            counterparty = Row(
                COUNTERPARTY, result.project_id, item.counterparty, item.counterparty
            )
            seen = set()
            for hit in item.hits:
                seen.add(hit.entry_id)
                row = HitRow(
                    hit.entry_id,
                    hit.caption,
                    hit.matched_name,
                    hit.score,
                    hit.sanctions,
                    by_initials=hit.by_initials,
                    source=hit.dataset,
                )
                counterparty.children.append(
                    _hit_row(doc, result.project_id, item.counterparty, row, report.list_name)
                )
            list_hits += len(item.hits)
            recorded = [
                _hit_row(
                    doc, result.project_id, item.counterparty, _hit_from_decision(d), d.list_name
                )
                for d in decisions_not_listed(
                    doc, result.project_id, item.counterparty, seen, report.list_name
                )
            ]
            for child in [*counterparty.children, *recorded]:
                if child.decision is None:
                    pending += 1
                elif child.excluded:
                    confirmed_lines += 1
            if recorded:
                counterparty.children.append(_recorded_group(recorded))
            counterparty.status = _hits_status(len(item.hits), len(recorded))
            _mark_red_line(counterparty)
            project.children.append(counterparty)
        decisions = decided.get(result.project_id, [])
        # Named since the report (a rename undone, say): its decisions count in the ranking,
        # so they are listed as recorded until the screening that follows finds its hits.
        for name in projects[result.project_id].counterparties:
            key = counterparty_key(name)
            if key in screened:
                continue
            on_it = [d for d in decisions if counterparty_key(d.counterparty) == key]
            if not on_it:
                continue
            screened.add(key)
            counterparty = Row(COUNTERPARTY, result.project_id, f"{name} (not screened yet)", name)
            for decision in on_it:
                row = _hit_from_decision(decision)
                child = _hit_row(doc, result.project_id, name, row, decision.list_name)
                child.text = f"{row.entry_name} (recorded decision; not screened yet)"
                counterparty.children.append(child)
                if child.excluded:
                    confirmed_lines += 1
            counterparty.status = _recorded_status(len(counterparty.children))
            _mark_red_line(counterparty)
            project.children.append(counterparty)
        left_over = _left_over_rows(d for d in decisions if not is_current(d, counterparties))
        project.children.extend(left_over)
        project.status = _project_status(
            excluded_by_territory,
            confirmed_lines,
            pending,
            list_hits,
            bool(placed.counterparties),
        )
        project.excluded = bool(excluded_by_territory or confirmed_lines)
        if project.status == "Clear" and not (placed.counterparties or left_over):
            # Said, as rrisk screen says it: "Clear" read as screened without a hit.
            project.status = "No counterparty named: nothing screened against the list"
        elsewhere = (ranking_red_lines or {}).get(result.project_id, ())
        if elsewhere and not project.excluded:
            if project.status == "Clear":
                project.status = "No list hit" if not list_hits else "No red-line hit"
            elif project.status.startswith("No counterparty named"):
                project.status = "No counterparty named"
            project.status += f" · excluded by a red line on {', '.join(elsewhere)}"
            project.excluded = True
        _label(project)
        rows.append(project)
    return rows


def short_label(row: Row) -> str:
    """The status of ``row`` in a few words for the Decision column, the whole in its
    tooltip and the details pane.

    Chosen over eliding the whole status in a narrow column: at 1000 px the column kept 24
    em for the longest statuses (a project's "Excluded: occupied territory · no list hit", a
    counterparty's "1 hit · 2 recorded decisions", "No counterparty named: nothing screened
    against the list") while every name was cut at 16 em ("Rostec State C…"). Eliding would
    cut the end a status turns on (the pending count, "no list hit"); a short label keeps
    what a reviewer scans the column for, front first: excluded or not and what is left to
    do on a project (what excludes it is the red line just below it), a counterparty's count
    of hits, a rule's red line. A hit's decision is kept whole (at most "Confirmed — not a
    red line"): it is what the analyst acts on, and each wording means another thing; so is
    a rule's (why it was not applied: a namesake, a street's name; an override recorded
    without a justification), which only a reader can judge."""
    status = row.status
    if row.kind == PROJECT and status.startswith("Excluded"):
        tail = status.partition(" · ")[2]
        return f"Excluded · {tail}" if tail else "Excluded"
    if row.kind == PROJECT and " · excluded by a red line on " in status:
        return status.partition(" · excluded by")[0] + " · excluded"
    if row.kind == PROJECT and status.startswith("No counterparty named"):
        return "No counterparty named"
    if row.kind == COUNTERPARTY and " · " in status:
        return status.replace(" decisions", "").replace(" decision", "")
    if row.kind == HIT and status == "Pending — matched on an initial":
        return "Pending (initial)"
    return status


def _label(row: Row) -> None:
    """Set the short label of ``row`` and of the lines below it."""
    short = short_label(row)
    row.label = short if short != row.status else ""
    for child in row.children:
        _label(child)


def _hits_status(count: int, recorded: int = 0) -> str:
    """A counterparty's hits on the list screened, then the decisions recorded on entries
    that list does not give (they were counted as its hits: "1 hit" on a list that has
    none for the name, where the summary said 0)."""
    hits = "No hit" if not count else f"{count} hit{'s' if count > 1 else ''}"
    return f"{hits} · {_recorded_status(recorded)}" if recorded else hits


def _mark_red_line(counterparty: Row) -> None:
    """A counterparty holding a red line says so, and is drawn as one: its status ends
    "red line" and the line is marked excluded (red in the Decision column), also when the
    red line is a decision recorded on another list's entry, under its collapsed group (the
    line read "No hit · 1 recorded" in plain colour beside a red line that excludes)."""
    if any(child.excluded for child in counterparty.children):
        counterparty.excluded = True
        counterparty.status += " · red line"


def _recorded_status(count: int) -> str:
    return f"{count} recorded decision{'s' if count > 1 else ''}"


def _recorded_group(recorded: list[Row]) -> Row:
    """The line the decisions recorded on other lists' entries go under: named by the lists,
    its status what they decide (a red line among them is said, and excludes, collapsed)."""
    first = recorded[0]
    lists = sorted({row.decision.list_name for row in recorded if row.decision is not None})
    on = ", ".join(name for name in lists if name) or "an earlier screening"
    red = sum(row.excluded for row in recorded)
    dismissed = sum(row.decision is not None and row.decision.decision != CONFIRMED
                    for row in recorded)  # fmt: skip
    confirmed = len(recorded) - red - dismissed
    parts = [
        f"{red} red line{'s' if red > 1 else ''}" if red else "",
        f"{confirmed} confirmed" if confirmed else "",
        f"{dismissed} dismissed" if dismissed else "",
    ]
    return Row(
        RECORDED,
        first.project,
        f"{len(recorded)} decision{'s' if len(recorded) > 1 else ''} on {on}",
        first.counterparty,
        status=" · ".join(part for part in parts if part) or "Recorded",
        excluded=bool(red),
        children=recorded,
    )


def _left_over_rows(decisions: Iterable[HitDecision]) -> list[Row]:
    """The counterparties the project no longer names that its left-over ``decisions`` are
    on (renamed or removed since): listed, so the analyst sees what the memo prints as left
    over and can clear it; screening again finds nothing under those names."""
    rows: dict[str, Row] = {}
    for decision in decisions:
        key = counterparty_key(decision.counterparty)
        if key not in rows:
            rows[key] = Row(
                COUNTERPARTY,
                decision.project,
                f"{decision.counterparty} (no longer named by the project: left over)",
                decision.counterparty,
                status="Left over",
                left_over=True,
            )
        hit = _hit_from_decision(decision)
        rows[key].children.append(
            Row(
                HIT,
                decision.project,
                f"{hit.entry_name} (left over: counts for nothing)",
                decision.counterparty,
                hit=hit,
                decision=decision,
                # Not "red line": a decision left over counts for nothing.
                status=f"{decision.decision.capitalize()} (left over)",
                left_over=True,
            )
        )
    return list(rows.values())


def recorded_apart(decision: HitDecision | None, hit: HitRow) -> bool:
    """Whether a confirmed hit's list has changed since: the programmes recorded when it was
    confirmed, which the ranking goes by, differ from the list's now."""
    return bool(
        decision is not None
        and decision.decision == CONFIRMED
        and not hit.recorded_only
        and decision.sanctions
        and tuple(decision.sanctions) != tuple(hit.sanctions)
    )


def _hit_row(doc: Assessment, project: str, counterparty: str, hit: HitRow, list_name: str) -> Row:
    """A hit's row, with the decision recorded on it on ``list_name`` (a decision on another
    list's entry of the same id is not this hit's)."""
    decision = doc.screening.decision(project, counterparty, hit.entry_id, list_name)
    text = hit.entry_name + (" (recorded decision; not on this list)" if hit.recorded_only else "")
    if recorded_apart(decision, hit):
        # Short: the name column is cut at its bound, and the advice was cut with it
        # ("the list's programmes now di…"); the details say it whole.
        text += " (list changed since)"
    status = decision_text(decision, hit)
    return Row(
        HIT,
        project,
        text,
        counterparty,
        hit=hit,
        decision=decision,
        status=status,
        excluded=status == "Confirmed — red line",
    )


def _project_status(
    territory: bool, confirmed_lines: int, pending: int, list_hits: int, named: bool
) -> str:
    """What excludes the project, then what the list found: a project a territory rule
    excludes said "Clear" beside its red line when the list had no hit for it."""
    if territory and confirmed_lines:
        head = "Excluded: occupied territory and confirmed hit"
    elif territory:
        head = "Excluded: occupied territory"
    elif confirmed_lines:
        head = "Excluded: confirmed hit"
    else:
        return f"{pending} pending" if pending else "Clear"
    if pending:
        return f"{head} · {pending} pending"
    if territory and not confirmed_lines:
        if not named:
            return f"{head} · no counterparty named"
        return f"{head} · {'no list hit' if not list_hits else 'no red-line hit'}"
    return head


def counts(rows: list[Row]) -> dict[str, int]:
    """Counterparties, hits, pending, confirmed and dismissed over the whole view; the
    decisions recorded on entries the list screened does not give are counted apart
    ("recorded"), not as its hits, and so are those left over on counterparties no longer
    named ("left_over")."""
    totals = dict.fromkeys(
        ("counterparties", "hits", "pending", "confirmed", "dismissed", "recorded", "left_over"),
        0,
    )
    for project in rows:
        for child in project.children:
            if child.kind != COUNTERPARTY:
                continue
            if child.left_over:
                totals["left_over"] += len(child.children)
                continue
            totals["counterparties"] += 1
            for hit in _hits_of(child):
                if hit.hit is not None and hit.hit.recorded_only:
                    totals["recorded"] += 1
                    continue
                totals["hits"] += 1
                if hit.decision is None:
                    totals["pending"] += 1
                elif hit.decision.decision == CONFIRMED:
                    totals["confirmed"] += 1
                else:
                    totals["dismissed"] += 1
    return totals


def _hits_of(counterparty: Row) -> list[Row]:
    """A counterparty's hit lines, those under its line of recorded decisions too."""
    found = []
    for child in counterparty.children:
        found.extend(child.children if child.kind == RECORDED else [child])
    return found


def describe(row: Row, doc: Assessment, in_store: Callable[[str], bool] | None = None) -> str:
    """The details of one line, as rich text with every name from the user or a list escaped;
    ``in_store`` tells whether a list is here to screen against (see :data:`NOT_IN_STORE`)."""
    if row.kind == HIT and row.hit is not None:
        hit = row.hit
        lines = [
            f"<b>{escape(row.counterparty)}</b> → <b>{escape(hit.entry_name)}</b>",
            f"Entry {escape(hit.entry_id)} · matched name “{escape(hit.matched_name)}” · "
            f"score {hit.score:.2f} (1.00: every word of the name matches)",
        ]
        if hit.by_initials:
            lines.append("<b>Matched on an initial:</b> check the full name before you confirm it.")
        if row.left_over:
            lines.append(
                "<i>Left over: the project no longer names this counterparty, so the decision "
                "counts for nothing (the memo prints it as left over). Clear decision removes "
                "it; the name the project gives now is screened apart.</i>"
            )
        elif hit.recorded_only:
            lines.append(
                "<i>Recorded in the document; the list screened now does not give this hit.</i>"
            )
            recorded_on = row.decision.list_name if row.decision is not None else ""
            if recorded_on and in_store is not None and not in_store(recorded_on):
                lines.append(
                    f"<i>Decided on the list {escape(recorded_on)}. {escape(NOT_IN_STORE)}</i>"
                )
        decision = row.decision
        changed = decision is not None and recorded_apart(decision, hit)
        if changed:
            # Said nowhere else whole: the list's cut name gave only its start.
            lines.append(
                "<i>The list's programmes now differ from those recorded when the hit was "
                "confirmed: confirm it again (or dismiss it) to decide on them.</i>"
            )
            lines.append("On the list now:" if hit.sanctions else "On the list now: none")
        for sanction in hit.sanctions:
            lines.append("• " + escape(sanction))
        if hit.source:
            lines.append("Source: " + escape(hit.source))
        if decision is not None and changed:
            # The list changed since (see _hit_row): what the decision stands on, as the
            # ranking reads it; only the list's new programmes were shown beside a red line.
            lines.append("Recorded when confirmed (the ranking goes by these):")
            lines.extend("• " + escape(sanction) for sanction in decision.sanctions)
        lines.append(f"<b>Decision:</b> {escape(row.status)}")
        if row.decision is not None and row.decision.note:
            lines.append("Note: " + escape(row.decision.note))
        if row.decision is not None and row.decision.no_red_line_reason:
            lines.append("Not a red line: " + escape(row.decision.no_red_line_reason))
        return "<br>".join(lines)
    if row.kind == RECORDED:
        return "<br>".join(
            [
                f"<b>{escape(row.counterparty)}</b>: {escape(row.text)}",
                "Decisions recorded in the document on entries the list screened now does not "
                "give: they count in the ranking and the memo as recorded. Expand the line to "
                "read them; each can be cleared, or decided again.",
                f"<b>Decisions:</b> {escape(row.status)}",
            ]
        )
    if row.kind == TERRITORY and row.territory is not None:
        rule = row.territory
        lines = [
            f"<b>{escape(rule.name)}</b>: {escape(rule.why)}",
            "Legal basis: " + escape(rule.basis),
            f"<b>Rule:</b> {escape(row.status)}",
        ]
        if row.override:
            lines.append("Justification: " + escape(row.override))
        return "<br>".join(lines)
    try:
        project = doc.project(row.project)
    except KeyError:
        return ""
    text = f"<b>{escape(project.name)}</b><br>Region: {escape(project.region or 'not given')}"
    if project.country.strip():
        # The country places a project too ("Crimea" given as the country): shown beside the
        # region, a red line under "Region: not given" had nothing to stand on.
        text += f"<br>Country: {escape(project.country)}"
    if row.kind == PROJECT:
        text += "<br>" + escape(row.status)
    return text
