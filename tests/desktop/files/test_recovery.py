"""Autosave and recovery after a crash; the lock file that warns about a colleague's copy."""

from __future__ import annotations

import json
import os

import pytest

from desktop.files.recovery import OWNER_SUFFIX
from rrisk.fileformat import load
from rrisk.locks import FileLock, lock_path


def test_autosave_is_offered_after_a_crash_and_recovers_as_unsaved(
    open_window, template_path, qtbot
):
    crashed = open_window(template_path)
    assert not crashed.files.autosave()  # nothing to save yet
    crashed.matrix_view.select_cell("tomtor", "sanctions")
    crashed.inspector.likelihood.setValue(1)
    assert crashed.files.autosave()
    recovery_file = crashed.files.autosaver.file
    assert load(recovery_file).cell("tomtor", "sanctions").likelihood == 1
    # The crashed window never closes; a new start finds its recovery copy.
    crashed.hide()  # it stands for the crashed process
    window = open_window()
    card = window.start_screen.recovery_card
    assert card.isVisibleTo(window)
    assert window.start_screen.recovery_list.count() == 1
    assert template_path.name in window.start_screen.recovery_list.item(0).text()
    window.start_screen.recover_button.click()
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert window.controller.path == template_path
    assert window.isWindowModified()
    assert not recovery_file.exists()
    assert not card.isVisibleTo(window)


def test_saving_removes_the_recovery_copy_and_discard_works(open_window, template_path):
    window = open_window(template_path)
    window.controller.edit_assessment({"title": "Draft for IC"})
    assert window.files.autosave()
    recovery_file = window.files.autosaver.file
    assert recovery_file.exists()
    window.menu_actions.save.trigger()
    assert not recovery_file.exists()

    window.controller.edit_assessment({"title": "Second draft"})
    window.files.autosave()
    window.hide()  # it crashes
    other = open_window()
    assert other.start_screen.recovery_list.count() == 1
    other.start_screen.discard_recovery_button.click()
    assert not window.files.autosaver.file.exists()
    assert not other.start_screen.recovery_card.isVisibleTo(other)


def test_the_unsaved_changes_of_a_window_still_open_are_not_offered_as_lost(
    open_window, template_path, tmp_path
):
    """Another window's start page does not offer the autosave of a window still open: its
    changes are not lost. It offered them as "RRisk closed before these changes were saved":
    Recover put them in a second window on the same file, Discard deleted the open window's
    recovery copy. Once that window is gone without closing (a crash), they are offered."""
    window = open_window(template_path)
    assert window.controller.edit_assessment({"title": "Live edits"})
    assert window.files.autosave()
    other = open_window()
    assert other.files.offered_recoveries() == []
    assert not other.start_screen.recovery_card.isVisibleTo(other)
    window.hide()  # it stands for a window gone without closing
    (offered,) = open_window().files.offered_recoveries()
    assert offered.file == window.files.autosaver.file and offered.title == "Live edits"


def test_a_colleagues_lock_shows_a_warning_and_is_left_alone(open_window, template_path):
    lock = lock_path(template_path)
    theirs = json.dumps({"user": "mkovacs", "host": "ic-laptop-7", "pid": 4242, "time": 0})
    lock.write_text(theirs, encoding="utf-8")
    window = open_window(template_path)
    banner = window.lock_banner
    assert banner.isVisibleTo(window)
    assert "mkovacs on ic-laptop-7" in banner.text()
    # Their lock is neither rewritten while we have the file open nor deleted when we close.
    assert lock.read_text(encoding="utf-8") == theirs
    assert window.files.close_document()
    assert lock.read_text(encoding="utf-8") == theirs
    assert not banner.isVisibleTo(window)


def test_own_lock_gives_no_warning(open_window, template_path):
    window = open_window(template_path)
    assert lock_path(template_path).exists()
    assert not window.lock_banner.isVisibleTo(window)
    window.close()
    assert not lock_path(template_path).exists()


