"""The catalogue of hostile input, round two's leftovers (issue 18): one bad chat row never
stops closing for everyone, and one server named two ways is one server."""

from __future__ import annotations

import pytest

from app.core.storage.lock import app_lock_path, watcher_lock_path

# -- item 3 (with 14): `postgres://` and `postgresql://` are one server, one lock ------------


@pytest.mark.parametrize(
    "other",
    [
        "postgres://ana:senha@db.example:5432/atende",
        "POSTGRES://ana:senha@db.example:5432/atende",
        " postgresql://ana:outra@db.example:5432/atende",  # the password is not part of it
    ],
)
@pytest.mark.parametrize("lock_path", [app_lock_path, watcher_lock_path])
def test_one_server_spelled_two_ways_takes_the_same_lock(lock_path, other):
    url = "postgresql://ana:senha@db.example:5432/atende"
    assert lock_path(other) == lock_path(url)
    assert lock_path(url) != lock_path("postgresql://ana:senha@db.example:5432/outra")
