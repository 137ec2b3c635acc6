"""Help → About names the version and licence and lists what RRisk ships with."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.window.about import AboutDialog
from rrisk import __version__


def test_about_shows_version_icon_licence_and_notices(open_window, template_path, qtbot):
    window = open_window(template_path)
    window.menu_actions.about.trigger()
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.activeModalWidget(), AboutDialog)
            or bool(window.findChildren(AboutDialog))
        ),
        timeout=3000,
    )
    (dialog,) = window.findChildren(AboutDialog)
    assert dialog.findChild(type(dialog.notices), "aboutNotices") is dialog.notices
    assert f"RRisk {__version__}" in dialog.findChild(object, "aboutTitle").text()
    assert not dialog.findChild(object, "aboutIcon").pixmap().isNull()
    notices = dialog.notices.toPlainText()
    for library in ("Python", "PySide6", "numpy", "pandas", "reportlab"):
        assert library.casefold() in notices.casefold(), library
    assert "Fonts:" in notices
    dialog.close()


def test_the_notices_are_named_for_screen_readers(qtbot) -> None:
    """The notices' text box is read by its heading's name (it was an unnamed text box)."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    interface = QAccessible.queryAccessibleInterface(dialog.notices)
    assert interface.text(QAccessible.Text.Name) == "Third-party notices"
    heading = next(label for label in dialog.findChildren(QLabel) if label.buddy())
    assert heading.text() == "Third-party notices" and heading.buddy() is dialog.notices
