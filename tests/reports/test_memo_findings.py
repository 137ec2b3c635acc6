""" "What the scores say" does not single out one of several projects tied at the top."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import parse_assessment


def _document(scores: list[tuple[int, int]]):
    return parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "c", "name": "C"}],
            "projects": [{"id": f"p{i}", "name": f"Project {i}"} for i in range(len(scores))],
            "cells": {
                f"p{i}": {"c": {"likelihood": likelihood, "impact": impact}}
                for i, (likelihood, impact) in enumerate(scores)
            },
        }
    )


def test_projects_tied_at_the_top_share_first_place() -> None:
    text = ReadMemo(build_memo(_document([(3, 3)] * 3 + [(4, 4)]))).text
    assert "Project 0, Project 1 and Project 2 share the lowest risk index of the 4 ranked" in text
    assert "Project 0 has the lowest risk index" not in text
    assert "The highest-risk ranked project is Project 3" in text


def test_two_tied_at_the_top_read_as_a_pair() -> None:
    text = " ".join(ReadMemo(build_memo(_document([(3, 3)] * 2 + [(4, 4)]))).text.split())
    assert "Project 0 and Project 1 share the lowest risk index of the 3 ranked" in text


def test_one_incomplete_project_has_its_index_several_their_indices() -> None:
    one = _document([(2, 2), (3, 3)])
    one.criteria.append(one.criteria[0].model_copy(update={"id": "d", "name": "D"}))
    one.cells["p1"]["d"] = one.cells["p1"]["c"].model_copy()
    text = " ".join(ReadMemo(build_memo(one)).text.split())
    assert "incomplete for Project 0 (50%): its index covers only" in text
    del one.cells["p1"]["d"]
    text = " ".join(ReadMemo(build_memo(one)).text.split())
    assert "Project 0 (50%) and Project 1 (50%): their indices cover only" in text


def test_all_tied_names_no_highest_risk_project() -> None:
    text = ReadMemo(build_memo(_document([(2, 2)] * 3))).text
    assert "share the lowest risk index of the 3 ranked" in text
    assert "The highest-risk ranked project" not in text


def test_a_clear_first_is_named_alone() -> None:
    text = ReadMemo(build_memo(_document([(2, 2), (3, 3)]))).text
    assert "Project 0 has the lowest risk index of the 2 ranked projects" in text


def test_projects_apart_only_beyond_the_printed_figure_are_not_called_tied() -> None:
    # Two criteria weighted 1 and 1.002: Zeta 54.16, Alpha 54.18, both printed 54.2.
    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "weight": 1.002}],
            "projects": [{"id": "alpha", "name": "Alpha"}, {"id": "zeta", "name": "Zeta"}],
            "cells": {
                "alpha": {"a": {"likelihood": 3, "impact": 4}, "b": {"likelihood": 4, "impact": 4}},
                "zeta": {"a": {"likelihood": 4, "impact": 4}, "b": {"likelihood": 3, "impact": 4}},
            },
        }
    )
    from rrisk.scoring import score

    result = score(document)
    indices = sorted(float(i) for i in result.index)
    assert f"{indices[0]:.1f}" == f"{indices[1]:.1f}" and indices[0] != indices[1]
    text = ReadMemo(build_memo(document)).text
    assert "share the lowest risk index" not in text
    assert "lists them by name" not in text
    assert "follows at the same rounded index" in text
    assert "54.17 against 54.16" in text
    assert "weight of A from 1 to 1.002 would put Alpha first" in text  # not "from 1 to 1"


def test_the_largest_swing_is_the_difference_of_its_printed_ends() -> None:
    import re

    from rrisk.templates import new_from_template

    awkward = parse_assessment(  # unrounded, 57.44 − 13.97 would print as 43.5
        {
            "as_of": "2025-01-01",
            "criteria": [
                {"id": "a", "name": "A"},
                {"id": "b", "name": "B", "weight": 1.7},
                {"id": "c", "name": "C", "weight": 0.7},
            ],
            "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
            "cells": {
                "p": {
                    "a": {"likelihood": 2, "impact": 3},
                    "b": {"likelihood": 4, "impact": 5},
                    "c": {"likelihood": 1, "impact": 2},
                },
                "q": {
                    "a": {"likelihood": 3, "impact": 3},
                    "b": {"likelihood": 2, "impact": 2},
                    "c": {"likelihood": 5, "impact": 4},
                },
            },
        }
    )
    for document in (awkward, new_from_template("russia-rare-earths")):
        text = " ".join(ReadMemo(build_memo(document)).text.split())
        pattern = r"moves it most: from ([\d.]+) to ([\d.]+) \(([\d.]+) points\)"
        swings = re.findall(pattern, text)
        assert swings
        for low, high, points in swings:
            assert abs(float(high) - float(low) - float(points)) < 1e-9, (low, high, points)


def test_an_unscored_project_is_named_as_such_not_counted_or_called_incomplete() -> None:
    document = _document([(2, 2), (3, 3)])
    document.projects.append(
        document.projects[0].model_copy(update={"id": "empty", "name": "Empty site"})
    )
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "Not scored yet, so neither ranked nor counted as assessed: Empty site" in text
    assert "incomplete for Empty site" not in text
    assert "2 2 0 Project 0 index 12.5 · Low projects assessed ranked" in text  # 2 assessed, not 3


def test_one_of_each_is_counted_in_the_singular() -> None:
    text = " ".join(ReadMemo(build_memo(_document([(2, 3)]))).text.split())
    assert "1 project · 1 criterion · 0 sources · 0 scenarios" in text
    assert "1 1 0 Project 0 index 20.8 · Low project assessed ranked" in text  # the key figures
    assert "Project 0 is the only ranked project, at 20.8 (Low)" in text
    assert "1 projects" not in text and "1 criteria" not in text and "the 1 ranked" not in text


def test_a_project_ranked_alone_in_every_run_is_not_said_to_rank_first_in_100_percent() -> None:
    """With one project, or the others excluded in every run, "ranks first in 100% of 10,000
    runs" tells the committee nothing: the summary leaves it out and the uncertainty section
    says the project is the only one ranked, in each run."""
    one = " ".join(ReadMemo(build_memo(_document([(2, 3)]))).text.split())
    document = _document([(2, 3), (1, 1)])
    document.cells["p1"]["c"].red_line = True
    document.cells["p1"]["c"].red_line_reason = "Occupied territory"
    other_excluded = " ".join(ReadMemo(build_memo(document)).text.split())
    for text in (one, other_excluded):
        assert "ranks first in 100%" not in text
        assert "Project 0 is the only ranked project, at 20.8 (Low), coverage 100%. " in text
        assert "Project 0 is the only project ranked, in each of the 10,000 runs. Its risk" in text


def test_a_tie_at_the_top_is_said_in_the_sensitivity_section_without_e_notation() -> None:
    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "a", "name": "Cost"}, {"id": "b", "name": "Sanctions"}],
            "projects": [
                {"id": "x", "name": "Alpha"},
                {"id": "y", "name": "Beta"},
                {"id": "z", "name": "Gamma"},
            ],
            "cells": {
                "x": {"a": {"likelihood": 2, "impact": 2}, "b": {"likelihood": 3, "impact": 3}},
                "y": {"a": {"likelihood": 3, "impact": 3}, "b": {"likelihood": 2, "impact": 2}},
                "z": {"a": {"likelihood": 5, "impact": 5}, "b": {"likelihood": 5, "impact": 5}},
            },
        }
    )
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "Alpha is tied with Beta at an index of 22.9" in text
    assert "orders tied projects by name" in text
    assert "e-0" not in text and "+<0.01" in text


def test_a_tie_that_only_a_weight_of_zero_breaks_is_said_as_that_change() -> None:
    """Beta and Gamma each have one assessed criterion of equal risk: no weight above 0 parts
    them, so the memo may not say the least change of a weight does; it names the move to 0."""
    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "a", "name": "Cost"}, {"id": "b", "name": "Sanctions"}],
            "projects": [
                {"id": "x", "name": "Beta"},
                {"id": "y", "name": "Gamma"},
                {"id": "z", "name": "Delta"},
            ],
            "cells": {
                "x": {"b": {"likelihood": 2, "impact": 2}},
                "y": {"a": {"likelihood": 2, "impact": 2}},
                "z": {"a": {"likelihood": 4, "impact": 4}, "b": {"likelihood": 4, "impact": 4}},
            },
        }
    )
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "the least change of a weight" not in text
    assert (
        "Moving the weight of Sanctions from 1 to 0 would put Gamma first in place of Beta" in text
    )


def _governance_logistics_memo(
    weights: tuple[float, float], scores: dict[str, dict[str, tuple[int, int]]]
) -> str:
    """The memo's text for criteria Governance (c0) and Logistics (c1) with ``weights`` and
    projects named by ``scores``' keys, scored by criterion id."""
    document = parse_assessment(
        {
            "as_of": "2025-03-31",
            "criteria": [
                {"id": "c0", "name": "Governance", "weight": weights[0]},
                {"id": "c1", "name": "Logistics", "weight": weights[1]},
            ],
            "projects": [{"id": name.lower(), "name": name} for name in scores],
            "cells": {
                name.lower(): {c: {"likelihood": lk, "impact": im} for c, (lk, im) in row.items()}
                for name, row in scores.items()
            },
        }
    )
    return " ".join(ReadMemo(build_memo(document)).text.split())


