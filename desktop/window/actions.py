"""The window's actions, menus and toolbar (objectNames are part of the testing contract).

Everything here is built and *returned*: the window adds the menus and the toolbar itself and
connects the actions to its own slots, so this module never needs the window's type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Protocol, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QComboBox, QMenu, QStyle, QToolBar, QWidget

from desktop.ui import style
from desktop.ui.text import as_shown
from desktop.ui.typing import commit_typing, typing_in
from desktop.ui.undo_keys import REDO_ALSO

Std = QKeySequence.StandardKey
FALLBACK_KEYS = {Std.Quit: "Ctrl+Q", Std.Close: "Ctrl+W", Std.Redo: "Ctrl+Shift+Z"}
"""Used where the platform theme defines no binding for a standard key."""
EVERYWHERE_KEYS = {Std.Close: ("Ctrl+W", "Ctrl+F4")}
"""Bound on every platform, as the shortcut list names them, beside the platform's own keys
(Qt binds Close to Ctrl+F4 on Windows alone: on a Linux desktop it did nothing)."""


def _set_standard_shortcut(action: QAction, key: QKeySequence.StandardKey) -> None:
    bindings = QKeySequence.keyBindings(key)
    if bindings:
        action.setShortcuts(bindings)
    elif key in FALLBACK_KEYS:
        action.setShortcut(QKeySequence(FALLBACK_KEYS[key]))
    for keys in EVERYWHERE_KEYS.get(key, ()):
        if QKeySequence(keys) not in action.shortcuts():
            action.setShortcuts([*action.shortcuts(), QKeySequence(keys)])


class History(Protocol):
    """What Undo and Redo need: the stack (their text and state) and the steps themselves,
    which bring the view to the place of the edit (the document controller)."""

    @property
    def undo_stack(self) -> QUndoStack: ...

    def undo(self, keep_selection: bool = False) -> bool: ...

    def redo(self, keep_selection: bool = False) -> bool: ...


@dataclass
class Actions:
    new: QAction
    new_from_template: QAction
    open: QAction
    save: QAction
    save_as: QAction
    export_memo: QAction
    export_memo_since: QAction
    export_matrix: QAction
    import_matrix: QAction
    compare: QAction
    compare_saved: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    add_project: QAction
    remove_project: QAction
    rename_project: QAction
    add_criterion: QAction
    remove_criterion: QAction
    rename_criterion: QAction
    copy_cells: QAction
    paste_cells: QAction
    clear_cells: QAction
    default_author: QAction
    focus_matrix: QAction
    focus_inspector: QAction
    focus_scenario: QAction
    focus_ranking: QAction
    focus_changes: QAction
    next_draft: QAction
    show_editors: QAction
    shortcuts_help: QAction
    method_help: QAction
    about: QAction
    recent_menu: QMenu
    scenario_selector: QComboBox

    def document_actions(self) -> list[QAction]:
        """Actions that only make sense with an assessment open."""
        return [
            self.save,
            self.save_as,
            self.export_memo,
            self.export_memo_since,
            self.export_matrix,
            self.import_matrix,
            self.compare,
            self.compare_saved,
            self.close,
            self.add_project,
            self.remove_project,
            self.rename_project,
            self.add_criterion,
            self.remove_criterion,
            self.rename_criterion,
            self.copy_cells,
            self.paste_cells,
            self.clear_cells,
            self.focus_matrix,
            self.focus_inspector,
            self.focus_scenario,
            self.focus_ranking,
            self.focus_changes,
            self.next_draft,
            self.show_editors,
        ]


def _action(
    window: QWidget,
    name: str,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
    icon: QStyle.StandardPixmap | None = None,
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        if isinstance(shortcut, QKeySequence.StandardKey):
            _set_standard_shortcut(action, shortcut)
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    window.addAction(action)
    return action


def _undo_after_typing(window: QWidget, history: History) -> None:
    commit_typing(window)
    history.undo()


def _redo(window: QWidget, history: History) -> None:
    # Typing is not applied first (it would clear the redo history), so the selected cell
    # stays: moving to the redone cell would discard what is being typed.
    history.redo(keep_selection=typing_in(window))


STEP_CHARS = 90
"""The longest step the Undo and Redo items name whole: a step names its items, and one of a
500-character project made the Edit menu thousands of pixels wide, past the screen's edge."""


