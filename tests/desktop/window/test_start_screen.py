"""The start page: new blank, new from template, open, recent files, bad files, drops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rrisk.templates import list_templates


def test_no_file_shows_the_start_page_with_templates(open_window, qtbot):
    window = open_window()
    assert window.isVisible()
    assert window.stack.currentWidget() is window.start_screen
    assert window.windowTitle() == "RRisk"
    assert not window.menu_actions.save.isEnabled()
    templates = window.start_screen.templates
    bundled = [t for t in list_templates() if t.id != "blank"]
    assert templates.count() == len(bundled)
    item = templates.item(0)
    assert item.text() == bundled[0].title
    assert bundled[0].description in item.toolTip()


def test_new_blank_and_from_template(open_window, qtbot):
    window = open_window()
    window.settings.set_default_author("A. Analyst")
    qtbot.mouseClick(window.start_screen.new_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace
    assert window.controller.document.projects == []
    assert window.controller.document.author == "A. Analyst"
    assert window.windowTitle().startswith("Untitled")
    assert window.files.close_document()
    window.start_screen.templates.setCurrentRow(0)
    qtbot.mouseClick(window.start_screen.template_button, Qt.MouseButton.LeftButton)
    assert len(window.controller.document.projects) > 3
    assert window.controller.path is None
    assert window.matrix_view.model().rowCount() == len(window.controller.document.projects)


def test_return_presses_the_start_pages_button_in_focus(open_window, qtbot, monkeypatch):
    """The page opens with the focus on New blank assessment: Return takes it, as Space does."""
    window = open_window()
    screen = window.start_screen
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(True) or ("", "")
    )
    qtbot.keyClick(screen.open_button, Qt.Key.Key_Return)
    assert asked == [True]
    qtbot.keyClick(screen.new_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.workspace
    assert window.controller.document.projects == []
    assert window.files.close_document()
    qtbot.keyClick(screen.template_button, Qt.Key.Key_Enter)
    assert window.controller.document.projects


def test_bad_file_falls_back_to_the_start_page_with_a_message(open_window, tmp_path, said_aloud):
    broken = tmp_path / "broken.rrisk"
    broken.write_bytes(b"this is not a zip")
    window = open_window(broken)
    assert window.stack.currentWidget() is window.start_screen
    error = window.start_screen.error
    assert error.isVisibleTo(window)
    assert "broken.rrisk" in error.text() and "not a .rrisk file" in error.text()
    # A screen reader does not read the line by itself as it appears.
    assert said_aloud == [error.text()]


def test_recent_files_open_and_missing_ones_are_dropped(
    open_window, template_path, tmp_path, qtbot, monkeypatch
):
    first = open_window(template_path)
    assert first.settings.recent_files() == [str(template_path.resolve())]
    first.close()  # (it would otherwise come to the front instead of a second window opening)
    window = open_window()
    recent = window.start_screen.recent
    assert recent.count() == 1 and recent.item(0).text() == template_path.name
    recent.itemActivated.emit(recent.item(0))
    assert window.controller.path == template_path
    assert window.files.close_document()

    gone = tmp_path / "gone.rrisk"
    window.settings.add_recent_file(gone)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    window._open_recent(str(gone.resolve()))
    assert shown and "does not exist" in shown[0]
    assert str(gone.resolve()) not in window.settings.recent_files()


def test_open_dialog_cancelled_changes_nothing(open_window, monkeypatch):
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    window.menu_actions.open.trigger()
    assert window.stack.currentWidget() is window.start_screen


def test_dropping_a_rrisk_file_opens_it(open_window, template_path, qtbot):
    window = open_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(template_path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.controller.path == template_path
    assert window.stack.currentWidget() is window.workspace


def test_a_recent_file_that_is_gone_is_marked_before_it_is_clicked(open_window, tmp_path):
    from desktop.window.start_screen import DetailRole

    window = open_window()
    gone = tmp_path / "moved.rrisk"
    window.settings.add_recent_file(gone)
    window.start_screen.set_recent_files(window.settings.recent_files())
    item = window.start_screen.recent.item(0)
    assert item.text() == "moved.rrisk"
    assert str(item.data(DetailRole)).startswith("not found")
    assert "(not found)" in item.toolTip()


def test_recent_files_of_one_name_show_their_folders_from_where_they_part(
    open_window, small_document, tmp_path
):
    """A line too short for a long folder left out its middle, where two committees' folders
    differed: every "case.rrisk" read "/home/…descriptive name"."""
    import os

    from desktop.window.start_screen import CutRole, DetailRole
    from rrisk.fileformat import save

    deep = "Quarterly review folder with a long descriptive name"
    paths = [tmp_path / f"Committee {year}" / deep / "case.rrisk" for year in (2024, 2025)]
    for path in paths:
        path.parent.mkdir(parents=True)
        save(small_document, path)
    other = tmp_path / "other.rrisk"
    save(small_document, other)
    window = open_window()
    for path in (*paths, other):
        window.settings.add_recent_file(path)
    window.start_screen.set_recent_files(window.settings.recent_files())
    recent = window.start_screen.recent
    items = {str(recent.item(row).data(DetailRole)): recent.item(row) for row in range(3)}
    for year in (2024, 2025):
        item = items[f"…{os.sep}Committee {year}{os.sep}{deep}"]
        assert item.text() == "case.rrisk"
        assert item.data(CutRole) == Qt.TextElideMode.ElideRight  # its start is kept
        assert str(tmp_path / f"Committee {year}") in item.toolTip()
    assert items[str(other.resolve().parent)].text() == "other.rrisk"  # alone: in full
    window._fill_recent_menu()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions() if a.text()]
    assert labels[1].startswith(f"&2 case.rrisk — …{os.sep}Committee 2025{os.sep}Quarterly")
    assert labels[2].startswith(f"&3 case.rrisk — …{os.sep}Committee 2024{os.sep}Quarterly")


def test_a_recent_file_deleted_while_another_was_open_is_marked_on_coming_back(
    open_window, small_document, tmp_path
):
    from desktop.window.start_screen import DetailRole
    from rrisk.fileformat import save

    first, second = tmp_path / "first.rrisk", tmp_path / "second.rrisk"
    save(small_document, first)
    save(small_document, second)
    window = open_window()
    window.settings.add_recent_file(second)
    window.settings.add_recent_file(first)
    assert window.files.open_path(first, ask=False)  # already first: the list is unchanged
    second.unlink()
    assert window.files.close_document()
    assert window.stack.currentWidget() is window.start_screen
    item = window.start_screen.recent.item(1)
    assert item.text() == "second.rrisk"
    assert str(item.data(DetailRole)).startswith("not found")


def test_a_name_too_long_to_exist_is_said_and_leaves_the_recent_files(open_window, tmp_path):
    """A name past the file system's limit (255 bytes: 200 Cyrillic letters are 400) opens
    on the start page with the reason, as a missing file does, and leaves the recent files."""
    long = tmp_path / ("Ж" * 200 + ".rrisk")
    window = open_window(long)
    assert window.stack.currentWidget() is window.start_screen
    assert "cannot be read" in window.start_screen.error.text()
    window.settings.add_recent_file(long)
    assert window.files.try_open(long) is not None
    assert window.settings.recent_files() == []


def test_a_templates_placeholder_author_gives_way_to_the_default_author(open_window, qtbot):
    """The template's author is "RRisk template", which the memo's check flags; a new document
    from it takes the user's default author, as a blank one does."""
    window = open_window()
    window.settings.set_default_author("Jane Analyst")
    window.start_screen.templates.setCurrentRow(0)
    qtbot.mouseClick(window.start_screen.template_button, Qt.MouseButton.LeftButton)
    assert window.controller.document.author == "Jane Analyst"


