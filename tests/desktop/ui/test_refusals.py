"""A number field says what it refuses: a key it cannot take, or text left in it that it
cannot read, gets a line in the status bar naming what the field takes, and the old value
stays."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QLabel


def _message(window) -> str:
    return window.statusBar().currentMessage()


def _leave(field) -> None:
    """The field loses the focus, as Tab or a click elsewhere makes it."""
    QApplication.sendEvent(field, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def test_a_score_the_inspector_cannot_take_is_said_and_the_old_one_kept(
    open_window, document_path, qtbot
):
    window = open_window(document_path)
    window.show()
    assert window.matrix_view.select_cell("p0", "c2")  # L3 × I3
    spin = window.inspector.likelihood
    spin.setFocus()
    spin.selectAll()
    for typed in ("6", "x"):
        window.statusBar().clearMessage()
        qtbot.keyClicks(spin, typed)
        assert f"“{typed}” cannot be typed here" in _message(window)
        assert "a score from 1 to 5" in _message(window)
    _leave(spin)
    assert window.controller.document.cell("p0", "c2").likelihood == 3
    assert window.controller.undo_stack.count() == 0


def test_retyping_the_same_score_or_a_valid_one_says_nothing(open_window, document_path, qtbot):
    window = open_window(document_path)
    window.show()
    assert window.matrix_view.select_cell("p0", "c2")
    spin = window.inspector.likelihood
    spin.setFocus()
    spin.selectAll()
    window.statusBar().clearMessage()
    qtbot.keyClicks(spin, "3")  # the same score over the selection: taken
    assert _message(window) == ""
    spin.selectAll()
    qtbot.keyClicks(spin, "4")
    _leave(spin)
    assert _message(window) == ""
    assert window.controller.document.cell("p0", "c2").likelihood == 4


def test_a_weight_left_unreadable_is_said_and_the_old_one_kept(open_window, document_path, qtbot):
    window = open_window(document_path)
    window.show()
    editors = window.lazy_tabs.panel("editors")
    window.tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editors.criteria)
    spin = editors.criteria.weight_spin
    before = window.controller.document.criteria[0].weight
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "a")
    assert "“a” cannot be typed here: the field takes a number from 0" in _message(window)
    spin.selectAll()
    qtbot.keyClicks(spin, "-")
    assert spin.lineEdit().text() == "-"
    window.statusBar().clearMessage()
    _leave(spin)  # leaving the field with "-" in it
    assert "“-” is not a number from 0" in _message(window)
    assert "so it was not applied" in _message(window)
    assert window.controller.document.criteria[0].weight == before


def test_passing_through_a_field_that_shows_no_score_says_nothing(
    open_window, template_path, qtbot
):
    """An empty range field reads "—" (no score): Tab through it is no refusal."""
    window = open_window(template_path)
    window.show()
    assert window.matrix_view.select_cell("tomtor", "market-access")  # no likelihood range
    for spin in (window.inspector.likelihood_low, window.inspector.likelihood_high):
        assert spin.lineEdit().text() == "—"
        spin.setFocus()
        window.statusBar().clearMessage()
        _leave(spin)
        assert _message(window) == ""
    assert window.controller.undo_stack.count() == 0


def test_what_a_refused_key_leaves_is_not_applied(qtbot) -> None:
    """A red-line threshold: select it, type 26 (the 6 refused) and leave: 2 was applied and
    excluded three projects. The value as it was comes back, and the field says so."""
    _window, spin, other = _threshold_field(qtbot)
    finished: list[int] = []
    spin.editingFinished.connect(lambda: finished.append(spin.value()))
    for leave in ("focus", "return"):
        spin.setFocus()
        qtbot.waitUntil(spin.hasFocus)
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, "26")
        if leave == "focus":
            other.setFocus()
            qtbot.waitUntil(other.hasFocus)
        else:
            qtbot.keyClick(spin, Qt.Key.Key_Return)
        assert spin.value() == 20, leave
    assert set(finished) == {20}
    # Typed again after the refusal, the value is meant: it is applied.
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "26")
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)
    qtbot.keyClicks(spin, "25")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == 25
    # A key added after the refused one is not typing again: "1e3" with the e refused left
    # "13", which was applied.
    spin.setRange(1, 1000)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "1e3")
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert spin.value() == 25
    # A step after the refusal is meant: it is kept on leaving.
    spin.setRange(1, 5)
    spin.setValue(1)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "26")  # the 6 refused, 2 left
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert spin.value() == 3


def test_a_number_typed_after_a_refused_minus_is_not_applied(qtbot) -> None:
    """Typing "-1" over the selected value: the minus is refused and the 1 takes the value's
    place. The 1 is what the refused key left, not a number typed again: it is not applied,
    and the field says so; deleting it and typing again applies the number."""
    window, spin, other = _threshold_field(qtbot)
    for leave in ("return", "focus"):
        spin.setFocus()
        qtbot.waitUntil(spin.hasFocus)
        spin.lineEdit().selectAll()
        qtbot.keyClicks(spin, "-1")
        assert spin.lineEdit().text().endswith("1")
        if leave == "focus":
            other.setFocus()
            qtbot.waitUntil(other.hasFocus)
        else:
            qtbot.keyClick(spin, Qt.Key.Key_Return)
        assert spin.value() == 20, leave
        assert "“1” was left after a refused key" in _message(window), leave
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "-1")
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)
    qtbot.keyClicks(spin, "3")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == 3


def test_a_lone_minus_left_with_return_is_said_in_the_table_and_the_form(
    open_window, document_path, qtbot
):
    """Return puts the old value back before the field is left: it is said then, in the
    criteria table's editor (which Return closes) as in the form's field."""
    window, editors = _criteria_editor(open_window, document_path, qtbot)
    criteria = editors.criteria
    criterion = window.controller.document.criteria[0]
    model, table = criteria.model, criteria.table
    index = model.index(model.row_of(criterion.id), 3)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.focusWidget()
    assert editor is not None and editor is not table
    editor.selectAll()
    qtbot.keyClicks(editor, "-")
    assert editor.text() == "-"
    window.statusBar().clearMessage()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "“-” is not a number from 0" in _message(window)
    assert "so it was not applied" in _message(window)
    qtbot.waitUntil(lambda: table.focusWidget() is table or not editor.isVisible())
    spin = criteria.weight_spin
    criteria.select_id(criterion.id)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.selectAll()
    qtbot.keyClicks(spin, "-")
    window.statusBar().clearMessage()
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert "“-” is not a number from 0" in _message(window)
    assert window.controller.document.criteria[0].weight == criterion.weight
    assert window.controller.undo_stack.count() == 0


def test_a_weight_field_names_the_weight_limit_not_the_box_range(open_window, document_path, qtbot):
    """The box goes past 1000 so that 1000.5 is refused with the reason; what it says it
    takes is a weight's limit, 1000."""
    window, editors = _criteria_editor(open_window, document_path, qtbot)
    model, table = editors.criteria.model, editors.criteria.table
    index = model.index(0, 3)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.focusWidget()
    assert editor is not None and editor is not table
    editor.selectAll()
    qtbot.keyClicks(editor, "a")
    assert "the field takes a number from 0 to 1000." in _message(window), _message(window)
    assert "1000000" not in _message(window)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_an_emptied_threshold_is_said_empty_not_quoted_as_its_prefix(qtbot) -> None:
    window, spin, other = _threshold_field(qtbot)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.lineEdit().selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    said = _message(window)
    assert "left empty" in said and "a number from 1 to 25" in said, said
    assert "“r = L × I ≥”" not in said, said
    assert spin.value() == 20


