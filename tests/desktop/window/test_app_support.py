"""Settings registry, the crash dialog and the window factory's contract."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from desktop.settings import MAX_AUTOSAVE_MINUTES, MAX_RECENT, Settings
from desktop.window.crash import CrashDialog, crash_report, handle_exception, install_excepthook


def test_settings_recent_files_folders_author(tmp_path, isolated_settings):
    settings = Settings()
    for number in range(MAX_RECENT + 3):
        settings.add_recent_file(tmp_path / f"case{number}.rrisk")
    settings.add_recent_file(tmp_path / "case3.rrisk")
    recent = settings.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0].endswith("case3.rrisk") and recent.count(recent[0]) == 1
    # Before any export, an export starts beside the documents (not in the home folder).
    assert settings.last_folder("export") == settings.last_folder()
    settings.set_last_folder(tmp_path / "case3.rrisk")
    assert settings.last_folder() == str(tmp_path)
    assert settings.last_folder("export") == str(tmp_path)
    (tmp_path / "exports").mkdir()
    settings.set_last_folder(tmp_path / "exports", "export")
    assert settings.last_folder("export") == str(tmp_path / "exports")
    assert settings.last_folder() == str(tmp_path)
    settings.set_default_author("Ann Analyst")
    settings.sync()
    again = Settings()
    assert again.default_author() == "Ann Analyst"
    assert again.recent_files() == recent
    assert isolated_settings.exists()


def test_recent_files_written_by_hand_are_listed_as_the_app_keeps_them(isolated_settings):
    """A settings file edited by hand or damaged: each file once, at most MAX_RECENT of them,
    and none with a NUL (a name no file has, which raised when it was opened)."""
    isolated_settings.parent.mkdir(parents=True)
    names = ", ".join(f"/cases/case{number}.rrisk" for number in range(50))
    isolated_settings.write_text(
        f"[files]\nrecent=/cases/a.rrisk, /cases/\\0b.rrisk, /cases/a.rrisk, {names}\n",
        encoding="utf-8",
    )
    recent = Settings().recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[:3] == ["/cases/a.rrisk", "/cases/case0.rrisk", "/cases/case1.rrisk"]


def test_recent_files_of_another_type_in_a_damaged_settings_file_are_not_listed(
    isolated_settings,
):
    """A size or a byte array among the recent files was listed as a file named by the text
    of its Qt object ('PySide6.QtCore.QSize(1, 2)')."""
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_text(
        "[files]\nrecent=@Size(1 2), /cases/a.rrisk, @ByteArray(/cases/b.rrisk)\n",
        encoding="utf-8",
    )
    assert Settings().recent_files() == ["/cases/a.rrisk"]


def test_a_text_with_a_comma_written_by_hand_is_read_as_the_text(isolated_settings, tmp_path):
    """Unquoted in the INI file, a value with a comma is a list to QSettings: the author and
    folders read as the text, not as "['Smith', 'J.']"."""
    isolated_settings.parent.mkdir(parents=True)
    folder = tmp_path / "Cases, 2025"
    folder.mkdir()
    isolated_settings.write_text(
        f"[document]\ndefault_author=Smith, J.\n[folders]\ndocuments={folder}\n",
        encoding="utf-8",
    )
    settings = Settings()
    assert settings.default_author() == "Smith, J."
    assert settings.last_folder() == str(folder)
    assert settings.last_folder("export") == str(folder)


def test_a_value_of_another_type_written_by_hand_is_no_author(isolated_settings):
    """A damaged settings file giving the author as a size or a byte array: the author is
    none, not the text of a Qt object ('PySide6.QtCore.QSize(1, 2)' filled in on every new
    assessment)."""
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_text("[document]\ndefault_author=@Size(1 2)\n", encoding="utf-8")
    assert Settings().default_author() == ""
    isolated_settings.write_text("[document]\ndefault_author=@ByteArray(Ann)\n", encoding="utf-8")
    assert Settings().default_author() == ""


def test_a_file_another_running_copy_added_stays_in_the_recent_files(isolated_settings):
    """Another copy of RRisk (its own process) writes the settings file meanwhile: this one
    adds its file to that list, not to the list it read at its start."""
    import os

    settings = Settings()
    settings.add_recent_file("/cases/mine.rrisk")
    settings.sync()
    isolated_settings.write_text(
        "[files]\nrecent=/cases/theirs.rrisk, /cases/mine.rrisk\n", encoding="utf-8"
    )
    later = isolated_settings.stat().st_mtime + 5
    os.utime(isolated_settings, (later, later))
    settings.add_recent_file("/cases/new.rrisk")
    assert settings.recent_files() == [
        "/cases/new.rrisk",
        "/cases/theirs.rrisk",
        "/cases/mine.rrisk",
    ]


def test_an_autosave_interval_too_long_for_a_timer_still_opens_the_window(
    isolated_settings, open_window
):
    """Written by hand, 40,000 minutes (beyond a timer's 32-bit milliseconds) raised
    OverflowError as the window was made: the app did not start."""
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_text("[document]\nautosave_minutes=40000\n", encoding="utf-8")
    window = open_window()
    assert window.isVisible()
    assert window.files._autosave_timer.interval() == MAX_AUTOSAVE_MINUTES * 60_000
    assert Settings().autosave_minutes() == MAX_AUTOSAVE_MINUTES


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("2.0", 2),
        ("0.5", 1),
        ("0.01", 1),
        ("2.5", 3),
        (" 5 ", 5),
        ("1e1", 10),
        ("0", 0),
        ("0.0", 0),
        ("-2", 0),
        ("-inf", 0),
        ("inf", MAX_AUTOSAVE_MINUTES),
        ("nan", 3),
        ("often", 3),
    ],
)
def test_an_autosave_interval_written_with_a_fraction_is_rounded_up_to_whole_minutes(
    isolated_settings, written, minutes
):
    """'2.0' and '0.5' read as no number at all: autosave fell back to every 3 minutes."""
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_text(f"[document]\nautosave_minutes={written}\n", encoding="utf-8")
    assert Settings().autosave_minutes() == minutes


def test_window_geometry_is_remembered(open_window, qtbot):
    window = open_window()
    # The offscreen screen is 800 px wide, so only the height survives unclamped.
    window.resize(window.width(), 555)
    window.close()
    assert Settings().window_geometry() is not None
    assert Settings().window_state() is not None
    second = open_window()
    assert second.height() == 555


def test_a_damaged_window_geometry_gives_the_first_runs_size(open_window):
    from PySide6.QtCore import QByteArray

    settings = Settings()
    settings.set_window_geometry(QByteArray(b"not a geometry"))
    settings.set_window_state(QByteArray(b"not a state"))
    settings.sync()
    window = open_window()
    screen = window.screen().availableGeometry()
    assert window.width() == min(1680, int(screen.width() * 0.96))
    assert window.height() == min(1050, int(screen.height() * 0.94))


def test_crash_report_and_dialog(qtbot):
    try:
        raise ValueError("boom")
    except ValueError as error:
        report = crash_report(type(error), error, error.__traceback__)
    assert "RRisk" in report and "ValueError: boom" in report and "Traceback" in report
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    dialog.copy_report()
    assert QApplication.clipboard().text() == report
    assert dialog.report.isReadOnly()


def test_the_crash_report_is_named_for_screen_readers(qtbot):
    """The report to copy was an unnamed text box to a screen reader."""
    from PySide6.QtGui import QAccessible

    dialog = CrashDialog("Traceback …")
    qtbot.addWidget(dialog)
    interface = QAccessible.queryAccessibleInterface(dialog.report)
    assert interface.text(QAccessible.Text.Name) == "Error report"


def test_excepthook_is_installed(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    install_excepthook()
    assert sys.excepthook is handle_exception


def test_factory_needs_no_event_loop_and_shows_the_window(open_window, template_path):
    window = open_window(template_path)
    assert window.isVisible()
    assert QApplication.activeModalWidget() is None
    assert window.matrix_view.model().rowCount() > 0


def test_dark_palette_keeps_text_readable(open_window, template_path, qtbot):
    from PySide6.QtCore import Qt

    from desktop.ui import style

    app = QApplication.instance()
    light = app.palette()
    dark = style.dark_palette()
    assert style.is_dark(dark) and not style.is_dark(light)
    app.setPalette(dark)
    try:
        window = open_window(template_path)
        model = window.matrix_view.model()
        excluded_row = next(
            row
            for row in range(model.rowCount())
            if "Excluded" in model.headerData(row, Qt.Orientation.Vertical)
        )
        brush = model.headerData(
            excluded_row, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole
        )
        # Light purple on the dark window background, not the dark purple of light mode.
        assert brush.color().lightness() > 150
        # Band cells carry their own text colour, whatever the palette.
        cell = model.index(0, 0)
        fill = model.data(cell, Qt.ItemDataRole.BackgroundRole).color()
        ink = model.data(cell, Qt.ItemDataRole.ForegroundRole).color()
        assert abs(fill.lightness() - ink.lightness()) > 100
    finally:
        app.setPalette(light)


def test_the_window_names_the_shipped_desktop_entry(qapp) -> None:
    """Desktops link a running window to its menu entry (icon, pinning) by this name."""
    from pathlib import Path

    from desktop.app import prepare_application

    prepare_application(qapp)
    entry = Path(__file__).parents[3] / "packaging" / f"{qapp.desktopFileName()}.desktop"
    assert entry.is_file()
    assert "StartupWMClass=RRisk" in entry.read_text(encoding="utf-8")


def test_first_save_starts_in_the_documents_folder(tmp_path, isolated_settings, monkeypatch):
    """Before any document was opened or saved, Save As, Open and the memo start in the
    user's documents folder, not at the top of the home folder; without one, in home."""
    from pathlib import Path

    from PySide6.QtCore import QStandardPaths

    documents = tmp_path / "Documents"
    asked = QStandardPaths.writableLocation

    def location(kind):
        if kind == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(documents)
        return asked(kind)

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(location))
    settings = Settings()
    assert settings.last_folder() == str(Path.home())  # no documents folder: home
    documents.mkdir()
    assert settings.last_folder() == str(documents)
    assert settings.last_folder("export") == str(documents)


