"""``rrisk check`` and ``rrisk memo --strict``: problems with place and severity, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from rrisk.fileformat import save
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template


def _check(document, tmp_path: Path, *options: str):  # noqa: ANN001, ANN202
    """``rrisk check`` of ``document`` saved as ``case.rrisk`` in ``tmp_path``."""
    path = tmp_path / "case.rrisk"
    save(document, path)
    return rrisk("check", str(path), *options)


def rrisk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rrisk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_a_blank_case_with_one_project_lists_the_missing_date_and_summary(tmp_path: Path) -> None:
    path = tmp_path / "blank.rrisk"
    save(
        parse_assessment(
            {
                "criteria": [{"id": "cost", "name": "Cost"}],
                "projects": [{"id": "alpha", "name": "Alpha"}],
            }
        ),
        path,
    )
    run = rrisk("check", str(path), "--format", "json")
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    found = {(p["severity"], p["place"]) for p in report["problems"]}
    assert ("error", "as-of date") in found
    assert ("warning", "summary") in found
    assert ("warning", "recommendation") in found
    assert ("warning", "author") in found
    assert ("warning", "project 'alpha' “Alpha”") in found  # its one cell is unassessed
    assert report["errors"] == 1
    table = rrisk("check", str(path))
    assert table.returncode == 1
    assert "error: as-of date: no as-of date" in table.stdout
    assert table.stdout.rstrip().endswith("1 error, 5 warnings")


def test_the_template_has_no_error(tmp_path: Path) -> None:
    path = tmp_path / "case.rrisk"
    save(new_from_template("russia-rare-earths"), path)
    run = rrisk("check", str(path), "--scenario", "Sanctions eased")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "error:" not in run.stdout
    assert "warning: author: the author is still “RRisk template”" in run.stdout


def test_strict_memo_refuses_a_red_line_without_reason(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    cell = document.cell("tomtor", "sanctions")
    assert cell is not None
    cell.red_line, cell.red_line_reason = True, ""
    path = tmp_path / "case.rrisk"
    save(document, path)
    output = tmp_path / "memo.pdf"
    run = rrisk("memo", str(path), "-o", str(output), "--strict")
    assert run.returncode == 1
    assert not output.exists()
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith(  # one line naming the file, as every refusal does
        f"rrisk: {path}: memo refused (--strict): "
        "project 'tomtor' “Tomtor niobium–rare-earth deposit”, "
        "criterion 'sanctions' “Sanctions exposure”: red line without a reason"
    )
    # Without --strict the memo is written and the error is printed on stderr.
    run = rrisk("memo", str(path), "-o", str(output))
    assert run.returncode == 0, run.stderr
    assert output.exists()
    assert (
        "rrisk: error: project 'tomtor' “Tomtor niobium–rare-earth deposit”, "
        "criterion 'sanctions' “Sanctions exposure”: red line without a reason"
    ) in run.stderr


def test_an_unknown_field_is_an_error_naming_text_and_field(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    document.recommendation += " Tomtor scores {{index:tomtr}}."
    run = _check(document, tmp_path)
    assert run.returncode == 1
    assert "error: recommendation: field {{index:tomtr}}: unknown project 'tomtr'" in run.stdout


def test_analyze_uses_the_documents_runs_and_seed_unless_overridden(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    document.analysis.runs, document.analysis.seed = 500, 9
    path = tmp_path / "case.rrisk"
    save(document, path)
    own = json.loads(rrisk("analyze", str(path), "--format", "json").stdout)
    assert (own["runs"], own["seed"]) == (500, 9)
    flags = json.loads(rrisk("analyze", str(path), "--runs", "300", "--format", "json").stdout)
    assert (flags["runs"], flags["seed"]) == (300, 9)


def test_review_clears_a_stale_summary(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    document.criterion("sanctions").weight = 0.2  # every Russian site's index moves
    path = tmp_path / "case.rrisk"
    save(document, path)
    before = rrisk("check", str(path))
    assert "warning: summary: written before" in before.stdout
    refused = rrisk("review", str(path), "budget")
    assert refused.returncode == 1 and "'budget' is not a narrative text" in refused.stderr
    # A key of the right form names what is missing.
    for key, said in (
        ("project:zz", "there is no project 'zz'"),
        ("cell:tomtor:zz", "there is no criterion 'zz'"),
        ("cell:zz:sanctions", "there is no project 'zz'"),
    ):
        refused = rrisk("review", str(path), key)
        assert refused.returncode == 1 and f"'{key}' names no text: {said}" in refused.stderr
    marked = rrisk("review", str(path), "summary", "recommendation")
    assert marked.returncode == 0, marked.stderr
    after = rrisk("check", str(path))
    assert "warning: summary: written before" not in after.stdout
    assert "warning: recommendation: written before" not in after.stdout
    assert "warning: notes: written before" in after.stdout
    assert rrisk("review", str(path), "--all").returncode == 0
    assert "written before" not in rrisk("check", str(path)).stdout


def test_the_json_targets_review_every_stale_text_in_one_round(tmp_path: Path) -> None:
    """A project's stale rationales are one check item; its target lists every key, so
    reviewing the targets' keys clears them all at once."""
    import json

    document = new_from_template("russia-rare-earths")
    document.criterion("sanctions").weight = 0.2  # moves the results the summary was written on
    for cell in document.cells["tomtor"].values():  # rescores the cells the rationales explain
        cell.impact = 6 - cell.impact if cell.impact is not None else None
        cell.impact_low = cell.impact_high = None
    path = tmp_path / "case.rrisk"
    save(document, path)
    problems = json.loads(rrisk("check", str(path), "--format", "json").stdout)["problems"]
    targets = [p["target"] for p in problems if p["target"].get("kind") == "text"]
    assert any(len(t.get("keys", [])) > 1 for t in targets)
    keys = sorted({key for t in targets for key in t.get("keys", [t["key"]])})
    assert rrisk("review", str(path), *keys).returncode == 0
    out = rrisk("check", str(path)).stdout
    assert "written before" not in out and "written against" not in out


