"""The ``rrisk-desktop`` command line: ``--template ID``, ``--help``, FILE and bad options."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop import app as desktop_app
from desktop.app import build_main_window, main

TEMPLATE_ID = "russia-rare-earths"


@pytest.fixture
def build(qtbot):
    def make(path=None, template=None):
        window = build_main_window(path, template=template)
        qtbot.addWidget(window, before_close_func=lambda w: w.controller.undo_stack.setClean())
        return window

    return make


def test_template_opens_an_untitled_unsaved_document(build):
    window = build(template=TEMPLATE_ID)
    assert window.stack.currentWidget() is window.workspace
    assert window.controller.path is None
    assert window.controller.document.projects and window.controller.document.criteria
    assert window.windowTitle().startswith("Untitled")
    assert window.file_label.text() == "Not saved yet"
    assert QApplication.activeModalWidget() is None


def test_unknown_template_shows_the_start_page_with_the_known_ids(build):
    window = build(template="no-such-case")
    assert window.stack.currentWidget() is window.start_screen
    banner = window.start_screen.error
    assert not banner.isHidden()
    assert "no-such-case" in banner.text()
    assert TEMPLATE_ID in banner.text() and "blank" in banner.text()
    assert QApplication.activeModalWidget() is None


def test_a_file_argument_still_opens_the_file(build, template_path):
    window = build(str(template_path))
    assert window.controller.path == template_path
    assert window.stack.currentWidget() is window.workspace


def test_help_names_the_template_option(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "--template ID" in out and "FILE" in out and TEMPLATE_ID in out


def test_unknown_option_exits_2_with_usage(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--no-such-option"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: rrisk-desktop") and "--no-such-option" in err


class FakeWindow(QObject):
    """What main() asks of the window it builds."""

    closed = Signal()
    openElsewhere = Signal(str)

    def raise_(self) -> None:
        pass


def test_main_passes_file_and_template_to_the_window(monkeypatch, qapp):
    seen = {}

    class Raised(FakeWindow):
        def raise_(self):
            seen["raised"] = True

    def fake_build(path=None, settings=None, *, template=None):
        seen["path"], seen["template"] = path, template
        return Raised()

    # main() installs the crash hook; restore the test run's own afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(desktop_app, "build_main_window", fake_build)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    monkeypatch.setattr(desktop_app, "QApplication", lambda args: QApplication.instance())
    assert main(["--template", TEMPLATE_ID, "-style", "fusion"]) == 0
    assert seen == {"path": None, "template": TEMPLATE_ID, "raised": True}


@pytest.mark.parametrize("target", ["template", "file"])
def test_the_bundles_smoke_hook_opens_what_the_command_line_names(tmp_path, target):
    """The build's entry script parses the command line as ``rrisk-desktop`` does; run here
    unfrozen, so a change of the arguments cannot break the built app's smoke test unseen."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    repository = Path(__file__).resolve().parents[3]
    report = tmp_path / "report.json"
    if target == "template":
        args = ["--template", "russia-rare-earths"]
    else:
        path = tmp_path / "case one.rrisk"
        save(new_from_template("russia-rare-earths"), path)
        args = [path.as_uri()]  # a file:// address, as some launchers pass one
    env = {
        **os.environ,
        "RRISK_SMOKE_TEST": str(report),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "RRISK_DATA_DIR": str(tmp_path / "rrisk"),
        "PYTHONPATH": str(repository),
    }
    done = subprocess.run(
        [sys.executable, str(repository / "packaging" / "rrisk_desktop_main.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(report.read_text(encoding="utf-8"))
    assert shown["projects"] == 7 and shown["visible"]


def test_quitting_waits_for_the_jobs_still_stopping(qapp, monkeypatch):
    """A job a closed window cancelled may still be stopping when the last window closes:
    main() waits for it while its signals exist (PySide deletes them with the application,
    and the job's next report failed in its thread with a traceback)."""
    import threading
    import time

    from desktop.files.jobs import BackgroundJob, start

    stopped = threading.Event()

    class Stopping(BackgroundJob):
        def work(self) -> None:
            time.sleep(0.3)  # a page being set before the job looks at its cancel flag
            stopped.set()

    def quit_while_a_job_stops(_app) -> int:
        job = Stopping()
        start(job)
        job.cancel()
        return 0

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(desktop_app, "build_main_window", lambda *a, **k: FakeWindow())
    monkeypatch.setattr(QApplication, "exec", quit_while_a_job_stops)
    monkeypatch.setattr(desktop_app, "QApplication", lambda args: QApplication.instance())
    assert main(["--template", TEMPLATE_ID]) == 0
    assert stopped.is_set()
