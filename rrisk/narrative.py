"""Stale narrative: each text remembers the results it was written against.

When a narrative text is edited or marked reviewed, :func:`stamp_text` stores the baseline
index (to the table's one decimal) and rank of the projects it is about: every project for the
summary, recommendation and notes; the project itself and the projects its fields cite for a
project description or a cell rationale (a snapshot of 2,000 projects per rationale would swell
the file). :func:`stale_texts` compares those with today's results and reports "written before
N results changed", where a result is one project's index and rank.

A cell's rationale vouches for its own cell's scores, not for its project's results: its stamp
also holds the cell's likelihood, impact and their range bounds (:data:`CELL_SCORES`), and the
rationale is stale exactly when one of those six changed since; its project's index or rank
moving with other cells (a matrix being filled in, a weight) leaves it current. The project
figures stay in the stamp for an older RRisk, which reads every stamp by them. A rationale's
stamp without the cell's scores (written before they were kept) is read as then: by its
project's index and rank.

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

from rrisk import collector
from rrisk.cells import SCORE_FIELDS
from rrisk.docparts import NarrativeStamp, ResultMark
from rrisk.errors import RRiskError
from rrisk.fields import FIELD, iter_fields, leader_row, narrative_texts, parse_field, place_of
from rrisk.fmt import fmt_index
from rrisk.plainmodel import narrative_stamp, stamp_with_result

if TYPE_CHECKING:
    from rrisk.cells import Cell
    from rrisk.model import Assessment
    from rrisk.scoring import ScoreResult

DOCUMENT_TEXTS = ("summary", "recommendation", "notes")

CELL_SCORES = "0.cell"
"""The entry of a cell rationale's stamp ``results`` that holds the cell's own scores as
stamped: ``[null, N]``, N a 1 followed by a digit each for the likelihood, impact, likelihood
low and high, impact low and high, 0 for one not set (``1340000``: 3 × 4, no range). No project's
rank reaches a million, and an older RRisk reads the entry as one more project's result (its
files allow no new field in a stamp)."""
_SCORES_BASE = 1_000_000
Scores = tuple[int | None, ...]
"""A cell's six score fields in :data:`rrisk.cells.SCORE_FIELDS` order (None: not set)."""


def cell_scores(cell: Cell | None) -> Scores:
    """What a cell's rationale vouches for: its likelihood, impact and their range bounds (not
    its evidence, red line or review status, which have their own words and marks)."""
    if cell is None:
        return (None,) * len(SCORE_FIELDS)
    return (
        cell.likelihood,
        cell.impact,
        cell.likelihood_low,
        cell.likelihood_high,
        cell.impact_low,
        cell.impact_high,
    )


def _scores_code(scores: Scores) -> int:
    code = 0
    for value in scores:
        code = code * 10 + (value or 0)
    return _SCORES_BASE + code


def stamped_scores(stamp: NarrativeStamp) -> Scores | None:
    """The cell's scores a rationale's stamp holds, or None (a stamp of the older form, which
    holds only project results, or an entry that is not such a code)."""
    mark = stamp.results.get(CELL_SCORES)
    if mark is None or mark[0] is not None or mark[1] is None:
        return None
    digits = str(mark[1] - _SCORES_BASE)
    if not _SCORES_BASE <= mark[1] < 2 * _SCORES_BASE or any(d > "5" for d in digits):
        return None
    digits = digits.rjust(len(SCORE_FIELDS), "0")
    return tuple(int(d) or None for d in digits)


def scores_words(scores: Scores, other: Scores | None = None) -> str:
    """``likelihood 3 (2–4) × impact 4``, as a stale rationale names its cell's scores.

    ``other``: the scores these are set against (was against now, now against was): a score
    without a range where the other has one says "no range", so that a range set or taken
    away reads as the change ("impact 4 (no range)" against "impact 4 (3–5)"; it read
    "impact 4" against "impact 4 (3–5)", the same score, seemingly)."""
    parts = []
    likelihood, impact, likelihood_low, likelihood_high, impact_low, impact_high = scores
    for at, (name, value, low, high) in enumerate(
        (
            ("likelihood", likelihood, likelihood_low, likelihood_high),
            ("impact", impact, impact_low, impact_high),
        )
    ):
        if value is None and low is None and high is None:
            parts.append(f"no {name}")
            continue
        words = f"{name} {value if value is not None else '–'}"
        if low is not None and high is not None:
            words += f" ({low}–{high})"
        elif low is not None or high is not None:
            words += f" (low {low})" if low is not None else f" (high {high})"
        elif other is not None and (other[2 + 2 * at] is not None or other[3 + 2 * at] is not None):
            words += " (no range)"
        parts.append(words)
    return " × ".join(parts)


