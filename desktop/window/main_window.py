"""The main window: start page or workspace (matrix, results, editors) plus the inspector."""

from __future__ import annotations

import contextlib
import itertools
from typing import TYPE_CHECKING, cast

import numpy as np
from PySide6.QtCore import QChildEvent, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.changes.flow import ChangesFlow
from desktop.document.controller import DocumentController
from desktop.files.document_files import DocumentFiles
from desktop.files.exchange import MatrixExchange
from desktop.files.memo_export import MemoExporter
from desktop.files.recovery_list import RecoveryList, recovery_offers_signal
from desktop.matrix.inspector import CellInspector
from desktop.matrix.view import MatrixView
from desktop.settings import Settings, recent_files_signal
from desktop.ui import cjk, style
from desktop.ui.busy import busy
from desktop.ui.closing import AwaitedJob, may_close
from desktop.ui.command_keys import CommandKeys
from desktop.ui.mnemonics import letters_of, mnemonic
from desktop.ui.refusals import announce, clear_refusal, mark_refusal, say_until_changed
from desktop.ui.text import single_line
from desktop.ui.typing import commit_typing
from desktop.window import help_text
from desktop.window.actions import build_menus, build_toolbar, create_actions, name_clear_cells
from desktop.window.cascade import cascade
from desktop.window.file_flow import FileDrops, FileFlow
from desktop.window.lazy_tabs import LazyTabs
from desktop.window.narrow_window import TabCornerLabel, ToolbarFit
from desktop.window.panels import (
    make_analysis_panel,
    make_editors_panel,
    make_results_panel,
    make_screening_panel,
)
from desktop.window.run_shortcut import RunFromAnyTab
from desktop.window.structure import StructureEdits
from rrisk.outputs import same_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.analysis.panel import AnalysisPanel
    from desktop.results.panel import ResultsPanel
    from desktop.screening.panel import ScreeningPanel
    from desktop.window.start_screen import StartScreen
    from rrisk.screening.screen import ScreeningReport
from rrisk.fileformat import EXTENSION
from rrisk.text import names_apart

APP_NAME = "RRisk"
DROPS_WATCHED = "rriskDropsWatched"
"""A dock's property: its floating window hands a dragged .rrisk to the window."""
LARGE_SWITCH = 40_000
"""Cells from which a change of scenario in the toolbar shows the wait cursor and says so:
half a second or more, all views recomputed (1,000 projects × 40 criteria)."""


def keyboard_to(window: QWidget, widget: QWidget) -> None:
    """Bring the keyboard to ``widget``, just given the focus, when it is in a window other
    than the active one of ``window`` and its floating docks. A floating dock (the inspector,
    the Changes view) is a window of its own: a focus set in the one not active stayed
    there unseen, and the keys went on to the other."""
    holder, active = widget.window(), QApplication.activeWindow()
    if active is None or active is holder:
        return  # another program is in front, or the keyboard is there already
    if active is window or active.parentWidget() is window:
        holder.raise_()
        holder.activateWindow()


_OPENED = itertools.count()
"""The order windows are made in, to cascade a new one from the last still open."""