def step_shown(text: str) -> str:
    """A step as the Undo and Redo items name it: a long one shortened in its middle, so that
    both what was done ("Edit likelihood of …") and where (the criterion) stay."""
    if len(text) <= STEP_CHARS:
        return text
    head = STEP_CHARS * 2 // 3
    return text[:head].rstrip() + " … " + text[head - STEP_CHARS + 3 :].lstrip()


class _StepName(QObject):
    """Names the step an undo (redo) action takes back, ampersands as typed; a child of the
    action, so that the stack's signal stops reaching it when the window goes."""

    def __init__(self, action: QAction, prefix: str, text: str) -> None:
        super().__init__(action)
        self._prefix = prefix
        self.show(text)

    def show(self, text: str) -> None:
        action = cast(QAction, self.parent())
        action.setText(f"{self._prefix} {as_shown(step_shown(text))}" if text else self._prefix)


CLEAR_CELLS = {
    False: ("C&lear Selected Cells", "Make the selected cells unassessed (Delete in the matrix)"),
    True: (
        "C&lear Scenario Overrides of Selected Cells",
        "Remove the scenario's overrides of the selected cells: they show the baseline again "
        "(Delete in the matrix)",
    ),
}
"""(text, tip) of Clear in the baseline and under a scenario, where it removes the scenario's
overrides of the cells (what Delete does in the matrix), leaving the baseline's cells."""


def name_clear_cells(action: QAction, under_scenario: bool) -> None:
    """Name what Clear does in the view shown: make cells unassessed, or remove overrides."""
    text, tip = CLEAR_CELLS[under_scenario]
    action.setText(text)
    action.setToolTip(tip)
    action.setStatusTip(tip)


