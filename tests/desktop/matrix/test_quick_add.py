"""From blank to a scored case quickly: items added and named in place, ids that follow new
names, and a source picker that filters as one types and creates a source on the spot."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import Qt

from desktop.document.controller import DocumentController
from desktop.matrix.inspector import CellInspector


def blank_window(open_window, qtbot):
    window = open_window()
    window.files.new_document()
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_blank_matrix_offers_name_fields_and_adds_one_item_per_enter(open_window, qtbot):
    window = blank_window(open_window, qtbot)
    controller = window.controller
    quick = window.matrix_view.quick_add
    assert quick.showing_panel
    panel = quick.panel
    assert panel.isVisible()
    for name in ("Tomtor", "Seligdar", "Chuktukon"):
        panel.fields["project"].setText(name)
        qtbot.keyClick(panel.fields["project"], Qt.Key.Key_Return)
        assert panel.fields["project"].text() == ""  # ready for the next one
    assert [p.name for p in controller.document.projects] == ["Tomtor", "Seligdar", "Chuktukon"]
    assert quick.showing_panel  # no criterion yet: the matrix has no column
    assert "3 so far" in panel.counts["project"].text()
    panel.fields["criterion"].setText("Sanctions")
    qtbot.keyClick(panel.fields["criterion"], Qt.Key.Key_Return)
    assert not quick.showing_panel  # a row and a column: the matrix takes over
    assert controller.undo_stack.count() == 4  # one undo step per item
    # Every project is in view without touching the splitter.
    view = window.matrix_view
    qtbot.waitUntil(lambda: view.height() >= view.natural_height() - 2, timeout=3000)
    controller.undo_stack.undo()
    assert quick.showing_panel  # back to no criteria


def test_add_project_on_a_matrix_without_criteria_goes_to_the_name_field(open_window, qtbot):
    """Edit → Add Project on a blank assessment: with no column, no header can open for the
    name, and the name typed next went to the panel's field: "New project" was added, then
    the project named, two projects where the user meant one."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QWidget

    window = blank_window(open_window, qtbot)
    controller = window.controller
    panel = window.matrix_view.quick_add.panel
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _focus(window, qtbot, window.findChild(QWidget, "scenarioSelector"))
    window.findChild(QAction, "actionAddProject").trigger()
    assert controller.document.projects == []
    assert QApplication.focusWidget() is panel.fields["project"]
    assert window.statusBar().currentMessage() == "Type the project's name and press Enter"
    qtbot.keyClicks(panel.fields["project"], "Kamoto Copper")
    qtbot.keyClick(panel.fields["project"], Qt.Key.Key_Return)
    assert [p.name for p in controller.document.projects] == ["Kamoto Copper"]
    # A criterion added while there is a project opens its header for the name, as before.
    window.findChild(QAction, "actionAddCriterion").trigger()
    assert [c.name for c in controller.document.criteria] == ["New criterion"]
    assert window.matrix_view.quick_add.editor is not None