@dataclass(frozen=True)
class StaleText:
    """A narrative text whose results changed since it was written or reviewed; for a cell's
    rationale whose stamp holds the cell's scores, ``was`` and ``now`` name them (in words)
    as stamped and today, and ``changed`` is 1."""

    key: str
    place: str
    changed: int
    was: str = ""
    now: str = ""

    @property
    def message(self) -> str:
        """The check's words (``rrisk check``)."""
        if self.was:
            return (
                f"written against {self.was}, scored {self.now} since; "
                "review it and mark it reviewed"
            )
        noun = "result" if self.changed == 1 else "results"
        return f"written before {self.changed} {noun} changed; review it and mark it reviewed"

    @property
    def label(self) -> str:
        """The line under the text's editor in the app."""
        if self.was:
            return f"Written against {self.was}; scored {self.now} since."
        noun = "result" if self.changed == 1 else "results"
        return f"Written before {self.changed} {noun} changed."


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
    stamp = _now(document, key, result, positions)[0]
    if key.startswith("cell:"):
        stamp = _with_scores(stamp, cell_scores(_cell_of(document, key)))
    return stamp


def _now(
    document: Assessment,
    key: str,
    result: ScoreResult,
    positions: dict[str, int] | None = None,
) -> tuple[NarrativeStamp, bool]:
    """The stamp of project results ``key`` would get now (a rationale's without its cell's
    scores, as a stamp of the older form holds them), and whether the text is about every
    project (the summary; a text citing a count), so that a project new since it was stamped
    is a changed result for it (:func:`changed_results`)."""
    about = subjects(document, key, result)
    marks = _marks(result, about, positions)
    return narrative_stamp(_digest(marks), marks), about is None


def _cell_of(document: Assessment, key: str) -> Cell | None:
    _, project_id, criterion_id = key.split(":", 2)
    return document.cell(project_id, criterion_id)


def _with_scores(stamp: NarrativeStamp, scores: Scores) -> NarrativeStamp:
    """``stamp`` (a rationale's project results, digest and all, as an older RRisk reads them)
    with the cell's scores (:data:`CELL_SCORES`) beside them, made as read from a file."""
    return stamp_with_result(stamp, CELL_SCORES, _scores_code(scores))


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
    of 2,000 projects make 2,000 stamps and one for each of their cells' scores, a few per
    project, not 80,000 (each read-only once made)."""
    if result is None:
        from rrisk.scoring import score

        result = score(document)
    positions = project_positions(result)
    made: dict[tuple[str, ...] | None, NarrativeStamp] = {}
    scored: dict[tuple[tuple[str, ...] | None, Scores], NarrativeStamp] = {}
    stamps = document.narrative_stamps
    # Up to 80,000 stamps that live on, none of them cyclic garbage (rrisk.collector).
    with collector.paused():
        for key in keys:
            cell = _cell_of(document, key) if key.startswith("cell:") else None
            text = cell.rationale if cell is not None else text_of(document, key)
            if not text.strip():
                stamps.pop(key, None)
                continue
            # A text without a field is about its own project (most rationales of a table).
            about = [key.split(":")[1]] if cell is not None and "{{" not in text else None
            about = about or subjects(document, key, result)
            shared = None if about is None else tuple(about)
            stamp = made.get(shared)
            if stamp is None:
                marks = _marks(result, about, positions)
                stamp = made[shared] = narrative_stamp(_digest(marks), marks)
            if cell is not None:
                # The same project results and cell scores share one stamp.
                scores = cell_scores(cell)
                with_scores = scored.get((shared, scores))
                if with_scores is None:
                    with_scores = scored[shared, scores] = _with_scores(stamp, scores)
                stamp = with_scores
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
        stale = _staleness(document, key, place, stamp, result, positions)
        if stale is not None:
            found.append(stale)
    return found


def _staleness(
    document: Assessment,
    key: str,
    place: str,
    stamp: NarrativeStamp,
    result: ScoreResult | None,
    positions: dict[str, int] | None = None,
) -> StaleText | None:
    """A stamped text's staleness: a rationale whose stamp holds its cell's scores by those
    alone, any other text (and an older rationale's stamp) by its projects' results (the
    document's baseline results when ``result`` is None)."""
    if key.startswith("cell:"):
        was = stamped_scores(stamp)
        if was is not None:
            now = cell_scores(_cell_of(document, key))
            if now == was:
                return None
            return StaleText(key, place, 1, scores_words(was, now), scores_words(now, was))
    if result is None:
        from rrisk.scoring import score

        result = score(document)
    if key.startswith("cell:") and CELL_SCORES in stamp.results:
        # An entry of the cell's scores that is no code of them (edited by hand, or coded
        # otherwise by another release): no project's result either, so not one that changed,
        # unless it names a project the text is about (an older stamp of a project whose id
        # it is; a project of another id than the text's is no result of it).
        about = subjects(document, key, result)
        if about is None or CELL_SCORES not in about:
            results = {k: mark for k, mark in stamp.results.items() if k != CELL_SCORES}
            stamp = narrative_stamp(stamp.digest, results)
            if about is None:
                # A text about every project counts one the stamp lacks as new; that entry
                # held the place of a project of its id, which is no newer than the text.
                held, every = _now(document, key, result, positions)
                current = {k: mark for k, mark in held.results.items() if k != CELL_SCORES}
                changed = changed_results(stamp, narrative_stamp(held.digest, current), every)
                return StaleText(key, place, changed) if changed else None
    changed = changed_results(stamp, *_now(document, key, result, positions))
    return StaleText(key, place, changed) if changed else None


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
    return _staleness(document, key, place_of(key, document), stamp, result)
