"""Chinese, Japanese and Korean text prints in the fallback font (WenQuanYi Micro Hei), in
paragraphs and in the strings drawn on the page (header, footer, charts, the heat map's
rotated headers); a memo without such text neither loads nor embeds it."""

from __future__ import annotations

from pdfread import ReadMemo

from reports.fonts import CJK, cjk_markup, register_fallback
from reports.memo import build_memo
from reports.styles import esc, fit_text, text_width
from rrisk.glyphs import fallback_runs
from rrisk.templates import new_from_template

PROJECT = "包头稀土 Baotou"
CRITERION = "制裁风险 제재 Sanctions"
COUNTERPARTY = "中国北方稀土集团"
JAPANESE = "株式会社双日"
KOREAN = "포스코인터내셔널"
RATIONALE = "合资方为国有企业；한국 파트너 검토 중 <b>& 東京"
SOURCE = "新华社报道 日本経済新聞"
TITLE = "稀土合资 Rare earths"
CLASSIFICATION = "機密 Confidential"


def _fallback_embedded(memo: ReadMemo) -> bool:
    return any("WenQuanYi" in name for name in memo.fonts())


def test_cjk_text_prints_in_the_fallback_font_wherever_user_text_prints() -> None:
    document = new_from_template("russia-rare-earths")
    document.title = TITLE
    document.classification = CLASSIFICATION
    project = document.project("tomtor")
    project.name = PROJECT
    project.counterparties = [COUNTERPARTY, JAPANESE, KOREAN]
    document.criterion("sanctions").name = CRITERION
    cell = document.cell("tomtor", "sanctions")
    assert cell is not None
    cell.rationale = RATIONALE
    document.sources[0].title = SOURCE
    memo = ReadMemo(build_memo(document))
    assert _fallback_embedded(memo)
    text = memo.text
    for written in (PROJECT, CRITERION, COUNTERPARTY, JAPANESE, KOREAN, SOURCE, TITLE):
        assert written in text, written
    # Escaped as any user text: the markup-like part prints literally.
    assert "合资方为国有企业；한국 파트너 검토 중 <b>& 東京" in text
    # Drawn strings: the page header (title) and footer (classification) on every page.
    assert all(TITLE in page for page in memo.pages[1:])
    assert all(CLASSIFICATION.upper() in page for page in memo.pages)
    # The heat map's column headers are drawn rotated; the criterion's name is there alone.
    heat_map = next(page for page in memo.pages if "Heat map: projects × criteria" in page)
    assert "制裁风险 제재" in heat_map


def test_a_memo_without_cjk_embeds_no_fallback_font() -> None:
    document = new_from_template("russia-rare-earths")
    document.summary = "Томтор (Якутия), Σ ≥ 25, “quotes”, emoji \U0001f600"
    memo = ReadMemo(build_memo(document))
    assert not _fallback_embedded(memo)
    assert "DejaVuSansCondensed" in " ".join(memo.fonts())


def test_only_cjk_runs_change_font() -> None:
    assert fallback_runs("Tomtor Томтор ⊘ 25") is None
    assert fallback_runs("Hexagram ䷀") is None  # in a CJK block, but DejaVu draws it
    # The ideographic space is laid out as a space, as any white space.
    assert fallback_runs("Томтор\u3000(Якутия)") is None
    assert fallback_runs("A 中国 b") == [("A ", False), ("中国", True), (" b", False)]
    assert esc("R&D <Zinc>") == "R&amp;D &lt;Zinc&gt;"
    assert esc("中 & 日") == f'<font name="{CJK}">中</font> &amp; <font name="{CJK}">日</font>'
    assert cjk_markup("plain") == "plain"


def test_drawn_cjk_text_is_measured_in_the_font_it_is_drawn_in() -> None:
    register_fallback()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = "中国北方稀土集团"
    assert text_width(name, "RRiskSans-Bold", 10) == stringWidth(name, CJK, 10)
    assert text_width("A" + name, "RRiskSans", 10) == stringWidth("A", "RRiskSans", 10) + (
        stringWidth(name, CJK, 10)
    )
    # Shortened to the width it takes when drawn: each ideograph is one em wide.
    assert fit_text(name * 4, "RRiskSans-Bold", 10, 50) == name[:4] + "…"


def test_drawn_cjk_labels_break_between_characters() -> None:
    """Chinese is written without spaces: a rotated heat-map header or a chart's project name
    breaks between its characters, not after the code before it with the rest cut short."""
    from reports.charts import wrap_text

    name = "C3 美国欧盟英国制裁风险与二级制裁敞口"
    lines = wrap_text(name, "RRiskSans-Bold", 7.2, 92, 3)
    assert len(lines) == 2 and lines[0].startswith("C3 美国") and "…" not in "".join(lines)
    assert "".join(lines) == name
    assert all(text_width(line, "RRiskSans-Bold", 7.2) <= 92 for line in lines)
    # Latin words still break at spaces only.
    assert wrap_text("Sanctions exposure of partners", "RRiskSans-Bold", 7.2, 60, 3) == [
        "Sanctions",
        "exposure of",
        "partners",
    ]