def test_a_tie_the_nearest_reversal_does_not_break_gets_the_plain_sentence() -> None:
    """Alpha and Beta are identical, so no weight parts them; the nearest reversal puts
    Gamma first. The sentence must say that move, not "lowering Logistics below 1" (which,
    set to 0.99, leaves Alpha first)."""
    same = {"c0": (2, 2), "c1": (3, 3)}
    text = _governance_logistics_memo(
        (2, 1), {"Alpha": same, "Beta": same, "Gamma": {"c0": (1, 1), "c1": (5, 5)}}
    )
    assert (
        "Moving the weight of Logistics from 1 to 0.37 would put Gamma first in place of Alpha."
        in text
    )
    assert "below 1 puts" not in text


def test_weights_print_as_entered_every_digit_and_no_exponent() -> None:
    text = _governance_logistics_memo(
        (0.000001, 0.1234561),
        {"Alpha": {"c0": (2, 2), "c1": (3, 3)}, "Beta": {"c0": (4, 4), "c1": (1, 3)}},
    )
    assert "weight 0.000001, varied 0 to 0.000002" in text  # the tornado's labels
    assert "weight 0.1234561, varied 0 to 0.2469122" in text
    assert "e-0" not in text and "0.123456 " not in text


def test_a_lone_ranked_project_can_still_be_displaced_by_scoring_another() -> None:
    """Alpha is the only ranked project; Beta is assessed only on a criterion of weight 0, so
    raising that weight scores Beta, and Beta then leads: the memo says that move, not "no
    weight change can put another project first"."""
    text = _governance_logistics_memo((1, 0), {"Alpha": {"c0": (4, 4)}, "Beta": {"c1": (1, 1)}})
    assert "no weight change can put another project first" not in text
    assert "Moving the weight of Logistics from 0 to 0.000001 would put Beta first" in text