def create_actions(window: QWidget, history: History) -> Actions:
    """All actions with objectNames, shortcuts and tips, owned by (and added to) ``window``."""
    stack = history.undo_stack
    undo = stack.createUndoAction(window, "&Undo")
    redo = stack.createRedoAction(window, "&Redo")
    # What is being typed becomes its own step first, so Undo from the toolbar takes back
    # that typing (Redo brings it back) instead of dropping it unseen. Redo is left as it is:
    # a new step would clear the redo history; the typing is applied when the field is left.
    # Both go through the history, which shows where the step was made and says what it was.
    undo.triggered.disconnect()
    undo.triggered.connect(partial(_undo_after_typing, window, history))
    redo.triggered.disconnect()
    redo.triggered.connect(partial(_redo, window, history))
    undo.setObjectName("actionUndo")
    _set_standard_shortcut(undo, Std.Undo)
    undo.setIcon(
        style.legible_icon(window.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack), window)
    )
    redo.setObjectName("actionRedo")
    _set_standard_shortcut(redo, Std.Redo)
    if REDO_ALSO not in redo.shortcuts():
        # Ctrl+Y redoes on every platform, as the shortcut list says (Linux desktops bind
        # only Ctrl+Shift+Z; users of office software press Ctrl+Y).
        redo.setShortcuts([*redo.shortcuts(), REDO_ALSO])
    redo.setIcon(
        style.legible_icon(
            window.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward), window
        )
    )
    # The steps' texts name items ("Set Ethics & legality"): shown as typed, not as Alt
    # letters (the stack sets the actions' texts first, these follow).
    stack.undoTextChanged.connect(_StepName(undo, "&Undo", stack.undoText()).show)
    stack.redoTextChanged.connect(_StepName(redo, "&Redo", stack.redoText()).show)
    SP = QStyle.StandardPixmap
    selector = QComboBox(window)
    selector.setObjectName("scenarioSelector")
    selector.setAccessibleName("Scenario")
    selector.setToolTip("Scenario: every view is recomputed for it (Ctrl+Shift+C)")
    selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    selector.setMinimumContentsLength(16)
    # Grows with its names up to a point: a 95-character scenario name made it 700 px wide
    # and took the toolbar's texts away. A longer name is shortened (in the list, in its
    # middle, so names that share a beginning stay apart).
    em = selector.fontMetrics().horizontalAdvance("M")
    selector.setMaximumWidth(em * 26)
    selector.view().setMinimumWidth(em * 26)
    selector.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
    actions = Actions(
        new=_action(
            window,
            "actionNew",
            "&New Blank Assessment",
            Std.New,
            "Start an empty assessment",
            SP.SP_FileIcon,
        ),
        new_from_template=_action(
            window,
            "actionNewFromTemplate",
            "New from &Template…",
            "Ctrl+Shift+N",
            "Choose a template on the start page",
        ),
        open=_action(
            window, "actionOpen", "&Open…", Std.Open, "Open a .rrisk file", SP.SP_DialogOpenButton
        ),
        save=_action(
            window, "actionSave", "&Save", Std.Save, "Save the assessment", SP.SP_DialogSaveButton
        ),
        save_as=_action(
            window,
            "actionSaveAs",
            "Save &As…",
            "Ctrl+Shift+S",
            "Save the assessment under a new name",
        ),
        export_memo=_action(
            window,
            "actionExportMemo",
            "&Export IC Memo (PDF or Word)…",
            "Ctrl+E",
            "Write the investment-committee memo as a PDF or an editable Word document",
            SP.SP_FileDialogDetailedView,
        ),
        export_memo_since=_action(
            window,
            "actionExportMemoSince",
            "Export IC Memo with Chan&ges Since…",
            None,
            "The memo with a 'Changes since' section against an earlier version's file",
        ),
        export_matrix=_action(
            window,
            "actionExportMatrix",
            "Export &Matrix to Excel/CSV…",
            None,
            "Write every cell as a row of an Excel workbook or CSV table",
        ),
        import_matrix=_action(
            window,
            "actionImportMatrix",
            "&Import Matrix from Excel/CSV…",
            None,
            "Read an edited matrix table back into this assessment (one undo step)",
        ),
        compare=_action(
            window,
            "actionCompare",
            "Compare &with Another Version…",
            None,
            "What changed since another version of this assessment, and why the ranking moved",
        ),
        compare_saved=_action(
            window,
            "actionCompareSaved",
            "Compare with Sa&ved Version",
            None,
            "What the unsaved edits change, and what they do to the ranking",
        ),
        close=_action(window, "actionClose", "&Close", Std.Close, "Close the assessment"),
        quit=_action(window, "actionQuit", "&Quit", Std.Quit, "Quit RRisk"),
        undo=undo,
        redo=redo,
        add_project=_action(
            window,
            "actionAddProject",
            "Add &Project",
            "Ctrl+Shift+P",
            "Add a candidate project (a row)",
        ),
        remove_project=_action(
            window,
            "actionRemoveProject",
            "Remove Selected Project",
            None,
            "Remove the selected project and its cells",
        ),
        rename_project=_action(
            window,
            "actionRenameProject",
            "Rename Selected Project",
            "Shift+F2",
            "Name the selected project in its row header",
        ),
        add_criterion=_action(
            window,
            "actionAddCriterion",
            "Add Cr&iterion",
            "Ctrl+Shift+R",
            "Add a risk criterion (a column)",
        ),
        remove_criterion=_action(
            window,
            "actionRemoveCriterion",
            "Remove Selected Criterion",
            None,
            "Remove the selected criterion and its cells",
        ),
        rename_criterion=_action(
            window,
            "actionRenameCriterion",
            "Rename Selected Criterion",
            "Ctrl+Shift+F2",
            "Name the selected criterion in its column header",
        ),
        # Ctrl+C and Ctrl+V act in the matrix itself (a window-wide shortcut would take them
        # from every text field): the menu names the keys without binding them.
        copy_cells=_action(
            window,
            "actionCopyCells",
            "&Copy Cells\tCtrl+C",
            None,
            "Copy the selected cells as likelihood×impact, tab-separated for a spreadsheet",
        ),
        paste_cells=_action(
            window,
            "actionPasteCells",
            "Pa&ste Cells\tCtrl+V",
            None,
            "Paste likelihood×impact scores (from the matrix or a spreadsheet) from the "
            "selected cell on, as one undo step",
        ),
        clear_cells=_action(
            window, "actionClearCells", CLEAR_CELLS[False][0], None, CLEAR_CELLS[False][1]
        ),
        default_author=_action(
            window,
            "actionDefaultAuthor",
            "Default &Author…",
            None,
            "The author filled in on new assessments",
        ),
        focus_matrix=_action(
            window,
            "actionFocusMatrix",
            "&Matrix",
            "Ctrl+Shift+M",
            "Move the keyboard focus to the matrix",
        ),
        focus_inspector=_action(
            window,
            "actionFocusInspector",
            # "Cell inspector" itself is the dock's show/hide entry: one entry per name.
            "&Go to the inspector",
            "Ctrl+Shift+I",
            "Move the keyboard focus to the inspector",
        ),
        focus_scenario=_action(
            window,
            "actionFocusScenario",
            "&Scenario Selector",
            "Ctrl+Shift+C",
            "Move the keyboard focus to the scenarios",
        ),
        focus_ranking=_action(
            window,
            "actionFocusRanking",
            "&Ranking",
            "Ctrl+Shift+K",
            "Move the keyboard focus to the ranking",
        ),
        focus_changes=_action(
            window,
            "actionFocusChanges",
            "C&hanges of the Comparison",
            "Ctrl+Shift+D",
            "Move the keyboard focus to the open comparison's changes",
        ),
        next_draft=_action(
            window,
            "actionNextDraft",
            "Next &Draft Cell",
            "F8",
            "Select the next assessed cell not yet marked reviewed, in matrix order",
        ),
        show_editors=_action(
            window,
            "actionShowEditors",
            "&Editors",
            "Ctrl+Shift+E",
            "Criteria, projects, sources and scenarios",
        ),
        shortcuts_help=_action(window, "actionShortcuts", "&Keyboard Shortcuts", "F1"),
        method_help=_action(window, "actionMethod", "Scoring &Method"),
        about=_action(window, "actionAbout", "&About RRisk"),
        recent_menu=QMenu("Open &Recent", window),
        scenario_selector=selector,
    )
    actions.recent_menu.setObjectName("menuRecent")
    # Short labels for the toolbar; menus keep the full texts.
    for action, label in (
        (actions.new, "New"),
        (actions.open, "Open"),
        (actions.save, "Save"),
        (actions.undo, "Undo"),
        (actions.redo, "Redo"),
        (actions.export_memo, "Export memo"),
    ):
        action.setIconText(label)
    return actions


