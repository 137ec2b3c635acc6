"""A source's URL opened in the browser, when it is a web or e-mail address.

A ``.rrisk`` file comes from whoever made or shared it, and its URLs with it: only ``http``,
``https`` (with a host) and ``mailto`` addresses are handed to the desktop. Any other kind
(``javascript:``, ``file:``, ``data:``, ``smb:``, a program's own scheme) could run something,
open a local file or reach a network share, and is never opened: the button says why.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from desktop.ui.text import plain
from rrisk.text import isolated

WEB_SCHEMES = ("http", "https")
OPENED_SCHEMES = (*WEB_SCHEMES, "mailto")


def openable_url(text: str) -> tuple[QUrl | None, str]:
    """(the address to open, "") for a web or e-mail address; (None, why not) otherwise."""
    typed = text.strip()
    if not typed:
        return None, "No URL given"
    # Tolerant, as a browser's address bar: a pasted space or an unencoded letter is encoded.
    url = QUrl(typed, QUrl.ParsingMode.TolerantMode)
    scheme = url.scheme().lower()
    if not url.isValid() or not scheme:
        return None, "Not opened: the URL does not begin with http://, https:// or mailto:"
    if scheme not in OPENED_SCHEMES:
        return None, (
            f"Not opened: a “{isolated(scheme)}:” address could run a program or open a "
            "file; only web (http, https) and e-mail (mailto) addresses are opened"
        )
    if scheme in WEB_SCHEMES and not url.host():
        return None, "Not opened: the web address names no site after //"
    if scheme == "mailto" and not url.path():
        return None, "Not opened: the e-mail address is empty"
    return url, ""


class OpenLinkButton(QPushButton):
    """The "Open link" button beside a URL field: enabled for an address :func:`openable_url` opens,
    disabled otherwise, its tooltip saying the address or why it is not opened. ``refused``
    is told when the desktop has no program for the address."""

    def __init__(
        self, field: QLineEdit, refused: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__("Open lin&k", parent)
        self.setObjectName("openLinkButton")
        self.field = field
        self._refused = refused
        field.textChanged.connect(self.update_state)  # what is shown is what opens
        # The form puts the stored URL back without a signal (Escape, a refused change) as
        # the key goes through or the field is left: looked at again once it has.
        field.installEventFilter(self)
        self.clicked.connect(self.open_link)
        self.update_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.field and event.type() in (QEvent.Type.KeyPress, QEvent.Type.FocusOut):
            QTimer.singleShot(0, self, self.update_state)  # cancelled with the button
        return super().eventFilter(watched, event)

    def update_state(self, *_args: object) -> None:
        url, problem = openable_url(self.field.text())
        self.setEnabled(url is not None)
        tip = f"Open {url.toDisplayString()} in the browser" if url is not None else problem
        self.setToolTip(plain(tip))
        self.setAccessibleDescription(tip)

    def open_link(self) -> bool:
        """Hand the field's address to the desktop when it is one to open; False otherwise."""
        url, problem = openable_url(self.field.text())
        if url is None:
            self.update_state()
            self._refused(problem)
            return False
        if not QDesktopServices.openUrl(url):
            self._refused(
                f"{url.toDisplayString()} not opened: no browser or mail program opens it"
            )
            return False
        return True
