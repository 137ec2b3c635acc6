"""Stale narrative, analysis settings in the document, and the migration from format 1."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from rrisk import fileformat
from rrisk.errors import DocumentError
from rrisk.model import Assessment, Cell, parse_assessment
from rrisk.narrative import stale_text, stale_texts, stamp_text
from rrisk.scoring import score
from rrisk.templates import new_from_template

ALLIED = (  # the comparator's place in the check's messages: its id, then its name
    "project 'allied-separation-plant' “Allied-country REE separation plant (comparator)”"
)


@pytest.fixture
def template():
    return new_from_template("russia-rare-earths")


def test_a_new_template_is_stamped_and_current(template) -> None:
    assert {"summary", "recommendation", "notes", "project:tomtor"} <= set(
        template.narrative_stamps
    )
    assert stale_texts(template) == []


def test_changing_a_cell_marks_the_texts_stale_until_reviewed(template) -> None:
    def marks() -> dict[str, tuple[float, int]]:
        return {p.id: (round(p.index or 0, 1), p.rank or 0) for p in score(template).ranking()}

    before = marks()
    for criterion_id, cell in template.cells["allied-separation-plant"].items():
        if criterion_id != "occupied-territories":  # (its red-line rule would exclude it)
            cell.likelihood, cell.impact = 5, 3  # 58.3: the comparator falls behind Pikalevo
    after = marks()
    moved = sum(1 for p in before if before[p] != after[p])
    assert moved == 2  # the comparator and Pikalevo swap ranks
    stale = {item.key: item for item in stale_texts(template)}
    assert stale["summary"].changed == moved
    assert stale["summary"].message.startswith(f"written before {moved} results changed")
    # A text about Tomtor only is current: Tomtor's index and rank did not move.
    assert "project:tomtor" not in stale
    assert "project:allied-separation-plant" in stale
    stamp_text(template, "summary")
    assert stale_text(template, "summary") is None
    assert "summary" not in {item.key for item in stale_texts(template)}


def test_stamps_and_settings_survive_a_save(template, tmp_path: Path) -> None:
    template.analysis.runs, template.analysis.seed = 2_000, 7
    path = tmp_path / "case.rrisk"
    fileformat.save(template, path)
    again = fileformat.load(path)
    assert (again.analysis.runs, again.analysis.seed) == (2_000, 7)
    assert again.narrative_stamps == template.narrative_stamps


def _version_1_file(path: Path, body: dict, app_version: object = "0.1.0") -> None:
    """A file of format version 1; ``app_version`` None: one that does not name its writer."""
    envelope = {"format_version": 1, "app_version": app_version, "document": body}
    if app_version is None:
        del envelope["app_version"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), fileformat.MIMETYPE)
        archive.writestr("document.json", json.dumps(envelope))
    path.write_bytes(buffer.getvalue())


def test_a_version_1_file_gets_the_old_fixed_runs_and_seed(tmp_path: Path) -> None:
    path = tmp_path / "old.rrisk"
    _version_1_file(path, {"title": "Old", "summary": "Written long ago."})
    loaded = fileformat.read_file(path)
    assert loaded.format_version == 1  # as written; the document is migrated
    assert (loaded.document.analysis.runs, loaded.document.analysis.seed) == (10_000, 20_250_331)
    assert loaded.document.narrative_stamps == {}
    assert stale_texts(loaded.document) == []  # no stamp: nothing to call stale


def test_validate_says_which_version_a_file_was_written_in(tmp_path: Path, capsys) -> None:
    from rrisk.cli import main

    path = tmp_path / "old.rrisk"
    _version_1_file(path, {"title": "Old"})
    assert main(["validate", str(path)]) == 0
    assert (
        "valid (format version 1, written by RRisk 0.1.0; read as version 2, which saving "
        "writes and older releases of RRisk cannot open)"
    ) in capsys.readouterr().out
    fileformat.save(fileformat.load(path), path)
    assert main(["validate", str(path)]) == 0
    assert "valid (format version 2);" in capsys.readouterr().out


def test_review_and_import_say_that_a_file_of_an_older_version_is_written_anew(
    tmp_path: Path, capsys
) -> None:
    # Both write the file in the current version, which the release that wrote it cannot
    # open: a colleague still on it was locked out without a word.
    from rrisk.cli import main

    path = tmp_path / "old.rrisk"
    _version_1_file(path, {"title": "Old", "summary": "Written long ago."})
    assert main(["review", str(path), "--all"]) == 0
    assert (
        f"rrisk: note: {path}: was in format version 1, written by RRisk 0.1.0; it is now in "
        "version 2, which older releases of RRisk cannot open"
    ) in capsys.readouterr().err
    assert fileformat.read_file(path).format_version == 2
    assert main(["review", str(path), "--all"]) == 0
    assert "format version" not in capsys.readouterr().err
    criteria = [{"id": "cost", "name": "Cost"}]
    _version_1_file(
        path, {"title": "Old", "criteria": criteria, "projects": [{"id": "a", "name": "A"}]}
    )
    table = tmp_path / "matrix.csv"
    table.write_text("Project ID,Criterion ID,Likelihood,Impact\na,cost,2,3\n", encoding="utf-8")
    assert main(["import", str(table), "--into", str(path), "-o", str(path)]) == 0
    assert (
        f"rrisk: note: {path}: is written in format version 2, which older releases of RRisk "
        f"cannot open (read from {path}, in format version 1, written by RRisk 0.1.0)"
    ) in capsys.readouterr().err


def test_the_note_of_an_older_version_shows_the_writers_version_escaped(
    tmp_path: Path, capsys
) -> None:
    from rrisk.cli import main

    path = tmp_path / "old.rrisk"
    _version_1_file(path, {"title": "Old", "summary": "Text."}, "\x1b[2J0.1\u202e")
    assert main(["review", str(path), "--all"]) == 0
    error = capsys.readouterr().err
    assert "written by RRisk \\x1b[2J0.1<U+202E>; it is now in version 2" in error
    assert "\x1b" not in error and "\u202e" not in error


def test_the_note_of_an_older_version_that_does_not_name_its_writer_says_so(
    tmp_path: Path, capsys
) -> None:
    # A file's app_version may be missing, or too long to be a version: it said "written by
    # RRisk unknown".
    from rrisk.cli import main

    path = tmp_path / "old.rrisk"
    for app_version in (None, "0." * 30):
        _version_1_file(path, {"title": "Old", "summary": "Text."}, app_version)
        assert main(["review", str(path), "--all"]) == 0
        assert (
            "was in format version 1, written by an unknown version of RRisk; it is now in "
            "version 2"
        ) in capsys.readouterr().err


@pytest.mark.parametrize(
    ("analysis", "fragment"),
    [({"runs": 5}, "runs"), ({"seed": -1}, "seed"), ({"runs": 1000, "colour": 1}, "colour")],
)
def test_bad_analysis_settings_are_refused(analysis: dict, fragment: str) -> None:
    with pytest.raises(DocumentError) as raised:
        parse_assessment({"analysis": analysis})
    assert "analysis" in str(raised.value) and fragment in str(raised.value)


def test_a_stamp_under_an_unknown_key_is_refused() -> None:
    with pytest.raises(DocumentError):
        parse_assessment(
            {"narrative_stamps": {"budget": {"digest": "0123456789abcdef", "results": {}}}}
        )


def test_a_projects_stale_rationales_are_one_check_item(template) -> None:
    from rrisk.check import check_document

    for criterion_id, cell in template.cells["allied-separation-plant"].items():
        if criterion_id != "occupied-territories":
            cell.likelihood, cell.impact = 5, 3
    stale_cells = [
        item.key
        for item in stale_texts(template)
        if item.key.startswith("cell:allied-separation-plant:")
    ]
    assert len(stale_cells) >= 2
    items = [p for p in check_document(template) if p.place == ALLIED]
    grouped = [
        p
        for p in items
        if "rationales were written before their cells' scores changed" in p.message
    ]
    assert len(grouped) == 1
    assert grouped[0].message.startswith(f"{len(stale_cells)} rationales")
    assert grouped[0].target == {"kind": "text", "key": stale_cells[0], "keys": stale_cells}
    assert not any(p.place.startswith("rationale of " + ALLIED) for p in check_document(template))
    # One stale rationale in a project stays an item of its own, naming the cell.
    stamp_text(template, stale_cells[1])
    for key in stale_cells[2:]:
        stamp_text(template, key)
    (single,) = [p for p in check_document(template) if p.target.get("key") == stale_cells[0]]
    assert single.place.startswith("rationale of " + ALLIED)


def _lead_moves_to_pikalevo(document) -> None:
    """The comparator falls behind Pikalevo: the leader changes, nothing else is excluded."""
    for criterion_id, cell in document.cells["allied-separation-plant"].items():
        if criterion_id != "occupied-territories":
            cell.likelihood, cell.impact = 5, 3


@pytest.mark.parametrize("text", ["{{leader}} leads.", "The leader scores {{index:leader}}."])
def test_a_text_citing_the_leader_is_stale_when_the_leader_changes(template, text) -> None:
    key = "project:tomtor"
    template.project("tomtor").description = text
    stamp_text(template, key)
    leader = score(template).ranking()[0].id
    assert leader in template.narrative_stamps[key].results
    _lead_moves_to_pikalevo(template)
    assert score(template).ranking()[0].id != leader
    stale = stale_text(template, key)
    assert stale is not None and stale.changed >= 1


def test_a_text_citing_a_count_is_about_every_project(template) -> None:
    from rrisk.model import Project

    key = "project:tomtor"
    template.project("tomtor").description = "{{count:ranked|Word}} projects are ranked."
    stamp_text(template, key)
    assert set(template.narrative_stamps[key].results) == {p.id for p in template.projects}
    assert stale_text(template, key) is None
    # A project joins the ranked ones, last, so that no other rank moves: only the count it
    # cites does.
    from rrisk.model import Cell

    before = {p.id: p.rank for p in score(template).ranking()}
    template.projects.append(Project(id="newcomer", name="Newcomer"))
    template.cells["newcomer"] = {
        c.id: Cell(likelihood=1, impact=1, status="reviewed")
        if c.id == "occupied-territories"
        else Cell(likelihood=5, impact=5, status="reviewed")
        for c in template.criteria
    }
    after = {p.id: p.rank for p in score(template).ranking()}
    assert after["newcomer"] == len([r for r in before.values() if r]) + 1
    assert all(after[p] == rank for p, rank in before.items())
    stale = stale_text(template, key)
    assert stale is not None and stale.changed >= 1


def test_a_citation_added_outside_the_app_is_no_changed_result(template) -> None:
    """A rationale stamped citing nothing, then given a field of another project without a
    new stamp (a script, an older release): that project's figure is no result that changed."""
    key = "cell:seligdar:geology"
    cell = template.cell("seligdar", "geology")
    cell.rationale = "Thin ore."
    stamp_text(template, key)
    cell.rationale = "Thin ore; compare Tomtor at {{index:tomtor}}."
    assert stale_text(template, key) is None


