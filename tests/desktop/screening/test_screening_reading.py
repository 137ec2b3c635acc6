"""The Screening tab as a reviewer reads it: a project's status says what excludes it and what
the list found, a list screened on top of another keeps its hits apart from the decisions
recorded on the other's entries, and a narrow tab gives the names the room."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItemIterator

from desktop.screening.tree import COUNTERPARTY, HIT, PROJECT, RECORDED, Row, build_rows, counts
from desktop.screening.tree_view import DECISION, ScreeningTree, row_of
from desktop.ui import style
from rrisk.model import Assessment
from rrisk.screening.screen import CounterpartyResult, ProjectResult, ScreeningReport
from rrisk.screening.store import Hit
from rrisk.templates import new_from_template

TEMPLATE = "russia-rare-earths"


def report_for(doc: Assessment, hits: dict[str, list[Hit]], name: str = "watch") -> ScreeningReport:
    """A screening of every project of ``doc`` against list ``name``, giving ``hits`` (by
    counterparty) and nothing else; no territory (the rows read them from the document)."""
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


RUSAL = Hit("w-rusal", "United Company Rusal", "Company", "Rusal", 1.0, ("US OFAC SDN",))


def by_project(doc: Assessment, report: ScreeningReport) -> dict:
    return {row.project: row for row in build_rows(report, doc)}


def test_a_project_a_territory_rule_excludes_says_so_and_what_the_list_found() -> None:
    doc = new_from_template(TEMPLATE)
    rows = by_project(doc, report_for(doc, {}))
    # It read "Excluded: occupied territory" alone, or "Clear" beside the red line.
    for project in ("donbas-occupied", "zaporizhzhia-occupied"):
        assert rows[project].status == "Excluded: occupied territory · no list hit"
        assert rows[project].excluded
    assert rows["allied-separation-plant"].status == "Clear"
    doc.projects = [
        p.model_copy(update={"counterparties": []}) if p.id == "donbas-occupied" else p
        for p in doc.projects
    ]
    hits = {"Russian state (offer of 24 Feb 2025)": [RUSAL]}
    rows = by_project(doc, report_for(doc, hits))
    assert rows["donbas-occupied"].status == "Excluded: occupied territory · no counterparty named"
    assert rows["zaporizhzhia-occupied"].status == "Excluded: occupied territory · 1 pending"


def test_a_region_edited_into_a_territory_is_excluded_before_the_screening_that_follows() -> None:
    """Rows drawn again from the last report after an edit (or as a hidden tab is shown) said
    "Clear" for a project the ranking excluded at once."""
    doc = new_from_template(TEMPLATE)
    report = report_for(doc, {})  # screened while the plant was in an allied country
    doc.projects = [
        p.model_copy(update={"region": "Запорожская область"})
        if p.id == "allied-separation-plant"
        else p
        for p in doc.projects
    ]
    plant = by_project(doc, report)["allied-separation-plant"]
    assert plant.status == "Excluded: occupied territory · no list hit"
    assert [c.status for c in plant.children if c.territory is not None] == ["Red line"]


def test_decisions_recorded_on_another_list_go_under_a_line_of_their_own_after_the_hits(
    qtbot,
) -> None:
    doc = new_from_template(TEMPLATE)  # some twenty decisions on rrisk-template's entries
    rows = by_project(doc, report_for(doc, {"Rusal": [RUSAL]}))
    plant = rows["pikalevo-gallium"]
    rusal = next(c for c in plant.children if c.counterparty == "Rusal")
    assert [c.kind for c in rusal.children] == [HIT, RECORDED]  # the list's hit first
    assert not rusal.children[0].hit.recorded_only
    group = rusal.children[1]
    assert group.text == "1 decision on rrisk-template"
    assert all(c.hit.recorded_only for c in group.children)
    deripaska = next(c for c in plant.children if c.counterparty.startswith("Oleg Deripaska"))
    (only,) = deripaska.children
    assert only.kind == RECORDED and only.status == "1 confirmed · 2 dismissed"
    # A red line recorded on the other list still excludes, and says so collapsed.
    (rosneft,) = (c for c in rows["tomtor"].children if c.counterparty == "Rosneft")
    assert rosneft.children[0].status == "1 red line" and rosneft.children[0].excluded
    assert rows["tomtor"].status == "Excluded: confirmed hit"
    totals = counts(list(rows.values()))
    assert totals["hits"] == 1 and totals["pending"] == 1 and totals["recorded"] == 20

    tree = ScreeningTree()
    qtbot.addWidget(tree)
    tree.resize(1200, 600)
    tree.show()
    wanted = rosneft.children[0].children[0].key
    assert tree.show_rows(list(rows.values()), wanted)
    lines = []
    iterator = QTreeWidgetItemIterator(tree)
    while (item := iterator.value()) is not None:
        lines.append(item)
        iterator += 1
    groups = [item for item in lines if row_of(item).kind == RECORDED]
    assert len(groups) == 14  # one per counterparty with decisions on rrisk-template
    # Collapsed, but for the one holding the line selected; reachable by expanding.
    opened = [item for item in groups if item.isExpanded()]
    assert opened == [tree.currentItem().parent()]
    assert row_of(tree.currentItem()).key == wanted
    muted = style.muted_text_color(tree.palette())
    assert groups[1].foreground(0).color() == muted
    assert groups[1].child(0).foreground(0).color() == muted
    hit = next(
        item for item in lines if row_of(item).kind == HIT and not row_of(item).hit.recorded_only
    )
    assert hit.foreground(0).color() != muted
    # A red line among the recorded decisions is red, collapsed too.
    assert groups[0].foreground(DECISION).color() == style.red_line_colour(tree)


def test_a_narrow_tab_gives_the_names_the_room_the_long_statuses_took(qtbot) -> None:
    """At a 1000 px window the Decision column kept 24 em for the project and counterparty
    statuses while every name was cut at 16 em; they are short there now, whole in the
    tooltip, and a hit's decision stays whole."""
    doc = new_from_template(TEMPLATE)
    rows = list(by_project(doc, report_for(doc, {"Rusal": [RUSAL]})).values())
    tree = ScreeningTree()
    qtbot.addWidget(tree)
    tree.resize(690, 600)  # the list's share of a 1000 px tab
    tree.show()
    qtbot.waitExposed(tree)
    tree.show_rows(rows, None)
    em = tree.fontMetrics().horizontalAdvance("M")
    header = tree.header()
    assert header.sectionSize(0) >= 22 * em > header.sectionSize(DECISION)
    items = {}
    iterator = QTreeWidgetItemIterator(tree)
    while (item := iterator.value()) is not None:
        items.setdefault(row_of(item).key, item)
        iterator += 1
    donbas = items[(PROJECT, "donbas-occupied", "")]
    assert donbas.text(DECISION) == "Excluded · no list hit"
    assert "Excluded: occupied territory · no list hit" in donbas.toolTip(DECISION)
    rusal = items[(COUNTERPARTY, "pikalevo-gallium", "Rusal")]
    assert rusal.text(DECISION) == "1 hit · 1 recorded"
    assert "1 hit · 1 recorded decision" in rusal.toolTip(DECISION)
    hit = items[(HIT, "seligdar", "Rostec (likely partner named in the article, unverified)",
                 "rrisk-rostec")]  # fmt: skip
    assert hit.text(DECISION) == "Confirmed — not a red line"


