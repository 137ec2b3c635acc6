"""A counterparty holding a red line says so on its own line, in red: also when the red
line is a decision recorded on another list's entry, folded under its collapsed group (the
line read "No hit · 1 recorded" in plain colour while the project was excluded by it)."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItemIterator

from desktop.screening.tree import COUNTERPARTY, build_rows
from desktop.screening.tree_view import DECISION, ScreeningTree, row_of
from desktop.ui import style
from rrisk.model import Assessment
from rrisk.screening.screen import CounterpartyResult, ProjectResult, ScreeningReport
from rrisk.screening.store import Hit
from rrisk.templates import new_from_template

RUSAL = Hit("w-rusal", "United Company Rusal", "Company", "Rusal", 1.0, ("US OFAC SDN",))


def screened_on(doc: Assessment, name: str, hits: dict[str, list[Hit]]) -> ScreeningReport:
    projects = [
        ProjectResult(
            project.id,
            project.name,
            project.region,
            [CounterpartyResult(c, list(hits.get(c, []))) for c in project.counterparties],
            [],
            project.country,
        )
        for project in doc.projects
    ]
    return ScreeningReport(name, "2026-11-30", projects)


def counterparty_lines(tree: ScreeningTree) -> dict[tuple[str, str], object]:
    lines = {}
    iterator = QTreeWidgetItemIterator(tree)
    while (item := iterator.value()) is not None:
        row = row_of(item)
        if row.kind == COUNTERPARTY:
            lines[(row.project, row.counterparty)] = item
        iterator += 1
    return lines


def test_a_counterparty_whose_red_line_is_on_another_list_is_red_on_its_line(qtbot) -> None:
    doc = new_from_template("russia-rare-earths")  # Rosneft confirmed on rrisk-template
    rows = build_rows(screened_on(doc, "watch", {"Rusal": [RUSAL]}), doc)
    tomtor = next(row for row in rows if row.project == "tomtor")
    rosneft = next(c for c in tomtor.children if c.counterparty == "Rosneft")
    assert rosneft.status == "No hit · 1 recorded decision · red line"
    assert rosneft.excluded
    # A counterparty with a pending hit and decisions that draw no red line stays plain.
    plant = next(row for row in rows if row.project == "pikalevo-gallium")
    rusal = next(c for c in plant.children if c.counterparty == "Rusal")
    assert not rusal.excluded and "red line" not in rusal.status

    tree = ScreeningTree()
    qtbot.addWidget(tree)
    tree.resize(1200, 600)
    tree.show()
    tree.show_rows(rows, None)
    lines = counterparty_lines(tree)
    red = style.red_line_colour(tree)
    line = lines[("tomtor", "Rosneft")]
    assert line.text(DECISION) == "No hit · 1 recorded · red line"
    assert line.foreground(DECISION).color() == red
    assert lines[("pikalevo-gallium", "Rusal")].foreground(DECISION).color() != red


def test_a_counterparty_whose_red_line_is_on_the_list_screened_is_red_too() -> None:
    doc = new_from_template("russia-rare-earths")
    (decision,) = (d for d in doc.screening.decisions if d.counterparty == "Rosneft")
    hit = Hit("rrisk-rosneft", "Rosneft", "Company", "Rosneft", 1.0, tuple(decision.sanctions))
    rows = build_rows(screened_on(doc, "rrisk-template", {"Rosneft": [hit]}), doc)
    tomtor = next(row for row in rows if row.project == "tomtor")
    rosneft = next(c for c in tomtor.children if c.counterparty == "Rosneft")
    assert [child.status for child in rosneft.children] == ["Confirmed — red line"]
    assert rosneft.status == "1 hit · red line" and rosneft.excluded
