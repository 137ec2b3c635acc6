"""``build_docx``: the memo as an editable Word document (python-docx).

The same sections, in the same order, as the PDF (:data:`reports.memo.SECTIONS` walked by
:class:`reports.word.story.StoryWriter`), with fields resolved under the same scenario. Page
setup is A4 with the PDF's margins; a header repeats the title, scenario and as-of date, a
footer the classification and "Page X of Y", as the PDF's do.

Determinism: the same document and scenario give the same bytes. python-docx writes each zip
member with the current time and the core properties with whatever they hold, so both are
fixed here: properties dated by the as-of date (undated when none: Word would show a made-up
date as the memo's), zip members re-written with that date (2000-01-01 when none). What
python-docx cannot promise across *versions* of python-docx, Pillow or PDFium is the same
bytes (their XML and PNG encoders may change); within one installation the output is
byte-identical (tested).
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING

from rrisk import __version__
from rrisk.fileformat import atomic_write_bytes
from rrisk.model import Assessment

if TYPE_CHECKING:
    from rrisk.compare import Earlier

Progress = Callable[[int, str], None]


UNDATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
"""The zip members' date when the memo has no as-of date (a zip member must have one)."""


def _as_of_datetime(as_of: str) -> datetime.datetime | None:
    """The core properties' date: noon (UTC) of the as-of date, or None when there is none,
    it is no ISO date or it falls before the year 1000 (Word's W3CDTF dates have four-digit
    years, and the writer would print the year 1 as ``1``). Word shows the date in the
    reader's time zone: noon keeps the as-of day from UTC−12 to UTC+11, where midnight showed
    the day before everywhere west of Greenwich (the Americas: "Created 14/03/2026 20:00" for
    a memo as of 15 March)."""
    try:
        day = datetime.date.fromisoformat(as_of)
    except ValueError:
        return None
    if day.year < 1000:
        return None
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)


def _undated(properties: object) -> None:
    """Core properties without the created and modified dates (the blank document the memo
    starts from carries its own, of 2013): Word's File → Info then shows none rather than a
    date the memo was not written on."""
    from docx.oxml.ns import qn

    element = properties._element  # type: ignore[attr-defined]
    for name in ("dcterms:created", "dcterms:modified"):
        for child in element.findall(qn(name)):
            element.remove(child)


