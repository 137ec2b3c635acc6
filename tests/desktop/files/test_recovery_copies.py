"""Two autosaved copies of one file (two windows or two copies of RRisk had it open when they
crashed): the start page tells them apart and lists only those still there, opening the file
says there is another, and Recover of one that went says so plainly."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from rrisk.fileformat import load, save


@pytest.fixture
def gone_pid() -> int:
    """The id of a process that has ended (the crashed writer)."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    return gone.pid


def _plant(folder: Path, original: Path, name: str, likelihood: int, saved_at: float, pid: int):
    """An autosave left by a crashed window: Tomtor's sanctions likelihood set to
    ``likelihood``."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"autosave-{name}.rrisk"
    document = load(original)
    document.cell("tomtor", "sanctions").likelihood = likelihood
    save(document, copy)
    status = original.stat()
    note = {
        "original": str(original),
        "saved_at": saved_at,
        "base": [status.st_mtime_ns, status.st_size],
        "pid": pid,
        "host": socket.gethostname(),
    }
    copy.with_suffix(".json").write_text(json.dumps(note), encoding="utf-8")
    return copy


@pytest.fixture
def two_copies(template_path, gone_pid, tmp_path):
    """Two copies of the template's file, autosaved within one minute (newer first)."""
    from desktop.settings import data_folder

    folder = data_folder() / "recovery"
    minute = (time.time() // 60) * 60 - 120
    newer = _plant(folder, template_path, "00000000000a", 5, minute + 40, gone_pid)
    older = _plant(folder, template_path, "00000000000b", 1, minute + 10, gone_pid)
    return newer, older


def _listed(window) -> list[str]:
    listing = window.start_screen.recovery_list
    return [listing.item(row).text() for row in range(listing.count())]


def test_the_start_page_tells_two_copies_of_one_file_apart(open_window, two_copies):
    window = open_window()
    first, second = _listed(window)
    assert first != second
    assert first.endswith(", copy 1 of 2") and second.endswith(", copy 2 of 2")
    note = json.loads(two_copies[0].with_suffix(".json").read_text(encoding="utf-8"))
    assert time.strftime("%H:%M:%S", time.localtime(note["saved_at"])) in first


def test_opening_the_file_says_another_copy_is_kept_and_the_start_page_then_lists_it(
    open_window, template_path, two_copies, answer_boxes
):
    newer, older = two_copies
    window = open_window()
    seen = answer_boxes("Discard changes")
    assert window.files.open_path(template_path)
    assert len(seen) == 1
    assert "There are 2 autosaved copies of rare-earths.rrisk" in seen[0]
    assert "the start page offers it once you close the file" in seen[0]
    assert not newer.exists() and older.exists()  # the newest was asked about
    assert window.files.close_document()
    (only,) = _listed(window)  # the discarded copy is no longer offered
    assert "copy" not in only.split("autosaved")[1]
    answer_boxes("Restore changes")
    window.start_screen.recover_button.click()
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert not older.exists()


def test_recover_of_a_copy_that_went_meanwhile_says_so_and_drops_it(
    open_window, template_path, two_copies, monkeypatch
):
    newer, older = two_copies
    window = open_window()
    assert len(_listed(window)) == 2
    newer.unlink()  # another window recovered it meanwhile
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "information",
        staticmethod(lambda _parent, title, text, *a, **k: told.append((title, text))),
    )
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        staticmethod(lambda _parent, title, text, *a, **k: told.append((title, text))),
    )
    window.start_screen.recovery_list.setCurrentRow(0)
    window.start_screen.recover_button.click()
    ((title, text),) = told
    assert title == "The autosaved copy is no longer there"
    assert "already recovered or discarded" in text and "rare-earths.rrisk" in text
    assert str(newer.parent) not in text and "autosave-" not in text
    assert window.controller.path is None  # nothing opened
    (left,) = _listed(window)
    assert "copy" not in left.split("autosaved")[1] and older.exists()


def test_a_copy_a_newer_rrisk_wrote_is_listed_and_kept_not_passed_over(
    open_window, template_path, gone_pid, monkeypatch, answer_boxes
):
    import zipfile

    from desktop.settings import data_folder
    from rrisk.fileformat import FORMAT_VERSION

    copy = _plant(data_folder() / "recovery", template_path, "00000000000c", 2, 0.0, gone_pid)
    with zipfile.ZipFile(copy) as archive:
        envelope = json.loads(archive.read("document.json"))
    envelope.update(format_version=FORMAT_VERSION + 1, app_version="9.0")
    with zipfile.ZipFile(copy, "w") as archive:
        archive.writestr("mimetype", "application/vnd.rrisk+zip")
        archive.writestr("document.json", json.dumps(envelope), zipfile.ZIP_DEFLATED)
    window = open_window()
    (listed,) = _listed(window)
    assert listed.startswith("rare-earths.rrisk, autosaved")
    assert "written by a newer version of RRisk" in listed and "kept" in listed
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "information",
        staticmethod(lambda _parent, _title, text, *a, **k: told.append(text)),
    )
    window.start_screen.recover_button.click()
    (text,) = told
    assert str(copy) in text and "RRisk 9.0" in text and "copy is kept" in text
    assert window.controller.path is None and copy.exists()
    # Opening its file opens the file as saved (this RRisk cannot restore the copy), and the
    # copy stays for the newer version.
    seen = answer_boxes("Discard changes")
    assert window.files.open_path(template_path)
    assert seen == [] and copy.exists() and not window.isWindowModified()
    assert "written by a newer version of RRisk is kept" in window.statusBar().currentMessage()
