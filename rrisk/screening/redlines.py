"""Red lines that come from screening: confirmed hits on blocking programmes, territory rules.

Both are read from the document alone (decisions keep a copy of the entry's sanctions), so
scoring never needs the list store. Each red line is attached to one criterion so the matrix,
heat map and memo can show it where the reader looks for it: a sanctions hit on the first
criterion of category "sanctions" (else "counterparty"), a territory rule on the first of
"ethics & legality" (else "sanctions"); failing those, on the first criterion.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rrisk.screening.decisions import CONFIRMED, counterparty_key
from rrisk.screening.listfile import NO_PROGRAMME, blocking, blocks
from rrisk.screening.territory import match_place
from rrisk.text import prints_nothing

if TYPE_CHECKING:
    from rrisk.model import Assessment
    from rrisk.screening.decisions import HitDecision

KIND_SCREENING = "screening"
KIND_TERRITORY = "territory"


@dataclass(frozen=True)
class ProjectRedLine:
    """A red line on a whole project, before it is attached to a criterion."""

    project: str
    criterion: str
    reason: str
    basis: str
    kind: str
    identity: str = ""


def _criterion_for(doc: Assessment, categories: tuple[str, ...]) -> str:
    for category in categories:
        for criterion in doc.criteria:
            if criterion.category.casefold() == category:
                return criterion.id
    return doc.criteria[0].id if doc.criteria else ""


def current_counterparties(doc: Assessment) -> dict[str, frozenset[str]]:
    """Each project's counterparties (as :func:`counterparty_key` keeps them), for
    :func:`is_current`."""
    return {
        project.id: frozenset(counterparty_key(name) for name in project.counterparties)
        for project in doc.projects
    }


def is_current(decision: HitDecision, counterparties: dict[str, frozenset[str]]) -> bool:
    """Whether a decision still concerns the document: its project still exists and still
    names that counterparty (as the decision recorded it, up to case and spacing).

    A counterparty removed or renamed after the decision leaves the decision behind; it
    then counts for nothing (no red line) until the analyst decides on the new name, and
    ``rrisk check`` and the memo say it is left over."""
    return counterparty_key(decision.counterparty) in counterparties.get(decision.project, ())


def hit_red_lines(doc: Assessment) -> list[ProjectRedLine]:
    """Confirmed hits on an entry that blocks (a sanction in force, or none given: see
    :func:`~rrisk.screening.listfile.blocks`) and no recorded reason to set the line aside,
    on counterparties the projects still have."""
    found: list[ProjectRedLine] = []
    if not doc.screening.decisions:
        return found  # (each project's counterparties would be gathered for none)
    criterion = _criterion_for(doc, ("sanctions", "counterparty"))
    counterparties = current_counterparties(doc)
    hits = [
        decision
        for decision in doc.screening.decisions
        if decision.decision == CONFIRMED
        and is_current(decision, counterparties)
        and blocks(decision.sanctions)
        and prints_nothing(decision.no_red_line_reason)
    ]
    # A decision that records no list is on the assessment's, as the memo's screening table
    # takes it (naming no other list beside its entry). Two entries one counterparty is
    # confirmed as, that the words below would name alike (one list holds the same name
    # twice), are told apart by their ids, as the memo's screening table tells them.
    screened = doc.screening.list_name.strip() or "the screening list"
    sources = [decision.list_name.strip() or screened for decision in hits]
    listings = [_listed(d, source) for d, source in zip(hits, sources, strict=True)]
    worded = Counter(
        (d.project, counterparty_key(d.counterparty), listed)
        for d, listed in zip(hits, listings, strict=True)
    )
    for decision, source, listed in zip(hits, sources, listings, strict=True):
        binding = [sanction for sanction in decision.sanctions if blocking(sanction)]
        # A listed party whose programme the list leaves blank is still listed: the list
        # itself is then the basis, said as such.
        basis = "; ".join(binding) or f"listed on {source} ({NO_PROGRAMME})"
        if worded[decision.project, counterparty_key(decision.counterparty), listed] > 1:
            listed += f" (entry {decision.entry_id})"
        if not binding:
            listed += " (the list gives no programme)"
        found.append(
            ProjectRedLine(
                project=decision.project,
                criterion=criterion,
                reason=(
                    f"Counterparty '{decision.counterparty}' is {listed}, confirmed by the analyst"
                ),
                basis=basis,
                kind=KIND_SCREENING,
                identity=f"{decision.counterparty}\x1f{decision.entry_id}",
            )
        )
    return found


def _listed(decision: HitDecision, source: str) -> str:
    """Where a confirmed hit's counterparty is listed, on the list ``source``, as the memo's
    screening table names the entry: by its name on the list (its id only where the list
    gives no name), and not twice where the names are the same ("listed on eu-fsf as Rosatom
    State Corporation")."""
    if not decision.entry_name:
        return f"listed on {source} as entry {decision.entry_id}"
    if counterparty_key(decision.entry_name) == counterparty_key(decision.counterparty):
        return f"listed on {source}"
    return f"listed on {source} as {decision.entry_name}"


def territory_red_lines(doc: Assessment) -> list[ProjectRedLine]:
    """Projects whose region lies in an occupied territory, unless overridden in writing."""
    found = []
    criterion = _criterion_for(doc, ("ethics & legality", "sanctions"))
    for project in doc.projects:
        for match in match_place(project.region, project.country):
            if not match.applies or doc.screening.override(project.id, match.territory.id):
                continue
            found.append(
                ProjectRedLine(
                    project=project.id,
                    criterion=criterion,
                    reason=(
                        f"{_location(project, match.territory.id)} lies in "
                        f"{match.territory.name}, an occupied territory ({match.why})"
                    ),
                    basis=match.territory.basis,
                    kind=KIND_TERRITORY,
                    identity=match.territory.id,
                )
            )
    return found


def screening_red_lines(doc: Assessment) -> list[ProjectRedLine]:
    """Every red line screening puts on the document's projects."""
    return territory_red_lines(doc) + hit_red_lines(doc)


def placing_field(project: Any, territory_id: str) -> str:
    """The field that places ``project`` in the territory: "region", "country" when only the
    country says so, or "region and country" where neither alone does."""
    region, country = project.region.strip(), project.country.strip()

    def names(text: str) -> bool:
        return any(m.territory.id == territory_id for m in match_place(text))

    if region and names(region):
        return "region"
    if country and names(country):
        return "country"
    return "region and country"


def _location(project: Any, territory_id: str) -> str:
    """The field that places ``project`` in the territory, quoted: "Region 'Mariupol'", or
    "Country 'Crimea'" when only the country says so, or both where neither alone does."""
    field = placing_field(project, territory_id)
    if field == "region":
        return f"Region '{project.region}'"
    if field == "country":
        return f"Country '{project.country}'"
    return f"Region '{project.region}', country '{project.country}'"