def build_docx(
    document: Assessment,
    scenario: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    since: Assessment | Earlier | None = None,
) -> bytes:
    """The memo as ``.docx`` bytes, for the baseline or the named scenario (id or name);
    ``since`` adds the "Changes since" section as in the PDF."""
    from docx import Document

    from reports.memo import MemoCancelled, compose_story
    from reports.styles import metadata_text
    from reports.word.story import StoryWriter

    def report(percent: int, stage: str) -> None:
        if progress is not None:
            progress(max(0, min(100, percent)), stage)

    context, story = compose_story(
        document,
        scenario,
        progress=report,
        cancelled=cancelled,
        since=since,
        word=True,
    )
    report(70, "Writing the Word document")
    word = Document()
    _page_setup(word)
    _styles(word)
    _current_word(word)
    writer = StoryWriter(word)
    for number, flowable in enumerate(story):
        # A part can take seconds (a large table): Cancel is looked at before each one.
        if cancelled is not None and cancelled():
            raise MemoCancelled("the memo export was cancelled")
        if number % 50 == 0:
            # Most of a large memo's time is spent here (~30 s at 100 × 20): the bar moves.
            report(70 + 28 * number // len(story), "Writing the Word document")
        writer.flowable(flowable, word, writer_width(word))
    doc = context.document
    _furniture(
        word,
        metadata_text(doc.title),
        metadata_text(doc.classification),
        metadata_text(context.scenario_label),
        context.as_of_phrase,
    )
    stamp = _as_of_datetime(doc.as_of)
    properties = word.core_properties
    properties.title = _property(doc.title)
    properties.author = _property(doc.author)
    properties.last_modified_by = _property(doc.author)
    properties.subject = _property(
        " — ".join(
            part
            # The organisation last: a long one must not cut the scenario and date away.
            for part in (
                "Investment committee memo",
                f"scenario: {context.scenario_label}",
                context.as_of_phrase,
                doc.organisation,
            )
            if part
        )
    )
    # The fingerprint first: it must survive the 255-character limit of a property.
    properties.keywords = _property(
        "; ".join(
            part
            for part in (
                f"sha256:{context.fingerprint}",
                metadata_text(doc.classification),
                metadata_text(context.scenario_label),
            )
            if part.strip()
        )
    )
    properties.category = "Investment committee memo"
    properties.comments = f"Written by RRisk {__version__}"
    if stamp is None:
        _undated(properties)
    else:
        properties.created = stamp
        properties.modified = stamp
    properties.revision = 1
    properties.language = LANGUAGE
    buffer = io.BytesIO()
    word.save(buffer)
    report(100, "Done")
    return _fixed_zip(
        buffer.getvalue(), stamp or UNDATED, _app_properties(_property(doc.organisation))
    )


LANGUAGE = "en-GB"
"""The memo's language: its words are British English."""

PROPERTY_MAX = 255
"""python-docx (and Word's dialog) hold at most 255 characters in a core property."""


def _property(text: str) -> str:
    """User text for a core property: one line, XML-safe, cut to the property limit."""
    from reports.styles import metadata_text
    from reports.word.markup import xml_text

    value = xml_text(metadata_text(text))
    return value if len(value) <= PROPERTY_MAX else value[: PROPERTY_MAX - 1].rstrip() + "…"


def writer_width(word: object) -> float:
    """Width of the text frame in points (A4 less 20 mm margins)."""
    return 481.9


WORD_MODE = "15"
"""The Word version the memo's layout is for: 15, Word 2013's, which every later Word keeps."""


def _current_word(word: object) -> None:
    """The document marked as one of today's Word: the blank document the memo starts from
    is marked as Word 2010's, which Word opens in "Compatibility Mode" (so its title bar
    says), offering to convert it."""
    from docx.oxml.ns import qn

    settings = word.settings.element  # type: ignore[attr-defined]
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_MODE)


def _page_setup(word: object) -> None:
    from docx.shared import Mm

    section = word.sections[0]  # type: ignore[attr-defined]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)


def _styles(word: object) -> None:
    """Calibri (Word's own face, with Cyrillic and Greek) at the PDF's sizes, headings in the
    memo's accent colour. The PDF's DejaVu is not assumed installed where Word runs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    from reports.styles import ACCENT
    from reports.word.markup import set_size

    accent = RGBColor.from_string(ACCENT.hexval()[2:].upper())
    styles = word.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    set_size(normal.font, 10)
    normal.paragraph_format.space_after = Pt(5)
    for name, size in (("Heading 1", 17), ("Heading 2", 12.5), ("Heading 3", 10.5)):
        style = styles[name]
        style.font.name = "Calibri"
        set_size(style.font, size)
        style.font.cs_bold = style.font.bold
        style.font.color.rgb = accent
    styles["Title"].font.name = "Calibri"
    styles["Title"].font.color.rgb = accent
    # The text's language, which Word checks the spelling in: the memo's British English
    # (the blank document's American English marked "analyse" and "organisation" misspelt).
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    language = defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        defaults.append(language)  # last, where the schema puts it among these
    language.set(qn("w:val"), LANGUAGE)


def _furniture(word: object, title: str, classification: str, scenario: str, as_of: str) -> None:
    """What the PDF prints around every page: a header with the title, the scenario and the
    as-of date (not on the cover), and a footer with the classification and the page, each on
    one line: long user text is shortened with an ellipsis, as the PDF shortens it. The
    classification has the footer's line to itself, as in the PDF: a marking cut to "FOR
    MEMBERS…" on every page would be a handling risk."""
    from reports.fonts import REGULAR, register_fonts
    from reports.styles import fit_text, text_width
    from reports.word.markup import add_text, set_size, xml_text
    from rrisk.text import isolated

    register_fonts()
    styles = word.styles  # type: ignore[attr-defined]
    set_size(styles["Footer"].font, 8)
    set_size(styles["Header"].font, 8)
    section = word.sections[0]  # type: ignore[attr-defined]
    section.different_first_page_header_footer = True
    # A sixth held back: a reader without Calibri sees a wider font in its place.
    line = writer_width(word) * 5 / 6
    scenario = fit_text(scenario, REGULAR, 8, line * 0.3)
    rest = f"Investment committee memo · {isolated(scenario)} · {as_of}"
    # Measured as it prints: a Chinese scenario's characters are a full em wide, as in the
    # East Asian font Word sets them in (DejaVu's measure, half that, left the title too long).
    title = fit_text(title, REGULAR, 8, line - text_width(f" · {rest}", REGULAR, 8))
    header = " · ".join(part for part in (isolated(title), rest) if part.strip())
    add_text(section.header.paragraphs[0], xml_text(header))
    page = "Page 999 of 999"
    classification = fit_text(
        classification.upper(), REGULAR, 8, line - text_width(f" · {page}", REGULAR, 8)
    )
    footer_text = xml_text(f"{classification} · Page " if classification.strip() else "Page ")
    for footer in (section.footer, section.first_page_footer):
        _footer(footer.paragraphs[0], footer_text)


