"""``rrisk memo NEW --since OLD``: the "Changes since" section and the cover's earlier
fingerprint, read back from the PDF with pypdf."""

from __future__ import annotations

import argparse

import pytest
from pdfread import ReadMemo

from reports.cli import register, run_memo
from reports.memo import build_memo
from rrisk import fileformat
from rrisk.fileformat import fingerprint
from rrisk.model import Assessment, parse_assessment
from rrisk.templates import new_from_template


@pytest.fixture(scope="module")
def june() -> Assessment:
    return new_from_template("russia-rare-earths-2025-06")


@pytest.fixture(scope="module")
def november() -> Assessment:
    return new_from_template("russia-rare-earths")


@pytest.fixture(scope="module")
def memo(june: Assessment, november: Assessment) -> ReadMemo:
    return ReadMemo(build_memo(november, since=june))


def test_cover_names_the_earlier_versions_fingerprint(memo: ReadMemo, june: Assessment) -> None:
    cover = memo.pages[0]
    assert "Compared with the version as of 2025-06-01" in cover
    assert fingerprint(june) in cover.replace(" ", "")


def test_section_follows_the_executive_summary(memo: ReadMemo) -> None:
    titles = [title for level, title, _ in memo.outline() if level == 0]
    position = titles.index("Changes since 2025-06-01")
    assert titles[position - 1] == "Executive summary and recommendation"
    assert titles[position + 1] == "Ranking"


def test_section_lists_movements_reasons_and_old_and_new_rationale(memo: ReadMemo) -> None:
    start = next(i for i, page in enumerate(memo.pages) if "Changes since 2025-06-01" in page[:80])
    section = " ".join(memo.pages[start : start + 3])
    assert "47 changes in all, 10 of which can move an index, rank, band or red line" in section
    # Rank and band movements; the change is the difference of the two printed indices.
    assert "Tomtor niobium–rare-earth deposit 3 → excluded 63.3 → 72.2 (+8.9) High" in section
    assert "Chuktukon rare-earth–niobium deposit 4 → 3 (↑1)" in section
    assert "4 other projects did not move." in section
    # Screening confirmed Rosneft on the SDN list: a new red line, with its reason and basis.
    assert (
        "New: Tomtor niobium–rare-earth deposit — Sanctions exposure: ⊘ Counterparty 'Rosneft'"
        in section
    )
    assert "US OFAC SDN - designated - 2025-10-22" in section
    # Why: the three cells that moved Tomtor, to two decimals, adding up to the exact movement.
    assert "Tomtor niobium–rare-earth deposit +8.90 Sanctions exposure" in section
    assert "Sanctions exposure: cell 4×5 = 20 → 5×5 = 25 +3.79" in section
    assert "Counterparty and state affiliation: cell 4×5 = 20 → 5×5 = 25 +2.84" in section
    assert "Market access and offtake: cell 4×4 = 16 → 5×4 = 20 +2.27" in section
    # Changed scores: old and new rationale and the evidence grades on both sides.
    assert "Before (as of 2025-06-01) Now (as of 2025-11-01)" in section
    assert "L4 × I5 = 20 (L 4–5)" in section and "L5 × I5 = 25" in section
    assert "not designated by the US or the UK on the as-of date" in section
    assert "has been an SDN since 22 Oct 2025" in section
    # Each source as the project pages and the sources appendix name it, not by its id,
    # which the memo prints nowhere else ("B2 reuters-2025-05-rosneft, A2 ofac-sdn").
    # Written as the project pages write them, the date after a comma.
    assert (
        "Evidence: B2 Reuters, 2025-05; A2 US Treasury, Office of Foreign Assets Control "
        "(OFAC), 2025-06-01;" in section
    )
    assert "A2 UK Government (FCDO / OFSI), 2025-10-15" in section
    later = " ".join(" ".join(memo.pages[start + 3 :]).split())
    assert "B2 Reuters, 2025-05" in later  # (a project page)
    assert "reuters-2025-05-rosneft" not in section and "ofac-sdn" not in section
    # Everything else, grouped.
    assert "as-of date 2025-06-01 → 2025-11-01" in section
    assert "…listed) → …listed); Rosneft (asset freeze 15 Oct 2025)" in section


