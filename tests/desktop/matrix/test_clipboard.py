"""Copy and paste of matrix cells as a spreadsheet exchanges them: tab-separated L×I text,
pasted from the selected cell on as one undo step, scenario-aware, refused in words."""

from __future__ import annotations

import pytest
from desktop_documents import make_document
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.matrix.clipboard import ClipboardError, format_block, parse_block
from rrisk.model import assessment_to_data


@pytest.mark.parametrize(
    ("text", "block"),
    [
        ("4×3", [[(4, 3)]]),
        ("4x3\n", [[(4, 3)]]),
        (" 4 * 3 ", [[(4, 3)]]),
        ("4/3\t5X5\r\n1 2\t\r\n", [[(4, 3), (5, 5)], [(1, 2), None]]),
        ("4×3  12 High\t—\n", [[(4, 3), None]]),  # the matrix's own display
        ("4×–\t?×2", [[(4, None), (None, 2)]]),
        ("４×３\t５ｘ４\u3000\t？×２", [[(4, 3), (5, 4), (None, 2)]]),  # full-width
        ("4\u04453\t2\u0425 5", [[(4, 3), (2, 5)]]),  # a Russian keyboard's х (Cyrillic)
        ('"2x2"\t\t\n\t1x1', [[(2, 2), None, None], [None, (1, 1), None]]),
        # Excel and LibreOffice quote a cell holding a line break or a tab: one field.
        ('"4×3\n"\t2×2\r\n1×1\t\r\n', [[(4, 3), (2, 2)], [(1, 1), None]]),
        ('"4×3\t12"\t"5x5\n(""High"")"\n', [[(4, 3), (5, 5)]]),
    ],
)
def test_spellings_of_a_score_are_read(text, block) -> None:
    assert parse_block(text) == block


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("high", "the clipboard: “high”"),
        ("43", "the clipboard: “43”"),
        ("6×1", "the clipboard: “6×1”"),
        ("4×3\t0×2\n", "line 1, column 2"),
        ("4×3\n\n1×1\tNaN", "line 3, column 2"),
        ('"4×3\n(High)"\t1×1\n2×2\tNaN', "line 2, column 2"),
        ('1×1\n"2×2\t' + "4×3\t\n" * 50_000, "line 2: a field runs on for more than"),
        ("4×3 2×2", "“4×3 2×2” holds more than one score"),  # spaces, as a PDF copies
        ("1×1\t4×3   2 x 2  High", "line 1, column 2: “4×3   2 x 2  High” holds more"),
        ("", "no scores"),
    ],
)
def test_what_is_not_a_score_is_named_by_its_place(text, where) -> None:
    with pytest.raises(ClipboardError) as caught:
        parse_block(text)
    assert where in str(caught.value)


def test_format_reads_back() -> None:
    block = [[(4, 3), None], [(1, None), (5, 5)]]
    assert format_block(block) == "4×3\t\n1×–\t5×5\n"
    assert parse_block(format_block(block)) == block


def _select(window, qtbot, first, last=None):
    """Select ``first`` (to ``last``) as a click (and a shift-click) would: nothing else."""
    view = window.matrix_view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    model, selection = view.model(), view.selectionModel()
    top_left = model.index(*_position(window, first))
    bottom_right = model.index(*_position(window, last or first))
    selection.setCurrentIndex(top_left, selection.SelectionFlag.NoUpdate)
    selection.select(QItemSelection(top_left, bottom_right), selection.SelectionFlag.ClearAndSelect)
    return view


def _control(view, key) -> None:
    """Ctrl+key as typed, Ctrl released after (a click alone leaves Qt thinking it is held,
    and the next test's clicks would extend selections)."""
    QTest.keyPress(view, Qt.Key.Key_Control)
    QTest.keyClick(view, key, Qt.KeyboardModifier.ControlModifier)
    QTest.keyRelease(view, Qt.Key.Key_Control)