def test_an_imported_rationale_is_stamped_as_one_typed_in_the_app(template, tmp_path) -> None:
    import csv

    from rrisk.exchange import export_matrix, import_matrix

    table = tmp_path / "matrix.csv"
    export_matrix(template, table)
    with table.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    column = header.index("Rationale")
    for row in rows[1:]:
        if row[0] == "seligdar" and row[2] == "geology":
            row[column] = "Thin ore; compare Tomtor at {{index:tomtor}}."
    with table.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    imported = import_matrix(table, base=template)
    key = "cell:seligdar:geology"
    assert "tomtor" in imported.narrative_stamps[key].results  # written against today's
    assert stale_texts(imported) == []
    imported.cells["tomtor"]["geology"].likelihood = 1  # Tomtor's index moves: the field follows
    assert stale_text(imported, key) is None
    imported.cells["seligdar"]["geology"].impact = 1  # the score the rationale explains moves
    stale = stale_text(imported, key)
    assert stale is not None and stale.changed == 1


def test_a_new_document_from_a_table_stamps_its_rationales_as_the_app_does(tmp_path) -> None:
    """``rrisk import`` without --into stamps each rationale, as the app's import into a new
    blank assessment does: a score moved afterwards makes the rationale read as stale."""
    from rrisk.exchange import import_matrix
    from rrisk.model import Assessment

    table = tmp_path / "deals.csv"
    table.write_text(
        "Project ID,Criterion ID,Likelihood,Impact,Rationale\n"
        "alpha,cost,3,4,Dearer than {{name:beta}}\n"
        "beta,cost,2,2,\n",
        encoding="utf-8",
    )
    alone = import_matrix(table)
    in_app = import_matrix(table, base=Assessment(title="deals"), add_new=True)
    assert list(alone.narrative_stamps) == ["cell:alpha:cost"]
    assert alone.narrative_stamps == in_app.narrative_stamps
    alone.cells["beta"]["cost"].likelihood = 5  # beta's index: not what the rationale explains
    assert stale_text(alone, "cell:alpha:cost") is None
    alone.cells["alpha"]["cost"].likelihood = 5
    stale = stale_text(alone, "cell:alpha:cost")
    assert stale is not None and stale.message.startswith(
        "written against likelihood 3 × impact 4, scored likelihood 5 × impact 4 since"
    )


