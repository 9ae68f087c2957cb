"""One glibc malloc arena for every thread of the window.

glibc gives each thread that allocates its own arena, and what a thread frees there stays
with the process: after the watcher's pass over 100k chats on its thread, its arena kept
~7 MiB the window never used again (bench/memory.py: 104 → 96 MiB on Atendimentos). With
one arena, freed memory returns to the main heap, which glibc trims as it goes. The threads
here are few and mostly wait, so sharing the arena costs no speed. Elsewhere (Windows,
macOS, musl) nothing changes.
"""

from __future__ import annotations

import ctypes
import sys

M_ARENA_MAX = -8  # glibc's malloc.h


def share_one_arena() -> bool:
    """Before the threads start: True when glibc took the setting."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, 1))
    except (OSError, AttributeError):  # not glibc
        return False


def give_back() -> bool:
    """Return the heap's free pages to the system (glibc's malloc_trim): after a big piece of
    work on another thread (the daily backup's page caches, ~4 MiB), freed memory sits below
    what the window allocated meanwhile, where glibc's own trimming never reaches.
    True when glibc released something."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):  # not glibc
        return False