def _typed_then_ok(typed: str):
    """Default Author…'s dialog as if ``typed`` was typed and OK pressed (a refused author
    leaves it open: then as if Cancel was pressed)."""

    def run(dialog) -> int:  # noqa: ANN001 - an AuthorDialog
        dialog.setTextValue(typed)
        dialog.accept()
        return dialog.result()

    return run


def test_a_refused_default_author_leaves_the_dialog_open_with_the_text_typed(
    open_window, qtbot, monkeypatch
):
    """OK on an author no assessment can hold says why over the dialog, which stays open with
    the text as typed and its field focused, nothing stored; Cancel then keeps the one set
    (the dialog closed, and what was typed was gone)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit

    window = open_window()
    window.show()
    window.settings.set_default_author("Jane Analyst")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: warned.append(text))
    seen: list = []

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(10, in_dialog)
            return
        field = dialog.findChild(QLineEdit)
        field.selectAll()
        qtbot.keyClicks(field, "Jane Analyst, " + "x" * 490)
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        seen.append(
            (
                dialog.isVisible(),
                field.text(),
                dialog.focusWidget() is field,
                window.settings.default_author(),
            )
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, in_dialog)
    window.ask_default_author()
    assert seen == [(True, "Jane Analyst, " + "x" * 490, True, "Jane Analyst")]
    (said,) = warned
    assert "is 504 characters; at most 500" in said and "not changed" in said
    assert window.settings.default_author() == "Jane Analyst"


def test_a_default_author_no_assessment_can_hold_is_refused_and_never_filled_in(
    open_window, tmp_path, monkeypatch, isolated_settings
):
    """Default Author… refuses an author over 500 characters (or with a control character),
    saying why and keeping the one set; one written into the settings file by hand is not
    filled in. New assessments took it, and none of them could be saved ("the document is
    invalid: author is 600 characters")."""
    from desktop.window.structure import AuthorDialog

    window = open_window()
    window.settings.set_default_author("Jane Analyst")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a: warned.append(text))
    for typed in ("Ж" * 600, "Jane\x07Analyst"):
        monkeypatch.setattr(AuthorDialog, "exec", _typed_then_ok(typed))  # then left open
        window.ask_default_author()
        assert window.settings.default_author() == "Jane Analyst"
    assert "Author: is 600 characters; at most 500" in warned[0]
    assert "control character U+0007" in warned[1] and "not changed" in warned[1]

    window.settings.sync()
    isolated_settings.write_text(f"[document]\ndefault_author={'x' * 600}\n", encoding="utf-8")
    window.settings.sync()
    assert window.files.new_document("blank")
    assert window.controller.document.author == ""
    target = tmp_path / "new.rrisk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.files.save_as() and target.exists()


