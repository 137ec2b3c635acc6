"""The start page lists a large autosaved copy at once and reads its title off the GUI thread:
the window shows before the copy is read, the title follows, a damaged copy then leaves the
list, and closing the window or recovering the copy meanwhile works."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from window_steps import crashed_copy

from desktop.files import jobs, opening, recovery_list
from rrisk import fileformat
from rrisk.attachments import size_words

WAIT_MS = 60_000
"""How long a test waits for a read to end (a loaded machine is slow; no time is asserted)."""


@pytest.fixture
def large_copy(open_window, template_path, monkeypatch, qtbot) -> Path:
    """The crashed copy, which counts as large: the size from which a file is read in the
    background is lowered to the copy's own (a copy of 2,000 × 40 takes seconds to read)."""
    copy = crashed_copy(open_window, template_path, qtbot)
    monkeypatch.setattr(opening, "BACKGROUND_FROM_BYTES", copy.stat().st_size)
    return copy


@pytest.fixture
def held_title(monkeypatch):
    """The start page's reading of a copy waits until the test lets it go (``.set()``);
    ``.started`` is set once it waits, ``.threads`` names the threads that read. Let go at the
    end in any case."""
    started, release = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []
    read = recovery_list.read_title

    def waiting(file: Path, should_stop=None) -> None:  # noqa: ANN001
        threads.append(threading.current_thread())
        started.set()
        release.wait(WAIT_MS / 1000)
        read(file, should_stop)

    monkeypatch.setattr(recovery_list, "read_title", waiting)
    release.started = started  # type: ignore[attr-defined]
    release.threads = threads  # type: ignore[attr-defined]
    yield release
    release.set()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def listed(window) -> list[str]:  # noqa: ANN001
    shown = window.start_screen.recovery_list
    return [shown.item(row).text() for row in range(shown.count())]


def test_a_large_copy_is_listed_at_once_and_its_title_follows(
    open_window, template_path, large_copy, held_title, qtbot
):
    window = open_window()
    # Shown with the copy listed by its file's name while the copy is still being read.
    assert window.isVisible()
    assert listed(window) == [
        f"{template_path.name}, autosaved {window._recoveries[0].when()} — reading the copy…"
    ]
    qtbot.waitUntil(held_title.started.is_set, timeout=WAIT_MS)
    assert threading.main_thread() not in held_title.threads
    held_title.set()
    qtbot.waitUntil(lambda: "Never saved" in " ".join(listed(window)), timeout=WAIT_MS)
    assert listed(window) == [
        f"Never saved ({template_path.name}), autosaved {window._recoveries[0].when()}"
    ]
    # Read once: the start page shown again lists the title at once.
    other = open_window()
    assert listed(other) == listed(window)
    assert not other.recovery_offers.recoveries[0].reading


def test_a_small_copy_is_listed_with_its_title_at_once(open_window, template_path, qtbot):
    copy = crashed_copy(open_window, template_path, qtbot)
    assert copy.stat().st_size < opening.BACKGROUND_FROM_BYTES
    window = open_window()
    assert listed(window)[0].startswith(f"Never saved ({template_path.name})")
    assert not jobs.in_flight()  # nothing left to read


def test_a_damaged_large_copy_is_listed_as_damaged_once_read(
    open_window, template_path, large_copy, held_title, qtbot
):
    # It left the list once read, and stayed in the folder without a word.
    large_copy.write_bytes(b"PK\x03\x04" + b"\x00" * large_copy.stat().st_size)
    window = open_window()
    assert len(listed(window)) == 1 and window.start_screen.recovery_card.isVisibleTo(window)
    held_title.set()
    qtbot.waitUntil(lambda: "damaged" in " ".join(listed(window)), timeout=WAIT_MS)
    size = size_words(large_copy.stat().st_size)
    assert listed(window) == [
        f"{template_path.name}, autosaved {window._damaged_copies[0].when()} — damaged "
        f"({size}), cannot be recovered"
    ]
    assert not window.start_screen.recover_button.isVisibleTo(window)
    assert large_copy.exists()


def test_a_damaged_copy_is_listed_to_be_discarded_never_opened(open_window, template_path, qtbot):
    """A user whose work was in it is told, by its file's name, time and size; Recover and
    a double-click open nothing, Discard deletes it (it was left out of the list and never
    removed)."""
    copy = crashed_copy(open_window, template_path, qtbot)
    copy.write_bytes(copy.read_bytes()[:200])  # cut short
    window = open_window()
    page = window.start_screen
    assert window.recovery_offers.recoveries == []
    [damaged] = window._damaged_copies
    assert listed(window) == [
        f"{template_path.name}, autosaved {damaged.when()} — damaged (200 bytes), cannot be "
        "recovered"
    ]
    assert page.recovery_card.isVisibleTo(window)
    assert not page.recover_button.isVisibleTo(window)
    # (the card's line said "Recover them, then save" of a copy that cannot be recovered)
    assert page.recovery_note.text() == (
        "RRisk closed before these changes were saved, and the autosaved copy cannot be "
        "read: it can only be discarded."
    )
    page.recovery_list.itemActivated.emit(page.recovery_list.item(0))
    page.recover_button.click()
    assert not window.files.is_open and copy.exists()
    page.discard_recovery_button.click()
    assert not copy.exists() and not copy.with_suffix(".json").exists()
    assert not listed(window) and not page.recovery_card.isVisibleTo(window)


