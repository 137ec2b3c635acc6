"""``rrisk diff OLD NEW``, run as a user runs it: output in three formats and the exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rrisk.fileformat import load, save


def rrisk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrisk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.fixture
def versions(small_file: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The small case, and a later version: Tomtor renamed and its cost cell rescored, a red
    line on Allied plant's legality cell, the cost weight raised, a formula-like rationale."""
    old = load(small_file)
    new = old.model_copy(deep=True)
    new.as_of = "2025-11-01"
    new.project("tomtor").name = "Tomtor (Rosneft)"
    new.cells["tomtor"]["cost"].likelihood = 2
    new.cells["tomtor"]["cost"].rationale = '=HYPERLINK("x")'
    new.cells["allied"]["legal"].red_line = True
    new.cells["allied"]["legal"].red_line_reason = "new ruling"
    new.criterion("cost").weight = 3
    paths = tmp_path / "old.rrisk", tmp_path / "new.rrisk"
    save(old, paths[0])
    save(new, paths[1])
    return paths


def test_table_lists_results_red_lines_attribution_and_changes(
    versions: tuple[Path, Path],
) -> None:
    old, new = versions
    result = rrisk("diff", str(old), str(new))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"{old}  (no as-of date" in out and f"→ {new}  (as of 2025-11-01" in out
    # Allied plant was first; its new red line excludes it and Tomtor moves up.
    assert "1 → excluded" in out and "2 → 1 (↑1)" in out
    assert "+ Allied plant: Legality — new ruling" in out
    assert "Why the indices moved" in out
    assert "Cost: cell 4×4 = 16 → 2×4 = 8" in out and "Cost: weight 2 → 3" in out
    assert "project renamed: Tomtor → Tomtor (Rosneft)" in out
    assert "Cost: likelihood 4 → 2" in out and "Cost: rationale changed" in out
    assert "Legality: red line no → yes" in out
    assert "as-of date — → 2025-11-01" in out