def test_staleness_follows_the_index_as_the_tables_print_it() -> None:
    """An index of 12.25 prints 12.3 (halves up): a move to 12.24 (printed 12.2) makes the
    summary quoting it stale, and a move to 12.26 (still printed 12.3) does not."""
    from rrisk.fmt import fmt_index
    from rrisk.narrative import stamp_all

    document = parse_assessment(
        {
            "title": "Edge",
            "summary": "P scores 12.3.",
            "criteria": [
                {"id": "a", "name": "A", "weight": 1},
                {"id": "b", "name": "B", "weight": 49},
            ],
            "projects": [{"id": "p", "name": "P"}],
            "cells": {
                "p": {"a": {"likelihood": 1, "impact": 1}, "b": {"likelihood": 2, "impact": 2}}
            },
        }
    )
    stamp_all(document)
    assert fmt_index(score(document).index[0]) == "12.3"
    document.criteria[0].weight = 1.01
    assert fmt_index(score(document).index[0]) == "12.2"
    assert [s.key for s in stale_texts(document)] == ["summary"]
    document.criteria[0].weight = 0.99
    assert fmt_index(score(document).index[0]) == "12.3"
    assert stale_texts(document) == []


def _small(**cells: dict) -> Assessment:
    """Two projects scored on three criteria; ``cells`` by "project_criterion"."""
    rows: dict[str, dict] = {}
    for name, cell in cells.items():
        project_id, criterion_id = name.split("_")
        rows.setdefault(project_id, {})[criterion_id] = cell
    return parse_assessment(
        {
            "title": "Deals",
            "criteria": [{"id": c, "name": c.title(), "weight": 1} for c in ("geo", "law", "tax")],
            "projects": [{"id": p, "name": p.title()} for p in ("mine", "plant")],
            "cells": rows,
        }
    )


