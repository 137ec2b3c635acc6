"""Words of the analysis view: the method line under the results and its tooltip."""

from __future__ import annotations

from rrisk.analysis import WEAK_CREDIBILITY, MonteCarloResult
from rrisk.model import Assessment

BASELINE = "Baseline"


def _cells(count: int) -> str:
    return f"{count:,} cell" + ("" if count == 1 else "s")


def method_line(result: MonteCarloResult | None, document: Assessment) -> str:
    """What the shown figures are: scenario, runs, seed, and how many cells were uncertain."""
    if result is None:
        return (
            "No uncertainty analysis yet. Press Run (Ctrl+R): each cell's likelihood and "
            "impact are drawn from a triangular distribution over its range, and every run "
            "is scored with the same method as the ranking."
        )
    scenario = result.scenario or BASELINE
    # Counted as the run drew them: under its scenario, on the document as it was then.
    weak = result.weak_cells
    return (
        f"{scenario} · {result.runs:,} runs · seed {result.seed}. "
        f"{_cells(result.ranged_cells)} with ranges set by the analyst; "
        f"{_cells(weak)} without a range drew the default ±1 because {'its' if weak == 1 else 'their'} "
        f"evidence is weak; {_cells(result.certain_cells)} taken as certain."
    )


def method_tooltip() -> str:
    """The uncertainty rule in full (rich text; no user text in it)."""
    return (
        "<b>How the uncertainty is computed</b><br>"
        "Each assessed cell's likelihood and impact are drawn from a triangular distribution "
        "(low, score, high). A range the analyst gives always wins.<br>"
        "A cell without a range whose evidence is <i>weak</i> (no evidence link, or only "
        f"sources graded D–F for reliability or {WEAK_CREDIBILITY}–6 for credibility) is drawn "
        "from ±1 around its scores, within 1–5; other cells without a range are certain.<br>"
        "Each run is scored like the ranking: index, bands, red lines (a rule fires in the "
        "runs where the drawn scores, rounded to whole ones, reach it) and ranks. P10/P50/P90 are percentiles of the "
        "index over the runs; the same runs and seed give the same figures."
    )
