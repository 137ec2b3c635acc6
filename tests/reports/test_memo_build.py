"""Building the memo: determinism, scenarios, progress and cancel, robustness, layering."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from memo_fixtures import memo_document_data
from pdfread import ReadMemo

from reports.memo import MemoCancelled, build_memo, write_memo
from rrisk.errors import FileFormatError, ScenarioError
from rrisk.model import Assessment, parse_assessment


def test_same_document_gives_byte_identical_pdf(memo_document, tmp_path):
    first = build_memo(memo_document)
    second = build_memo(parse_assessment(memo_document_data()))
    assert first == second
    write_memo(memo_document, tmp_path / "a.pdf")
    write_memo(memo_document, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == first
    assert first.startswith(b"%PDF-")


def test_scenario_memo_differs_and_is_deterministic(memo_document):
    baseline = build_memo(memo_document)
    by_name = build_memo(memo_document, "Sanctions eased")
    by_id = build_memo(memo_document, "eased")
    assert by_name == by_id != baseline
    memo = ReadMemo(by_name)
    assert "Sanctions eased" in memo.pages[0]
    assert "Sanctions eased" in memo.reader.metadata.subject
    # The scenario lowers Tomtor's sanctions likelihood to 1: 1×5=5 on its project page.
    tomtor = next(p for p in memo.pages if "OF 4 Томтор (Якутия)" in p)
    assert "1×5=5" in tomtor
    assert "Scenario: likelihood 1 (relief)" in tomtor


def test_unknown_scenario_is_a_user_error(memo_document):
    with pytest.raises(ScenarioError, match="'nope' does not exist"):
        build_memo(memo_document, "nope")


def test_progress_runs_from_0_to_100(memo_document):
    seen: list[tuple[int, str]] = []
    build_memo(memo_document, progress=lambda percent, stage: seen.append((percent, stage)))
    percents = [p for p, _ in seen]
    assert percents[0] == 0 and percents[-1] == 100
    assert percents == sorted(percents)
    assert all(isinstance(stage, str) and stage for _, stage in seen)
    assert any(stage.startswith("Setting page") for _, stage in seen)


@pytest.mark.parametrize("calls_before_cancel", [0, 3, 12])
def test_cancel_stops_the_build(memo_document, calls_before_cancel):
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > calls_before_cancel

    with pytest.raises(MemoCancelled):
        build_memo(memo_document, cancelled=cancelled)


def test_cancel_leaves_no_file(memo_document, tmp_path):
    target = tmp_path / "memo.pdf"
    with pytest.raises(MemoCancelled):
        write_memo(memo_document, target, cancelled=lambda: True)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_into_missing_folder_is_a_user_error(memo_document, tmp_path):
    with pytest.raises(FileFormatError, match="cannot write"):
        write_memo(memo_document, tmp_path / "missing" / "memo.pdf")


def test_blank_assessment_still_gives_a_memo():
    memo = ReadMemo(build_memo(Assessment()))
    assert "Untitled assessment" in memo.pages[0]
    assert "No project is ranked." in memo.text
    assert "There is nothing to map yet." in memo.text
    # No as-of date, no date: a PDF reader showed the memo as created on 1 January 2000.
    assert "/CreationDate" not in memo.reader.metadata
    assert "/ModDate" not in memo.reader.metadata
    assert build_memo(Assessment()) == build_memo(Assessment())


def test_long_tables_split_with_repeated_headers():
    data = memo_document_data()
    data["projects"] = [{"id": f"p{i}", "name": f"Deposit {i:03d}"} for i in range(90)]
    data["cells"] = {
        f"p{i}": {
            "sanctions": {"likelihood": 1 + i % 5, "impact": 2},
            "market": {"likelihood": 2, "impact": 1 + i % 4},
        }
        for i in range(90)
    }
    data["scenarios"] = []
    memo = ReadMemo(build_memo(parse_assessment(data)))
    ranking_pages = [
        p for p in memo.pages if "Rank Project Risk index P10–P90 Band Coverage Status" in p
    ]
    heat_pages = [p for p in memo.pages if "Project C1 Sanctions exposure" in p]
    assert len(ranking_pages) >= 2
    assert len(heat_pages) >= 2
    for i in range(90):
        assert f"Deposit {i:03d}" in memo.text


def test_very_long_texts_do_not_break_the_layout():
    data = memo_document_data()
    long_text = ("A long rationale sentence that keeps going. " * 440).strip()  # < 20,000
    data["cells"]["tomtor"]["sanctions"]["rationale"] = long_text
    data["sources"][1]["bias_note"] = long_text
    data["projects"][0]["description"] = long_text
    memo = ReadMemo(build_memo(parse_assessment(data)))
    assert "[shortened; the full text is in the assessment]" in memo.text
    assert f"Page 1 of {len(memo.pages)}" in memo.pages[0]


def test_reports_never_imports_qt():
    code = (
        "import sys\n"
        "import reports.memo, reports.cli, reports.sections_projects\n"
        "from rrisk.model import Assessment\n"
        "reports.memo.build_memo(Assessment())\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'shiboken'))]\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_memo_is_identical_across_processes(tmp_path):
    # Another process with another hash seed must give the same bytes: no set or dict
    # order, clock or address may reach the PDF.
    script = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from memo_fixtures import memo_document_data\n"
        "from reports.memo import write_memo\n"
        "from rrisk.model import parse_assessment\n"
        "write_memo(parse_assessment(memo_document_data()), sys.argv[1], 'eased')\n"
    )
    here = str(Path(__file__).parent)
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"memo-{seed}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(target), here], check=True, env=env)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_charts_drawn_with_reportlabs_attribute_check_give_the_same_pdf(tmp_path):
    # The memo's shapes skip reportlab's per-attribute check (reports.shapes); drawn with it
    # on, every chart of the template memo must pass it and the bytes must be the same.
    from reportlab import rl_config

    from rrisk.templates import new_from_template

    script = (
        "import sys\n"
        "from reportlab import rl_config\n"
        "from reports.memo import write_memo\n"
        "from rrisk.templates import new_from_template\n"
        "assert rl_config.shapeChecking\n"
        "write_memo(new_from_template('russia-rare-earths'), sys.argv[1])\n"
        "assert rl_config.shapeChecking\n"
    )
    target = tmp_path / "checked.pdf"
    env = {**os.environ, "RL_shapeChecking": "1"}
    subprocess.run([sys.executable, "-c", script, str(target)], check=True, env=env)
    if "RL_shapeChecking" not in os.environ:
        assert not rl_config.shapeChecking
    assert target.read_bytes() == build_memo(new_from_template("russia-rare-earths"))


def test_memo_loads_only_what_it_uses(tmp_path):
    # A memo without an earlier version loads no comparison, no masked arrays of numpy for
    # its percentiles and no bold italic face it never sets; text in bold italic still gets
    # that face, and a memo --since the comparison.
    script = (
        "import sys\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from reports.fonts import BOLD_ITALIC\n"
        "from reports.memo import build_memo\n"
        "from rrisk.templates import new_from_template\n"
        "document = new_from_template('russia-rare-earths')\n"
        "pdf = build_memo(document)\n"
        "loaded = [m for m in sys.modules if m.startswith('rrisk.compare') or m == 'numpy.ma']\n"
        "assert not loaded, loaded\n"
        "assert BOLD_ITALIC not in pdfmetrics.getRegisteredFontNames()\n"
        "assert b'BoldOblique' not in pdf\n"
        "from reports.styles import markup, styles\n"
        "markup('<b><i>Both</i></b>', styles().body).wrap(200, 100)\n"
        "assert BOLD_ITALIC in pdfmetrics.getRegisteredFontNames()\n"
        "assert b'Changes since' in build_memo(document, since=document)\n"
        "assert 'rrisk.compare' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path)