def test_a_stale_lock_from_this_machine_is_taken_over_quietly(open_window, template_path):
    import socket

    lock = lock_path(template_path)
    # A pid that cannot exist: the process that wrote the lock has gone (e.g. it crashed).
    stale = {"user": "me", "host": socket.gethostname(), "pid": 2**22 + 12345, "time": 0}
    lock.write_text(json.dumps(stale), encoding="utf-8")
    window = open_window(template_path)
    assert not window.lock_banner.isVisibleTo(window)
    assert json.loads(lock.read_text(encoding="utf-8"))["pid"] != stale["pid"]


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"user": "ana", "host": "ic-laptop-7", "pid": 7, "time": "abc"}),
        json.dumps({"user": "ana", "host": "ic-laptop-7", "pid": 7, "time": 1e300}),
        json.dumps({"user": "ana", "host": "ic-laptop-7", "pid": 7, "time": [1]}),
        json.dumps({"user": ["ana"], "host": 5, "pid": "x", "time": None}),
    ],
)
def test_a_lock_with_a_bad_time_still_opens_the_file_with_a_warning(
    open_window, template_path, content
):
    lock = lock_path(template_path)
    lock.write_text(content, encoding="utf-8")
    window = open_window(template_path)
    assert window.controller.path == template_path
    assert window.lock_banner.isVisibleTo(window)
    assert f"has {template_path.name} open." in window.lock_banner.text()
    assert lock.read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    "content",
    [b"[1, 2, 3]", b'"text"', b"{not json", b"\xff\xfe\x00garbage", b"[" * 5000, b" " * 10_000],
)
def test_an_unreadable_lock_gives_the_generic_warning_and_is_kept(
    open_window, template_path, content
):
    lock = lock_path(template_path)
    lock.write_bytes(content)
    window = open_window(template_path)
    assert window.controller.path == template_path
    assert "someone may have" in window.lock_banner.text()
    window.close()
    assert lock.read_bytes() == content


def test_a_pipe_at_the_locks_path_gives_the_generic_warning_rather_than_a_hang(
    open_window, template_path
):
    lock = lock_path(template_path)
    os.mkfifo(lock)  # reading it would wait for a writer that never comes
    window = open_window(template_path)
    assert window.controller.path == template_path
    assert "someone may have" in window.lock_banner.text()
    window.close()
    assert lock.exists()


def test_a_file_opened_through_a_link_has_the_files_own_lock(tmp_path):
    target = tmp_path / "case.rrisk"
    target.write_bytes(b"")
    alias = tmp_path / "alias.rrisk"
    alias.symlink_to(target)
    theirs = json.dumps({"user": "ana", "host": "elsewhere", "pid": 1, "time": 0})
    lock_path(target).write_text(theirs, encoding="utf-8")
    lock = FileLock()
    warning = lock.acquire(alias)
    assert warning is not None and "ana on elsewhere" in warning
    assert not lock_path(alias).exists()  # one file, one lock
    lock.release()
    assert lock_path(target).read_text(encoding="utf-8") == theirs
    lock_path(target).write_bytes(b"\xff\xfe not a lock")  # unreadable: the generic warning
    warning = FileLock().acquire(alias)
    assert warning is not None and lock_path(target).name in warning


def test_release_leaves_a_lock_that_someone_replaced(tmp_path):
    target = tmp_path / "case.rrisk"
    target.write_bytes(b"")
    lock = FileLock()
    assert lock.acquire(target) is None
    assert lock.held == lock_path(target)
    theirs = json.dumps({"user": "ana", "host": "elsewhere", "pid": 1, "time": 0})
    lock_path(target).write_text(theirs, encoding="utf-8")
    lock.release()
    assert lock_path(target).read_text(encoding="utf-8") == theirs


def _crash_with_an_edit(open_window, template_path):
    crashed = open_window(template_path)
    crashed.matrix_view.select_cell("tomtor", "sanctions")
    crashed.inspector.likelihood.setValue(1)
    assert crashed.files.autosave()
    crashed.hide()  # it stands for the crashed process: no window of this one holds the file
    autosaver = crashed.files.autosaver
    os.close(autosaver._owner)  # as the system does when a process dies: its lock goes
    autosaver._owner = None
    return autosaver.file


