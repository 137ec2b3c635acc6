"""The check before a memo leaves: what `rrisk check` reports, shown before the export.

Errors and warnings are listed with their place; each is a link: clicking it (or Enter, or
"Go to") closes the list without exporting and takes the user to the place to fix it (the
assessment field, the text, the cell, or the item in its editor). "Export anyway" goes on.
Assessed cells still draft are a warning here too (the check says them in a note); an
imported list the check could not screen is a note (see :func:`check_screening`). Nothing
is shown when the check finds nothing.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.busy import busy, progress_dialog
from desktop.ui.style import muted_label
from desktop.ui.text import plain
from rrisk.model import Assessment
from rrisk.scoring import names_baseline
from rrisk.text import listed, plural

if TYPE_CHECKING:
    from rrisk.check import Problem
    from rrisk.screening.screen import ScreeningReport, UndecidedHits


class MemoCheckDialog(QDialog):
    """The check's findings, errors first, with "Export anyway" and Cancel."""

    def __init__(
        self,
        problems: list,
        parent: QWidget | None = None,
        scenario: str | None = None,
        scenario_id: str | None = None,
    ) -> None:
        """``scenario``, ``scenario_id``: the name and id of the scenario the memo is made
        under (None: baseline)."""
        super().__init__(parent)
        from rrisk.check import ERROR, NOTE, WARNING, count

        self.setObjectName("memoCheckDialog")
        self.setWindowTitle("Before the memo leaves")
        errors, warnings = count(problems, ERROR), count(problems, WARNING)
        notes = count(problems, NOTE)
        # A note: what the check could not look at (an imported list not checked).
        counts = ((errors, "error"), (warnings, "warning"), (notes, "note"))
        parts = [plural(number, word) for number, word in counts if number]
        under = f" of the memo under the scenario “{scenario}”" if scenario else ""
        read = "it" if notes == 1 else "them"
        then = f"{'Fix them' if errors or warnings else f'Read {read}'} first, or export anyway."
        found = listed(parts) if parts else "nothing"
        summary = QLabel(plain(f"The check{under} found {found}. {then}"), self)
        summary.setWordWrap(True)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("memoCheckList")
        self.problem_list.setAccessibleName("Problems found by the check")
        self.target: dict[str, Any] | None = None
        """Where the user chose to go (set when the dialog closes through a link)."""
        link = QFont(self.problem_list.font())
        link.setUnderline(True)
        link_colour = self.palette().link()
        for problem in problems:
            mark = {ERROR: "✖", NOTE: "ℹ"}.get(problem.severity, "⚠")
            item = QListWidgetItem(f"{mark}  {problem.place}: {problem.message}")
            # A screen reader says the mark as its glyph's name ("heavy multiplication x"):
            # the severity in words, the text as shown.
            severity = {ERROR: "Error", NOTE: "Note"}.get(problem.severity, "Warning")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{severity}: {problem.place}: {problem.message}",
            )
            item.setData(Qt.ItemDataRole.UserRole, dict(problem.target))
            if problem.target:
                item.setFont(link)
                item.setForeground(link_colour)
                item.setToolTip(plain(f"{problem.line()}\nClick to go there and fix it."))
            else:
                item.setToolTip(plain(problem.line()))
            self.problem_list.addItem(item)
        # Each finding wrapped to the list's width: a line cut at the edge behind a
        # horizontal scroll bar hid the end of the message, where it says what to do.
        self.problem_list.setWordWrap(True)
        self.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problem_list.setSpacing(2)
        self.problem_list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.problem_list.itemClicked.connect(self._go)
        self.problem_list.itemActivated.connect(self._go)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.go_button = buttons.addButton("&Go to", QDialogButtonBox.ButtonRole.ActionRole)
        self.go_button.setToolTip("Close this list and go to the selected problem's place")
        self.go_button.clicked.connect(lambda: self._go(self.problem_list.currentItem()))
        self.export_button = buttons.addButton(
            "&Export anyway", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportAnywayButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(bool(errors))
        self.export_button.setDefault(not errors)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.problem_list, 1)
        # The command that gives this list: under a scenario, the check is that scenario's.
        option = f" --scenario {scenario_id}" if scenario_id else ""
        if scenario_id and scenario and names_baseline(scenario_id):
            # `--scenario baseline` is the baseline even where a scenario has that id: this
            # one is chosen by its name.
            option = f" --scenario {shlex.quote(' '.join(scenario.split()))}"
        command = f"The same list: rrisk check FILE{option}"
        if scenario_id and names_baseline(scenario_id) and names_baseline(scenario or ""):
            # Named "Baseline" too: --scenario chooses the baseline by either word.
            command = (
                f"The same list: no rrisk check command gives it (the scenario's id and name "
                f"are both the word for the baseline, which --scenario {scenario_id} chooses); "
                "rename the scenario to check it from the command line"
            )
        elif any(p.severity == WARNING and p.place == DRAFT_PLACE for p in problems):
            # Said, or the line claimed a list the command does not give.
            command += (
                "; there the draft cells are a note, not a warning, as the command is run at "
                "any stage of the work, and a memo goes to the committee"
            )
        layout.addWidget(muted_label(command, self))
        layout.addWidget(buttons)
        # 72 letters wide, within the screen: at a large font (twice the size) 72 letters are
        # wider than a laptop's screen, which cut off the buttons at the right.
        room = self.screen().availableGeometry().width() - 4 * self.fontMetrics().height()
        self.resize(min(self.fontMetrics().horizontalAdvance("M") * 72, room), 420)

    def _go(self, item: QListWidgetItem | None) -> None:
        target = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if target:
            self.target = dict(target)
            self.reject()  # no export: the user goes to fix it


