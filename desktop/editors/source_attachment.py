"""The Sources editor's attached file: its name and size, and Attach, Replace, Remove, Save
as and Open.

Every change is one undo step of the controller (:mod:`desktop.document.attachment_edits`).
A file from a ``.rrisk`` file comes from whoever made or shared it: Open says so, copies it
to a private temporary folder (read-only, no executable bit) and hands it to the desktop's
default application; a kind that runs as a program is not opened at all.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.editors.common import MessageLabel, attempt
from desktop.settings import Settings
from desktop.ui.fitting import fitted_tip
from desktop.ui.left_to_right_label import LeftToRightLabel
from desktop.ui.text import app_message
from rrisk.attachments import limit_problem, program_kind, size_words
from rrisk.fileformat import MAX_ATTACHMENT_BYTES
from rrisk.filenames import usable_name
from rrisk.outputs import same_file
from rrisk.tempfiles import atomic_write_bytes
from rrisk.text import isolated

if TYPE_CHECKING:
    from desktop.document.controller import DocumentController

FOLDER_PURPOSE = "attachments"
"""The last folder a file was attached from or saved to (:meth:`Settings.last_folder`)."""

OPENED_PREFIX = "rrisk-opened-"
_OPENED_FOLDER = re.compile(re.escape(OPENED_PREFIX) + r"[a-z0-9_]{8}")
"""A folder :func:`private_folder` makes (``tempfile.mkdtemp`` adds 8 such characters)."""
STALE_SECONDS = 24 * 60 * 60
"""How long a run's folder of opened copies stays untouched before a later run removes it."""
OWNER_FILE = "owner.pid"
"""In a run's folder of opened copies: the process id of the run that made it."""

_private_root: Path | None = None


