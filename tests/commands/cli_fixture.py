"""Run the CLI in-process: `atende(*args)` → (exit code, stdout, stderr). Import the fixture."""

from __future__ import annotations

import pytest


@pytest.fixture
def atende(db_path, capsys):
    from app.cli import main
    from app.core.storage.db import close_database

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", str(db_path), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    yield run
    close_database()