def test_filling_in_the_matrix_leaves_a_rationale_current() -> None:
    """A rationale vouches for its own cell's scores: the other cells being scored after it
    move its project's index and rank, not what it explains."""
    document = _small(mine_geo={"likelihood": 3, "impact": 4, "rationale": "Thin seams."})
    stamp_text(document, "cell:mine:geo")
    for criterion_id, (likelihood, impact) in {"law": (5, 5), "tax": (1, 2)}.items():
        document.cells["mine"][criterion_id] = Cell(likelihood=likelihood, impact=impact)
    document.cells["plant"] = {"geo": Cell(likelihood=1, impact=1)}
    assert stale_texts(document) == []
    assert stale_text(document, "cell:mine:geo") is None


def test_a_rationale_is_stale_when_its_own_score_changes_though_the_index_does_not() -> None:
    document = _small(
        mine_geo={"likelihood": 3, "impact": 4, "rationale": "Thin seams."},
        plant_geo={"likelihood": 2, "impact": 2},
    )
    stamp_text(document, "cell:mine:geo")
    before = score(document)
    cell = document.cells["mine"]["geo"]
    cell.likelihood, cell.impact = 4, 3  # the same product: index and rank as printed
    after = score(document)
    assert (after.index.tolist(), after.rank.tolist()) == (
        before.index.tolist(),
        before.rank.tolist(),
    )
    (stale,) = stale_texts(document)
    assert stale.key == "cell:mine:geo" and stale.changed == 1
    assert stale.message == (
        "written against likelihood 3 × impact 4, scored likelihood 4 × impact 3 since; "
        "review it and mark it reviewed"
    )
    assert (
        stale.label
        == "Written against likelihood 3 × impact 4; scored likelihood 4 × impact 3 since."
    )
    stamp_text(document, "cell:mine:geo")
    assert stale_texts(document) == []
    # A range is part of the assessment the rationale explains.
    cell.likelihood_low, cell.likelihood_high = 3, 5
    stale = stale_text(document, "cell:mine:geo")
    assert stale is not None and stale.now == "likelihood 4 (3–5) × impact 3"
    stamp_text(document, "cell:mine:geo")
    # Its evidence, red line and review status have their own words and marks.
    cell.status, cell.red_line, cell.red_line_reason = "reviewed", True, "Sanctioned buyer"
    assert stale_text(document, "cell:mine:geo") is None
    # A score cleared is a change too.
    cell.impact = None
    stale = stale_text(document, "cell:mine:geo")
    assert stale is not None and stale.now == "likelihood 4 (3–5) × no impact"


