"""Page furniture of the memo: the document template, running header and "Page X of Y" footer.

"Page X of Y" needs the page count before the pages are written, so the canvas keeps each
finished page's state and paints the header, footer and bookmarks when the document is saved.
Bookmarks are deferred with the page because reportlab ties them to the page being written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from reports import styles as st
from reports.fonts import BOLD, REGULAR
from rrisk.text import isolated

PAGE_SIZE = A4
MEMO_PART = "memo_part"
"""Attribute naming the part of the memo a flowable belongs to (pieces split from a flowable
carry none and belong to the last part named)."""


def tag_part(flowables: list[Flowable], part: str) -> list[Flowable]:
    """Mark ``flowables`` as belonging to ``part`` (unless a finer part is already named)."""
    for flowable in flowables:
        if getattr(flowable, MEMO_PART, None) is None:
            # Through __dict__: drawings refuse attributes they do not declare.
            vars(flowable)[MEMO_PART] = part
    return flowables


class Heading(st.MemoParagraph):
    """A heading that also becomes an entry of the PDF outline (bookmarks)."""

    def __init__(self, text: str, style: Any, outline_title: str, key: str, level: int = 0):
        super().__init__(text, style)
        self.outline = (outline_title, key, level)


class OutlineMark(Flowable):
    """An invisible outline entry at the current position (for a section with no heading).

    ``word_heading``: the Word memo writes the title as a heading of that level, so that its
    navigation and table of contents nest what follows as the PDF's outline does (the PDF's
    per-project pages sit under "Projects", a bookmark with no heading on the page)."""

    def __init__(self, outline_title: str, key: str, level: int = 0, word_heading: bool = False):
        super().__init__()
        self.outline = (outline_title, key, level)
        self.word_heading = word_heading

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class PageFurniture:
    """What every page prints around the frame: header (not on the cover) and footer."""

    def __init__(self, title: str, classification: str, as_of: str, scenario: str):
        """``as_of``: the phrase the header prints, "as of 2025-06-01" (or that the date is
        not stated)."""
        # Drawn straight on the canvas, not through paragraph markup: clean them here.
        self.title = st.printable(title)
        self.classification = st.printable(classification)
        self.as_of = st.printable(as_of)
        self.scenario = st.printable(scenario)

    def paint(self, canvas: Canvas, page: int, total: int) -> None:
        """Draw the running header (after the cover) and the footer of page ``page``."""
        width, height = PAGE_SIZE
        left, right = st.PAGE_MARGIN_X, width - st.PAGE_MARGIN_X
        canvas.saveState()
        if page > 1:
            y = height - 13 * 2.8346
            # User text is shortened to its share of the line; the title takes what is left.
            scenario = st.fit_text(self.scenario, REGULAR, 7.5, (right - left) * 0.3)
            right_text = f"Investment committee memo · {isolated(scenario)} · {self.as_of}"
            canvas.setFont(REGULAR, 7.5)
            canvas.setFillColor(st.MUTED)
            st.draw_text(canvas, right, y, right_text, REGULAR, 7.5, anchor="end")
            room = right - left - st.text_width(right_text, REGULAR, 7.5) - 18
            canvas.setFont(BOLD, 7.5)
            canvas.setFillColor(st.ACCENT)
            st.draw_text(canvas, left, y, st.fit_text(self.title, BOLD, 7.5, room), BOLD, 7.5)
            canvas.setStrokeColor(st.RULE)
            canvas.setLineWidth(0.5)
            canvas.line(left, y - 4, right, y - 4)
        y = 11 * 2.8346
        canvas.setStrokeColor(st.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, y + 9, right, y + 9)
        canvas.setFont(BOLD, 7.5)
        canvas.setFillColor(st.RED_LINE)
        page_text = f"Page {page} of {total}"
        room = right - left - stringWidth(page_text, REGULAR, 7.5) - 18
        classification = st.fit_text(self.classification.upper(), BOLD, 7.5, room)
        st.draw_text(canvas, left, y, classification, BOLD, 7.5)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(st.MUTED)
        canvas.drawRightString(right, y, page_text)
        canvas.restoreState()


class UndatedInfo(PDFInfo):
    """The PDF's document information without the creation and modification dates, for a
    memo without an as-of date: a PDF reader's Document Properties then shows none (reportlab
    always writes both, and with a fixed date the memo read as created on 1 January 2000)."""

    def format(self, document: Any) -> bytes:
        info = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Producer": PDFString(self.producer),
            "Creator": PDFString(self.creator),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Trapped": PDFName(self.trapped),
        }
        return PDFDictionary(info).format(document)


def numbered_canvas_class(furniture: PageFurniture, date_stamp: str | None) -> type[Canvas]:
    """A canvas class that paints ``furniture`` with the final page count on every page,
    dated ``date_stamp`` (a PDF date string; undated when None)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._finished_pages: list[dict[str, Any]] = []
            self._page_bookmarks: list[tuple[str, dict[str, Any]]] = []
            # Fixed dates (the assessment's as-of date) keep the PDF byte-identical.
            if date_stamp is None:
                self._doc.info = UndatedInfo()
            else:
                self.setDateFormatter(lambda *_: date_stamp)

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 - reportlab API
            self._page_bookmarks.append((key, kwargs))

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._finished_pages.append(dict(self.__dict__))
            self._page_bookmarks = []
            self._startPage()

        def save(self) -> None:
            """Paint every page's furniture with the final page count, then write the PDF."""
            total = len(self._finished_pages)
            for number, state in enumerate(self._finished_pages, start=1):
                self.__dict__.update(state)
                furniture.paint(self, number, total)
                for key, kwargs in self._page_bookmarks:
                    Canvas.bookmarkPage(self, key, **kwargs)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class MemoDocTemplate(BaseDocTemplate):
    """One frame per page; outline entries from headings; progress and cancel per flowable."""

    def __init__(
        self,
        output: Any,
        *,
        on_page: Callable[[int], None] | None = None,
        check_cancelled: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            output,
            pagesize=PAGE_SIZE,
            leftMargin=st.PAGE_MARGIN_X,
            rightMargin=st.PAGE_MARGIN_X,
            topMargin=st.PAGE_MARGIN_TOP,
            bottomMargin=st.PAGE_MARGIN_BOTTOM,
            invariant=1,
            # Otherwise the canvas starts in Helvetica and lists it, unembedded, on every page.
            initialFontName=REGULAR,
            **kwargs,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._on_page = on_page
        self._check_cancelled = check_cancelled
        self._flowables_seen = 0
        self.current_part = "the start of the memo"

    def handle_flowable(self, flowables: list[Flowable]) -> None:  # noqa: N802 - reportlab API
        """Remember which part of the memo is being set, for a layout error's message."""
        part = getattr(flowables[0], MEMO_PART, None) if flowables else None
        if part is not None:
            self.current_part = part
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        """Turn headings into outline entries; check for cancellation now and then."""
        outline = getattr(flowable, "outline", None)
        if outline is not None:
            title, key, level = outline
            self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 20)
            self.canv.addOutlineEntry(st.metadata_text(title), key, level=level)
        self._flowables_seen += 1
        if self._check_cancelled is not None and self._flowables_seen % 16 == 0:
            self._check_cancelled()

    def afterPage(self) -> None:  # noqa: N802 - reportlab API
        """Report progress and check for cancellation after every page."""
        if self._on_page is not None:
            self._on_page(self.canv.getPageNumber())
        if self._check_cancelled is not None:
            self._check_cancelled()