def test_every_field_and_button_of_a_blank_window_has_a_name(open_window, qtbot):
    """A screen reader reads a field's name, not its grey example: the blank matrix's two
    name fields, the first a new assessment offers, were announced as fields with no name."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    window = blank_window(open_window, qtbot)
    assert window.matrix_view.quick_add.panel.isVisible()
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox)
    kinds += (QPlainTextEdit, QTextEdit)
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a view, read as the view's
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the text part of a combo or spin box, read as the box
        if not QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name).strip():
            unnamed.append(widget.objectName() or type(widget).__name__)
    assert unnamed == []


def test_add_from_a_menu_names_the_item_in_its_header(open_window, document_path, qtbot):
    window = open_window(document_path)
    controller = window.controller
    window.menu_actions.add_project.trigger()
    added = controller.document.projects[-1]
    assert added.name == "New project" and added.id == "new-project"
    editor = window.matrix_view.quick_add.editor
    assert editor is not None and editor.isVisible()
    editor.setText("Томтор Рудник")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    renamed = controller.document.projects[-1]
    assert renamed.name == "Томтор Рудник"
    assert renamed.id == "tomtor-rudnik"  # new and unreferenced: the id follows the name
    assert controller.selection[0] == "tomtor-rudnik"
    # Escape keeps the name it has.
    window.menu_actions.add_criterion.trigger()
    editor = window.matrix_view.quick_add.editor
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert controller.document.criteria[-1].name == "New criterion"
    assert window.matrix_view.quick_add.editor is None or not editor.isVisible()
    # A second default name does not repeat the first.
    window.menu_actions.add_project.trigger()
    assert controller.document.projects[-1].name == "New project"
    window.menu_actions.add_project.trigger()
    assert controller.document.projects[-1].name == "New project 2"


def test_double_clicking_a_header_renames_in_place(open_window, document_path, qtbot):
    window = open_window(document_path)
    view = window.matrix_view
    view.verticalHeader().sectionDoubleClicked.emit(1)
    editor = view.quick_add.editor
    assert editor is not None and editor.text() == window.controller.document.projects[1].name
    editor.setText("Renamed project")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    project = window.controller.document.projects[1]
    assert project.name == "Renamed project"
    assert project.id == "p1"  # it has scores: its id stays


def test_ids_follow_names_only_while_new_and_unreferenced(qtbot) -> None:
    controller = DocumentController(make_document())
    assert controller.add_item("source", {"id": "new-source", "title": "New source"})
    assert controller.edit_item("source", "new-source", {"title": "USGS 2025"})
    assert [s.id for s in controller.document.sources][-1] == "usgs-2025"
    assert controller.edit_cell("p0", "c1", {"evidence": [{"source": "usgs-2025"}]})
    assert controller.edit_item("source", "usgs-2025", {"title": "USGS Mineral Summaries 2025"})
    assert controller.document.sources[-1].id == "usgs-2025"  # linked now: the id stays
    # An id the user chose (not derived from the name) is never changed.
    assert controller.add_item("project", {"id": "jv-a", "name": "Joint venture"})
    assert controller.edit_item("project", "jv-a", {"name": "JV Alpha"})
    assert controller.document.projects[-1].id == "jv-a"
    # A project a narrative field names keeps its id.
    assert controller.add_item("project", {"id": "kola", "name": "Kola"})
    assert controller.edit_assessment({"notes": "Kola scores {{index:kola}}."})
    assert controller.edit_item("project", "kola", {"name": "Kola Peninsula"})
    assert controller.document.projects[-1].id == "kola"
    controller.undo_stack.undo()
    assert controller.document.projects[-1].name == "Kola"


def test_source_picker_filters_and_creates_a_source_on_the_spot(qtbot, monkeypatch) -> None:
    controller = DocumentController(make_document())
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.select("p0", "c1")
    evidence = inspector.evidence
    completer = evidence.source.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("REPORT")  # any part of the title, any case
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == evidence.source.itemText(1)
    # A title that is not a source yet: Add evidence creates it and links it, one step.
    before = len(controller.document.sources)
    steps = controller.undo_stack.count()
    evidence.source.setEditText("USGS Mineral Commodity Summaries 2025")
    assert evidence.matched_source() is None
    assert evidence.new_source_button.isEnabled()
    evidence.quote.setText("Global REO production 390 kt")
    qtbot.mouseClick(evidence.add_button, Qt.MouseButton.LeftButton)
    sources = controller.document.sources
    assert len(sources) == before + 1
    created = sources[-1]
    assert created.title == "USGS Mineral Commodity Summaries 2025"
    assert (created.reliability, created.credibility) == ("F", 6)  # graded later
    links = controller.document.cell("p0", "c1").evidence
    assert links[-1].source == created.id and links[-1].quote == "Global REO production 390 kt"
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert len(controller.document.sources) == before
    assert all(link.source != created.id for link in controller.document.cell("p0", "c1").evidence)
    # "New source…" with a new title typed creates it and picks it, without linking.
    evidence.source.setEditText("Reuters 2025-05-20")
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    assert controller.document.sources[-1].title == "Reuters 2025-05-20"
    assert evidence.matched_source() == controller.document.sources[-1].id
    # With an existing source shown, it asks for the title.
    from PySide6.QtWidgets import QInputDialog

    asked: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: asked.append(a[2]) or ("IEA 2024", True)
    )
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    assert asked == ["Title of the new source:"]
    assert controller.document.sources[-1].title == "IEA 2024"


@pytest.mark.parametrize("button", ["new_source_button", "add_button"])
def test_a_refused_new_source_makes_no_undo_step_and_says_why_in_place(qtbot, button: str) -> None:
    controller = DocumentController(make_document())
    inspector = CellInspector(controller)
    qtbot.addWidget(inspector)
    inspector.show()
    controller.select("p0", "c1")
    before = controller.document.model_dump()
    steps = controller.undo_stack.count()
    inspector.evidence.source.setEditText("Report " + "x" * 600)  # over the title's limit
    qtbot.mouseClick(getattr(inspector.evidence, button), Qt.MouseButton.LeftButton)
    assert controller.document.model_dump() == before
    assert controller.undo_stack.count() == steps and controller.undo_stack.isClean()
    assert inspector.error.isVisibleTo(inspector) and "500" in inspector.error.text()


def _focus(window, qtbot, widget) -> None:
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_enter_names_the_item_and_leaves_the_keyboard_on_its_cell(
    open_window, template_path, qtbot
):
    from PySide6.QtWidgets import QApplication

    window = open_window(template_path)
    controller, view = window.controller, window.matrix_view
    view.select_cell("chuktukon", "geology")
    window.menu_actions.add_criterion.trigger()
    editor = view.quick_add.editor
    assert editor is not None and editor.kind == "criterion"
    project = controller.selection[0]
    _focus(window, qtbot, editor)
    qtbot.keyClicks(editor, "Beta")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    renamed = controller.document.criteria[-1]
    assert renamed.name == "Beta"
    # The cell of the new criterion stays selected (Return is not also "edit this cell").
    assert controller.selection == (project, renamed.id)
    assert QApplication.focusWidget() is view


def test_adding_while_a_name_is_typed_applies_that_name_first(open_window, template_path, qtbot):
    window = open_window(template_path)
    controller, view = window.controller, window.matrix_view
    window.menu_actions.add_project.trigger()
    first = view.quick_add.editor
    _focus(window, qtbot, first)
    qtbot.keyClicks(first, "Alpha")
    window.menu_actions.add_criterion.trigger()  # from the menu: the focus stays in the name
    steps = [controller.undo_stack.text(i) for i in range(controller.undo_stack.count())]
    # The name typed right after the addition is one step with it.
    assert steps[-2:] == ["Add project Alpha", "Add criterion New criterion"]
    assert controller.document.projects[-1].name == "Alpha"
    second = view.quick_add.editor
    assert second is not None and second.kind == "criterion"  # the new editor is the one kept
    qtbot.waitUntil(lambda: view.quick_add.editor is second)  # after the first is deleted too
    qtbot.wait(50)
    assert view.quick_add.editor is second


def test_a_new_blank_case_is_built_from_the_keyboard_alone(open_window, qtbot):
    from PySide6.QtWidgets import QApplication

    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    controller, quick = window.controller, window.matrix_view.quick_add
    panel = quick.panel

    def type_name(name: str) -> None:
        field = QApplication.focusWidget()
        assert field in panel.fields.values()
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    # The keyboard starts on the project name: the first name typed is not lost.
    assert QApplication.focusWidget() is panel.fields["project"]
    type_name("Alpha mine")
    type_name("Beta mine")
    panel.fields["criterion"].setFocus()
    type_name("Sanctions")
    # A row and a column: the panel stays while names are being typed, as its hint says.
    assert quick.showing_panel and QApplication.focusWidget() is panel.fields["criterion"]
    type_name("Market access")
    assert [c.name for c in controller.document.criteria] == ["Sanctions", "Market access"]
    assert [p.name for p in controller.document.projects] == ["Alpha mine", "Beta mine"]
    assert controller.undo_stack.count() == 4
    selected = controller.selection
    # Esc: done; the keyboard goes to the matrix, not to the inspector, and the selected cell
    # stays (a digit typed next scores the cell the user sees selected).
    qtbot.keyClick(panel.fields["criterion"], Qt.Key.Key_Escape)
    assert not quick.showing_panel
    assert QApplication.focusWidget() is window.matrix_view
    assert controller.selection == selected


def _one_of_each_typed(open_window, qtbot):
    """A blank window, active, with a project and a criterion typed in the panel."""
    from PySide6.QtWidgets import QApplication

    window = blank_window(open_window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for kind, name in (("project", "Alpha"), ("criterion", "Cost")):
        field = window.matrix_view.quick_add.panel.fields[kind]
        field.setFocus()
        qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f)
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    return window


def test_the_panel_kept_for_typing_closes_when_the_keyboard_leaves_it(open_window, qtbot):

    window = _one_of_each_typed(open_window, qtbot)
    quick = window.matrix_view.quick_add
    assert quick.showing_panel
    window.inspector.rationale.setFocus()
    qtbot.waitUntil(lambda: not quick.showing_panel)


def test_the_panel_kept_for_typing_stays_when_another_window_takes_the_keyboard(open_window, qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit

    window = _one_of_each_typed(open_window, qtbot)
    quick = window.matrix_view.quick_add
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other)
    assert quick.showing_panel  # still there when the user comes back


def test_the_panel_lies_over_the_matrix_when_a_blank_document_follows_a_file(
    open_window, template_path, qtbot
):
    """The panel is placed when the matrix shows (it was hidden behind the start page, or
    another document, while the window was made)."""
    window = open_window(template_path)
    window.resize(1400, 900)
    qtbot.waitExposed(window)
    assert not window.matrix_view.quick_add.showing_panel
    assert window.files.close_document()
    window.files.new_document()
    view = window.matrix_view
    panel = view.quick_add.panel
    assert panel.isVisible()
    area = view.viewport().geometry()
    assert panel.geometry().left() == area.left() and panel.width() == area.width()


def panel_in_view(window) -> bool:
    """Whether the panel lies where the matrix's cells are and shows both name fields whole."""
    view = window.matrix_view
    panel = view.quick_add.panel
    area = view.viewport().geometry()
    if panel.geometry().left() != area.left() or panel.width() != area.width():
        return False
    shown = view.rect()
    for kind in ("project", "criterion"):
        for widget in (panel.fields[kind], panel.buttons[kind]):
            place = widget.geometry().translated(panel.pos())
            if not shown.contains(place):
                return False
    return True


