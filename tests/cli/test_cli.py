"""The ``rrisk`` command line, run as a user runs it: a subprocess with exit codes and output."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rrisk.fileformat import to_bytes
from rrisk.model import Assessment


def rrisk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrisk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
    )


def test_templates_lists_blank_and_the_bundled_case() -> None:
    result = rrisk("templates")
    assert result.returncode == 0, result.stderr
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert "blank" in ids
    assert "russia-rare-earths" in ids


def test_new_blank_then_validate_and_score(tmp_path: Path) -> None:
    target = tmp_path / "blank.rrisk"
    created = rrisk("new", "-o", str(target), "--title", "Board review")
    assert created.returncode == 0, created.stderr
    with zipfile.ZipFile(target) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        envelope = json.loads(archive.read("document.json"))
    assert envelope["format_version"] == 2
    assert envelope["document"]["title"] == "Board review"
    assert rrisk("validate", str(target)).returncode == 0
    scored = rrisk("score", str(target), "--format", "json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout) == {
        "assessment": "Board review",
        "scenario": None,
        "projects": [],
    }


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "x.rrisk"
    target.write_bytes(b"precious")
    result = rrisk("new", "-o", str(target))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert target.read_bytes() == b"precious"


def test_score_json_ranks_and_excludes(small_file: Path) -> None:
    result = rrisk("score", str(small_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["assessment"] == "Small case"
    assert payload["scenario"] is None
    ids = [p["id"] for p in payload["projects"]]
    # allied: cost r=4 -> 3/24*2, legal r=1 -> 0; index = 100*(6/24)/3 = 8.33
    # tomtor: cost r=16 -> 15/24*2, legal r=6 -> 5/24; index = 100*(35/24)/3 = 48.61
    assert ids == ["allied", "tomtor", "donbas"]
    allied, tomtor, donbas = payload["projects"]
    assert allied["index"] == pytest.approx(8.33, abs=0.01)
    assert tomtor["index"] == pytest.approx(48.61, abs=0.01)
    assert (allied["rank"], tomtor["rank"], donbas["rank"]) == (1, 2, None)
    assert tomtor["band"] == "Medium" and allied["band"] == "Low"
    assert donbas["status"] == "excluded"
    assert donbas["red_lines"] == [
        {"criterion": "legal", "reason": "occupied territory", "kind": "rule", "basis": "EO 14065"}
    ]
    assert all(p["coverage"] == 1.0 for p in payload["projects"])


def test_score_under_a_scenario_by_name(small_file: Path) -> None:
    result = rrisk("score", str(small_file), "--scenario", "Costs fall", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["scenario"] == "Costs fall"
    tomtor = next(p for p in payload["projects"] if p["id"] == "tomtor")
    # cost r = 1×4 = 4 -> 3/24*2; legal 5/24; index = 100*(11/24)/3 = 15.28
    assert tomtor["index"] == pytest.approx(15.28, abs=0.01)


def test_score_table_and_csv_print_cyrillic(small_file: Path) -> None:
    table = rrisk("score", str(small_file))
    assert table.returncode == 0, table.stderr
    assert "Tomtor (Томтор)" in table.stdout
    assert "EO 14065" in table.stdout
    csv_out = rrisk("score", str(small_file), "--format", "csv")
    assert csv_out.returncode == 0
    lines = csv_out.stdout.splitlines()
    assert lines[0] == "rank,project,id,index,band,coverage,status,red lines"
    assert lines[1].startswith("1,Allied plant,allied,8.3,Low,1.0,ranked")
    assert "Donbas sites (Донбасс)" in lines[3]


def test_score_parts_a_projects_red_lines(tmp_path: Path, capsys) -> None:
    """Each red line's basis lists measures with "; ": the red lines are parted otherwise."""
    from rrisk.cli import main
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    first = "Partner under investigation; licence contested"
    legal = {"threshold": 20, "reason": "occupied territory", "basis": "EO 14065; EU 2022/263"}
    document = {
        "title": "Two red lines",
        "criteria": [
            {"id": "cost", "name": "Cost"},
            {"id": "legal", "name": "Legality", "red_line_rule": legal},
        ],
        "projects": [{"id": "donbas", "name": "Donbas sites"}],
        "cells": {
            "donbas": {
                "cost": {"likelihood": 2, "impact": 2, "red_line": True, "red_line_reason": first},
                "legal": {"likelihood": 5, "impact": 5},
            }
        },
    }
    path = tmp_path / "two.rrisk"
    save(parse_assessment(document), path)
    second = "occupied territory [EO 14065; EU 2022/263]"
    assert main(["score", str(path)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "Donbas" in line)
    assert row.endswith(f"excluded  {first} | {second}")
    assert main(["score", str(path), "--format", "csv"]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines()))
    assert rows[1][-1].split(" | ") == [first, second]
    assert main(["score", str(path), "--format", "json"]) == 0
    (project,) = json.loads(capsys.readouterr().out)["projects"]
    assert [r["reason"] for r in project["red_lines"]] == [first, "occupied territory"]


