"""File → Export / Import matrix: the Excel and CSV round trip inside the app."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QFileDialog
from window_steps import import_through_menu

from rrisk.exchange import import_matrix
from rrisk.model import assessment_to_data


def _export(window, monkeypatch, path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    window.findChild(type(window.menu_actions.save), "actionExportMatrix").trigger()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_writes_a_table_that_imports_back_equal(
    open_window, document_path, tmp_path, monkeypatch, shown, suffix
):
    window = open_window(document_path)
    target = tmp_path / f"matrix{suffix}"
    _export(window, monkeypatch, target)
    assert target.exists() and not shown
    document = window.controller.document
    assert assessment_to_data(import_matrix(target, base=document)) == assessment_to_data(document)
    # Importing the unchanged table through the app changes nothing and adds no undo step.
    import_through_menu(window, monkeypatch, target)
    assert not shown
    assert window.controller.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_export_without_extension_takes_the_chosen_format(open_window, document_path, tmp_path):
    window = open_window(document_path)
    assert window.exchange.export_to(tmp_path / "plain.csv")
    assert (tmp_path / "plain.csv").read_bytes().startswith(b"\xef\xbb\xbfProject ID")


def _rewrite(path, change) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    change(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def test_import_of_an_edited_csv_is_one_undoable_step(
    open_window, document_path, tmp_path, monkeypatch, shown
):
    window = open_window(document_path)
    controller = window.controller
    before = assessment_to_data(controller.document)
    table = tmp_path / "matrix.csv"
    _export(window, monkeypatch, table)

    def edit(rows):
        for row in rows:
            if (row["Project ID"], row["Criterion ID"]) == ("p1", "c2"):
                row["Likelihood"], row["Impact"], row["Rationale"] = "5", "5", "Raised in review"
            if (row["Project ID"], row["Criterion ID"]) == ("p0", "c1"):
                row["Likelihood"] = "2"

    _rewrite(table, edit)
    import_through_menu(window, monkeypatch, table)
    assert not shown
    assert controller.document.cell("p1", "c2").likelihood == 5
    assert controller.document.cell("p1", "c2").rationale == "Raised in review"
    assert controller.document.cell("p0", "c1").likelihood == 2
    assert controller.undo_stack.count() == 1
    assert window.isWindowModified()
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before
    controller.undo_stack.redo()
    assert controller.document.cell("p1", "c2").likelihood == 5


def test_a_bad_row_shows_a_message_naming_it_and_changes_nothing(
    open_window, document_path, tmp_path, monkeypatch, shown
):
    window = open_window(document_path)
    before = assessment_to_data(window.controller.document)
    table = tmp_path / "matrix.csv"
    _export(window, monkeypatch, table)

    def spoil(rows):
        rows[0]["Likelihood"] = "9"
        rows[1]["Likelihood"] = "1"

    _rewrite(table, spoil)
    import_through_menu(window, monkeypatch, table)
    assert len(shown) == 1
    assert "row 2" in shown[0] and "likelihood 9" in shown[0]
    assert assessment_to_data(window.controller.document) == before
    assert window.controller.undo_stack.count() == 0


def test_an_unknown_project_is_refused_with_escaped_text(
    open_window, document_path, tmp_path, monkeypatch, shown
):
    window = open_window(document_path)
    table = tmp_path / "matrix.csv"
    _export(window, monkeypatch, table)
    _rewrite(table, lambda rows: rows[0].update({"Project ID": "<img src=x>"}))
    import_through_menu(window, monkeypatch, table)
    assert len(shown) == 1
    assert "&lt;img src=x&gt;" in shown[0] and "<img" not in shown[0]
    assert window.controller.undo_stack.count() == 0


def test_a_blank_assessment_is_built_from_a_table(
    open_window, tmp_path, monkeypatch, shown, answer_boxes
):
    asked = answer_boxes("Cancel")  # a blank document needs no question: none is answered
    table = tmp_path / "mine.csv"
    table.write_text(
        "Project ID,Project,Criterion ID,Criterion,Likelihood,Impact\n"
        "north,North pit,sanctions,Sanctions,4,5\n"
        "north,North pit,cost,Extraction cost,2,3\n"
        "south,South plant,sanctions,Sanctions,1,2\n",
        encoding="utf-8",
    )
    window = open_window()
    window.files.new_document()
    controller = window.controller
    import_through_menu(window, monkeypatch, table)
    assert not shown and not asked
    assert [(p.id, p.name) for p in controller.document.projects] == [
        ("north", "North pit"),
        ("south", "South plant"),
    ]
    assert [c.name for c in controller.document.criteria] == ["Sanctions", "Extraction cost"]
    assert controller.document.cell("north", "sanctions").likelihood == 4
    assert sorted(controller.result.rank) == [1, 2]  # scored and ranked at once
    assert "added 2 projects, 2 criteria" in window.statusBar().currentMessage()
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert not controller.document.projects and not controller.document.criteria


@pytest.mark.parametrize("label", ["Cancel", "Add and Import"])
def test_new_items_in_a_table_are_added_only_when_the_user_agrees(
    open_window, document_path, tmp_path, monkeypatch, shown, answer_boxes, label
):
    window = open_window(document_path)
    controller = window.controller
    before = assessment_to_data(controller.document)
    table = tmp_path / "matrix.csv"
    _export(window, monkeypatch, table)
    _rewrite(
        table,
        lambda rows: rows.append({**rows[0], "Project ID": "atlantis", "Project": "Atlantis mine"}),
    )
    asked = answer_boxes(label)
    import_through_menu(window, monkeypatch, table)
    assert not shown
    assert len(asked) == 1 and "1 project: Atlantis mine" in asked[0]
    if label == "Cancel":
        assert assessment_to_data(controller.document) == before
        assert controller.undo_stack.count() == 0
    else:
        assert controller.document.project("atlantis").name == "Atlantis mine"
        assert controller.undo_stack.count() == 1
        controller.undo_stack.undo()
        assert assessment_to_data(controller.document) == before


@pytest.mark.parametrize(
    ("second", "said"),
    [
        (
            "02",
            "The table's '1' (this assessment's '01'), '2' (this assessment's '02') are this "
            "assessment's ids as a spreadsheet reads them when it opens a CSV: as numbers.",
        ),
        (
            "legal",
            "The table's '1' (this assessment's '01') is this assessment's id as a spreadsheet "
            "reads it when it opens a CSV: as a number.",
        ),
    ],
)
def test_ids_a_spreadsheet_read_as_numbers_are_named_before_they_are_added(
    open_window, tmp_path, monkeypatch, shown, answer_boxes, second, said
):
    # A spreadsheet opening the CSV read the criterion ids '01' and '02' as numbers: the
    # question listed "2 criteria: Cost, Legality", the document's own names, as new ones.
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    path = tmp_path / "numbered.rrisk"
    criteria = [{"id": "01", "name": "Cost"}, {"id": second, "name": "Legality"}]
    save(parse_assessment({"criteria": criteria, "projects": [{"id": "a", "name": "A"}]}), path)
    window = open_window(path)
    table = tmp_path / "matrix.csv"
    _export(window, monkeypatch, table)

    def as_numbers(rows) -> None:  # noqa: ANN001
        for row in rows:
            if row["Criterion ID"].isdigit():
                row["Criterion ID"] = str(int(row["Criterion ID"]))

    _rewrite(table, as_numbers)
    asked = answer_boxes("Cancel")
    import_through_menu(window, monkeypatch, table)
    assert not shown and len(asked) == 1
    assert (
        f"{said} Cancel, format the id columns as text (or import the .xlsx export), and import "
        "again."
    ) in asked[0]
    assert [criterion.id for criterion in window.controller.document.criteria] == ["01", second]


def test_ids_a_spreadsheet_turned_into_dates_are_named_before_they_are_added(
    open_window, tmp_path, monkeypatch, shown, answer_boxes
):
    # A spreadsheet opening the CSV turned the project id '1-2' into 2 January and the
    # criterion '2024-11' into November 2024: the question listed them as new items.
    from rrisk.fileformat import save
    from rrisk.model import parse_assessment

    path = tmp_path / "dated.rrisk"
    criteria = [{"id": "2024-11", "name": "Cost"}]
    save(parse_assessment({"criteria": criteria, "projects": [{"id": "1-2", "name": "A"}]}), path)
    window = open_window(path)
    table = tmp_path / "matrix.csv"
    _export(window, monkeypatch, table)

    def as_dates(rows) -> None:  # noqa: ANN001
        for row in rows:
            row["Project ID"], row["Criterion ID"] = "2026-01-02", "2024-11-01"

    _rewrite(table, as_dates)
    asked = answer_boxes("Cancel")
    import_through_menu(window, monkeypatch, table)
    assert not shown and len(asked) == 1
    assert (
        "The table's '2026-01-02' (this assessment's '1-2'), '2024-11-01' (this assessment's "
        "'2024-11') "
        "are this assessment's ids that a spreadsheet turned into dates. Cancel, format the id "
        "columns as text and enter the ids again (or import the .xlsx export), and import again."
    ) in asked[0]
    assert [project.id for project in window.controller.document.projects] == ["1-2"]
    # As a CSV keeps a date shown, '2-Jan' can be no id: refused, naming the id meant (it
    # was said to be no valid id, to be written '2-jan').
    _rewrite(table, lambda rows: rows[0].update({"Project ID": "2-Jan"}))
    import_through_menu(window, monkeypatch, table)
    assert len(shown) == 1 and "did you mean '1-2'? A spreadsheet turns an id such" in shown[0]


def test_pandas_is_not_imported_when_the_window_starts():
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.app import build_main_window\n"
        "window = build_main_window(None)\n"
        "print('pandas' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_cancelled_import_changes_nothing_and_its_late_result_is_dropped(
    open_window, document_path, tmp_path, qtbot, monkeypatch, shown
):
    window = open_window(document_path)
    target = tmp_path / "matrix.csv"
    assert window.exchange.export_to(target)
    _rewrite(target, lambda rows: rows[0].__setitem__("Likelihood", "1"))
    held = []
    monkeypatch.setattr("desktop.files.exchange.start", held.append)  # run it by hand, late
    before = assessment_to_data(window.controller.document)
    assert window.exchange.import_from(target)
    assert not window.exchange.import_from(target)  # one at a time
    with qtbot.waitSignal(window.exchange.importEnded):
        window.exchange.cancel_import()
    (job,) = held
    job.run()  # the worker finishes after the Cancel
    qtbot.wait(50)
    assert assessment_to_data(window.controller.document) == before
    assert window.controller.undo_stack.count() == 0 and not shown


def test_a_slow_import_shows_its_progress_dialog_with_cancel(
    open_window, document_path, tmp_path, qtbot, monkeypatch, shown
):
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    window = open_window(document_path)
    target = tmp_path / "matrix.csv"
    assert window.exchange.export_to(target)
    held = []
    monkeypatch.setattr("desktop.files.exchange.start", held.append)  # still reading
    assert window.exchange.import_from(target)
    dialog = window.findChild(QProgressDialog, "importProgress")
    assert dialog.minimumDuration() == 400
    # Shown once its 0.4 s are up (well before Qt's own 4 s, which it waited for before).
    qtbot.waitUntil(dialog.isVisible, timeout=3_000)
    assert dialog.labelText() == "Reading matrix.csv…"
    (cancel,) = dialog.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(window.exchange.importEnded):
        cancel.click()
    assert window.exchange.job is None and "cancelled" in window.statusBar().currentMessage()


def test_an_import_that_changes_nothing_says_so_and_adds_no_undo_step(
    open_window, document_path, tmp_path, monkeypatch, shown
):
    window = open_window(document_path)
    target = tmp_path / "same.csv"
    _export(window, monkeypatch, target)
    steps = window.controller.undo_stack.count()
    import_through_menu(window, monkeypatch, target)
    assert not shown
    assert window.controller.undo_stack.count() == steps
    assert not window.controller.is_modified
    assert "nothing changed" in window.statusBar().currentMessage()


def _large_window(open_window, tmp_path, monkeypatch):
    """A window on a matrix above the at-once limit (the limit lowered, not the matrix grown:
    the background path is what is under test)."""
    import desktop.files.exchange as exchange

    monkeypatch.setattr(exchange, "EXPORT_AT_ONCE_CELLS", 3)
    from rrisk import fileformat
    from rrisk.templates import new_from_template

    path = tmp_path / "case.rrisk"
    fileformat.save(new_from_template("russia-rare-earths"), path)
    return open_window(path)


def test_a_large_matrix_is_exported_in_the_background_as_the_command_line_writes_it(
    open_window, tmp_path, qtbot, monkeypatch, shown
):
    from rrisk.exchange import matrix_table

    window = _large_window(open_window, tmp_path, monkeypatch)
    target = tmp_path / "big.csv"  # a workbook records the time it was written: CSV compares
    with qtbot.waitSignal(window.exchange.exported, timeout=60_000) as done:
        assert window.exchange.export_to(target)
        assert window.exchange.export_job is not None  # running: not done in place
        assert not window.exchange.export_to(tmp_path / "other.csv")  # one at a time
    assert done.args == [str(target)]
    assert window.exchange.export_job is None and not shown
    assert target.read_bytes() == matrix_table(window.controller.document, target)


def test_a_cancelled_export_writes_nothing_and_its_late_result_is_dropped(
    open_window, tmp_path, qtbot, monkeypatch, shown
):
    window = _large_window(open_window, tmp_path, monkeypatch)
    held = []
    monkeypatch.setattr("desktop.files.exchange.start", held.append)  # run it by hand, late
    exported = []
    window.exchange.exported.connect(exported.append)
    target = tmp_path / "big.csv"
    target.write_bytes(b"the analyst's own table")
    assert window.exchange.export_to(target)
    window.exchange.cancel_export()
    assert "nothing was written" in window.statusBar().currentMessage()
    (job,) = held
    job.run()  # the worker finishes after the Cancel
    qtbot.wait(50)
    assert target.read_bytes() == b"the analyst's own table"
    assert exported == [] and not shown
    assert window.exchange.export_to(target)  # a new export may start


def test_a_background_export_that_fails_says_why_in_one_message(
    open_window, tmp_path, qtbot, monkeypatch, shown
):
    window = _large_window(open_window, tmp_path, monkeypatch)
    target = tmp_path / "missing-folder" / "big.xlsx"
    assert window.exchange.export_to(target)
    qtbot.waitUntil(lambda: window.exchange.export_job is None, timeout=60_000)
    assert len(shown) == 1 and "missing-folder" in shown[0]


def test_under_a_scenario_export_and_import_say_they_are_the_baselines(
    open_window, template_path, tmp_path, qtbot, monkeypatch, shown
):
    # The table holds the baseline; the window shows the scenario. The status line says so,
    # or an import that only touches cells the scenario overrides seems to do nothing.
    window = open_window(template_path)
    scenario = window.controller.document.scenarios[0]
    window.controller.set_scenario(scenario.id)
    target = tmp_path / "matrix.csv"
    assert window.exchange.export_to(target)
    message = window.statusBar().currentMessage()
    assert "the baseline's values, not the scenario's shown" in message
    assert f"scenario “{scenario.name}” sets" in message
    _rewrite(target, lambda rows: rows[0].__setitem__("Rationale", "Edited in the sheet"))
    import_through_menu(window, monkeypatch, target)
    assert "the baseline's values" in window.statusBar().currentMessage()
    window.controller.set_scenario(None)
    assert window.exchange.export_to(target)
    assert "baseline" not in window.statusBar().currentMessage()


def test_an_export_written_before_its_cancel_is_an_export_like_any_other(
    open_window, tmp_path, qtbot, monkeypatch, shown
):
    window = _large_window(open_window, tmp_path, monkeypatch)
    held = []
    monkeypatch.setattr("desktop.files.exchange.start", held.append)
    exported = []
    window.exchange.exported.connect(exported.append)
    target = tmp_path / "big.csv"
    assert window.exchange.export_to(target)
    assert not window.exchange.export_to(tmp_path / "other.csv")
    assert "still being written to big.csv" in window.statusBar().currentMessage()
    (job,) = held
    job.run()  # the worker wrote the file; its "finished" has not been delivered yet
    assert job.written and target.exists()
    window.exchange.cancel_export()
    assert exported == [str(target)]  # the Cancel came too late: it is said as exported
    assert "Matrix exported to" in window.statusBar().currentMessage()


def test_a_cancelled_export_stops_building_the_table(open_window, tmp_path, monkeypatch, shown):
    window = _large_window(open_window, tmp_path, monkeypatch)
    held = []
    monkeypatch.setattr("desktop.files.exchange.start", held.append)
    built = []
    import rrisk.exchange

    real = rrisk.exchange.matrix_rows
    monkeypatch.setattr(rrisk.exchange, "matrix_rows", lambda *args: built.append(1) or real(*args))
    assert window.exchange.export_to(tmp_path / "big.xlsx")
    window.exchange.cancel_export()
    (job,) = held
    job.run()
    assert built == [] and not job.written  # asked before the rows were gathered


def test_a_background_export_shows_the_share_written_and_its_cancel_keeps_the_file(
    open_window, tmp_path, monkeypatch, shown
):
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    import rrisk.exchange

    window = _large_window(open_window, tmp_path, monkeypatch)
    monkeypatch.setattr(rrisk.exchange, "_CHECK_EVERY", 7)
    held = []
    monkeypatch.setattr("desktop.files.exchange.start", held.append)
    target = tmp_path / "big.xlsx"
    assert window.exchange.export_to(target)
    dialog = window.findChild(QProgressDialog, "exportProgress")
    (job,) = held
    seen = []
    job.signals.progress.connect(lambda percent, _stage: seen.append(dialog.value()))
    job.run()
    assert dialog.maximum() == 100 and seen[0] == 0 and seen[-1] == 100
    assert 0 < seen[1] < seen[2] < 100  # 7 and 14 of the 56 cells: 12%, 25%
    assert target.exists() and window.exchange.export_job is None and not shown

    target.write_bytes(b"the analyst's own table")
    held.clear()
    assert window.exchange.export_to(target)
    dialog = window.findChildren(QProgressDialog, "exportProgress")[-1]  # the first is closed
    (job,) = held
    cancel = dialog.findChild(QPushButton)
    # Cancel pressed once the bar has moved: the next question stops the work.
    job.signals.progress.connect(lambda percent, _stage: percent > 0 and cancel.click())
    job.run()
    assert job.cancelled and not job.written
    assert target.read_bytes() == b"the analyst's own table"
    assert "nothing was written" in window.statusBar().currentMessage() and not shown
