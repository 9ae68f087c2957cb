"""The PySide6 user interface: it reads, validates and saves through `app.core`."""

import sys


def _pin_none() -> None:
    """Work around PySide6 6.12 on Python 3.11: a Qt method returning void hands back None
    without a new reference. Where None is immortal (Python ≥ 3.12) that is harmless; on
    3.11 every call drains None's reference count by one (it starts at a few thousand), and
    the interpreter aborts with "none_dealloc" — a busy page gets there in seconds. None is
    never freed anyway, so give it a count no session can use up."""
    import ctypes

    if sys.getrefcount(None) < 1 << 40:
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 41


if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
    _pin_none()
