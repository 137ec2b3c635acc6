"""An assessment without sources says so in a line after the scenarios: the "Sources" section
took a page of its own for the one line "No sources are recorded."."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.model import assessment_to_data, parse_assessment
from rrisk.templates import new_from_template


def _without_sources():
    data = assessment_to_data(new_from_template("russia-rare-earths"))
    data["sources"] = []
    for cells in data["cells"].values():
        for cell in cells.values():
            cell.pop("evidence", None)
    return parse_assessment(data)


def test_no_sources_is_a_line_after_the_scenarios_not_a_page() -> None:
    memo = ReadMemo(build_memo(_without_sources()))
    pages = [i for i, page in enumerate(memo.pages) if "No sources are recorded." in page]
    assert len(pages) == 1
    page = memo.pages[pages[0]]
    # The scenarios' table ends above it on its page (the section opened a page of its own).
    before = page.split("Sources No sources are recorded.", 1)[0]
    assert not page.startswith("Sources")
    assert "Scenarios compared with the baseline" in memo.pages[pages[0] - 1] + before
    assert "Excluded" in before
    assert "Methodology appendix" in memo.pages[pages[0] + 1][:40]
    # The outline still names the section, at that page.
    assert (0, "Sources", pages[0]) in memo.outline()


def test_sources_still_open_their_own_page() -> None:
    memo = ReadMemo(build_memo(new_from_template("russia-rare-earths")))
    entry = next(entry for entry in memo.outline() if entry[1] == "Sources")
    assert memo.pages[entry[2]].startswith("Sources Each source carries an Admiralty grade")
