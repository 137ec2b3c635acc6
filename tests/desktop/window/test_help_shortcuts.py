"""F1's list of shortcuts names every shortcut the window binds (a new one cannot be missed)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton

from desktop.window.help_text import SHORTCUTS


def test_every_bound_shortcut_is_listed_in_the_help(open_window, template_path) -> None:
    window = open_window(template_path)
    bound: set[str] = set()
    for action in window.findChildren(QAction):
        # The primary binding; the platform's alternatives (Alt+Backspace for undo...) are
        # the system's, not ours to document.
        bound.add(action.shortcut().toString(QKeySequence.SequenceFormat.PortableText))
    for shortcut in window.findChildren(QShortcut):
        bound.add(shortcut.key().toString(QKeySequence.SequenceFormat.PortableText))
    for button in window.findChildren(QAbstractButton):
        sequence = button.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if sequence and not sequence.startswith("Alt+"):  # mnemonics of labels
            bound.add(sequence)
    bound.discard("")
    listed = SHORTCUTS.replace("Escape", "Esc")
    missing = sorted(key for key in bound if key.replace("Escape", "Esc") not in listed)
    assert "Ctrl+R" in bound
    assert missing == [], missing


LINUX_KEYS = {
    QKeySequence.StandardKey.New: ["Ctrl+N"],
    QKeySequence.StandardKey.Open: ["Ctrl+O"],
    QKeySequence.StandardKey.Save: ["Ctrl+S"],
    QKeySequence.StandardKey.Close: ["Ctrl+W"],
    QKeySequence.StandardKey.Quit: ["Ctrl+Q"],
    QKeySequence.StandardKey.Undo: ["Ctrl+Z", "F14"],
    QKeySequence.StandardKey.Redo: ["Ctrl+Shift+Z"],
}
"""Qt's standard keys under a Linux desktop's (X11, GNOME or KDE) keyboard scheme."""


def test_every_window_key_the_list_names_is_bound_on_a_linux_desktop(
    open_window, template_path, monkeypatch
) -> None:
    """The list is the same on every platform: a key it names works on each (Ctrl+F4, which
    Qt binds to Close on Windows alone, did nothing on Linux)."""

    class LinuxKeys(QKeySequence):
        @staticmethod
        def keyBindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:  # noqa: N802
            return [QKeySequence(keys) for keys in LINUX_KEYS[key]]

    monkeypatch.setattr("desktop.window.actions.QKeySequence", LinuxKeys)
    window = open_window(template_path)
    text = QKeySequence.SequenceFormat.PortableText
    bound = {s.toString(text) for a in window.findChildren(QAction) for s in a.shortcuts()}
    bound |= {s.key().toString(text) for s in window.findChildren(QShortcut)}
    listed: list[str] = []
    section = ""
    for line in SHORTCUTS.splitlines():
        if line and not line.startswith(" "):
            section = line
        elif section in ("Files", "Editing", "Moving around"):
            keys = line.strip().partition("  ")[0].split(" / ")
            listed += [key for key in keys if key.startswith(("Ctrl+", "Shift+", "F"))]
    assert "Ctrl+F4" in listed and "Ctrl+Y" in listed
    assert [key for key in listed if key not in bound] == []


def test_the_view_menu_has_one_cell_inspector_entry(open_window, template_path) -> None:
    window = open_window(template_path)
    texts = [a.text().replace("&", "").casefold() for a in window.view_menu.actions()]
    assert texts.count("cell inspector") == 1
    toggle = next(a for a in window.view_menu.actions() if a.text() == "Cell inspector")
    toggle.trigger()
    assert not window.inspector_dock.isVisibleTo(window)
    next(
        a
        for a in window.view_menu.actions()
        if "inspector" in a.text().casefold() and a is not toggle
    ).trigger()
    assert window.inspector_dock.isVisibleTo(window)


def test_the_shortcuts_show_as_one_line_each(open_window, template_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog, QLabel

    window = open_window(template_path)
    shown: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.menu_actions.shortcuts_help.trigger()
    (dialog,) = shown
    label = dialog.findChild(QLabel)
    assert not label.wordWrap()
    assert "<td style='white-space:pre; padding-right:16px'>Ctrl+Shift+N</td>" in label.text()
    dialog.show()
    assert dialog.width() >= label.sizeHint().width()  # nothing wraps or is cut


def test_the_lists_keys_are_listed_and_work(panel, controller, qtbot) -> None:
    """Keys the editors' lists handle themselves (not window shortcuts) are in the list too."""
    from PySide6.QtCore import Qt

    for keys in ("Insert", "Delete", "Alt+Up / Alt+Down", "F2", "F1"):
        assert f"  {keys}" in SHORTCUTS, keys
    editor = panel.criteria
    editor.table.selectRow(0)
    count = editor.model.rowCount()
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert editor.model.rowCount() == count + 1  # Insert adds, as listed


