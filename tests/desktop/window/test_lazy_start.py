"""The start page is made when first needed: a file given at start opens without it, and
every way back to it (closing, a file that does not open, New from template, recent files,
a recovery question) still finds it complete and working."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def test_a_file_given_at_start_opens_without_making_the_start_page(open_window, template_path):
    window = open_window(template_path)
    assert window.stack.currentWidget() is window.workspace
    assert window.built_start_screen is None
    assert window.findChild(QMessageBox) is None


def test_closing_a_file_given_at_start_shows_a_complete_start_page(
    open_window, template_path, qtbot
):
    window = open_window(template_path)
    assert window.files.close_document()
    start = window.built_start_screen
    assert start is not None and window.stack.currentWidget() is start
    assert start.isVisible() and start.parent() is window.stack
    assert window.windowTitle() == "RRisk"
    assert not window.menu_actions.save.isEnabled()
    assert not window.toolbar.isVisible() and not window.inspector_dock.isVisible()
    assert start.templates.count() > 0 and not start.error.isVisibleTo(window)
    assert window.focusWidget() is start.new_button
    # The file opened before the page existed is listed, and the page's buttons work.
    recent = start.recent
    assert [recent.item(row).text() for row in range(recent.count())] == [template_path.name]
    qtbot.mouseClick(start.new_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace
    assert window.controller.path is None and window.controller.document.projects == []


def test_recent_files_changed_before_the_start_page_existed_show_on_it(
    open_window, template_path, tmp_path
):
    window = open_window(template_path)
    copy = tmp_path / "copy.rrisk"
    copy.write_bytes(template_path.read_bytes())
    assert window.files.open_path(copy)
    assert window.built_start_screen is None
    window.menu_actions.close.trigger()
    recent = window.start_screen.recent
    assert [recent.item(row).text() for row in range(recent.count())] == [
        copy.name,
        template_path.name,
    ]


def test_new_from_template_after_a_file_given_at_start_focuses_the_templates(
    open_window, template_path
):
    window = open_window(template_path)
    window.menu_actions.new_from_template.trigger()
    start = window.built_start_screen
    assert start is not None and window.stack.currentWidget() is start
    assert window.focusWidget() is start.templates


def test_the_start_page_is_made_in_the_placeholders_place(open_window, template_path):
    window = open_window(template_path)
    placeholder = window.stack.widget(0)
    start = window.start_screen  # asked for while the workspace is in front
    assert window.stack.indexOf(start) == 0 and window.stack.count() == 2
    assert window.stack.currentWidget() is window.workspace
    assert window.stack.indexOf(placeholder) == -1
    assert window.start_screen is start  # made once


def test_a_file_that_does_not_open_at_start_shows_the_start_page(open_window, tmp_path):
    missing = tmp_path / "missing.rrisk"
    window = open_window(missing)
    start = window.built_start_screen
    assert start is not None and window.stack.currentWidget() is start
    assert start.isVisible() and start.error.isVisibleTo(window)
    assert "missing.rrisk" in start.error.text()


def test_a_file_another_window_has_open_leaves_the_start_page(open_window, template_path):
    first = open_window(template_path)
    second = open_window(template_path)  # the first comes to the front instead
    assert first.controller.path == template_path
    start = second.built_start_screen
    assert start is not None and second.stack.currentWidget() is start and start.isVisible()
    assert not start.error.isVisibleTo(second)


def test_the_recovery_question_at_start_is_asked_over_the_start_page(
    open_window, template_path, monkeypatch
):
    crashed = open_window(template_path)
    crashed.matrix_view.select_cell("tomtor", "sanctions")
    crashed.inspector.likelihood.setValue(1)
    assert crashed.files.autosave()
    crashed.hide()  # it stands for the crashed process: no window of this one holds the file
    behind: list[bool] = []

    def cancel(box: QMessageBox) -> int:
        window = box.parent()
        start = window.built_start_screen
        behind.append(start is not None and start.isVisible())
        next(b for b in box.buttons() if b.text().replace("&", "") == "Cancel").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    window = open_window(template_path)
    assert behind == [True]
    assert window.stack.currentWidget() is window.start_screen
    assert window.focusWidget() is window.start_screen.new_button


_FRESH_START = """
import json, sys
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
app = QApplication([])
from desktop.app import build_main_window
window = build_main_window(sys.argv[1])
loaded = [name for name in ("desktop.window.start_screen", "desktop.files.memo_check")
          if name in sys.modules]
shown = []
def refuse(dialog):
    shown.append(type(dialog).__name__)
    return QDialog.DialogCode.Rejected
QDialog.exec = refuse
QFileDialog.getSaveFileName = lambda *a, **k: shown.append("file dialog") or ("", "")
window.menu_actions.export_memo.trigger()
print(json.dumps({"loaded": loaded, "shown": shown, "running": window.memo.running}))
window.controller.undo_stack.setClean()
window.close()
"""


def test_a_fresh_start_on_a_file_imports_neither_page_and_the_memo_check_still_comes(
    template_path, tmp_path
):
    """In a process of its own (the tests import everything): the window on a file has
    imported neither the start page nor the memo's check list, and File → Export IC Memo
    still lists the check first (the template has warnings), here cancelled."""
    root = str(Path(__file__).resolve().parents[3])  # this checkout's code, not an installed one
    home = str(tmp_path / "home")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_START, str(template_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"loaded": [], "shown": ["MemoCheckDialog"], "running": False}
