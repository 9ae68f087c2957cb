"""Lock files: one holder at a time, released on exit and on a killed process."""

from __future__ import annotations

import subprocess
import sys

from app.core.storage.lock import FileLock, watcher_lock_path


def test_second_holder_is_refused_until_release(tmp_path):
    path = watcher_lock_path(tmp_path / "a.sqlite3")
    first = FileLock(path)
    assert first.acquire()
    code = (
        "import sys; from app.core.storage.lock import FileLock;"
        f"sys.exit(0 if FileLock({str(path)!r}).acquire() else 3)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 3
    first.release()
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_lock_of_a_killed_process_is_free(tmp_path):
    path = tmp_path / "x.lock"
    code = (
        "import sys, time; from app.core.storage.lock import FileLock;"
        f"l = FileLock({str(path)!r}); assert l.acquire(); print('held', flush=True);"
        "sys.stdin.read()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "held"
    lock = FileLock(path)
    assert not lock.acquire()
    assert lock.holder_pid() == child.pid
    child.kill()
    child.wait()
    assert lock.acquire()
    lock.release()
