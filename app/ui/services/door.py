"""The door a running Atende listens at: a later launch on the same database knocks
("show"), the running one answers ("ok") and brings its window forward.

Where Python has Unix sockets (Linux, macOS) the door is one, in the user's runtime folder,
watched with QtCore's QSocketNotifier: QtNetwork is never loaded, which keeps ~3 MiB of
libraries out of every window (bench/memory.py). Elsewhere (Windows) it is QtNetwork's
QLocalServer, a named pipe. Both speak the same two lines.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QObject,
    QSocketNotifier,
    Signal,
)

SHOW = b"show\n"
ACK = b"ok\n"
UNIX = hasattr(socket, "AF_UNIX")
READ_SECONDS = 0.5  # the longest a knocker's line is waited for, on the window's thread
RETRY_SECONDS = 0.05  # a door not open yet (the first launch still starting) is tried again


class Door(QObject):
    """Listens under a name once `listen()` returned True; `knocked` is emitted once per
    knock; `close()` stops listening."""

    knocked = Signal()


def open_door(name: str, parent: QObject | None = None) -> UnixDoor | PipeDoor:
    """This platform's door, not yet listening."""
    return UnixDoor(name, parent) if UNIX else PipeDoor(name, parent)


def knock(name: str, timeout_ms: int = 3000) -> bool:
    """Knock on the door `name`; True when the Atende behind it answered. A first launch
    that is still starting does not listen yet: knock again until `timeout_ms` passed."""
    return (knock_unix if UNIX else knock_pipe)(name, timeout_ms)


# -- Unix socket -------------------------------------------------------------------------
def socket_path(name: str) -> Path:
    """In $XDG_RUNTIME_DIR (the user's own, mode 0700) when there is one; else in the
    temporary folder, with the user's id in the name (another user's socket there cannot
    be removed, so it must not share ours)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime):
        return Path(runtime) / f"{name}.sock"
    return Path(tempfile.gettempdir()) / f"{name}-{os.getuid()}.sock"


class UnixDoor(Door):
    """One QSocketNotifier watches the listening socket; a knocker is read on the spot
    (our knock is one line, sent as it connects), so no object is made per knock. Nothing
    here is deleted later: the notifier lives and dies with the door (a `deleteLater`
    whose connection held the door's last reference deleted the notifier twice)."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = socket_path(name)
        self.server: socket.socket | None = None
        self.watch: QSocketNotifier | None = None

    def listen(self) -> bool:
        if self.server is not None:
            return True
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # Whoever calls this holds the database's app lock: a socket there is a
            # killed process's leftover.
            with suppress(FileNotFoundError):
                self.path.unlink()
            server.bind(str(self.path))
            server.listen(4)
            server.setblocking(False)
        except OSError as exc:
            server.close()
            logging.getLogger("atende").warning("No door at %s: %s", self.path, exc)
            return False
        self.server = server
        if self.watch is None:
            self.watch = QSocketNotifier(QSocketNotifier.Type.Read, self)
            self.watch.activated.connect(self._accept)
            app = QCoreApplication.instance()
            if app is not None:  # no socket file left in the runtime folder after a quit
                app.aboutToQuit.connect(self.close)
        self.watch.setSocket(server.fileno())
        self.watch.setEnabled(True)
        return True

    def _accept(self) -> None:
        while self.server is not None:
            try:
                guest, _address = self.server.accept()
            except OSError:  # BlockingIOError: nobody else is waiting
                return
            with guest:
                if self._heard_knock(guest):
                    self.knocked.emit()

    @staticmethod
    def _heard_knock(guest: socket.socket) -> bool:
        """Read one line (at most READ_SECONDS: something else that connected and says
        nothing cannot hold the window); answer it when it is a knock."""
        guest.settimeout(READ_SECONDS)
        heard = b""
        try:
            while len(heard) < len(SHOW) and not heard.endswith(b"\n"):
                chunk = guest.recv(len(SHOW) - len(heard))
                if not chunk:
                    break
                heard += chunk
            if heard != SHOW:
                return False
            guest.sendall(ACK)
        except OSError:  # a timeout included
            return False
        return True

    def close(self) -> None:
        if self.server is None:
            return
        if self.watch is not None:
            self.watch.setEnabled(False)  # before its descriptor closes
        self.server.close()
        self.server = None
        with suppress(OSError):
            self.path.unlink()


def knock_unix(name: str, timeout_ms: int) -> bool:
    """Plain sockets and clocks, no Qt: it may run on any thread."""
    path = str(socket_path(name))
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as door:
            door.settimeout(max(0.001, deadline - time.monotonic()))
            try:
                door.connect(path)
            except (FileNotFoundError, ConnectionRefusedError):
                pass  # nobody listens (yet)
            except OSError:
                return False
            else:
                try:
                    door.sendall(SHOW)
                    answer = b""
                    while not answer.endswith(b"\n"):
                        chunk = door.recv(len(ACK))
                        if not chunk:
                            break
                        answer += chunk
                except OSError:  # a timeout included
                    return False
                return answer == ACK
        if time.monotonic() >= deadline:
            return False
        time.sleep(RETRY_SECONDS)


# -- QLocalServer (where Python has no Unix sockets) ------------------------------------
class PipeDoor(Door):
    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = None

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return True
        QLocalServer.removeServer(self.name)  # a socket left by a killed process
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)
        return self.server.listen(self.name)

    def _accept(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            guest = self.server.nextPendingConnection()
            guest.readyRead.connect(lambda g=guest: self._read(g))
            guest.disconnected.connect(guest.deleteLater)

    def _read(self, guest) -> None:
        if guest.canReadLine() and guest.readLine().data() == SHOW:
            guest.write(ACK)
            guest.flush()
            self.knocked.emit()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None


def knock_pipe(name: str, timeout_ms: int) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    deadline = QDeadlineTimer(timeout_ms)
    door = QLocalSocket()
    while True:
        door.connectToServer(name)
        if door.waitForConnected(max(0, deadline.remainingTime())):
            break
        if deadline.hasExpired():
            return False
        time.sleep(RETRY_SECONDS)
    door.write(SHOW)
    door.flush()  # waitForBytesWritten says False when the bytes already left
    while not door.canReadLine():
        if not door.waitForReadyRead(max(0, deadline.remainingTime())):
            return False
    answered = door.readLine().data() == ACK
    door.disconnectFromServer()
    return answered