# Stamps as RRisk wrote them before a rationale's stamp held its cell's scores (made with that
# version from the document of _small below): each rationale's project's index and rank.
_OLD_FORM_STAMPS = {
    "cell:mine:geo": {"digest": "c88c45d04230d5ca", "results": {"mine": [29.2, 1]}},
    "cell:mine:law": {"digest": "c88c45d04230d5ca", "results": {"mine": [29.2, 1]}},
    "cell:plant:geo": {"digest": "7cd25c2df06460b6", "results": {"plant": [62.5, 2]}},
}
_OLD_FORM_CELLS = {
    "mine": {
        "geo": {"likelihood": 3, "impact": 4, "rationale": "Thin seams."},
        "law": {"likelihood": 2, "impact": 2, "rationale": "Stable licence."},
    },
    "plant": {"geo": {"likelihood": 4, "impact": 4, "rationale": "Flooded pit."}},
}


def _old_form_file(path: Path) -> None:
    body = {
        "title": "Old stamps",
        "as_of": "2025-06-30",
        "criteria": [
            {"id": "geo", "name": "Geology", "weight": 1},
            {"id": "law", "name": "Law", "weight": 1},
        ],
        "projects": [{"id": "mine", "name": "Mine"}, {"id": "plant", "name": "Plant"}],
        "cells": _OLD_FORM_CELLS,
        "narrative_stamps": _OLD_FORM_STAMPS,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), fileformat.MIMETYPE)
        archive.writestr(
            "document.json",
            json.dumps({"format_version": 2, "app_version": "0.1.0", "document": body}),
        )
    path.write_bytes(buffer.getvalue())


