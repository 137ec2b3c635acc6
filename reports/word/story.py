"""The memo's story (the PDF sections' flowables) written into a Word document.

The Word memo is not a second implementation of the memo: it walks the very flowables the PDF
sections build and writes each as its Word counterpart, so a section added to the PDF appears
in Word too and both always say the same thing:

* a :class:`reports.layout.Heading` or an ``h1``–``h3`` paragraph → a Word heading (Heading 1–3,
  so Word builds a table of contents and a navigation pane from them);
* a paragraph → a Word paragraph with the same bold, italic and colours (body text in the
  Normal style, so the analyst can restyle it; bullets in List Bullet);
* a table → a real Word table with the same column widths, merged cells, fills and a repeated
  header row;
* a chart (a reportlab drawing) → the same drawing as a 300 dpi PNG (:mod:`.images`), with its
  description as the picture's alternative text;
* page breaks before sections stay; spacers and conditional breaks are left to Word's layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.oxml.table import CT_Tbl
from docx.oxml.text.run import _RunContentAppender
from docx.shared import Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.font import Font
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.parfmt import ParagraphFormat
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import PTOContainer

from reports.charts import RotatedLabel
from reports.layout import Heading, OutlineMark
from reports.shapes import Drawing
from reports.styles import INK
from reports.word.images import flowable_png
from reports.word.markup import (
    Look,
    Run,
    direction_parts,
    east_asian_language,
    hex_color,
    mark_east_asian,
    mark_right_to_left,
    parse_markup,
    set_bold,
    set_size,
    xml_text,
)

HEADING_STYLES = {"h1": 1, "h2": 2, "h3": 3}
TITLE_STYLES = {"cover_title": "Title", "cover_subtitle": "Subtitle"}
BODY_STYLES = frozenset({"body", "callout", "callout_spaced", "bullet", "note", "disclaimer"})
"""Paragraph styles that become Word's Normal text as it is (no size forced)."""
_ALIGN = {
    0: WD_ALIGN_PARAGRAPH.LEFT,
    1: WD_ALIGN_PARAGRAPH.CENTER,
    2: WD_ALIGN_PARAGRAPH.RIGHT,
    4: WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_CELL_ALIGN = {"CENTER": 1, "CENTRE": 1, "RIGHT": 2, "DECIMAL": 2}
_INK = INK.hexval()[2:].upper()
FRAME_WIDTH = 481.9  # points: 170 mm, the PDF's text frame
CELL_MARGIN = 3.0
"""Left and right padding of every table cell, in points (the PDF's)."""
LABEL_CELL_MARGIN = 1.0
"""Left and right padding of a rotated header label: two lines fit a heat-map column."""
LABEL_ROOM = 1.12
"""How much longer than in the PDF a rotated header label may set: its row is as tall as the
longest label measured in the PDF's DejaVu Sans Condensed, and Word sets it in Calibri
(narrower) or, where Calibri is missing, in a substitute such as DejaVu Sans (11% wider):
a label longer than its row would break onto a line of its own."""
PICTURE_SLACK = 3.0
"""Points a picture in a table cell leaves free beside the padding: LibreOffice lays a
cell's content out a little narrower than Word does and cuts the right edge of a picture
exactly as wide as Word's room (the heat map's "Critical 20–25" chip lost its last digit)."""


class StoryWriter:
    """Writes flowables into a python-docx document, top level or inside table cells."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.page_break_pending = False
        self._open: list[tuple[int, int]] = []
        """The headings above this point: (the level asked for, the level written), so that a
        sub-heading never skips a level and sub-headings of one section share theirs."""
        self._properties: dict[tuple[Look, bool, str | None, str | None], Any] = {}
        self._formats: dict[tuple[Any, float], Any] = {}
        self._picture_id: int | None = None
        """The id of the last picture written: the document's other parts write none."""
        self._style_ids: dict[tuple[str, Any], str | None] = {}
        self._images: dict[str, tuple[str, Any]] = {}
        """The pictures written, by their SHA-1: (the relationship's id, the image)."""
        self._block_width: Any = None

    # -- entry -------------------------------------------------------------------------------
    def write(self, flowables: Sequence[Flowable]) -> None:
        for flowable in flowables:
            self.flowable(flowable, self.document, FRAME_WIDTH)

    def flowable(self, item: Any, container: Any, width: float) -> None:
        if isinstance(item, (list, tuple)):
            for part in item:
                self.flowable(part, container, width)
        elif isinstance(item, PageBreak):
            if container is self.document:
                self.page_break_pending = True
        elif isinstance(item, OutlineMark):
            if item.word_heading and container is self.document:
                self._heading(item.outline[2] + 1, [Run(xml_text(item.outline[0]), Look())])
        elif isinstance(item, (Spacer, CondPageBreak)):
            return
        elif isinstance(item, (KeepTogether, PTOContainer)):
            # Their content, once: a continuation heading is the PDF's page furniture.
            self.flowable(list(item._content), container, width)
        elif isinstance(item, Paragraph):
            whole = getattr(item, "whole", item)  # a long text cut for the PDF's pages, once
            if whole is not None:
                self.paragraph(whole, container)
        elif isinstance(item, Table):
            self.table(item, container, width)
        elif isinstance(item, RotatedLabel):
            paragraph = self._new_paragraph(container)
            # Two lines of a label fit a narrow column only set tight, with no space after.
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = Pt(float(item.size) * 1.08)
            look = Look(bold=True, color=hex_color(item.color), size=float(item.size))
            runs: list[Run] = []
            for number, line in enumerate(item.lines):
                if number:
                    runs.append(Run("", look, line_break=True))
                runs.append(Run(xml_text(line), look))
            self._add_runs(paragraph, runs, cell=True)
        elif isinstance(item, str):
            paragraph = self._new_paragraph(container)
            self._add_runs(paragraph, [Run(xml_text(item), Look())], cell=True)
        elif isinstance(item, Flowable):
            self.picture(item, container, width)

    # -- paragraphs ----------------------------------------------------------------------------
    def _new_paragraph(self, container: Any) -> Any:
        if container is not self.document:
            paragraphs = container.paragraphs
            # A new cell holds one empty paragraph: fill it rather than leave a blank line.
            # (A paragraph without children is empty: its text need not be read.)
            fresh = len(paragraphs) == 1 and (
                len(paragraphs[0]._p) == 0 or (not paragraphs[0].runs and not paragraphs[0].text)
            )
            if fresh and not getattr(container, "_rrisk_used", False):
                container._rrisk_used = True
                return paragraphs[0]
            return container.add_paragraph()
        # As document.add_paragraph() adds it, before the body's closing section properties,
        # found as its last child: python-docx looks for them from the first child, through
        # every paragraph and table of the document written so far.
        paragraph = WordParagraph(_body_append(container, OxmlElement("w:p")), container._body)
        if self.page_break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.page_break_pending = False
        return paragraph

    def paragraph(self, item: Paragraph, container: Any) -> None:
        style = item.style
        base = _look_of(style)
        runs = parse_markup(item.text, base)
        in_cell = container is not self.document
        level = HEADING_STYLES.get(style.name)
        outlined = isinstance(item, Heading)
        if outlined:
            level = item.outline[2] + 1
        if level is not None and not in_cell:
            written = self._heading_level(level, outlined)
            self._heading(written, [Run(r.text, Look(), r.line_break) for r in runs])
            return
        paragraph = self._new_paragraph(container)
        if style.name in TITLE_STYLES and not in_cell:
            self._style(paragraph._p, TITLE_STYLES[style.name], WD_STYLE_TYPE.PARAGRAPH)
            self._add_runs(paragraph, [Run(r.text, Look(), r.line_break) for r in runs])
            return
        if getattr(item, "bulletText", None) and not in_cell:
            self._style(paragraph._p, "List Bullet", WD_STYLE_TYPE.PARAGRAPH)
        alignment = _ALIGN.get(style.alignment)
        if in_cell:
            space_after = min(8.0, max(1.0, float(style.spaceAfter or 0)))
            self._cell_format(paragraph, alignment if style.alignment != 0 else None, space_after)
            self._add_runs(paragraph, runs, cell=True)
            return
        fmt = paragraph.paragraph_format
        if alignment is not None and style.alignment != 0:
            fmt.alignment = alignment
        if item.getKeepWithNext():
            fmt.keep_with_next = True  # as the PDF keeps it (a group's title with its lines)
        if style.name not in BODY_STYLES:
            fmt.space_after = Pt(max(2.0, float(style.spaceAfter or 0)))
        self._add_runs(paragraph, runs, cell=in_cell or style.name not in BODY_STYLES)

    def _heading(self, level: int, runs: list[Run]) -> None:
        paragraph = self._new_paragraph(self.document)
        self._style(paragraph._p, f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH)
        self._add_runs(paragraph, runs)

    def _style(self, element: Any, name: str, kind: Any) -> None:
        """``element`` (a ``w:p`` or ``w:tbl``) given the style ``name`` as python-docx's
        style setters give it, its id found once per name: each setter looks the style up
        by name and the styles part among the document's relationships, one per picture."""
        key = (name, kind)
        if key not in self._style_ids:
            self._style_ids[key] = self.document.part.get_style_id(self.document.styles[name], kind)
        if kind == WD_STYLE_TYPE.TABLE:
            element.tblStyle_val = self._style_ids[key]
        else:
            element.style = self._style_ids[key]

    def _heading_level(self, level: int, outlined: bool) -> int:
        """The Word level of a heading asked for at ``level``: one below its parent at most
        (a sub-heading straight under a section title is a level 2), the same for siblings;
        an outlined heading (a PDF bookmark) keeps its level."""
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        parent = self._open[-1][1] if self._open else 0
        written = level if outlined else min(level, parent + 1)
        self._open.append((level, written))
        return written

    def _add_runs(self, paragraph: Any, runs: list[Run], cell: bool = False) -> None:
        for index, run in enumerate(runs):
            if run.line_break:
                paragraph.add_run().add_break()
                continue
            # The run as paragraph.add_run(text) and its font's setters write it, its
            # properties copied from the first run of its look: the setters place each
            # property by searching the run for the ones after it, which took half of a
            # large memo's time.
            for text, right_to_left in direction_parts(run.text, index == len(runs) - 1):
                element = paragraph._p.add_r()
                properties = self._run_properties(
                    run.look, cell, east_asian_language(text), right_to_left
                )
                if properties is not None:
                    element.append(deepcopy(properties))
                if text:
                    _RunContentAppender.append_to_run_from_text(element, text)

    def _run_properties(
        self, look: Look, cell: bool, east_asian: str | None, right_to_left: str | None
    ) -> Any:
        """The ``w:rPr`` of a run of ``look`` whose text is in the East Asian language
        ``east_asian`` and, when not None, in the right-to-left language ``right_to_left``
        (None when it has none), made once per look and languages."""
        key = (look, cell, east_asian, right_to_left)
        if key not in self._properties:
            font = Font(OxmlElement("w:r"))
            if look.bold:
                set_bold(font)
            if look.italic:
                font.italic = True
                font.cs_italic = True  # what Word italicises Arabic and Hebrew by
            if look.strike:
                font.strike = True
            if look.superscript:
                font.superscript = True
            if look.subscript:
                font.subscript = True
            if look.color and look.color != _INK:
                font.color.rgb = RGBColor.from_string(look.color)
            if look.size and cell:
                set_size(font, look.size)
            if right_to_left is not None:
                mark_right_to_left(font._element.get_or_add_rPr(), right_to_left)
            if east_asian is not None:
                mark_east_asian(font._element.get_or_add_rPr(), east_asian)
            self._properties[key] = font._element.rPr
        return self._properties[key]

    # -- tables ------------------------------------------------------------------------------
    def table(self, item: Table, container: Any, width: float) -> None:
        rows = item._cellvalues
        if not rows or not rows[0]:
            return
        widths = _column_widths(item, width)
        if container is self.document and (self.page_break_pending or _ends_with_table(container)):
            # Carries the page break; and two tables in a row would merge into one in Word.
            spacer = self._new_paragraph(container)
            spacer.paragraph_format.space_after = Pt(0)
            spacer.paragraph_format.line_spacing = Pt(2)
        if container is self.document:
            _keep_last_paragraph_with_next(container)
        if container is self.document:
            # As document.add_table() adds it, in the width between the margins, read once:
            # python-docx reads it from the last section, found by searching the whole
            # document written so far, and looks for the body's end from its first child.
            if self._block_width is None:
                self._block_width = container._block_width
            element = CT_Tbl.new_tbl(len(rows), len(widths), self._block_width)
            word_table = WordTable(_body_append(container, element), container._body)
        else:
            word_table = container.add_table(rows=len(rows), cols=len(widths))
        _table_width(word_table, sum(widths))
        word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
        word_table.autofit = False
        if item.repeatRows:
            self._style(word_table._tbl, "Table Grid", WD_STYLE_TYPE.TABLE)
        for column, column_width in zip(word_table.columns, widths, strict=False):
            column.width = Pt(column_width)
        spanned = self._merge(item, word_table)
        # The table's cells, row by row (a merged cell repeats), taken once: python-docx's
        # table.cell(r, c) rebuilds this whole list at each call, which made a large table's
        # cost grow with the square of its size.
        grid = word_table._cells
        n_columns = len(widths)
        fills = _fills(item, len(rows), len(widths))
        header_rows = item.repeatRows if isinstance(item.repeatRows, int) else 0
        heights = list(item._argH or [])
        for r, values in enumerate(rows):
            word_row = word_table.rows[r]
            if r < header_rows:
                _repeat_header(word_row)
            if r < len(heights) and isinstance(heights[r], (int, float)):
                word_row.height = Pt(max(1.0, float(heights[r])))
                word_row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            labels = [v for v in values if isinstance(v, RotatedLabel)]
            if labels:
                # Vertical header text needs the height it is set in (Word will not grow it):
                # the longest label's, as the PDF sizes the row (a label is cut with an
                # ellipsis at its cap), not the cap whatever the labels.
                longest = max(label.wrap(0, 0)[1] for label in labels)
                word_row.height = Pt(round(longest * LABEL_ROOM, 1))
                word_row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for c, value in enumerate(values[: len(widths)]):
                cell = grid[r * n_columns + c]
                cell.width = Pt(widths[c])
                if (r, c) in spanned:
                    continue
                fill = fills.get((r, c))
                if fill:
                    _shade(cell, fill)
                if isinstance(value, RotatedLabel):
                    _vertical(cell)
                    _side_margins(cell, LABEL_CELL_MARGIN)
                    # Across the column, as the PDF centres it; read from the bottom up.
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                if isinstance(value, str):
                    self._string_cell(item, r, c, value, cell)
                else:
                    self.flowable(value, cell, widths[c])

    def _string_cell(self, item: Table, r: int, c: int, value: str, cell: Any) -> None:
        if not value:
            return
        style = item._cellStyles[r][c]
        look = Look(
            bold="Bold" in str(style.fontname),
            color=hex_color(style.color),
            size=float(style.fontsize),
        )
        paragraph = self._new_paragraph(cell)
        align = _CELL_ALIGN.get(str(style.alignment).upper())
        self._cell_format(paragraph, None if align is None else _ALIGN[align], 1.0)
        self._add_runs(paragraph, [Run(xml_text(value), look)], cell=True)

    def _cell_format(self, paragraph: Any, alignment: Any, space_after: float) -> None:
        """A new paragraph's alignment (None: left as it is) and space after in points, as
        its paragraph format's setters write them, copied from the first paragraph formatted
        alike: the setters place each property by searching the paragraph's properties for
        the ones after it, for every cell of a table."""
        key = (alignment, space_after)
        if key not in self._formats:
            self._formats[key] = _formatted(OxmlElement("w:p"), alignment, space_after).pPr
        if paragraph._p.pPr is None:
            paragraph._p.insert(0, deepcopy(self._formats[key]))
        else:
            _formatted(paragraph._p, alignment, space_after)

    def _merge(self, item: Table, word_table: Any) -> set[tuple[int, int]]:
        """Merge the spans; return the cells covered by a span (other than its first)."""
        covered: set[tuple[int, int]] = set()
        n_rows, n_cols = len(item._cellvalues), len(word_table.columns)
        for _, start, end in getattr(item, "_spanCmds", []):
            sc, sr = _absolute(start, n_cols, n_rows)
            ec, er = _absolute(end, n_cols, n_rows)
            if (sc, sr) == (ec, er):
                continue
            word_table.cell(sr, sc).merge(word_table.cell(er, ec))
            covered |= {
                (r, c) for r in range(sr, er + 1) for c in range(sc, ec + 1) if (r, c) != (sr, sc)
            }
        return covered

    # -- pictures ------------------------------------------------------------------------------
    def picture(self, item: Flowable, container: Any, width: float) -> None:
        if isinstance(item, Drawing):
            w, h = float(item.width), float(item.height)
        else:
            w, h = item.wrap(width, 10_000)
        if w <= 0 or h <= 0:
            return
        png = flowable_png(item, w, h)

        paragraph = self._new_paragraph(container)
        room = width if container is self.document else width - 2 * CELL_MARGIN - PICTURE_SLACK
        shown = min(w, room)
        # As run.add_picture(png, width) writes it, the picture's id counted here: python-docx
        # finds the next id by reading every id of the document written so far, at each
        # picture (a large memo's 127 charts took a tenth of its time).
        part = paragraph.part
        relationship, image = self._image(part, png)
        width_emu, height_emu = image.scaled_dimensions(Pt(shown), None)
        if self._picture_id is None:
            self._picture_id = part.next_id
        else:
            self._picture_id += 1
        inline = CT_Inline.new_pic_inline(
            self._picture_id, relationship, image.filename, width_emu, height_emu
        )
        paragraph.add_run()._r.add_drawing(inline)
        description = xml_text(str(getattr(item, "description", "") or ""))
        if description:
            # The alternative text Word shows, reads aloud and checks for (its own and the
            # picture's properties, as Word writes both).
            inline.docPr.set("descr", description)
            for properties in inline.iter(qn("pic:cNvPr")):
                properties.set("descr", description)

    def _image(self, part: Any, png: bytes) -> tuple[str, Any]:
        """The relationship's id and the image of ``png`` in the document, added once, as
        part.get_or_add_image() adds it: python-docx finds a picture already added by
        hashing every picture added so far, at each picture."""
        image = Image.from_blob(png)
        if image.sha1 not in self._images:
            image_part = part.package.image_parts._add_image_part(image)
            relationship = part.relate_to(image_part, RELATIONSHIP_TYPE.IMAGE)
            self._images[image.sha1] = (relationship, image_part.image)
        return self._images[image.sha1]


def _body_append(document: Any, element: Any) -> Any:
    """``element`` added at the end of the document's body, before its closing section
    properties (its last child), as python-docx adds a paragraph or a table."""
    body = document.element.body
    last = body[-1] if len(body) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(element)
    else:
        body.append(element)
    return element


def _formatted(element: Any, alignment: Any, space_after: float) -> Any:
    """``element`` (a ``w:p``) given ``space_after`` and ``alignment`` (if not None)."""
    fmt = ParagraphFormat(element)
    fmt.space_after = Pt(space_after)
    if alignment is not None:
        fmt.alignment = alignment
    return element


def _look_of(style: Any) -> Look:
    font = str(style.fontName)
    return Look(
        bold="Bold" in font,
        italic="Italic" in font or "Oblique" in font,
        color=hex_color(style.textColor),
        size=float(style.fontSize),
    )


def _absolute(cell: tuple[int, int], n_cols: int, n_rows: int) -> tuple[int, int]:
    c, r = cell
    return (c + n_cols if c < 0 else c), (r + n_rows if r < 0 else r)


def _column_widths(item: Table, width: float) -> list[float]:
    given = list(item._argW or [])
    if not given:
        return [width]
    known = sum(float(w) for w in given if isinstance(w, (int, float)))
    free = [i for i, w in enumerate(given) if not isinstance(w, (int, float))]
    share = max(20.0, (width - known) / len(free)) if free else 0.0
    return [float(w) if isinstance(w, (int, float)) else share for w in given]


def _fills(item: Table, n_rows: int, n_cols: int) -> dict[tuple[int, int], str]:
    """Cell fills from the table's BACKGROUND / ROWBACKGROUNDS commands, as ``RRGGBB``."""
    fills: dict[tuple[int, int], str] = {}
    for command in getattr(item, "_bkgrndcmds", []):
        op, start, end, arg = command[0], command[1], command[2], command[3]
        sc, sr = _absolute(start, n_cols, n_rows)
        ec, er = _absolute(end, n_cols, n_rows)
        for r in range(sr, min(er, n_rows - 1) + 1):
            for c in range(sc, min(ec, n_cols - 1) + 1):
                if op == "BACKGROUND":
                    color = hex_color(arg)
                elif op == "ROWBACKGROUNDS" and arg:
                    color = hex_color(arg[(r - sr) % len(arg)])
                elif op == "COLBACKGROUNDS" and arg:
                    color = hex_color(arg[(c - sc) % len(arg)])
                else:
                    color = None
                if color and color != "FFFFFF":
                    fills[(r, c)] = color
                elif color == "FFFFFF":
                    fills.pop((r, c), None)
    return fills


def _keep_last_paragraph_with_next(document: Any) -> None:
    """The paragraph just before a table (its heading's last line, an introduction, a
    caption) kept on the page of the table's first row, as the PDF keeps them: Word would
    otherwise leave "Top risks" and its one-line introduction alone at a page's foot."""
    from docx.text.paragraph import Paragraph as WordParagraph

    body = document.element.body
    last = next((child for child in reversed(body) if child.tag != qn("w:sectPr")), None)
    if last is not None and last.tag == qn("w:p"):
        WordParagraph(last, document._body).paragraph_format.keep_with_next = True


def _ends_with_table(document: Any) -> bool:
    body = document.element.body
    last = next((child for child in reversed(body) if child.tag != qn("w:sectPr")), None)
    return last is not None and last.tag == qn("w:tbl")


def _table_width(word_table: Any, width: float) -> None:
    properties = word_table._tbl.tblPr
    width_element = properties.find(qn("w:tblW"))
    if width_element is None:
        width_element = OxmlElement("w:tblW")
        properties.append(width_element)
    width_element.set(qn("w:type"), "dxa")
    width_element.set(qn("w:w"), str(round(width * 20)))
    # The PDF's narrow cell padding (Word's default 5.4 pt per side breaks short headers).
    margins = _margins("w:tblCellMar", CELL_MARGIN)
    layout = properties.find(qn("w:tblLayout"))
    (layout if layout is not None else width_element).addnext(margins)


def _margins(tag: str, points: float) -> Any:
    """A left and right cell margin element (``w:tblCellMar`` or ``w:tcMar``) of ``points``."""
    margins = OxmlElement(tag)
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(points * 20)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    return margins


def _side_margins(cell: Any, points: float) -> None:
    """Narrower left and right margins for one cell (placed where the schema puts tcMar)."""
    properties = cell._tc.get_or_add_tcPr()
    after = [qn(f"w:{name}") for name in ("textDirection", "tcFitText", "vAlign", "hideMark")]
    anchor = next((child for child in properties if child.tag in after), None)
    margins = _margins("w:tcMar", points)
    if anchor is None:
        properties.append(margins)
    else:
        anchor.addprevious(margins)


def _shade(cell: Any, color: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    properties.append(shading)


def _vertical(cell: Any) -> None:
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    cell._tc.get_or_add_tcPr().append(direction)


def _repeat_header(row: Any) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