def test_a_file_opened_by_a_relative_path_is_remembered_whole(
    open_window, template_path, monkeypatch
):
    from pathlib import Path

    monkeypatch.chdir(template_path.parent)
    window = open_window()
    assert window.files.open_path(template_path.name, ask=False)
    assert window.controller.path.is_absolute()
    assert Path(window.settings.last_folder()).is_absolute()
    assert Path(window.settings.last_folder()) == template_path.parent.absolute()


def test_a_file_saved_in_another_window_joins_this_start_pages_recent_files(
    open_window, template_path, tmp_path, monkeypatch
):
    """Every window of the app shows one list of recent files: a save in one window shows at
    once on another's start page; a closed window listens no more."""
    showing = open_window(template_path)
    assert showing.files.close_document()  # its start page shows
    saving = open_window()
    saving.start_screen.templates.setCurrentRow(0)
    saving.start_screen.template_button.click()
    target = tmp_path / "from-the-other-window.rrisk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert saving.files.save_as()
    recent = showing.start_screen.recent
    assert [recent.item(i).text() for i in range(recent.count())][:2] == [
        target.name,
        template_path.name,
    ]
    from PySide6.QtCore import SIGNAL

    from desktop.settings import recent_files_signal

    notifier = recent_files_signal()
    listening = notifier.receivers(SIGNAL("changed()"))
    showing.close()
    assert notifier.receivers(SIGNAL("changed()")) == listening - 1


def test_a_long_detail_is_shortened_visibly_never_cut_at_a_word(qapp):
    """A recent file's folder keeps both its ends ("…" in the middle); a description that
    needs more lines than the row has ends its last line in "…"."""
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop.window.start_screen import fitted_lines

    font = QFont()
    metrics = QFontMetrics(font)
    folder = "/home/analyst/Dossier évaluations проекты/Комитет 2026 Société"
    width = metrics.horizontalAdvance(folder) // 2
    (line,) = fitted_lines(folder, font, width, 1)
    assert "…" in line
    assert line.startswith("/home")
    assert line.endswith("Société")
    assert metrics.horizontalAdvance(line) <= width
    assert fitted_lines(folder, font, width * 3, 1) == [folder]

    words = " ".join(f"word{n}" for n in range(60))
    width = metrics.horizontalAdvance("word00 " * 6)
    shown = fitted_lines(words, font, width, 3)
    assert len(shown) == 3
    assert shown[0].startswith("word0 word1")
    assert shown[-1].endswith("…")
    assert all(metrics.horizontalAdvance(text) <= width for text in shown)
    assert fitted_lines("Two words", font, width, 3) == ["Two words"]


def test_a_window_opened_on_a_file_makes_its_start_page_only_when_shown(open_window, template_path):
    window = open_window(template_path)
    assert window.stack.currentWidget() is window.workspace
    assert window.findChild(QWidget, "startScreen") is None  # never seen, never made
    assert window.files.close_document()
    assert window.stack.currentWidget() is window.start_screen
    assert window.findChild(QWidget, "startScreen") is window.start_screen
    recent = window.start_screen.recent  # listed when made, as on a start page made at once
    assert recent.count() == 1 and recent.item(0).text() == template_path.name
    assert window.start_screen.templates.count() > 0
    assert not window.menu_actions.save.isEnabled()
    window.start_screen.new_button.click()  # its buttons are wired
    assert window.stack.currentWidget() is window.workspace
    assert window.controller.document.projects == []