def test_a_rationale_stamped_by_an_older_version_is_read_by_its_project_results(
    tmp_path: Path,
) -> None:
    """An older stamp holds no cell scores: it reads as it did (current while its project's
    index and rank stand), never as stale all at once, until it is stamped again."""
    from rrisk.check import check_document

    path = tmp_path / "old.rrisk"
    _old_form_file(path)
    document = fileformat.load(path)
    assert stale_texts(document) == []
    assert not any("written before" in p.message for p in check_document(document))
    document.cells["mine"]["law"].impact = 5  # mine's index and rank move
    stale = {item.key: item for item in stale_texts(document)}
    assert set(stale) == {"cell:mine:geo", "cell:mine:law"}
    assert stale["cell:mine:geo"].message.startswith("written before 1 result changed")
    assert stale["cell:mine:geo"].label == "Written before 1 result changed."
    # Marked reviewed, it vouches for its cell's scores from then on.
    stamp_text(document, "cell:mine:geo")
    assert "0.cell" in document.narrative_stamps["cell:mine:geo"].results
    document.cells["mine"]["law"].impact = 1
    assert stale_text(document, "cell:mine:geo") is None
    assert stale_text(document, "cell:mine:law") is not None


def test_a_rationales_stamp_survives_a_save_in_a_form_older_versions_read(
    tmp_path: Path,
) -> None:
    """The cell's scores ride in ``results`` beside the project results, under a key no
    project's rank can give, with the digest an older RRisk computes from those results: a
    stamp keeps its two fields (an older RRisk refuses any other) and reads there as before."""
    path = tmp_path / "old.rrisk"
    _old_form_file(path)
    document = fileformat.load(path)
    stamp_text(document, "cell:mine:geo")
    document.cells["mine"]["geo"].likelihood = 5
    again_path = tmp_path / "new.rrisk"
    fileformat.save(document, again_path)
    with zipfile.ZipFile(again_path) as archive:
        stamps = json.loads(archive.read("document.json"))["document"]["narrative_stamps"]
    written = stamps["cell:mine:geo"]
    assert set(written) == {"digest", "results"}
    assert written["results"]["0.cell"] == [None, 1340000]  # 3 × 4, no range
    # Project results and digest as the older version wrote them (so it reads them so).
    assert written["digest"] == _OLD_FORM_STAMPS["cell:mine:geo"]["digest"]
    assert written["results"]["mine"] == [29.2, 1]
    again = fileformat.load(again_path)
    assert again.narrative_stamps == document.narrative_stamps
    stale = {item.key: item for item in stale_texts(again)}
    assert stale["cell:mine:geo"].was == "likelihood 3 × impact 4"
    assert stale["cell:mine:law"].changed == 1  # an older stamp: by its project's results
    assert set(stale) == {"cell:mine:geo", "cell:mine:law"}


def test_an_older_stamp_of_a_rationale_citing_a_count_counts_the_results_that_changed() -> None:
    """A rationale citing a count is about every project: an older stamp of it counts each
    project whose result moved, not the cell's scores its stamp never held as one more."""
    from rrisk.docparts import NarrativeStamp

    document = _small(
        mine_geo={"likelihood": 3, "impact": 4, "rationale": "One of {{count:ranked}}."},
        plant_geo={"likelihood": 2, "impact": 2},
    )
    stamp_text(document, "cell:mine:geo")
    stamp = document.narrative_stamps["cell:mine:geo"]
    # As an older RRisk stamped it: the projects' results alone, under the same digest.
    results = {key: mark for key, mark in stamp.results.items() if key != "0.cell"}
    document.narrative_stamps["cell:mine:geo"] = NarrativeStamp(
        digest=stamp.digest, results=results
    )
    document.cells["plant"]["geo"].likelihood = 3  # plant's index moves, mine's stands
    stale = stale_text(document, "cell:mine:geo")
    assert stale is not None and stale.message.startswith("written before 1 result changed")
    (listed,) = stale_texts(document)
    assert listed.changed == 1


