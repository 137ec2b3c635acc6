"""The inspector's evidence list marks a low-graded source's grade, "C4 (low)", as the memo
does beside the score, and its tooltip gives the rule: the grades the uncertainty analysis
counts as weak."""

from __future__ import annotations

from desktop.matrix.evidence_editor import EvidenceEditor
from rrisk.cells import Cell, Evidence
from rrisk.evidence_quality import weak_source_ids
from rrisk.model import parse_assessment

GRADES = {"a1": ("A", 1), "c3": ("C", 3), "c4": ("C", 4), "d1": ("D", 1), "f6": ("F", 6)}


def test_low_grades_are_marked_as_the_analysis_counts_them(qtbot):
    document = parse_assessment(
        {
            "criteria": [{"id": "cost", "name": "Cost"}],
            "projects": [{"id": "alpha", "name": "Alpha"}],
            "sources": [
                {"id": key, "title": f"Source {key}", "reliability": r, "credibility": c}
                for key, (r, c) in GRADES.items()
            ],
        }
    )
    editor = EvidenceEditor()
    qtbot.addWidget(editor)
    editor.load(document, Cell(evidence=[Evidence(key) for key in GRADES]))
    rows = [editor.list.topLevelItem(row) for row in range(editor.list.topLevelItemCount())]
    assert [row.text(1) for row in rows] == ["A1", "C3", "C4 (low)", "D1 (low)", "F6 (low)"]
    weak = weak_source_ids(document)
    for key, row in zip(GRADES, rows, strict=True):
        assert ("(low)" in row.text(1)) == (key in weak)
        assert ("Low grade (reliability D–F or credibility 4–6)" in row.toolTip(1)) == (key in weak)
