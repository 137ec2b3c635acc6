"""Fixtures for the desktop tests: small documents built in code, isolated settings."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from desktop_documents import make_document

from rrisk.model import Assessment


@pytest.fixture
def small_document() -> Assessment:
    return make_document()


@pytest.fixture
def document_path(tmp_path: Path, small_document: Assessment) -> Path:
    from rrisk.fileformat import save

    path = tmp_path / "case.rrisk"
    save(small_document, path)
    return path


@pytest.fixture(autouse=True)
def quiet_between_tests():
    """No test's background work runs into the next one, and the garbage a test leaves is
    collected as it ends, in the GUI thread while no worker thread runs: a cycle the
    collector cannot free safely then fails the test that made it, not a later one. (Undo
    commands that held their controller strongly made such a cycle with a controller that
    has no parent, as tests build them.) The jobs that ended are let go of first, with their
    hold on the collector (see :mod:`rrisk.collector`: automatic collection is held while a
    job runs, so that it never runs in a worker thread, where it crashed the process now and
    then, freeing a closed window's widgets there)."""
    import gc

    from PySide6.QtCore import QThreadPool

    from desktop.files import jobs

    yield
    QThreadPool.globalInstance().waitForDone(60_000)
    jobs.settle()
    gc.collect()


@pytest.fixture(autouse=True)
def widgets_kept_until_teardown(monkeypatch):
    """A widget given to ``qtbot.addWidget`` lives until pytest-qt closes it at teardown, as a
    window keeps the panels it shows. pytest-qt holds it only weakly: a shown widget that the
    test alone named was freed as the test returned, or later by the cycle collector, and a
    view painted after its Python half was gone crashed the run now and then. One the app
    deletes itself (closed with ``WA_DeleteOnClose``) is let go of as it goes, so pytest-qt
    never closes it twice."""
    from pytestqt.qtbot import QtBot

    kept: dict[int, object] = {}
    add_widget = QtBot.addWidget

    def keep(self, widget, *, before_close_func=None) -> None:  # noqa: ANN001
        add_widget(self, widget, before_close_func=before_close_func)
        key = id(widget)
        kept[key] = widget
        widget.destroyed.connect(lambda *_: kept.pop(key, None))

    monkeypatch.setattr(QtBot, "addWidget", keep)
    yield kept
    kept.clear()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path):
    """Every desktop test stores its settings in its own INI file, never the user's."""
    from desktop.settings import use_settings_file

    use_settings_file(tmp_path / "settings" / "rrisk.ini")
    yield tmp_path / "settings" / "rrisk.ini"
    use_settings_file(None)


TEMPLATE_ID = "russia-rare-earths"


@pytest.fixture
def template_path(tmp_path: Path) -> Path:
    """The bundled Russian rare-earth case saved as a .rrisk file."""
    from rrisk.fileformat import save
    from rrisk.templates import new_from_template

    path = tmp_path / "rare-earths.rrisk"
    save(new_from_template(TEMPLATE_ID), path)
    return path


@pytest.fixture
def open_window(qtbot):
    """Factory: ``open_window(path=None)`` builds the real main window; closed after the test,
    without a prompt (the test has already checked what it wanted). ``open_window.keep(w)``
    has another window the test made (a file handed over) closed the same way.

    Not through ``qtbot.addWidget``: the app lets go of a window once closed, and pytest-qt
    would close its Python side again after the C++ window was gone."""
    from shiboken6 import isValid

    from desktop.app import build_main_window
    from desktop.ui.typing import commit_typing

    windows: list = []

    def build(path: str | Path | None = None):
        window = build_main_window(str(path) if path is not None else None)
        windows.append(window)
        return window

    build.keep = windows.append  # type: ignore[attr-defined]
    yield build
    for window in windows:
        if isValid(window):
            # What the test left typed is applied first, as closing applies it: marked clean
            # before, it made the document changed again and the close asked to save it, a
            # question nobody answers here (the run never ended).
            commit_typing(window)
            window.controller.undo_stack.setClean()
            # What the test left running of the user's (a job held, never run) is stopped
            # first, or the close would ask whether to wait for it (desktop.ui.closing).
            window.memo.cancel()
            window.exchange.cancel_export()
            if window.lazy_tabs.built("screening"):
                window.screening_panel.importer.cancel()
            window.close()
            window.deleteLater()


@pytest.fixture
def controller(qtbot):
    """A controller over the ranked document of ``results_fixtures`` (results, editors)."""
    from results_fixtures import ranked_document

    from desktop.document.controller import DocumentController

    return DocumentController(ranked_document())


@pytest.fixture
def panel_size() -> tuple[int, int]:
    return 900, 700


@pytest.fixture
def panel(qtbot, controller, panel_size):
    """The editors panel over ``controller``, shown at ``panel_size``."""
    from desktop.editors.panel import EditorsPanel

    widget = EditorsPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(*panel_size)
    widget.show()
    return widget


