"""The second bundled template: the same case as assessed on 1 June 2025, twelve days after
Rosneft took Tomtor's operator and months before the UK (15 Oct 2025) and the US (22 Oct 2025)
designated it and the EU banned transactions with RDIF (18 Jul 2025). Checked for the same
integrity as the current version, for knowing nothing later than its as-of date, and for the
differences a comparison with the current version must show."""

from __future__ import annotations

import json
import re

import pytest

from rrisk.compare import compare
from rrisk.model import Assessment
from rrisk.resources import resource_path
from rrisk.scoring import STATUS_EXCLUDED, score
from rrisk.templates import list_templates, new_from_template

EARLIER_ID = "russia-rare-earths-2025-06"
CURRENT_ID = "russia-rare-earths"
OCCUPIED = ("donbas-occupied", "zaporizhzhia-occupied")
LATER_EVENTS = ("15 Oct 2025", "22 Oct 2025", "18 Jul 2025", "2025-10", "2025-07")


@pytest.fixture(scope="module")
def earlier() -> Assessment:
    return new_from_template(EARLIER_ID)


@pytest.fixture(scope="module")
def current() -> Assessment:
    return new_from_template(CURRENT_ID)


def test_listed_after_the_current_case_with_its_date() -> None:
    templates = {t.id: t for t in list_templates()}
    info = templates[EARLIER_ID]
    assert info.title == f"{templates[CURRENT_ID].title}, as of 1 June 2025"
    assert list(templates).index(EARLIER_ID) == list(templates).index(CURRENT_ID) + 1
    assert "1 June 2025" in info.description and "\n" not in info.description
    assert len(info.description) <= 200
    text = resource_path("templates", f"{EARLIER_ID}.json").read_text(encoding="utf-8")
    assert text.startswith('{\n  "template_id"') and "Томтор" in text and "\\u04" not in text
    assert json.loads(text)["as_of"] == "2025-06-01"


def test_same_items_as_the_current_version(earlier: Assessment, current: Assessment) -> None:
    for kind in ("criteria", "projects", "sources", "scenarios"):
        assert [i.id for i in getattr(earlier, kind)] == [i.id for i in getattr(current, kind)]


def test_every_cell_is_assessed_argued_and_sourced(earlier: Assessment) -> None:
    source_ids = {s.id for s in earlier.sources}
    used = set()
    for project in earlier.projects:
        for criterion in earlier.criteria:
            cell = earlier.cell(project.id, criterion.id)
            where = f"{project.id}/{criterion.id}"
            assert cell is not None and cell.assessed and cell.status == "reviewed", where
            sentences = re.findall(r"[.!?](?=\s+[A-Z\"(]|$)", cell.rationale.strip())
            assert 1 <= len(sentences) <= 3, where
            assert cell.evidence and {e.source for e in cell.evidence} <= source_ids, where
            used |= {e.source for e in cell.evidence}
            for name in ("likelihood", "impact"):
                low, high = getattr(cell, f"{name}_low"), getattr(cell, f"{name}_high")
                if low is not None:
                    assert low <= getattr(cell, name) <= high, where
    for source in earlier.sources:
        assert source.publisher and source.date and source.id in used, source.id


def test_knows_nothing_later_than_its_as_of_date(earlier: Assessment) -> None:
    text = json.dumps(earlier.model_dump(mode="json"), ensure_ascii=False)
    for event in LATER_EVENTS:
        assert event not in text, event
    for source in earlier.sources:
        assert source.date[:10] <= earlier.as_of, source.id
    # Rosneft already owned the operator, but was not yet designated.
    tomtor = earlier.project("tomtor")
    assert "Rosneft" in tomtor.counterparties and "20 May 2025" in tomtor.description
    sanctions = earlier.cell("tomtor", "sanctions")
    assert sanctions is not None and "not designated" in sanctions.rationale
    assert "reuters-2025-05-rosneft" in {e.source for e in sanctions.evidence}


def test_verdicts_and_summary(earlier: Assessment) -> None:
    result = score(earlier)
    projects = {p.id: p for p in result.ranking()}
    assert {p for p, s in projects.items() if s.status == STATUS_EXCLUDED} == set(OCCUPIED)
    assert result.ranking()[0].id == "allied-separation-plant"
    for project_id in ("tomtor", "seligdar", "chuktukon", "pikalevo-gallium"):
        project = projects[project_id]
        assert project.band == "High", project_id
        assert f"{round(project.index)}" in earlier.summary, project_id


def test_comparison_with_the_current_version(earlier: Assessment, current: Assessment) -> None:
    comparison = compare(earlier, current)
    tomtor = comparison.effect("tomtor")
    # Rosneft's designation raises Tomtor's sanctions and counterparty cells from 20 to 25, and
    # its market access from 16 to 20 (no buyer under US or UK jurisdiction may deal with an
    # SDN's project). Screening then confirms Rosneft on the SDN list: a red line excludes
    # Tomtor outright.
    assert (tomtor.old.rank, tomtor.new.rank) == (3, None)
    assert [line.kind for line in tomtor.red_lines_appeared] == ["screening"]
    assert tomtor.index_change == pytest.approx(100 * ((2.0 + 1.5) * 5 + 1.5 * 4) / 24 / 11.0)
    assert {(c.source, c.criterion) for c in tomtor.contributions} == {
        ("cell", "sanctions"),
        ("cell", "counterparty"),
        ("cell", "market-access"),
    }
    assert comparison.effect("seligdar").rank_change == 1
    assert comparison.effect("chuktukon").rank_change == 1
    others = [e for e in comparison.effects if e.id != "tomtor"]
    assert all(not e.red_lines_appeared and not e.red_lines_cleared for e in others)
    changed = {(c.kind, c.action, c.field, c.project or c.item) for c in comparison.changes}
    assert ("assessment", "changed", "as_of", None) in changed
    assert ("cell", "changed", "likelihood", "tomtor") in changed
    assert ("source", "renamed", "title", "ofac-sdn") in changed
    items = [c for c in comparison.changes if c.kind in ("project", "criterion", "source")]
    assert not any(c.action in ("added", "removed") for c in items)
