"""The memo's source table: with no bias note anywhere, a grade's wording keeps to two lines
under its code (in 23 mm it took up to four, beside a column of dashes); a source's attached
file is named, in the PDF and the Word memo alike."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from reports.context import MemoContext
from reports.sections_back import sources
from rrisk.model import parse_assessment
from rrisk.templates import new_from_template
from rrisk.text import isolated

GRADE = 3


def _table(document) -> Table:
    story = sources(MemoContext.create(document, None))
    return next(f for f in story if isinstance(f, Table))  # (the first: the sources)


def _document_without_bias_notes():
    data = new_from_template("russia-rare-earths").model_dump(mode="json")
    for source in data["sources"]:
        source["bias_note"] = ""
    data["sources"][0]["reliability"], data["sources"][0]["credibility"] = "F", 6
    return parse_assessment(data)


def test_without_bias_notes_each_grade_wording_takes_at_most_two_lines() -> None:
    table = _table(_document_without_bias_notes())
    width = table._colWidths[GRADE]
    assert width > 23 * mm
    for row in table._cellvalues[1:]:
        grade = row[GRADE]
        assert isinstance(grade, Paragraph)
        grade.wrap(width - 12, 1000)  # the table's cell padding
        assert len(grade.blPara.lines) <= 3, grade.text  # the code, then the wording


def test_with_bias_notes_the_notes_keep_their_column() -> None:
    table = _table(new_from_template("russia-rare-earths"))
    assert abs(table._colWidths[GRADE] - 23 * mm) < 0.01


def test_a_sources_attached_file_is_named_in_the_pdf_and_word_memos() -> None:
    import io

    from docx import Document
    from pdfread import ReadMemo

    from reports.memo import build_memo
    from reports.word import build_docx

    data = new_from_template("russia-rare-earths").model_dump(mode="json")
    data["sources"][0]["attachment"] = "kommersant-2023.pdf"
    document = parse_assessment(data)
    title = document.sources[0].title
    cell = _table(document)._cellvalues[1][0]
    assert "Attached file: kommersant-2023.pdf" in cell.text
    pdf = ReadMemo(build_memo(document))
    assert "Attached file: kommersant-2023.pdf" in pdf.text
    assert pdf.text.count("Attached file:") == 1
    word = Document(io.BytesIO(build_docx(document)))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    named = [text for text in cells if "Attached file: kommersant-2023.pdf" in text]
    assert named and title in named[0]


def test_an_attached_files_name_in_any_script_is_named_whole_in_the_memo() -> None:
    """Cyrillic, accented Latin, Chinese and Arabic names print as the file is stored."""
    from pdfread import ReadMemo

    from reports.memo import build_memo

    names = ["Отчёт Росгео 2023.pdf", "Étude_ç.pdf", "报告.pdf", "תדריך.pdf"]
    data = new_from_template("russia-rare-earths").model_dump(mode="json")
    for source, name in zip(data["sources"], names, strict=False):
        source["attachment"] = name
    document = parse_assessment(data)
    cells = [row[0].text for row in _table(document)._cellvalues[1:]]
    for name in ("Отчёт Росгео 2023.pdf", "Étude_ç.pdf", "תדריך.pdf"):  # (报告 in its font)
        # (the Hebrew name isolated from the text around it, as every right-to-left field)
        assert any(f"Attached file: {isolated(name)}" in text for text in cells), name
    text = ReadMemo(build_memo(document)).text
    for name in names[:3]:
        assert f"Attached file: {name}" in text, name
    assert text.count("Attached file:") == len(names)
