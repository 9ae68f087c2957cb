"""app.__main__.window_options: the fast path of a plain window launch agrees with argparse."""

from __future__ import annotations

import pytest

from app.__main__ import window_options
from app.cli import build_parser

WINDOW_LAUNCHES = [
    [],
    ["--demo"],
    ["--minimized"],
    ["--db", "/tmp/a.sqlite3"],
    ["--db=/tmp/b.sqlite3", "--demo"],
    ["--db", "postgresql://u:p@h/db", "--minimized", "--demo"],
    ["--db", "x", "--db", "y"],  # the last one wins, as in argparse
]

OTHERS = [
    ["export"],
    ["--help"],
    ["-h"],
    ["--db"],  # value missing: argparse explains it
    ["--db", "--demo"],
    ["--mini"],  # argparse accepts abbreviations; the fast path leaves them to it
    ["--demo", "check", "x.json"],
    ["bogus"],
    ["--db="],  # an empty --db is an error argparse tells (SPEC §14)
    ["--db", ""],
    ["--db", "  "],
]


@pytest.mark.parametrize("argv", WINDOW_LAUNCHES)
def test_a_window_launch_reads_as_argparse_reads_it(argv):
    fast = window_options(argv)
    full = build_parser().parse_args(argv)
    assert fast is not None and full.command is None
    assert (fast.db, fast.demo, fast.minimized) == (full.db, full.demo, full.minimized)


@pytest.mark.parametrize("argv", OTHERS)
def test_anything_else_goes_through_the_whole_parser(argv):
    assert window_options(argv) is None
