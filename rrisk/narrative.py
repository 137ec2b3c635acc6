"""Stale narrative: each text remembers the results it was written against.

When a narrative text is edited or marked reviewed, :func:`stamp_text` stores the baseline
index (to the table's one decimal) and rank of the projects it is about: every project for the
summary, recommendation and notes; the project itself and the projects its fields cite for a
project description or a cell rationale (a snapshot of 2,000 projects per rationale would swell
the file). :func:`stale_texts` compares those with today's results and reports "written before
N results changed", where a result is one project's index and rank.

A text without a stamp (an old file, a text never edited in the app) is not reported stale:
nothing says what it was written against. New documents from a template are stamped at
creation, since their narrative was written against the template's own figures.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rrisk.docparts import NarrativeStamp, ResultMark
from rrisk.errors import RRiskError
from rrisk.fields import FIELD, iter_fields, leader_row, narrative_texts, parse_field, place_of
from rrisk.fmt import fmt_index
from rrisk.plainmodel import narrative_stamp

if TYPE_CHECKING:
    from rrisk.model import Assessment
    from rrisk.scoring import ScoreResult

DOCUMENT_TEXTS = ("summary", "recommendation", "notes")


@dataclass(frozen=True)
class StaleText:
    """A narrative text whose results changed since it was written or reviewed."""

    key: str
    place: str
    changed: int

    @property
    def message(self) -> str:
        noun = "result" if self.changed == 1 else "results"
        return f"written before {self.changed} {noun} changed; review it and mark it reviewed"


def _marks(
    result: ScoreResult,
    project_ids: Iterable[str] | None,
    positions: dict[str, int] | None = None,
) -> dict[str, ResultMark]:
    ids = result.matrix.project_ids
    if project_ids is None:
        rows: Iterable[int] = range(len(ids))
    else:
        rows = _rows(positions or project_positions(result), project_ids)
    marks: dict[str, ResultMark] = {}
    for row in rows:
        index = float(result.index[row])
        rank = int(result.rank[row])
        # The index as the tables print it (halves up; two decimals below a band edge):
        # Python's round() takes 12.25 to 12.2 where the table prints 12.3, so a move to
        # 12.24 went unreported and one to 12.26 was reported though no printed figure moved.
        marks[ids[row]] = (None if index != index else float(fmt_index(index)), rank or None)
    return marks


def project_positions(result: ScoreResult) -> dict[str, int]:
    """Each project's row in ``result`` (made once per check, not once per text)."""
    return {project_id: row for row, project_id in enumerate(result.matrix.project_ids)}


def _rows(positions: dict[str, int], project_ids: Iterable[str]) -> list[int]:
    return sorted({positions[p] for p in project_ids if p in positions})