def test_unknown_scenario_is_one_clear_line(small_file: Path) -> None:
    result = rrisk("score", str(small_file), "--scenario", "nope")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"rrisk: {small_file}: scenario 'nope' does not exist (known: 'cheap' “Costs fall”)"
    ]


@pytest.mark.parametrize("command", ["score", "analyze", "check", "memo", "diff"])
def test_every_command_takes_baseline_for_the_baseline_and_names_the_file(
    small_file: Path, tmp_path: Path, command: str, capsys
) -> None:
    """``--scenario baseline`` (any case or spacing) is the default; an unknown scenario's
    message names the file it is missing from."""
    from rrisk.cli import main

    def run(*extra: str) -> tuple[int, str, str]:
        args = [command, str(small_file)]
        if command == "memo":
            args += ["-o", str(tmp_path / "memo.pdf"), "--force"]
        if command == "diff":
            args += [str(small_file)]
        if command == "analyze":
            args += ["--runs", "200"]
        code = main([*args, *extra])
        out, err = capsys.readouterr()
        return code, out, err

    default = run()
    named = run("--scenario", "  BaseLine ")
    assert named[0] == default[0] and named[0] in (0, 1), named[2]
    if command != "memo":  # the memo prints its path
        assert named[1] == default[1]
    code, _, err = run("--scenario", "nope")
    assert code == 1 and f"{small_file}" in err and "'nope' does not exist" in err


