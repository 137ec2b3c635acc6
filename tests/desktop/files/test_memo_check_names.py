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


def test_the_command_named_under_the_list_gives_the_list_of_the_memos_scenario(
    qtbot, monkeypatch
) -> None:
    """Under a scenario the check is that scenario's: 'rrisk check FILE' alone checks the
    baseline, whose list may differ."""
    from PySide6.QtWidgets import QLabel, QWidget

    from desktop.files.memo_check import MemoCheckDialog, confirm_export

    document = new_from_template("russia-rare-earths")
    parent = QWidget()
    qtbot.addWidget(parent)
    said: list[list[str]] = []

    def answer(dialog: MemoCheckDialog) -> int:
        said.append([label.text() for label in dialog.findChildren(QLabel)])
        return 0

    monkeypatch.setattr(MemoCheckDialog, "exec", answer)
    assert not confirm_export(parent, document, None)
    assert not confirm_export(parent, document, "sanctions-eased")
    baseline, scenario = said
    assert "The same list: rrisk check FILE" in baseline
    assert "The same list: rrisk check FILE --scenario sanctions-eased" in scenario


def test_the_command_named_under_the_list_says_it_gives_draft_cells_as_a_note(qtbot) -> None:
    """The app counts draft cells as a warning before a memo, `rrisk check` as a note: the
    line said 'The same list: rrisk check FILE' over a list the command does not give."""
    from PySide6.QtWidgets import QLabel

    from desktop.files.memo_check import DRAFT_PLACE, MemoCheckDialog
    from rrisk.check import WARNING, Problem

    warning = Problem(WARNING, DRAFT_PLACE, "the one assessed cell is still draft", {})
    for problems, said in (([warning], True), ([], False)):
        dialog = MemoCheckDialog(problems, None, None)
        qtbot.addWidget(dialog)
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        line = next(text for text in texts if text.startswith("The same list:"))
        assert ("the draft cells are a note, not a warning" in line) is said, line


def test_a_scenario_whose_id_is_baseline_is_named_by_its_name_in_the_command(qtbot) -> None:
    """`rrisk check --scenario baseline` checks the baseline even where a scenario has that id
    (a file may give it): the command under the list names that scenario by its name."""
    from PySide6.QtWidgets import QLabel

    from desktop.files.memo_check import MemoCheckDialog

    dialog = MemoCheckDialog([], None, "Base case", "baseline")
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "The same list: rrisk check FILE --scenario 'Base case'" in texts, texts


def test_a_scenario_named_baseline_with_the_id_baseline_gets_no_command_for_the_baseline(
    qtbot,
) -> None:
    """Id 'baseline' and name 'Baseline': `--scenario Baseline` checks the baseline as
    `--scenario baseline` does, so the line under the list offers neither."""
    from PySide6.QtWidgets import QLabel

    from desktop.files.memo_check import MemoCheckDialog

    dialog = MemoCheckDialog([], None, "Baseline", "baseline")
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    line = next(text for text in texts if text.startswith("The same list:"))
    assert "--scenario Baseline" not in line and "rrisk check FILE" not in line, line
    assert "rename the scenario" in line


def test_each_finding_reads_its_severity_in_words_to_a_screen_reader(qtbot) -> None:
    """The severity was shown only as ✖ or ⚠, which a screen reader says as the glyph's name
    ('heavy multiplication x'); sighted users still see the mark."""
    from desktop.files.memo_check import MemoCheckDialog
    from rrisk.check import ERROR

    document = new_from_template("russia-rare-earths")
    document.as_of = ""
    problems = check_document(document, None, screen=True)
    severities = {problem.severity for problem in problems}
    assert ERROR in severities and len(severities) == 2
    dialog = MemoCheckDialog(problems, None, None)
    qtbot.addWidget(dialog)
    face = QAccessible.queryAccessibleInterface(dialog.problem_list)
    assert face.childCount() == len(problems)
    for row, problem in enumerate(problems):
        assert dialog.problem_list.item(row).text()[0] == (
            "✖" if problem.severity == ERROR else "⚠"
        )
        word = "Error" if problem.severity == ERROR else "Warning"
        said = face.child(row).text(QAccessible.Text.Name)
        assert said == f"{word}: {problem.place}: {problem.message}"
