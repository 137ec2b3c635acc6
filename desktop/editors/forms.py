"""Binding detail-form widgets to document fields: load, commit as one undo step, revert.

A :class:`FormBinder` owns the bindings of one form. Each binding reads its value from the
current item, and on ``editingFinished`` (or an equivalent) turns the widget's value into a
``changes`` dict for the controller. A refused change shows the controller's message under the
form and puts the document's value back. A refresh never overwrites the widget the user is
typing in. ``Escape`` in a field throws away what was typed there (the stored value shows
again, and leaving the field then changes nothing), as it does in a spreadsheet's cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QToolTip,
    QWidget,
)

from desktop.editors.common import MessageLabel, PlainTextField, single_line
from desktop.ui.narrative_text import ResolvedText
from desktop.ui.refusals import SaysRefusals
from desktop.ui.text import plain
from desktop.ui.undo_keys import forget_typing, pass_undo_keys

Getter = Callable[[Any], Any]
ToChanges = Callable[[Any], dict[str, Any]]
Commit = Callable[[dict[str, Any], str], tuple[bool, str]]
"""(changes, label of the edited field) -> (accepted, refusal message)."""


def widget_value(widget: QWidget) -> Any:
    """The value a form widget currently shows."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, ResolvedText):
        return widget.raw_text()  # the fields, not the values shown
    if isinstance(widget, PlainTextField):
        return widget.plain_text()
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            return widget.currentText()
        return widget.currentData()
    if isinstance(widget, QAbstractSpinBox):
        return widget.value()  # type: ignore[attr-defined]
    if isinstance(widget, QGroupBox):
        return widget.isChecked()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(f"no value for {type(widget).__name__}")


def set_widget_value(widget: QWidget, value: Any) -> None:
    """Show a value in a form widget without emitting its change signals."""
    blocked = widget.blockSignals(True)
    try:
        if isinstance(widget, QLineEdit):
            if widget.text() != value:
                widget.setText(value)
                widget.setCursorPosition(0)
        elif isinstance(widget, PlainTextField):
            if widget_value(widget) != value:
                widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            if widget.isEditable():
                widget.setCurrentText(value)
            else:
                widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QAbstractSpinBox):
            widget.setValue(value)  # type: ignore[attr-defined]
        elif isinstance(widget, (QGroupBox, QCheckBox)):
            widget.setChecked(bool(value))
    finally:
        widget.blockSignals(blocked)


def commit_signal(widget: QWidget) -> Any:
    """The signal meaning "the user is done with this value"."""
    if isinstance(widget, (QLineEdit, PlainTextField, QAbstractSpinBox)):
        return widget.editingFinished
    if isinstance(widget, QComboBox):
        line = widget.lineEdit() if widget.isEditable() else None
        if line is not None:
            return line.editingFinished
        return widget.activated
    if isinstance(widget, (QGroupBox, QCheckBox)):
        return widget.clicked
    raise TypeError(f"no commit signal for {type(widget).__name__}")


class Binding:
    """One widget (or a group of widgets sharing a field) bound to the document."""

    def __init__(
        self,
        widget: QWidget,
        getter: Getter,
        to_changes: ToChanges,
        label: str,
        to_widget: Callable[[Any], Any] | None = None,
    ) -> None:
        self.widget = widget
        self.getter = getter
        self.to_changes = to_changes
        self.label = label
        self.to_widget = to_widget or (lambda value: value)
        self.loaded: Any = None

    def load(self, item: Any, force: bool = False) -> None:
        shown = self.to_widget(self.getter(item))
        typing_here = self.widget.hasFocus() or self.widget.isAncestorOf(
            self.widget.focusWidget() or self.widget
        )
        if not force and typing_here and widget_value(self.widget) != self.loaded:
            return  # the user is editing this one: leave their text alone
        set_widget_value(self.widget, shown)
        self.loaded = widget_value(self.widget)

    def clear(self) -> None:
        """Show no value (the form of no item): none of an item removed, and no default that
        reads as set (a red-line rule ticked, a category, a weight)."""
        widget = self.widget
        blocked = widget.blockSignals(True)
        try:
            if isinstance(widget, QComboBox) and not widget.isEditable():
                widget.setCurrentIndex(-1)
            elif isinstance(widget, QAbstractSpinBox):
                widget.clear()
            elif isinstance(widget, (QGroupBox, QCheckBox)):
                widget.setChecked(False)
            else:
                set_widget_value(widget, "")
        finally:
            widget.blockSignals(blocked)
        self.loaded = None


