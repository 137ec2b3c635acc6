"""Narrative text with live figures: shown resolved, edited raw, with fields offered to insert.

The summary, recommendation, notes, project descriptions and cell rationales may cite
computed figures with fields such as ``{{index:tomtor}}`` (:mod:`rrisk.fields`). Their editors
show the text with every field replaced by today's value under the open scenario, tinted so
the reader sees which words are live; a field that names an unknown project or figure is
left as typed and underlined in the red-line colour, with the reason in its tooltip and in
the line under the editor. Focusing the editor shows the raw text, fields and all, with the
cursor where it was clicked; leaving it shows the values again.

Monte Carlo fields (``p10``, ``p50``, ``p90``, ``prob_first``) are computed with the document's
runs and seed when the document is small enough to run them at once (at most
:data:`MC_DRAW_BUDGET` draws, e.g. the template's 7 × 8 × 10,000 in about 25 ms); larger
documents show such a field as typed, in italics, and the memo computes it.

:class:`FieldMenu` offers the fields of one project (the edited project, the cell's project,
or the selected one) and the document-wide ones, and inserts the chosen one at the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolButton, QToolTip, QWidget

from desktop.ui import style
from desktop.ui.plain_edit import KeptText, edit_text
from desktop.ui.text import as_shown, plain

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController
    from rrisk.fields import FieldResolver

MC_DRAW_BUDGET = 2_000_000
"""Projects × criteria × runs up to which Monte Carlo fields are computed for display."""

TEXT, FIELD, ERROR, PENDING = "text", "field", "error", "pending"


class _TooLarge(Exception):
    """A Monte Carlo field in a document too large to run on the GUI thread."""


@dataclass(frozen=True)
class Segment:
    """A run of the shown text and where it comes from in the raw text."""

    text: str
    kind: str
    raw_start: int
    raw_end: int
    tip: str = ""


_RUNS: dict[int, tuple[object, dict[str, Any]]] = {}
"""Per controller (by id): the score result the cached Monte Carlo runs belong to, and them."""


def display_resolver(controller: DocumentController) -> FieldResolver:
    """A resolver for the open document under the open scenario, reusing the shown scores."""
    from rrisk.fields import FieldResolver

    document = controller.document
    result = controller.result
    cached = _RUNS.get(id(controller))
    if cached is None or cached[0] is not result:
        if len(_RUNS) > 16:
            _RUNS.clear()
        cached = (result, {})
        _RUNS[id(controller)] = cached
    runs: dict[str, Any] = cached[1]

    def monte_carlo(scenario: str) -> Any:
        size = len(document.projects) * len(document.criteria) * document.analysis.runs
        if size > MC_DRAW_BUDGET:
            raise _TooLarge
        if scenario not in runs:
            from rrisk.analysis import monte_carlo as run

            settings = document.analysis
            runs[scenario] = run(document, scenario or None, runs=settings.runs, seed=settings.seed)
        return runs[scenario]

    scenario = controller.scenario_id or ""
    return FieldResolver(
        document, scenario or None, scores={scenario: result}, monte_carlo=monte_carlo
    )


def segments(resolver: FieldResolver, raw: str) -> list[Segment]:
    """``raw`` cut into plain runs and resolved fields (errors and pending ones as typed)."""
    from rrisk.fields import FieldError, iter_fields, parse_field

    found: list[Segment] = []
    position = 0
    for match, body in iter_fields(raw):
        if match.start() > position:
            found.append(Segment(raw[position : match.start()], TEXT, position, match.start()))
        typed = match.group(0)
        problems = resolver.problems(typed)
        try:
            if problems:
                raise FieldError(problems[0])
            value = resolver.field_value(parse_field(body))
            segment = Segment(value, FIELD, match.start(), match.end(), typed)
        except FieldError as error:
            segment = Segment(typed, ERROR, match.start(), match.end(), str(error))
        except _TooLarge:
            tip = f"{typed}: computed when the memo is written (too large to run here)"
            segment = Segment(typed, PENDING, match.start(), match.end(), tip)
        found.append(segment)
        position = match.end()
    if position < len(raw):
        found.append(Segment(raw[position:], TEXT, position, len(raw)))
    return found


def field_problems(resolver: Callable[[], FieldResolver], raw: str) -> list[str]:
    """What is wrong with ``raw``'s fields; ``resolver`` is asked for one only when the text
    holds braces (a text without fields, most of them, costs no resolver at each edit)."""
    from rrisk.fields import BRACES

    return resolver().problems(raw) if any(part in raw for part in BRACES) else []


class ResolvedText(KeptText):
    """Mixin for a ``QPlainTextEdit``: shows fields resolved unless the user is editing.

    ``toPlainText()`` is what is on screen (values while not editing, the fields while
    editing), as for any text edit; :meth:`raw_text` is the text to store, fields and all,
    and the very text given to ``setPlainText()`` while nobody changed it
    (:mod:`desktop.ui.plain_edit`).
    """

    _resolver_factory: Callable[[], FieldResolver | None] | None = None
    _raw = ""
    _editing = False
    _segments: list[Segment] | None = None

    def set_resolver(self, factory: Callable[[], FieldResolver | None] | None) -> None:
        self._resolver_factory = factory
        self.refresh_display()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() == QEvent.Type.PaletteChange and self._segments is not None:
            self.refresh_display()  # the live figures' tint is chosen for the palette

    # -- what is stored and what is shown --------------------------------------------------
    def raw_text(self) -> str:
        """The text to store: with its fields, whatever is on screen."""
        if self._segments is None:  # the widget shows the raw text (being edited, or no field)
            return self.kept(edit_text(self._edit()))
        return self.kept(self._raw)

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.keep_given(text)
        self._raw = text
        self._segments = None
        edit = self._edit()
        if edit_text(edit) != text:
            QPlainTextEdit.setPlainText(edit, text)
        self.refresh_display()

    def shown_text(self) -> str:
        return QPlainTextEdit.toPlainText(self._edit())

    @property
    def showing_values(self) -> bool:
        """True while fields are shown as values (not being edited)."""
        return self._segments is not None

    def refresh_display(self) -> None:
        """Show the raw text with its fields resolved (call when the results change); never
        while the user is editing it."""
        edit = self._edit()
        if self._editing or edit.hasFocus():
            return
        if self._segments is None:
            self._raw = edit_text(edit)
        factory = self._resolver_factory
        resolver = factory() if factory is not None and "{{" in self._raw else None
        blocked = edit.blockSignals(True)
        try:
            if resolver is None:
                if self._segments is not None:
                    QPlainTextEdit.setPlainText(edit, self._raw)
                self._segments = None
                return
            self._segments = segments(resolver, self._raw)
            QPlainTextEdit.setPlainText(edit, "")
            document = edit.document()
            cursor = QTextCursor(document)
            formats = self._formats()
            # One edit block, no undo record: inserted one by one, each segment made the
            # document lay itself out again, so a text of a thousand fields took seconds.
            undo = document.isUndoRedoEnabled()
            document.setUndoRedoEnabled(False)
            cursor.beginEditBlock()
            try:
                for segment in self._segments:
                    cursor.insertText(segment.text, formats[segment.kind])
            finally:
                cursor.endEditBlock()
                document.setUndoRedoEnabled(undo)
        finally:
            edit.blockSignals(blocked)

    def _formats(self) -> dict[str, QTextCharFormat]:
        edit = self._edit()
        plain_format = QTextCharFormat()
        field = QTextCharFormat()
        field.setBackground(style.live_field_tint(edit.palette()))
        error = QTextCharFormat()
        error.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        error.setUnderlineColor(style.red_line_colour(edit))
        pending = QTextCharFormat()
        pending.setFontItalic(True)
        pending.setForeground(style.muted_text_color(edit.palette()))
        return {TEXT: plain_format, FIELD: field, ERROR: error, PENDING: pending}

    def _edit(self) -> QPlainTextEdit:
        assert isinstance(self, QPlainTextEdit)
        return self

    # -- switching between the two -----------------------------------------------------------
    def raw_position(self, shown: int) -> int:
        """Where the character at ``shown`` of the shown text is in the raw text."""
        if self._segments is None:
            return shown
        start = 0
        for segment in self._segments:
            end = start + len(segment.text)
            if shown <= end:
                if segment.kind == TEXT:
                    return segment.raw_start + (shown - start)
                return segment.raw_end if shown > start else segment.raw_start
            start = end
        return len(self._raw)

    def begin_editing(self) -> None:
        """Show the raw text for editing, keeping the cursor at the same place."""
        self._editing = True
        if self._segments is None:
            return
        edit = self._edit()
        position = self.raw_position(edit.textCursor().position())
        blocked = edit.blockSignals(True)
        QPlainTextEdit.setPlainText(edit, self._raw)
        edit.blockSignals(blocked)
        self._segments = None
        cursor = edit.textCursor()
        cursor.setPosition(min(position, len(self._raw)))
        edit.setTextCursor(cursor)

    def end_editing(self) -> None:
        """Editing is over: show the values again."""
        self._editing = False
        if self._segments is None:
            self._raw = edit_text(self._edit())
        if not self._edit().hasFocus():
            self.refresh_display()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.begin_editing()
        super().focusInEvent(event)  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.text() or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.begin_editing()  # typing edits the raw text, focus event or not
        super().keyPressEvent(event)  # type: ignore[misc]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mousePressEvent(event)  # type: ignore[misc]  # places the cursor first
        self.begin_editing()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)  # type: ignore[misc]  # commits the raw text first
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # not for its own context menu
            self.end_editing()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._segments is not None:
            assert isinstance(event, QHelpEvent)
            edit = self._edit()
            cursor = edit.cursorForPosition(edit.viewport().mapFrom(edit, event.pos()))
            tip = self._tip_at(cursor.position())
            if tip:
                QToolTip.showText(event.globalPos(), plain(tip), edit)
                return True
        return super().event(event)  # type: ignore[misc]

    def _tip_at(self, shown: int) -> str:
        start = 0
        for segment in self._segments or []:
            end = start + len(segment.text)
            if start <= shown <= end and segment.kind != TEXT:
                return segment.tip
            start = end
        return ""


FIGURES = (
    ("Index", "index"),
    ("Rank (ordinal)", "rank|ordinal"),
    ("Band", "band"),
    ("Status", "status"),
    ("Coverage", "coverage"),
    ("P10 (Monte Carlo)", "p10"),
    ("P90 (Monte Carlo)", "p90"),
    ("Probability of ranking first", "prob_first"),
    ("Name", "name"),
)
DOCUMENT_FIELDS = (
    ("Leader (first-ranked project)", "{{leader}}"),
    ("Number of projects", "{{count:projects}}"),
    ("Number of criteria", "{{count:criteria}}"),
    ("Number ranked", "{{count:ranked}}"),
    ("Number excluded", "{{count:excluded}}"),
)


def field_text(figure: str, project: str) -> str:
    """``{{index:tomtor}}``, ``{{rank:tomtor|ordinal}}``: the field of one project's figure."""
    name, _, form = figure.partition("|")
    return "{{" + f"{name}:{project}" + (f"|{form}" if form else "") + "}}"