def _footer(paragraph: object, text: str) -> None:
    """``text`` followed by "X of Y", Word's page and page-count fields."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from reports.word.markup import add_text

    add_text(paragraph, text)
    for index, field in enumerate(("PAGE", "NUMPAGES")):
        if index:
            paragraph.add_run(" of ")  # type: ignore[attr-defined]
        field_run = paragraph.add_run()  # type: ignore[attr-defined]
        for kind, value in (("begin", None), ("instr", field), ("separate", None), ("text", "1")):
            if kind == "instr":
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = f" {value} "
            elif kind == "text":
                element = OxmlElement("w:t")
                element.text = value
            else:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            field_run._r.append(element)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        field_run._r.append(end)


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _app_properties(organisation: str) -> bytes:
    """The package's extended properties naming RRisk as the application (the blank
    document the memo starts from names another program) and the organisation."""
    from xml.sax.saxutils import escape

    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        f"<Application>RRisk {escape(__version__)}</Application>"
        f"<Company>{escape(organisation)}</Company>"
        "</Properties>"
    ).encode()


def _without_thumbnail(relationships: bytes) -> bytes:
    """The package relationships less the thumbnail's: the blank document's preview picture
    (an empty page) is dropped, so a file browser does not show it for the memo."""
    from lxml import etree  # python-docx's own XML library: it keeps the namespaces as read

    root = etree.fromstring(relationships)
    for item in list(root):
        if item.get("Type") == _THUMBNAIL:
            root.remove(item)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fixed_zip(data: bytes, stamp: datetime.datetime, app_properties: bytes) -> bytes:
    """The package re-written with every member dated ``stamp`` (zip dates run from 1980 to
    2107: an as-of date outside is dated at the nearest end), RRisk's extended properties
    and no thumbnail."""
    year = min(2107, max(1980, stamp.year))
    date_time = (year, stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            if info.filename == "_rels/.rels":
                content = _without_thumbnail(content)
            elif info.filename == "docProps/app.xml":
                content = app_properties
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, content)
    return out.getvalue()


def write_docx(
    document: Assessment,
    path: str | os.PathLike[str],
    scenario: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    since: Assessment | Earlier | None = None,
) -> None:
    """Build the Word memo and write it atomically to ``path``."""
    data = build_docx(
        document,
        scenario,
        progress=progress,
        cancelled=cancelled,
        since=since,
    )
    atomic_write_bytes(path, data)
