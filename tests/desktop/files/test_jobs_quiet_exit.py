"""A process that ends with its window open and jobs running (a script that never closes the
window) ends quietly: its jobs printed "RuntimeError: Signal source has been deleted" from
their worker threads once Qt had deleted the objects their signals are sent from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv)
from desktop.app import build_main_window
from desktop.files.jobs import MemoJob, start

window = build_main_window(template="russia-rare-earths")
document = window.controller.document
for number in range(2):
    start(MemoJob(document, sys.argv[1] + f"/memo{number}.pdf", None))
app.processEvents()
print("leaving", flush=True)
"""


def test_a_process_leaving_jobs_running_exits_without_a_word(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env |= {"RRISK_DATA_DIR": str(tmp_path / "data"), "RRISK_NEW_INSTANCE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.stdout == "leaving\n"
    assert result.returncode == 0, result.stderr
    assert "Signal source has been deleted" not in result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_the_exit_waits_for_a_job_of_the_shared_pool(qapp, monkeypatch) -> None:  # noqa: ANN001
    """A job started without a pool of its own (the memo's, the start page's) runs in Qt's
    shared pool, whose Python wrapper is let go of at once: held weakly, it was gone by the
    exit, which then waited for no job of that pool."""
    import threading
    import time

    from desktop.files import jobs

    monkeypatch.setattr(jobs, "_EXITING", threading.Event())
    ended = threading.Event()
    began = threading.Event()

    class Slow(jobs.BackgroundJob):
        def work(self) -> None:
            began.set()
            while not self.cancelled:
                time.sleep(0.01)
            time.sleep(0.3)  # winding down after the cancel
            ended.set()

    job = Slow()
    jobs.start(job)
    assert began.wait(10)
    jobs._at_exit()
    assert ended.is_set()
