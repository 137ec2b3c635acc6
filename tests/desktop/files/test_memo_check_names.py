"""The list of findings before a memo export carries a name for screen readers (a list
view has no label to borrow one from)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible

from rrisk.check import check_document
from rrisk.templates import new_from_template


def test_the_memo_check_list_has_an_accessible_name(qtbot) -> None:
    from desktop.files.memo_check import MemoCheckDialog

    problems = check_document(new_from_template("russia-rare-earths"), None, screen=True)
    dialog = MemoCheckDialog(problems, None, None)
    qtbot.addWidget(dialog)
    face = QAccessible.queryAccessibleInterface(dialog.problem_list)
    assert face.text(QAccessible.Text.Name)
