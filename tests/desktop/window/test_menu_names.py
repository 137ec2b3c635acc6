"""Names shown in menus and action texts read as typed: an ``&`` in a criterion's or a file's
name is not taken for an Alt letter ("Ethics & legality" read "Ethics _legality")."""

from __future__ import annotations

import shutil

from PySide6.QtGui import QKeySequence


def test_undo_and_redo_name_a_step_with_an_ampersand_as_typed(window) -> None:
    controller = window.controller
    assert controller.edit_item("criterion", "occupied-territories", {"name": "Ethics & legality"})
    window.matrix_view.select_cell("tomtor", "occupied-territories")
    window.inspector.likelihood.setValue(1)
    actions = window.menu_actions
    assert "Ethics && legality" in actions.undo.text()
    controller.undo()
    assert "Ethics && legality" in actions.redo.text()
    assert QKeySequence("Ctrl+Y") in actions.redo.shortcuts()


def test_a_recent_file_with_an_ampersand_is_listed_as_named(
    open_window, template_path, tmp_path
) -> None:
    named = tmp_path / "R&D case.rrisk"
    shutil.copy(template_path, named)
    window = open_window(named)
    window._fill_recent_menu()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions() if a.text()]
    assert "&1 R&&D case.rrisk" in labels


def test_a_recent_file_with_a_tab_in_its_name_is_listed_whole(
    open_window, template_path, tmp_path
) -> None:
    """Qt shows what follows a tab in an item's text as its shortcut ("Q3" at the right)."""
    named = tmp_path / "case\tQ3.rrisk"
    shutil.copy(template_path, named)
    window = open_window(named)
    window._fill_recent_menu()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions() if a.text()]
    assert "&1 case Q3.rrisk" in labels


def test_a_recent_file_that_is_gone_is_marked_in_the_menu(
    open_window, template_path, tmp_path
) -> None:
    """As the start page marks it: before it is clicked, not only after."""
    kept, gone = tmp_path / "kept.rrisk", tmp_path / "gone.rrisk"
    shutil.copy(template_path, kept)
    shutil.copy(template_path, gone)
    window = open_window(gone)
    window.files.open_path(str(kept))
    gone.unlink()
    window._fill_recent_menu()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions() if a.text()]
    assert "&1 kept.rrisk" in labels
    assert "&2 gone.rrisk — not found" in labels


def test_a_recent_file_with_a_long_name_is_listed_with_its_middle_cut(
    open_window, template_path, tmp_path
) -> None:
    """A name of 200 characters made the menu wider than the screen: the end of its item,
    where a file gone is marked, was off it."""
    from PySide6.QtGui import QFontMetrics

    kept, gone = tmp_path / "kept.rrisk", tmp_path / f"{'Tomtor review ' * 14}.rrisk"
    shutil.copy(template_path, kept)
    shutil.copy(template_path, gone)
    window = open_window(gone)
    window.files.open_path(str(kept))
    gone.unlink()
    window._fill_recent_menu()
    menu = window.menu_actions.recent_menu
    label = [a.text() for a in menu.actions() if a.text()][1]
    assert label.startswith("&2 Tomtor review") and label.endswith("review .rrisk — not found")
    assert "…" in label
    assert QFontMetrics(menu.font()).horizontalAdvance(label) < 800  # the offscreen screen's


def test_two_recent_files_of_one_name_are_told_apart_by_their_folder(
    open_window, template_path, tmp_path
) -> None:
    """A menu shows no tooltip: two "case.rrisk" read alike, and the wrong one was opened."""
    first, second = tmp_path / "2024" / "case.rrisk", tmp_path / "2025" / "case.rrisk"
    for path in (first, second):
        path.parent.mkdir()
        shutil.copy(template_path, path)
    other = tmp_path / "other.rrisk"
    shutil.copy(template_path, other)
    window = open_window(first)
    window.files.open_path(str(second))
    window.files.open_path(str(other))
    window._fill_recent_menu()
    labels = [a.text() for a in window.menu_actions.recent_menu.actions() if a.text()]
    assert labels[0] == "&1 other.rrisk"
    assert labels[1].startswith("&2 case.rrisk — ")
    assert labels[2].startswith("&3 case.rrisk — ")
    assert labels[1].endswith("2025") and labels[2].endswith("2024")


def test_undo_and_redo_shorten_a_step_naming_a_long_name(open_window, document_path) -> None:
    from PySide6.QtWidgets import QMenu

    window = open_window(document_path)
    controller = window.controller
    long_name = "Месторождение Томтор, участок Буранный " * 12  # ~470 characters
    assert controller.edit_item("project", "p1", {"name": long_name.strip()})
    assert controller.edit_cell("p1", "c1", {"likelihood": 5})
    undo = window.menu_actions.undo
    # What was done and where both show; the Edit menu stays within a screen's width (the
    # whole step made it ~3,500 pixels wide).
    assert undo.text().startswith("&Undo Edit likelihood of Месторождение Томтор")
    assert undo.text().endswith("/ Criterion 1")
    assert len(undo.text()) <= len("&Undo ") + 90
    menu = next(m for m in window.findChildren(QMenu) if undo in m.actions())
    assert menu.sizeHint().width() < 1000
    controller.undo()
    assert window.menu_actions.redo.text().endswith("/ Criterion 1")
    assert len(window.menu_actions.redo.text()) <= len("&Redo ") + 90
    # The status bar names the whole step, as before.
    assert long_name.strip() in window.statusBar().currentMessage()
