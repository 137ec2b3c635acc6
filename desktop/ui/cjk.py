"""Chinese, Japanese and Korean text on screen, in the bundled WenQuanYi Micro Hei.

Where the system has no CJK font (a bare Linux install, a container), such text showed as
empty boxes in every field, list and heading, though the memo printed it. The font the memo
uses (``resources/fonts/wqy-microhei.ttc``) is registered with Qt's font database: Qt then
falls back to it, character by character, for whatever the widget's font lacks, so Latin
text keeps the system's font.

When: once, just after the main window's first paint (:meth:`MainWindow.paintEvent`), not
before it. Registering reads a 5 MB file (~5 ms warm, more from a cold disk): small against
the ~1 s start-up, but paid by every user for a script most never type, and the start is
kept to what the first picture needs. Done right after it, it is in place before anything
can be typed or opened from the window. A document opened on the command line may show its
CJK names as boxes for that first picture: everything is painted again at once (nothing else
would repaint a list or the matrix, whose Korean names kept their boxes on a real screen while
no other change came), the views measure their texts again, and the fields already laid out
(a line or text edit keeps its laid-out glyphs) are laid out again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from rrisk.glyphs import FALLBACK_FONT_FILE, has_cjk

CJK_FAMILY = "WenQuanYi Micro Hei"

_registered: list[str] = []
_attempted: list[bool] = []


def cjk_font_registered() -> bool:
    return bool(_registered)


def cjk_font_attempted() -> bool:
    """Whether the font was registered or found unreadable (then not read again each paint)."""
    return bool(_attempted)


def register_cjk_font() -> str | None:
    """Register the bundled CJK font once (later calls do nothing); returns its family, or
    None when the file cannot be read (the text then shows as the system can, as before).

    What was painted before it is painted again (see :func:`_show_again`)."""
    if _registered:
        return _registered[0]
    if _attempted:
        return None
    _attempted.append(True)
    from rrisk.resources import resource_path

    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", FALLBACK_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    _registered.append(CJK_FAMILY if CJK_FAMILY in families else families[0])
    _show_again()
    return _registered[0]


def _show_again() -> None:
    """Paint again what was painted before the font came, in its glyphs.

    Labels, lists, tables and painted charts lay their text out as they paint, but nothing
    made them paint: the matrix's and the ranking's Korean names (which the system's fallback
    fonts lack, where they have Chinese) stayed boxes until a click repainted a row. The item
    views are told their font changed, so they also measure their texts again (a glyph is
    wider than the box was); fields keep their laid-out text and are laid out again."""
    for widget in QApplication.allWidgets():
        widget.update()
        if isinstance(widget, QAbstractItemView):
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.FontChange))
            continue
        if isinstance(widget, QLineEdit):
            text = widget.text()
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            text = widget.toPlainText()
        elif isinstance(widget, QLabel):
            text = widget.text()  # (a selectable or wrapped one keeps a laid-out document)
        else:
            continue
        if has_cjk(text):
            # A change of font lays a field's text out anew (its font is the same).
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.FontChange))
