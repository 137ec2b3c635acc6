"""Saving never replaces another's work unasked: a name typed without the extension, a file
changed on disk or read-only, a colleague's file, a file open in another window; and a start
with a file after a crash offers the autosave."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time

from PySide6.QtWidgets import QFileDialog, QMessageBox

from rrisk.fileformat import load
from rrisk.locks import lock_path


def _question(monkeypatch, answer, seen: list) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: seen.append(a[2]) or answer)


def test_a_name_typed_without_the_extension_asks_before_replacing_that_file(
    open_window, template_path, tmp_path, monkeypatch
):
    theirs = tmp_path / "board-pack.rrisk"
    shutil.copy(template_path, theirs)
    before = theirs.read_bytes()
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "My draft"})
    typed = str(tmp_path / "board-pack")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (typed, ""))
    asked: list = []
    _question(monkeypatch, QMessageBox.StandardButton.No, asked)
    assert not window.files.save_as()
    assert len(asked) == 1 and "board-pack.rrisk already exists" in asked[0]
    assert theirs.read_bytes() == before and window.controller.path == template_path
    _question(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    assert window.files.save_as()
    assert load(theirs).title == "My draft" and window.controller.path == theirs


def test_a_name_too_long_to_exist_typed_in_save_as_is_refused_in_words(
    open_window, template_path, tmp_path, monkeypatch
):
    """Past the file system's 255 bytes (200 Cyrillic letters are 400), with the extension
    typed or not: Save As says the file could not be saved, and the document stays as it was."""
    from desktop.settings import Settings

    window = open_window(template_path)
    window.controller.edit_assessment({"title": "My draft"})
    shown: list = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    for typed in ("Ж" * 200, "Ж" * 200 + ".rrisk"):
        name = str(tmp_path / typed)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, n=name, **k: (n, ""))
        assert not window.files.save_as()
        assert "could not be saved" in shown.pop()
    assert window.controller.path == template_path and not window.controller.undo_stack.isClean()
    Settings().set_last_folder(tmp_path / ("Ж" * 200 + ".pdf"), "export")  # a memo's name
    assert Settings().last_folder("export") == str(tmp_path)


def test_save_as_over_a_colleagues_open_file_asks_first(
    open_window, template_path, tmp_path, monkeypatch
):
    theirs = tmp_path / "shared.rrisk"
    shutil.copy(template_path, theirs)
    lock_path(theirs).write_text(
        json.dumps({"user": "mkovacs", "host": "ic-laptop-7", "pid": 4242, "time": 0}),
        encoding="utf-8",
    )
    window = open_window(template_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(theirs), ""))
    asked: list = []
    _question(monkeypatch, QMessageBox.StandardButton.No, asked)
    before = theirs.read_bytes()
    assert not window.files.save_as()
    assert asked and "mkovacs" in asked[0] and theirs.read_bytes() == before


def test_a_file_changed_on_disk_is_replaced_only_when_the_user_says_so(
    open_window, template_path, answer_boxes
):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Mine"})
    other = load(template_path)
    other.title = "Saved by a colleague"
    from rrisk.fileformat import save

    save(other, template_path)
    later = time.time() + 5
    os.utime(template_path, (later, later))
    seen = answer_boxes("Cancel")
    assert not window.files.save()
    assert len(seen) == 1 and "changed on disk" in seen[0]
    assert load(template_path).title == "Saved by a colleague"
    assert window.isWindowModified()
    seen = answer_boxes("Replace with mine")
    assert window.files.save()
    assert load(template_path).title == "Mine" and not window.isWindowModified()
    seen.clear()
    window.controller.edit_assessment({"title": "Mine again"})
    assert window.files.save() and seen == []  # saved here last: nothing to ask


def test_a_read_only_file_is_not_replaced(open_window, template_path, monkeypatch):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Mine"})
    mode = template_path.stat().st_mode
    template_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        asked: list = []
        _question(monkeypatch, QMessageBox.StandardButton.Cancel, asked)
        assert not window.files.save()
        assert asked and "read-only" in asked[0]
        assert load(template_path).title != "Mine"
    finally:
        template_path.chmod(mode)


def test_a_file_open_in_another_window_comes_to_the_front_instead_of_opening_twice(
    open_window, template_path
):
    first = open_window(template_path)
    second = open_window()
    assert not second.files.open_path(template_path)
    assert second.controller.path is None and first.controller.path == template_path


def test_opening_a_file_another_window_has_does_not_ask_about_this_ones_changes(
    open_window, template_path, document_path, monkeypatch
):
    """This window's document stays as it is: asking to save it "before opening another
    file", with "your changes are lost if you don't save them", was untrue."""
    first = open_window(template_path)
    second = open_window(document_path)
    assert second.controller.edit_item("project", "p1", {"name": "Renamed"})
    asked: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]))
    assert not second.files.open_path(template_path)
    assert asked == []
    assert second.controller.path == document_path and second.controller.is_modified
    assert first.controller.path == template_path