def test_a_counterparty_hit_nobody_decided_is_a_warning(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    projects = [
        p.model_copy(update={"counterparties": [*p.counterparties, "Госкорпорация Ростех"]})
        if p.id == "allied-separation-plant"
        else p
        for p in document.projects
    ]
    path = tmp_path / "case.rrisk"
    save(document.model_copy(update={"projects": projects}), path)
    run = rrisk("check", str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    found = [p for p in json.loads(run.stdout)["problems"] if "no decision" in p["message"]]
    assert [(p["place"], p["target"]) for p in found] == [
        (
            "project 'allied-separation-plant' “Allied-country REE separation plant (comparator)”",
            {
                "kind": "screening",
                "project": "allied-separation-plant",
                "list": "rrisk-template",
                "counterparty": "Госкорпорация Ростех",
                "entry": "rrisk-rostec",
            },
        )  # fmt: skip
    ]
    assert "Госкорпорация Ростех" in found[0]["message"] and "rrisk-rostec" in found[0]["message"]
    # The template itself: every hit is decided.
    save(document, path)
    assert "no decision" not in rrisk("check", str(path)).stdout


def test_an_imported_list_not_checked_is_said_in_a_note(tmp_path: Path, monkeypatch) -> None:
    """The document records a list this computer's store does not hold (a colleague's): its
    hits went unchecked without a word, which read as none pending."""
    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    document = new_from_template("russia-rare-earths")
    document.screening.list_name = "EU FSF (Anna's copy)"
    run = _check(document, tmp_path)
    assert run.returncode == 0, run.stderr
    assert (
        "note: screening: the list EU FSF (Anna's copy) was not checked for hits nobody has "
        "decided: this computer's list store does not hold it (imported on another computer, "
        "or removed)\n"
    ) in run.stdout
    assert run.stdout.rstrip().endswith("2 notes")
    payload = json.loads(_check(document, tmp_path, "--format", "json").stdout)
    (note,) = [p for p in payload["problems"] if p["place"] == "screening"]
    assert (note["severity"], note["target"]) == ("note", {"kind": "screening"})


def test_every_weight_zero_is_an_error(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    for criterion in document.criteria:
        criterion.weight = 0.0
    run = _check(document, tmp_path)
    assert run.returncode == 1
    assert "error: criteria: every criterion weight is 0" in run.stdout


def test_the_zero_weights_error_follows_the_memos_scenario(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    scenario = document.scenarios[0]
    for criterion in document.criteria:
        criterion.weight = 0.0
        scenario.weight_overrides[criterion.id] = 1.0
    path = tmp_path / "case.rrisk"
    save(document, path)
    assert "every criterion weight is 0" in rrisk("check", str(path)).stdout
    under = rrisk("check", str(path), "--scenario", scenario.id)
    assert "every criterion weight is 0" not in under.stdout, under.stdout
    # The last line says which scenario was checked, as found: it said nothing of it, so a
    # name given in other words could not be told to have found the scenario meant.
    assert under.stdout.rstrip().endswith(f"1 note under the scenario “{scenario.name}”")
    spelt = rrisk("check", str(path), "--scenario", f"  {scenario.name.upper()} ")
    assert spelt.stdout.rstrip().endswith(f"under the scenario “{scenario.name}”")
    assert not rrisk("check", str(path)).stdout.rstrip().endswith("”")
    # The JSON names it as score and analyze do, beside its id (it gave the id alone).
    payload = json.loads(
        rrisk("check", str(path), "--scenario", scenario.id, "--format", "json").stdout
    )
    assert (payload["scenario"], payload["scenario_name"]) == (scenario.id, scenario.name)
    payload = json.loads(rrisk("check", str(path), "--format", "json").stdout)
    assert (payload["scenario"], payload["scenario_name"]) == (None, None)


def test_check_names_characters_the_memo_cannot_draw(tmp_path: Path) -> None:
    document = new_from_template("russia-rare-earths")
    document.projects[2].name += " 🚀"
    document.summary += " 合同 㐀㐁"  # the fallback font prints 合同, not Extension A
    run = _check(document, tmp_path, "--format", "json")
    assert run.returncode == 0, run.stdout + run.stderr
    problems = {p["place"]: p for p in json.loads(run.stdout)["problems"]}
    project = problems[f"project '{document.projects[2].id}' “{document.projects[2].name}”"]
    assert project["severity"] == "warning"
    assert "“🚀” (U+1F680) in name" in project["message"]
    assert project["target"] == {"kind": "project", "id": document.projects[2].id}
    summary = problems["summary"]
    assert "“㐀” (U+3400), “㐁” (U+3401) in summary" in summary["message"]
    assert "empty boxes" in summary["message"]


def test_a_problem_is_one_line_whatever_its_names_hold() -> None:
    from rrisk.check import check_document

    document = new_from_template("russia-rare-earths")
    document.author = ""
    document.project("tomtor").name = "Tomtor\nniobium\tdeposit \x1b[31m"
    document.project("seligdar").name = "Tomtor niobium  deposit \x1b[31m"  # the same, folded
    lines = [problem.line() for problem in check_document(document)]
    assert any("Tomtor niobium deposit" in line for line in lines), lines
    assert all("\n" not in line and "\t" not in line for line in lines)
    assert all("\x1b" not in line for line in lines)


def test_review_leaves_a_read_only_file_as_it_is(tmp_path: Path) -> None:
    import stat

    document = new_from_template("russia-rare-earths")
    document.criterion("sanctions").weight = 0.2
    path = tmp_path / "case.rrisk"
    save(document, path)
    before = path.read_bytes()
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        refused = rrisk("review", str(path), "--all")
    finally:
        path.chmod(0o644)
    assert refused.returncode == 1, refused.stderr
    assert "read-only" in refused.stderr and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.rrisk"]


def test_a_summary_or_author_of_invisible_characters_counts_as_missing(tmp_path: Path) -> None:
    """A zero-width space or a word joiner prints nothing: the memo's summary would be blank
    and no one would be named, so the check warns as for an empty text."""
    document = new_from_template("russia-rare-earths")
    document.summary = "\u200b"
    document.recommendation = " \u2060 "
    document.author = "\u200b"
    run = _check(document, tmp_path, "--format", "json")
    problems = {p["place"]: p["message"] for p in json.loads(run.stdout)["problems"]}
    assert problems["summary"] == "no summary has been written"
    assert problems["recommendation"] == "no recommendation has been written"
    assert problems["author"].startswith("the author is empty;")


def test_errors_come_before_warnings_whichever_check_finds_them(tmp_path: Path) -> None:
    """A hit dismissed without a note and an override without a justification are errors:
    listed with the other errors, ahead of every warning, as the app's list shows them."""
    document = new_from_template("russia-rare-earths")
    document.summary = ""  # a warning found before the screening decisions are looked at
    decision = document.screening.decisions[0]
    document.screening.decisions[0] = decision.model_copy(
        update={"decision": "dismissed", "note": ""}
    )
    run = _check(document, tmp_path)
    severities = [line.split(":", 1)[0] for line in run.stdout.splitlines()[:-1]]
    assert "error" in severities and "warning" in severities
    order = ["error", "warning", "note"]  # the notes (the review status) after them all
    assert severities == sorted(severities, key=order.index)


def test_the_last_line_names_a_scenario_on_one_line(tmp_path: Path) -> None:
    """A scenario's name with a line break or tab (a file may hold one) is said on the
    summary line with spaces, as rrisk score says it: the line was broken in two."""
    document = new_from_template("russia-rare-earths")
    scenario = document.scenarios[0]
    scenario.name = "Sanctions\neased\tfurther"
    path = tmp_path / "case.rrisk"
    save(document, path)
    run = rrisk("check", str(path), "--scenario", scenario.id)
    last = run.stdout.rstrip("\n").split("\n")[-1]
    assert last.startswith(f"{path}: ") and last.endswith(
        "under the scenario “Sanctions eased further”"
    ), run.stdout


def test_attached_files_no_source_names_are_a_note(tmp_path: Path) -> None:
    """A file made elsewhere may carry files no source names: kept, never shown in the memo,
    so the check names them (a note: the exit stays 0)."""
    document = new_from_template("russia-rare-earths")
    path = tmp_path / "case.rrisk"
    files = {f"scan-{n}.png": b"x" * 1_000 for n in range(5)}
    named = document.sources[0].model_copy(update={"attachment": "named.pdf"})
    document.sources[0] = named
    save(document, path, {**files, "named.pdf": b"%PDF"})
    run = rrisk("check", str(path))
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[-2] == (
        "note: attached files: 5 attached files no source names (4.9 KiB): scan-0.png, "
        "scan-1.png, scan-2.png, scan-3.png and 1 more; they go with the file wherever it is "
        "shared (see or remove them in Editors → Sources)"
    )
    assert lines[-1].endswith(": 0 errors, 2 warnings, 2 notes")  # and the review status
    report = json.loads(rrisk("check", str(path), "--format", "json").stdout)
    assert report["notes"] == 2
    note = report["problems"][-1]
    assert note["severity"] == "note"
    assert note["target"] == {"kind": "attachments", "names": sorted(files)}

    save(document, path, {"named.pdf": b"%PDF"})
    run = rrisk("check", str(path), "--format", "json")
    assert json.loads(run.stdout)["notes"] == 1
    assert "note: attached files" not in rrisk("check", str(path)).stdout


def test_the_review_status_is_a_note_with_its_counts_whatever_the_scenario(
    tmp_path: Path,
) -> None:
    """How much of the matrix is still draft, at a glance: a note (the exit stays 0) with
    the counts and the first draft cells, and each project's counts in the JSON. A
    scenario's overrides hold no review status, so under one the counts are the same."""
    document = new_from_template("russia-rare-earths")
    document.author, document.organisation = "A. Analyst", "Fund"
    drafts = [("tomtor", "sanctions"), ("seligdar", "geology")]
    for project_id, criterion_id in drafts:
        cell = document.cell(project_id, criterion_id)
        assert cell is not None and cell.assessed
        cell.status = "draft"
    path = tmp_path / "case.rrisk"
    save(document, path)
    counts = [len(document.projects) * len(document.criteria), 0]
    for option in ([], ["--scenario", document.scenarios[0].id]):
        run = rrisk("check", str(path), *option)
        assert run.returncode == 0, run.stdout + run.stderr
        lines = run.stdout.splitlines()
        note = next(line for line in lines if line.startswith("note: review status: "))
        assert note.startswith(
            f"note: review status: of the {counts[0]} assessed cells, {counts[0] - 2} are "
            "marked reviewed and 2 are draft (Tomtor"
        ), note
        assert "1 note" in lines[-1]
        report = json.loads(rrisk("check", str(path), "--format", "json", *option).stdout)
        assert report["review"]["reviewed"] == counts[0] - 2
        assert (report["review"]["draft"], report["review"]["unassessed"]) == (2, 0)
        tomtor = next(p for p in report["review"]["projects"] if p["project"] == "tomtor")
        assert (tomtor["draft"], tomtor["unassessed"]) == (1, 0)
        found = next(p for p in report["problems"] if p["place"] == "review status")
        assert found["severity"] == "note"
        assert found["target"]["kind"] == "cell"


class _Terminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_the_screening_says_how_far_it_is_on_a_terminal_only(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """A large imported list screened thousands of counterparties for minutes without a
    word; on a terminal the check now says how far it is, on stderr, and wipes the line."""
    from rrisk.cli import main

    monkeypatch.setenv("TERM", "xterm")
    document = new_from_template("russia-rare-earths")
    path = tmp_path / "case.rrisk"
    save(document, path)
    total = sum(len(project.counterparties) for project in document.projects)
    assert main(["check", str(path), "--format", "json"]) == 0
    piped = capsys.readouterr()
    assert piped.err == ""  # into a pipe or a file: nothing but the output

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", str(path), "--format", "json"]) == 0
    assert capsys.readouterr().out == piped.out  # the output a script reads is the same
    said = terminal.getvalue()
    assert said.startswith("\rchecking counterparties against rrisk-template: 1 of ")
    assert f"\rchecking counterparties against rrisk-template: {total:,} of {total:,}" in said
    assert said.endswith("\r\033[K")


def test_ctrl_c_stops_the_screening_of_the_check_with_exit_130(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import rrisk.screening.screen as screen
    from rrisk.cli import main

    monkeypatch.setenv("TERM", "xterm")
    path = tmp_path / "case.rrisk"
    document = new_from_template("russia-rare-earths")
    save(document, path)
    total = sum(len(project.counterparties) for project in document.projects)
    searched = []
    search = screen.search_counterparty

    def interrupted(*args):  # noqa: ANN002, ANN202
        searched.append(args)
        if len(searched) == 3:
            raise KeyboardInterrupt
        return search(*args)

    monkeypatch.setattr(screen, "search_counterparty", interrupted)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", str(path)]) == 130
    assert capsys.readouterr().out == ""
    assert terminal.getvalue().endswith(f": 2 of {total}\r\033[Krrisk: interrupted\n")
    assert "Traceback" not in terminal.getvalue()


def test_counts_in_the_thousands_print_with_their_separator(tmp_path: Path, capsys) -> None:
    """As the memo and the app write a count ("1,001 cells"): rrisk validate said "1001
    projects, … 0 of 1001 cells assessed" and rrisk check "1005 warnings"; JSON keeps numbers."""
    from rrisk.cli import main

    path = tmp_path / "large.rrisk"
    projects = [{"id": f"p{n}", "name": f"Project {n}"} for n in range(1001)]
    save(parse_assessment({"criteria": [{"id": "c", "name": "C"}], "projects": projects}), path)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.endswith(
        "1,001 projects, 1 criterion, 0 of 1,001 cells assessed, 0 sources, 0 scenarios\n"
    )
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.endswith(f"{path}: 1 error, 1,005 warnings\n")
    assert main(["check", str(path), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["warnings"] == 1005


def test_the_screenings_progress_fits_the_terminals_width(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """A list's name of 40 characters made the line 88 columns long: on a terminal of 80 it
    wrapped, the next count was written over its second row only, and every count stood on
    a line of its own. The name is cut to fit, and left out where nothing of it would."""
    from rrisk.cli import main
    from rrisk.text import display_width

    monkeypatch.setenv("TERM", "xterm")
    document = new_from_template("russia-rare-earths")
    path = tmp_path / "case.rrisk"
    save(document, path)
    total = sum(len(project.counterparties) for project in document.projects)
    full = f"checking counterparties against rrisk-template: {total} of {total}"
    for columns, shown in (
        (80, " against rrisk-template:"),
        (len(full) - 4, " against rrisk-te…:"),
    ):
        monkeypatch.setenv("COLUMNS", str(columns))
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main(["check", str(path), "--format", "json"]) == 0
        capsys.readouterr()
        lines = terminal.getvalue().removesuffix("\r\033[K").split("\r")[1:]
        assert len(lines) == total
        assert all(display_width(line) < columns and shown in line for line in lines)
    monkeypatch.setenv("COLUMNS", "40")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", str(path), "--format", "json"]) == 0
    assert terminal.getvalue().endswith(f"\rchecking counterparties: {total} of {total}\r\033[K")


def test_a_terminal_that_gives_no_width_shows_the_lists_name(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """A terminal that says its width is 0 (a serial console, `script`, a container's terminal
    not yet sized) does not know it: the progress named no list there, as on a terminal too
    narrow for the name. It is taken as 80 columns wide, as shutil takes it."""
    import os

    from rrisk.cli import main

    class SizelessTerminal(_Terminal):
        def fileno(self) -> int:
            return 2

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda *_: os.terminal_size((0, 0)))
    document = new_from_template("russia-rare-earths")
    path = tmp_path / "case.rrisk"
    save(document, path)
    total = sum(len(project.counterparties) for project in document.projects)
    terminal = SizelessTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", str(path), "--format", "json"]) == 0
    capsys.readouterr()
    expected = f"\rchecking counterparties against rrisk-template: {total} of {total}\r\033[K"
    assert terminal.getvalue().endswith(expected)
