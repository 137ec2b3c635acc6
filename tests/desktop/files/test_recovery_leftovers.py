"""Recovery that survives odd notes, half-written autosaves and the start page's Recover."""

from __future__ import annotations

import json
import os
import time

import pytest
from test_recovery import _crash_with_an_edit

from desktop.files.recovery import NOTE_SUFFIX, OWNER_SUFFIX, find_recoveries
from rrisk.fileformat import load, save


@pytest.mark.parametrize(
    "changes",
    [
        {"saved_at": 1e300},
        {"saved_at": float("nan")},
        {"saved_at": -1e18},
        {"saved_at": "yesterday"},
        {"saved_at": True},
        {"original": "/tmp/a\x00b.rrisk"},
        {"original": "/" + "x" * 5000},
        {"original": 42, "base": ["a", 1]},
    ],
)
def test_an_odd_note_neither_stops_the_start_nor_hides_the_work(
    open_window, template_path, changes
):
    recovery_file = _crash_with_an_edit(open_window, template_path)
    note_path = recovery_file.with_suffix(NOTE_SUFFIX)
    note = json.loads(note_path.read_text(encoding="utf-8"))
    note.update(changes)
    note_path.write_text(json.dumps(note), encoding="utf-8")  # NaN as the literal NaN
    window = open_window()  # the start page lists the recoveries
    assert window.start_screen.recovery_list.count() == 1
    text = window.start_screen.recovery_list.item(0).text()
    assert "autosaved" in text
    window.start_screen.recover_button.click()
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert window.isWindowModified()


@pytest.mark.parametrize(
    "damaged",
    [b'{"original": "/home/an', b"\0" * 512, b"\xff\xfe\x00{", b"[1, 2", b""],
)
def test_a_copy_whose_note_is_damaged_is_still_offered(open_window, template_path, damaged):
    recovery_file = _crash_with_an_edit(open_window, template_path)
    recovery_file.with_suffix(NOTE_SUFFIX).write_bytes(damaged)  # cut short, zeroes, not text
    assert [item.file for item in find_recoveries(recovery_file.parent)] == [recovery_file]
    window = open_window()
    assert "an unsaved assessment" in window.start_screen.recovery_list.item(0).text()
    window.start_screen.recover_button.click()
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1


def test_a_copy_whose_note_was_never_written_is_offered(open_window, template_path):
    recovery_file = _crash_with_an_edit(open_window, template_path)
    recovery_file.with_suffix(NOTE_SUFFIX).unlink()  # killed between the copy and its note
    found = find_recoveries(recovery_file.parent)
    assert [item.file for item in found] == [recovery_file]
    assert found[0].original is None
    assert abs(found[0].saved_at - recovery_file.stat().st_mtime) < 1
    window = open_window()
    assert "an unsaved assessment" in window.start_screen.recovery_list.item(0).text()


def test_the_note_is_written_before_the_copy(open_window, template_path, monkeypatch):
    """A crash between the two writes leaves a note (tidied away), never a copy without one."""
    from rrisk import fileformat

    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Unsaved"})
    written: list[str] = []
    real = fileformat.atomic_write_bytes
    monkeypatch.setattr(
        fileformat,
        "atomic_write_bytes",
        lambda path, data: (written.append(path), real(path, data)),
    )
    assert window.files.autosave()
    assert [os.path.basename(path) for path in written] == [
        window.files.autosaver.file.with_suffix(NOTE_SUFFIX).name,
        window.files.autosaver.file.name,
    ]


def test_leftovers_of_an_interrupted_autosave_are_removed_and_live_ones_kept(
    open_window, template_path
):
    from rrisk.tempfiles import temp_prefix

    recovery_file = _crash_with_an_edit(open_window, template_path)
    folder = recovery_file.parent
    dead = 2**22 + 12_345  # beyond any process id this machine gives
    assert not os.path.exists(f"/proc/{dead}")
    orphan_copy = folder / "autosave-0123456789ab.rrisk"
    stale_temp = folder / f"{temp_prefix(orphan_copy, pid=dead)}x1y2z3.tmp"
    stale_temp.write_bytes(b"PK" + b"\0" * 1000)
    live_temp = folder / f"{temp_prefix(orphan_copy)}a1b2c3.tmp"  # this process: writing
    live_temp.write_bytes(b"PK")
    lone_note = folder / "autosave-0123456789ab.json"
    lone_note.write_text("{}", encoding="utf-8")
    lone_owner = folder / "autosave-0123456789ab.owner"
    lone_owner.write_bytes(b"")
    assert [item.file for item in find_recoveries(folder)] == [recovery_file]
    assert not stale_temp.exists() and not lone_note.exists() and not lone_owner.exists()
    assert live_temp.exists()
    assert recovery_file.with_suffix(NOTE_SUFFIX).exists()  # the crashed copy's own note
    live_temp.unlink()


