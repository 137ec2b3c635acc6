"""The memo's screening section says when a hit decision no longer counts."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.memo import build_memo
from rrisk.templates import new_from_template


def test_a_decision_on_a_removed_counterparty_is_printed_as_left_over() -> None:
    doc = new_from_template("russia-rare-earths")
    projects = [
        p.model_copy(update={"counterparties": ["Vostok Engineering"]}) if p.id == "tomtor" else p
        for p in doc.projects
    ]
    memo = ReadMemo(build_memo(doc.model_copy(update={"projects": projects})))
    section = memo.text[memo.text.index("Hits and decisions") :]
    rosneft = section[section.index("Rosneft") : section.index("Rosneft") + 400]
    assert "left over" in rosneft
    assert "the project no longer names this counterparty" in section
    assert "Confirmed: red line" not in section  # it was the only one
    assert "Confirmed: no red line" in section  # the other decisions print as before
