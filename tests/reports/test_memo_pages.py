"""Project pages that continue name the project; evidence quotes sit beside their grades."""

from __future__ import annotations

import random

from pdfread import ReadMemo, squash

from reports.memo import build_memo
from reports.quotes import QUOTE_SHOWN, short_quote
from rrisk.cells import Evidence
from rrisk.model import parse_assessment
from rrisk.scoring import score
from rrisk.templates import new_from_template


def test_the_templates_executive_summary_fits_its_page() -> None:
    """The summary, the recommendation and "What the scores say" make page 2; page 3 starts
    the ranking (a last bullet alone on a page reads as a layout accident)."""
    for template in ("russia-rare-earths", "russia-rare-earths-2025-06"):
        memo = ReadMemo(build_memo(new_from_template(template)))
        assert "Executive summary and recommendation" in memo.pages[1], template
        assert "What the scores say" in memo.pages[1], template
        assert "Ranking" in memo.pages[2][:200], (template, memo.pages[2][:200])


def test_a_continued_project_page_names_the_project() -> None:
    document = new_from_template("russia-rare-earths")
    project = document.project("chuktukon")
    project.description = "\n\n".join([project.description] * 5)
    memo = ReadMemo(build_memo(document))
    # The project's own first page (other sections' pages may begin with its name too).
    first = next(i for i, page in enumerate(memo.pages) if page.startswith("PROJECT 3 OF 7 "))
    assert project.name in memo.pages[first][:120] and "(CONTINUED)" not in memo.pages[first][:40]
    following = memo.pages[first + 1]
    assert (
        following.startswith(f"PROJECT 3 OF 7 (CONTINUED) {project.name} (continued)")
        or f"(CONTINUED) {project.name} (continued)" in following[:200]
    )


def test_quotes_are_shortened_beside_grades_and_full_in_the_appendix() -> None:
    document = new_from_template("russia-rare-earths")
    cell = document.cell("tomtor", "sanctions")
    long_quote = "Rosneft " + "owns the operator and is designated " * 8 + "END-OF-QUOTE."
    cell.evidence[0].quote = long_quote
    memo = ReadMemo(build_memo(document))
    shortened = short_quote(long_quote)
    assert shortened.endswith("…") and len(shortened) <= QUOTE_SHOWN + 1
    start = next(i for i, page in enumerate(memo.pages) if "Quoted evidence" in page)
    # The project's own pages, before the appendix (whose Tomtor group may head a page too).
    project_pages = [p for p in memo.pages[:start] if "Tomtor niobium–rare-earth deposit" in p[:80]]
    assert project_pages
    assert any(f"“{squash(shortened)}”" in page for page in project_pages)
    assert not any("END-OF-QUOTE." in page for page in project_pages)
    assert squash(long_quote) in " ".join(memo.pages[start:])


def test_quoted_evidence_is_grouped_by_project_and_a_continued_group_repeats_its_heading():
    document = new_from_template("russia-rare-earths")
    memo = ReadMemo(build_memo(document))
    start = next(i for i, page in enumerate(memo.pages) if "Quoted evidence" in page)
    appendix = memo.pages[start:]
    text = " ".join(appendix)
    projects = {project.id: project for project in document.projects}
    ranking = [projects[scored.id] for scored in score(document).ranking()]
    assert ranking != document.projects  # (else the order below would tell nothing)
    quoted = [
        project
        for project in ranking
        if any(
            link.quote.strip()
            for cell in document.cells.get(project.id, {}).values()
            for link in cell.evidence
        )
    ]
    assert len(quoted) >= 2
    # Every project with quotes has its group, in ranking order as the project pages (it was
    # the document's order, while every other section follows the ranking), headed by the labels.
    places = [text.index(f"{project.name} Criterion Source Quote") for project in quoted]
    assert places == sorted(places)
    # A page that goes on with a project's quotes starts with its name and the labels again.
    continued = [page for page in appendix[1:] if page[:400].find("Criterion Source Quote") > 0]
    assert continued, "the template's quotes should fill more than one page"
    for page in continued:
        # (after the running header: title, memo line, scenario, date)
        head = page[: page.index("Criterion Source Quote")]
        assert any(head.rstrip().endswith(project.name) for project in quoted), head[-120:]