@pytest.fixture
def window_size() -> tuple[int, int] | None:
    """Size of the ``window`` fixture; None keeps the size the window restores itself."""
    return None


@pytest.fixture
def window(qtbot, window_size):
    """The main window on the bundled template, workspace shown; closed without a prompt."""
    from desktop.app import build_main_window
    from desktop.ui.typing import commit_typing

    def unchanged(window) -> None:  # noqa: ANN001 - what is typed applied, as in open_window
        commit_typing(window)
        window.controller.undo_stack.setClean()

    window = build_main_window(template=TEMPLATE_ID)
    qtbot.addWidget(window, before_close_func=unchanged)
    if window_size is not None:
        window.resize(*window_size)
        qtbot.waitUntil(lambda: window.width() == window_size[0])
    window.show_workspace()
    return window


@pytest.fixture(autouse=True)
def memo_checks(monkeypatch) -> list:
    """The check list before a memo export is modal: here it answers "Export anyway" and
    records what it listed, so export tests run unattended (tests of the list read it)."""
    from PySide6.QtWidgets import QDialog

    from desktop.files.memo_check import MemoCheckDialog

    shown: list = []

    def answer(dialog: MemoCheckDialog) -> int:
        shown.append(
            [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
        )
        return int(getattr(dialog, "answer", QDialog.DialogCode.Accepted).value)

    monkeypatch.setattr(MemoCheckDialog, "exec", answer)
    return shown


@pytest.fixture
def answer_boxes(monkeypatch):
    """``answer_boxes(label)``: every message box built and run with ``exec`` from now on is
    answered with its button labelled ``label`` (mnemonic ``&`` ignored); returns the list
    of the boxes' texts, in the order they were asked."""
    from PySide6.QtWidgets import QMessageBox

    def install(label: str) -> list[str]:
        seen: list[str] = []

        def choose(box: QMessageBox) -> int:
            seen.append(box.text())
            next(b for b in box.buttons() if b.text().replace("&", "") == label).click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", choose)
        return seen

    return install


@pytest.fixture
def app_style_in(qapp, monkeypatch):
    """``app_style_in(scheme)``: the app's style applied as when the system asks for ``scheme``
    (a ``Qt.ColorScheme``); returns the application. Its palette and sheet come back after."""
    from PySide6.QtGui import QGuiApplication

    from desktop.ui import style

    palette, sheet = qapp.palette(), qapp.styleSheet()

    def apply(scheme):  # noqa: ANN001, ANN202 - a Qt.ColorScheme
        class Hints:
            def colorScheme(self):  # noqa: N802 - Qt's name
                return scheme

        monkeypatch.setattr(QGuiApplication, "styleHints", staticmethod(lambda: Hints()))
        style.apply_app_style(qapp)
        return qapp

    yield apply
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def said_aloud(monkeypatch) -> list[str]:
    """What the app has a screen reader say (its announcement events), in order."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    said: list[str] = []

    def update(event) -> None:  # noqa: ANN001 - a QAccessibleEvent
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    return said


WAIT_MS = 60_000
"""How long a fixture waits for a read to end (a loaded machine is slow; no time is asserted)."""


@pytest.fixture
def held_decoding(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A read in a worker thread (a large file opened, a large copy's title, the earlier
    version of a comparison) waits once its file is unzipped, in its decoding, until the test
    lets it go (``.set()``; ``.started`` is set once it waits). ``.answers`` are what the reader's stop points were told, in order
    (True: stop); ``.checked`` holds the documents validated after decoding. Reads in the GUI
    thread (a small file, opened at once) are neither held nor counted. Let go at the end in
    any case."""
    from PySide6.QtCore import QThreadPool

    from rrisk import fileformat

    started, release = threading.Event(), threading.Event()
    answers: list[bool] = []
    checked: list[object] = []
    decode, stop_point, parse = (
        fileformat.decode_document_json,
        fileformat.stop_point,
        fileformat.parse_assessment,
    )

    def decoding(raw, path=None, fast=True):  # noqa: ANN001, ANN202
        if threading.current_thread() is not threading.main_thread():
            started.set()
            release.wait(WAIT_MS / 1000)
        return decode(raw, path, fast)

    def consulted(should_stop):  # noqa: ANN001, ANN202
        if threading.current_thread() is not threading.main_thread():
            answers.append(should_stop is not None and should_stop())
        stop_point(should_stop)

    def checking(body):  # noqa: ANN001, ANN202
        if threading.current_thread() is not threading.main_thread():
            checked.append(body)
        return parse(body)

    monkeypatch.setattr(fileformat, "decode_document_json", decoding)
    monkeypatch.setattr(fileformat, "stop_point", consulted)
    monkeypatch.setattr(fileformat, "parse_assessment", checking)
    release.started = started  # type: ignore[attr-defined]
    release.answers = answers  # type: ignore[attr-defined]
    release.checked = checked  # type: ignore[attr-defined]
    yield release
    release.set()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
