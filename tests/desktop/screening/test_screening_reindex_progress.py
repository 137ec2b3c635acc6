"""The one-off indexing of the imported lists again after an update says why and how far it
is: the store reports its share done, the screening job passes it on, and the Screening tab
shows it in its bar and summary (the bar was busy with no share for up to a minute)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from desktop_documents import make_document

from desktop.document.controller import DocumentController
from desktop.screening import panel as panel_module
from desktop.screening.job import ScreenJob
from desktop.screening.panel import ScreeningPanel
from rrisk.model import Assessment
from rrisk.screening import store as store_module
from rrisk.screening.store import INDEX_VERSION, ListStore

NAMES = ["Nickel Mining Ltd", "Ural Steel JSC", "Volga Trading LLC", "Amur Gold", "Ivan Petrov"]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("RRISK_DATA_DIR", str(folder))
    monkeypatch.setattr(store_module, "_REINDEX_STEP", 2)  # a few reports for a few names
    return folder


def older_store(tmp_path: Path) -> str:
    """The user's store holding list "watch", as a release with another index left it."""
    path = tmp_path / "watch.csv"
    rows = "".join(f"w-{at},Company,{name},,US OFAC SDN\n" for at, name in enumerate(NAMES))
    path.write_text("id,schema,name,aliases,sanctions\n" + rows, encoding="utf-8")
    with ListStore() as store:
        store.import_file(path, "watch", "2026-01-31")
        location = store.path
    db = sqlite3.connect(location, isolation_level=None)
    db.execute(f"PRAGMA user_version = {INDEX_VERSION - 1}")
    db.close()
    return location


def one_counterparty() -> Assessment:
    doc = make_document()
    doc.projects = [doc.projects[0].model_copy(update={"counterparties": ["Nickel Mining"]})]
    return doc


def test_the_store_reports_the_share_of_its_names_indexed_again(tmp_path: Path) -> None:
    location = older_store(tmp_path)
    shares: list[float] = []
    with ListStore(location, progress=shares.append) as store:
        assert not store.needs_reindex()
    assert shares == [0.0, 0.4, 0.8]
    shares.clear()
    with ListStore(location, progress=shares.append):
        pass
    assert shares == []  # indexed already: nothing to report


def test_the_screening_job_passes_the_share_on_before_it_screens(tmp_path: Path) -> None:
    older_store(tmp_path)
    job = ScreenJob(one_counterparty(), "watch")
    said: list[tuple[str, int]] = []
    job.signals.indexing.connect(lambda per_mille: said.append(("indexing", per_mille)))
    job.signals.progress.connect(lambda done, _total: said.append(("screened", done)))
    job.run()
    assert said == [("indexing", 0), ("indexing", 400), ("indexing", 800), ("screened", 1)]


def test_the_tab_says_why_it_waits_and_how_far_the_indexing_is(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    older_store(tmp_path)
    panel = ScreeningPanel(DocumentController(one_counterparty()))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel._report is not None, timeout=15000)
    held: list[ScreenJob] = []  # not run: its signals are sent by hand
    monkeypatch.setattr(panel_module, "start", held.append)
    panel.list_box.setCurrentIndex(panel._position_of("watch"))  # screened at once
    (job,) = held
    job.signals.indexing.emit(400)
    assert (panel.busy.minimum(), panel.busy.maximum(), panel.busy.value()) == (0, 1000, 400)
    summary = panel.summary.text()
    assert summary.startswith("Screening against watch… First the imported lists are indexed")
    assert "matches names differently" in summary and "40% done" in summary
    assert panel.busy.toolTip() == "Imported lists indexed again: 40%"
    panel.cancel_screening()
    job.signals.indexing.emit(800)  # a job cancelled since: said no more
    assert "80%" not in panel.summary.text()