HOLD_OWNER = """
import os, sys, time
from desktop.files.recovery import _lock
handle = os.open(sys.argv[1], os.O_RDWR)
print("held" if _lock(handle) else "refused", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize(
    "label", ["Restore changes", "Restore and compare", "Discard changes", "Cancel"]
)
def test_opening_a_file_with_a_newer_autosave_offers_to_restore_it(
    open_window, template_path, answer_boxes, label
):
    recovery_file = _crash_with_an_edit(open_window, template_path)
    window = open_window()  # a new start, past the start page's own offer
    seen = answer_boxes(label)
    opened = window.files.open_path(template_path)
    assert len(seen) == 1 and template_path.name in seen[0] and "never saved" in seen[0]
    if label.startswith("Restore"):
        assert opened and window.controller.path == template_path
        assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
        assert window.isWindowModified()
        assert not recovery_file.exists()
    elif label == "Discard changes":
        assert opened and not window.isWindowModified()
        assert window.controller.document.cell("tomtor", "sanctions").likelihood != 1
        assert not recovery_file.exists()
    else:
        assert not opened and window.controller.path is None
        assert recovery_file.exists()  # nothing lost: still offered next time


def test_started_on_a_file_whose_offer_is_cancelled_the_start_page_offers_it_again(
    open_window, template_path, answer_boxes
):
    """``rrisk-desktop FILE`` after a crash, the offer cancelled: nothing is open, and the
    start page (made only now) lists the autosave and the file."""
    recovery_file = _crash_with_an_edit(open_window, template_path)
    seen = answer_boxes("Cancel")
    window = open_window(template_path)
    assert len(seen) == 1 and template_path.name in seen[0]
    assert window.controller.path is None
    assert window.stack.currentWidget() is window.start_screen
    assert window.start_screen.recovery_list.count() == 1
    assert template_path.name in window.start_screen.recovery_list.item(0).text()
    assert not window.menu_actions.save.isEnabled()
    assert recovery_file.exists()


def test_an_autosave_is_offered_when_the_files_clock_runs_ahead(
    open_window, template_path, answer_boxes
):
    """A shared drive whose clock runs ahead dates the file after the autosave although
    nobody touched it: the changes are still offered, as changes to that very file."""
    import time

    later = time.time() + 600
    os.utime(template_path, (later, later))
    recovery_file = _crash_with_an_edit(open_window, template_path)
    window = open_window()
    assert window.start_screen.recovery_list.count() == 1
    assert "changed since" not in window.start_screen.recovery_list.item(0).text()
    seen = answer_boxes("Restore changes")
    assert window.files.open_path(template_path)
    assert len(seen) == 1 and "changed since" not in seen[0]
    assert window.controller.document.cell("tomtor", "sanctions").likelihood == 1
    assert not recovery_file.exists()


def test_an_autosave_whose_file_changed_since_is_offered_with_a_warning(
    open_window, template_path, answer_boxes
):
    """Saved again after the crash (elsewhere): the unsaved work is still offered, never
    dropped without a word, and the prompt says that restoring would replace the newer file."""
    recovery_file = _crash_with_an_edit(open_window, template_path)
    with template_path.open("ab") as stream:  # another save: other bytes, another time
        stream.write(b"")
    stamp = template_path.stat()
    os.utime(template_path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    window = open_window()
    assert window.start_screen.recovery_list.count() == 1
    assert "the file has changed since" in window.start_screen.recovery_list.item(0).text()
    seen = answer_boxes("Cancel")
    assert not window.files.open_path(template_path)
    assert len(seen) == 1 and "has changed since these changes began" in seen[0]
    assert recovery_file.exists()  # still there: nothing decided


def test_an_autosave_of_another_running_instance_is_not_offered(open_window, template_path):
    import socket
    import subprocess
    import sys

    from desktop.files.recovery import NOTE_SUFFIX, find_recoveries

    recovery_file = _crash_with_an_edit(open_window, template_path)
    folder = recovery_file.parent
    note_path = recovery_file.with_suffix(NOTE_SUFFIX)
    note = json.loads(note_path.read_text(encoding="utf-8"))
    assert note["host"] == socket.gethostname() and isinstance(note["pid"], int)
    owner = recovery_file.with_suffix(OWNER_SUFFIX)
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_OWNER, str(owner)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        note["pid"] = other.pid  # another RRisk still running on this machine
        note_path.write_text(json.dumps(note), encoding="utf-8")
        assert find_recoveries(folder) == []
    finally:
        other.kill()
        other.wait()
    # Once that process is gone, its autosave is work that was lost: offered again.
    assert [r.file for r in find_recoveries(folder)] == [recovery_file]


def test_an_autosave_whose_process_id_another_program_took_is_offered(open_window, template_path):
    # After a crash and a reboot, the writer's process id may belong to anything: the lock
    # on the owner file, which the system let go of with the writer, tells.
    import subprocess
    import sys

    from desktop.files.recovery import NOTE_SUFFIX, find_recoveries

    recovery_file = _crash_with_an_edit(open_window, template_path)
    note_path = recovery_file.with_suffix(NOTE_SUFFIX)
    note = json.loads(note_path.read_text(encoding="utf-8"))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        note["pid"] = other.pid
        note_path.write_text(json.dumps(note), encoding="utf-8")
        assert [r.file for r in find_recoveries(recovery_file.parent)] == [recovery_file]
    finally:
        other.kill()
        other.wait()


def test_a_window_holds_its_autosaves_owner_file_until_it_lets_it_go(open_window, template_path):
    from desktop.files.recovery import _held_by_a_live_process

    window = open_window(template_path)
    window.matrix_view.select_cell("tomtor", "sanctions")
    window.inspector.likelihood.setValue(1)
    assert window.files.autosave()
    owner = window.files.autosaver.file.with_suffix(OWNER_SUFFIX)
    assert _held_by_a_live_process(owner) is True
    window.files.autosaver.discard()
    assert not owner.exists() and not window.files.autosaver.file.exists()
    assert _held_by_a_live_process(owner) is None


def test_restore_and_compare_lists_the_recovered_edits(
    open_window, template_path, qtbot, answer_boxes
):
    _crash_with_an_edit(open_window, template_path)
    window = open_window()
    answer_boxes("Restore and compare")
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        assert window.files.open_path(template_path)
    report = shown.args[0].report_text()
    assert "(unsaved changes included)" in report
    assert "Sanctions exposure: likelihood" in report and "→ 1" in report
    shown.args[0].close()


def test_the_restore_prompt_uses_each_alt_letter_once_beside_a_themes_cancel(
    open_window, template_path, monkeypatch
):
    """GNOME's and KDE's themes label Cancel '&Cancel': 'Restore and &compare' beside it made
    Alt+C move between the two buttons, restoring nothing."""
    import re

    from PySide6.QtWidgets import QMessageBox

    _crash_with_an_edit(open_window, template_path)
    window = open_window()
    letters: list[list[str]] = []

    def answer(box: QMessageBox) -> int:
        shown = []
        for button in box.buttons():
            if box.standardButton(button) == QMessageBox.StandardButton.Cancel:
                shown.append("c")  # '&Cancel', as those themes write it
            elif found := re.search(r"&(\w)", button.text()):
                shown.append(found.group(1).casefold())
        letters.append(shown)
        box.button(QMessageBox.StandardButton.Cancel).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not window.files.open_path(template_path)
    (shown,) = letters
    assert len(shown) == 4 and len(set(shown)) == 4, shown


def test_a_colleagues_lock_is_said_aloud_once_as_its_warning_appears(
    open_window, template_path, said_aloud
):
    """A screen reader does not read a line that appears above the matrix by itself; looked at
    again as the window comes to the front, the same warning is not said again."""
    lock = lock_path(template_path)
    theirs = json.dumps({"user": "mkovacs", "host": "ic-laptop-7", "pid": 4242, "time": 0})
    lock.write_text(theirs, encoding="utf-8")
    window = open_window(template_path)
    assert said_aloud == [window.lock_banner.text()]
    assert "mkovacs on ic-laptop-7" in said_aloud[0]
    window.files.recheck_lock()
    assert said_aloud == [window.lock_banner.text()]
