"""A file in a folder this user cannot write in can only be read: Save says why, as before,
and offers Save As, as for a read-only file."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rrisk.fileformat import load


@pytest.fixture
def read_only_folder(monkeypatch, template_path):
    """The template file's folder refuses new files (as a 0555 folder does to anyone but the
    superuser, whom these tests may run as): no temporary file can be made there, and the
    system says the folder is not writable."""
    folder = template_path.parent
    make, access = tempfile.mkstemp, os.access

    def refuse(*args, **kwargs):
        if Path(kwargs.get("dir") or "") == folder:
            raise PermissionError(errno.EACCES, "Permission denied")
        return make(*args, **kwargs)

    def folder_not_writable(path, mode, **kwargs):
        if Path(path) == folder and mode & os.W_OK:
            return False
        return access(path, mode, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(os, "access", folder_not_writable)
    # A box with only OK would be the dead end this guards against: it fails, never waits.
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda *a, **k: pytest.fail("only OK offered"))
    )
    return folder


def test_save_in_a_folder_that_cannot_be_written_offers_save_as(
    open_window, template_path, read_only_folder, answer_boxes, monkeypatch, tmp_path
):
    window = open_window(template_path)
    assert window.controller.edit_assessment({"title": "Mine"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    copy = elsewhere / "copy.rrisk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), ""))
    )
    seen = answer_boxes("Save As…")
    assert window.files.save()
    (text,) = seen
    assert f"cannot write in {read_only_folder} (Permission denied)" in text
    assert "Save a copy under another name instead?" in text
    assert load(copy).title == "Mine" and load(template_path).title != "Mine"
    assert window.controller.path == copy and not window.isWindowModified()


def test_save_in_a_folder_that_cannot_be_written_changes_nothing_when_cancelled(
    open_window, template_path, read_only_folder, answer_boxes
):
    window = open_window(template_path)
    assert window.controller.edit_assessment({"title": "Mine"})
    seen = answer_boxes("Cancel")
    assert not window.files.save()
    assert len(seen) == 1 and "cannot write in" in seen[0]
    assert window.controller.path == template_path and window.isWindowModified()
    assert load(template_path).title != "Mine"


def test_a_save_that_fails_in_a_writable_folder_says_why_as_before(
    open_window, template_path, monkeypatch
):
    window = open_window(template_path)
    assert window.controller.edit_assessment({"title": "Mine"})
    make = tempfile.mkstemp

    def disk_full(*args, **kwargs):
        if Path(kwargs.get("dir") or "") == template_path.parent:
            raise OSError(errno.ENOSPC, "No space left on device")
        return make(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", disk_full)
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, text, *a, **k: told.append(text))
    )
    assert not window.files.save()
    assert len(told) == 1 and "No space left on device" in told[0]
    assert window.isWindowModified()


def test_save_after_the_files_folder_was_removed_says_it_is_gone_and_offers_save_as(
    open_window, tmp_path, small_document, answer_boxes, monkeypatch
):
    import shutil

    from rrisk.fileformat import save

    folder = tmp_path / "Deals 2025"
    folder.mkdir()
    path = folder / "case.rrisk"
    save(small_document, path)
    window = open_window(path)
    assert window.controller.edit_assessment({"title": "Mine"})
    shutil.rmtree(folder)  # moved or deleted elsewhere, or its drive disconnected
    copy = tmp_path / "copy.rrisk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), ""))
    )
    seen = answer_boxes("Save As…")
    assert window.files.save()
    (text,) = seen
    assert "The folder is no longer there" in text and "cannot be written" not in text
    assert load(copy).title == "Mine" and window.controller.path == copy


def test_save_as_after_the_files_folder_was_removed_starts_where_documents_were_kept(
    open_window, tmp_path, small_document, answer_boxes, monkeypatch
):
    """The file's folder gone, the Save As its Save offers starts in the folder documents were
    last opened from or saved to, under the file's name: it suggested the gone folder, and
    the dialog opened wherever the app was started from."""
    import shutil

    from rrisk.fileformat import save

    kept = tmp_path / "Kept here"
    kept.mkdir()
    folder = tmp_path / "Share مشترك"
    folder.mkdir()
    path = folder / "Évaluation 稀土.rrisk"
    save(small_document, path)
    window = open_window(path)
    window.settings.set_last_folder(kept / "other.rrisk")
    assert window.controller.edit_assessment({"title": "Mine"})
    shutil.rmtree(folder)
    suggested: list[str] = []

    def cancelled(_parent, _caption, suggestion, *args, **kwargs):  # noqa: ANN001, ANN202
        suggested.append(suggestion)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancelled))
    answer_boxes("Save As…")
    assert not window.files.save()
    assert suggested == [str(kept / path.name)]


def test_save_when_a_file_stands_where_the_folder_was_says_so_and_offers_save_as(
    open_window, tmp_path, small_document, answer_boxes, monkeypatch
):
    """It said only 'cannot write in …/s14 (Not a directory)', with OK."""
    import shutil

    from rrisk.fileformat import save

    folder = tmp_path / "s14"
    folder.mkdir()
    path = folder / "case.rrisk"
    save(small_document, path)
    window = open_window(path)
    assert window.controller.edit_assessment({"title": "Mine"})
    shutil.rmtree(folder)
    folder.write_text("a file saved under the folder's name", encoding="utf-8")
    copy = tmp_path / "copy.rrisk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), ""))
    )
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda *a, **k: pytest.fail("only OK offered"))
    )
    seen = answer_boxes("Save As…")
    assert window.files.save()
    (text,) = seen
    assert "The folder is no longer there: a file named s14 now stands in its place" in text
    assert load(copy).title == "Mine" and window.controller.path == copy
    assert folder.read_text(encoding="utf-8") == "a file saved under the folder's name"