def test_opening_the_open_file_again_says_it_opens_it_as_last_saved(
    open_window, document_path, monkeypatch
):
    """Chosen again in Open Recent or dropped, the file opens as last saved: the question
    said it was "another file"."""
    window = open_window(document_path)
    assert window.controller.edit_item("project", "p1", {"name": "Renamed"})
    asked: list = []
    discard = QMessageBox.StandardButton.Discard
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or discard)
    assert window.files.open_path(document_path)
    assert len(asked) == 1
    assert "case.rrisk before opening it again as last saved?" in asked[0]
    assert not window.controller.is_modified
    assert window.controller.document.project("p1").name != "Renamed"


def test_starting_with_a_file_after_a_crash_offers_the_autosave(
    open_window, template_path, answer_boxes
):
    crashed = open_window(template_path)
    crashed.matrix_view.select_cell("tomtor", "sanctions")
    crashed.inspector.likelihood.setValue(1)
    assert crashed.files.autosave()
    crashed.hide()  # it stands for the crashed process
    seen = answer_boxes("Restore changes")
    window = open_window(template_path)  # as `rrisk-desktop FILE` starts
    assert len(seen) == 1 and "never saved" in seen[0]
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert window.isWindowModified()


def test_an_autosave_older_than_its_file_is_offered_marked_on_the_start_page(
    open_window, template_path
):
    # Saved again after the autosave: the unsaved work is still offered (never dropped
    # without a word), marked so that the newer file is not replaced unawares.
    crashed = open_window(template_path)
    crashed.controller.edit_assessment({"title": "Before the crash"})
    assert crashed.files.autosave()
    crashed.hide()
    later = time.time() + 60
    os.utime(template_path, (later, later))
    window = open_window()
    assert window.start_screen.recovery_list.count() == 1
    assert "the file has changed since" in window.start_screen.recovery_list.item(0).text()
    assert window.start_screen.recovery_card.isVisibleTo(window)


def test_a_colleagues_file_this_user_may_only_read_is_not_replaced(
    open_window, template_path, monkeypatch
):
    """Owner-writable, but not by this user: Save offers a copy instead of taking it over."""
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Mine"})
    real = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode, **k: False if str(p) == str(template_path) else real(p, mode, **k),
    )
    asked: list = []
    _question(monkeypatch, QMessageBox.StandardButton.Cancel, asked)
    assert not window.files.save()
    assert asked and "read-only" in asked[0]
    assert load(template_path).title != "Mine"


def test_save_as_onto_a_file_open_in_another_window_refuses_without_asking_to_replace_it(
    open_window, template_path, document_path, monkeypatch
):
    """Typed without its extension, the name was first asked about ("Replace it?"), and
    only a Yes was refused."""
    first = open_window(template_path)
    second = open_window(document_path)
    typed = str(template_path.with_suffix(""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (typed, ""))
    asked: list = []
    _question(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    refused: list = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: refused.append(a[2]))
    before = template_path.read_bytes()
    assert not second.files.save_as()
    assert asked == []
    assert len(refused) == 1 and "is open in another RRisk window" in refused[0]
    assert template_path.read_bytes() == before
    assert second.controller.path == document_path and first.controller.path == template_path