@pytest.mark.parametrize("width", [1400, 900])
def test_new_from_a_full_matrix_shows_the_panel_whole_once_the_window_settles(
    open_window, template_path, qtbot, width
):
    """New after a full matrix: the header's two lines go, the cells' area moves up and the
    panel follows it, both name fields and buttons in view, at any window width (a narrow one
    wraps the hint over more lines)."""
    window = open_window(template_path)
    window.resize(width, 900)
    qtbot.waitExposed(window)
    window.menu_actions.new.trigger()
    assert window.matrix_view.quick_add.showing_panel
    qtbot.wait(100)  # the header and splitter settle
    qtbot.waitUntil(lambda: panel_in_view(window), timeout=2000)
    window.resize(width - 200, 900)  # narrower still: the hint takes another line
    qtbot.wait(100)
    qtbot.waitUntil(lambda: panel_in_view(window), timeout=2000)


@pytest.mark.parametrize("kind", ["project", "criterion"])
def test_adding_from_another_tab_brings_the_matrix_into_view_first(
    open_window, document_path, qtbot, kind
):
    # The shortcut works on every tab: the name field it opens, and the matrix the focus goes
    # to after it, must be on screen, or the next keys type into fields nobody can see.
    window = open_window(document_path)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.editors_panel)
    action = (
        window.menu_actions.add_project if kind == "project" else window.menu_actions.add_criterion
    )
    action.trigger()
    assert window.tabs.currentWidget() is window.splitter
    editor = window.matrix_view.quick_add.editor
    assert editor is not None and editor.isVisible()


