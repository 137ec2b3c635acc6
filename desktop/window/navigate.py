"""Going to the place of a problem: the assessment field, a text, a cell, or an item.

Targets are those of :class:`rrisk.check.Problem` (the memo's check): ``document`` fields and
the summary, recommendation and notes open Editors → Assessment with the field focused; a
project description opens Editors → Projects on that project; a cell or a cell's rationale
selects the cell in the matrix and focuses the inspector; a criterion, project, source or
scenario opens its editor with the item selected (with no item, as for "no projects", the
editor with its Add button focused); a screening hit opens the Screening tab. An unknown or
vanished target does nothing.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt


class MainWindow(Protocol):
    """What going to a place uses of the main window (named here, not imported: the window
    imports this module)."""

    controller: Any
    tabs: Any
    matrix_view: Any
    inspector_dock: Any
    inspector: Any

    @property
    def editors_panel(self) -> Any: ...

    @property
    def screening_panel(self) -> Any: ...

    @property
    def analysis_panel(self) -> Any: ...

    def focus_matrix(self) -> None: ...


ASSESSMENT_TEXTS = ("summary", "recommendation", "notes")
EDITOR_TABS = {"criterion": "criteria", "project": "projects", "source": "sources",
               "scenario": "scenarios"}  # fmt: skip


def go_to(window: MainWindow, target: dict[str, Any]) -> bool:
    """Bring the place of ``target`` forward; False when there is no such place."""
    kind = target.get("kind")
    if kind == "document" or (kind == "text" and target.get("key") in ASSESSMENT_TEXTS):
        return _assessment_field(window, str(target.get("field") or target.get("key")))
    if kind == "text":
        text_kind, _, rest = str(target.get("key", "")).partition(":")
        if text_kind == "project":
            return _item(window, "project", rest, focus_description=True)
        if text_kind == "cell":
            project_id, _, criterion_id = rest.partition(":")
            return _cell(window, project_id, criterion_id, rationale=True)
        return False
    if kind == "cell":
        return _cell(window, str(target.get("project")), str(target.get("criterion")))
    if kind in EDITOR_TABS:
        return _item(window, str(kind), str(target.get("id")))
    if kind == "screening":
        panel = window.screening_panel
        if target.get("project") and target.get("entry"):  # a hit nobody has decided
            panel.select_hit(
                str(target.get("list") or ""),
                str(target["project"]),
                str(target.get("counterparty") or ""),
                str(target["entry"]),
            )
        elif target.get("project"):
            panel.select_project(str(target["project"]))
        # Shown once its list is chosen: the showing screens that list, and only it.
        window.tabs.setCurrentWidget(panel)
        if target.get("project"):
            panel.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
    if kind == "analysis":  # its runs and seed
        window.tabs.setCurrentWidget(window.analysis_panel)
        return True
    return False


def _assessment_field(window: MainWindow, field: str) -> bool:
    editors = window.editors_panel
    editor = editors.assessment
    widget = editor.fields.get(field)
    if widget is None:
        return False
    window.tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editor)
    editor.ensureWidgetVisible(widget)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


def _cell(window: MainWindow, project_id: str, criterion_id: str, rationale: bool = False) -> bool:
    window.focus_matrix()
    if not window.matrix_view.select_cell(project_id, criterion_id):
        return False
    window.inspector_dock.show()
    if rationale:
        window.inspector.rationale.setFocus(Qt.FocusReason.OtherFocusReason)
    else:
        window.inspector.focus_likelihood()
    return True


def _item(window: MainWindow, kind: str, item_id: str, focus_description: bool = False) -> bool:
    """The item's editor with the item selected; with no id (the check's "no projects"), the
    editor with its Add button focused, the way to add the first one."""
    editors = window.editors_panel
    editor = getattr(editors, EDITOR_TABS[kind])
    if not item_id:
        window.tabs.setCurrentWidget(editors)
        editors.setCurrentWidget(editor)
        editor.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
    if item_id not in {item.id for item in getattr(window.controller.document, editor.field)}:
        return False
    window.tabs.setCurrentWidget(editors)
    editors.setCurrentWidget(editor)
    editor.select_id(item_id)
    if focus_description:
        editor.description_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


def next_draft_cell(
    document: Any, selection: tuple[str | None, str | None]
) -> tuple[str, str, int, int] | None:
    """The first assessed cell still draft after ``selection`` in matrix order (projects,
    then criteria; from the top past the last), with its place among them and their count;
    None when every assessed cell is marked reviewed."""
    from rrisk.scoring import review_counts

    drafts = review_counts(document).draft_cells
    if not drafts:
        return None
    rows = {project.id: row for row, project in enumerate(document.projects)}
    columns = {criterion.id: column for column, criterion in enumerate(document.criteria)}
    project_id, criterion_id = selection
    here = (rows.get(project_id or "", -1), columns.get(criterion_id or "", -1))
    number = next((n for n, (p, c) in enumerate(drafts) if (rows[p], columns[c]) > here), 0)
    return (*drafts[number], number + 1, len(drafts))
