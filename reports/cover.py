"""The memo's cover: title, subtitle, as-of date, author, organisation, classification,
scenario, scope and the document's fingerprint — always on one page.

Every user text on the cover has a bounded number of lines: a title longer than three lines
at the cover's size is set smaller, and past five lines it is cut with an ellipsis; the
subtitle and each value of the details table are cut likewise. When the title is cut, the
details table opens with a "Title" row holding it in full, so the cover still names the
assessment exactly (the page headers shorten it to one line; the PDF's metadata keep it whole).
The space above the title gives way before the cover would run onto a second page.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from reports import styles as st
from reports.blocks import FULL_WIDTH
from reports.context import MemoContext
from reports.layout import PAGE_SIZE, OutlineMark
from reports.styles import esc, markup, para, styles
from rrisk import palette
from rrisk.text import plural

TITLE_LINES = 3
"""Lines of the title at the cover's full size."""
SMALL_TITLE_LINES = 5
"""Lines of a longer title, set smaller; past them it is cut with an ellipsis."""
SUBTITLE_LINES = 3
DETAIL_LINES = 3
"""Lines of one value of the details table (author, organisation, …)."""
CLASSIFICATION_LINES = 2
_LABEL_WIDTH = 38 * mm
_TOP_SPACE, _LEAST_TOP_SPACE = 62 * mm, 6 * mm
_FRAME_HEIGHT = PAGE_SIZE[1] - st.PAGE_MARGIN_TOP - st.PAGE_MARGIN_BOTTOM


def cover(ctx: MemoContext) -> list[Flowable]:
    """The cover's flowables: one page, whatever the length of its texts."""
    s = styles()
    doc = ctx.document
    classification_style = st.ParagraphStyle("cls", parent=s.kicker, alignment=2)
    classification, _ = fitted(
        doc.classification.upper(),
        classification_style,
        FULL_WIDTH * 0.4,
        CLASSIFICATION_LINES,
        wrap=lambda text: f'<font color="{palette.RED_LINE}"><b>{text}</b></font>',
    )
    top = Table(
        [[markup("INVESTMENT COMMITTEE MEMORANDUM", s.kicker), classification]],
        colWidths=[FULL_WIDTH * 0.6, FULL_WIDTH * 0.4],
    )
    top.setStyle(
        st.table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, st.RULE),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    rule = Table([[""]], colWidths=[36 * mm], rowHeights=[2.2])
    rule.setStyle(st.table_style([("BACKGROUND", (0, 0), (-1, -1), st.ACCENT)]))
    rule.hAlign = "LEFT"
    title, title_cut = cover_title(doc.title)
    body: list[Flowable] = [rule, Spacer(1, 6 * mm), title]
    if doc.subtitle:
        body.append(fitted(doc.subtitle, s.cover_subtitle, FULL_WIDTH, SUBTITLE_LINES)[0])
    body += [Spacer(1, 16 * mm), _details(ctx, title_cut)]
    # The space above the title is what gives way to long texts.
    used = sum(item.wrap(FULL_WIDTH, _FRAME_HEIGHT)[1] for item in [top, *body])
    used += sum(_space_of(item) for item in body)
    top_space = max(_LEAST_TOP_SPACE, min(_TOP_SPACE, _FRAME_HEIGHT - used - 2 * mm))
    return [OutlineMark("Cover", "cover"), top, Spacer(1, top_space), *body]


def cover_title(title: str) -> tuple[Paragraph, bool]:
    """The title's paragraph, at the full size when it fits its lines, else smaller and
    cut with an ellipsis past :data:`SMALL_TITLE_LINES`; and whether it was cut."""
    s = styles()
    paragraph, cut = fitted(title, s.cover_title, FULL_WIDTH, TITLE_LINES)
    if not cut:
        return paragraph, False
    # Named as the full-size style: the Word memo sets both in its Title style.
    small = st.ParagraphStyle("cover_title", parent=s.cover_title, fontSize=18, leading=22)
    return fitted(title, small, FULL_WIDTH, SMALL_TITLE_LINES)


def fitted(
    text: str,
    style: st.ParagraphStyle,
    width: float,
    lines: int,
    wrap: Callable[[str], str] | None = None,
) -> tuple[Paragraph, bool]:
    """A paragraph of user ``text`` in at most ``lines`` lines of ``width``, cut at a word
    (or, for one long word, a character) with an ellipsis when longer; and whether it was cut.

    ``wrap`` turns the escaped text into the paragraph's markup (a font tag around it)."""

    def build(value: str) -> Paragraph:
        escaped = esc(value)
        return markup(wrap(escaped), style) if wrap is not None else para(value, style)

    def fits(paragraph: Paragraph) -> bool:
        return paragraph.wrap(width, _FRAME_HEIGHT)[1] <= lines * style.leading + 0.5

    whole = build(text)
    if fits(whole):
        return whole, False
    text = st.printable(text)
    # The longest start that fits with an ellipsis: a binary search over its length.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(build(text[:middle].rstrip() + "…")):
            low = middle
        else:
            high = middle - 1
    start = text[:low]
    # Back to the last word boundary, unless that would throw most of the line away.
    boundary = start.rstrip().rfind(" ")
    if boundary > low * 0.8:
        start = start[:boundary]
    return build(start.rstrip() + "…"), True