@pytest.mark.parametrize("key", [Qt.Key.Key_3, Qt.Key.Key_Up, Qt.Key.Key_Delete])
def test_keys_a_name_field_leaves_do_not_reach_the_matrix_behind_it(open_window, qtbot, key):
    """Ctrl+3 in the panel's name field, or in a header's name editor, scored the hidden cell
    behind it (and froze the new item's id); the matrix acts only on keys typed in it."""
    from PySide6.QtWidgets import QApplication

    window = _one_of_each_typed(open_window, qtbot)
    field = window.matrix_view.quick_add.panel.fields["criterion"]
    assert QApplication.focusWidget() is field
    qtbot.keyClick(field, key, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.document.cells == {}
    window.matrix_view.quick_add.close_panel()
    window.menu_actions.add_project.trigger()  # opens the header's name editor
    editor = window.matrix_view.quick_add.editor
    assert editor is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    editor.selectAll()
    qtbot.keyClicks(editor, "Beta")
    qtbot.keyClick(editor, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    document = window.controller.document
    assert document.cells == {}
    assert [p.id for p in document.projects] == ["alpha", "beta"]
    # Typed in the matrix itself, the same chord scores the cell.
    assert window.matrix_view.select_cell("alpha", "cost")
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.matrix_view)
    qtbot.keyClick(window.matrix_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.document.cell("alpha", "cost").impact == 3


def test_a_name_editor_closes_when_its_item_goes(open_window, qtbot, monkeypatch):
    """Undo of the add, or a new document, closes the header's name editor: Enter there named
    an item that no longer exists ("project 'new-project' does not exist")."""
    window = _one_of_each_typed(open_window, qtbot)
    window.matrix_view.quick_add.close_panel()
    quick_add = window.matrix_view.quick_add
    window.menu_actions.add_project.trigger()
    editor = quick_add.editor
    assert editor is not None and editor.isVisible()
    window.controller.undo_stack.undo()
    assert not editor.isVisible() and quick_add.editor is None
    assert [p.id for p in window.controller.document.projects] == ["alpha"]
    window.menu_actions.add_criterion.trigger()
    editor = quick_add.editor
    assert editor is not None
    editor.setText("Half typed")
    from PySide6.QtWidgets import QMessageBox

    discard = QMessageBox.StandardButton.Discard
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: discard)
    assert window.files.new_document()
    assert quick_add.editor is None and not editor.isVisible()
    errors: list[str] = []
    window.controller.errorOccurred.connect(errors.append)
    qtbot.wait(10)  # the editor's deletion is posted
    assert errors == []


@pytest.mark.parametrize(
    ("kind", "keys"), [("project", "Shift+F2"), ("criterion", "Ctrl+Shift+F2")]
)
def test_a_header_is_renamed_from_the_keyboard(open_window, document_path, qtbot, kind, keys):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QApplication

    window = open_window(document_path)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert window.matrix_view.select_cell("p1", "c2")
    window.matrix_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.matrix_view)
    action = (
        window.menu_actions.rename_project
        if kind == "project"
        else (window.menu_actions.rename_criterion)
    )
    assert action.shortcut() == QKeySequence(keys)
    action.trigger()
    editor = window.matrix_view.quick_add.editor
    assert editor is not None and editor.item_id == ("p1" if kind == "project" else "c2")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed by keyboard")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    document = window.controller.document
    item = document.project("p1") if kind == "project" else document.criterion("c2")
    assert item.name == "Renamed by keyboard"
    assert QApplication.focusWidget() is window.matrix_view


