"""Detail forms: one undo step per finished field, refusals shown in place and reverted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rrisk.model import assessment_to_data
from rrisk.templates import new_from_template


@pytest.fixture
def panel_size():
    """The forms need more room than the tables (the shared ``panel`` fixture's default)."""
    return 1000, 900


def type_into(qtbot, widget, text: str) -> None:
    """Replace a line edit's text by typing, then finish with Return."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_criterion_form_commits_one_step_per_field(qtbot, panel, controller):
    editor = panel.criteria
    editor.select_id("market")
    assert editor.name_edit.text() == "Market access"
    type_into(qtbot, editor.name_edit, "Market access (EU, US)")
    assert controller.document.criterion("market").name == "Market access (EU, US)"
    assert controller.undo_stack.count() == 1
    editor.description_edit.setFocus()
    editor.description_edit.setPlainText("Whether buyers in the EU and US can take the product.")
    editor.name_edit.setFocus()  # leaving the text box finishes the edit
    assert controller.document.criterion("market").description.startswith("Whether buyers")
    assert controller.undo_stack.count() == 2
    type_into(qtbot, editor.rubric_edits["impact"][4], "Market closed for years")
    assert controller.document.criterion("market").rubric.impact[4] == "Market closed for years"
    assert controller.document.criterion("market").rubric.impact[:4] == [""] * 4
    assert controller.undo_stack.count() == 3
    # Finishing again without a change adds nothing.
    editor.rubric_edits["impact"][4].editingFinished.emit()
    assert controller.undo_stack.count() == 3
    controller.undo_stack.undo()
    assert editor.rubric_edits["impact"][4].text() == ""


def test_red_line_rule_toggle_and_threshold(qtbot, panel, controller):
    editor = panel.criteria
    editor.select_id("cost")
    assert not editor.rule_box.isChecked()
    editor.threshold_spin.setValue(16)
    editor.rule_reason_edit.setText("capex overrun beyond the fund's limit")
    editor.rule_box.setFocus()
    qtbot.keyClick(editor.rule_box, Qt.Key.Key_Space)
    rule = controller.document.criterion("cost").red_line_rule
    assert rule is not None and rule.threshold == 16 and rule.reason.startswith("capex")
    type_into(qtbot, editor.rule_basis_edit, "Investment policy §4")
    assert controller.document.criterion("cost").red_line_rule.basis == "Investment policy §4"
    editor.rule_box.setFocus()
    qtbot.keyClick(editor.rule_box, Qt.Key.Key_Space)
    assert controller.document.criterion("cost").red_line_rule is None
    controller.undo_stack.undo()
    assert editor.rule_box.isChecked()
    assert editor.rule_basis_edit.text() == "Investment policy §4"


def test_refused_form_edit_shows_message_and_reverts(qtbot, panel, controller):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    before = assessment_to_data(controller.document)
    type_into(qtbot, editor.date_edit, "31 March")
    assert editor.message.isVisible()
    assert "YYYY" in editor.message.text()
    assert editor.date_edit.text() == ""
    assert assessment_to_data(controller.document) == before
    type_into(qtbot, editor.title_edit, "")
    assert editor.title_edit.text() == "Kommersant article"
    assert editor.message.isVisible()
    type_into(qtbot, editor.date_edit, "2025-03-31")
    assert controller.document.source("kommersant").date == "2025-03-31"
    assert not editor.message.isVisible()


def test_source_grade_combos(qtbot, panel, controller):
    editor = panel.sources
    editor.select_id("kommersant")
    assert editor.reliability_combo.currentData() == "C"
    assert editor.credibility_combo.currentText().startswith("3 — possibly true")
    editor.credibility_combo.setCurrentIndex(editor.credibility_combo.findData(5))
    editor.credibility_combo.activated.emit(editor.credibility_combo.currentIndex())
    assert controller.document.source("kommersant").credibility == 5


def test_project_form_list_fields_and_capex(qtbot, panel, controller):
    editor = panel.projects
    panel.setCurrentWidget(editor)
    editor.select_id("tomtor")
    assert editor.alt_names_edit.toPlainText() == "Томтор"
    type_into(qtbot, editor.commodities_edit, "niobium, NdPr;  Dy")
    assert controller.document.project("tomtor").commodities == ["niobium", "NdPr", "Dy"]
    editor.counterparties_edit.setFocus()
    editor.counterparties_edit.setPlainText("Rosneft\n\nVostok Engineering\n")
    editor.capex_edit.setFocus()
    assert controller.document.project("tomtor").counterparties == ["Rosneft", "Vostok Engineering"]
    type_into(qtbot, editor.capex_edit, "1,250,000,000")
    assert controller.document.project("tomtor").capex_estimate == 1.25e9
    type_into(qtbot, editor.capex_edit, "a lot")
    assert "not a number" in editor.message.text()
    assert editor.capex_edit.text() == "1,250,000,000"
    editor.stage_combo.setCurrentIndex(editor.stage_combo.findData("production"))
    editor.stage_combo.activated.emit(editor.stage_combo.currentIndex())
    assert controller.document.project("tomtor").stage == "production"


@pytest.mark.parametrize(("typed", "weight"), [("0,75", 0.75), ("1,000", 1.0), ("3.5", 3.5)])
def test_weight_field_reads_a_decimal_comma(qtbot, panel, controller, typed, weight):
    editor = panel.criteria
    editor.select_id("cost")
    editor.weight_spin.setFocus()
    editor.weight_spin.lineEdit().selectAll()
    qtbot.keyClicks(editor.weight_spin, typed)
    qtbot.keyClick(editor.weight_spin, Qt.Key.Key_Return)
    assert controller.document.criterion("cost").weight == weight


def test_refresh_keeps_the_field_being_typed(qtbot, panel, controller):
    editor = panel.criteria
    editor.select_id("cost")
    editor.name_edit.setFocus()
    editor.name_edit.setText("Cost and fund")  # typed, not finished yet
    # Another change arrives (e.g. from the table or an undo elsewhere).
    controller.edit_item("criterion", "cost", {"weight": 2.5})
    assert editor.name_edit.text() == "Cost and fund"
    assert editor.weight_spin.value() == 2.5
    controller.undo_stack.undo()
    assert editor.weight_spin.value() == 1.0
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert controller.document.criterion("cost").name == "Cost and fund"


def test_assessment_form(qtbot, panel, controller):
    editor = panel.assessment
    panel.setCurrentWidget(editor)
    title = editor.fields["title"]
    assert title.text() == "Rare-earth options"
    type_into(qtbot, title, "Rare earths in Russia: options")
    assert controller.document.title == "Rare earths in Russia: options"
    type_into(qtbot, editor.fields["as_of"], "next week")
    assert editor.message.isVisible()
    assert editor.fields["as_of"].text() == ""
    controller.undo_stack.undo()
    assert title.text() == "Rare-earth options"
    controller.set_document(new_from_template("russia-rare-earths"))
    assert title.text() == controller.document.title
    assert panel.criteria.model.rowCount() == len(controller.document.criteria)
    assert panel.criteria.current_id() == controller.document.criteria[0].id


def test_a_long_name_wraps_in_the_form_heading(qtbot, panel, controller):
    """The heading wraps: a 200-character name on one line pushed the fields off the form."""
    editor = panel.criteria
    long_name = "Market access for buyers in the European Union and elsewhere " * 3
    assert controller.edit_item("criterion", "market", {"name": long_name.strip()})
    editor.select_id("market")
    qtbot.wait(50)
    assert editor.form_title.text().startswith(long_name.strip())
    assert editor.form_title.width() <= editor.name_edit.parentWidget().width()
    assert editor.name_edit.visibleRegion().boundingRect().width() >= editor.name_edit.width() - 2


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2,5", 2.5),
        ("1,5", 1.5),
        ("1 250 000,5", 1250000.5),
        ("1,250,000", 1250000.0),
        ("1,250.5", 1250.5),
        ("2.5", 2.5),
    ],
)
def test_capex_reads_a_decimal_comma_and_the_thousands_it_shows(typed: str, stored: float) -> None:
    """Every comma was stripped, so a European "2,5" became 25, with no word."""
    from desktop.editors.projects import format_capex, parse_capex

    assert parse_capex(typed) == stored
    assert parse_capex(format_capex(stored)) == stored  # what the column shows reads back


@pytest.mark.parametrize("panel_size", [(960, 640)])
def test_a_refused_as_of_date_is_said_in_view_in_words(qtbot, panel, controller):
    """Said where the user looks, naming the field as the form does, the typing quoted."""
    editor = panel.assessment
    panel.setCurrentWidget(editor)
    before = assessment_to_data(controller.document)
    type_into(qtbot, editor.fields["as_of"], "05/03/2024")
    assert assessment_to_data(controller.document) == before
    text = editor.message.text()
    assert "As-of date: '05/03/2024' is not YYYY-MM-DD" in text, text
    assert "As_of" not in text and "as-of date '" not in text, text
    assert not editor.message.visibleRegion().isEmpty()


def test_a_refused_source_date_names_the_source_and_the_field(qtbot, panel, controller):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    type_into(qtbot, editor.date_edit, "31 March")
    text = editor.message.text()
    assert "Source “Kommersant article”: Date: '31 March' is not" in text, text
    assert "'kommersant'" not in text and "date: date" not in text, text


def test_a_url_past_the_limit_is_refused_saying_its_length(qtbot, panel, controller):
    editor = panel.sources
    panel.setCurrentWidget(editor)
    editor.select_id("kommersant")
    type_into(qtbot, editor.url_edit, "https://example.org/?" + "q" * 600)
    text = editor.message.text()
    assert "Source “Kommersant article”: URL: is 621 characters; at most 500" in text, text
    assert "string should" not in text, text


def test_a_later_refusal_replaces_an_earlier_one_under_the_form(qtbot, panel, controller):
    """1000.5 is refused with the reason; a key refused afterwards says its own refusal
    there, not the old one, and a weight taken clears it."""
    editor = panel.criteria
    editor.select_id("cost")
    panel.window().activateWindow()
    qtbot.waitUntil(panel.window().isActiveWindow)
    type_into(qtbot, editor.weight_spin, "1000.5")
    assert "1000.5 is above 1000" in editor.message.text()
    editor.weight_spin.setFocus()
    editor.weight_spin.selectAll()
    qtbot.keyClicks(editor.weight_spin, "½")
    text = editor.message.text()
    assert "“½” cannot be typed here" in text and "Weight" in text, text
    assert "1000.5" not in text, text
    # Selected again (Ctrl+A), the 2 typed next is a number typed again, not what the
    # refused key left.
    qtbot.keyClick(editor.weight_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_into(qtbot, editor.weight_spin, "2")
    assert controller.document.criterion("cost").weight == 2
    assert not editor.message.isVisible()


def test_an_edit_that_changes_nothing_clears_the_scenario_tables_message(panel, controller):
    editor = panel.scenarios
    panel.setCurrentWidget(editor)
    editor.select_id("sanctions-eased")
    weights = editor.weights_model
    row = [weights.key(r) for r in range(weights.rowCount())].index("cost")
    assert "cost" not in controller.document.scenario("sanctions-eased").weight_overrides
    assert not weights.setData(weights.index(row, 2), "0x10", Qt.ItemDataRole.EditRole)
    assert editor.overrides_message.isVisible()
    # "=" on a weight the scenario does not set: taken, though nothing changes.
    assert weights.setData(weights.index(row, 2), "=", Qt.ItemDataRole.EditRole)
    assert not editor.overrides_message.isVisible()


def _paste(qtbot, widget, text: str) -> None:
    """Replace a field's text by pasting ``text`` (Ctrl+A, Ctrl+V), then leave with Return."""
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_one_line_fields_store_one_trimmed_line(qtbot, panel, controller):
    """A pasted line break or spaces around a one-line value are not kept; a date with
    spaces around it is read, not refused. Multi-line text keeps its lines."""
    projects = panel.projects
    panel.setCurrentWidget(projects)
    projects.select_id("tomtor")
    _paste(qtbot, projects.country_edit, "  Russia\nCrimea ")
    assert controller.document.project("tomtor").country == "Russia Crimea"
    assert projects.country_edit.text() == "Russia Crimea"
    criteria = panel.criteria
    panel.setCurrentWidget(criteria)
    criteria.select_id("market")
    _paste(qtbot, criteria.rubric_edits["likelihood"][0], "Rare:\nless than 5%\r\nper decade")
    assert controller.document.criterion("market").rubric.likelihood[0] == (
        "Rare: less than 5% per decade"
    )
    _paste(qtbot, criteria.category_combo.lineEdit(), "  Water\nuse ")
    assert controller.document.criterion("market").category == "Water use"
    assessment = panel.assessment
    panel.setCurrentWidget(assessment)
    _paste(qtbot, assessment.fields["author"], "Anna\nPetrova")
    _paste(qtbot, assessment.fields["currency"], "eur ")
    _paste(qtbot, assessment.fields["as_of"], " 2024-03-06 ")
    document = controller.document
    assert (document.author, document.currency, document.as_of) == (
        "Anna Petrova",
        "eur",
        "2024-03-06",
    )
    assert not assessment.message.isVisible()
    sources = panel.sources
    panel.setCurrentWidget(sources)
    sources.select_id("kommersant")
    _paste(qtbot, sources.date_edit, " 2024 ")
    assert controller.document.source("kommersant").date == "2024"
    notes = assessment.fields["notes"]
    panel.setCurrentWidget(assessment)
    notes.setFocus()
    notes.setPlainText("  First line\n\nsecond line ")
    assessment.fields["title"].setFocus()
    assert controller.document.notes == "  First line\n\nsecond line "


def test_line_lists_keep_each_entry_once(qtbot, panel, controller):
    editor = panel.projects
    panel.setCurrentWidget(editor)
    editor.select_id("tomtor")
    editor.counterparties_edit.setFocus()
    editor.counterparties_edit.setPlainText("Rostec\n Rostec \nrostec\nVostok  Engineering")
    editor.capex_edit.setFocus()
    assert controller.document.project("tomtor").counterparties == [
        "Rostec",
        "Vostok Engineering",
    ]
    type_into(qtbot, editor.commodities_edit, "NdPr, NdPr; ndpr, Dy")
    assert controller.document.project("tomtor").commodities == ["NdPr", "Dy"]
    editor.alt_names_edit.setFocus()
    editor.alt_names_edit.setPlainText("Томтор\nТомтор")
    editor.capex_edit.setFocus()
    assert controller.document.project("tomtor").alt_names == ["Томтор"]


def test_too_many_counterparties_are_refused_in_words(qtbot, panel, controller):
    editor = panel.projects
    panel.setCurrentWidget(editor)
    editor.select_id("tomtor")
    before = assessment_to_data(controller.document)
    editor.counterparties_edit.setFocus()
    editor.counterparties_edit.setPlainText("\n".join(f"Partner {n}" for n in range(200)))
    editor.counterparties_edit.editingFinished.emit()  # as leaving the field does
    text = editor.message.text()
    assert "Project “Tomtor”: Counterparties: at most 50 entries, not 200" in text, text
    assert "list should have" not in text and "after validation" not in text, text
    assert assessment_to_data(controller.document) == before


def test_switching_the_red_line_rule_off_and_on_brings_it_back(qtbot, panel, controller):
    editor = panel.criteria
    panel.setCurrentWidget(editor)
    editor.select_id("cost")
    editor.rule_box.setFocus()
    qtbot.keyClick(editor.rule_box, Qt.Key.Key_Space)  # on, with the default threshold
    type_into(qtbot, editor.threshold_spin, "1")
    type_into(qtbot, editor.rule_reason_edit, "Too risky")
    type_into(qtbot, editor.rule_basis_edit, "Policy §2")
    rule = controller.document.criterion("cost").red_line_rule
    assert (rule.threshold, rule.reason, rule.basis) == (1, "Too risky", "Policy §2")
    editor.rule_box.setFocus()
    qtbot.keyClick(editor.rule_box, Qt.Key.Key_Space)  # off
    assert controller.document.criterion("cost").red_line_rule is None
    qtbot.keyClick(editor.rule_box, Qt.Key.Key_Space)  # on again
    rule = controller.document.criterion("cost").red_line_rule
    assert (rule.threshold, rule.reason, rule.basis) == (1, "Too risky", "Policy §2")
    # Another criterion shows its own rule (none: the defaults), not this one's.
    qtbot.keyClick(editor.rule_box, Qt.Key.Key_Space)  # off
    editor.select_id("market")
    assert controller.document.criterion("market").red_line_rule is None
    assert editor.rule_reason_edit.text() == "" and editor.threshold_spin.value() == 20