def _position(window, key):
    result = window.controller.result
    return result.row_of(key[0]), result.matrix.criterion_ids.index(key[1])


def _shown(window, key):
    result = window.controller.result
    row, column = _position(window, key)
    likelihood, impact = result.matrix.likelihood[row, column], result.matrix.impact[row, column]
    return (
        None if likelihood != likelihood else int(likelihood),
        None if impact != impact else int(impact),
    )


@pytest.fixture
def window(open_window, tmp_path):
    from rrisk.fileformat import save

    path = tmp_path / "five.rrisk"
    save(make_document(projects=5, criteria=5), path)
    return open_window(path)


def test_a_copied_block_pastes_elsewhere_as_one_undo_step(window, qtbot) -> None:
    controller = window.controller
    view = _select(window, qtbot, ("p0", "c0"), ("p1", "c1"))
    _control(view, Qt.Key.Key_C)
    copied = QGuiApplication.clipboard().text()
    source = [[_shown(window, (p, c)) for c in ("c0", "c1")] for p in ("p0", "p1")]
    assert parse_block(copied) == [[s if s != (None, None) else None for s in r] for r in source]
    before = assessment_to_data(controller.document)
    rationale = controller.document.cell("p2", "c3").rationale
    _select(window, qtbot, ("p2", "c3"))
    assert [[_shown(window, (p, c)) for c in ("c3", "c4")] for p in ("p2", "p3")] != source
    _control(view, Qt.Key.Key_V)
    pasted = [[_shown(window, (p, c)) for c in ("c3", "c4")] for p in ("p2", "p3")]
    for row_source, row_pasted in zip(source, pasted, strict=True):
        for was, now in zip(row_source, row_pasted, strict=True):
            if was != (None, None):  # an empty field leaves its cell as it was
                assert now == was
    assert controller.document.cell("p2", "c3").rationale == rationale  # scores only
    assert controller.undo_stack.count() == 1
    assert view.selected_keys() == [("p2", "c3"), ("p2", "c4"), ("p3", "c3"), ("p3", "c4")]
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before


def test_a_spreadsheet_block_and_a_single_score_into_a_selection(window, qtbot) -> None:
    controller = window.controller
    view = _select(window, qtbot, ("p1", "c1"))
    assert view.paste("5x5\t\n1 2\t3*4\n")
    assert _shown(window, ("p1", "c1")) == (5, 5)
    assert _shown(window, ("p2", "c1")) == (1, 2)
    assert _shown(window, ("p2", "c2")) == (3, 4)
    _select(window, qtbot, ("p0", "c3"), ("p2", "c4"))
    assert view.paste("2×3\n")
    keys = [(p, c) for p in ("p0", "p1", "p2") for c in ("c3", "c4")]
    assert all(_shown(window, key) == (2, 3) for key in keys)
    assert controller.undo_stack.count() == 2


def test_a_block_of_many_scores_is_rescored_and_shown_once(window, qtbot) -> None:
    """A block of several different scores is one change for the views, pasted, undone and
    redone: each kind of score pasted was one more rescoring of the whole matrix and one more
    refresh of every view (25 for a block of every score)."""
    controller = window.controller
    view = _select(window, qtbot, ("p0", "c0"))
    block = "".join(
        "\t".join(f"{1 + (i + j) % 5}×{1 + (i * 2 + j) % 5}" for j in range(5)) + "\n"
        for i in range(5)
    )
    told: list[list] = []
    controller.cellsChanged.connect(told.append)
    assert view.paste(block)
    changed = list(told[0])
    assert len(told) == 1 and len(changed) > 5
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.command(0).childCount() == 0
    assert controller.undo_stack.command(0).text() == f"Paste {len(changed)} cells"
    told.clear()
    controller.undo_stack.undo()
    assert [sorted(keys) for keys in told] == [sorted(changed)]
    told.clear()
    controller.undo_stack.redo()
    assert [sorted(keys) for keys in told] == [sorted(changed)]
    assert _shown(window, ("p1", "c2")) == (4, 5)


