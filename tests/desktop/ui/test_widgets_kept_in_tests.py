"""The desktop tests' own footing: a widget a test gives to ``qtbot.addWidget`` lives until the
test's teardown closes it (pytest-qt alone holds it weakly, and a shown view freed while the
next paint came crashed the run now and then)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QWidget
from shiboken6 import isValid


def test_a_shown_widget_outlives_the_tests_own_name_for_it(qtbot) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.show()
    kept = weakref.ref(tree)
    del tree
    gc.collect()
    assert kept() is not None and isValid(kept())


def test_a_widget_the_app_deletes_on_close_is_let_go_of(qtbot, widgets_kept_until_teardown) -> None:
    widget = QWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(widget)
    widget.show()
    key = id(widget)
    assert key in widgets_kept_until_teardown
    widget.close()
    qtbot.waitUntil(lambda: key not in widgets_kept_until_teardown)