def test_a_blank_scenario_is_a_usage_error(small_file: Path) -> None:
    result = rrisk("score", str(small_file), "--scenario", " ")
    assert result.returncode == 2
    assert "give a scenario id or name, or 'baseline'" in result.stderr


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    good = to_bytes(Assessment(title="ok"))
    newer = io.BytesIO()
    with zipfile.ZipFile(newer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.rrisk+zip")
        archive.writestr("document.json", json.dumps({"format_version": 99, "document": {}}))
    wrong_type = io.BytesIO()
    with zipfile.ZipFile(wrong_type, "w") as archive:
        archive.writestr("mimetype", "application/vnd.rrisk+zip")
        archive.writestr(
            "document.json",
            json.dumps(
                {
                    "format_version": 1,
                    "document": {"criteria": [{"id": "c", "name": "C", "weight": "heavy"}]},
                }
            ),
        )
    contents = {
        "garbage": b"\x00\x01this is not a zip at all",
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "wrong-type": wrong_type.getvalue(),
        "newer": newer.getvalue(),
    }
    paths = {}
    for name, data in contents.items():
        path = tmp_path / f"{name}.rrisk"
        path.write_bytes(data)
        paths[name] = path
    return paths


@pytest.mark.parametrize("command", ["validate", "score"])
def test_bad_files_end_with_exit_1_and_one_line(tmp_path: Path, command: str) -> None:
    expected = {
        "garbage": "not a zip container",
        "truncated": "not a zip container",
        "empty": "is empty",
        "wrong-type": "criterion 'c': weight",
        "newer": "format version 99",
    }
    for name, path in _bad_files(tmp_path).items():
        result = rrisk(command, str(path))
        assert result.returncode == 1, (name, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (name, result.stderr)
        assert "Traceback" not in result.stderr
        assert str(path) in lines[0]
        assert expected[name] in lines[0], (name, lines[0])
        assert result.stdout == ""


def test_missing_file_is_exit_1(tmp_path: Path) -> None:
    result = rrisk("validate", str(tmp_path / "absent.rrisk"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_misuse_is_exit_2() -> None:
    assert rrisk().returncode == 2
    assert rrisk("score").returncode == 2
    assert rrisk("frobnicate").returncode == 2
    assert rrisk("score", "x.rrisk", "--format", "yaml").returncode == 2


def test_unknown_template_is_exit_1(tmp_path: Path) -> None:
    result = rrisk("new", "--template", "atlantis", "-o", str(tmp_path / "a.rrisk"))
    assert result.returncode == 1
    assert "template 'atlantis' does not exist" in result.stderr
    assert not (tmp_path / "a.rrisk").exists()


def test_export_then_import_round_trip(small_file: Path, tmp_path: Path) -> None:
    table = tmp_path / "matrix.xlsx"
    exported = rrisk("export", str(small_file), "-o", str(table))
    assert exported.returncode == 0, exported.stderr
    rebuilt = tmp_path / "rebuilt.rrisk"
    imported = rrisk("import", str(table), "--into", str(small_file), "-o", str(rebuilt))
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == ""  # the round trip loses nothing: nothing to warn of
    before = json.loads(rrisk("score", str(small_file), "--format", "json").stdout)
    after = json.loads(rrisk("score", str(rebuilt), "--format", "json").stdout)
    assert after == before


def test_import_without_a_base_says_what_a_table_cannot_bring(
    small_file: Path, tmp_path: Path
) -> None:
    table = tmp_path / "matrix.xlsx"
    assert rrisk("export", str(small_file), "-o", str(table)).returncode == 0
    fresh = rrisk("import", str(table), "-o", str(tmp_path / "fresh.rrisk"))
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.strip() == str(tmp_path / "fresh.rrisk")  # the output stays the path
    note = fresh.stderr.strip()
    assert note.startswith("rrisk: note: a new assessment from the table alone")
    assert "weight 1" in note and "counterparties" in note and "--into" in note
    assert len(fresh.stderr.splitlines()) == 1


def test_import_into_a_file_updates_it_however_its_path_is_spelled(
    small_file: Path, tmp_path: Path
) -> None:
    table = tmp_path / "matrix.csv"
    assert rrisk("export", str(small_file), "-o", str(table)).returncode == 0
    relative = rrisk(
        "import", "matrix.csv", "--into", "small.rrisk", "-o", "small.rrisk", cwd=tmp_path
    )
    assert relative.returncode == 0, relative.stderr
    spelled_apart = rrisk(
        "import",
        str(table),
        "--into",
        str(small_file.resolve()),
        "-o",
        "./small.rrisk",
        cwd=tmp_path,
    )
    assert spelled_apart.returncode == 0, spelled_apart.stderr
    other = tmp_path / "other.rrisk"
    other.write_bytes(small_file.read_bytes())
    refused = rrisk("import", str(table), "--into", str(small_file), "-o", str(other))
    assert refused.returncode == 1 and "already exists (use --force" in refused.stderr


def test_import_of_a_bad_table_is_exit_1(tmp_path: Path) -> None:
    table = tmp_path / "matrix.csv"
    table.write_text("Project ID,Criterion ID,Likelihood,Impact\np,c,9,1\n", encoding="utf-8")
    result = rrisk("import", str(table), "-o", str(tmp_path / "out.rrisk"))
    assert result.returncode == 1
    assert "row 2" in result.stderr and "likelihood 9 is outside 1–5" in result.stderr
    assert not (tmp_path / "out.rrisk").exists()


def test_analyze_json_is_reproducible(small_file: Path) -> None:
    first = rrisk("analyze", str(small_file), "--runs", "500", "--seed", "3", "--format", "json")
    again = rrisk("analyze", str(small_file), "--runs", "500", "--seed", "3", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    payload = json.loads(first.stdout)
    assert payload["runs"] == 500 and payload["seed"] == 3
    donbas = next(p for p in payload["projects"] if p["id"] == "donbas")
    # Its 5×5 legal cell has no evidence, so it is drawn from 4–5 × 4–5 and falls below the
    # red line (20) in the runs where the product is 16–20: excluded in most runs, not all.
    assert 0.5 < donbas["probability_excluded"] < 1.0
    assert payload["top"] == "allied"


def test_analyze_json_holds_every_figure_of_the_table(small_file: Path) -> None:
    options = ("--runs", "400", "--seed", "5")
    table = rrisk("analyze", str(small_file), *options, "--format", "csv")
    payload = json.loads(rrisk("analyze", str(small_file), *options, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    by_name = {p["name"]: p for p in payload["projects"]}
    assert sorted(by_name) == sorted(row["project"] for row in rows)
    for row in rows:
        project = by_name[row["project"]]
        assert row["id"] == project["id"]
        assert project["probability_first"] == project["probability_rank"][0]
        assert (project["most_likely_band"] or "—") == row["most likely band"]
        shares = project["probability_band"]
        if project["most_likely_band"] is not None:  # the lower of two equally likely
            best = max(shares.values())
            assert project["most_likely_band"] == next(b for b, v in shares.items() if v == best)


def test_analyze_table_names_the_rank_reversal(small_file: Path) -> None:
    result = rrisk("analyze", str(small_file), "--runs", "200")
    assert result.returncode == 0, result.stderr
    assert "200 runs" in result.stdout
    assert "Rank reversal:" in result.stdout


def test_import_into_a_base_with_attachments_keeps_them(tmp_path: Path) -> None:
    from rrisk.fileformat import read_file, save
    from rrisk.model import parse_assessment

    doc = parse_assessment(
        {
            "criteria": [{"id": "c", "name": "C"}],
            "projects": [{"id": "p", "name": "P"}],
            "sources": [{"id": "s", "title": "Report", "attachment": "report.pdf"}],
            "cells": {"p": {"c": {"likelihood": 2, "impact": 2, "evidence": [{"source": "s"}]}}},
        }
    )
    base = tmp_path / "base.rrisk"
    save(doc, base, {"report.pdf": b"%PDF-1.4 attached"})
    table = tmp_path / "m.csv"
    assert rrisk("export", str(base), "-o", str(table)).returncode == 0
    out = tmp_path / "out.rrisk"
    result = rrisk("import", str(table), "--into", str(base), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert read_file(out).attachments == {"report.pdf": b"%PDF-1.4 attached"}


def test_import_into_refuses_a_new_id_unless_add_new(tmp_path: Path) -> None:
    from rrisk.fileformat import read_file, save
    from rrisk.model import parse_assessment

    doc = parse_assessment(
        {
            "criteria": [{"id": "c", "name": "C"}],
            "projects": [{"id": "p", "name": "P"}],
            "cells": {"p": {"c": {"likelihood": 2, "impact": 2}}},
        }
    )
    base = tmp_path / "base.rrisk"
    save(doc, base)
    table = tmp_path / "m.csv"
    table.write_text(
        "Project ID,Project,Criterion ID,Criterion,Likelihood,Impact\n"
        "p,P,c,C,2,2\nq,Quarry,c,C,3,4\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.rrisk"
    refused = rrisk("import", str(table), "--into", str(base), "-o", str(out))
    assert refused.returncode == 1 and "project 'q' is not in the document" in refused.stderr
    assert not out.exists()
    added = rrisk("import", str(table), "--into", str(base), "--add-new", "-o", str(out))
    assert added.returncode == 0, added.stderr
    document = read_file(out).document
    assert [p.name for p in document.projects] == ["P", "Quarry"]
    assert document.cell("q", "c").impact == 4
    assert "spreadsheet" not in added.stderr


def test_import_add_new_says_which_ids_a_spreadsheet_read_as_numbers(tmp_path: Path) -> None:
    """--add-new asks nothing: ids that are the base's as a spreadsheet saved them ('01' as 1)
    are added as new items, so the command says what the app's question says of them."""
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    doc = parse_assessment(
        {
            "criteria": [{"id": "1.10", "name": "Cost"}],
            "projects": [{"id": "01", "name": "Tomtor"}],
            "cells": {"01": {"1.10": {"likelihood": 2, "impact": 2}}},
        }
    )
    base = tmp_path / "base.rrisk"
    save(doc, base)
    table = tmp_path / "m.csv"
    table.write_text("Project ID,Criterion ID,Likelihood,Impact\n1,1.1,3,4\n", encoding="utf-8")
    out = tmp_path / "out.rrisk"
    added = rrisk("import", str(table), "--into", str(base), "--add-new", "-o", str(out))
    assert added.returncode == 0, added.stderr
    assert (
        f"rrisk: note: {out}: added as new: '1' (this assessment's '01'), '1.1' (this "
        f"assessment's '1.10'); those are ids of {base} as a spreadsheet reads them when it "
        "opens a CSV, as numbers: format the id columns as text (or import the .xlsx export) "
        "and import again"
    ) in " ".join(added.stderr.split())


def test_import_into_names_an_id_a_spreadsheet_turned_into_a_date(tmp_path: Path) -> None:
    """'2024-11' opened in a spreadsheet is saved back as 'Nov-24': refused naming the id meant;
    with --add-new, a date that can be an id is added with a note saying so."""
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    doc = parse_assessment(
        {
            "criteria": [{"id": "2024-11", "name": "Cost"}],
            "projects": [{"id": "p", "name": "P"}],
            "cells": {"p": {"2024-11": {"likelihood": 2, "impact": 2}}},
        }
    )
    base = tmp_path / "base.rrisk"
    save(doc, base)
    table = tmp_path / "m.csv"
    table.write_text("Project ID,Criterion ID,Likelihood,Impact\np,Nov-24,3,4\n", encoding="utf-8")
    out = tmp_path / "out.rrisk"
    refused = rrisk("import", str(table), "--into", str(base), "-o", str(out))
    assert refused.returncode == 1 and not out.exists()
    assert (
        "row 2 (project 'p', criterion 'Nov-24'): criterion 'Nov-24' is not in the document "
        "(ids are matched exactly: did you mean '2024-11'? A spreadsheet turns an id such as "
        "'2024-11' into a date" in " ".join(refused.stderr.split())
    )
    refused = rrisk("import", str(table), "--into", str(base), "--add-new", "-o", str(out))
    assert refused.returncode == 1 and not out.exists()  # 'Nov-24' can be no id: no 'nov-24'
    assert "did you mean '2024-11'? A spreadsheet turns" in " ".join(refused.stderr.split())
    # A workbook's date cell reads as '2024-11-01', which can be an id: added, and said so.
    table.write_text(
        "Project ID,Criterion ID,Likelihood,Impact\np,2024-11-01,3,4\n", encoding="utf-8"
    )
    added = rrisk("import", str(table), "--into", str(base), "--add-new", "-o", str(out))
    assert added.returncode == 0, added.stderr
    assert (
        f"rrisk: note: {out}: added as new: '2024-11-01' (this assessment's '2024-11'); that is an "
        f"id of {base} that a spreadsheet turned into a date: format the id columns as text and "
        "enter the ids again (or import the .xlsx export) and import again"
    ) in " ".join(added.stderr.split())


def test_new_with_an_overlong_title_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "t.rrisk"
    result = rrisk("new", "-o", str(target), "--title", "x" * 600)
    assert result.returncode == 1
    assert "title" in result.stderr and "500" in result.stderr
    assert not target.exists()


def test_analyze_speaks_of_names_not_ids(small_file: Path) -> None:
    result = rrisk("analyze", str(small_file), "--runs", "100")
    assert "Allied plant" in result.stdout.splitlines()[-1]
    assert "'allied'" not in result.stdout


def test_output_that_cannot_be_written_is_one_line(small_file: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "rrisk", "score", str(small_file)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == "rrisk: the output could not be written (No space left on device)\n"


def test_the_score_tables_rule_runs_under_every_column(tmp_path: Path) -> None:
    """Long names widen the table: the rule under its header is as wide as the header."""
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    document = new_from_template("russia-rare-earths")
    document.projects[0].name = "A very long project name " * 6
    path = tmp_path / "long.rrisk"
    save(document, path)
    result = rrisk("score", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("rank"))
    assert len(lines[header]) > 120
    assert set(lines[header + 1]) == {"-"} and len(lines[header + 1]) >= len(lines[header])


def test_the_rank_reversal_tells_criteria_named_alike_apart(tmp_path: Path) -> None:
    """Two criteria named "Cost" (case and spacing aside): the sentence gives the id."""
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    document = parse_assessment(
        {
            "criteria": [
                {"id": "cost", "name": "Cost", "weight": 1},
                {"id": "cost-2", "name": " cost ", "weight": 1},
            ],
            "projects": [{"id": "mira", "name": "Mira"}, {"id": "emile", "name": "Emile"}],
            "cells": {
                "mira": {"cost": {"likelihood": 3, "impact": 1}},
                "emile": {
                    "cost": {"likelihood": 2, "impact": 1},
                    "cost-2": {"likelihood": 2, "impact": 2},
                },
            },
        }
    )
    path = tmp_path / "alike.rrisk"
    save(document, path)
    result = rrisk("analyze", str(path), "--runs", "100")
    assert result.returncode == 0, result.stderr
    (line,) = [row for row in result.stdout.splitlines() if row.startswith("Rank reversal:")]
    assert "Cost (cost)" in line or "cost  (cost-2)" in line, line
    assert line.endswith("puts Mira first.")


def test_score_lines_end_without_spaces_and_validate_counts_in_words(small_file: Path) -> None:
    table = rrisk("score", str(small_file))
    assert table.returncode == 0 and table.stdout.strip()
    assert [line for line in table.stdout.splitlines() if line != line.rstrip()] == []
    said = rrisk("validate", str(small_file)).stdout
    count = said.rsplit(", ", 1)[1].split()[0]
    assert said.rstrip().endswith(f"{count} scenario" + ("" if count == "1" else "s"))


def test_validate_counts_one_of_each_in_the_singular(tmp_path: Path) -> None:
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    document = parse_assessment(
        {
            "title": "One of each",
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": "mira", "name": "Mira"}],
            "sources": [{"id": "s", "title": "Report"}],
            "cells": {"mira": {"cost": {"likelihood": 2, "impact": 3}}},
            "scenarios": [{"id": "cheap", "name": "Costs fall"}],
        }
    )
    path = tmp_path / "one.rrisk"
    save(document, path)
    said = rrisk("validate", str(path)).stdout
    assert said.rstrip().endswith(
        "; 1 project, 1 criterion, 1 of 1 cell assessed, 1 source, 1 scenario"
    ), said


@pytest.mark.parametrize("command", ["export", "new", "memo"])
def test_an_output_that_is_a_link_to_nowhere_needs_force(
    small_file: Path, tmp_path: Path, command: str
) -> None:
    """Written through, a dangling link made a file wherever it pointed, without --force."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    suffix = {"export": ".csv", "new": ".rrisk", "memo": ".pdf"}[command]
    link = tmp_path / f"out{suffix}"
    link.symlink_to(elsewhere / f"planted{suffix}")
    args = {
        "export": ("export", str(small_file)),
        "new": ("new",),
        "memo": ("memo", str(small_file)),
    }
    result = rrisk(*args[command], "-o", str(link))
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == (
        f"rrisk: {link}: is a link to {elsewhere / f'planted{suffix}'}, which does not exist; "
        "writing would make that file (use --force to write there)"
    )
    assert not list(elsewhere.iterdir())
    assert rrisk(*args[command], "-o", str(link), "--force").returncode == 0
    assert [p.name for p in elsewhere.iterdir()] == [f"planted{suffix}"]


def test_an_output_that_is_a_link_round_to_itself_is_called_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.rrisk"
    loop.symlink_to(loop)
    result = rrisk("new", "-o", str(loop))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"rrisk: {loop}: is a link that leads round to itself (use --force to replace the "
        "link with the file)"
    )
    # A relative link's target is named from where the command runs.
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "out.rrisk"
    link.symlink_to(Path("..") / "elsewhere" / "planted.rrisk")
    said = rrisk("new", "-o", "sub/out.rrisk", cwd=tmp_path).stderr
    assert "is a link to elsewhere/planted.rrisk, which does not exist" in said, said


def test_analyze_says_when_no_project_is_ranked(tmp_path: Path) -> None:
    """Every project red-lined: the table ends saying why there is no rank reversal, as the
    app and the memo say it (it ended with the table, the reversal left unsaid)."""
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    document = parse_assessment(
        {
            "criteria": [{"id": "cost", "name": "Cost", "weight": 1}],
            "projects": [{"id": "mira", "name": "Mira"}, {"id": "emile", "name": "Emile"}],
            "cells": {
                "mira": {"cost": {"likelihood": 3, "impact": 1, "red_line": True}},
                "emile": {"cost": {"likelihood": 2, "impact": 1, "red_line": True}},
            },
        }
    )
    path = tmp_path / "excluded.rrisk"
    save(document, path)
    result = rrisk("analyze", str(path), "--runs", "100")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Rank reversal: no project is ranked, so the ranking has no top for a weight change "
        "to alter."
    )
