"""Files colleagues share: Save As onto the open file's own name asks as Save does when a
colleague saved it meanwhile; a long name still gets its lock; a lock stays while any window
has the file open, and is taken over when a colleague's goes."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from rrisk.fileformat import load, save
from rrisk.locks import lock_path


def _colleague_saves(path: Path, title: str) -> None:
    other = load(path)
    other.title = title
    save(other, path)
    later = time.time() + 5
    os.utime(path, (later, later))


def test_save_as_onto_the_files_own_name_asks_before_replacing_a_colleagues_save(
    open_window, template_path, monkeypatch
):
    window = open_window(template_path)
    assert window.controller.edit_assessment({"title": "Mine"})
    _colleague_saves(template_path, "Saved by a colleague")
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    suggested: list[str] = []

    def dialog(_parent, _caption, suggestion, _filter):
        suggested.append(suggestion)
        return str(template_path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    assert not window.files.save_as()
    assert len(asked) == 1 and "changed on disk" in asked[0]
    assert load(template_path).title == "Saved by a colleague"
    # The dialog offered a name of the copy's own, not the colleague's file.
    assert Path(suggested[0]).name == "rare-earths (2).rrisk"
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    assert window.files.save_as()  # replacing, when the user says so
    assert load(template_path).title == "Mine"


@pytest.mark.parametrize("letters", [242, 249])
def test_a_name_too_long_for_the_usual_lock_name_still_gets_a_lock(
    open_window, template_path, tmp_path, letters
):
    target = tmp_path / ("a" * letters + ".rrisk")  # 248 and 255 bytes
    shutil.copy(template_path, target)
    window = open_window(target)
    assert not window.lock_banner.isVisible()
    assert window.files.lock.held
    lock = lock_path(target)
    assert lock.exists() and len(os.fsencode(lock.name)) <= 255
    short = tmp_path / "short.rrisk"
    assert lock_path(short).name == ".~lock.short.rrisk#"  # as office programs name theirs


def test_a_window_closing_a_file_another_window_has_open_leaves_the_lock(
    open_window, template_path, answer_boxes
):
    """A crashed copy recovered from another window's start page opens there, while the first
    window still has the file: closing either leaves the lock until the other closes too."""
    holding = open_window(template_path)
    other = open_window()
    folder = other.files.autosaver.folder
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "autosave-0123456789ab.rrisk"
    crashed = load(template_path)
    crashed.title = "Crashed edits"
    save(crashed, copy)
    gone = subprocess.Popen(["true"])
    gone.wait()
    status = template_path.stat()
    note = {
        "original": str(template_path),
        "saved_at": time.time(),
        "base": [status.st_mtime_ns, status.st_size],
        "pid": gone.pid,
        "host": socket.gethostname(),
    }
    copy.with_suffix(".json").write_text(json.dumps(note))
    (recovery,) = [r for r in other.files.recoveries() if r.original == template_path]
    answer_boxes("Restore changes")
    assert other.files.recover_offered(recovery)
    lock = lock_path(template_path)
    other.controller.undo_stack.setClean()
    assert other.files.close_document()
    assert lock.exists() and holding.files.is_open  # the first window still has it
    assert holding.files.close_document()
    assert not lock.exists()


def test_when_the_colleague_holding_the_file_closes_it_this_window_takes_the_lock_over(
    open_window, template_path, qtbot
):
    """A colleague's lock (another machine's process) keeps this window from locking; once it
    goes, the window takes the lock when it comes to the front and its warning goes, so the
    next colleague to open the file is warned in turn."""
    lock = lock_path(template_path)
    theirs = {"user": "colleague", "host": "elsewhere.example", "pid": 4242, "time": time.time()}
    lock.write_text(json.dumps(theirs))
    window = open_window(template_path)
    assert window.lock_banner.isVisibleTo(window) and "colleague" in window.lock_banner.text()
    assert window.files.lock.held is None
    lock.unlink()  # the colleague closes the file
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert window.files.lock.held is not None and lock.exists()
    assert not window.lock_banner.isVisibleTo(window)
    assert json.loads(lock.read_text())["pid"] == os.getpid()


def test_the_name_offered_beside_a_long_one_fits_a_file_name(tmp_path) -> None:
    from desktop.files.document_files import _free_sibling

    long = tmp_path / ("Оценка " + "Ж" * 118 + ".rrisk")  # 250 bytes
    long.write_bytes(b"")
    offered = _free_sibling(long)
    assert len(os.fsencode(offered.name)) <= 255 and offered.name.endswith(" (2).rrisk")
    assert not offered.exists()


def test_a_window_shut_down_takes_no_lock_when_it_is_activated_again(open_window, template_path):
    window = open_window(template_path)
    lock = lock_path(template_path)
    assert lock.exists()
    window.files.shutdown()  # as closing the window does, before it goes
    assert not lock.exists()
    window.files.recheck_lock()  # an activation while it closes
    assert not lock.exists()