def test_a_selection_is_read_from_its_rectangles(window, qtbot, monkeypatch) -> None:
    """The selected cells come from the selection's rectangles, each cell once in row and
    column order where two overlap, without an index object per cell: those, sorted by a
    call into Python each, took seconds for Ctrl+A on a large matrix."""
    view = _select(window, qtbot, ("p0", "c0"), ("p1", "c2"))
    model, selection = view.model(), view.selectionModel()
    more = QItemSelection(model.index(1, 1), model.index(2, 3))
    selection.select(more, selection.SelectionFlag.Select)
    asked: list[int] = []
    indexes = selection.selectedIndexes
    monkeypatch.setattr(selection, "selectedIndexes", lambda: asked.append(1) or indexes())
    expected = [("p0", c) for c in ("c0", "c1", "c2")]
    expected += [("p1", c) for c in ("c0", "c1", "c2", "c3")]
    expected += [("p2", c) for c in ("c1", "c2", "c3")]
    assert view.selected_keys() == expected
    assert asked == []
    assert view.copy_selected()
    assert QGuiApplication.clipboard().text().count("\n") == 3
    assert asked == []


def test_refused_pastes_change_nothing_and_say_why(window, qtbot) -> None:
    controller = window.controller
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    before = assessment_to_data(controller.document)
    view = _select(window, qtbot, ("p4", "c4"))
    assert not view.paste("1×1\t2×2\n")  # two columns from the last column
    assert "1 × 2 cells" in errors[-1] and "room for 1 × 1" in errors[-1]
    assert not view.paste("1×1\tlow\n")
    assert "line 1, column 2" in errors[-1] and "“low”" in errors[-1]
    assert assessment_to_data(controller.document) == before
    assert controller.undo_stack.count() == 0
    notices: list[str] = []
    controller.noticed.connect(notices.append)
    assert view.paste(format_block([[_shown(window, ("p4", "c4"))]]))  # the same: no step
    assert controller.undo_stack.count() == 0
    assert notices == ["Nothing pasted: the cells already show these scores"]  # but it says so
    assert window.statusBar().currentMessage() == notices[0]
    controller.set_scenario("eased")
    assert view.paste(format_block([[_shown(window, ("p4", "c4"))]]))
    assert "where the scenario sets nothing, it shows the baseline's" in notices[-1]


def test_a_block_is_not_pasted_over_cells_picked_apart(window, qtbot) -> None:
    controller = window.controller
    errors: list[str] = []
    controller.errorOccurred.connect(errors.append)
    before = assessment_to_data(controller.document)
    view = _select(window, qtbot, ("p1", "c2"))  # and p2 / c1 by Ctrl+click
    selection = view.selectionModel()
    flag = selection.SelectionFlag.Select
    selection.select(view.model().index(*_position(window, ("p2", "c1"))), flag)
    assert not view.paste("1×1\t2×2\n3×3\t4×4\n")  # from p1 / c1, which is not selected
    assert "not one block" in errors[-1]
    assert assessment_to_data(controller.document) == before
    assert view.paste("1×1\n")  # a single score goes into each selected cell
    assert _shown(window, ("p1", "c2")) == _shown(window, ("p2", "c1")) == (1, 1)
    assert _shown(window, ("p1", "c1")) != (1, 1)
    controller.undo_stack.undo()
    assert assessment_to_data(controller.document) == before