def test_without_since_the_memo_is_unchanged(november: Assessment) -> None:
    plain = ReadMemo(build_memo(november))
    assert "Changes since" not in plain.text and "Compared with" not in plain.pages[0]
    assert "Changes since" not in [title for _, title, _ in plain.outline()]


def test_identical_versions_say_so(november: Assessment) -> None:
    memo = ReadMemo(build_memo(november, since=november.model_copy(deep=True)))
    assert "The two versions do not differ." in memo.text


def _saved_versions(june: Assessment, november: Assessment, tmp_path):
    """Both versions saved, the memo command's parser, and an output path."""
    old, new = tmp_path / "june.rrisk", tmp_path / "nov.rrisk"
    fileformat.save(june, old)
    fileformat.save(november, new)
    parser = argparse.ArgumentParser(prog="rrisk")
    register(parser.add_subparsers(dest="command"))
    return old, new, parser, tmp_path / "memo.pdf"


def test_cli_since_and_a_scenario_the_earlier_version_lacks(
    june: Assessment, november: Assessment, tmp_path
) -> None:
    old, new, parser, output = _saved_versions(june, november, tmp_path)
    args = parser.parse_args(
        [
            "memo",
            str(new),
            "-o",
            str(output),
            "--since",
            str(old),
            "--scenario",
            "sanctions-eased",
            "--force",
        ]
    )
    assert run_memo(args) == 0
    text = ReadMemo(output.read_bytes()).text
    assert "Changes since 2025-06-01" in text and "under the scenario Sanctions eased" in text
    # An earlier version without the scenario: its changes are compared under the baseline,
    # and the section says so (as the app's comparison does), rather than no memo at all.
    june_only = june.model_copy(deep=True)
    june_only.scenarios = []
    fileformat.save(june_only, old)
    assert run_memo(args) == 0
    text = ReadMemo(output.read_bytes()).text
    assert "under the Baseline: that version has no scenario “Sanctions eased”" in text


def test_cli_warns_when_the_earlier_version_is_dated_later(
    june: Assessment, november: Assessment, tmp_path, capsys
) -> None:
    old, new, parser, output = _saved_versions(june, november, tmp_path)
    swapped = ["memo", str(old), "-o", str(output), "--since", str(new), "--force"]
    assert run_memo(parser.parse_args(swapped)) == 0
    warning = capsys.readouterr().err
    assert "--since" in warning and "dated 2025-11-01" in warning and "swapped" in warning
    right = ["memo", str(new), "-o", str(output), "--since", str(old), "--force"]
    assert run_memo(parser.parse_args(right)) == 0
    assert "swapped" not in capsys.readouterr().err


def test_a_scenario_the_earlier_version_lacks_is_compared_under_the_baseline() -> None:
    from rrisk.model import Scenario
    from rrisk.templates import new_from_template

    june = new_from_template("russia-rare-earths")
    november = june.model_copy(deep=True)
    november.scenarios.append(Scenario(id="war-ends", name="War ends"))
    november.cells["tomtor"]["sanctions"].impact = 1
    memo = ReadMemo(build_memo(november, "war-ends", since=june))
    section = memo.text[memo.text.index("Changes since") :]
    assert "under the Baseline: that version has no scenario “War ends”" in section
    assert "Sanctions" in section  # the cell change is still reported


def test_a_changed_scenario_override_is_a_changed_score_under_that_scenario(
    override_changed,
) -> None:
    from rrisk.compare import compare

    june, november, scenario_id = override_changed
    comparison = compare(june, november, scenario_id)
    assert ("tomtor", "sanctions") in comparison.changed_cells()
    assert compare(june, november).changed_cells() == set()  # the baseline did not change
    memo = ReadMemo(build_memo(november, scenario_id, since=june))
    section = memo.text[memo.text.index("Changed scores") :]
    assert "No score changed" not in section
    # Both sides set by the scenario, each with the baseline's own score beside it.
    own = november.cell("tomtor", "sanctions")
    baseline = f"baseline L{own.likelihood} × I{own.impact} = {own.likelihood * own.impact})"
    assert f"L1 × I4 = 4 (set by the scenario; {baseline}" in section
    assert f"L3 × I4 = 12 (set by the scenario; {baseline}" in section


