"""The investment-committee memo: ``build_memo`` turns an assessment into PDF bytes.

Sections, in order: cover, executive summary and recommendation, ranking and excluded
projects, screening (list, hits and decisions, territory rules), uncertainty (Monte Carlo), sensitivity (rank reversal, tornados), heat map, one page
per project, scenarios compared with the baseline, sources, methodology appendix, disclaimer.
The same document and scenario always give the same bytes: the PDF's dates are the
assessment's as-of date, the Monte Carlo run uses the document's runs and seed and reportlab runs in
invariant mode.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from reports import (
    cover,
    heatmap,
    methodology,
    sections_back,
    sections_front,
    sections_screening,
    sections_sensitivity,
    sections_uncertainty,
)
from reports.context import MemoContext
from reports.layout import MemoDocTemplate, PageFurniture, numbered_canvas_class, tag_part
from reports.sections_projects import project_pages
from reports.styles import forget_parses, metadata_text, styles
from rrisk import __version__
from rrisk.analysis import AnalysisCancelled
from rrisk.errors import RRiskError
from rrisk.fileformat import atomic_write_bytes
from rrisk.model import Assessment

if TYPE_CHECKING:
    from rrisk.compare import Earlier

Progress = Callable[[int, str], None]


def _changes_since(context: MemoContext) -> list[Flowable]:
    """The "Changes since" section, empty without an earlier version: the comparison's
    modules are loaded for a memo that has one."""
    if context.comparison is None:
        return []
    from reports.sections_changes import changes_since

    return changes_since(context)


_SECTIONS = (
    ("Cover", cover.cover),
    ("Executive summary", sections_front.executive_summary),
    ("Changes since", _changes_since),
    ("Ranking", sections_front.ranking),
    ("Screening", sections_screening.screening),
    ("Uncertainty", sections_uncertainty.uncertainty),
    ("Sensitivity", sections_sensitivity.sensitivity),
    ("Heat map", heatmap.heat_map),
    ("Project pages", project_pages),
    ("Scenarios", sections_back.scenarios),
    ("Sources", sections_back.sources),
    ("Methodology", methodology.methodology),
    ("Disclaimer", sections_back.disclaimer),
)

# Share of the progress bar for each phase: scoring, the Monte Carlo runs, weight
# sensitivity, composing the story, setting the pages.
_UNCERTAINTY_START, _SENSITIVITY_START = 2, 14
_COMPOSE_START, _TYPESET_START, _WRITE_START = 16, 24, 92


class MemoLayoutError(RRiskError):
    """A part of the memo cannot be set on pages (a block taller than a page)."""


class MemoCancelled(Exception):
    """Raised by :func:`build_memo` when its ``cancelled`` callback turns True."""


def _pdf_date(as_of: str) -> str | None:
    """A PDF date string for the as-of date, at noon UTC; None when none is given (the PDF is
    undated). A PDF reader shows the date in the reader's time zone: noon keeps the as-of day
    from UTC−12 to UTC+11, where midnight showed the day before west of Greenwich."""
    return f"D:{as_of.replace('-', '')}120000+00'00'" if as_of else None


def compose_story(
    document: Assessment,
    scenario: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    since: Assessment | Earlier | None = None,
    word: bool = False,
) -> tuple[MemoContext, list[Flowable]]:
    """Score, analyse and compose every section: the story the PDF sets on pages and the
    Word memo (:mod:`reports.word`) writes out. Progress runs from 0 to the typesetting share.

    With ``since`` (an earlier version of the document, or an :class:`Earlier` that also
    tells the attached files that differ) the memo gains a "Changes since" section after the
    executive summary and its cover names the earlier version. ``word``: the story is for
    the Word memo (whose text is set in Word's fonts, so its cover notes only the
    names its charts, pictures in the PDF's fonts, draw as empty boxes)."""

    def report(percent: int, stage: str) -> None:
        if progress is not None:
            progress(max(0, min(100, percent)), stage)

    def check_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise MemoCancelled("the memo export was cancelled")

    check_cancelled()
    report(0, "Scoring the assessment")
    context = MemoContext.create(document, scenario)
    context.word = word
    if since is not None:
        from reports import sections_changes
        from rrisk.compare import Earlier

        earlier = Earlier.of(since)
        context.comparison = sections_changes.compare_for_memo(earlier.document, context)
        context.comparison.attachments = list(earlier.files)
    runs_span = _SENSITIVITY_START - _UNCERTAINTY_START

    def on_runs(percent: int, stage: str) -> None:
        report(_UNCERTAINTY_START + runs_span * percent // 100, f"Uncertainty: {stage}")

    report(_UNCERTAINTY_START, "Uncertainty: Monte Carlo runs")
    try:
        context.run_uncertainty(progress=on_runs, cancelled=cancelled)
    except AnalysisCancelled:
        raise MemoCancelled("the memo export was cancelled") from None
    check_cancelled()
    report(_SENSITIVITY_START, "Sensitivity: tornado and rank reversal")
    context.run_sensitivity()
    styles()  # registers the fonts once per process
    story: list[Flowable] = []
    span = _TYPESET_START - _COMPOSE_START
    for number, (label, build_section) in enumerate(_SECTIONS):
        check_cancelled()
        report(_COMPOSE_START + span * number // len(_SECTIONS), f"Composing: {label}")
        story += tag_part(build_section(context), f"the section “{label}”")
    return context, story


def build_memo(
    document: Assessment,
    scenario: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    since: Assessment | Earlier | None = None,
) -> bytes:
    """The memo as PDF bytes, for the baseline or the named scenario (id or name).

    ``since``: an earlier version of the document (or :class:`Earlier`), for a "Changes
    since" section.

    ``progress(percent, stage)`` is called as the work advances; when ``cancelled()`` returns
    True the build stops with :class:`MemoCancelled`. An unknown scenario raises
    :class:`rrisk.errors.ScenarioError`.
    """
    try:
        return _build(document, scenario, progress, cancelled, since)
    finally:
        forget_parses()  # a desktop session keeps no memo's text after its export


def _build(
    document: Assessment,
    scenario: str | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    since: Assessment | Earlier | None,
) -> bytes:
    """:func:`build_memo`'s work."""

    def report(percent: int, stage: str) -> None:
        if progress is not None:
            progress(max(0, min(100, percent)), stage)

    def check_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise MemoCancelled("the memo export was cancelled")

    context, story = compose_story(
        document,
        scenario,
        progress=report,
        cancelled=cancelled,
        since=since,
    )
    expected_pages = max(1, len(document.projects) + 10 + len(document.projects) // 40)

    def on_page(page: int) -> None:
        share = min(1.0, page / expected_pages)
        report(
            _TYPESET_START + int((_WRITE_START - _TYPESET_START) * share), f"Setting page {page}"
        )

    doc = context.document
    buffer = io.BytesIO()
    template = MemoDocTemplate(
        buffer,
        on_page=on_page,
        check_cancelled=check_cancelled,
        title=metadata_text(doc.title),
        author=metadata_text(doc.author),
        subject=metadata_text(_subject(context)),
        creator=f"RRisk {__version__}",
        keywords=[
            metadata_text(doc.classification),
            metadata_text(context.scenario_label),
            f"sha256:{context.fingerprint}",
        ],
        lang="en",
    )
    furniture = PageFurniture(
        doc.title, doc.classification, context.as_of_phrase, context.scenario_label
    )
    canvas_class = numbered_canvas_class(furniture, _pdf_date(doc.as_of))
    try:
        template.build(story, canvasmaker=canvas_class)
    except LayoutError:
        raise MemoLayoutError(
            f"the memo cannot be laid out: {template.current_part} holds a block taller than "
            "a page; shorten the text there and export again"
        ) from None
    report(100, "Done")
    return buffer.getvalue()


def _subject(context: MemoContext) -> str:
    parts = [
        "Investment committee memo",
        f"scenario: {context.scenario_label}",
        context.as_of_phrase,
    ]
    if context.document.organisation:
        parts.insert(1, context.document.organisation)
    return " — ".join(parts)


def write_memo(
    document: Assessment,
    path: str | os.PathLike[str],
    scenario: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    since: Assessment | Earlier | None = None,
) -> None:
    """Build the memo and write it atomically to ``path``."""
    data = build_memo(
        document,
        scenario,
        progress=progress,
        cancelled=cancelled,
        since=since,
    )
    atomic_write_bytes(path, data)
