"""File → Export IC Memo with Changes Since…: the earlier version is read off the window's
thread, its progress dialog saying so with Cancel, before the memo's own job."""

from __future__ import annotations

import json
import threading
import zipfile

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desktop.files import jobs
from rrisk import fileformat
from rrisk.stopping import ReadStopped


@pytest.fixture
def june(tmp_path):
    from rrisk.templates import new_from_template

    path = tmp_path / "june.rrisk"
    fileformat.save(new_from_template("russia-rare-earths-2025-06"), path)
    return path


def _choose(monkeypatch, earlier, target) -> list:  # noqa: ANN001 - paths
    """The earlier version and the memo's file chosen, every question answered Close and
    every error recorded; returns [save dialogs asked, questions, errors]."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(earlier), ""))
    said: list = [[], [], []]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: said[0].append(a) or (str(target), "")
    )
    close = QMessageBox.StandardButton.Close
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: said[1].append(a[2]) or close)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: said[2].append(a[2]))
    return said


class _HeldRead:
    """``read_file`` held until released: the thread it ran in, and how it ended."""

    def __init__(self, monkeypatch) -> None:  # noqa: ANN001 - pytest's
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.ended: list = []
        real = fileformat.read_file

        def read(path, should_stop=None):  # noqa: ANN001, ANN202 - the reader's own
            self.threads.append(threading.current_thread())
            self.release.wait(60)
            try:
                found = real(path, should_stop)
            except ReadStopped:
                self.ended.append(ReadStopped)
                raise
            self.ended.append("read")
            return found

        monkeypatch.setattr(fileformat, "read_file", read)


def _wait_for_jobs(qtbot) -> None:  # noqa: ANN001 - pytest-qt's
    qtbot.waitUntil(lambda: not jobs.in_flight(), timeout=60_000)


def test_the_earlier_version_is_read_off_the_windows_thread_and_the_memo_is_as_before(
    open_window, template_path, june, tmp_path, qtbot, monkeypatch, memo_checks
):
    from reports.memo import build_memo
    from rrisk.compare import Earlier, attachment_changes

    earlier = fileformat.read_file(june)
    window = open_window(template_path)
    scenario = window.controller.document.scenarios[0].id
    window.controller.set_scenario(scenario)
    target = tmp_path / "since.pdf"
    _choose(monkeypatch, june, target)
    held = _HeldRead(monkeypatch)
    assert window.memo.export_since_file()
    dialog = window.memo.progress
    # The window's thread is free while the file is held: its progress dialog comes up.
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    assert dialog.labelText() == "Reading june.rrisk…"
    assert dialog.windowTitle() == "Exporting IC memo"
    assert window.memo.running
    with qtbot.waitSignal(window.memo.finished, timeout=120_000):
        held.release.set()
    assert held.threads and held.threads[0] is not threading.main_thread()
    assert held.ended == ["read"]
    # The memo is the one made of the same earlier version as the command line makes it.
    files = tuple(attachment_changes(earlier.attachments, window.controller.attachments))
    since = Earlier(earlier.document, files)
    assert target.read_bytes() == build_memo(window.controller.document, scenario, since=since)


def test_cancel_while_the_earlier_version_is_read_stops_the_read_and_writes_nothing(
    open_window, template_path, june, tmp_path, qtbot, monkeypatch
):
    window = open_window(template_path)
    target = tmp_path / "since.pdf"
    saving, asked, errors = _choose(monkeypatch, june, target)
    held = _HeldRead(monkeypatch)
    stopped: list = []
    window.memo.stopped.connect(lambda: stopped.append(True))
    assert window.memo.export_since_file()
    dialog = window.memo.progress
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    dialog.findChild(QPushButton).click()
    assert stopped == [True]  # the export ended without a file, as the signal says
    # The window is free at once: the dialog gone, another export can start.
    assert not dialog.isVisible()
    assert not window.memo.running
    held.release.set()
    _wait_for_jobs(qtbot)
    assert held.ended == [ReadStopped]  # stopped at the reader's first stop point
    assert saving == [] and asked == [] and errors == []
    assert not target.exists()


def test_a_window_closed_while_the_earlier_version_is_read_ends_the_read(
    open_window, template_path, june, tmp_path, qtbot, monkeypatch
):
    """Closing the window (as quitting does) while the earlier version is read: the read
    stops, and nothing is asked, said or written over the closed window."""
    window = open_window(template_path)
    target = tmp_path / "since.pdf"
    saving, asked, errors = _choose(monkeypatch, june, target)
    held = _HeldRead(monkeypatch)
    assert window.memo.export_since_file()
    assert window.close()
    assert not window.memo.running
    held.release.set()
    _wait_for_jobs(qtbot)
    assert held.ended == [ReadStopped]
    assert saving == [] and asked == [] and errors == []
    assert not target.exists()


def _rrisk_zip(path, body: str) -> None:  # noqa: ANN001 - a path
    with zipfile.ZipFile(path, "w") as container:
        container.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.rrisk+zip")
        container.writestr("document.json", body)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("broken.rrisk", "is not a .rrisk file (not a zip container"),
        ("minutes.pdf", "is a PDF document, not a .rrisk file"),
        ("garbled.rrisk", "document.json is not valid JSON"),
        ("future.rrisk", "was written in format version 99"),
        ("gone.rrisk", "does not exist"),
    ],
)
def test_a_refused_earlier_version_is_named_with_why_and_nothing_is_written(
    open_window, template_path, june, tmp_path, qtbot, monkeypatch, name, why
):
    chosen = tmp_path / name
    if name == "broken.rrisk":
        chosen.write_bytes(b"not a zip")
    elif name == "minutes.pdf":
        chosen.write_bytes(b"%PDF-1.4\n%%EOF\n")
    elif name == "garbled.rrisk":
        _rrisk_zip(chosen, "{not json")
    elif name == "future.rrisk":
        body = json.loads(zipfile.ZipFile(june).read("document.json"))
        _rrisk_zip(chosen, json.dumps({**body, "format_version": 99}))
    window = open_window(template_path)
    target = tmp_path / "since.pdf"
    saving, asked, errors = _choose(monkeypatch, chosen, target)
    stopped: list = []
    window.memo.stopped.connect(lambda: stopped.append(True))
    assert window.memo.export_since_file()
    qtbot.waitUntil(lambda: not window.memo.running, timeout=60_000)
    assert stopped == [True]
    assert len(errors) == 1 and f"{chosen}: " in errors[0]
    assert why in errors[0]
    assert saving == [] and asked == []
    assert not target.exists()


def test_an_earlier_version_of_another_assessment_is_asked_about_before_the_memo(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    """A file sharing no project or criterion with the open one went into the memo's Changes
    since without a word, every project and criterion listed as removed and added."""
    from rrisk.model import Assessment, Criterion, Project

    other = tmp_path / "other.rrisk"
    fileformat.save(
        Assessment(
            title="Other",
            projects=[Project(id="x", name="X")],
            criteria=[Criterion(id="y", name="Y")],
        ),
        other,
    )
    window = open_window(template_path)
    said = _choose(monkeypatch, other, tmp_path / "since.pdf")
    assert window.memo.export_since_file()
    qtbot.waitUntil(lambda: bool(said[1]) or bool(said[0]), timeout=60_000)
    _wait_for_jobs(qtbot)
    assert said[1] == [
        "<qt>other.rrisk shares no project or criterion with this assessment: it looks like a "
        "different assessment, and every project and criterion is listed as removed and added "
        "in the memo's Changes since. Export anyway?</qt>"
    ]
    assert said[0] == []  # answered Close: no memo asked for


def test_the_check_before_the_memo_names_what_the_earlier_version_alone_holds(
    open_window, template_path, tmp_path, qtbot, monkeypatch, memo_checks
):
    """A project removed since, named with an emoji, was left out of the check's list."""
    from rrisk.model import Project
    from rrisk.templates import new_from_template

    earlier = new_from_template("russia-rare-earths-2025-06")  # (dated before the open one)
    earlier.projects.append(Project(id="gone", name="Mine 🚀 East"))
    path = tmp_path / "june.rrisk"
    fileformat.save(earlier, path)
    window = open_window(template_path)
    said = _choose(monkeypatch, path, tmp_path / "since.pdf")
    assert window.memo.export_since_file()
    qtbot.waitUntil(lambda: bool(memo_checks), timeout=60_000)
    _wait_for_jobs(qtbot)
    assert any(
        "earlier version, project 'gone' “Mine 🚀 East” (removed since): printed" in line
        for line in memo_checks[0]
    ), memo_checks[0]
    assert said[0]  # then the memo's file is asked for


def test_the_memos_file_not_chosen_after_the_earlier_version_is_read_ends_the_export(
    open_window, template_path, june, tmp_path, qtbot, monkeypatch
):
    """The earlier version read, its memo's file dialog closed without a file: the export
    ended without one, and stopped says so, as for a Cancel."""
    window = open_window(template_path)
    saving, _asked, errors = _choose(monkeypatch, june, tmp_path / "since.pdf")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: saving.append(a) or ("", "")
    )
    monkeypatch.setattr("desktop.files.memo_export.confirm_export", lambda *a, **k: True)
    stopped: list = []
    window.memo.stopped.connect(lambda: stopped.append(True))
    assert window.memo.export_since_file()
    qtbot.waitUntil(lambda: len(saving) == 1, timeout=60_000)
    assert stopped == [True] and errors == []
    assert not window.memo.running