def private_folder() -> Path:
    """A new folder only this user can read, for one opened attachment: under one folder
    made for this run of the app and removed when it ends. The first one of a run also
    removes what earlier runs left (:func:`remove_stale_copies`)."""
    global _private_root
    if _private_root is None:
        remove_stale_copies()
    if _private_root is None or not _private_root.is_dir():
        _private_root = Path(tempfile.mkdtemp(prefix=OPENED_PREFIX))  # mode 0700
        atexit.register(remove_tree, _private_root)
        # So that another run leaves it while this one runs (remove_stale_copies).
        with contextlib.suppress(OSError):
            (_private_root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return Path(tempfile.mkdtemp(dir=_private_root))


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` and what it holds, read-only copies too (Windows refuses to delete
    a read-only file: it is made writable first); what cannot be removed stays."""

    def writable_then_again(function: Callable[[str], Any], path: str, _error: Any) -> None:
        if function not in (os.unlink, os.rmdir):
            return  # a folder that could not be listed or opened: it stays, its files with it
        try:
            os.chmod(path, stat.S_IWRITE | stat.S_IREAD | stat.S_IEXEC)
            function(path)
        except OSError:
            pass  # in use (a viewer holds it open on Windows): left for a later run

    if sys.version_info >= (3, 12):  # (onerror is deprecated there)
        shutil.rmtree(folder, onexc=writable_then_again)
    else:
        shutil.rmtree(folder, onerror=writable_then_again)


def remove_stale_copies(now: float | None = None) -> int:
    """Remove the folders of opened copies that earlier runs left behind (a run that
    crashed never removed its own): only folders named as :func:`private_folder` names them,
    this user's, untouched for :data:`STALE_SECONDS`; never anything else. How many such
    folders were found."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return 0
    for entry in entries:
        if not _OPENED_FOLDER.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)  # a link of that name is not one of ours
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or now - info.st_mtime < STALE_SECONDS:
            continue
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            continue  # another user's: never touched
        if _run_still_running(Path(entry.path)):
            continue  # a run of RRisk still open, a day without opening a file
        remove_tree(Path(entry.path))
        removed += 1
    return removed


def _run_still_running(folder: Path) -> bool:
    """Whether the run that made ``folder`` still runs: the process its :data:`OWNER_FILE`
    names is alive (on POSIX systems; a process id used again since keeps the folder, the
    safe side). Elsewhere, and for a folder without the file, the folder's age alone decides
    (Windows does not delete a copy a viewer still holds open)."""
    if os.name != "posix":
        return False
    try:
        pid = int((folder / OWNER_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)  # signal 0: nothing is sent, the process is only looked up
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, but not ours to signal
    return True


def save_copy(
    parent: QWidget, name: str, content: bytes, title: str, own: Path | None
) -> tuple[bool, str]:
    """Ask where to save a copy of the attached file ``name`` and write it there
    (atomically; asking before it replaces a file, never over ``own``, the assessment's
    file): (saved, why it was not, or '')."""
    settings = Settings()
    # 'CON.txt' (a file from elsewhere may name one so) is the console device on Windows.
    suggestion = str(Path(settings.last_folder(FOLDER_PURPOSE)) / usable_name(name))
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        title,
        suggestion,
        # Asked below, in words of its own, however the dialog was made.
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not path:
        return False, ""
    target = Path(path)
    if target.is_dir():
        return False, f"“{name}” not saved: {target} is a folder; give a file name"
    if own is not None and same_file(target, own):  # or a link to it
        return False, f"“{name}” not saved: {target} is the assessment itself; choose another file"
    if target.exists():
        answer = QMessageBox.question(
            parent,
            "Save attached file",
            app_message(f"{target.name} already exists in {target.parent}.\n\nReplace it?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False, ""
    try:
        atomic_write_bytes(target, content)
    except Exception as error:  # OSError, or the refusal of a read-only file
        return False, f"“{name}” not saved to {target}: {error}"
    settings.set_last_folder(target, FOLDER_PURPOSE)
    return True, ""


SIZE_APART = "  ·  "
"""Between the attached file's name and its size on the form."""


class AttachedName(LeftToRightLabel):
    """The attached file's name and size on one line: a name too long for the line leaves out
    its middle (the start and the extension stay), the size always shows, and the tooltip
    has the name whole. A right-to-left name (Arabic, Hebrew) is set apart from the size: it
    turned the whole line right-to-left, and its ".pdf" and the size came out in front of it.
    (A long name without spaces, wrapped, could not break and made the form wider than the
    window.)

    The line is selectable by mouse and keyboard. A selection over the cut middle ("…")
    copies the name whole (it is what was meant: the cut text names no file), and the
    context menu's Copy Name copies it whole whatever is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("none", parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._name: str | None = None
        self._size = ""
        self._cut = False
        """The name is shown with its middle left out."""

    def copied_text(self) -> str:
        """What a copy of the selection gives: the selection as shown, without the marks
        that keep the line left to right and set a right-to-left name apart, or the name
        whole when the selection takes in its cut middle."""
        if self._name is not None and self._cut and "\u2026" in self.selectedText():
            return self._name
        return super().copied_text()

    def copy_name(self) -> None:
        if self._name is not None:
            QGuiApplication.clipboard().setText(self._name)

    def add_actions(self, menu: QMenu) -> None:
        name = menu.addAction("Copy Name", self.copy_name)
        name.setEnabled(self._name is not None)

    def show_name(self, name: str | None, size: str) -> None:
        """Show ``name`` with ``size`` (words, or "" when unknown); None shows "none"."""
        self._name, self._size = name, size
        self.setToolTip(
            ""
            if name is None
            else fitted_tip(
                f"{isolated(name)}{SIZE_APART + size if size else ''}\n"
                f"Stored in the .rrisk file under attachments/{isolated(name)}"
            )
        )
        self.setAccessibleName("Attached file: " + (name or "none"))
        self._fit()

    def _fit(self) -> None:
        if self._name is None:
            self._cut = False
            self.setText("none")
            return
        metrics = self.fontMetrics()
        tail = SIZE_APART + self._size if self._size else ""
        room = max(self.contentsRect().width() - metrics.horizontalAdvance(tail), 0)
        name = self._name
        if metrics.horizontalAdvance(isolated(name)) > room:
            name = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room)
        self._cut = name != self._name
        self.setText(isolated(name) + tail)

    def minimumSizeHint(self) -> QSize:
        # However long the name, the form may be as narrow as its buttons: the name elides.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 12), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 60), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Cut for the old font, a larger one (the desktop's text scaled while the window
            # is open) drew the line past the label and cut off the size at its end.
            self._fit()


class AttachmentRow(QWidget):
    """The attached file of the source ``current`` returns, and what can be done with it."""

    def __init__(
        self,
        controller: DocumentController,
        current: Callable[[], Any],
        message: MessageLabel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._current = current
        self._message = message
        self.setObjectName("sourceAttachment")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.label = AttachedName(self)
        self.label.setObjectName("sourceAttachmentName")
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.attach_button = self._button(
            "Attach file…", "attachFileButton", "Attach a file to this source", self.attach
        )
        self.open_button = self._button(
            "Open", "openAttachmentButton", "Open a copy with your default application", self.open
        )
        self.save_button = self._button(
            "Save attachment as…",
            "saveAttachmentButton",
            "Save a copy of the attached file",
            self.save_as,
        )
        self.replace_button = self._button(
            "Replace…", "replaceAttachmentButton", "Attach another file in its place", self.attach
        )
        self.remove_button = self._button(
            "Remove attachment",
            "removeAttachmentButton",
            "Take the file away from this source (and from the .rrisk file)",
            self.remove,
        )
        for button in (
            self.attach_button,
            self.open_button,
            self.save_button,
            self.replace_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda *_: slot())
        return button

    def load(self, source: Any) -> None:
        """Show the attached file of ``source`` (None: no source selected)."""
        name = source.attachment if source is not None else None
        data = self.controller.attachments.get(name) if name is not None else None
        self.label.show_name(name, size_words(len(data)) if data is not None else "")
        has = name is not None
        buttons = (
            self.attach_button,
            self.open_button,
            self.save_button,
            self.replace_button,
            self.remove_button,
        )
        focused = next((button for button in buttons if button.hasFocus()), None)
        self.attach_button.setVisible(not has)
        for button in buttons[1:]:
            button.setVisible(has)
        if focused is not None and focused.isHidden():
            # Attach file… or Remove attachment pressed from the keyboard went as the row
            # changed, and the focus went on to the cell inspector's Likelihood, where the
            # next keys changed a score: it stays in the row, on its first button.
            first = next(button for button in buttons if not button.isHidden())
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions -------------------------------------------------------------------------
    def _refused(self, message: str) -> None:
        self._message.show_error(message)

    def attach(self) -> bool:
        """Ask for a file and attach it (in place of the one there), one undo step."""
        source = self._current()
        if source is None:
            return False
        settings = Settings()
        verb = "Replace the file attached to" if source.attachment else "Attach a file to"
        path, _filter = QFileDialog.getOpenFileName(
            self, f"{verb} “{source.title}”", settings.last_folder(FOLDER_PURPOSE)
        )
        if not path:
            return False
        file = Path(path)
        content = self._read(file, source)
        if content is None:
            return False
        settings.set_last_folder(file, FOLDER_PURPOSE)
        accepted, message = attempt(
            self.controller, lambda: self.controller.attach_file(source.id, file.name, content)
        )
        if not accepted:
            self._refused(message)
            return False
        self._message.clear_error()
        return True

    def _read(self, file: Path, source: Any) -> bytes | None:
        """The bytes of ``file``, or None after saying why it cannot be attached (checked
        before reading it whole: a 4 GB video is not read to be refused)."""
        start = f"“{file.name}” not attached to “{source.title}”"
        try:
            if file.is_dir():
                self._refused(f"{start}: it is a folder; choose a file")
                return None
            if not file.is_file():  # a pipe would be read for ever, a device without end
                self._refused(f"{start}: it is not a regular file (a device or a pipe)")
                return None
            size = file.stat().st_size
        except OSError as error:
            self._refused(f"{start}: it could not be read ({error.strerror or error})")
            return None
        replacing = source.attachment
        problem = limit_problem(size, self.controller.attachments, replacing)
        if problem:
            self._refused(f"{start}: {problem}")
            return None
        try:
            with open(file, "rb") as handle:
                content = handle.read(MAX_ATTACHMENT_BYTES + 1)
        except OSError as error:
            self._refused(f"{start}: it could not be read ({error.strerror or error})")
            return None
        return content

    def remove(self) -> bool:
        """Take the attached file away, one undo step."""
        source = self._current()
        if source is None or source.attachment is None:
            return False
        accepted, message = attempt(
            self.controller, lambda: self.controller.remove_attachment(source.id)
        )
        if not accepted:
            self._refused(message)
        return accepted

    def save_as(self) -> bool:
        """Write a copy of the attached file where the user says (atomically; asking before
        it replaces a file)."""
        source = self._current()
        if source is None or source.attachment is None:
            return False
        name = source.attachment
        title = f"Save the file attached to “{source.title}”"
        content = self.controller.attachments[name]
        saved, refusal = save_copy(self, name, content, title, self.controller.path)
        if refusal:
            self._refused(refusal)
        elif saved:
            self._message.clear_error()
        return saved

    def open(self) -> bool:
        """Say where the file comes from, then open a private copy with the default
        application; a program is refused."""
        source = self._current()
        if source is None or source.attachment is None:
            return False
        name = source.attachment
        content = self.controller.attachments[name]
        kind = program_kind(name, content)
        if kind is not None:
            QMessageBox.warning(
                self,
                "Open attached file",
                app_message(
                    f"“{name}” is not opened: it is {kind}, and a file attached to a .rrisk "
                    "file comes from whoever made or shared that file. Opened, it could run "
                    "on this computer with your rights.\n\n"
                    "Use Save attachment as… to keep a copy, and check it before you trust it."
                ),
            )
            return False
        path = self.controller.path
        origin = f"the file {path.name}" if path is not None else "this assessment"
        answer = QMessageBox.question(
            self,
            "Open attached file",
            app_message(
                f"“{name}” is attached to the source “{source.title}” in {origin}. It comes "
                "from whoever made or shared that file, not from RRisk: open it only if you "
                "trust them.\n\n"
                "A read-only copy is put in a private temporary folder and opened with your "
                "default application for this kind of file. Changes to that copy are not "
                "kept in the assessment.\n\nOpen it?"
            ),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Open:
            return False
        try:
            # A file from elsewhere may name its attachment 'CON.txt', which on Windows is
            # the console device: such a name is opened as the app would store it.
            copy = private_folder() / usable_name(name)
            descriptor = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
            os.chmod(copy, 0o400)
        except OSError as error:
            self._refused(f"“{name}” not opened: no private copy could be made ({error})")
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            self._refused(
                f"“{name}” not opened: no application on this computer opens it "
                f"(a copy is in {copy.parent}; Save attachment as… keeps one)"
            )
            return False
        self._message.clear_error()
        return True