def _digest(marks: dict[str, ResultMark]) -> str:
    canonical = json.dumps(sorted(marks.items()), separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def text_of(document: Assessment, key: str) -> str:
    """The current text under ``key`` (empty when the place no longer exists)."""
    if key in DOCUMENT_TEXTS:
        return str(getattr(document, key))
    kind, _, rest = key.partition(":")
    if kind == "project":
        for project in document.projects:
            if project.id == rest:
                return project.description
        return ""
    if kind == "cell":
        project_id, _, criterion_id = rest.partition(":")
        cell = document.cell(project_id, criterion_id)
        return cell.rationale if cell is not None else ""
    raise RRiskError(f"'{key}' is not a narrative text")


def subjects(document: Assessment, key: str, result: ScoreResult | None = None) -> list[str] | None:
    """The projects a text is about (None: every project).

    A field of the leader is about the project that leads in ``result`` (a change of leader
    changes that project's rank, so the text reads as stale); a count is about every
    project, as any of them may leave or join the counted ones."""
    if key in DOCUMENT_TEXTS:
        return None
    own = key.split(":")[1]
    cited = {own}
    for _, body in iter_fields(text_of(document, key)):
        try:
            field = parse_field(body)
        except RRiskError:
            continue
        if field.figure == "count":
            return None
        cited.update(t for t in field.targets if t != "leader")
        if result is not None and "leader" in field.targets:
            leader = leader_row(result)
            if leader is not None:
                cited.add(result.matrix.project_ids[leader])
    return sorted(cited)


def snapshot(
    document: Assessment,
    key: str,
    result: ScoreResult | None = None,
    positions: dict[str, int] | None = None,
) -> NarrativeStamp:
    """The stamp ``key`` would get now (baseline results); ``positions`` (each project's row
    in ``result``) saves remaking that map when many texts are stamped or checked."""
    if result is None:
        from rrisk.scoring import score

        result = score(document)
    return _now(document, key, result, positions)[0]


def _now(
    document: Assessment,
    key: str,
    result: ScoreResult,
    positions: dict[str, int] | None = None,
) -> tuple[NarrativeStamp, bool]:
    """The stamp ``key`` would get now, and whether the text is about every project (the
    summary; a text citing a count), so that a project new since it was stamped is a changed
    result for it (:func:`changed_results`)."""
    about = subjects(document, key, result)
    marks = _marks(result, about, positions)
    return narrative_stamp(_digest(marks), marks), about is None


def stamp_text(document: Assessment, key: str, result: ScoreResult | None = None) -> None:
    """Record that the text under ``key`` was written (or reviewed) against today's results.

    Called when a text is edited and by "mark reviewed"; an emptied text loses its stamp.
    """
    if not text_of(document, key).strip():
        document.narrative_stamps.pop(key, None)
        return
    document.narrative_stamps[key] = snapshot(document, key, result)


def stamp_all(document: Assessment) -> None:
    """Stamp every non-empty narrative text (a new document from a template)."""
    stamp_texts(document, [key for key, _, text in narrative_texts(document) if text.strip()])


def stamp_texts(
    document: Assessment, keys: Iterable[str], result: ScoreResult | None = None
) -> dict[str, NarrativeStamp]:
    """Stamp the texts under ``keys`` against ``result`` (the document's baseline results
    when None), as :func:`stamp_text` does one by one (an emptied text loses its stamp), into
    ``document.narrative_stamps``, which is returned.

    Texts about the same projects get the same stamp, made once: a table's 80,000 rationales
    of 2,000 projects make 2,000 stamps, not 80,000 (each read-only once made)."""
    if result is None:
        from rrisk.scoring import score

        result = score(document)
    positions = project_positions(result)
    made: dict[tuple[str, ...] | None, NarrativeStamp] = {}
    stamps = document.narrative_stamps
    for key in keys:
        if not text_of(document, key).strip():
            stamps.pop(key, None)
            continue
        about = subjects(document, key, result)
        shared = None if about is None else tuple(about)
        stamp = made.get(shared)
        if stamp is None:
            marks = _marks(result, about, positions)
            stamp = made[shared] = narrative_stamp(_digest(marks), marks)
        stamps[key] = stamp
    return stamps


def changed_results(stamp: NarrativeStamp, now: NarrativeStamp, every: bool = True) -> int:
    """How many projects' results (index or rank) differ between two stamps.

    ``every``: the text is about every project (the summary), so a project new since counts
    too; a description or rationale counts only the projects it was stamped with: one it
    cites since (a field added outside the app, which stamps on every edit) is no result that
    changed under it."""
    if stamp.digest == now.digest:
        return 0
    before, after = stamp.results, now.results
    projects = set(before) | set(after) if every else set(before)
    return sum(1 for p in projects if before.get(p) != after.get(p))


def stale_texts(document: Assessment, result: ScoreResult | None = None) -> list[StaleText]:
    """Narrative texts whose results changed since they were stamped, in document order."""
    if not document.narrative_stamps:
        return []
    if result is None:
        from rrisk.scoring import score

        result = score(document)
    found = []
    positions = project_positions(result)
    for key, place, text in narrative_texts(document):
        stamp = document.narrative_stamps.get(key)
        if stamp is None or not text.strip():
            continue
        changed = changed_results(stamp, *_now(document, key, result, positions))
        if changed:
            found.append(StaleText(key, place, changed))
    return found


_TYPED_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{1,2})?)(?![\w%‰]|[.,]\d)")
"""A number typed in prose that could be an index as printed ("62.5", "62,5", "62"): not part
of a longer number, a word or a percentage."""
_NOT_A_COUNT = (
    "out|of|points?|pts|on|in|and|or|to|by|from|per|at|as|with|under|while|whereas|vs|versus"
    "|against|compared|than|for|after|before|since|until|today|now|then|still|already|yet"
    "|only|also|but|so|because|if|when|which|where|this|that|here|there|is|was|were|are|be"
    "|would|will|could|should|may|might|the|a|an|its|their|his|her|our|your"
)
_COUNTED = re.compile(rf"[ \t]*(?!(?:{_NOT_A_COUNT})\b)[^\W\d_]", re.IGNORECASE)
"""A word right after a whole number, on its line, that makes it a count or a measure ("52
engineers", "66 t"), not an index ("72 out of 100", "72 points", "72 while Alpha…", "72 vs
Alpha's 65"): any word but the small ones a sentence goes on with."""
_INDEX_WORD = re.compile(
    r"(?:index|indices|score[sd]?|scoring|rated|rating|ranked|risk)\W{1,3}(?:\w+\W{1,3}){0,2}$",
    re.IGNORECASE,
)
"""An index word a few words before a number ("index 31", "scores 31", "rated at 31"): the
number is read as an index whatever follows it."""


