"""A window closed while it writes what the user asked for (the matrix being exported, a
sanctions list being imported, the IC memo) asks, one question for them all: wait and then
close, stop and close, or keep the window open. The matrix export and the list import were
dropped without a word. A job only reading closes without a question."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from desktop.files import exchange, memo_export
from desktop.screening import importing
from desktop.ui import closing

WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Imported lists go to a folder of the test's own, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def asked(monkeypatch):
    """The question, patched: its answer is set by the test (``asked.answer``); each call's
    jobs are kept in ``asked.calls``."""

    class Asked:
        answer = closing.KEEP_OPEN
        calls: list[list[closing.Unfinished]] = []

    record = Asked()
    record.calls = []

    def ask(_window, unfinished):  # noqa: ANN001, ANN202
        record.calls.append(list(unfinished))
        return record.answer

    monkeypatch.setattr(closing, "ask_close_while_running", ask)
    return record


def _closes(window) -> list[bool]:  # noqa: ANN001
    closes: list[bool] = []
    window.closed.connect(lambda: closes.append(True))
    return closes


def _exporting_matrix(open_window, template_path, tmp_path, monkeypatch):
    """A window whose matrix export runs in the background, its job held until the test
    runs it: (window, job, target)."""
    monkeypatch.setattr(exchange, "EXPORT_AT_ONCE_CELLS", 3)
    held: list = []
    monkeypatch.setattr(exchange, "start", held.append)
    window = open_window(template_path)
    target = tmp_path / "matrix.csv"
    assert window.exchange.export_to(target)
    (job,) = held
    return window, job, target


def _list_file(path: Path, count: int = 50) -> Path:
    header = ["id", "schema", "name", "aliases", "birth_date", "countries", "addresses",
              "identifiers", "sanctions", "phones", "emails", "dataset", "first_seen",
              "last_seen", "last_change"]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, dialect=csv.unix_dialect)
        writer.writeheader()
        for n in range(count):
            writer.writerow({key: "" for key in header} | {"id": f"e{n}", "schema": "Person",
                                                           "name": f"Person {n} Example"})  # fmt: skip
    return path


def _importing_list(open_window, template_path, tmp_path, monkeypatch):
    """A window whose Screening tab imports a list, its job held: (window, job)."""
    held: list = []
    monkeypatch.setattr(importing, "run_in_background", held.append)
    window = open_window(template_path)
    panel = window.screening_panel
    assert panel.import_list(str(_list_file(tmp_path / "watch.csv")), "watch", "2026-11-30")
    (job,) = held
    return window, job


def test_a_matrix_export_asks_and_cancel_keeps_the_window_and_the_export(
    open_window, template_path, tmp_path, monkeypatch, asked, qtbot
):
    window, job, target = _exporting_matrix(open_window, template_path, tmp_path, monkeypatch)
    closes = _closes(window)
    assert not window.close()
    ((question,),) = asked.calls
    assert str(target) in question.doing and question.what == "the matrix"
    assert closes == [] and not job.cancelled
    with qtbot.waitSignal(window.exchange.exported, timeout=WAIT_MS):
        job.run()
    assert target.exists() and closes == []


def test_a_matrix_export_closes_the_window_once_written_when_asked(
    open_window, template_path, tmp_path, monkeypatch, asked, qtbot
):
    window, job, target = _exporting_matrix(open_window, template_path, tmp_path, monkeypatch)
    closes = _closes(window)
    asked.answer = closing.WAIT_THEN_CLOSE
    assert not window.close()
    progress = window.findChild(_progress_type(), "exportProgress")
    assert "The window closes once the matrix is written." in progress.labelText()
    assert not window.close() and len(asked.calls) == 1  # asked once only
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        job.run()
    assert target.exists() and closes == [True]


def test_stop_and_close_stops_the_matrix_export_and_writes_nothing(
    open_window, template_path, tmp_path, monkeypatch, asked
):
    window, job, target = _exporting_matrix(open_window, template_path, tmp_path, monkeypatch)
    asked.answer = closing.STOP_AND_CLOSE
    assert window.close()
    assert job.cancelled
    job.run()
    assert not target.exists()


def test_a_matrix_export_cancelled_in_its_progress_closes_the_waiting_window(
    open_window, template_path, tmp_path, monkeypatch, asked, qtbot
):
    window, job, target = _exporting_matrix(open_window, template_path, tmp_path, monkeypatch)
    closes = _closes(window)
    asked.answer = closing.WAIT_THEN_CLOSE
    assert not window.close()
    window.findChild(_progress_type(), "exportProgress").findChild(QPushButton).click()
    assert closes == [True]
    job.run()
    assert not target.exists()


def test_a_list_import_asks_and_closes_once_imported_when_asked(
    open_window, template_path, tmp_path, monkeypatch, asked, qtbot
):
    from rrisk.screening.store import ListStore

    window, job = _importing_list(open_window, template_path, tmp_path, monkeypatch)
    closes = _closes(window)
    asked.answer = closing.KEEP_OPEN
    assert not window.close()
    ((question,),) = asked.calls
    assert "watch" in question.doing and str(tmp_path / "watch.csv") in question.doing
    assert not job.cancelled and closes == []
    asked.answer = closing.WAIT_THEN_CLOSE
    assert not window.close()
    progress = window.screening_panel.importer.progress
    assert "The window closes once the list is imported." in progress.labelText()
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        job.run()
    with ListStore() as store:
        assert store.info("watch").entries == 50


def test_stop_and_close_stops_the_list_import_and_stores_nothing(
    open_window, template_path, tmp_path, monkeypatch, asked
):
    from rrisk.screening.store import ListStore

    window, job = _importing_list(open_window, template_path, tmp_path, monkeypatch)
    asked.answer = closing.STOP_AND_CLOSE
    assert window.close()
    assert job.cancelled
    job.run()
    with ListStore() as store:
        assert store.info("watch") is None


def test_a_list_import_that_fails_while_the_close_waits_is_said_before_it_closes(
    open_window, template_path, tmp_path, monkeypatch, asked, qtbot
):
    window, job = _importing_list(open_window, template_path, tmp_path, monkeypatch)
    closes = _closes(window)
    errors: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda *a, **k: errors.append(a[2]) or closes.append(False)
    )
    asked.answer = closing.WAIT_THEN_CLOSE
    assert not window.close()
    Path(job.path).write_text("not,a,list\n1,2,3\n", encoding="utf-8")  # spoilt meanwhile
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        job.run()
    assert len(errors) == 1 and "watch.csv" in errors[0]
    assert closes == [False, True]  # said, then closed


def test_two_jobs_are_named_in_one_question(
    open_window, template_path, tmp_path, monkeypatch, asked
):
    window, export_job, target = _exporting_matrix(
        open_window, template_path, tmp_path, monkeypatch
    )
    held: list = []
    monkeypatch.setattr(importing, "run_in_background", held.append)
    panel = window.screening_panel
    assert panel.import_list(str(_list_file(tmp_path / "watch.csv")), "watch", "2026-11-30")
    asked.answer = closing.STOP_AND_CLOSE
    assert window.close()
    ((matrix, listing),) = asked.calls
    assert str(target) in matrix.doing and "watch" in listing.doing
    assert export_job.cancelled and held[0].cancelled


def test_a_job_only_reading_is_stopped_without_a_question(
    open_window, template_path, tmp_path, monkeypatch, asked
):
    """A matrix table being read for an import: its result would go into the document that
    closes; nothing of the user's is written."""
    held: list = []
    monkeypatch.setattr(exchange, "start", held.append)
    window = open_window(template_path)
    table = tmp_path / "matrix.csv"
    assert window.exchange.export_to(table)  # small: written at once
    assert window.exchange.import_from(table)
    assert window.close()
    assert asked.calls == [] and held[-1].cancelled