def test_a_paste_under_a_scenario_goes_to_its_overrides(window, qtbot) -> None:
    controller = window.controller
    baseline = controller.document.cell("p2", "c1").model_copy()
    controller.set_scenario("eased")
    view = _select(window, qtbot, ("p2", "c1"))
    assert view.paste("5×4")
    assert _shown(window, ("p2", "c1")) == (5, 4)
    assert controller.document.cell("p2", "c1") == baseline
    scenario = controller.document.scenario("eased")
    assert any(
        (o.project, o.criterion, o.likelihood, o.impact) == ("p2", "c1", 5, 4)
        for o in scenario.cell_overrides
    )
    # Named as the scenario's other edits are: from the baseline, Undo would otherwise read
    # as taking back a paste into the baseline's cells.
    assert controller.undo_stack.undoText() == "Paste 1 cell in scenario Sanctions eased"
    controller.set_scenario(None)
    assert window.menu_actions.undo.text() == "&Undo Paste 1 cell in scenario Sanctions eased"


def test_the_edit_menu_copies_and_pastes(window, qtbot) -> None:
    QGuiApplication.clipboard().clear()
    view = _select(window, qtbot, ("p0", "c1"))
    expected = _shown(window, ("p0", "c1"))
    window.findChild(type(window.menu_actions.save), "actionCopyCells").trigger()
    assert parse_block(QGuiApplication.clipboard().text()) == [[expected]]
    _select(window, qtbot, ("p4", "c0"))
    window.findChild(type(window.menu_actions.save), "actionPasteCells").trigger()
    assert _shown(window, ("p4", "c0")) == expected
    assert view.selected_keys() in ([("p4", "c0")], [])


def test_the_edit_menu_applies_the_typing_first(window, qtbot) -> None:
    """What is being typed in the inspector is applied before the cells are pasted or cleared,
    never over them afterwards."""
    from desktop.matrix.inspector import CellInspector

    controller = window.controller
    action = type(window.menu_actions.save)
    inspector = window.findChild(CellInspector, "cellInspector")
    view = _select(window, qtbot, ("p1", "c1"))
    inspector.likelihood.setFocus()
    qtbot.waitUntil(inspector.likelihood.hasFocus)
    inspector.likelihood.lineEdit().selectAll()
    QTest.keyClicks(inspector.likelihood.lineEdit(), "2")
    QGuiApplication.clipboard().setText("5×5\n")
    window.findChild(action, "actionPasteCells").trigger()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert _shown(window, ("p1", "c1")) == (5, 5)  # the paste came after the typed 2
    assert controller.undo_stack.count() == 2
    inspector.rationale.setFocus()
    qtbot.waitUntil(inspector.rationale.hasFocus)
    QTest.keyClicks(inspector.rationale, "More to say")
    window.findChild(action, "actionClearCells").trigger()
    assert controller.document.cell("p1", "c1") is None
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert controller.document.cell("p1", "c1") is None  # the typing did not bring it back
    assert controller.undo_stack.text(controller.undo_stack.index() - 1) == (
        "Clear cell Project 1 / Criterion 1"
    )


def test_the_edit_menu_shows_the_cells_it_pastes_or_clears(window, qtbot) -> None:
    action = type(window.menu_actions.save)
    view = _select(window, qtbot, ("p1", "c1"), ("p2", "c2"))
    for name, shown in (("actionPasteCells", (5, 4)), ("actionClearCells", (None, None))):
        window.tabs.setCurrentIndex(1)  # the Analysis tab
        QGuiApplication.clipboard().setText("5×4\n")
        window.findChild(action, name).trigger()
        assert window.tabs.currentWidget() is window.splitter
        assert view.isVisible()
        assert _shown(window, ("p2", "c2")) == shown
    window.tabs.setCurrentIndex(1)
    window.findChild(action, "actionCopyCells").trigger()  # changes nothing: stays
    assert window.tabs.currentIndex() == 1


