"""``rrisk-desktop [FILE]``: the application entry point and the window factory.

:func:`build_main_window` is also the testing contract: it returns the shown main window
without entering the event loop, creates no ``QApplication`` and opens no modal dialog (a
file that cannot be opened is reported on the start page instead).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow
from desktop.settings import APPLICATION, ORGANISATION, Settings
from desktop.style import apply_app_style
from rrisk import __version__

_STYLED = "_rrisk_styled"


def prepare_application(app: QApplication) -> None:
    """Names (for QSettings), style and palette; applied once per application."""
    if app.property(_STYLED):
        return
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("rrisk")
    apply_app_style(app)
    app.setProperty(_STYLED, True)


def build_main_window(path: str | None = None, settings: Settings | None = None) -> MainWindow:
    """The shown main window, on the start page or with ``path`` open."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("build_main_window needs a QApplication to exist")
    prepare_application(app)
    window = MainWindow(settings)
    window.show()
    if path:
        error = window.files.try_open(path)
        if error is not None:
            window.show_start(f"The file could not be opened. {error}")
    return window


def main(argv: list[str] | None = None) -> int:
    """Run the desktop app."""
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="rrisk-desktop", description="RRisk desktop app")
    parser.add_argument("file", nargs="?", help="a .rrisk assessment to open")
    parser.add_argument("--version", action="version", version=f"rrisk-desktop {__version__}")
    options, qt_args = parser.parse_known_args(args)
    app = QApplication([sys.argv[0], *qt_args])
    from desktop.crash import install_excepthook

    install_excepthook()
    window = build_main_window(str(Path(options.file)) if options.file else None)
    window.raise_()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