def test_a_baseline_edit_under_a_scenarios_override_shows_on_both_sides() -> None:
    """The scenario sets the cell, the baseline's score under it changed: the row must not
    read the same on both sides, hiding the edit."""
    from rrisk.model import CellOverride, Scenario
    from rrisk.templates import new_from_template

    june = new_from_template("russia-rare-earths")
    june.scenarios.append(
        Scenario(
            id="shadow",
            name="Shadow",
            cell_overrides=[
                CellOverride(project="seligdar", criterion="geology", likelihood=5, impact=5)
            ],
        )
    )
    november = june.model_copy(deep=True)
    cell = november.cells["seligdar"]["geology"]
    before = f"L{cell.likelihood} × I{cell.impact} = {cell.likelihood * cell.impact}"
    cell.likelihood, cell.impact = 1, 1
    cell.likelihood_low = cell.likelihood_high = cell.impact_low = cell.impact_high = None
    memo = ReadMemo(build_memo(november, "shadow", since=june))
    section = memo.text[memo.text.index("Changed scores") :]
    assert f"L5 × I5 = 25 (set by the scenario; baseline {before})" in section
    assert "L5 × I5 = 25 (set by the scenario; baseline L1 × I1 = 1)" in section


def test_other_changes_of_a_cell_whose_score_changed_are_still_listed() -> None:
    from rrisk.templates import new_from_template

    june = new_from_template("russia-rare-earths")
    november = june.model_copy(deep=True)
    cell = november.cells["seligdar"]["sanctions"]
    cell.impact = 4
    cell.status = "draft"
    cell.red_line_basis = "EO 14071 section 1(a)(ii)"
    cell.evidence[0].page = "77"
    memo = ReadMemo(build_memo(november, since=june))
    text = memo.text[memo.text.index("Changed scores") :]
    other = text[text.index("Other changes") :]
    assert "status reviewed → draft" in other
    assert "EO 14071 section 1(a)(ii)" in other
    assert "p. 77" in other
    assert "impact 5 → 4" not in other  # the table above shows the score


def test_a_removed_cell_reordered_links_and_a_text_marked_reviewed_read_as_such() -> None:
    from rrisk.narrative import stamp_text

    june = new_from_template("russia-rare-earths")
    november = june.model_copy(deep=True)
    removed = november.cells["chuktukon"].pop("geology")
    november.cells["tomtor"]["sanctions"].evidence.reverse()
    stamp_text(november, "notes")
    memo = ReadMemo(build_memo(november, since=june))
    scores = memo.text[memo.text.index("Changed scores") : memo.text.index("Other changes")]
    # The removed cell's score is a changed score, shown before and after.
    assert f"L{removed.likelihood} × I{removed.impact} = {removed.risk}" in scores
    assert "Geology" in scores and "unassessed" in scores
    other = " ".join(memo.text[memo.text.index("Other changes") :].split())
    assert "Geology and by-product recovery: cell removed; it was L3 × I3 = 9" in other
    assert "status reviewed → draft" not in other and "likelihood 3 → —" not in other
    assert "Sanctions exposure: evidence reordered, now:" in other
    assert "notes: wording unchanged, marked reviewed against the figures" in other
    assert "stamp" not in other


