"""A project page that runs onto another page says whose page it is.

The continuation starts with "PROJECT 2 OF 7 (CONTINUED)" and the project's name, so a reader
who opens the memo on that page (or a printed sheet that came loose) knows which project the
tables belong to. reportlab's :class:`PTOContainer` repeats a header at the top of every
continuation of its content, so no change to the page layout is needed.
"""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus.flowables import PTOContainer

from reports import styles as st
from reports.fonts import BOLD
from reports.styles import esc, fit_text, markup, styles

HEADING_ROOM = 470.0
"""Points of heading width a long project name is shortened to (with an ellipsis)."""


def continuation_heading(name: str, position: int, count: int) -> list[Flowable]:
    """The heading of a project page's continuation."""
    s = styles()
    shortened = fit_text(name, BOLD, s.h2.fontSize, HEADING_ROOM - 80)
    return [
        markup(f"PROJECT {position} OF {count} (CONTINUED)", s.kicker),
        st.MemoParagraph(f"{esc(shortened)} (continued)", s.h2),
    ]


def continued_on_next_page(
    content: list[Flowable], name: str, position: int, count: int
) -> Flowable:
    """``content`` that, when split across pages, opens each continuation with the project."""
    return PTOContainer(content, trailer=None, header=continuation_heading(name, position, count))