def test_a_name_of_spaces_is_cleared_with_a_word(open_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QToolTip

    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *a: shown.append(text))
    window = blank_window(open_window, qtbot)
    field = window.matrix_view.quick_add.panel.fields["project"]
    field.setText("    ")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "" and window.controller.document.projects == []
    assert shown and "Spaces alone make no name" in shown[-1]


def _focus_out(field, reason) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(field, QFocusEvent(QEvent.Type.FocusOut, reason))


def test_a_name_left_without_enter_is_added_and_one_left_for_another_window_is_kept(
    open_window, qtbot
):
    window = blank_window(open_window, qtbot)
    panel = window.matrix_view.quick_add.panel
    field = panel.fields["project"]
    qtbot.keyClicks(field, "Tomt")
    _focus_out(field, Qt.FocusReason.ActiveWindowFocusReason)  # the user looks elsewhere
    assert window.controller.document.projects == [] and field.text() == "Tomt"
    qtbot.keyClicks(field, "or")
    _focus_out(field, Qt.FocusReason.TabFocusReason)  # Tab to the next field
    assert [p.name for p in window.controller.document.projects] == ["Tomtor"]
    assert field.text() == ""
    qtbot.keyClicks(panel.fields["criterion"], "Sanctions")
    qtbot.keyClick(panel.fields["criterion"], Qt.Key.Key_Escape)  # done: the name is dropped
    assert window.controller.document.criteria == []


