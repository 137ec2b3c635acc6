"""Everything the memo's sections read: the document, its scores and a few lookups.

Numbers come only from :func:`rrisk.scoring.score` and :mod:`rrisk.analysis` (Monte Carlo,
tornado, rank reversal); the memo never recomputes the method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from rrisk import __version__
from rrisk.analysis import (
    MonteCarloResult,
    RankReversal,
    Tornado,
    monte_carlo,
    rank_reversals,
    tornado,
)
from rrisk.fields import FieldResolver
from rrisk.fileformat import fingerprint
from rrisk.model import Assessment, Cell, Criterion, Scenario, Source
from rrisk.scoring import ScoreResult, find_scenario, score
from rrisk.text import names_apart

if TYPE_CHECKING:
    from rrisk.compare import Comparison


@dataclass
class MemoContext:
    """The document, the scored result the memo reports on, and the baseline for comparison."""

    document: Assessment
    scenario: Scenario | None
    result: ScoreResult
    baseline: ScoreResult
    fingerprint: str
    app_version: str = __version__
    scenario_results: dict[str, ScoreResult] = field(default_factory=dict)
    comparison: Comparison | None = None
    """Set when the memo is built ``--since`` an earlier version (see sections_changes)."""
    word: bool = False
    """Whether the story is written as a Word memo, whose text Word sets in its own fonts."""
    _uncertainty: MonteCarloResult | None = None
    _sensitivity: Sensitivity | None = None

    @classmethod
    def create(cls, document: Assessment, scenario: str | Scenario | None) -> MemoContext:
        """Score the document (and the scenario, by id or name) once for all sections."""
        chosen = find_scenario(document, scenario) if isinstance(scenario, str) else scenario
        baseline = score(document)
        result = score(document, chosen) if chosen is not None else baseline
        scenario_results = {
            s.id: (result if chosen is not None and s.id == chosen.id else score(document, s))
            for s in document.scenarios
        }
        return cls(
            document=document,
            scenario=chosen,
            result=result,
            baseline=baseline,
            fingerprint=fingerprint(document),
            scenario_results=scenario_results,
        )

    # -- robustness ---------------------------------------------------------------------------
    def run_uncertainty(
        self,
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> MonteCarloResult:
        """Run the Monte Carlo analysis (the document's runs and seed) for the memo's scenario.

        Raises :class:`rrisk.analysis.AnalysisCancelled` when ``cancelled()`` turns True.
        """
        self._uncertainty = monte_carlo(
            self.document,
            self.scenario,
            runs=self.document.analysis.runs,
            seed=self.document.analysis.seed,
            progress=progress,
            cancelled=cancelled,
        )
        return self._uncertainty

    @property
    def uncertainty(self) -> MonteCarloResult:
        """The Monte Carlo result (run on first use when the build has not run it yet)."""
        if self._uncertainty is None:
            return self.run_uncertainty()
        return self._uncertainty

    def run_sensitivity(self) -> Sensitivity:
        """Compute the tornado and the rank reversals for the memo's scenario."""
        top, reversals = rank_reversals(self.document, self.scenario)
        self._sensitivity = Sensitivity(tornado(self.document, self.scenario), top, reversals)
        return self._sensitivity

    @property
    def sensitivity(self) -> Sensitivity:
        """Tornado and rank reversals (computed on first use when the build has not yet)."""
        if self._sensitivity is None:
            return self.run_sensitivity()
        return self._sensitivity

    # -- narrative ------------------------------------------------------------------------------
    @cached_property
    def fields(self) -> FieldResolver:
        """Resolves the narrative's fields with the memo's own scores and Monte Carlo run."""
        memo_key = self.scenario.id if self.scenario is not None else ""
        scores = {"": self.baseline, **self.scenario_results, memo_key: self.result}

        def runs(scenario: str) -> MonteCarloResult:
            if scenario == memo_key:
                return self.uncertainty
            settings = self.document.analysis
            return monte_carlo(
                self.document, scenario or None, runs=settings.runs, seed=settings.seed
            )

        return FieldResolver(self.document, memo_key or None, scores=scores, monte_carlo=runs)

    def narrative(self, text: str, place: str) -> str:
        """User text with its fields resolved; a broken field stays as typed (the check and
        ``rrisk memo`` report it as an error)."""
        return self.fields.resolve(text, place, strict=False)

    # -- labels ---------------------------------------------------------------------------
    @property
    def scenario_label(self) -> str:
        """The scenario's name, or Baseline."""
        return self.scenario.name if self.scenario is not None else "Baseline"

    @property
    def as_of_label(self) -> str:
        """The as-of date, or 'not stated' (the cover's "As of" line)."""
        return self.document.as_of or "not stated"

    @property
    def as_of_phrase(self) -> str:
        """'as of 2025-06-01', or 'as-of date not stated' (running headers, the subject)."""
        return f"as of {self.document.as_of}" if self.document.as_of else "as-of date not stated"

    @cached_property
    def criterion_codes(self) -> dict[str, str]:
        """Short codes C1, C2, … in criterion order, used where full names do not fit."""
        return {c.id: f"C{i}" for i, c in enumerate(self.document.criteria, start=1)}

    @cached_property
    def criteria_by_id(self) -> dict[str, Criterion]:
        """Criteria by id."""
        return {c.id: c for c in self.document.criteria}

    @cached_property
    def project_names(self) -> dict[str, str]:
        """Project names by id."""
        return {p.id: p.name for p in self.document.projects}

    @cached_property
    def names_apart(self) -> dict[str, dict[str, str]]:
        """Project ("project") and criterion ("criterion") names by id, each with its id
        where another is named alike (:func:`rrisk.text.names_apart`): for the sentences that
        name one of them, such as the rank reversal's."""
        return {
            "project": names_apart(self.document.projects),
            "criterion": names_apart(self.document.criteria),
        }

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        """Sources by id."""
        return {s.id: s for s in self.document.sources}

    def cell(self, project_id: str, criterion_id: str) -> Cell | None:
        """The document's cell (rationale, evidence), or None when unassessed."""
        return self.document.cell(project_id, criterion_id)

    def effective_weights(self) -> np.ndarray:
        """Criterion weights as scored (the scenario's where it overrides them)."""
        return self.result.matrix.weights

    @cached_property
    def ranked_count(self) -> int:
        """How many projects have a rank."""
        return int(np.count_nonzero(self.result.rank))

    @cached_property
    def scenario_overrides(self) -> dict[tuple[str, str], str]:
        """Notes of the chosen scenario's cell overrides, by (project, criterion)."""
        if self.scenario is None:
            return {}
        notes: dict[tuple[str, str], str] = {}
        for override in self.scenario.cell_overrides:
            changes = []
            if override.likelihood is not None:
                changes.append(f"likelihood {override.likelihood}")
            if override.impact is not None:
                changes.append(f"impact {override.impact}")
            if override.red_line is not None:
                changes.append("red line set" if override.red_line else "red line lifted")
            text = ", ".join(changes)
            if override.note:
                text = f"{text} ({override.note})" if text else override.note
            notes[(override.project, override.criterion)] = text
        return notes


@dataclass(frozen=True)
class Sensitivity:
    """Weight sensitivity as the core computes it: tornado and rank reversals."""

    tornado: Tornado
    top_id: str | None
    reversals: list[RankReversal]
