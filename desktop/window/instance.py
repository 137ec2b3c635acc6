"""One running app per user: a second launch hands its file to the running window and ends.

The running app listens on a local socket named for the user (QLocalServer: a named pipe on
Windows, a socket file elsewhere). A new launch first tries to connect; if it can, it sends
the file it was asked to open (or nothing, meaning "come to the front") and ends once the
running app answers ``ok``. If nobody answers, a socket left by a crashed instance is removed
and this launch becomes the one that listens. ``RRISK_NEW_INSTANCE=1`` skips all of this
(tests, benchmarks, a second window on purpose).

The message is one line of UTF-8: ``open "<path as a JSON string>"`` (so a name ending in a
space or holding a line break arrives whole; the older ``open <path>`` is still read) or
``show``; anything else, or more than 64 KB, is ignored. The running app answers ``ok`` as
soon as it has read the line, before it opens anything (an open may ask a question first).

Two launches at once (a file manager opening two selected files starts one process per file)
both find nobody listening. The app therefore listens before it builds its window; the launch
that finds the name taken hands its file to the one that took it, instead of removing its
socket and listening beside it. A running app that does not answer (hung, stopped) keeps its
socket: the new launch opens its file in a window of its own rather than nowhere.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 1_000
ANSWER_MS = 5_000
"""How long a launch waits for the running app's ``ok``: long enough for an app still
starting (its window not yet built) in a launch race, short enough for a hung one."""
MAX_MESSAGE = 64 * 1024
SKIP_ENV = "RRISK_NEW_INSTANCE"
ANSWER = b"ok\n"


def server_name() -> str:
    """A name per user (and per data folder, so isolated runs do not meet)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    salt = os.environ.get("RRISK_DATA_DIR", "") + os.environ.get("XDG_CONFIG_HOME", "")
    digest = hashlib.sha256(f"{user}|{salt}".encode()).hexdigest()[:16]
    return f"rrisk-{digest}"


def message_for(path: str | None) -> bytes:
    """The line a launch sends for ``path`` (None: come to the front)."""
    if not path:
        return b"show\n"
    # ASCII escapes: a name that is not UTF-8 (kept by Python as surrogates) goes too.
    return ("open " + json.dumps(os.path.abspath(path))).encode("ascii") + b"\n"


def read_message(line: bytes) -> tuple[str, str] | None:
    """("open", path) or ("show", ""), from one line; None for anything else."""
    text = line.decode("utf-8", "replace").rstrip("\r\n")
    if text == "show":
        return "show", ""
    if not text.startswith("open "):
        return None
    rest = text[5:]
    if rest.startswith('"'):
        try:
            path = json.loads(rest)
        except ValueError:
            return None
        return ("open", path) if isinstance(path, str) and path else None
    return ("open", rest) if rest else None


def _wait_for_line(socket: QLocalSocket, milliseconds: int) -> bytes:
    """The first line the other side sends within ``milliseconds`` (b"" if none). Events go
    on meanwhile, so a server in this same process (the tests) can answer."""
    if not socket.canReadLine():
        loop = QEventLoop()
        timer = QTimer(loop)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        socket.readyRead.connect(loop.quit)
        socket.disconnected.connect(loop.quit)
        timer.start(milliseconds)
        try:
            while not socket.canReadLine() and timer.isActive() and socket.isOpen():
                loop.exec()
        finally:
            timer.stop()
            socket.readyRead.disconnect(loop.quit)
            socket.disconnected.disconnect(loop.quit)
    return bytes(socket.readLine().data()) if socket.canReadLine() else b""


TAKEN, NOBODY, SILENT = "taken", "nobody", "silent"


def send(path: str | None, name: str | None = None, answer_ms: int = ANSWER_MS) -> str:
    """Send ``path`` (or "show") to a running instance: :data:`TAKEN` when one answered that
    it took it, :data:`NOBODY` when none listens, :data:`SILENT` when one listens but did not
    answer in time (hung or stopped: the launch opens the file itself, and the app, should it
    wake, drops the message of a launch that has gone)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return NOBODY
    socket.write(message_for(path))
    socket.flush()  # writes what it can now; wait only for what is left
    written = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(TIMEOUT_MS)
    answered = written and _wait_for_line(socket, answer_ms) == ANSWER
    socket.abort()
    return TAKEN if answered else SILENT


def hand_over(path: str | None, name: str | None = None, answer_ms: int = ANSWER_MS) -> bool:
    """Whether a running instance took ``path`` (or "show"): see :func:`send`."""
    return send(path, name, answer_ms) == TAKEN


def _answers(name: str) -> bool:
    """Whether something listens under ``name`` (a live instance, or one still starting)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(TIMEOUT_MS)
    socket.abort()
    return connected


class InstanceServer(QObject):
    """Listens for later launches and passes what they ask for to ``on_open``/``on_show``.

    :attr:`listening` is False when another instance holds the name (it took it first, or it
    is hung): a socket is taken over only when nobody at all is behind it (a crash)."""

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
        if sys.platform == "win32":
            # Named pipes: several servers may share a name, and none outlives its process.
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if not _answers(self.name):
                self._server.listen(self.name)
        else:
            # No socket option here: with one, Qt binds elsewhere and renames the socket over
            # the name, replacing a live instance's (two launches at once both listened).
            # Plain listen refuses a name in use; the file is then made the user's alone.
            if not self._server.listen(self.name) and not _answers(self.name):
                # A socket file left by a crashed instance: nobody answered, so take it over.
                QLocalServer.removeServer(self.name)
                self._server.listen(self.name)
            if self._server.isListening():
                with contextlib.suppress(OSError):
                    os.chmod(self._server.fullServerName(), 0o600)
        self._server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._ready)
            socket.disconnected.connect(socket.deleteLater)

    def _ready(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket.bytesAvailable() > MAX_MESSAGE:
            socket.abort()
            return
        if not socket.canReadLine():
            return
        message = read_message(bytes(socket.readLine().data()))
        if message is None:
            return
        socket.write(ANSWER)  # read and about to be done: the launch may end
        socket.flush()
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            # The launch gave up waiting (this app was busy or stopped; the answer found
            # nobody) and opens the file itself: acting on it too would open it twice.
            return
        kind, path = message
        if kind == "open":
            self._on_open(path)
        else:
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