def test_save_and_close_add_a_name_typed_and_not_entered(open_window, qtbot, tmp_path, monkeypatch):
    """Typing is never lost: the name in the field is added before the file is written, even
    when the field does not have the focus (the window is not the active one)."""
    from PySide6.QtWidgets import QFileDialog

    from rrisk.fileformat import load

    window = blank_window(open_window, qtbot)
    panel = window.matrix_view.quick_add.panel
    panel.fields["project"].setText("Alpha")
    qtbot.keyClick(panel.fields["project"], Qt.Key.Key_Return)
    qtbot.keyClicks(panel.fields["project"], "Beta typed")
    target = tmp_path / "case.rrisk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.files.save_as()
    assert [p.name for p in load(target).projects] == ["Alpha", "Beta typed"]
    assert not window.isWindowModified()
    qtbot.keyClicks(panel.fields["criterion"], "Gamma")
    asked: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel),
    )
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel),
    )
    window.close()
    assert [c.name for c in window.controller.document.criteria] == ["Gamma"]
    assert asked and window.isVisible()  # unsaved: asked, and Cancel keeps the window


def test_ctrl_z_in_an_emptied_name_field_undoes_the_addition(open_window, qtbot):
    """After Enter added a name, Ctrl+Z in the emptied field takes the addition back (the
    window's Undo), rather than bringing the name back into the field, where leaving it
    would add the item a second time; Ctrl+Y redoes it."""
    window = blank_window(open_window, qtbot)
    panel = window.matrix_view.quick_add.panel
    field = panel.fields["project"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "Tomtor")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert [p.name for p in window.controller.document.projects] == ["Tomtor"]
    assert field.text() == ""
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == ""
    assert window.controller.document.projects == []
    qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [p.name for p in window.controller.document.projects] == ["Tomtor"]
    # Typing of its own is still the field's to take back.
    qtbot.keyClicks(field, "Sel")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "" and len(window.controller.document.projects) == 1