def _details(ctx: MemoContext, title_cut: bool) -> Table:
    s = styles()
    doc = ctx.document
    label = st.ParagraphStyle("cover_label", parent=s.cell_muted, fontSize=8.2, leading=11)
    value = st.ParagraphStyle("cover_value", parent=s.cell, fontSize=9.6, leading=12.5)
    value_width = FULL_WIDTH - _LABEL_WIDTH
    padding = 4.0  # the cells' right padding (set below): the text has that much less room

    def user(text: str) -> Paragraph:
        return fitted(text or "—", value, value_width - padding, DETAIL_LINES)[0]

    rows: list[tuple[str, Paragraph]] = []
    if title_cut:
        rows.append(("Title", para(doc.title, value)))
    rows += [
        ("As of", para(ctx.as_of_label, value)),
        ("Prepared by", user(doc.author)),
        ("Organisation", user(doc.organisation)),
        ("Classification", user(doc.classification)),
        ("Scenario", user(ctx.scenario_label)),
        (
            "Scope",
            markup(
                f"{plural(len(doc.projects), 'project')} · "
                f"{plural(len(doc.criteria), 'criterion', 'criteria')} · "
                f"{plural(len(doc.sources), 'source')} · {plural(len(doc.scenarios), 'scenario')}",
                value,
            ),
        ),
        (
            "Document fingerprint",
            markup(
                f'<font size="8.4">{ctx.fingerprint}</font><br/><font size="7.4" '
                f'color="{palette.MUTED}">SHA-256 of the assessment\'s content; any change to '
                "the assessment changes it.</font>",
                value,
            ),
        ),
    ]
    if ctx.comparison is not None:  # (the comparison's wording is loaded for it alone)
        from reports.sections_changes import cover_rows

        rows += ((k, markup(v, value)) for k, v in cover_rows(ctx))
    boxes = unprintable_note(ctx)
    if boxes:
        rows.append(("Not printable", fitted(boxes, value, value_width - padding, 6)[0]))
    details = Table(
        [[markup(k, label), v] for k, v in rows],
        colWidths=[_LABEL_WIDTH, value_width],
    )
    details.setStyle(
        st.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, st.RULE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.35, st.HAIRLINE),
            ]
        )
    )
    return details


def unprintable_note(ctx: MemoContext) -> str:
    """What this PDF prints as empty boxes and where, for the cover ("Myanmar letters print
    as empty boxes in the title, criterion C5 and project “Pangwa” …"), or "" when nothing.
    Of the Word memo, whose text Word sets in its own fonts, the names its charts draw: they
    are pictures, drawn in the PDF's fonts.

    Scripts whose letters the memo's fonts lack (Myanmar, Thai, Devanagari, Khmer, …) are not
    drawn: a font alone would not do, since reportlab does not shape them (Myanmar's vowel
    sign E, typed after its consonant, is drawn before it; stacked consonants and marks need
    the font's shaping tables), and a name printed misspelt would mislead where boxes do not.
    The cover says so, so that a reader of the memo alone knows a name is missing."""
    from rrisk.check_print import PDF, WORD, unprintable
    from rrisk.glyphs import scripts_of
    from rrisk.text import isolated, listed

    found = unprintable(ctx.document, WORD if ctx.word else PDF)
    if not found:
        return ""
    codes = ctx.criterion_codes
    names = ctx.project_names
    places: list[str] = []
    criteria: list[str] = []
    projects: list[str] = []
    scenarios: list[str] = []
    sources = cells = 0
    by_id = {s.id: s.name for s in ctx.document.scenarios}
    for target, _ in found:
        kind = target["kind"]
        if kind == "document":
            places.append(f"the {target['field'].replace('_', ' ')}")
        elif kind == "text":
            places.append(f"the {target['key']}")
        elif kind == "screening":
            places.append("the screening record")
        elif kind == "criterion":
            criteria.append(codes.get(target["id"], target["id"]))
        elif kind == "project":
            # Isolated: two Arabic or Hebrew names side by side would read as one phrase.
            projects.append(f"“{isolated(names.get(target['id'], target['id']))}”")
        elif kind == "scenario":
            scenarios.append(f"“{isolated(by_id.get(target['id'], target['id']))}”")
        elif kind == "source":
            sources += 1
        else:
            cells += 1
    for noun, plural_noun, items in (
        ("criterion", "criteria", criteria),
        ("project", "projects", projects),
        ("scenario", "scenarios", scenarios),
    ):
        if len(items) == 1:
            places.append(f"{noun} {items[0]}")
        elif items:
            places.append(f"{len(items):,} {plural_noun} ({listed(items, 3)})")
    if sources:
        places.append(plural(sources, "source"))
    if cells:
        places.append(f"the cell texts of {plural(cells, 'project')}")
    what = scripts_of("".join(dict.fromkeys("".join(chars for _, chars in found))))
    what = f"{what[0].upper()}{what[1:]}"
    if ctx.word:
        return (
            f"{what} print as empty boxes where the charts draw the names of {listed(places)}: "
            "the charts are pictures, drawn in fonts that lack them. The text elsewhere is set "
            "in Word's fonts, and the assessment holds it as written."
        )
    return (
        f"{what} print as empty boxes in {listed(places)}: this PDF's "
        "fonts cannot draw them. The assessment holds the text as written, and the Word memo "
        "sets it in Word's fonts."
    )


def _space_of(item: Flowable) -> float:
    """The space a paragraph's style keeps before and after it on the page."""
    style = getattr(item, "style", None)
    return float(getattr(style, "spaceBefore", 0) + getattr(style, "spaceAfter", 0)) if style else 0
