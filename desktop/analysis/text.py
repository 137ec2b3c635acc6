"""Words of the analysis view: the method line under the results and its tooltip."""

from __future__ import annotations

from rrisk.analysis import WEAK_CREDIBILITY, MonteCarloResult, runs_alike_text
from rrisk.model import Assessment
from rrisk.text import agrees, counted

BASELINE = "Baseline"


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
    # Counts of none and one as the memo's method note says them: "no cell is taken as
    # certain", "1 cell carries a range", never "0 cells taken as certain".
    ranged, weak, certain = result.ranged_cells, result.weak_cells, result.certain_cells
    ranges = (
        f"{counted(ranged, 'cell')} {agrees(ranged, 'carries', 'carry')} a range set by the analyst"
    )
    drew = (
        f"{counted(weak, 'cell')} without a range drew the default ±1 because "
        f"{'its' if weak == 1 else 'their'} evidence is weak"
        if weak
        else "no cell without a range has weak evidence, so none drew the default ±1"
    )
    # A range the scenario's score replaced is named, as the memo's method note names it:
    # "no cell carries a range" of a scenario run read as false of cells that carry one.
    replaced = result.replaced_cells
    replacing = (
        "the scenario's score replaces its range"
        if replaced == 1
        else "the scenario's scores replace their ranges"
    )
    why = ""
    if replaced:
        why = (
            f" (because {replacing})"
            if replaced == certain
            else f" ({replaced:,} of them because {replacing})"
        )
    cells = (
        f"{ranges[0].upper()}{ranges[1:]}; {drew}; "
        f"{counted(certain, 'cell')} {agrees(certain, 'is', 'are')} taken as certain{why}"
    )
    # Nothing drawn: the memo's method note says it so (a cell unassessed has no weak evidence).
    if not (ranged or weak or certain):
        cells = "No cell is assessed, so none is drawn"
    return f"{scenario} · {result.runs:,} runs · seed {result.seed}. {cells}."


def alike_notice(result: MonteCarloResult | None) -> str | None:
    """What a run in which nothing was drawn must say plainly (None for any other): its
    figures are the ranking's own, P10 = P50 = P90, each rank certain."""
    if result is None or not result.runs_alike:
        return None
    return (
        f"{runs_alike_text(result.runs)} Give cells a low–high range in the cell inspector to "
        "see how uncertain the ranking is."
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