class MainWindow(QMainWindow, StructureEdits, FileFlow):
    """One window, one document at a time."""

    closed = Signal()
    """The window was closed (its document saved or discarded, its jobs told to stop)."""
    openElsewhere = Signal(str)
    """A file for a window of its own: the second and later of several dropped at once."""

    def __init__(self, settings: Settings | None = None, *, start_page: bool = True) -> None:
        """``start_page`` False: the window shows an empty page until a document opens or
        :meth:`show_start` is called, and the start page is not made until then (a window
        opened on a file at launch never needs it)."""
        super().__init__()
        self.opened_order = next(_OPENED)
        self._close_once_saved: list[Callable[[bool], object]] | None = None
        """A close asked for during the save, to follow it: what waits for that close."""
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._file_drops = FileDrops(self)
        self.settings = settings or Settings()
        self.controller = DocumentController(parent=self)
        self.files = DocumentFiles(self, self.controller, self.settings)
        self.memo = MemoExporter(self, self.controller, self.settings)
        self.memo.screened = self._current_screening
        self.changes = ChangesFlow(
            self,
            self.controller,
            self.settings,
            changed_on_disk=self.files.changed_on_disk,
            reserved=self._letters_beside_changes,
        )
        self.exchange = MatrixExchange(self, self.controller, self.settings)

        self._start_screen: StartScreen | None = None
        self.recovery_offers = RecoveryList(self)
        self.recovery_offers.changed.connect(self._show_recoveries)
        self.matrix_view = MatrixView(self.controller, self)
        self.inspector = CellInspector(self.controller, self)
        self.inspector.leaveRequested.connect(self.focus_matrix)
        self.inspector.evidence.sourceRequested.connect(self._show_source)
        self.results_panel = make_results_panel(self.controller, self)
        self.menu_actions = create_actions(self, self.controller)
        # Ctrl+E exports the memo also from a text field (which would move its cursor).
        CommandKeys(self, [a for a in self.findChildren(QAction) if a.shortcuts()])
        menus = build_menus(self.menu_actions, self)
        for menu in menus.all():
            self.menuBar().addMenu(menu)
        self.view_menu = menus.view
        scenario_label = self.make_toolbar_label("Scenario", self.menu_actions.scenario_selector)
        self.toolbar = build_toolbar(self.menu_actions, scenario_label, self)
        self.addToolBar(self.toolbar)
        self._toolbar_fit = ToolbarFit(self.toolbar)
        self._build_workspace()
        self._build_status_bar()
        self._connect()
        self._restore_window()
        if start_page:
            self.show_start()
        else:
            self._show_page(self._empty_page)

    @property
    def start_screen(self) -> StartScreen:
        """The start page, made the first time it is shown or asked for."""
        if self._start_screen is None:
            from desktop.window.start_screen import StartScreen

            screen = StartScreen(self)
            self.stack.insertWidget(0, screen)
            f = self.files
            screen.newBlankRequested.connect(lambda: f.new_document())
            screen.templateRequested.connect(f.new_document)
            screen.openRequested.connect(f.open_dialog)
            screen.recentRequested.connect(self._open_recent)
            screen.recentRemoved.connect(self.settings.remove_recent_file)
            screen.recoverRequested.connect(self._recover)
            screen.discardRecoveryRequested.connect(self._discard_recovery)
            self._start_screen = screen
            self._refresh_recent()
            self._show_recoveries()
        return self._start_screen

    @property
    def analysis_panel(self) -> AnalysisPanel:
        return cast("AnalysisPanel", self.lazy_tabs.panel("analysis"))

    @property
    def editors_panel(self) -> QWidget:
        return self.lazy_tabs.panel("editors")

    @property
    def screening_panel(self) -> ScreeningPanel:
        return cast("ScreeningPanel", self.lazy_tabs.panel("screening"))

    def _current_screening(self) -> ScreeningReport | None:
        """The Screening tab's last screening when it is current for the document (None when
        the tab was never shown, or its screening is not)."""
        if not self.lazy_tabs.built("screening"):
            return None
        return self.screening_panel.current_report()

    # -- construction -------------------------------------------------------------------
    def _window_letters(self) -> set[str]:
        """The Alt letters shown beside every tab: the menus, the tabs, the inspector, the
        toolbar and the Changes view (a tab's panel takes its letters around them,
        :mod:`desktop.ui.mnemonics`)."""
        letters = {mnemonic(action.text()) for action in self.menuBar().actions()}
        letters |= {mnemonic(self.tabs.tabText(i)) for i in range(self.tabs.count())}
        # (A panel built while the window is still being made sees what exists so far.)
        shown = [getattr(self, name, None) for name in ("inspector_dock", "toolbar")]
        changes = getattr(self, "changes", None)
        shown.append(changes.dock if changes is not None else None)  # once a comparison ran
        letters |= letters_of(widget for widget in shown if widget is not None)
        return {letter for letter in letters if letter}

    def _letters_beside_changes(self) -> set[str]:
        """What the Changes view, shown beside every tab, must leave free: the window's own
        letters and those of every tab already built (later ones take theirs around it)."""
        letters = self._window_letters()
        for name in ("analysis", "editors", "screening"):
            if self.lazy_tabs.built(name):
                letters |= letters_of([self.lazy_tabs.panel(name)])
        return letters

    def _step_tab(self, step: int) -> None:
        """Show the next (``step`` 1) or previous (-1) tab, round the end."""
        if self.stack.currentWidget() is self.workspace and self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
            self._focus_into(self.tabs.currentWidget())

    def _pages_take_keys(self, controller: DocumentController) -> QWidget:
        """The Editors panel, whose pages' Alt letters take the keyboard into the page they
        show, as the window's tabs' do (:meth:`eventFilter`)."""
        panel = make_editors_panel(controller, self)
        if isinstance(panel, QTabWidget):
            panel.tabBar().installEventFilter(self)
        # A cell citing a source, clicked in Editors → Sources.
        panel.placeRequested.connect(self.go_to)  # type: ignore[attr-defined]
        return panel

    def _focus_into(self, page: QWidget | None) -> None:
        """The keyboard focus to the first field of ``page`` that takes it, unless it is in
        ``page`` already. Left where it was (in the inspector, say, beside every tab), a
        digit typed for the tab just shown would rescore the matrix's cell instead."""
        focus = QApplication.focusWidget()
        if page is None or (focus is not None and page.isAncestorOf(focus)):
            return
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (
                page.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                keyboard_to(self, widget)
                return
            widget = widget.nextInFocusChain()

    def _build_workspace(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("workspaceSplitter")
        splitter.addWidget(self.matrix_view)
        splitter.addWidget(self.results_panel)
        # The matrix keeps the height fitted to its rows; a resized window changes the results.
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        # Until the user drags the divider, the matrix keeps fitting its rows as the window
        # is resized; afterwards their choice stands.
        self._splitter_dragged = False
        splitter.splitterMoved.connect(self._splitter_moved)
        matrix_model = self.matrix_view.model()
        matrix_model.rowsInserted.connect(self._refit_matrix)
        matrix_model.rowsRemoved.connect(self._refit_matrix)
        matrix_model.modelReset.connect(self._refit_matrix)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workspaceTabs")
        self.tabs.setDocumentMode(True)
        style.pad_tabs(self.tabs)
        self.tabs.addTab(splitter, "&Matrix && results")
        # The other tabs are made when first shown or asked for: the matrix comes first.
        self.lazy_tabs = LazyTabs(self.tabs, reserved=self._window_letters)
        c = self.controller
        self.lazy_tabs.add("analysis", "&Analysis", lambda: make_analysis_panel(c, self))
        self.lazy_tabs.add("editors", "E&ditors", lambda: self._pages_take_keys(c))
        self.lazy_tabs.add("screening", "&Screening", lambda: make_screening_panel(c, self))
        # Ctrl+Tab / Ctrl+Shift+Tab from anywhere in the window: the matrix would take them as
        # Tab (the next cell), and the inspector's fields would swallow them.
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self._step_tab(step))
        # A tab's Alt letter takes the focus into the tab it shows, as Ctrl+Tab does.
        self.tabs.tabBar().installEventFilter(self)
        self.document_label = TabCornerLabel(self.tabs)
        self.document_label.setObjectName("documentLabel")
        self.document_label.setContentsMargins(0, 0, style.MARGIN, 0)
        self.lock_banner = QLabel(self)
        self.lock_banner.setObjectName("lockWarning")
        self.lock_banner.setStyleSheet(style.WARNING_SHEET)
        self.lock_banner.setWordWrap(True)
        self.lock_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.lock_banner.hide()
        self.autosave_banner = QLabel(self)
        self.autosave_banner.setObjectName("autosaveWarning")
        self.autosave_banner.setStyleSheet(style.WARNING_SHEET)
        self.autosave_banner.setWordWrap(True)
        self.autosave_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.autosave_banner.hide()
        self.workspace = QWidget(self)
        workspace_layout = QVBoxLayout(self.workspace)
        workspace_layout.setContentsMargins(0, 0, 0, 0)
        workspace_layout.setSpacing(0)
        workspace_layout.addWidget(self.lock_banner)
        workspace_layout.addWidget(self.autosave_banner)
        workspace_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget(self)
        # Shown only while a window with no document open reads a file (at launch, behind an
        # autosave offer, say, or from the start page), saying which; the start page takes
        # the stack's first place when it is made.
        self._empty_page = QWidget(self.stack)
        self._empty_page.setObjectName("emptyPage")
        self.opening_label = style.muted_label("", self._empty_page)
        self.opening_label.setObjectName("openingLabel")
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self._empty_page).addWidget(self.opening_label)
        self._opening_from_start = False
        self.stack.addWidget(self._empty_page)
        self.stack.addWidget(self.workspace)
        self.setCentralWidget(self.stack)
        self.run_from_any_tab = RunFromAnyTab(
            self, self.lazy_tabs, self.stack, self.workspace, self._focus_into
        )

        self.inspector_dock = QDockWidget("Cell inspector", self)
        self.inspector_dock.setObjectName("inspectorDock")
        self.inspector_dock.setStyleSheet(style.DOCK_SHEET)
        self.inspector_dock.setWidget(self.inspector)
        self.inspector_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.inspector_dock.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        toggle = self.inspector_dock.toggleViewAction()
        toggle.setObjectName("actionToggleInspector")
        self.view_menu.addAction(toggle)

    def _build_status_bar(self) -> None:
        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileLabel")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label.setToolTip(
            "Reviewed, draft: the assessed cells whose status is Reviewed, and the others (the "
            "baseline's cells: a scenario changes no review status)"
        )
        self.statusBar().setStyleSheet(style.STATUS_BAR_SHEET)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.file_label)

    def make_toolbar_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(f"  {text} ", self)
        label.setBuddy(buddy)
        return label

    def _connect(self) -> None:
        a, c, f = self.menu_actions, self.controller, self.files
        a.new.triggered.connect(lambda: f.new_document())
        a.new_from_template.triggered.connect(self._new_from_template_page)
        a.open.triggered.connect(f.open_dialog)
        # What acts on the document waits for a file being opened, which replaces it.
        unless = self._unless_opening
        a.save.triggered.connect(unless(f.save))
        a.save_as.triggered.connect(unless(f.save_as))
        a.export_memo.triggered.connect(unless(self.memo.export))
        a.export_memo_since.triggered.connect(unless(self.memo.export_since_file))
        a.compare.triggered.connect(unless(self.changes.compare))
        a.compare_saved.triggered.connect(unless(self.changes.compare_saved))
        self.changes.matrixRequested.connect(self.focus_matrix)
        self.changes.memoRequested.connect(self._export_memo_since)
        self.memo.placeRequested.connect(self.go_to)
        self.files.compareRequested.connect(self.changes.compare_with)
        self.files.saved.connect(self.changes.document_saved)
        a.export_matrix.triggered.connect(unless(self.exchange.export_dialog))
        a.import_matrix.triggered.connect(unless(self.exchange.import_dialog))
        a.close.triggered.connect(f.close_document)
        a.quit.triggered.connect(self.quit_all)
        a.add_project.triggered.connect(lambda: self.add_item("project"))
        a.add_criterion.triggered.connect(lambda: self.add_item("criterion"))
        a.remove_project.triggered.connect(lambda: self.remove_selected("project"))
        a.remove_criterion.triggered.connect(lambda: self.remove_selected("criterion"))
        a.rename_project.triggered.connect(lambda: self.rename_selected("project"))
        a.rename_criterion.triggered.connect(lambda: self.rename_selected("criterion"))
        view = self.matrix_view
        a.copy_cells.triggered.connect(lambda: self._cells_command(view.copy_selected))
        a.paste_cells.triggered.connect(lambda: self._cells_command(view.paste, edits=True))
        a.clear_cells.triggered.connect(
            lambda: self._cells_command(view.clear_selected, edits=True)
        )
        a.default_author.triggered.connect(self.ask_default_author)
        a.focus_matrix.triggered.connect(self.focus_matrix)
        a.focus_inspector.triggered.connect(self.focus_inspector)
        a.focus_scenario.triggered.connect(self.focus_scenario)
        a.show_editors.triggered.connect(self.focus_editors)
        a.focus_ranking.triggered.connect(self.focus_ranking)
        a.focus_changes.triggered.connect(self.focus_changes)
        a.next_draft.triggered.connect(self.next_draft_cell)
        a.shortcuts_help.triggered.connect(self._show_shortcuts)
        a.method_help.triggered.connect(
            lambda: QMessageBox.information(self, "Scoring method", help_text.METHOD)
        )
        a.about.triggered.connect(self.show_about)
        a.scenario_selector.activated.connect(self._show_scenario)
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)

        f.documentOpened.connect(self.show_workspace)
        f.savedAs.connect(self._update_title)
        f.documentClosed.connect(lambda: self.show_start())
        f.documentClosed.connect(self._refresh_recoveries)
        f.openStarted.connect(self._open_started)
        f.openStopped.connect(self._open_stopped)
        f.documentOpened.connect(self.opening_label.clear)
        # Any window's open or save changes the one list every start page shows (a bound
        # method: Qt drops the connection when this window goes).
        recent_files_signal().changed.connect(self._refresh_recent)
        recovery_offers_signal().changed.connect(self._recoveries_changed_elsewhere)
        f.lockWarning.connect(self._show_lock_warning)
        f.autosaveProblem.connect(self._show_autosave_problem)
        f.saved.connect(lambda path: say_until_changed(self, f"Saved {path}", 5000))

        # Bound methods, never lambdas, on signals of objects that may outlive the window
        # (the controller): Qt drops a bound method's connection when the window goes.
        c.undo_stack.cleanChanged.connect(self._update_title)
        c.documentChanged.connect(self._refresh_scenarios)
        c.documentChanged.connect(self._update_title)
        c.resultChanged.connect(self._update_counts)
        c.scenarioChanged.connect(self._refresh_scenarios)
        c.errorOccurred.connect(self._say_refusal)
        # A refusal or notice on the status bar is cleared once it no longer holds (see
        # clear_refusal).
        c.documentChanged.connect(self._refusal_outlived)
        c.scenarioChanged.connect(self._refusal_outlived)
        c.documentReplaced.connect(self._refusal_outlived)
        c.historyStepped.connect(self._say_notice)
        c.noticed.connect(self._say_notice)
        self.matrix_view.targetsChanged.connect(self.inspector.set_targets)
        self.matrix_view.quick_add.addRequested.connect(self.add_item)
        self.matrix_view.quick_add.renameRequested.connect(self.rename_item)
        self.matrix_view.editRequested.connect(self.focus_inspector)
        self._refresh_recoveries()

    def _restore_window(self) -> None:
        geometry = self.settings.window_geometry()
        # A damaged geometry or state (restore refuses it) gives the first run's sizes.
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            width = min(1680, int(screen.width() * 0.96))
            height = min(1050, int(screen.height() * 0.94))
            self.resize(width, height)
        # Beside others still open, not exactly over the last of them (each restores the
        # geometry the last window closed saved).
        others = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow) and widget is not self and widget.isVisible()
        ]
        moved = cascade(
            self, sorted(others, key=lambda window: cast(MainWindow, window).opened_order)
        )
        # Closed where it was put, it leaves the saved geometry as it was: saved, it would
        # open the next session's first window a step further down and right each time.
        self._cascaded_to = QRect(self.pos(), self.size()) if moved else None
        state = self.settings.window_state()
        if state is None or not self.restoreState(state):
            # The inspector needs its text readable, the matrix every column it can get.
            share = max(self.inspector_dock.minimumSizeHint().width(), int(self.width() * 0.2))
            self.resizeDocks([self.inspector_dock], [share], Qt.Orientation.Horizontal)

    # -- pages --------------------------------------------------------------------------
    def show_start(self, error: str = "") -> None:
        built = self._start_screen is not None
        self._show_page(self.start_screen)  # (made now, it lists the recent files as they are)
        if built:
            self._refresh_recent()  # a file moved or deleted since it was last listed is marked
        self.start_screen.show_error(error)
        self.start_screen.focus_first()

    def _open_started(self, label: str) -> None:
        """A file is being opened in the background: a window with no document open says so
        on its empty page, centred ("Opening case.rrisk…"), where nothing starts another job
        meanwhile (the page was blank, or the start page's buttons stayed under the progress
        dialog). An open document stays in sight until the file replaces it."""
        if self.stack.currentWidget() is self.workspace:
            return
        self._opening_from_start = self.stack.currentWidget() is not self._empty_page
        self.opening_label.setText(label)
        self._show_page(self._empty_page)

    def _open_stopped(self, error: str) -> None:
        """A file being opened in the background was not: a window opened on it at launch
        (still on its empty page) shows the start page, saying why, as it does for a file
        read at once; one opening it from the start page shows that page again (the error
        was said in a message box)."""
        self.opening_label.clear()
        if self.stack.currentWidget() is self._empty_page and not self.files.is_open:
            if self._opening_from_start:
                self.show_start()
            else:
                self.show_start(f"The file could not be opened. {error}" if error else "")

    def _show_page(self, page: QWidget) -> None:
        """A page with no document: the start page, or the empty one."""
        self.stack.setCurrentWidget(page)
        self.inspector_dock.hide()
        self.toolbar.hide()
        self.menu_actions.scenario_selector.setEnabled(False)
        for action in self.menu_actions.document_actions():
            action.setEnabled(False)
        self._update_title()
        self._update_counts()

    def show_workspace(self) -> None:
        self.stack.setCurrentWidget(self.workspace)
        self.inspector_dock.show()
        self.toolbar.show()
        self.menu_actions.scenario_selector.setEnabled(True)
        for action in self.menu_actions.document_actions():
            action.setEnabled(True)
        self._refresh_scenarios()
        self._update_title()
        self._update_counts()
        if not self._splitter_dragged:  # sizes the user set stand, whatever document opens
            self._fit_matrix()
            # Once more when the window has its final size (a first show, a restored geometry).
            QTimer.singleShot(0, self, self._fit_matrix)  # cancelled with self
        doc = self.controller.document
        if doc.projects and doc.criteria and self.controller.selection == (None, None):
            self.matrix_view.select_cell(doc.projects[0].id, doc.criteria[0].id)
        self.focus_matrix()

    def _splitter_moved(self, *_args: object) -> None:
        self._splitter_dragged = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A tab's Alt letter, or an Editors page's, shows its tab with the keyboard in it:
        left where it was, the focus went from the hidden matrix to the inspector beside
        every tab, and a digit typed for the tab just shown rescored the matrix's cell."""
        if event.type() == QEvent.Type.Shortcut and isinstance(watched, QTabBar):
            tabs = watched.parentWidget()
            handled = watched.event(event)
            if isinstance(tabs, QTabWidget):
                self._focus_into(tabs.currentWidget())
            return handled
        return super().eventFilter(watched, event)

    def childEvent(self, event: QChildEvent) -> None:
        """The tab bar Qt makes when docks are tabbed together gets the tabs' padding too (the
        style rules sit on the widgets they style, :mod:`desktop.ui.style`); a dock floated
        out of the window hands a dragged .rrisk to it (:class:`FileDrops`)."""
        super().childEvent(event)
        if event.type() != QEvent.Type.ChildPolished:
            return  # (asked first: wrapping each new child for Python costs ~10 ms at start-up)
        child = event.child()
        if isinstance(child, QDockWidget) and not child.property(DROPS_WATCHED):
            child.setProperty(DROPS_WATCHED, True)
            child.topLevelChanged.connect(self._file_drops.dock_floated)
        if (
            isinstance(child, QTabBar)
            and child.styleSheet() != style.TAB_BAR_SHEET  # (a new sheet polishes it again)
        ):
            child.setStyleSheet(style.TAB_BAR_SHEET)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit_matrix()

    def _refit_matrix(self, *_args: object) -> None:
        """Fit the splitter again (after a resize, or rows added or removed) unless the user
        has set it: then their sizes stand."""
        if not self._splitter_dragged and self.stack.currentWidget() is self.workspace:
            QTimer.singleShot(0, self, self._fit_matrix)  # cancelled with self

    def _fit_matrix(self) -> None:
        """Give the matrix the rows it needs (up to 60% of the height), results the rest."""
        total = sum(self.splitter.sizes()) or self.splitter.height()
        if total <= 0:
            return
        natural = self.matrix_view.natural_height()
        results = self.results_panel.minimumSizeHint().height()
        matrix = min(natural, int(total * 0.6), total - results)
        # On a small screen the matrix still keeps a useful share: it is the heart of the work.
        matrix = max(matrix, min(natural, int(total * 0.45)))
        # The splitter will not shrink the results below their minimum: snap within that.
        matrix = min(matrix, total - results)
        if matrix < natural and not self.matrix_view.quick_add.showing_panel:
            # Rows that do not all fit are not cut in half either. (Not under the panel for
            # the first names: on a blank matrix that left the header's height alone, and
            # the panel's name fields squeezed to a line out of sight on a small screen.)
            matrix = self.matrix_view.whole_rows_height(matrix)
        self.splitter.setSizes([matrix, total - matrix])

    def _unless_opening(self, command: Callable[[], object]) -> Callable[[], None]:
        """``command``, refused with a word while a file is being opened here (the progress
        dialog comes forward): it would start on the document the file then replaces, a save
        or a memo of it left behind, an import made into it lost."""

        def run() -> None:
            if not self.files.say_opening():
                command()

        return run

    def _export_memo_since(self, compared: object) -> None:
        """The Changes view's memo (see :meth:`_unless_opening`)."""
        if not self.files.say_opening():
            self.memo.export_since(compared)

    def _cells_command(self, command: Callable[[], bool], edits: bool = False) -> None:
        """Copy, paste or clear the selected cells from the Edit menu, what is being typed in
        the inspector applied first: left typed, it was applied over the cells afterwards (a
        cleared cell came back with its rationale, a score typed undid the one pasted).
        A command that ``edits`` the cells brings the matrix into view, to show what changed
        (from another tab, a block was pasted or cleared out of sight)."""
        commit_typing(self.matrix_view)
        if edits:
            self.tabs.setCurrentWidget(self.splitter)
        command()

    def focus_matrix(self) -> None:
        self.tabs.setCurrentIndex(0)
        if self.matrix_view.quick_add.take_focus():
            keyboard_to(self, self)
            return  # a blank matrix: the keyboard goes to the name it lacks
        self.matrix_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        keyboard_to(self, self)

    def go_to(self, target: dict) -> bool:
        """Bring forward the place a problem of the memo's check names."""
        from desktop.window.navigate import go_to

        return go_to(self, target)

    def _show_source(self, source_id: str) -> None:
        """A link of the inspector's evidence list activated: its source in its editor."""
        self.go_to({"kind": "source", "id": source_id})

    def focus_inspector(self) -> None:
        self.inspector_dock.show()
        self.inspector.focus_likelihood()
        keyboard_to(self, self.inspector)

    def focus_scenario(self) -> None:
        self.menu_actions.scenario_selector.setFocus(Qt.FocusReason.ShortcutFocusReason)
        keyboard_to(self, self)

    def focus_editors(self) -> None:
        """The Editors tab, shown and with the keyboard, as Ctrl+Tab gives it (left in the
        inspector beside every tab, the next digit typed rescored the matrix's cell)."""
        self.tabs.setCurrentWidget(self.editors_panel)
        self._focus_into(self.editors_panel)

    def focus_ranking(self) -> None:
        """The ranking, shown and with the keyboard (Tab in the matrix moves between cells)."""
        self.tabs.setCurrentWidget(self.splitter)
        results = cast("ResultsPanel", self.results_panel)
        results.views.setCurrentWidget(results.ranking)
        results.ranking.setFocus(Qt.FocusReason.ShortcutFocusReason)
        keyboard_to(self, self)

    def focus_changes(self) -> None:
        """The open comparison's list of changes, with the keyboard; says so when none is."""
        dock, view = self.changes.dock, self.changes.view
        if dock is None or view is None or dock.isHidden():
            self.statusBar().showMessage(
                "No comparison is open: File → Compare with Another Version… or Compare with Saved Version",
                6000,
            )
            return
        dock.raise_()
        view.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        keyboard_to(self, view.tree)

    def next_draft_cell(self) -> None:
        """Select the next assessed cell not yet marked reviewed, and say which of how many."""
        from desktop.window.navigate import next_draft_cell

        found = next_draft_cell(self.controller.document, self.controller.selection)
        if found is None:
            reviewed, _draft = self.controller.review_counts
            message = "No draft cell: " + (
                "every assessed cell is marked reviewed" if reviewed else "no cell is assessed yet"
            )
        else:
            project_id, criterion_id, number, count = found
            self.focus_matrix()
            self.matrix_view.select_cell(project_id, criterion_id)
            document = self.controller.document
            # Two named alike are told apart by their ids, as the memo's check names them.
            project = names_apart(document.projects)[project_id]
            criterion = names_apart(document.criteria)[criterion_id]
            message = (
                f"Draft cell {number:,} of {count:,}: {single_line(project)} × "
                f"{single_line(criterion)}"
            )
        say_until_changed(self, message, 6000)  # an edit may make a cell a draft, or none
        # Said aloud too: a screen reader does not read the status bar by itself, and with
        # no draft cell left nothing else changes.
        announce(self, message)

    # -- title, status, scenarios, recent files ------------------------------------------
    def quit_all(self) -> None:
        """Quit: every window of this process closes, this one first, each asking about its
        unsaved changes; one kept open (Cancel, or a save that failed) ends the quit there,
        while one closing once its memo, matrix or list is written lets it go on, and one
        closing once its file is written lets it go on once closed (see
        :mod:`desktop.window.quitting`).
        The others ask in the order they were opened (Qt lists its windows in no order: the
        questions came in one that changed from run to run, and which windows a Cancel kept
        could not be foreseen)."""
        from desktop.window.quitting import close_in_turn

        others = sorted(
            (
                widget
                for widget in QApplication.topLevelWidgets()
                if isinstance(widget, MainWindow) and widget is not self and widget.isVisible()
            ),
            key=lambda window: window.opened_order,
        )
        close_in_turn([self, *others])

    def bring_to_front(self) -> None:
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()

    def show_about(self) -> None:
        from desktop.window.about import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_shortcuts(self) -> None:
        """The shortcuts as an aligned table, as wide as its lines (a message box wraps), and
        as tall as the screen allows: past that it scrolls (the list is taller than a laptop's
        screen, which cut off its end and the Close button)."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QScrollArea

        dialog = QDialog(self)
        dialog.setObjectName("shortcutsDialog")
        dialog.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(dialog)
        table = QLabel(help_text.shortcuts_html(), dialog)
        table.setTextFormat(Qt.TextFormat.RichText)
        table.setWordWrap(False)
        style.make_keyboard_readable(table)  # a Tab stop, read by a screen reader
        scroll = QScrollArea(dialog)
        scroll.setObjectName("shortcutsScroll")
        scroll.setAccessibleName("Keyboard shortcuts")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        scroll.setWidget(table)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(table.sizeHint().width() + bar)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        margins = layout.contentsMargins()
        whole = (
            table.sizeHint().height()
            + buttons.sizeHint().height()
            + layout.spacing()
            + margins.top()
            + margins.bottom()
        )
        # Room left for the title bar and the frame the window manager adds.
        screen = self.screen().availableGeometry().height() - 4 * self.fontMetrics().height()
        dialog.resize(dialog.sizeHint().width(), max(min(whole, screen), 200))
        dialog.exec()
        dialog.deleteLater()

    def _show_status(self, message: str) -> None:
        """A refused edit, or what Undo or Redo just did, in the status bar for a while."""
        self.statusBar().showMessage(message, 10000)

    def _say_refusal(self, message: str) -> None:
        """A refused edit in the status bar, and said aloud unless the place the edit was made
        in says it (``DocumentController.errorOccurred``): a paste, a key or a drag in the
        matrix, a name typed in its header or a screening decision was refused on the status
        bar alone, which a screen reader does not read by itself."""
        self._show_status(message)
        mark_refusal(self, message)
        if not self.controller.refusal_shown_in_place:
            announce(self, message)

    def _refusal_outlived(self, *_: object) -> None:
        """The document, its scenario or the document itself changed: a refusal still on the
        status bar is of an edit since overtaken, and is cleared (:func:`clear_refusal`)."""
        clear_refusal(self)

    def _say_notice(self, message: str) -> None:
        """What an edit left undone, and why ("1 without both likelihood and impact left as
        it was"), or what Undo or Redo did and where the view went, in the status bar and said
        aloud: a screen reader does not read the status bar by itself. The next change clears
        it (what it said is of the document as it stood)."""
        self._show_status(message)
        mark_refusal(self, message)
        announce(self, message)

    def _update_title(self) -> None:
        path = self.controller.path
        if not self.files.is_open:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            self.file_label.setText("")
            return
        doc = self.controller.document
        details = [doc.title] + [
            text for text in (f"as of {doc.as_of}" if doc.as_of else "", doc.classification) if text
        ]
        self.document_label.set_full_text("  ·  ".join(details))
        name = path.name if path is not None else "Untitled"
        # "[*]" in a file's name is Qt's mark of unsaved changes unless doubled: shown as is.
        self.setWindowTitle(f"{name.replace('[*]', '[*][*]')}[*] — {APP_NAME}")
        self.setWindowModified(self.controller.is_modified)
        self.file_label.setText(str(path) if path is not None else "Not saved yet")

    def _update_counts(self) -> None:
        if not self.files.is_open:
            self.counts_label.setText("")
            return
        doc = self.controller.document
        # From the score arrays: counting cells in Python would cost ~5 ms per edit at 500×40.
        assessed = int(np.count_nonzero(~np.isnan(self.controller.result.risk)))
        total = len(doc.projects) * len(doc.criteria)
        # Kept edit by edit by the controller: the baseline's cells, whatever the scenario.
        reviewed, draft = self.controller.review_counts
        review = f" · {reviewed:,} reviewed, {draft:,} draft" if reviewed or draft else ""
        # Every count with its thousands separator, as the review counts have theirs.
        projects, criteria = len(doc.projects), len(doc.criteria)
        self.counts_label.setText(
            f"{projects:,} project{'s' * (projects != 1)} · "
            f"{criteria:,} {'criterion' if criteria == 1 else 'criteria'} · "
            f"{assessed:,} of {total:,} cell{'s' * (total != 1)} assessed{review}"
        )

    def _show_scenario(self, index: int) -> None:
        """The toolbar's choice of scenario: every view is recomputed under it, which on a
        large matrix takes a second or more (2,000 × 40), said meanwhile."""
        selector = self.menu_actions.scenario_selector
        scenario_id = selector.itemData(index)
        document = self.controller.document
        cells = len(document.projects) * len(document.criteria)
        if scenario_id == self.controller.scenario_id or cells < LARGE_SWITCH:
            self.controller.set_scenario(scenario_id)
            return
        shown = f"scenario “{selector.itemText(index)}”" if scenario_id else "the baseline"
        with busy(self, f"Showing {shown}…"):
            self.controller.set_scenario(scenario_id)

    def _refresh_scenarios(self) -> None:
        selector = self.menu_actions.scenario_selector
        # One line a name: the box is one line high, and a name's line break (a file may hold
        # one) cut both of its lines in half.
        scenarios = self.controller.document.scenarios
        items = [("Baseline", None)] + [(" ".join(s.name.split()), s.id) for s in scenarios]
        current = [(selector.itemText(i), selector.itemData(i)) for i in range(selector.count())]
        selector.blockSignals(True)
        if items != current:
            selector.clear()
            for name, scenario_id in items:
                selector.addItem(name, scenario_id)
        name_clear_cells(self.menu_actions.clear_cells, self.controller.scenario_id is not None)
        position = selector.findData(self.controller.scenario_id)
        selector.setCurrentIndex(position if self.controller.scenario_id else 0)
        selector.blockSignals(False)

    # -- drag and drop, closing ---------------------------------------------------------
    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
        files = MainWindow._dropped_files(event)
        return files[0] if files else None

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
        return [
            url.toLocalFile()
            for url in event.mimeData().urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(EXTENSION)
        ]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Its QWindow is made when first shown, as is a dock's restored floating.
        for widget in (self, *(d for d in self.findChildren(QDockWidget) if d.isFloating())):
            self._file_drops.watch(widget)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not cjk.cjk_font_attempted():
            # After the first picture, not before it (see desktop.ui.cjk).
            QTimer.singleShot(0, self, cjk.register_cjk_font)  # cancelled with self

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_files(event)
        if not paths:
            return
        event.acceptProposedAction()
        own = self.controller.path if self.files.is_open and len(paths) > 1 else None
        if own is not None and any(same_file(path, own) for path in paths):
            # The window's own file among several: it stays open here as it is, and the others
            # open elsewhere (the first replaced it here, and the own file, handed on, found
            # this window still holding it: it was closed and opened nowhere).
            for path in paths:
                if not same_file(path, own):
                    self.openElsewhere.emit(path)
            return
        self.files.open_path(paths[0])
        # The others open as files handed over by the command line do: each in a window of
        # its own (only the first opened, without a word, before).
        for path in paths[1:]:
            self.openElsewhere.emit(path)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.files.recheck_lock()  # a colleague who had the file open may have closed it
            if self._start_screen is not None and self.stack.currentWidget() is self._start_screen:
                # A copy recovered or discarded by another RRisk meanwhile is no longer listed.
                self._refresh_recoveries()
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.isVisible():
            # The application's font changed (the desktop's text size): the tabs, the docks
            # and the start page under their style sheets take it too.
            style.follow_application_font(self)
            self._refit_matrix()  # its rows are taller now
            # (The dialogs and hidden windows follow the application's: see style.py.)

    def _awaited_jobs(self) -> list[AwaitedJob]:
        """The jobs whose result the user would lose if the window dropped them (see
        :mod:`desktop.ui.closing`; the others stop without a word as it closes)."""
        jobs: list[AwaitedJob] = [self.memo, self.exchange]
        if self.lazy_tabs.built("screening"):
            jobs.append(self.screening_panel.importer)
        return jobs

    @property
    def closing_after_jobs(self) -> bool:
        """Asked to close, the window waits for jobs of the user's to end (then it closes)."""
        return any(job.closing_after for job in self._awaited_jobs())

    def after_close_once_saved(self, then: Callable[[bool], object]) -> bool:
        """Whether the window closes once its file is written (asked to close during the
        save); if so, ``then`` is told whether it closed (or waits for its jobs to close)
        once that close was asked (a quit goes on with its other windows then)."""
        if self._close_once_saved is None:
            return False
        self._close_once_saved.append(then)
        return True

    def _closed_once_saved(self) -> None:
        waiting, self._close_once_saved = self._close_once_saved or [], None
        closes = self.close() or self.closing_after_jobs
        for then in waiting:
            then(closes)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.saving:
            # Asked to close while the file is written (not by a key or click: those wait
            # for the save): it closes once the file is written, asking as ever if needed.
            if self._close_once_saved is None:
                self._close_once_saved = []
                self.files.when_saved(self._closed_once_saved)
            event.ignore()
            return
        if not may_close(self, self._awaited_jobs(), self.close, self.files.maybe_save):
            # (the jobs first: kept waiting for them, the window asks about changes once after)
            event.ignore()
            return
        self.memo.shutdown()
        self.changes.cancel()
        if self.lazy_tabs.built("screening"):
            self.screening_panel.cancel()
        self.exchange.shutdown()
        if self.lazy_tabs.built("analysis"):
            self.analysis_panel.shutdown()
        self.files.shutdown()
        self.recovery_offers.stop()
        if self._cascaded_to != QRect(self.pos(), self.size()):  # (moved or resized since)
            self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.sync()
        with contextlib.suppress(RuntimeError, TypeError):  # closed once already
            recent_files_signal().changed.disconnect(self._refresh_recent)
        with contextlib.suppress(RuntimeError, TypeError):
            recovery_offers_signal().changed.disconnect(self._recoveries_changed_elsewhere)
        event.accept()
        self.closed.emit()