@pytest.mark.parametrize("scenario", [None, "sanctions-eased", "china-export-controls"])
def test_a_group_of_other_changes_never_starts_at_the_foot_of_a_page(
    june: Assessment, november: Assessment, scenario: str | None
) -> None:
    """Each group's title (a project, Sources, Scenarios) is kept with its first line."""
    from rrisk.compare import compare
    from rrisk.compare.wording import grouped

    pages = ReadMemo(build_memo(november, scenario, since=june)).pages
    titles = [title for title, _, _ in grouped(compare(june, november, scenario))]
    for number, page in enumerate(pages[1:], start=2):
        body = page[: page.rindex("Investment committee memo")].rstrip()  # the running foot
        stranded = [title for title in titles if body.endswith(title)]
        assert not stranded, f"page {number} ends with the title {stranded[0]!r}"


def test_movements_beyond_the_table_are_counted() -> None:
    from rrisk.compare import compare
    from rrisk.compare.wording import movers

    old = new_from_template("russia-rare-earths")
    for number in range(6):
        copy = old.project("seligdar").model_copy(
            update={"id": f"copy-{number}", "name": f"Copy {number}"}
        )
        old.projects.append(copy)
        old.cells[copy.id] = {k: cell.model_copy() for k, cell in old.cells["seligdar"].items()}
    new = old.model_copy(deep=True)
    new.criteria[0].weight = 0
    moved = movers(compare(old, new))
    assert len(moved) > 8
    text = " ".join(ReadMemo(build_memo(new, since=old)).text.split())
    assert f"the 8 largest movements; {len(moved) - 8} other projects had smaller ones" in text


def test_an_undated_earlier_version_is_named_as_such(
    june: Assessment, november: Assessment
) -> None:
    undated = june.model_copy(update={"as_of": ""})
    memo = ReadMemo(build_memo(november, since=undated))
    text = " ".join(" ".join(page.split()) for page in memo.pages)
    assert "Compared with the earlier version (it has no as-of date)" in text
    assert "compared with the earlier version (it has no as-of date) of the assessment" in text
    assert "as of the earlier version" not in text
    assert "Before Now (as of 2025-11-01)" in text
    both = ReadMemo(build_memo(november.model_copy(update={"as_of": ""}), since=undated))
    both_text = " ".join(" ".join(page.split()) for page in both.pages)
    assert "Before Now " in both_text and "Now (as of" not in both_text


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_cli_since_lists_the_attached_files_that_differ(
    november: Assessment, tmp_path, suffix: str
) -> None:
    document = november.model_copy(deep=True)
    document.sources[0].attachment = "filing.pdf"
    old, new = tmp_path / "old.rrisk", tmp_path / "new.rrisk"
    fileformat.save(document, old, {"filing.pdf": b"first"})
    fileformat.save(document, new, {"filing.pdf": b"amended", "annex.csv": b"a,b"})
    parser = argparse.ArgumentParser(prog="rrisk")
    register(parser.add_subparsers(dest="command"))
    output = tmp_path / f"memo{suffix}"
    args = parser.parse_args(["memo", str(new), "-o", str(output), "--since", str(old)])
    assert run_memo(args) == 0
    if suffix == ".pdf":
        text = " ".join(ReadMemo(output.read_bytes()).text.split())
    else:
        from docx import Document

        text = " ".join(p.text for p in Document(str(output)).paragraphs)
    assert "The assessment itself is the same; 2 attached files differ" in text
    assert "0 changes" not in text
    assert "annex.csv: added" in text
    assert "filing.pdf: replaced (its contents differ)" in text


def test_a_range_alone_is_not_counted_as_a_change_that_can_move_a_result(
    november: Assessment,
) -> None:
    edited = november.model_copy(deep=True)
    cell = edited.cell("tomtor", "sanctions")
    assert cell is not None
    cell.likelihood_low, cell.likelihood_high = 4, 5
    text = " ".join(ReadMemo(build_memo(edited, since=november)).pages)
    assert "2 changes in all, 0 of which can move an index, rank, band or red line" in text
    assert "No rank, band, index or status moved." in text