def test_the_keys_fields_and_lists_take_themselves_are_listed_in_their_section() -> None:
    """F1 lists every shortcut (the README says so): Return in an evidence field adds the
    link and Delete takes a recent file off the start page, as their own tests show."""
    sections: dict[str, list[str]] = {}
    for line in SHORTCUTS.splitlines():
        if line and not line.startswith(" "):
            section = sections.setdefault(line, [])
        elif line.strip():
            section.append(line.strip())
    assert "Return  in the evidence quote or page: add the link" in sections["In the inspector"]
    assert (
        "Delete  on the start page: take the selected recent file off the list"
        in sections["Moving around"]
    )
    # The charts and the 5×5 matrix take the keyboard (their own tests show it).
    assert (
        "Tab  on to the selected project's 5×5 matrix"
        in sections["In the ranking and the heat map"]
    )
    assert "Tab  on to the rank and P10–P90 charts, and the tornado" in sections["Analysis"]
    assert (
        "Up/Down, Home/End  in the tornado: choose a criterion's bar, said aloud with its "
        "figures" in sections["Analysis"]
    )
    assert (
        "Up/Down, Home/End  in a chart: choose a project, as a click on its row does"
        in sections["Analysis"]
    )


def test_the_shortcuts_fit_the_screen_and_scroll(open_window, template_path, monkeypatch) -> None:
    """The list is taller than a 1280 × 720 screen: the dialog fits the screen, Close in
    view, and the table scrolls (it was 1,012 px tall, its end and Close off the screen).
    The window's screen is such a screen, whatever the one the tests run on."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea

    class SmallScreen:
        def availableGeometry(self) -> QRect:
            return QRect(0, 0, 1280, 720)

    window = open_window(template_path)
    monkeypatch.setattr(window, "screen", SmallScreen)
    shown: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.menu_actions.shortcuts_help.trigger()
    (dialog,) = shown
    dialog.show()
    screen = SmallScreen().availableGeometry()
    label = dialog.findChild(QLabel)
    assert label.sizeHint().height() > screen.height()  # the list itself is taller
    assert dialog.height() < screen.height()
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None and scroll.widget() is label
    assert scroll.verticalScrollBar().maximum() > 0  # the rest is reached by scrolling
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.geometry().bottom() < dialog.height()


def test_tab_reaches_the_shortcuts_list_and_a_screen_reader_reads_it(
    open_window, template_path, monkeypatch
) -> None:
    """The list was a label no key could reach: a screen reader read only the Close button."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QDialog, QLabel

    window = open_window(template_path)
    shown: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.menu_actions.shortcuts_help.trigger()
    (dialog,) = shown
    dialog.show()
    label = dialog.findChild(QLabel)
    chain, widget = [], dialog.nextInFocusChain()
    while widget is not dialog:
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert label in chain
    said = QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
    assert "Ctrl+Shift+N" in said and "<td" not in said


def test_the_readme_names_every_key_of_the_list_beyond_the_standard_ones() -> None:
    """The README's keyboard section names the window's own keys, as F1 does (it left out
    the keys that move to the matrix, the inspector, the scenarios and the editors, and the
    one for a template): Save As and Redo's Ctrl+Shift keys go by their names there."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    named = {"Ctrl+Shift+S", "Ctrl+Shift+Z"}  # "standard shortcuts for … Save As, … Redo"
    keys = {
        key
        for line in SHORTCUTS.splitlines()
        if line.startswith("  ")
        for key in re.split(r" / | or ", line.strip().partition("  ")[0])
        if re.fullmatch(r"Ctrl\+Shift\+[A-Z0-9]+|(Ctrl\+|Shift\+)?F\d+", key)
    }
    assert {"Ctrl+Shift+M", "Ctrl+Shift+N", "F8", "Ctrl+F4"} <= keys
    assert sorted(key for key in keys - named if key not in readme) == []
