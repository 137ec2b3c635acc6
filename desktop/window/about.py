"""Help → About: version, licence, and the libraries and fonts RRisk ships with."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import style
from desktop.ui.text import plain
from rrisk import __version__


def _licence() -> str:
    """RRisk's own licence as its package metadata states it."""
    from importlib import metadata

    try:
        fields = metadata.metadata("rrisk")
    except metadata.PackageNotFoundError:
        return "see the project's README"
    for key in ("License-Expression", "License"):
        values = fields.get_all(key) or []
        if values and values[0]:
            return str(values[0])
    return "see the README"


def notices_text() -> str:
    """The third-party notices as plain text: one line per library, then the fonts' licence."""
    from rrisk.notices import font_licence, library_notices

    rows = [(n.name, n.version, n.licence) for n in library_notices()]
    width = max((len(name) for name, _v, _l in rows), default=0)
    lines = [f"{name:<{width}}  {version:<12} {licence}" for name, version, licence in rows]
    return "\n".join(
        ["RRisk includes these libraries:", "", *lines, "", "Fonts:", "", font_licence().strip()]
    )


class AboutDialog(QDialog):
    """The app's icon, name and version, its licence, and the notices it owes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About RRisk")
        icon = QLabel(self)
        icon.setObjectName("aboutIcon")
        icon.setPixmap(style.app_icon().pixmap(64, 64))
        title = style.heading(f"RRisk {__version__}", 1, self)
        title.setObjectName("aboutTitle")
        blurb = QLabel(
            plain(
                "Risk matrices for investments in geopolitically exposed places: graded "
                "evidence, red lines, scenarios and an investment-committee memo.\n\n"
                f"Licence: {_licence()}. Built with Qt for Python {pyside_version}."
            ),
            self,
        )
        blurb.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(icon)
        texts = QVBoxLayout()
        texts.addWidget(title)
        texts.addWidget(blurb)
        head.addLayout(texts, 1)
        self.notices = QPlainTextEdit(self)
        self.notices.setObjectName("aboutNotices")
        self.notices.setReadOnly(True)
        # Name, version and licence line up in columns: a fixed-width font, no wrapping.
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.notices.setPlainText(notices_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        notices_label = style.muted_label("Third-party notices", self)
        notices_label.setBuddy(self.notices)
        self.notices.setAccessibleName("Third-party notices")
        layout.addWidget(notices_label)
        layout.addWidget(self.notices, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 64, 520)