def _criteria_editor(open_window, document_path, qtbot):
    """The window, shown and active, on Editors → Criteria: (window, the editors panel)."""
    window = open_window(document_path)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editors = window.lazy_tabs.panel("editors")
    window.tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editors.criteria)
    return window, editors


def _threshold_field(qtbot):
    """A window holding a red-line threshold field (1–25, at 20) and a field to leave it
    for, shown and active: (window, threshold, other field)."""
    from PySide6.QtWidgets import QLineEdit, QMainWindow, QVBoxLayout, QWidget

    from desktop.ui.refusals import SpinBox

    window = QMainWindow()
    qtbot.addWidget(window)
    holder = QWidget(window)
    window.setCentralWidget(holder)
    layout = QVBoxLayout(holder)
    spin, other = SpinBox(holder), QLineEdit(holder)
    spin.setRange(1, 25)
    spin.setPrefix("r = L × I ≥ ")
    spin.setValue(20)
    layout.addWidget(spin)
    layout.addWidget(other)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, spin, other


def test_a_refused_score_is_said_aloud_once(open_window, document_path, qtbot, said_aloud):
    """A screen reader reads neither the tip at the field nor the status bar by itself: the
    refusal went unheard."""
    window = open_window(document_path)
    window.show()
    assert window.matrix_view.select_cell("p0", "c2")
    spin = window.inspector.likelihood
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "6")
    assert said_aloud == [_message(window)]
    assert "“6” cannot be typed here" in said_aloud[0]


def test_a_weight_key_refused_in_a_form_is_said_aloud_once_with_its_field(
    open_window, document_path, qtbot, said_aloud
):
    window = open_window(document_path)
    window.show()
    editors = window.lazy_tabs.panel("editors")
    window.tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editors.criteria)
    spin = editors.criteria.weight_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "a")
    message = editors.criteria.findChild(QLabel, "errorMessage")
    assert said_aloud == [message.text()]
    assert said_aloud[0].startswith("Not changed: Weight: “a” cannot be typed here")


def test_a_value_an_editor_refuses_is_said_aloud(open_window, document_path, qtbot, said_aloud):
    window = open_window(document_path)
    window.show()
    editors = window.lazy_tabs.panel("editors")
    window.tabs.setCurrentWidget(editors)
    editor = editors.assessment
    editors.setCurrentWidget(editor)
    field = editor.fields["as_of"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "05/03/2024")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert said_aloud == [editor.message.text()]
    assert "As-of date: '05/03/2024' is not YYYY-MM-DD" in said_aloud[0]


def test_the_inspectors_line_for_a_refused_edit_is_said_aloud(
    open_window, document_path, said_aloud
):
    window = open_window(document_path)
    window.show()
    window.inspector.show_error("The link was refused: that source is gone.")
    assert said_aloud == ["The link was refused: that source is gone."]


def test_a_line_under_a_form_reads_as_its_message_to_a_screen_reader(qtbot):
    """The line's name, 'Edit refused', stands for its text: read again, it said only that."""
    from PySide6.QtGui import QAccessible

    from desktop.editors.common import MessageLabel

    line = MessageLabel()
    qtbot.addWidget(line)
    line.show_error("Date: '31 March' is not YYYY, YYYY-MM or YYYY-MM-DD")
    interface = QAccessible.queryAccessibleInterface(line)
    assert interface.text(QAccessible.Text.Name) == "Edit refused"
    assert interface.text(QAccessible.Text.Description) == (
        "Not changed: Date: '31 March' is not YYYY, YYYY-MM or YYYY-MM-DD"
    )
    line.clear_error()
    assert interface.text(QAccessible.Text.Description) == ""