def test_quit_goes_on_with_the_other_windows_while_one_waits_for_its_matrix(
    open_window, template_path, document_path, tmp_path, monkeypatch, asked, qtbot
):
    first, job, target = _exporting_matrix(open_window, template_path, tmp_path, monkeypatch)
    second = open_window(document_path)
    asked.answer = closing.WAIT_THEN_CLOSE
    first_closes, second_closes = _closes(first), _closes(second)
    first.menu_actions.quit.trigger()
    # The first waits for its matrix; the quit went on to the second, which closed.
    assert first_closes == [] and second_closes == [True]
    with qtbot.waitSignal(first.closed, timeout=WAIT_MS):
        job.run()
    assert target.exists()


def test_quit_goes_on_while_a_window_waits_for_its_memo(
    open_window, template_path, document_path, tmp_path, monkeypatch, asked, qtbot
):
    held: list = []
    monkeypatch.setattr(memo_export, "start", held.append)
    first = open_window(template_path)
    second = open_window(document_path)
    target = tmp_path / "memo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    second.menu_actions.export_memo.trigger()  # in the window opened last
    (job,) = held
    asked.answer = closing.WAIT_THEN_CLOSE
    first_closes, second_closes = _closes(first), _closes(second)
    first.menu_actions.quit.trigger()
    assert first_closes == [True] and second_closes == []
    with qtbot.waitSignal(second.closed, timeout=WAIT_MS):
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().start(job)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_real_question_names_each_job_and_defaults_to_waiting(qtbot, monkeypatch, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}

    def exec_(box):  # noqa: ANN001, ANN202
        seen["text"] = box.text()
        seen["buttons"] = [button.text() for button in box.buttons()]
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    memo = memo_export.unfinished_memo(str(tmp_path / "memo.pdf"))
    listing = closing.Unfinished(
        "A list", "The list watch is still being imported from\nwatch.csv", "the list",
        "the import", "the stored lists stay as they were", "imported",
    )  # fmt: skip
    assert closing.ask_close_while_running(parent, [memo, listing]) == closing.WAIT_THEN_CLOSE
    assert str(tmp_path / "memo.pdf") in seen["text"] and "watch.csv" in seen["text"]
    assert "no memo is written; the stored lists stay as they were" in seen["text"]
    assert {"Close When Done", "Stop and Close"} <= set(seen["buttons"])


def _progress_type():  # noqa: ANN202
    from PySide6.QtWidgets import QProgressDialog

    return QProgressDialog