@pytest.mark.parametrize(
    ("rationale", "other"),
    [
        ("Thin seams.", "plant"),
        ("One of {{count:ranked}}.", "plant"),
        ("Thin seams.", "0.cell"),
        ("One of {{count:ranked}}.", "0.cell"),
    ],
)
def test_a_rationales_stamp_whose_scores_entry_is_no_code_counts_only_results(
    rationale: str, other: str
) -> None:
    """A stamp whose cell-scores entry is no code of scores (edited by hand, or written by a
    release that codes them otherwise) is read by its projects' results, that entry no
    project's, also beside a project whose id it is ("0.cell"), which the rationale is not
    about: it counted as one more result changed ('written before 2 results changed' where
    one had)."""
    from rrisk.docparts import NarrativeStamp

    document = _small(
        mine_geo={"likelihood": 3, "impact": 4, "rationale": rationale},
        plant_geo={"likelihood": 2, "impact": 2},
    )
    document.projects[1].id = other
    document.cells[other] = document.cells.pop("plant")
    stamp_text(document, "cell:mine:geo")
    stamp = document.narrative_stamps["cell:mine:geo"]
    document.narrative_stamps["cell:mine:geo"] = NarrativeStamp(
        digest=stamp.digest, results={**stamp.results, "0.cell": (None, 5)}
    )
    document.cells["mine"]["law"] = Cell(likelihood=5, impact=5)  # mine's index moves
    stale = stale_text(document, "cell:mine:geo")
    assert stale is not None and stale.message.startswith("written before 1 result changed")
    (listed,) = stale_texts(document)
    assert listed.changed == 1


def test_a_range_set_since_the_rationale_reads_as_the_change():
    """Only the range was set: the line read "Written against likelihood 4 × impact 4; scored
    likelihood 4 × impact 4 (3–5) since", the same score on both sides at a glance."""
    document = _small(
        mine_geo={"likelihood": 4, "impact": 4, "rationale": "Quota d'exportation."},
        plant_geo={"likelihood": 2, "impact": 2},
    )
    stamp_text(document, "cell:mine:geo")
    cell = document.cells["mine"]["geo"]
    cell.impact_low, cell.impact_high = 3, 5
    stale = stale_text(document, "cell:mine:geo")
    assert stale is not None
    assert stale.label == (
        "Written against likelihood 4 × impact 4 (no range); "
        "scored likelihood 4 × impact 4 (3–5) since."
    )
    stamp_text(document, "cell:mine:geo")
    cell.impact_low = cell.impact_high = None  # and taken away again
    stale = stale_text(document, "cell:mine:geo")
    assert stale is not None
    assert (stale.was, stale.now) == (
        "likelihood 4 × impact 4 (3–5)",
        "likelihood 4 × impact 4 (no range)",
    )


def test_the_projects_with_stale_rationales_are_named_from_one_list(monkeypatch) -> None:
    """However many projects have stale rationales, their names are looked up once (they
    were looked up over every project for each such project: with 5,000 projects, seconds
    of the check before a memo)."""
    import rrisk.text
    from rrisk.check import check_document
    from rrisk.narrative import stamp_all

    made = []
    item_places = rrisk.text.item_places

    def counted(kind, items, field="name"):  # noqa: ANN001, ANN202
        made.append(kind)
        return item_places(kind, items, field)

    monkeypatch.setattr(rrisk.text, "item_places", counted)
    cell = {"likelihood": 2, "impact": 2, "rationale": "As reported."}

    def lookups(stale: int) -> int:
        document = parse_assessment(
            {
                "criteria": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                "projects": [{"id": f"p{n}", "name": f"P{n}"} for n in range(4)],
                "cells": {f"p{n}": {"a": dict(cell), "b": dict(cell)} for n in range(4)},
            }
        )
        stamp_all(document)
        for n in range(stale):
            for each in document.cells[f"p{n}"].values():
                each.likelihood = 4
        made.clear()
        grouped = [p for p in check_document(document) if "rationales were written" in p.message]
        assert len(grouped) == stale
        return made.count("project")

    assert lookups(4) == lookups(1)
