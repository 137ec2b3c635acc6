"""User and file text on Qt surfaces that may parse rich text.

Qt guesses whether a string is rich text (``Qt.mightBeRichText``), so a project name, a
quote or a zip member name such as ``<img src=x>`` would be rendered as markup by a tooltip,
a ``QMessageBox`` or a ``QLabel`` left on auto format. Everything that quotes user or file
text goes through one of these helpers, or the widget is set to ``Qt.PlainText``.
"""

from __future__ import annotations

import html
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePath

_LINE_SPACE = re.compile("[ \t\r\n\v\f\x85\u2028\u2029]+")


def single_line(text: str) -> str:
    """A one-line field's text as stored: trimmed, with a pasted line break, tab or run of
    spaces inside made one space ("Anna\nPetrova" is "Anna Petrova"; " 2024 " is "2024")."""
    return _LINE_SPACE.sub(" ", text).strip()


def escape(text: str) -> str:
    """User text made safe to place inside rich-text markup."""
    return html.escape(str(text), quote=False)


def as_rich(markup: str) -> str | None:
    """Mark markup (whose user text is already escaped) as rich text; None when empty."""
    return f"<qt>{markup}</qt>" if markup else None


def plain(text: str) -> str:
    """Plain text (line breaks kept) that every Qt text surface shows literally.

    The result is marked as rich text with the text escaped, so tags and entities in it are
    shown as typed whatever Qt guesses; used for tooltips and ``QMessageBox`` texts.
    """
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"


LEFT_TO_RIGHT_MARK = "\u200e"


def left_to_right(text: str) -> str:
    """``text`` with a left-to-right mark in front when it holds right-to-left letters: a
    line of the app's words that a document sets (a selectable label, a message box) takes
    its direction from its first letter, and one starting with an Arabic or Hebrew name
    turned right to left, set against the right edge, its words out of order. Isolating the
    name (:func:`rrisk.text.isolated`) does not help there: the document does not skip an
    isolate choosing the direction."""
    from rrisk.glyphs import has_right_to_left

    return LEFT_TO_RIGHT_MARK + text if has_right_to_left(text) else text


def app_message(text: str) -> str:
    """A message box's text in the app's words, as :func:`plain` gives it, kept left to right
    whatever name it starts with (:func:`left_to_right`)."""
    return plain(left_to_right(text))


def as_shown(text: str) -> str:
    """A name (a criterion's, a file's) as a menu item or action text shows it: an ``&`` in
    it is doubled, or Qt takes it for an Alt letter ("Ethics & legality" read "Ethics
    _legality"); a tab is a space, or Qt shows what follows it as the item's shortcut (a file
    name may hold one)."""
    return text.replace("&", "&&").replace("\t", " ")


def plain_tooltip(text: str) -> str | None:
    """A tooltip of plain user text; None (no tooltip) when empty."""
    return plain(text) if text else None


def sentence(text: str) -> str:
    """Text starting with a capital (the core's phrases used at the start of a sentence)."""
    return text[:1].upper() + text[1:]


def first_free_name(base: str, taken: Iterable[str]) -> str:
    """``base``, else ``base 2``, ``base 3``…: the first not in ``taken`` (compared as
    scenarios are told apart by name: without regard to case, spacing or the Unicode form of
    an accent, :func:`rrisk.model.name_key`)."""
    from rrisk.model import name_key

    used = {name_key(name) for name in taken}
    name, number = base, 2
    while name_key(name) in used:
        name, number = f"{base} {number}", number + 1
    return name


def folders_told_apart(paths: Iterable[str]) -> dict[str, str]:
    """Each file's folder as a list of files shows it: in full, but for files of one name
    (case.rrisk of two folders) from where their folders part ("…/2024 Q3/Review"), so that
    what tells them apart is not the middle a short line leaves out."""
    paths = list(paths)
    by_name: dict[str, list[PurePath]] = defaultdict(list)
    for text in paths:
        by_name[PurePath(text).name].append(PurePath(text).parent)
    shown: dict[str, str] = {}
    for text in paths:
        folder = PurePath(text).parent
        folders = by_name[PurePath(text).name]
        common = 0
        if len(set(folders)) > 1:
            shortest = min(len(other.parts) for other in folders)
            while common < shortest - 1 and len({f.parts[common] for f in folders}) == 1:
                common += 1
        parts = folder.parts[common:]
        shown[text] = str(folder) if common <= 1 else "…" + os.sep + str(PurePath(*parts))
    return shown