@dataclass(frozen=True)
class TypedFigure:
    """An index typed as a number in a narrative text that reads otherwise under a scenario."""

    key: str
    place: str
    typed: str
    project: str
    under: str


def typed_figures(
    document: Assessment, under: ScoreResult, baseline: ScoreResult | None = None
) -> list[TypedFigure]:
    """Numbers typed in narrative texts (outside fields) that are the baseline's index of a
    project the text is about, printed to one decimal or to whole points, where ``under`` (the
    scores under a scenario) prints another: a memo made under that scenario would print the
    baseline's figure in the text beside the scenario's in its tables. In document order, the
    typed figures of a text in the order typed.

    Whole numbers below 10 and 100 are left out (scores 1–5 and "out of 100" are typed in
    prose all the time; an index of a few points is written with its decimal), and so is a
    whole number followed by a word that makes it a count or a measure ("52 engineers")."""
    from rrisk.fmt import fmt_index, fmt_whole

    if baseline is None:
        from rrisk.scoring import score

        baseline = score(document)

    ids = baseline.matrix.project_ids
    names = dict(zip(ids, baseline.matrix.project_names, strict=True))
    under_rows = project_positions(under)
    # id → the baseline's index to one decimal and to whole points; the same under the scenario
    printed: dict[str, tuple[str, str, str, str]] = {}
    for row, project_id in enumerate(ids):
        if project_id not in under_rows:
            continue
        before, after = float(baseline.index[row]), float(under.index[under_rows[project_id]])
        if before != before or fmt_index(before) == fmt_index(after):
            continue
        printed[project_id] = (
            fmt_index(before),
            fmt_whole(before),
            fmt_index(after),
            fmt_whole(after),
        )
    if not printed:
        return []
    found = []
    for key, place, text in narrative_texts(document):
        plain = FIELD.sub(" ", text)
        numbers = [
            m.group(1)
            for m in _TYPED_NUMBER.finditer(plain)
            # A whole number followed by a word counts something, unless an index word comes
            # just before it; one with a decimal is read.
            if any(c in m.group(1) for c in ".,")
            or not _COUNTED.match(plain, m.end())
            or _INDEX_WORD.search(plain, max(0, m.start() - 40), m.start())
        ]
        if not numbers:
            continue
        about = subjects(document, key, baseline)
        candidates = [p for p in (ids if about is None else about) if p in printed]
        for number in numbers:
            typed = number.replace(",", ".")
            whole = "." not in typed
            if whole and (len(typed) < 2 or typed == "100"):
                continue
            for project_id in candidates:
                one, rounded, now, now_rounded = printed[project_id]
                if (typed, whole) in ((one, False), (rounded, True)) and (
                    not whole or rounded != now_rounded
                ):
                    found.append(TypedFigure(key, place, number, names[project_id], now))
                    break
    return found


def stale_text(
    document: Assessment, key: str, result: ScoreResult | None = None
) -> StaleText | None:
    """The staleness of one text (None when current or never stamped)."""
    stamp = document.narrative_stamps.get(key)
    if stamp is None or not text_of(document, key).strip():
        return None
    if result is None:
        from rrisk.scoring import score

        result = score(document)
    changed = changed_results(stamp, *_now(document, key, result))
    return StaleText(key, place_of(key), changed) if changed else None
