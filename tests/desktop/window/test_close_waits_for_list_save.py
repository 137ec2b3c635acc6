"""A window closed while its sanctions list is saved into the store (the import's last stage,
which no Cancel stops) waits for the save, its progress showing, whatever the answer: Stop
and Close closed the window at once and cancelled the job, which undid the list in its last
stage after the question had said it would be stored, or left it saving unseen."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.files import exchange
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
def answers(monkeypatch):  # noqa: ANN001, ANN201
    """The question patched to answer Stop and Close; what it was asked about, per call."""
    calls: list[list[closing.Unfinished]] = []

    def ask(_window, unfinished):  # noqa: ANN001, ANN202
        calls.append(list(unfinished))
        return closing.STOP_AND_CLOSE

    monkeypatch.setattr(closing, "ask_close_while_running", ask)
    return calls


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


def _saving_list(window, tmp_path, monkeypatch):  # noqa: ANN001, ANN202
    """``window``'s Screening tab imports a list, its job held, the import read to its end
    (its progress at 1000: the list is being saved): the job."""
    held: list = []
    monkeypatch.setattr(importing, "run_in_background", held.append)
    importer = window.screening_panel.importer
    assert window.screening_panel.import_list(
        str(_list_file(tmp_path / "watch.csv")), "watch", "2026-11-30"
    )
    importer._progress(1000)  # as the job reports once the file is read
    (job,) = held
    return job


def _stored(name: str) -> int | None:
    from rrisk.screening.store import ListStore

    with ListStore() as store:
        info = store.info(name)
    return None if info is None else info.entries


def test_stop_and_close_while_the_list_is_saved_waits_for_it_then_closes(
    open_window, template_path, tmp_path, monkeypatch, answers, qtbot
):
    window = open_window(template_path)
    job = _saving_list(window, tmp_path, monkeypatch)
    closes: list[bool] = []
    window.closed.connect(lambda: closes.append(True))
    assert not window.close()
    ((question,),) = answers
    assert not question.stoppable and "cannot be stopped" in question.doing
    assert not job.cancelled and closes == []
    progress = window.screening_panel.importer.progress
    assert "The window closes once the list is imported." in progress.labelText()
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        job.run()
    assert closes == [True]
    assert _stored("watch") == 50


def test_stop_and_close_stops_the_other_jobs_and_waits_for_the_list(
    open_window, template_path, tmp_path, monkeypatch, answers, qtbot
):
    monkeypatch.setattr(exchange, "EXPORT_AT_ONCE_CELLS", 3)
    exports: list = []
    monkeypatch.setattr(exchange, "start", exports.append)
    window = open_window(template_path)
    target = tmp_path / "matrix.csv"
    assert window.exchange.export_to(target)
    job = _saving_list(window, tmp_path, monkeypatch)
    assert not window.close()
    ((matrix, listing),) = answers
    assert matrix.stoppable and not listing.stoppable
    (export,) = exports
    assert export.cancelled and window.exchange.export_job is None  # stopped as asked
    assert not job.cancelled
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        job.run()
    export.run()
    assert not target.exists() and _stored("watch") == 50


def test_the_question_about_a_list_being_saved_offers_no_stop(qtbot, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}

    def exec_(box):  # noqa: ANN001, ANN202
        seen["text"] = box.text()
        seen["buttons"] = [button.text() for button in box.buttons()]
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    saving = closing.Unfinished(
        "A sanctions list is being imported",
        "The list watch is being saved into the store; this step cannot be stopped.",
        "the list", "the import", "the list being saved cannot be stopped", "imported",
        stoppable=False,
    )  # fmt: skip
    assert closing.ask_close_while_running(parent, [saving]) == closing.WAIT_THEN_CLOSE
    assert "Stop and Close" not in seen["buttons"] and "Close When Imported" in seen["buttons"]
    assert "Close the window once the list is imported?</qt>" in seen["text"]