def test_json_carries_every_change_and_attributions_that_add_up(
    versions: tuple[Path, Path],
) -> None:
    result = rrisk("diff", *map(str, versions), "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["differs"] is True and payload["scenario"] is None
    assert payload["new"]["as_of"] == "2025-11-01" and len(payload["old"]["fingerprint"]) == 64
    by_id = {p["id"]: p for p in payload["projects"]}
    tomtor = by_id["tomtor"]
    assert tomtor["old"]["rank"] == 2 and tomtor["new"]["rank"] == 1
    assert sum(c["points"] for c in tomtor["contributions"]) == pytest.approx(
        tomtor["index_change"], abs=1e-3
    )
    assert by_id["allied"]["red_lines_appeared"][0]["reason"] == "new ruling"
    renames = [c for c in payload["changes"] if c["action"] == "renamed"]
    assert renames == [
        {
            "kind": "project",
            "action": "renamed",
            "project": "tomtor",
            "field": "name",
            "old": "Tomtor",
            "new": "Tomtor (Rosneft)",
        }
    ]


def test_csv_guards_formulas_but_not_negative_numbers(versions: tuple[Path, Path]) -> None:
    result = rrisk("diff", *map(str, versions), "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["section", "project", "criterion", "item", "field", "action", "old",
                       "new", "points"]  # fmt: skip
    rationale = next(r for r in rows if r[4] == "rationale")
    assert rationale[7] == '\'=HYPERLINK("x")'
    points = [float(r[8]) for r in rows if r[0] == "contribution"]
    assert any(p < 0 for p in points)
    assert not any(r[8].startswith("'") for r in rows[1:])


def test_under_a_scenario_both_versions_hold(versions: tuple[Path, Path]) -> None:
    result = rrisk("diff", *map(str, versions), "--scenario", "Costs fall", "--format", "json")
    assert json.loads(result.stdout)["scenario"] == "Costs fall"


def test_the_scenario_line_keeps_a_name_on_one_line(versions: tuple[Path, Path]) -> None:
    """A line break or tab in the scenario's name is a space in the table's "Scenario:" line,
    as rrisk score prints it (the line was broken in two, the tab kept)."""
    for path in versions:
        document = load(path)
        document.scenarios[0].name = "Costs\nfall\tsharply"
        save(document, path)
    result = rrisk("diff", *map(str, versions), "--scenario", document.scenarios[0].id)
    assert result.stdout.splitlines()[2] == "Scenario: Costs fall sharply", result.stdout


def test_exit_codes_follow_git_diff(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    assert rrisk("diff", str(old), str(new)).returncode == 0
    assert rrisk("diff", str(old), str(new), "--exit-code").returncode == 1
    same = rrisk("diff", str(old), str(old), "--exit-code")
    assert same.returncode == 0 and "No differences." in same.stdout
    missing = tmp_path / "absent.rrisk"
    bad = tmp_path / "bad.rrisk"
    bad.write_bytes(b"not a zip")
    for args, code in (([], 1), (["--exit-code"], 2)):
        for path in (missing, bad):
            result = rrisk("diff", str(old), str(path), *args)
            assert result.returncode == code
            assert len(result.stderr.strip().splitlines()) == 1 and str(path) in result.stderr
            assert "Traceback" not in result.stderr and result.stdout == ""
    unknown = rrisk("diff", str(old), str(new), "--scenario", "nope", "--exit-code")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith(f"rrisk: {old}: scenario 'nope' does not exist")
    assert rrisk("diff", str(old)).returncode == 2  # misuse: argparse's usage message


def test_the_two_bundled_versions(tmp_path: Path) -> None:
    old, new = tmp_path / "june.rrisk", tmp_path / "november.rrisk"
    assert rrisk("new", "--template", "russia-rare-earths-2025-06", "-o", str(old)).returncode == 0
    assert rrisk("new", "--template", "russia-rare-earths", "-o", str(new)).returncode == 0
    result = rrisk("diff", str(old), str(new), "--exit-code")
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "(as of 2025-06-01" in out and "(as of 2025-11-01" in out
    # Screening confirms Rosneft (SDN since 22 Oct 2025): Tomtor leaves the ranking.
    assert "3 → excluded  Tomtor niobium–rare-earth deposit" in out
    rows = {line.strip().split("  ")[0]: line for line in out.splitlines() if "(↑" in line}
    assert "Chuktukon" in rows["4 → 3 (↑1)"] and "Seligdar" in rows["5 → 4 (↑1)"]
    assert "Sanctions exposure: cell 4×5 = 20 → 5×5 = 25" in out
    assert "Counterparty and state affiliation: likelihood 4 → 5" in out
    assert "…listed) → …listed); Rosneft (asset freeze 15 Oct 2025)" in out
    assert "as-of date 2025-06-01 → 2025-11-01" in out
    assert "+ Tomtor niobium–rare-earth deposit: Sanctions exposure — Counterparty 'Rosneft'" in out


def test_a_removed_cell_reordered_links_and_a_text_marked_reviewed(tmp_path: Path) -> None:
    from rrisk.narrative import stamp_text
    from rrisk.templates import new_from_template

    old = new_from_template("russia-rare-earths")
    new = old.model_copy(deep=True)
    removed = new.cells["chuktukon"].pop("geology")
    links = new.cells["tomtor"]["sanctions"].evidence
    links.reverse()
    new.scenarios[0].cell_overrides.pop(0)
    stamp_text(new, "notes")  # the figures moved with the removed cell; the notes still hold
    paths = tmp_path / "old.rrisk", tmp_path / "new.rrisk"
    save(old, paths[0])
    save(new, paths[1])
    out = rrisk("diff", *map(str, paths)).stdout
    assert removed.likelihood is not None and removed.impact is not None
    assert (
        f"{new.criterion('geology').name}: cell removed; it was L{removed.likelihood} × "
        f"I{removed.impact} = {removed.risk} (likelihood {removed.likelihood_low}–"
        f"{removed.likelihood_high}), {removed.status}, with a rationale and "
        f"{len(removed.evidence)} evidence links"
    ) in out
    assert "status reviewed → draft" not in out and "likelihood 4 → —" not in out
    first = load(paths[1]).source(links[0].source).title[:30]
    assert f"Sanctions exposure: evidence reordered, now: {first}" in out
    assert "notes: wording unchanged, marked reviewed against the figures" in out
    assert "stamp" not in out
    assert ": override removed: cell Tomtor niobium–rare-earth deposit × " in out
    changes = json.loads(rrisk("diff", *map(str, paths), "--format", "json").stdout)["changes"]
    kinds = {(c["kind"], c["action"], c.get("field")) for c in changes}
    assert {("cell", "removed", None), ("evidence", "changed", "order")} <= kinds
    assert ("narrative", "changed", "reviewed") in kinds
    # The links reordered alone are a difference, for scripts too.
    only_order = old.model_copy(deep=True)
    only_order.cells["tomtor"]["sanctions"].evidence.reverse()
    save(only_order, paths[1])
    result = rrisk("diff", *map(str, paths), "--exit-code")
    assert result.returncode == 1 and "Changes (1)" in result.stdout


def many_projects(copies: int):
    """The template with ``copies`` more projects scored as Seligdar, and a later version
    whose first weight is 0, which moves every scored project's index."""
    from rrisk.templates import new_from_template

    old = new_from_template("russia-rare-earths")
    seligdar = old.project("seligdar")
    for number in range(copies):
        copy = seligdar.model_copy(update={"id": f"copy-{number}", "name": f"Copy {number}"})
        old.projects.append(copy)
        old.cells[copy.id] = {key: cell.model_copy() for key, cell in old.cells["seligdar"].items()}
    new = old.model_copy(deep=True)
    new.criteria[0].weight = 0
    return old, new


def test_every_moved_project_is_explained_or_counted(tmp_path: Path) -> None:
    from rrisk.compare import compare
    from rrisk.compare.wording import movers

    old, new = many_projects(12)
    moved = movers(compare(old, new))
    assert len(moved) > 10
    paths = tmp_path / "old.rrisk", tmp_path / "new.rrisk"
    save(old, paths[0])
    save(new, paths[1])
    out = rrisk("diff", str(paths[0]), str(paths[1])).stdout
    why = out.split("Why the indices moved")[1].split("\nChanges (")[0]
    explained = [line for line in why.splitlines() if re.fullmatch(r"  \S.*  [+-]\d+\.\d\d", line)]
    assert len(explained) == 10, why
    assert f"… and {len(moved) - 10} more projects with smaller movements" in why


def test_line_breaks_in_a_red_line_reason_keep_the_tables_rows(tmp_path: Path) -> None:
    from rrisk.templates import new_from_template

    old = new_from_template("russia-rare-earths")
    new = old.model_copy(deep=True)
    cell = new.cells["seligdar"][new.criteria[0].id]
    cell.red_line, cell.red_line_reason, cell.red_line_basis = True, "one\ntwo", "basis\nline"
    paths = tmp_path / "old.rrisk", tmp_path / "new.rrisk"
    save(old, paths[0])
    save(new, paths[1])
    diff = rrisk("diff", str(paths[0]), str(paths[1])).stdout
    assert "— one two [basis line]" in diff
    assert not any(line.startswith(("two", "line")) for line in diff.splitlines())
    score = rrisk("score", str(paths[1])).stdout
    assert "one two [basis line]" in score
    assert not any(line.startswith(("two", "line")) for line in score.splitlines())


def test_a_changed_attachment_is_a_difference(tmp_path: Path) -> None:
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    document.sources[0].attachment = "report.pdf"
    paths = [tmp_path / f"v{n}.rrisk" for n in (1, 2, 3)]
    save(document, paths[0], {"report.pdf": b"%PDF-1.4 the evidence as filed"})
    save(document, paths[1], {"report.pdf": b"%PDF-1.4 another document"})
    save(document, paths[2], {"report.pdf": b"%PDF-1.4 another document", "extra.txt": b"x"})
    same = rrisk("diff", "--exit-code", str(paths[0]), str(paths[0]))
    assert same.returncode == 0 and "No differences." in same.stdout
    changed = rrisk("diff", "--exit-code", str(paths[0]), str(paths[1]))
    assert changed.returncode == 1, changed.stderr
    assert "Attachments (1)\n  report.pdf: changed\n" in changed.stdout
    assert "No differences." not in changed.stdout
    data = json.loads(rrisk("diff", "--format", "json", str(paths[1]), str(paths[2])).stdout)
    assert data["attachments"] == [{"name": "extra.txt", "action": "added"}]
    assert data["differs"] is True
    rows = list(
        csv.reader(io.StringIO(rrisk("diff", "--format", "csv", *map(str, paths[1:])).stdout))
    )
    assert ["attachment", "", "", "extra.txt", "", "added", "", "", ""] in rows


def test_a_file_of_another_assessment_is_said_to_look_like_one(
    small_file: Path, tmp_path: Path
) -> None:
    """A file sharing no project or criterion with the other was compared without a word, every
    project and criterion listed as removed and added, as if the assessment were rebuilt."""
    from rrisk.model import Assessment, Criterion, Project

    other = tmp_path / "other.rrisk"
    save(
        Assessment(
            title="Other",
            projects=[Project(id="x", name="X")],
            criteria=[Criterion(id="y", name="Y")],
        ),
        other,
    )
    run = rrisk("diff", str(other), str(small_file), "--format", "json")
    assert run.returncode == 0
    assert json.loads(run.stdout)["differs"]
    assert run.stderr == (
        f"rrisk: warning: {other} shares no project or criterion with {small_file}: it looks "
        "like a different assessment, and every project and criterion is listed as removed "
        "and added\n"
    )
    later = tmp_path / "later.rrisk"
    save(load(small_file).model_copy(update={"title": "Later"}), later)
    assert rrisk("diff", str(small_file), str(later)).stderr == ""