@dataclass
class Menus:
    """The menu bar's menus, in order; the window adds them and extends ``view``."""

    file: QMenu
    edit: QMenu
    view: QMenu
    help: QMenu

    def all(self) -> list[QMenu]:
        return [self.file, self.edit, self.view, self.help]


def _menu(parent: QWidget, title: str, name: str) -> QMenu:
    menu = QMenu(title, parent)
    menu.setObjectName(name)
    return menu


def build_menus(a: Actions, parent: QWidget) -> Menus:
    """File, Edit, View and Help menus over the actions (owned by ``parent``)."""
    file_menu = _menu(parent, "&File", "menuFile")
    file_menu.addActions([a.new, a.new_from_template, a.open])
    file_menu.addMenu(a.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.export_memo, a.export_memo_since])
    file_menu.addActions([a.export_matrix, a.import_matrix])
    file_menu.addActions([a.compare, a.compare_saved])
    file_menu.addSeparator()
    file_menu.addActions([a.close, a.quit])

    edit_menu = _menu(parent, "&Edit", "menuEdit")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.add_project, a.rename_project, a.remove_project])
    edit_menu.addActions([a.add_criterion, a.rename_criterion, a.remove_criterion])
    edit_menu.addSeparator()
    edit_menu.addActions([a.copy_cells, a.paste_cells, a.clear_cells])
    edit_menu.addSeparator()
    edit_menu.addAction(a.default_author)

    view_menu = _menu(parent, "&View", "menuView")
    view_menu.addActions(
        [
            a.focus_matrix,
            a.focus_inspector,
            a.focus_scenario,
            a.focus_ranking,
            a.focus_changes,
            a.next_draft,
            a.show_editors,
        ]
    )
    view_menu.addSeparator()

    help_menu = _menu(parent, "&Help", "menuHelp")
    help_menu.addActions([a.shortcuts_help, a.method_help])
    help_menu.addSeparator()
    help_menu.addAction(a.about)
    return Menus(file_menu, edit_menu, view_menu, help_menu)


def build_toolbar(a: Actions, scenario_label: QWidget, parent: QWidget) -> QToolBar:
    """The main toolbar: file actions, undo/redo, memo export and the scenario selector."""
    toolbar = QToolBar("Main toolbar", parent)
    toolbar.setObjectName("mainToolBar")
    toolbar.setStyleSheet(style.TOOLBAR_SHEET)
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([a.new, a.open, a.save])
    toolbar.addSeparator()
    toolbar.addActions([a.undo, a.redo])
    toolbar.addSeparator()
    toolbar.addAction(a.export_memo)
    toolbar.addSeparator()
    toolbar.addWidget(scenario_label)
    toolbar.addWidget(a.scenario_selector)
    return toolbar
