"""``rrisk-desktop [FILE] [--template ID]``: the application entry point and the window factory.

:func:`build_main_window` is also the testing contract: it returns the shown main window
without entering the event loop, creates no ``QApplication`` and opens no modal dialog (a
file that cannot be opened is reported on the start page instead). A large file is still
being read in the background when it returns (``window.files.opening``).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from desktop.window.startup import quicken_pyside_import_scan, release_bundle_environment
from rrisk import __version__, collector

if TYPE_CHECKING:
    from desktop.settings import Settings
    from desktop.window.main_window import MainWindow

_STYLED = "_rrisk_styled"


@functools.cache
def _window_class() -> type[MainWindow]:
    """The main window's class, imported on first use (numpy, the model and every room).

    Those ~300 modules are imported with PySide's per-import scan made cheap and the cyclic
    collector paused, then frozen out of its reach (their objects live to the end; its
    passes over them cost ~25 ms).
    """
    quicken_pyside_import_scan()
    with collector.paused():
        from desktop.window.main_window import MainWindow

        collector.freeze_imported()

    return MainWindow


def __getattr__(name: str) -> object:
    """``desktop.app.MainWindow`` still names the window's class (imported on first use)."""
    if name == "MainWindow":
        return _window_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DESKTOP_FILE = "org.rrisk.RRisk"


def prepare_application(app: QApplication) -> None:
    """Names (for QSettings), style and palette; applied once per application."""
    if app.property(_STYLED):
        return
    app.setApplicationVersion(__version__)
    # The shipped entry's name (packaging/org.rrisk.RRisk.desktop): desktops link the running
    # window to its menu entry and icon by it (the Wayland app id too).
    app.setDesktopFileName(DESKTOP_FILE)
    from desktop.settings import APPLICATION, ORGANISATION
    from desktop.ui.style import apply_app_style

    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    apply_app_style(app)
    app.setProperty(_STYLED, True)


def _template_ids() -> list[str]:
    from rrisk.templates import list_templates

    return [info.id for info in list_templates()]


def build_main_window(
    path: str | None = None,
    settings: Settings | None = None,
    *,
    template: str | None = None,
) -> MainWindow:
    """The shown main window: on the start page, with ``path`` open, or on a new document.

    ``template`` opens a new, untitled and unsaved document from that bundled template (as
    "New from template" does); an unknown id leaves the start page up with a banner naming
    the known templates. A ``path`` wins over a ``template`` when both are given.
    """
    return _build_window(path, settings, template=template)[0]