class FormBinder:
    """Loads a form from an item and commits each finished edit as one undo step."""

    def __init__(self, message: MessageLabel, commit: Commit) -> None:
        self._message = message
        self._commit = commit
        self._bindings: list[Binding] = []
        self._item: Any = None
        self._escape = _EscapeDiscards(self, message)

    @property
    def item(self) -> Any:
        return self._item

    def bind(
        self,
        widget: QWidget,
        getter: Getter,
        to_changes: ToChanges,
        label: str,
        to_widget: Callable[[Any], Any] | None = None,
        signal: Any = None,
    ) -> Binding:
        binding = Binding(widget, getter, to_changes, label, to_widget)
        self._bindings.append(binding)
        if isinstance(widget, SaysRefusals):
            # A key the field refuses replaces an earlier refusal under the form.
            widget.also_said = lambda message: self._message.show_error(
                f"{binding.label}: {message}"
            )
        (signal or commit_signal(widget)).connect(lambda *_: self._finished(binding))
        # Ctrl+Z in a field with no typing of its own undoes the document's last step.
        pass_undo_keys(widget, [widget])
        self._escape.watch(widget, binding)
        return binding

    def bind_field(self, widget: QWidget, field: str, label: str) -> Binding:
        """The common case: the widget shows one field as is."""
        return self.bind(
            widget, lambda item: getattr(item, field), lambda value: {field: value}, label
        )

    def load(self, item: Any, force: bool = False) -> None:
        """Show ``item`` (None disables the form); ``force`` also resets focused widgets."""
        switching = item is None or self._item is None or item.id != getattr(self._item, "id", None)
        self._item = item
        if switching:
            self._message.clear_error()
        if item is None:
            for binding in self._bindings:
                binding.clear()
            return
        for binding in self._bindings:
            binding.load(item, force=force or switching)

    def _finished(self, binding: Binding) -> None:
        if self._item is None:
            return
        value = widget_value(binding.widget)
        if isinstance(value, str) and _one_line(binding.widget) and single_line(value) != value:
            value = single_line(value)
            set_widget_value(binding.widget, value)
        if value == binding.loaded:
            return
        try:
            changes = binding.to_changes(value)
        except ValueError as error:
            self._refused(binding, str(error))
            return
        accepted, message = self._commit(changes, binding.label)
        if accepted:
            self._message.clear_error()
            binding.loaded = value
            forget_typing(binding.widget)
        else:
            self._refused(binding, message)

    def discard_typing(self, binding: Binding) -> bool:
        """Show the stored value again in ``binding``'s field, throwing away what was typed
        there and not yet applied; False when nothing was typed (the key is not the field's)."""
        widget = binding.widget
        if self._item is None or not _typed_in(widget, binding.loaded):
            return False
        binding.load(self._item, force=True)
        if isinstance(widget, SaysRefusals):
            widget._refused_in_typing = False  # what a refused key left is gone with the rest
        forget_typing(widget)
        return True

    def _refused(self, binding: Binding, message: str) -> None:
        self._message.show_error(message)
        scroll = _scroll_area_of(self._message)
        if scroll is not None:
            scroll.ensureWidgetVisible(self._message)
        # The message label may be scrolled out of view; say it at the field as well.
        widget = binding.widget
        if widget.isVisible():
            QToolTip.showText(
                widget.mapToGlobal(widget.rect().bottomLeft()), plain(self._message.text()), widget
            )
        if self._item is not None:
            binding.load(self._item, force=True)


class _EscapeDiscards(QObject):
    """Event filter of a form's fields: ``Escape`` throws away the typing not yet applied (see
    :meth:`FormBinder.discard_typing`). With nothing typed, the key goes on as before."""

    def __init__(self, binder: FormBinder, parent: QObject) -> None:
        super().__init__(parent)  # gone with the form
        self._binder = binder
        self._bindings: dict[QObject, Binding] = {}

    def watch(self, widget: QWidget, binding: Binding) -> None:
        self._bindings[widget] = binding
        widget.installEventFilter(self)
        # Gone with its field: a form rebuilt (the rubric's rows) leaves no stale entry.
        widget.destroyed.connect(lambda *_, key=widget: self._bindings.pop(key, None))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or event.key() != Qt.Key.Key_Escape
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return False
        binding = self._bindings.get(watched)
        return binding is not None and self._binder.discard_typing(binding)


def _typed_in(widget: QWidget, loaded: Any) -> bool:
    """Whether the field holds typing not yet applied: a value other than the one loaded, or
    text a number field cannot read (a lone "-", which leaves its value as it was)."""
    if widget_value(widget) != loaded:
        return True
    if isinstance(widget, QAbstractSpinBox):
        spin: Any = widget
        return bool(spin.lineEdit().text() != spin.textFromValue(spin.value()))
    return False


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The scroll area ``widget`` is in, if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def _one_line(widget: QWidget) -> bool:
    """Whether ``widget`` holds one line of text (a pasted line break in it is not meant)."""
    return isinstance(widget, QLineEdit) or (isinstance(widget, QComboBox) and widget.isEditable())