def test_recover_from_the_start_page_asks_when_the_file_was_saved_since(
    open_window, template_path, answer_boxes
):
    """Restoring from the start page, like opening the file, asks before work that began on an
    older version is put over the newer one; and Save asks again before replacing it."""
    _crash_with_an_edit(open_window, template_path)
    colleague = load(template_path)
    colleague.title = "Saved by a colleague"
    save(colleague, template_path)
    later = time.time() + 5
    os.utime(template_path, (later, later))
    window = open_window()
    seen = answer_boxes("Cancel")
    window.start_screen.recover_button.click()
    assert len(seen) == 1 and "has changed since these changes began" in seen[0]
    assert window.start_screen.recovery_list.count() == 1  # nothing decided
    seen = answer_boxes("Restore changes")
    window.start_screen.recover_button.click()
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert window.start_screen.recovery_list.count() == 0
    seen = answer_boxes("Cancel")
    assert not window.files.save()
    assert len(seen) == 1 and "changed on disk" in seen[0]
    assert load(template_path).title == "Saved by a colleague"
    # A second crash keeps the same base: still "changed since".
    assert window.files.autosave()
    note = json.loads(window.files.autosaver.file.with_suffix(NOTE_SUFFIX).read_text("utf-8"))
    assert note["base"] != [template_path.stat().st_mtime_ns, template_path.stat().st_size]


def test_a_failing_autosave_is_said_and_cleared(open_window, template_path, tmp_path):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Unsaved"})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the recovery folder should be", encoding="utf-8")
    folder = window.files.autosaver.folder
    window.files.autosaver.folder = blocker / "recovery"
    banner = window.autosave_banner
    assert not window.files.autosave()
    assert banner.isVisibleTo(window)
    assert "Autosave failed" in banner.text() and "not-a-folder" in banner.text()
    window.files.autosaver.folder = folder
    assert window.files.autosave()
    assert not banner.isVisibleTo(window)
    window.files.autosaver.folder = blocker / "recovery"
    assert not window.files.autosave()
    assert banner.isVisibleTo(window)
    window.controller.undo_stack.undo()  # nothing left unsaved: nothing to recover
    assert not banner.isVisibleTo(window)


def test_the_owner_file_is_left_to_a_live_writer(tmp_path):
    """A note without its copy whose owner file a live process holds is a first autosave
    being written: left alone."""
    from desktop.files.recovery import _lock

    folder = tmp_path / "recovery"
    folder.mkdir()
    note = folder / "autosave-00000000000a.json"
    note.write_text("{}", encoding="utf-8")
    owner = folder / f"autosave-00000000000a{OWNER_SUFFIX}"
    handle = os.open(owner, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert _lock(handle)
        assert find_recoveries(folder) == []
        assert note.exists() and owner.exists()
    finally:
        os.close(handle)
    find_recoveries(folder)
    assert not note.exists() and not owner.exists()


def test_a_copy_is_read_once_however_often_the_copies_are_listed(tmp_path, monkeypatch):
    """The start page lists the copies, and so does every open: a large copy took a second
    or so to read each time, in the GUI thread. A copy written again is read again."""
    from rrisk import fileformat
    from rrisk.plainmodel import new_assessment

    folder = tmp_path / "recovery"
    folder.mkdir()
    copy = folder / "autosave-00000000000b.rrisk"
    document = new_assessment()
    document.title = "First"
    save(document, copy)
    reads: list[str] = []
    read = fileformat.read_file
    monkeypatch.setattr(
        fileformat, "read_file", lambda path, *stop: reads.append(path) or read(path, *stop)
    )
    for _ in range(3):
        assert [item.title for item in find_recoveries(folder)] == ["First"]
    assert len(reads) == 1
    document.title = "Second"
    save(document, copy)
    os.utime(copy, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert [item.title for item in find_recoveries(folder)] == ["Second"]
    assert len(reads) == 2


def test_recovered_changes_stay_on_disk_when_the_windows_own_copy_cannot_be_written(
    open_window, template_path, monkeypatch
):
    import errno

    from desktop.files import recovery

    recovery_file = _crash_with_an_edit(open_window, template_path)
    window = open_window()
    write = recovery.fileformat.save

    def full_disk(document, path, *args, **kwargs):
        if path == window.files.autosaver.file:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(document, path, *args, **kwargs)

    monkeypatch.setattr(recovery.fileformat, "save", full_disk)
    window.start_screen.recover_button.click()
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert "No space left on device" in window.autosave_banner.text()
    # The copy recovered is this window's own now (not offered by another window): a crash
    # still finds the recovered changes (the copy was removed before this window's own was
    # written, and the disk held no copy of them).
    assert not recovery_file.exists()
    assert window.files.offered_recoveries() == []
    kept = window.files.autosaver.file
    assert load(kept).cell("tomtor", "sanctions").likelihood == 1
    window.files.autosaver.discard()  # closed, the changes discarded: the copy goes
    assert not kept.exists() and not kept.with_suffix(NOTE_SUFFIX).exists()
