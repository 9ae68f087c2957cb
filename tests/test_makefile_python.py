"""`make` finds a Python 3.11 or newer by itself (issue 17 item 23): python3.11, python3.12,
python3.13, then python3; `PYTHON=` names another. Run against a PATH of stand-ins only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="no make")
TOO_OLD = "#!/bin/sh\nexit 1\n"  # what `python -c 'sys.exit(version < (3, 11))'` says on 3.10


def check_python(bin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MAKE, "-s", "-C", str(ROOT), "check-python", *args],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def stand_ins(tmp_path: Path, **names: str | None) -> Path:
    """A bin folder: each name a link to this Python (None) or a script saying it is old."""
    for name, script in names.items():
        path = tmp_path / name.replace("_", ".")
        if script is None:
            path.symlink_to(sys.executable)
        else:
            path.write_text(script)
            path.chmod(0o755)
    return tmp_path


def test_python3_is_used_when_it_is_new_enough(tmp_path):
    found = check_python(stand_ins(tmp_path, python3=None))
    assert found.returncode == 0, found.stderr
    assert found.stdout.split()[1].startswith(f"{sys.version_info[0]}.{sys.version_info[1]}")


def test_an_older_python3_11_name_is_passed_over(tmp_path):
    found = check_python(stand_ins(tmp_path, python3_11=TOO_OLD, python3_13=None, python3=TOO_OLD))
    assert found.returncode == 0, found.stderr


def test_no_new_enough_python_is_said(tmp_path):
    found = check_python(stand_ins(tmp_path, python3=TOO_OLD))
    assert found.returncode != 0
    assert "Python 3.11 or newer is needed" in found.stderr and "PYTHON=" in found.stderr


def test_python_names_the_one_to_use(tmp_path):
    bin_dir = stand_ins(tmp_path, python3=None, velho=TOO_OLD)
    refused = check_python(bin_dir, f"PYTHON={bin_dir / 'velho'}")
    assert refused.returncode != 0 and "is not Python 3.11 or newer" in refused.stderr
    chosen = check_python(bin_dir, f"PYTHON={sys.executable}")
    assert chosen.returncode == 0, chosen.stderr