def test_delete_or_the_context_menu_takes_one_recent_file_off_the_list(
    open_window, qtbot, tmp_path
):
    """One entry can go without clearing them all (only Clear Recent Files, or opening a file
    that is gone, took entries off)."""
    window = open_window()
    paths = [tmp_path / f"case {n}.rrisk" for n in range(3)]
    for path in paths:
        path.write_bytes(b"")
        window.settings.add_recent_file(path)
    recent = window.start_screen.recent
    assert recent.count() == 3  # newest first: case 2, case 1, case 0
    recent.setFocus()
    recent.setCurrentRow(1)
    qtbot.keyClick(recent, Qt.Key.Key_Delete)
    assert [p.name for p in map(Path, window.settings.recent_files())] == [
        "case 2.rrisk",
        "case 0.rrisk",
    ]
    assert [recent.item(r).text() for r in range(recent.count())] == [
        "case 2.rrisk",
        "case 0.rrisk",
    ]
    assert recent.currentRow() == 1  # the next file, for another Delete
    (remove,) = [a for a in recent.actions() if a.text() == "Remove from Recent Files"]
    remove.trigger()
    assert [Path(p).name for p in window.settings.recent_files()] == ["case 2.rrisk"]
    assert all(path.exists() for path in paths)  # the files themselves are untouched


def test_screen_readers_hear_a_recent_files_folder_and_a_templates_description(
    open_window, tmp_path
):
    """The folder (or that the file is gone) and a template's description, painted under
    each name, are said too: a screen reader heard the name alone, so two files of one name
    were the same and a missing one seemed there."""
    from PySide6.QtGui import QAccessible

    from desktop.window.start_screen import DetailRole

    window = open_window()
    gone = tmp_path / "moved.rrisk"
    window.settings.add_recent_file(gone)
    screen = window.start_screen
    screen.set_recent_files(window.settings.recent_files())

    def spoken(view, row: int) -> tuple[str, str]:  # noqa: ANN001
        cell = QAccessible.queryAccessibleInterface(view).child(row)
        return cell.text(QAccessible.Text.Name), cell.text(QAccessible.Text.Description)

    assert spoken(screen.recent, 0) == ("moved.rrisk", f"not found · {tmp_path}")
    title, description = spoken(screen.templates, 0)
    assert title == screen.templates.item(0).text()
    assert description and description == screen.templates.item(0).data(DetailRole)


def test_a_recent_file_whose_folder_is_out_of_reach_stays_listed_marked_unavailable(
    open_window, tmp_path, monkeypatch
):
    """A file on a network drive disconnected now (its folder is missing) was taken off the
    list as if deleted; one whose folder is there and it is not still is."""
    from desktop.window.start_screen import DetailRole

    window = open_window()
    away = tmp_path / "share" / "deals" / "case.rrisk"
    gone = tmp_path / "gone.rrisk"
    window.settings.add_recent_file(gone)
    window.settings.add_recent_file(away)
    window.start_screen.set_recent_files(window.settings.recent_files())
    item = window.start_screen.recent.item(0)
    assert str(item.data(DetailRole)).startswith("unavailable")
    assert "(unavailable)" in item.toolTip()
    window._fill_recent_menu()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions()]
    assert "&1 case.rrisk — unavailable" in labels and "&2 gone.rrisk — not found" in labels
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    window._open_recent(str(away.resolve()))
    window._open_recent(str(gone.resolve()))
    assert window.settings.recent_files() == [str(away.resolve())]
    # Said as the list marks it: out of reach, not deleted ("does not exist").
    assert f"its folder cannot be reached ({away.parent.resolve()} is not there" in shown[0]
    assert "does not exist" not in shown[0] and "does not exist" in shown[1]


def test_open_recent_of_a_file_not_there_says_so_before_asking_about_unsaved_changes(
    open_window, tmp_path, template_path, monkeypatch
):
    """With unsaved changes, Open Recent of a file marked not found or unavailable says why
    it cannot be opened, and asks nothing: it first asked to save or discard the changes (a
    Save As for a new document), all for a file that then did not open."""
    window = open_window(template_path)
    assert window.controller.edit_assessment({"title": "Unsaved 未保存"})
    away = tmp_path / "Share مشترك" / "case.rrisk"
    gone = tmp_path / "Évaluation supprimée.rrisk"
    for path in (gone, away):
        window.settings.add_recent_file(path)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a[2]))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    window._open_recent(str(away.resolve()))
    window._open_recent(str(gone.resolve()))
    assert asked == []
    assert "its folder cannot be reached" in shown[0] and "does not exist" in shown[1]
    assert window.controller.document.title == "Unsaved 未保存" and window.controller.is_modified
    assert str(away.resolve()) in window.settings.recent_files()
    assert str(gone.resolve()) not in window.settings.recent_files()