def test_the_context_menu_copies_and_pastes(window, qtbot, monkeypatch) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    view = _select(window, qtbot, ("p0", "c1"))
    expected = _shown(window, ("p0", "c1"))
    chosen: list[str] = []

    class ChoosingMenu(QMenu):
        def exec(self, *_args):  # noqa: A003 - Qt's name
            action = next(a for a in self.actions() if a.text() == chosen[-1])
            action.trigger()  # as a click does: triggered(checked=False)

    monkeypatch.setattr("desktop.matrix.view.QMenu", ChoosingMenu)
    chosen.append("Copy")
    view._context_menu(QPoint(1, 1))
    assert parse_block(QGuiApplication.clipboard().text()) == [[expected]]
    _select(window, qtbot, ("p4", "c0"))
    chosen.append("Paste")
    view._context_menu(QPoint(1, 1))
    assert _shown(window, ("p4", "c0")) == expected


def test_a_block_pasted_under_a_scenario_is_one_change_for_the_views(window, qtbot) -> None:
    """A block of many different scores is one override edit of the scenario: the views
    rescore and refresh once when it is pasted, undone or redone (each distinct pair of scores
    was an edit of its own, the views refreshed up to 25 times: minutes for a whole matrix)."""
    controller = window.controller
    controller.set_scenario("eased")
    before = assessment_to_data(controller.document)
    _select(window, qtbot, ("p0", "c0"))
    block = "".join(
        "\t".join(f"{1 + (i + j) % 5}×{1 + (i * j) % 5}" for j in range(5)) + "\n" for i in range(5)
    )
    refreshes: list[None] = []
    controller.resultChanged.connect(lambda: refreshes.append(None))
    assert window.matrix_view.paste(block)
    assert len(refreshes) == 1
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText().startswith("Paste ")
    assert _shown(window, ("p3", "c2")) == (1 + 5 % 5, 1 + 6 % 5)
    pasted = assessment_to_data(controller.document)
    refreshes.clear()
    controller.undo()
    assert assessment_to_data(controller.document) == before
    controller.redo()
    assert assessment_to_data(controller.document) == pasted
    assert len(refreshes) == 2


def test_an_edit_of_many_cells_says_what_it_does_while_the_window_waits(
    window, qtbot, monkeypatch
) -> None:
    """Pasting, scoring or clearing a large block holds the window a second or two: the
    pointer waits and the status bar says what is being done, until it is done."""
    from desktop.ui import busy as busy_module

    monkeypatch.setattr(busy_module, "LARGE_EDIT", 4)
    controller = window.controller
    seen: list[tuple[str, bool]] = []
    controller.resultChanged.connect(
        lambda: seen.append(
            (window.statusBar().currentMessage(), QApplication.overrideCursor() is not None)
        )
    )
    view = _select(window, qtbot, ("p0", "c0"), ("p1", "c1"))
    assert view.paste("1×1\t2×2\n3×3\t4×4\n")
    assert view.set_value("impact", 5)
    assert view.clear_selected()
    assert seen == [
        ("Pasting 4 cells…", True),
        ("Setting the impact of 4 cells…", True),
        ("Clearing 4 cells…", True),
    ]
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == ""
    _select(window, qtbot, ("p0", "c0"), ("p0", "c2"))
    seen.clear()
    assert view.set_value("likelihood", 2)  # three cells: no wait to speak of
    assert seen == [("", False)]


def test_a_spelling_repeated_over_a_block_is_read_once(monkeypatch) -> None:
    """A whole-matrix block repeats a few spellings over tens of thousands of fields: each is
    read once, and a field that is no score is still named by its own place."""
    from desktop.matrix import clipboard

    read: list[str] = []
    parse = clipboard._parse_cell
    monkeypatch.setattr(
        clipboard, "_parse_cell", lambda raw, *place: read.append(raw) or parse(raw, *place)
    )
    text = "4×3\t1×1\t\n" * 500 + "4×3\t1×1\tlow\n"
    with pytest.raises(ClipboardError, match="line 501, column 3: “low”"):
        parse_block(text)
    assert sorted(read) == ["", "1×1", "4×3", "low"]
    assert parse_block("4×3\t1×1\n" * 3) == [[(4, 3), (1, 1)]] * 3
