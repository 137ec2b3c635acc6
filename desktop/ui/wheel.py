"""The mouse wheel scrolls a form; it changes a value only in the field the user is in.

Qt's spin boxes and drop-downs take the wheel whenever the pointer is over them, so scrolling
the inspector or an editor form with the pointer passing over a score would change the score
(and reset a reviewed cell to draft), each tick an undo step. :func:`guard_wheel` gives every
spin box and drop-down in a container a filter that hands the wheel to the scroll area around
it (the form scrolls) unless the field has the keyboard focus: click or Tab into a field, then
the wheel steps its value as before. The filter is on those widgets only, so no other event
pays for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.Wheel
            or not isinstance(watched, QWidget)
            or not isinstance(event, QWheelEvent)
            or watched.hasFocus()
        ):
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            # Handed to the form's scroll area in so many words (Qt passes a wheel on to the
            # parents only when it came from the system, not when a program sent it).
            viewport = area.viewport()
            QApplication.sendEvent(
                viewport,
                QWheelEvent(
                    viewport.mapFromGlobal(event.globalPosition()),
                    event.globalPosition(),
                    event.pixelDelta(),
                    event.angleDelta(),
                    event.buttons(),
                    event.modifiers(),
                    event.phase(),
                    event.inverted(),
                ),
            )
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def guard_wheel(container: QWidget) -> None:
    """Make the wheel scroll past ``container``'s spin boxes and drop-downs unless focused."""
    guard = _WheelGuard(container)
    fields: list[QWidget] = [
        *container.findChildren(QAbstractSpinBox),
        *container.findChildren(QComboBox),
    ]
    for field in fields:
        # Wheel focus would let the first tick focus the field and the next change it.
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(guard)
