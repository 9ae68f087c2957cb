"""The door later launches knock on: a Unix socket where Python has them, QLocalServer
elsewhere. Both kinds are tested here (this machine has both)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from app.ui.services import door as doors
from app.ui.services.door import ACK, SHOW, PipeDoor, UnixDoor, knock_pipe, knock_unix

KINDS = [(UnixDoor, knock_unix), (PipeDoor, knock_pipe)]
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def name() -> str:
    return f"atende-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(autouse=True)
def runtime_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    return tmp_path


def knock_in_thread(knock, name: str, timeout_ms: int = 5000) -> list[bool]:
    """The knock blocks (it is a second process's whole job): off the event loop here."""
    answers: list[bool] = []
    threading.Thread(target=lambda: answers.append(knock(name, timeout_ms)), daemon=True).start()
    return answers


def knock_from_another_process(knock, name: str) -> subprocess.Popen:
    """As a second launch knocks (QLocalSocket does not wait in a Python thread)."""
    script = f"from app.ui.services.door import {knock.__name__}\n" + (
        f"print({knock.__name__}({name!r}, 10000))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize(("kind", "knock"), KINDS, ids=["unix", "pipe"])
def test_a_knock_is_answered_and_heard_once(qtbot, name, kind, knock):
    door = kind(name)
    assert door.listen()
    heard = []
    door.knocked.connect(lambda: heard.append(1))
    try:
        child = knock_from_another_process(knock, name)
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=20000)
        assert child.stdout.read().strip() == "True"
        assert heard == [1]
    finally:
        door.close()


@pytest.mark.parametrize(("kind", "knock"), KINDS, ids=["unix", "pipe"])
def test_nobody_listening_is_no_answer(name, kind, knock):
    assert knock(name, 150) is False
    door = kind(name)
    assert door.listen()
    door.close()
    assert knock(name, 150) is False, "a closed door answers nothing"


def test_a_knock_before_the_door_opens_is_answered_once_it_does(qtbot, name):
    answers = knock_in_thread(knock_unix, name)
    qtbot.wait(200)  # the knocker tries a few times at a door that is not there
    assert answers == []
    door = UnixDoor(name)
    assert door.listen()
    try:
        qtbot.waitUntil(lambda: answers == [True], timeout=5000)
    finally:
        door.close()


def test_the_socket_left_by_a_killed_process_is_replaced(qtbot, name):
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(str(doors.socket_path(name)))
    leftover.close()  # the file stays, as after a kill
    assert doors.socket_path(name).exists()
    door = UnixDoor(name)
    assert door.listen()
    try:
        answers = knock_in_thread(knock_unix, name)
        qtbot.waitUntil(lambda: answers == [True], timeout=5000)
    finally:
        door.close()
    assert not doors.socket_path(name).exists(), "closing removes the socket file"


def test_a_knock_in_pieces_counts_and_anything_else_is_ignored(qtbot, name):
    door = UnixDoor(name)
    assert door.listen()
    heard = []
    door.knocked.connect(lambda: heard.append(1))
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stranger:
            stranger.connect(str(door.path))
            stranger.sendall(b"hello\n")
            stranger.setblocking(False)
            qtbot.waitUntil(lambda: hung_up(stranger), timeout=5000)
        assert heard == [], "only 'show' is a knock"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as split:
            split.connect(str(door.path))
            split.sendall(SHOW[:2])
            rest = threading.Timer(0.1, split.sendall, [SHOW[2:]])  # while the door reads
            rest.start()
            qtbot.waitUntil(lambda: heard == [1], timeout=5000)
            rest.join()
            assert split.recv(8) == ACK
    finally:
        door.close()


def test_a_caller_that_says_nothing_does_not_hold_the_door(qtbot, name):
    door = UnixDoor(name)
    assert door.listen()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
            silent.connect(str(door.path))  # and never writes
            silent.setblocking(False)
            qtbot.waitUntil(lambda: hung_up(silent), timeout=5000)  # after READ_SECONDS
            answers = knock_in_thread(knock_unix, name)
            qtbot.waitUntil(lambda: answers == [True], timeout=5000)
    finally:
        door.close()


def hung_up(guest: socket.socket) -> bool:
    try:
        return guest.recv(8) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:  # closed with our bytes unread
        return True


def test_the_socket_is_in_the_users_runtime_folder_or_else_named_with_the_user(
    monkeypatch, tmp_path
):
    assert doors.socket_path("atende-x") == tmp_path / "atende-x.sock"
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(doors.tempfile, "gettempdir", lambda: "/tmp")
    assert doors.socket_path("atende-x") == Path(f"/tmp/atende-x-{os.getuid()}.sock")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "gone"))
    assert doors.socket_path("atende-x") == Path(f"/tmp/atende-x-{os.getuid()}.sock")


def test_a_listening_window_never_loads_qtnetwork(tmp_path):
    """The Unix door exists so QtNetwork (~3 MiB resident) stays out of the window."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.ui.startup import SingleInstance\n"
        "app = QApplication([])\n"
        f"single = SingleInstance({str(tmp_path / 'a.sqlite3')!r})\n"
        "assert single.claim()\n"
        "single.listen()\n"
        "assert single.door.server is not None\n"
        "single.release()\n"
        "print('QtNetwork' in ' '.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