def test_the_choice_stays_on_its_copy_as_titles_arrive(
    open_window, template_path, large_copy, held_title, qtbot, tmp_path, monkeypatch
):
    other = tmp_path / "other.rrisk"
    fileformat.save(fileformat.load(template_path), other)
    second = crashed_copy(open_window, other, qtbot)  # written later: listed first
    smallest = min(large_copy.stat().st_size, second.stat().st_size)
    monkeypatch.setattr(opening, "BACKGROUND_FROM_BYTES", smallest)
    window = open_window()
    shown = window.start_screen.recovery_list
    assert shown.count() == 2
    assert window.start_screen.recovery_note.text() == (
        "RRisk closed before these changes were saved. Recover them, then save."
    )
    shown.setCurrentRow(1)
    chosen = window._recoveries[1].file
    held_title.set()
    qtbot.waitUntil(lambda: "reading" not in " ".join(listed(window)), timeout=WAIT_MS)
    assert window._recoveries[shown.currentRow()].file == chosen
    assert second in [item.file for item in window._recoveries]


def test_closing_the_window_while_a_copy_is_read_ends_cleanly(
    open_window, large_copy, held_title, qtbot
):
    window = open_window()
    qtbot.waitUntil(held_title.started.is_set, timeout=WAIT_MS)
    window.quit_all()
    assert not window.isVisible()
    held_title.set()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)  # no thread left running
    jobs.settle()
    assert not jobs.in_flight()
    qtbot.wait(10)  # (anything the stopped job might still report, delivered)
    assert "reading the copy" in listed(window)[0]  # it reported nothing after the close
    assert large_copy.exists()


def test_closing_the_window_stops_reading_a_copy_at_its_next_stop_point(
    open_window, large_copy, held_decoding, qtbot
):
    from desktop.files import recovery

    window = open_window()
    qtbot.waitUntil(held_decoding.started.is_set, timeout=WAIT_MS)
    window.quit_all()
    held_decoding.set()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)
    jobs.settle()
    assert not jobs.in_flight()
    # Stopped once decoded, before the document was checked; the copy is still unread (not
    # taken for damaged), to be read at the next launch.
    assert held_decoding.answers == [False, True] and held_decoding.checked == []
    assert recovery._unread(large_copy, 0)
    assert large_copy.exists()


def test_a_copy_is_recovered_while_its_title_is_read(
    open_window, template_path, large_copy, held_title, qtbot
):
    window = open_window()
    qtbot.waitUntil(held_title.started.is_set, timeout=WAIT_MS)
    window.start_screen.recover_button.click()
    qtbot.waitUntil(lambda: window.files.is_open, timeout=WAIT_MS)
    assert window.controller.document.title == "Never saved"
    assert window.controller.path == template_path
    assert window.isWindowModified()
    assert not large_copy.exists()
    held_title.set()
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)
    qtbot.waitUntil(lambda: not jobs.in_flight(), timeout=WAIT_MS)
    assert window.recovery_offers.recoveries == []  # the copy, gone, left the list


def test_opening_a_file_reads_only_its_own_copies(
    open_window, template_path, large_copy, tmp_path, monkeypatch, answer_boxes
):
    other = tmp_path / "other.rrisk"
    fileformat.save(fileformat.load(template_path), other)
    read_here: list[Path] = []
    read = fileformat.read_file

    def reading(path, should_stop=None):  # noqa: ANN001, ANN202
        if threading.current_thread() is threading.main_thread():
            read_here.append(Path(path))
        return read(path, should_stop)

    monkeypatch.setattr(fileformat, "read_file", reading)
    window = open_window(other)
    assert window.files.is_open
    assert large_copy not in read_here  # another file's copy: not read in the window's thread
    seen = answer_boxes("Cancel")
    window.files.close_document()
    assert not window.files.open_path(template_path)
    assert len(seen) == 1  # the file's own copy is offered, read for that


def test_a_copy_gone_while_its_title_is_read_is_said_gone(
    open_window, template_path, large_copy, held_title, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    window = open_window()
    large_copy.unlink()  # recovered or discarded in another window meanwhile
    window.start_screen.recover_button.click()
    assert len(said) == 1 and "is no longer there" in said[0]
    assert template_path.name in said[0] and "reading" not in said[0]
    assert listed(window) == []


def test_a_large_copy_that_fails_to_read_is_listed_as_damaged_once(
    open_window, large_copy, qtbot, monkeypatch
):
    # A read error other than the copy being gone (a failing disk): the copy is listed as
    # damaged, as a small one is, and read once (it was left "being read", and read again
    # and again).
    reads: list[Path] = []

    def failing(path, should_stop=None):  # noqa: ANN001, ANN202
        reads.append(Path(path))
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fileformat, "read_file", failing)
    window = open_window()
    assert len(listed(window)) == 1
    qtbot.waitUntil(lambda: "damaged" in " ".join(listed(window)), timeout=WAIT_MS)
    assert QThreadPool.globalInstance().waitForDone(WAIT_MS)
    qtbot.waitUntil(lambda: not jobs.in_flight(), timeout=WAIT_MS)
    assert reads == [large_copy]
    assert large_copy.exists()