def test_short_quote_cuts_at_a_word() -> None:
    assert short_quote("short one") == "short one"
    text = "alpha beta gamma " * 20
    cut = short_quote(text, 30)
    assert cut == "alpha beta gamma alpha beta…"


def test_the_last_finding_of_the_summary_never_stands_alone_on_a_page() -> None:
    """Under a scenario the executive summary's findings end with the line saying so; when it
    does not fit the summary's page, it goes over with the finding before it."""
    from pdfread import ReadMemo

    from reports.memo import build_memo
    from rrisk.templates import new_from_template

    memo = ReadMemo(build_memo(new_from_template("russia-rare-earths"), "sanctions-eased"))
    page = next(p for p in memo.pages if "All figures are computed under the scenario" in p)
    assert page.count("•") >= 2 or "What the scores say" in page


def test_a_source_quoted_twice_says_its_other_quote_is_in_the_appendix() -> None:
    document = new_from_template("russia-rare-earths")
    cell = document.cell("tomtor", "sanctions")
    first = cell.evidence[0]
    cell.evidence.insert(
        1, Evidence(first.source, "Second passage of the same report SECOND-QUOTE.", "9")
    )
    memo = ReadMemo(build_memo(document))
    start = next(i for i, page in enumerate(memo.pages) if "Quoted evidence" in page)
    project_pages = [p for p in memo.pages[:start] if "Tomtor niobium–rare-earth deposit" in p[:80]]
    page = " ".join(project_pages)
    assert f"“{squash(short_quote(first.quote))}” and 1 more quote in the sources appendix" in page
    assert "SECOND-QUOTE." not in page
    assert "SECOND-QUOTE." in " ".join(memo.pages[start:])


def test_the_quoted_evidence_heading_starts_the_page_of_its_first_quote() -> None:
    """A first quote of a few hundred words that does not fit under the heading takes the
    heading and its sentence to the next page (they were left alone at the foot of a page)."""
    sources = 12
    document = parse_assessment(
        {
            "as_of": "2026-01-01",
            "criteria": [{"id": "c0", "name": "Crit"}],
            "projects": [{"id": "p0", "name": "Site"}],
            "sources": [
                {"id": f"s{k}", "title": f"Source {k} " + "word " * (k % 7), "date": "2025-01-01"}
                for k in range(sources)
            ],
            "cells": {
                "p0": {
                    "c0": {
                        "likelihood": 2,
                        "impact": 2,
                        "evidence": [
                            {"source": f"s{k}", "quote": f"quote {k} " * 6 if k else "words " * 300}
                            for k in range(sources)
                        ],
                    }
                }
            },
            "analysis": {"runs": 100},
        }
    )
    pages = ReadMemo(build_memo(document)).pages
    page = next(page for page in pages if "Quoted evidence Every quote" in page)
    assert "Site Criterion Source Quote C1 Crit" in page


def test_the_tornado_heading_starts_the_page_of_the_leaders_chart() -> None:
    """Where the leader's tornado of twelve criteria does not fit under the reversal table,
    "Index as each weight varies" and its text go overleaf with it (they were left alone at
    the page's foot, the chart on the next page)."""
    rng = random.Random(0)
    criteria = [
        {
            "id": f"c{i}",
            "name": f"Exposure of the site to regional risk {i + 1}",
            "weight": 1 + i % 3,
        }
        for i in range(12)
    ]
    projects = [{"id": f"p{j}", "name": f"Deposit {j + 1}"} for j in range(4)]
    cells = {
        project["id"]: {
            criterion["id"]: {"likelihood": rng.randint(1, 5), "impact": rng.randint(1, 5)}
            for criterion in criteria
        }
        for project in projects
    }
    document = parse_assessment(
        {"as_of": "2025-01-01", "criteria": criteria, "projects": projects, "cells": cells}
    )
    memo = ReadMemo(build_memo(document))
    heading = next(i for i, page in enumerate(memo.pages) if "Index as each weight varies" in page)
    leader = next(i for i, page in enumerate(memo.pages) if "Leader: Deposit" in page)
    assert "Nearest reversal per criterion" in memo.pages[heading - 1]
    assert heading == leader