def _rescored_with_rationales(
    then: str, now: str, runs: int | None = None
) -> tuple[Assessment, Assessment]:
    """Two versions of the template: Seligdar's geology cell rescored, each version's
    rationale of it given."""
    june = new_from_template("russia-rare-earths")
    if runs is not None:
        june.analysis.runs = runs
    june.cells["seligdar"]["geology"].rationale = then
    november = june.model_copy(deep=True)
    cell = november.cells["seligdar"]["geology"]
    cell.likelihood = 1 if cell.likelihood != 1 else 2
    cell.likelihood_low = cell.likelihood_high = None
    cell.rationale = now
    return june, november


def test_a_rationale_quoting_figures_prints_each_versions_own_figures() -> None:
    """The "Changed scores" table shows each side's rationale as the memo prints rationales:
    its fields resolved, the earlier side with the earlier version's figures (under the
    scenario compared), never the field's code."""
    from rrisk.fmt import fmt_index
    from rrisk.scoring import score

    june, november = _rescored_with_rationales(
        "Then at {{index:seligdar}}, {{rank:seligdar}}.", "Now at {{index:seligdar}}."
    )
    scenario = november.scenarios[0].id

    def index(document: Assessment) -> str:
        ranking = score(document, scenario).ranking()
        return fmt_index(next(p.index for p in ranking if p.id == "seligdar"))

    old_index, new_index = index(june), index(november)
    assert old_index != new_index
    memo = ReadMemo(build_memo(november, scenario, since=june))
    section = " ".join(memo.text[memo.text.index("Changed scores") :].split())
    assert "{{" not in section
    assert f"Then at {old_index}," in section
    assert f"Now at {new_index}." in section