def test_a_last_folder_since_deleted_starts_where_none_was_known(tmp_path, isolated_settings):
    """The folder last used was deleted (or a hand-edited value names none): Open, Save As
    and the memo start in the documents folder, an export in the documents' last folder, as
    before any was known (the dialog opened in whatever folder the app was started from)."""
    from desktop.settings import documents_folder

    settings = Settings()
    kept, exports = tmp_path / "cases", tmp_path / "exports"
    kept.mkdir()
    exports.mkdir()
    settings.set_last_folder(kept)
    settings.set_last_folder(exports, "export")
    exports.rmdir()
    assert settings.last_folder("export") == str(kept)
    kept.rmdir()
    assert settings.last_folder() == documents_folder()
    assert settings.last_folder("export") == documents_folder()


def test_a_default_author_the_settings_file_cannot_keep_is_said_to_last_until_rrisk_closes(
    open_window, tmp_path, monkeypatch
):
    """A settings file that cannot be written (its folder another user's, as after running
    RRisk once with sudo): Default Author… says the author lasts only until RRisk closes and
    names the file; it was said nothing, and the author was gone at the next start."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.settings import use_settings_file
    from desktop.window.structure import AuthorDialog

    def _typed(dialog: AuthorDialog, author: str) -> int:
        dialog.setTextValue(author)
        dialog.accept()  # OK
        return dialog.result()

    blocked = tmp_path / "config"
    blocked.write_text("not a folder", encoding="utf-8")
    use_settings_file(blocked / "RRisk.conf")
    window = open_window()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: warned.append(text))
    monkeypatch.setattr(AuthorDialog, "exec", lambda dialog: _typed(dialog, "Zoë Analyst"))
    window.ask_default_author()
    assert window.settings.default_author() == "Zoë Analyst"
    (said,) = warned
    assert "until RRisk closes" in said and f"{blocked / 'RRisk.conf'} cannot be written" in said

    use_settings_file(tmp_path / "settings.conf")
    writable = open_window()
    writable.ask_default_author()
    assert len(warned) == 1 and Settings().default_author() == "Zoë Analyst"
