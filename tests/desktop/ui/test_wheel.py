"""The wheel scrolls the inspector and the editor forms past their fields (desktop/ui/wheel.py):
a value changes under the wheel only in the field the user is in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QWidget


@pytest.fixture
def window_size() -> tuple[int, int]:
    return 1366, 768  # a laptop screen: the inspector's form scrolls


def _wheel(widget: QWidget, notches: int = -1) -> None:
    from PySide6.QtGui import QWheelEvent

    where = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        where,
        widget.mapToGlobal(where),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def test_scrolling_the_inspector_over_its_fields_changes_nothing(window, qtbot) -> None:
    controller, inspector = window.controller, window.inspector
    project, criterion = controller.selection
    before = controller.document.cell(project, criterion)
    steps = controller.undo_stack.index()
    scroll = inspector.findChild(QScrollArea).verticalScrollBar()
    assert scroll.maximum() > 0, "the form should scroll at this size"
    window.focus_matrix()
    for field in (inspector.likelihood, inspector.impact, inspector.status):
        _wheel(field)
        _wheel(field)
    assert controller.document.cell(project, criterion) == before
    assert controller.undo_stack.index() == steps and not window.isWindowModified()
    assert scroll.value() > 0  # the wheel went to the form, which scrolled


def test_a_field_the_user_is_in_still_takes_the_wheel(window, qtbot) -> None:
    controller, inspector = window.controller, window.inspector
    project, criterion = controller.selection
    likelihood = controller.document.cell(project, criterion).likelihood
    inspector.likelihood.setFocus()
    qtbot.waitUntil(inspector.likelihood.hasFocus)
    _wheel(inspector.likelihood, notches=1 if likelihood < 5 else -1)
    assert controller.document.cell(project, criterion).likelihood != likelihood


def test_editor_forms_scroll_past_their_drop_downs(window, qtbot) -> None:
    controller = window.controller
    window.tabs.setCurrentWidget(window.lazy_tabs.page("editors"))
    panel = window.editors_panel
    before = controller.document.model_dump()
    combos = [c for c in panel.findChildren(QComboBox) if c.isVisible() and c.isEnabled()]
    assert combos
    window.focus_matrix()
    shown = [combo.currentText() for combo in combos]
    for combo in combos:
        _wheel(combo)
    assert controller.document.model_dump() == before
    assert [combo.currentText() for combo in combos] == shown, [c.objectName() for c in combos]