def test_a_monte_carlo_figure_of_the_earlier_version_prints_a_dash_and_starts_no_run(
    monkeypatch,
) -> None:
    """Only the memo's own run gives Monte Carlo figures: the earlier version's would take as
    long, and could not be cancelled."""
    from rrisk import analysis

    june, november = _rescored_with_rationales(
        "Then {{p50:seligdar}}.", "Now {{p50:seligdar}}.", runs=500
    )
    runs: list[object] = []
    real = analysis.monte_carlo

    def counted(document, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        runs.append(document)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(analysis, "monte_carlo", counted)
    import reports.context

    monkeypatch.setattr(reports.context, "monte_carlo", counted)
    memo = ReadMemo(build_memo(november, since=june))
    section = " ".join(memo.text[memo.text.index("Changed scores") :].split())
    assert "Then —." in section
    assert "Now —." not in section and "Now " in section and "{{" not in section
    assert all(document is not june for document in runs)


def test_a_cleared_cell_shows_in_the_movements_as_coverage_lost(november: Assessment) -> None:
    """The movements table has a coverage column: a cleared cell moves an index, and the
    committee must see it was data that went, not risk that rose."""
    new = new_from_template("russia-rare-earths")
    project = new.projects[1]
    criterion = next(c for c in new.criteria if c.id in new.cells[project.id])
    del new.cells[project.id][criterion.id]
    memo = ReadMemo(build_memo(new, since=november))
    section = memo.text.split("Rank and band movements", 1)[1].split("Red lines", 1)[0]
    assert "Coverage" in section
    row = section.split(project.name[:20], 1)[1][:160]
    assert "100% →" in row


def test_scores_of_an_added_project_are_not_set_against_an_unassessed_side(
    november: Assessment,
) -> None:
    """A project added since has no earlier score: its cells are not rows reading
    "unassessed → …" in "Changed scores" (as if the score had been left open), but one
    line each under the project in "Other changes", and a note says so."""
    from rrisk.model import assessment_to_data, parse_assessment

    data = assessment_to_data(new_from_template("russia-rare-earths"))
    data["projects"].append({"id": "lovozero", "name": "Lovozero loparite mine"})
    criteria = [c["id"] for c in data["criteria"]][:3]
    data["cells"]["lovozero"] = {c: {"likelihood": 2, "impact": 3} for c in criteria}
    new = parse_assessment(data)
    memo = ReadMemo(build_memo(new, since=november))
    scores = memo.text.split("Changed scores", 1)[1].split("Other changes", 1)[0]
    assert "Lovozero" not in scores and "unassessed" not in scores
    assert "3 scores of projects or criteria added or removed are not set side by side" in scores
    others = memo.text.split("Other changes", 1)[1]
    assert "Lovozero loparite mine" in others
    assert others.count("cell added") >= 3


def _moved(projects: int) -> tuple[Assessment, Assessment]:
    """A version of ``projects`` projects, and the next: two weights and a score of each
    project changed, so that every project's index moves for three reasons."""
    data = {
        "as_of": "2026-11-30",
        "criteria": [{"id": f"c{j}", "name": f"Criterion {j}"} for j in range(4)],
        "projects": [{"id": f"p{k}", "name": f"Site {k:02d}"} for k in range(projects)],
        "cells": {
            f"p{k}": {
                f"c{j}": {"likelihood": 1 + (k + j) % 5, "impact": 1 + (k * j) % 5}
                for j in range(4)
            }
            for k in range(projects)
        },
        "analysis": {"runs": 200},
    }
    old = parse_assessment(data)
    new = old.model_copy(deep=True)
    new.criteria[0].weight, new.criteria[1].weight = 3, 2
    for row in new.cells.values():
        row["c2"].likelihood = 5 if row["c2"].likelihood == 3 else 6 - row["c2"].likelihood
    return old, new


@pytest.mark.parametrize("projects", [10, 12])
def test_a_projects_movement_is_not_parted_from_its_name_by_a_page_break(projects: int) -> None:
    """The changes that moved one project's index go to a page together: the table, carried
    over, starts with a project's name, never with a change of the project before (whose
    name, printed on its first line only, stayed on the page before)."""
    old, new = _moved(projects)
    header = "Project Movement Change Points "
    continued = [
        page[len(header) :]
        for page in ReadMemo(build_memo(new, since=old)).pages
        if page.startswith(header)
    ]
    assert continued  # the table runs onto a second page
    assert all(page.startswith("Site ") for page in continued), [p[:40] for p in continued]


@pytest.mark.parametrize("projects", [17, 18])
def test_why_the_indices_moved_starts_on_the_page_of_its_table(projects: int) -> None:
    """Where the heading and its paragraph fit at the foot of a page but the first project's
    changes do not, the heading starts the next page with them (it was left at the foot)."""
    old, new = _moved(projects)
    pages = ReadMemo(build_memo(new, since=old)).pages
    page = next(page for page in pages if "Why the indices moved Each line" in page)
    assert "Project Movement Change Points Site " in page


def test_a_range_set_on_one_side_of_its_score_shows_in_changed_scores() -> None:
    """A high bound alone is a range (the unset bound is the score): set, it is a changed
    score, and the row says so, not the same score on both sides. Under a scenario that sets
    the likelihood, the impact keeps its range, and the row prints it."""
    from rrisk.model import CellOverride, Scenario

    june = new_from_template("russia-rare-earths")
    june.scenarios.append(
        Scenario(
            id="shadow",
            name="Shadow",
            cell_overrides=[CellOverride(project="seligdar", criterion="geology", likelihood=1)],
        )
    )
    cell = june.cells["seligdar"]["geology"]
    cell.likelihood, cell.impact = 2, 3
    cell.likelihood_low = cell.likelihood_high = cell.impact_low = cell.impact_high = None
    november = june.model_copy(deep=True)
    november.cells["seligdar"]["geology"].likelihood_high = 4
    november.cells["seligdar"]["geology"].impact_low = 1
    memo = ReadMemo(build_memo(november, since=june))
    scores = memo.text[memo.text.index("Changed scores") : memo.text.index("Other changes")]
    assert "L2 × I3 = 6 (L 2–4, I 1–3)" in " ".join(scores.split())
    memo = ReadMemo(build_memo(november, "shadow", since=june))
    scores = memo.text[memo.text.index("Changed scores") : memo.text.index("Other changes")]
    assert "baseline L2 × I3 = 6) (I 1–3)" in " ".join(scores.split())


def test_a_red_line_a_scenario_sets_or_lifts_shows_in_changed_scores() -> None:
    """An override that only sets or lifts a cell's red line is a changed score under its
    scenario: the row says so, not the same score on both sides."""
    from rrisk.model import CellOverride, Scenario

    june = new_from_template("russia-rare-earths")
    june.cells["seligdar"]["geology"].red_line = False
    june.cells["seligdar"]["sanctions"].red_line = True
    june.scenarios.append(Scenario(id="shadow", name="Shadow"))
    november = june.model_copy(deep=True)
    november.scenarios[-1].cell_overrides = [
        CellOverride(project="seligdar", criterion="geology", red_line=True, red_line_reason="x"),
        CellOverride(project="seligdar", criterion="sanctions", red_line=False),
    ]
    memo = ReadMemo(build_memo(november, "shadow", since=june))
    scores = memo.text[memo.text.index("Changed scores") : memo.text.index("Other changes")]
    scores = " ".join(scores.split())
    assert "⊘ (red line set by the scenario)" in scores
    assert "(red line lifted by the scenario)" in scores


def test_cli_since_a_file_of_another_assessment_is_warned_of(
    june: Assessment, november: Assessment, tmp_path, capsys
) -> None:
    """--since a file sharing no project or criterion wrote its Changes since without a word."""
    from rrisk.model import Criterion, Project

    other = Assessment(
        title="Other", projects=[Project(id="x", name="X")], criteria=[Criterion(id="y", name="Y")]
    )
    old, new, parser, output = _saved_versions(other, november, tmp_path)
    args = ["memo", str(new), "-o", str(output), "--since", str(old), "--force"]
    assert run_memo(parser.parse_args(args)) == 0
    assert (
        f"rrisk: warning: --since {old} shares no project or criterion with {new}: it looks "
        "like a different assessment" in capsys.readouterr().err
    )
    old, new, parser, output = _saved_versions(june, november, tmp_path)
    assert (
        run_memo(
            parser.parse_args(["memo", str(new), "-o", str(output), "--since", str(old), "--force"])
        )
        == 0
    )
    assert "different assessment" not in capsys.readouterr().err


def test_cli_since_checks_the_names_the_earlier_version_alone_holds(
    november: Assessment, tmp_path, capsys
) -> None:
    """A project removed since, named with an emoji, printed as a box in Changes since with
    no warning before the memo was written."""
    from rrisk.model import Project

    earlier = november.model_copy(deep=True)
    earlier.projects.append(Project(id="gone", name="Mine 🚀 East"))
    old, new, parser, output = _saved_versions(earlier, november, tmp_path)
    args = ["memo", str(new), "-o", str(output), "--since", str(old), "--force"]
    assert run_memo(parser.parse_args(args)) == 0
    assert (
        "rrisk: warning: earlier version, project 'gone' “Mine 🚀 East” (removed since): "
        "printed in Changes since: the memo's fonts cannot draw “🚀” (U+1F680) in name"
    ) in capsys.readouterr().err


def test_cli_since_a_version_of_the_same_date_is_warned_of(
    june: Assessment, november: Assessment, tmp_path, capsys
) -> None:
    """--since a version dated the same day wrote 'Changes since 2025-06-01' with both sides
    'as of 2025-06-01', without a word that this version's as-of date was left as it was."""
    edited = june.model_copy(update={"title": "Edited"}, deep=True)
    old, new, parser, output = _saved_versions(june, edited, tmp_path)
    args = ["memo", str(new), "-o", str(output), "--since", str(old), "--force"]
    assert run_memo(parser.parse_args(args)) == 0
    assert (
        f"rrisk: warning: --since {old}: the earlier version is dated 2025-06-01, and so is "
        "this one (2025-06-01)" in capsys.readouterr().err
    )
    old, new, parser, output = _saved_versions(june, november, tmp_path)
    args = ["memo", str(new), "-o", str(output), "--since", str(old), "--force"]
    assert run_memo(parser.parse_args(args)) == 0
    assert "so is this one" not in capsys.readouterr().err