def test_a_memo_of_no_projects_says_so_rather_than_that_all_are_excluded() -> None:
    text = " ".join(ReadMemo(build_memo(_document([]))).text.split())
    assert "has no projects yet" in text
    assert "every project is excluded or unscored" not in text


def test_an_index_that_does_not_vary_is_not_said_to_lie_between_itself() -> None:
    """Scores backed by good evidence carry no default range: every run gives one index."""
    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "c", "name": "C"}],
            "projects": [{"id": "p", "name": "Only site"}],
            "sources": [{"id": "s", "title": "Survey", "reliability": "A", "credibility": 1}],
            "cells": {
                "p": {
                    "c": {
                        "likelihood": 2,
                        "impact": 2,
                        "evidence": [{"source": "s", "quote": "measured"}],
                    }
                }
            },
        }
    )
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "in eight runs of ten or more" in text
    index = text.split("Its risk index is ")[1].split(" ")[0]
    assert f"between {index} and {index}" not in text


def test_an_excluded_projects_band_change_under_a_scenario_is_listed_and_marked() -> None:
    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "c", "name": "C"}, {"id": "d", "name": "D"}],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Beta"}],
            "cells": {
                "a": {
                    "c": {"likelihood": 2, "impact": 2},
                    "d": {"likelihood": 2, "impact": 2, "red_line": True, "red_line_reason": "Law"},
                },
                "b": {"c": {"likelihood": 3, "impact": 3}, "d": {"likelihood": 3, "impact": 3}},
            },
            "scenarios": [
                {
                    "id": "s",
                    "name": "Stress",
                    "cell_overrides": [
                        {"project": "a", "criterion": "c", "likelihood": 5, "impact": 5}
                    ],
                }
            ],
        }
    )
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "Band changes: Alpha Low → High (excluded in both)." in text


