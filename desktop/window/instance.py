"""One running app per user: a second launch hands its file to the running window and ends.

The running app listens on a local socket named for the user (QLocalServer: a named pipe on
Windows, a socket file elsewhere). A new launch first tries to connect; if it can, it sends
the file it was asked to open (or nothing, meaning "come to the front") and exits. If nobody
answers, a socket left by a crashed instance is removed and this launch becomes the one that
listens. ``RRISK_NEW_INSTANCE=1`` skips all of this (tests, benchmarks, a second window on
purpose). The message is one line of UTF-8: ``open <absolute path>`` or ``show``; anything
else, or more than 64 KB, is ignored.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 1_000
MAX_MESSAGE = 64 * 1024
SKIP_ENV = "RRISK_NEW_INSTANCE"


def server_name() -> str:
    """A name per user (and per data folder, so isolated runs do not meet)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    salt = os.environ.get("RRISK_DATA_DIR", "") + os.environ.get("XDG_CONFIG_HOME", "")
    digest = hashlib.sha256(f"{user}|{salt}".encode()).hexdigest()[:16]
    return f"rrisk-{digest}"


def hand_over(path: str | None, name: str | None = None) -> bool:
    """Send ``path`` (or "show") to a running instance; True when one took it."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = f"open {os.path.abspath(path)}" if path else "show"
    socket.write(message.encode("utf-8") + b"\n")
    socket.flush()  # writes what it can now; wait only for what is left
    delivered = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return delivered


class InstanceServer(QObject):
    """Listens for later launches and passes what they ask for to ``on_open``/``on_show``."""

    def __init__(
        self,
        on_open: Callable[[str], object],
        on_show: Callable[[], None],
        parent: QObject | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_open, self._on_show = on_open, on_show
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self.name):
            # A socket file left by a crashed instance: nobody answered, so take it over.
            QLocalServer.removeServer(self.name)
            self._server.listen(self.name)
        self._server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if socket.bytesAvailable() > MAX_MESSAGE:
            socket.abort()
            return
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
        if line.startswith("open "):
            self._on_open(line[5:])
        elif line == "show":
            self._on_show()


class FileOpenEvents(QObject):
    """macOS opens documents with a FileOpen event, possibly before any window exists: paths
    are queued until :meth:`deliver_to` names where they go (then in arrival order)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending: list[str] = []
        self._handler: Callable[[str], object] | None = None

    def deliver_to(self, handler: Callable[[str], object]) -> None:
        self._handler = handler
        pending, self.pending = self.pending, []
        for path in pending:
            handler(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                if self._handler is None:
                    self.pending.append(path)
                else:
                    self._handler(path)
                return True
        return super().eventFilter(watched, event)