def test_a_new_source_says_what_was_made(window, qtbot) -> None:
    """ "New source…" with a title typed makes the source at once (no dialog): the status bar
    says so, and that it is graded F6 until graded."""
    window.matrix_view.select_cell("tomtor", "sanctions")
    evidence = window.inspector.evidence
    evidence.source.setEditText("Interfax report on Tomtor licence")
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    said = window.statusBar().currentMessage()
    assert "Interfax report on Tomtor licence" in said and "added" in said and "F6" in said
    titles = [s.title for s in window.controller.document.sources]
    assert "Interfax report on Tomtor licence" in titles


def test_the_name_fields_stay_in_place_as_projects_are_added(open_window, qtbot):
    """Each project added grows the matrix under the panel: the fields do not move with it
    (a click where the criterion field had been added a project instead)."""
    window = blank_window(open_window, qtbot)
    panel = window.matrix_view.quick_add.panel
    field = panel.fields["criterion"]
    places = []
    for name in ("Tomtor", "Lynas Malaysia", "Mountain Pass", "Seligdar", "Chuktukon"):
        panel.fields["project"].setText(name)
        qtbot.keyClick(panel.fields["project"], Qt.Key.Key_Return)
        qtbot.wait(30)  # the splitter refits the matrix to its rows
        places.append(field.mapTo(window, field.rect().topLeft()))
    assert len(set(places[1:])) == 1, places


def test_add_evidence_with_a_new_title_says_the_source_is_linked(window, qtbot) -> None:
    window.matrix_view.select_cell("tomtor", "sanctions")
    evidence = window.inspector.evidence
    evidence.source.setEditText("Interfax report on Tomtor licence")
    evidence.add_current()
    said = window.statusBar().currentMessage()
    assert "added and linked to the selected cell," in said


def test_new_source_with_an_existing_title_picks_that_source(window, qtbot, monkeypatch) -> None:
    """ "New source…" with a title a source already has made a second source of that title,
    graded F6, beside the graded one."""
    from PySide6.QtWidgets import QInputDialog

    window.matrix_view.select_cell("tomtor", "sanctions")
    evidence = window.inspector.evidence
    existing = window.controller.document.sources[0]
    before = len(window.controller.document.sources)
    evidence.source.setEditText(f"  {existing.title.upper()} ")
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    assert len(window.controller.document.sources) == before
    assert evidence.matched_source() == existing.id
    assert "already a source" in window.statusBar().currentMessage()
    # The same for a title typed in the dialog "New source…" asks with.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (existing.title, True))
    qtbot.mouseClick(evidence.new_source_button, Qt.MouseButton.LeftButton)
    assert len(window.controller.document.sources) == before
    assert evidence.matched_source() == existing.id


def test_a_header_name_left_for_another_window_is_kept_to_be_finished(
    open_window, document_path, qtbot, tmp_path, monkeypatch
):
    """Another window coming to the front while an added item's name is typed in its header
    leaves the name to be finished: the item is named once, with the whole name, in the one
    step of its addition; saved while another window has the front, the name typed goes in."""
    from PySide6.QtWidgets import QFileDialog

    from rrisk.fileformat import load

    window = open_window(document_path)
    controller = window.controller
    window.menu_actions.add_project.trigger()
    editor = window.matrix_view.quick_add.editor
    qtbot.keyClicks(editor, "Half")
    _focus_out(editor, Qt.FocusReason.ActiveWindowFocusReason)  # the user looks elsewhere
    assert controller.document.projects[-1].name == "New project"
    assert window.matrix_view.quick_add.editor is editor and editor.text() == "Half"
    qtbot.keyClicks(editor, "way")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert controller.document.projects[-1].name == "Halfway"
    stack = controller.undo_stack
    assert stack.text(stack.count() - 1) == "Add project Halfway"

    window.menu_actions.add_criterion.trigger()
    editor = window.matrix_view.quick_add.editor
    qtbot.keyClicks(editor, "Export ban")
    _focus_out(editor, Qt.FocusReason.ActiveWindowFocusReason)
    target = tmp_path / "case.rrisk"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.files.save_as()
    assert load(target).criteria[-1].name == "Export ban"
