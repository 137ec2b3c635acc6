"""Choosing "Discard changes" on a file's autosave opens the file as last saved; when that
file cannot be read (damaged on a shared drive, cut short), the autosave is kept and still
offered rather than lost along with it."""

from __future__ import annotations

from test_recovery import _crash_with_an_edit


def test_discarding_the_autosave_of_a_file_that_cannot_be_opened_keeps_it(
    open_window, template_path, answer_boxes, shown
):
    recovery_file = _crash_with_an_edit(open_window, template_path)
    template_path.write_bytes(template_path.read_bytes()[:1000])  # cut short
    window = open_window()
    offers = answer_boxes("Discard changes")
    assert not window.files.open_path(template_path)
    assert len(offers) == 1 and len(shown) == 1 and "damaged" in shown[0]
    assert recovery_file.exists()
    assert [item.file for item in window.files.offered_recoveries()] == [recovery_file]


def test_discarding_the_autosave_of_a_readable_file_removes_it(
    open_window, template_path, answer_boxes, shown
):
    recovery_file = _crash_with_an_edit(open_window, template_path)
    window = open_window()
    answer_boxes("Discard changes")
    assert window.files.open_path(template_path)
    assert not shown and not recovery_file.exists()
    assert window.controller.document.cell("tomtor", "sanctions").likelihood != 1
