"""Small, valid documents built in code for the desktop tests."""

from __future__ import annotations

from rrisk.model import Assessment, parse_assessment


def make_document(projects: int = 3, criteria: int = 4) -> Assessment:
    """A small, fully valid assessment with sources, evidence, a red line and a scenario."""
    criterion_list = [
        {
            "id": f"c{j}",
            "name": f"Criterion {j}",
            "category": "sanctions" if j == 0 else "cost",
            "weight": 1.0 + j,
            "rubric": {
                "likelihood": [f"L{k} of c{j}" for k in range(1, 6)],
                "impact": [f"I{k} of c{j}" for k in range(1, 6)],
            },
        }
        for j in range(criteria)
    ]
    if criteria:
        criterion_list[0]["red_line_rule"] = {
            "threshold": 20,
            "reason": "Sanctions exposure",
            "basis": "EU Reg. 833/2014",
        }
    project_list = [
        {"id": f"p{i}", "name": f"Project {i}", "country": "Russia"} for i in range(projects)
    ]
    cells: dict[str, dict[str, dict]] = {}
    for i in range(projects):
        row = {}
        for j in range(criteria):
            if (i + j) % 5 == 4:
                continue  # leave some cells unassessed
            row[f"c{j}"] = {
                "likelihood": 1 + (i + j) % 5,
                "impact": 1 + (2 * i + j) % 4,
                "rationale": f"Why p{i} on c{j}",
                "status": "reviewed" if j % 2 else "draft",
                "evidence": [{"source": "s0", "quote": "quoted text", "page": "3"}],
            }
        cells[f"p{i}"] = row
    data = {
        "title": "Test assessment",
        "author": "Analyst",
        "criteria": criterion_list,
        "projects": project_list,
        "cells": cells,
        "sources": [
            {"id": "s0", "title": "Kommersant article", "reliability": "C", "credibility": 3},
            {"id": "s1", "title": "Company report", "reliability": "B", "credibility": 2},
        ],
        "scenarios": [
            {
                "id": "eased",
                "name": "Sanctions eased",
                "weight_overrides": {"c0": 0.5} if criteria else {},
                "cell_overrides": (
                    [{"project": "p0", "criterion": "c0", "likelihood": 1, "impact": 1}]
                    if criteria and projects
                    else []
                ),
            }
        ],
    }
    return parse_assessment(data)


def shown_matrix(qtbot, document: Assessment, size: tuple[int, int] | None = None):  # noqa: ANN001, ANN201 - qtbot; a MatrixView
    """A matrix view over ``document``, owned by a parent as the window's is, shown."""
    from PySide6.QtWidgets import QWidget

    from desktop.document.controller import DocumentController
    from desktop.matrix.view import MatrixView

    host = QWidget()
    qtbot.addWidget(host)
    view = MatrixView(DocumentController(document), host)
    if size is not None:
        view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.test_host = host  # (the parent lives as long as the view is used)
    return view
