"""File → Compare with Another Version…: the report of `rrisk diff`, in the app."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from rrisk.fileformat import save
from rrisk.templates import new_from_template


def test_compare_with_the_june_version_shows_movements_and_reasons(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    june = tmp_path / "june.rrisk"
    save(new_from_template("russia-rare-earths-2025-06"), june)
    window = open_window(template_path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(june), "RRisk (*.rrisk)")
    )
    action = window.menu_actions.compare
    assert action.isEnabled() and action in window.findChild(object, "menuFile").actions()
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        action.trigger()
    dialog = shown.args[0]
    report = dialog.report.toPlainText()
    assert "june.rrisk" in report and "(as of 2025-06-01" in report
    assert "3 → excluded" in report and "Tomtor niobium–rare-earth deposit" in report
    assert "Why the indices moved" in report
    assert "+3.79  Sanctions exposure: cell 4×5 = 20 → 5×5 = 25" in report
    dialog.close()


def test_unsaved_edits_are_compared_and_named(open_window, template_path, qtbot, monkeypatch):
    window = open_window(template_path)
    assert window.controller.edit_cell("pikalevo-gallium", "sanctions", {"likelihood": 1})
    with qtbot.waitSignal(window.changes.shown, timeout=60_000) as shown:
        assert window.changes.compare_with(str(template_path))
    report = shown.args[0].report.toPlainText()
    assert "(unsaved changes included)" in report
    assert "Sanctions exposure: likelihood 5 → 1" in report
    shown.args[0].close()


def test_a_file_that_is_not_an_assessment_is_refused_in_one_line(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    broken = tmp_path / "broken.rrisk"
    broken.write_bytes(b"not a zip")
    window = open_window(template_path)
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: messages.append(a[2]))
    assert window.changes.compare_with(str(broken))
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert "broken.rrisk" in messages[0] and "\n" not in messages[0]
    assert window.changes.job is None