class FieldMenu(QToolButton):
    """ "Insert field" with the figures of one project (and the document's) and their values."""

    def __init__(
        self,
        editor: QPlainTextEdit,
        controller: DocumentController,
        project_of: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setText("Insert field")
        self.setToolTip("Insert a live figure: it always shows the current result")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._editor = editor
        self._controller = controller
        self._project_of = project_of
        self._menu = QMenu(self)
        self._menu.aboutToShow.connect(self._fill)
        self.setMenu(self._menu)

    def project(self) -> str | None:
        project = self._project_of()
        ids = {p.id for p in self._controller.document.projects}
        if project in ids:
            return project
        result = self._controller.result
        order = [int(row) for row in result.order]
        return result.matrix.project_ids[order[0]] if order else None

    def _fill(self) -> None:
        menu = self._menu
        menu.clear()
        resolver = display_resolver(self._controller)
        project = self.project()
        if project is not None:
            name = self._controller.document.project(project).name
            menu.addSection(name)
            for label, figure in FIGURES:
                self._add(menu, resolver, label, field_text(figure, project))
        menu.addSection("Assessment")
        for label, text in DOCUMENT_FIELDS:
            self._add(menu, resolver, label, text)

    def _add(self, menu: QMenu, resolver: FieldResolver, label: str, text: str) -> None:
        shown = [s for s in segments(resolver, text) if s.kind != TEXT]
        value = shown[0].text if shown and shown[0].kind == FIELD else "…"
        action = menu.addAction(as_shown(f"{label}  —  {value}"))
        action.setToolTip(text)
        action.triggered.connect(lambda _=False, t=text: self.insert(t))

    def insert(self, text: str) -> None:
        """Put ``text`` at the editor's cursor, editing the raw text."""
        editor = self._editor
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(editor, ResolvedText):
            editor.begin_editing()
        editor.insertPlainText(text)
