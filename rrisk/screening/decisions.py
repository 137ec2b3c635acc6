"""What the document records about screening: the list used, hit decisions, overrides.

All fields are optional with defaults, so documents written before screening existed read
unchanged. A decision keeps a copy of what the analyst decided on (entry name, matched name,
score, sanctions as the list gave them), so the document scores, prints and reads the same on
a colleague's machine that never imported the list.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from rrisk.cells import ID_PATTERN, LONG_TEXT_MAX, SHORT_TEXT_MAX
from rrisk.docparts import NUMBER
from rrisk.text import check_text, prints_nothing

_Id = Annotated[str, Field(pattern=ID_PATTERN)]
_Short = Annotated[str, Field(max_length=SHORT_TEXT_MAX), AfterValidator(check_text)]
_Long = Annotated[str, Field(max_length=LONG_TEXT_MAX), AfterValidator(check_text)]

CONFIRMED = "confirmed"
DISMISSED = "dismissed"


def counterparty_key(name: str) -> str:
    """The form under which a decision is kept for a counterparty: its name without regard
    to case or spacing ("ROSNEFT" and " Rosneft" are the counterparty decided on as
    "Rosneft"; screening matches them alike) or to the Unicode form an accent is typed in
    (an é typed as e and an accent, as some keyboards and pastes give it, is é), as a
    scenario's name is matched. Any other change of the name is another counterparty, to be
    decided on anew."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def same_list(first: str, second: str) -> bool:
    """Whether two recorded list names name one list (case and spacing aside: a decision
    records the name the list had when it was made)."""
    return counterparty_key(first) == counterparty_key(second)


LIST_NAME_SHOWN = 200
"""Characters of a list's name a message quotes: a name typed at the command line may be of
any length (a paste gone wrong), and a longer one pushed the lists the message names, and
the bundled list's name, past the message's end."""


def list_name_shown(name: str) -> str:
    """``'OFAC SDN'``: a list's name as a message quotes it, on one line, its control and
    direction characters escaped, cut at :data:`LIST_NAME_SHOWN` characters."""
    from rrisk.messages import one_line  # (as the messages that quote it import it)

    return f"'{one_line(name, LIST_NAME_SHOWN)}'"


def same_hit(item: HitDecision, project: str, counterparty: str, entry_id: str) -> bool:
    """Whether a recorded decision concerns this project's counterparty and list entry (on
    whichever list)."""
    return (
        item.project == project
        and item.entry_id == entry_id
        and counterparty_key(item.counterparty) == counterparty_key(counterparty)
    )


def decides(
    item: HitDecision, project: str, counterparty: str, entry_id: str, list_name: str | None
) -> bool:
    """Whether a recorded decision is the one on this hit of the list ``list_name``
    (:func:`counts_on`)."""
    return same_hit(item, project, counterparty, entry_id) and counts_on(item, list_name)


def counts_on(item: HitDecision, list_name: str | None) -> bool:
    """Whether a recorded decision counts on the list ``list_name``: made on that list, or
    naming none (an older file's, which counts on any); on any list when ``list_name`` is
    None."""
    return list_name is None or not item.list_name.strip() or same_list(item.list_name, list_name)


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class HitDecision(_Base):
    """The analyst's verdict on one hit: this counterparty is (not) this list entry."""

    project: _Id
    counterparty: _Short
    list_name: _Short = ""
    entry_id: _Short
    entry_name: _Short = ""
    matched_name: _Short = ""
    score: Annotated[float, NUMBER] = Field(default=0.0, ge=0.0, le=1.0, allow_inf_nan=False)
    sanctions: list[_Short] = Field(default_factory=list, max_length=200)
    decision: Literal["confirmed", "dismissed"]
    note: _Long = ""
    no_red_line_reason: _Long = ""
    """Why a confirmed hit on a blocking programme is not a red line (empty: it is one)."""


class TerritoryOverride(_Base):
    """The analyst's written reason why a territory rule does not exclude a project."""

    project: _Id
    territory: _Short
    justification: _Long
    """Empty, or blank, it sets nothing aside, and ``rrisk check`` names it as an error: the
    file still opens (an empty one was refused whole, with words meant for a name)."""

    @property
    def written(self) -> bool:
        """Whether it says why: one whose justification is blank sets nothing aside."""
        return not prints_nothing(self.justification)


class Screening(_Base):
    """The list an assessment was screened against, and what the analyst decided."""

    list_name: _Short = ""
    list_as_of: _Short = ""
    decisions: list[HitDecision] = Field(default_factory=list, max_length=20_000)
    territory_overrides: list[TerritoryOverride] = Field(default_factory=list, max_length=5_000)

    def decision(
        self, project: str, counterparty: str, entry_id: str, list_name: str | None = None
    ) -> HitDecision | None:
        """The decision on one hit of ``project``'s ``counterparty`` (see
        :func:`counterparty_key`), or None while it is pending.

        Given ``list_name``, the list the hit is on, a decision recorded on another list does
        not count: in-house lists number their entries alike, and a dismissal of entry 1 of
        one list said nothing of entry 1 of another. A decision that names no list (a file
        of an older release) counts on any list, as it always did."""
        fallback = None
        for item in self.decisions:
            if decides(item, project, counterparty, entry_id, list_name):
                if list_name is None or same_list(item.list_name, list_name):
                    return item
                fallback = fallback or item
        return fallback

    def override(self, project: str, territory: str) -> TerritoryOverride | None:
        """The override setting aside ``territory``'s rule for ``project``. One whose
        justification is blank sets nothing aside: the rule needs a written reason, and
        ``rrisk check`` names such an override as an error."""
        for item in self.territory_overrides:
            if item.written and (item.project, item.territory) == (project, territory):
                return item
        return None

    def recorded(self, project: str, territory: str) -> bool:
        """Whether an override of ``territory``'s rule for ``project`` is recorded, written
        or not (:meth:`override` finds only a written one)."""
        return any(
            (item.project, item.territory) == (project, territory)
            for item in self.territory_overrides
        )


def screening_problems(screening: Screening, project_ids: set[str]) -> list[str]:
    """References of the screening record to projects that do not exist."""
    problems = []
    for item in screening.decisions:
        if item.project not in project_ids:
            problems.append(f"screening: decision on unknown project '{item.project}'")
    for override in screening.territory_overrides:
        if override.project not in project_ids:
            problems.append(
                f"screening: territory override of unknown project '{override.project}'"
            )
    return problems
