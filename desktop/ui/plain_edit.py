"""Plain text edits that give back exactly the text they were given.

``QPlainTextEdit`` keeps its text as blocks: ``setPlainText`` turns ``\\r\\n``, a lone ``\\r``
and U+2029 into block breaks, and ``toPlainText()`` gives each break back as ``\\n`` and every
no-break space (U+00A0) as a plain space. A field read back with ``toPlainText()`` differed from
the file's text it was filled with (a rationale imported from a workbook with Windows line
breaks, a figure with a no-break space) although nobody typed, and the field's commit on
focus-out changed the document. So:

* :func:`edit_text` reads the text as the editor holds it: no-break spaces and U+2028 kept,
  a block break as ``\\n``;
* :class:`KeptText` gives back the very text it was given for as long as the editor holds that
  text (as Qt holds it): a field that was only visited changes nothing. Once the user types,
  the field stores what it then holds, its line breaks as ``\\n``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit


def edit_text(edit: QPlainTextEdit) -> str:
    """The text ``edit`` holds, no-break spaces included (``toPlainText`` makes them spaces)."""
    return edit.document().toRawText().replace("\u2029", "\n")


def as_held(text: str) -> str:
    """``text`` as :func:`edit_text` reads it back after ``setPlainText(text)``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")


class KeptText:
    """Mixin for a ``QPlainTextEdit``: remembers the text it was given (:meth:`keep_given`)
    and maps what it holds back to that text while the two are the same (:meth:`kept`)."""

    _given = ""
    _given_held = ""

    def keep_given(self, text: str) -> None:
        self._given = text
        self._given_held = as_held(text)

    def kept(self, held: str) -> str:
        """``held`` (what the editor holds), or the text given when that is what it holds."""
        return self._given if held == self._given_held else held
