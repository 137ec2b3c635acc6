"""The window's title names the open file as it is spelt, and marks unsaved changes once."""

from __future__ import annotations

from rrisk.fileformat import load, save


def test_a_file_name_holding_qts_placeholder_is_shown_as_spelt(open_window, template_path):
    path = template_path.with_name("case [*] v2.rrisk")
    save(load(template_path), path)
    window = open_window(path)
    assert window.windowHandle().title() == "case [*] v2.rrisk — RRisk"
    assert window.controller.edit_assessment({"title": "Edited"})
    assert window.windowHandle().title() == "case [*] v2.rrisk* — RRisk"
    window.controller.undo()
    assert window.windowHandle().title() == "case [*] v2.rrisk — RRisk"