def confirm_export(
    parent: QWidget,
    document: Assessment,
    scenario: str | None,
    go_to: Callable[[dict[str, Any]], None] | None = None,
    since: Assessment | None = None,
    screened: Callable[[], ScreeningReport | None] | None = None,
) -> bool:
    """True when the memo may go: the check found nothing, or the user chose to go on.

    A problem the user clicks is passed to ``go_to`` (after the list has closed). ``since``:
    the earlier version of a memo with "Changes since", whose names of what was removed or
    renamed the memo prints too. ``screened``: the Screening tab's last screening when it is
    current for the document (see :func:`check_screening`)."""
    from rrisk.check import check_document, severity_order

    with busy(parent.window(), "Checking the memo's figures and facts…"):
        problems = check_document(document, scenario, since=since)
        warning = draft_warning(document)
        if warning is not None:
            problems.append(warning)
    screening = check_screening(parent, document, screened)
    if screening is None:
        return False  # the window closed meanwhile: nothing is asked over it
    problems += screening
    problems.sort(key=severity_order)
    if not problems:
        return True
    name = next((s.name for s in document.scenarios if s.id == scenario), None)
    dialog = MemoCheckDialog(problems, parent, name, scenario)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        target = dialog.target
    finally:
        dialog.deleteLater()
    if not accepted and target and go_to is not None:
        go_to(target)
    return accepted


def check_screening(
    parent: QWidget,
    document: Assessment,
    screened: Callable[[], ScreeningReport | None] | None = None,
) -> list[Problem] | None:
    """The check's screening: a warning for each hit on the list the document records that
    no decision covers, and a note naming the list and why where it was not checked (None:
    the window closed while the list was screened, which stops it).

    The Screening tab screens in the background and keeps its hits: when its last screening
    is current for the document (``screened`` gives it: the recorded list, as imported now,
    and the same counterparties), its hits are read and nothing is searched again. Else the
    bundled list, a few dozen entries, is screened here in a moment; an imported list,
    hundreds of thousands of entries maybe (about a tenth of a second or more for each
    counterparty, minutes for a large document), is screened off the window's thread, with
    a progress dialog ("Checking counterparties against LIST…") whose Cancel skips that part
    of the check: the list then says in a note that it was not checked. Nothing is skipped
    for its size: who waits gets the whole check, who cancels is told what is missing."""
    from rrisk.check import screening_problems
    from rrisk.screening.screen import (
        records_imported_list,
        undecided_hits,
        undecided_in_report,
    )

    report = screened() if screened is not None else None
    if report is not None:
        found = undecided_in_report(document, report)
    elif not records_imported_list(document):
        with busy(parent.window(), "Checking counterparties against the bundled list…"):
            found = undecided_hits(document)
    else:
        background = _screen_in_background(parent, document)
        if background is None:
            return None
        found = background
    if found.damaged:  # what to do, as the Screening tab says it (the note said only why)
        from rrisk.screening.listfile import damaged_store_help

        found.passed_over += f". {damaged_store_help()}"
    return list(screening_problems(document, found))


def _screen_in_background(parent: QWidget, document: Assessment) -> UndecidedHits | None:
    """:func:`~rrisk.screening.screen.undecided_hits` of the recorded imported list, run in a
    worker while the window waits, painting, under a progress dialog with Cancel (None: the
    window closed meanwhile, which stops it)."""
    from desktop.files.jobs import wait_for
    from desktop.screening.job import CheckJob
    from rrisk.screening.screen import CANCELLED, UndecidedHits

    name = document.screening.list_name.strip()
    total = sum(len(project.counterparties) for project in document.projects)
    job = CheckJob(document)
    progress = progress_dialog(
        parent.window(),
        f"Checking counterparties against {name}…",
        "Before the memo leaves",
        total,
        name="checkProgress",
    )
    result: list[UndecidedHits] = []

    def finished(found: UndecidedHits) -> None:
        if not job.cancelled:
            result.append(found)

    def advanced(done: int, _total: int) -> None:
        if not job.cancelled and not result:  # (a late report of a cancelled job: dropped)
            progress.setValue(done)

    job.signals.finished.connect(finished)
    job.signals.progress.connect(advanced)
    try:
        waited = wait_for(job, progress=progress, window=parent.window())
    finally:
        progress.close()
        progress.deleteLater()
    if waited == "closed":
        return None
    return result[0] if result else UndecidedHits(name, passed_over=CANCELLED)


DRAFT_PLACE = "review status"
"""The place of :func:`draft_warning`'s warning."""


def draft_warning(document: Assessment) -> Problem | None:
    """A warning that assessed cells are still draft, naming how many and the first ones
    (None when none is): a memo goes to the committee, which should know what nobody has
    reviewed before it leaves. ``rrisk check`` gives the same counts as a note."""
    from rrisk.check import WARNING, Problem, draft_cell_names
    from rrisk.scoring import review_counts

    counts = review_counts(document)
    if not counts.draft:
        return None
    shown = draft_cell_names(document, counts)
    more = counts.draft - len(shown)
    cells = listed([*shown, f"{more:,} more"] if more else shown)
    if counts.draft == counts.assessed:
        said = (
            "the one assessed cell is"
            if counts.draft == 1
            else f"all {counts.draft:,} assessed cells are"
        )
    else:
        verb = "is" if counts.draft == 1 else "are"
        said = f"{counts.draft:,} of the {counts.assessed:,} assessed cells {verb}"
    project_id, criterion_id = counts.draft_cells[0]
    return Problem(
        WARNING,
        DRAFT_PLACE,
        f"{said} still draft, not marked reviewed: {cells}; set "
        f"{'it' if counts.draft == 1 else 'each'} to Reviewed in the cell inspector once checked",
        {"kind": "cell", "project": project_id, "criterion": criterion_id},
    )