def test_a_project_excluded_only_in_the_baseline_is_marked_there() -> None:
    """The mark goes with the side where the project is excluded: under a scenario that lifts
    the red line, the project is ranked, and the sentence must not call it excluded there."""
    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "c", "name": "C"}, {"id": "d", "name": "D"}],
            "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Beta"}],
            "cells": {
                "a": {
                    "c": {"likelihood": 5, "impact": 5, "red_line": True, "red_line_reason": "Law"},
                    "d": {"likelihood": 5, "impact": 5},
                },
                "b": {"c": {"likelihood": 3, "impact": 3}, "d": {"likelihood": 3, "impact": 3}},
            },
            "scenarios": [
                {
                    "id": "s",
                    "name": "Relief",
                    "cell_overrides": [
                        {
                            "project": "a",
                            "criterion": "c",
                            "likelihood": 1,
                            "impact": 1,
                            "red_line": False,
                        },
                        {"project": "a", "criterion": "d", "likelihood": 1, "impact": 1},
                    ],
                },
                {
                    "id": "t",
                    "name": "Stress",
                    "cell_overrides": [
                        {
                            "project": "b",
                            "criterion": c,
                            "likelihood": 5,
                            "impact": 5,
                            "red_line": True,
                            "red_line_reason": "Law",
                        }
                        for c in ("c", "d")
                    ],
                },
            ],
        }
    )
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "1 no longer excluded" in text
    assert "Band changes: Alpha Critical (excluded) → Low." in text
    assert "Band changes: Beta Medium → Critical (excluded)." in text


def test_the_memo_describes_the_override_that_counts() -> None:
    from reports.sections_changes import _override_of, _override_scores
    from rrisk.scoring import compile_matrix

    doc = parse_assessment(
        {
            "criteria": [{"id": "c1", "name": "C1"}],
            "projects": [{"id": "p1", "name": "P1"}],
            "cells": {"p1": {"c1": {"likelihood": 1, "impact": 1}}},
            "scenarios": [
                {
                    "id": "s",
                    "name": "S",
                    "cell_overrides": [
                        {"project": "p1", "criterion": "c1", "likelihood": 5},
                        {"project": "p1", "criterion": "c1", "impact": 2},
                    ],
                }
            ],
        }
    )
    matrix = compile_matrix(doc, "s")
    assert (matrix.likelihood[0, 0], matrix.impact[0, 0]) == (1, 2)
    assert _override_scores(_override_of(doc, "s", "p1", "c1")) == {"impact": 2}


def test_a_half_scored_cell_shows_its_score_on_the_project_page() -> None:
    """A cell with a likelihood and no impact (a scenario's likelihood over an unassessed
    cell, say) printed "—", as if nothing were known; it reads "5×–", not assessed."""
    document = parse_assessment(
        {
            "as_of": "2025-01-01",
            "criteria": [{"id": "c", "name": "Cost"}, {"id": "d", "name": "Ethics"}],
            "projects": [{"id": "a", "name": "Alpha"}],
            "cells": {"a": {"c": {"likelihood": 2, "impact": 2}, "d": {"likelihood": 5}}},
        }
    )
    text = " ".join(ReadMemo(build_memo(document)).text.split())
    assert "Ethics 5×– not assessed" in text