def test_a_project_the_ranking_excludes_on_a_red_line_outside_screening_is_not_clear(
    qtbot, tmp_path, monkeypatch
) -> None:
    """Flagged on a cell (or over a criterion's rule), the project read "Clear" in the tab
    beside "Excluded" in the ranking when the list had no hit for it."""
    from desktop.document.controller import DocumentController
    from desktop.screening.panel import ScreeningPanel

    monkeypatch.setenv("RRISK_DATA_DIR", str(tmp_path / "data"))
    controller = DocumentController(new_from_template(TEMPLATE))
    panel = ScreeningPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel._report is not None, timeout=15000)

    def plant() -> Row:
        return next(r for r in panel._rows if r.project == "allied-separation-plant")

    assert plant().status == "Clear"
    assert controller.edit_cell(
        "allied-separation-plant",
        "occupied-territories",
        {"red_line": True, "red_line_reason": "Ore bought from an occupied region"},
    )
    assert controller.result.excluded[controller.result.row_of("allied-separation-plant")]
    name = next(c.name for c in controller.document.criteria if c.id == "occupied-territories")
    assert plant().status == f"No list hit · excluded by a red line on {name}"
    assert plant().label == "No list hit · excluded" and plant().excluded
    controller.undo_stack.undo()
    assert plant().status == "Clear"