def _build_window(
    path: str | None,
    settings: Settings | None,
    *,
    template: str | None = None,
) -> tuple[MainWindow, bool]:
    """:func:`build_main_window`, and whether opening ``path`` was cancelled (a question
    before it, such as its autosave's Restore or Discard): nothing opened, nothing to say."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("build_main_window needs a QApplication to exist")
    window_class = _window_class()
    prepare_application(app)
    # Opened on a file or template, the window makes its start page only if that fails.
    window = window_class(settings, start_page=not path and template is None)
    window.show()
    message = ""
    cancelled = False
    if path:
        # As File > Open does: an autosave newer than the file (a crash) is offered first. A
        # large file is read in the background: the window shows it, or the start page
        # saying why it could not, once read (MainWindow._open_stopped).
        error = window.files.open_checked(path)
        if error:
            message = f"The file could not be opened. {error}"
        cancelled = error == ""
    elif template is not None:
        known = _template_ids()
        if template in known:
            window.files.new_document(template)
        else:
            message = (
                f"There is no template called “{template}”. Known templates: {', '.join(known)}."
            )
    if not window.files.is_open and not window.files.opening:
        window.show_start(message)
    return window, cancelled


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rrisk-desktop",
        description="RRisk desktop app: risk matrices of projects × criteria for investment "
        "decisions.",
        epilog="Qt options such as -platform or -style are passed on to Qt. "
        f"Bundled templates: {', '.join(_template_ids())}.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a .rrisk assessment to open (several open in windows of their own; a file:// "
        "address is read as the file it names)",
    )
    parser.add_argument(
        "--template",
        metavar="ID",
        help="open a new, unsaved assessment from this bundled template (e.g. russia-rare-earths)",
    )
    parser.add_argument("--version", action="version", version=f"rrisk-desktop {__version__}")
    return parser


def _split_qt_arguments(args: list[str]) -> tuple[list[str], list[str]]:
    """(our arguments, Qt's): Qt's own options are single-dash words such as ``-platform``."""
    ours: list[str] = []
    qt: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        if arg in _QT_OPTIONS_WITH_VALUE and position + 1 < len(args):
            qt += [arg, args[position + 1]]
            position += 2
            continue
        if arg in _QT_FLAGS:
            qt.append(arg)
        else:
            ours.append(arg)
        position += 1
    return ours, qt


_QT_OPTIONS_WITH_VALUE = {
    "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qmljsdebugger",
    "-style", "-stylesheet", "-display", "-geometry", "-qwindowgeometry", "-qwindowtitle",
    "-qwindowicon", "-title", "-name", "-session", "-qwindowtheme",
}  # fmt: skip
_QT_FLAGS = {"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"}


class HandedFiles:
    """Files that later launches hand over: each opens in a window of this one process (the
    first window while it shows the start page, else a new one), as a file manager expects."""

    def __init__(self, first: MainWindow) -> None:
        self.windows: list[MainWindow] = []
        self._keep(first)

    def _keep(self, window: MainWindow) -> None:
        self.windows.append(window)
        window.closed.connect(functools.partial(self._closed, window))
        window.openElsewhere.connect(self.open)

    def _closed(self, window: MainWindow) -> None:
        """A window closed is let go of (its document, undo history and views; each one kept
        tens of megabytes until the app ended), once no job has signals still on their way:
        one stopping after the close still reports to its window."""
        if window in self.windows:
            self.windows.remove(window)
        # (told from its closeEvent: the window is hidden once that returns)
        QTimer.singleShot(0, functools.partial(self._delete_when_idle, window))

    def _delete_when_idle(self, window: MainWindow) -> None:
        from shiboken6 import isValid

        from desktop.files import jobs

        if not isValid(window) or window.isVisible():
            return  # gone already, or not closed after all
        if jobs.in_flight():
            QTimer.singleShot(250, functools.partial(self._delete_when_idle, window))
            return
        window.deleteLater()

    def _alive(self) -> list[MainWindow]:
        from shiboken6 import isValid

        return [w for w in self.windows if isValid(w) and w.isVisible()]

    def open(self, path: str) -> MainWindow | None:
        """The window that now shows ``path``: the one that already had it open comes to the
        front (a second window on one file would overwrite the other's edits). None when the
        user cancelled its opening in the window made for it, which then closes."""
        from desktop.files.document_files import window_holding

        alive = self._alive()
        holder = window_holding(path)
        if holder in alive:
            holder.bring_to_front()
            return holder
        idle = next((w for w in alive if not w.files.is_open and not w.files.opening), None)
        if idle is not None:
            idle.open_handed_file(path)
            return idle
        window, cancelled = _build_window(path, alive[0].settings if alive else None)
        if alive and cancelled:
            # The question before it was cancelled (its autosave's Restore or Discard): the
            # file stays unopened, as it does for an Open cancelled so, and no window is left
            # behind for it (an empty one on the start page stayed, beside the user's own).
            window.close()
            window.deleteLater()
            return None
        window.bring_to_front()
        self.windows = alive
        self._keep(window)
        return window

    def show(self) -> None:
        """A later launch without a file: the newest open window comes to the front. A window
        the user closed stays closed (it held what was discarded in it)."""
        alive = self._alive()
        self.windows = alive or self.windows
        if alive:
            alive[-1].bring_to_front()


class _Later:
    """What later launches ask for before the first window is built: kept, then done."""

    def __init__(self) -> None:
        self.files: HandedFiles | None = None
        self.waiting: list[str | None] = []

    def open(self, path: str) -> None:
        if self.files is None:
            self.waiting.append(path)
        else:
            self.files.open(path)

    def show(self) -> None:
        if self.files is None:
            self.waiting.append(None)
        else:
            self.files.show()

    def start(self, files: HandedFiles) -> None:
        self.files = files
        waiting, self.waiting = self.waiting, []
        for path in waiting:
            self.open(path) if path is not None else self.show()


def local_path(argument: str) -> str:
    """A command-line file as a path: a ``file://`` address (as some launchers pass one) is the
    file it names; anything else, ``file:case.rrisk`` included, is a path as typed."""
    if argument.lower().startswith("file://"):
        from PySide6.QtCore import QUrl

        url = QUrl(argument)
        if url.isLocalFile():
            return url.toLocalFile()
    return argument


def _hand_over_all(files: list[str]) -> tuple[list[str], set[str]]:
    """Offer each file (or, with none, "come to the front") to a running app: the files it did
    not take, and its answers. Once it is silent (hung), the others are not offered: each
    offer would wait for nothing."""
    from desktop.window import instance

    kept: list[str] = []
    answers: set[str] = set()
    offers: list[str | None] = [*files] or [None]
    for path in offers:
        answer = instance.SILENT if instance.SILENT in answers else instance.send(path)
        answers.add(answer)
        if answer != instance.TAKEN and path is not None:
            kept.append(path)
    return kept, answers


def main(argv: list[str] | None = None) -> int:
    """Run the desktop app."""
    args = list(sys.argv[1:] if argv is None else argv)
    ours, qt_args = _split_qt_arguments(args)
    quicken_pyside_import_scan()
    # Unknown options end here with the usage and exit status 2, like every other CLI. (The
    # help lists the bundled templates, which imports the model: no collector passes there.)
    with collector.paused():
        options = _parser().parse_args(ours)
    app = QApplication([sys.argv[0], *qt_args])
    release_bundle_environment()  # a viewer the app starts gets the user's paths, not ours
    from desktop.window import instance

    single = os.environ.get(instance.SKIP_ENV) != "1" and options.template is None
    files = [local_path(argument) for argument in options.files]
    later = _Later()
    if single:
        # Each file the running app answers for is its to open; the rest open here.
        files, answers = _hand_over_all(files)
        if answers == {instance.TAKEN}:
            return 0  # the running window opens the files (or comes to the front)
        # Listen before the window is built: a launch started at the same moment (two files
        # opened at once) then finds this one and hands its file over.
        server = instance.InstanceServer(later.open, later.show, app)
        if not server.listening and instance.SILENT not in answers:
            # Another launch took the name since (it answers once its window is up). A hung
            # app, asked already, is not asked again: the files open here, in a window apart.
            files, answers = _hand_over_all(files)
            if answers == {instance.TAKEN}:
                return 0
        app.aboutToQuit.connect(server.close)
    first, rest = (files[0], files[1:]) if files else (None, [])
    opened_by_system = instance.FileOpenEvents(app)  # macOS: files opened from the Finder
    app.installEventFilter(opened_by_system)
    from desktop.window.crash import install_excepthook

    install_excepthook()
    window = build_main_window(str(Path(first)) if first else None, template=options.template)
    windows = HandedFiles(window)
    for path in rest:
        windows.open(path)
    opened_by_system.deliver_to(windows.open)
    later.start(windows)
    window.raise_()
    code = app.exec()
    # A job the closed windows cancelled may still be stopping: wait for it while its
    # signals exist (PySide deletes them with the application, and its next report failed
    # in its thread with a traceback).
    QThreadPool.globalInstance().waitForDone()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
