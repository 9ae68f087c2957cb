import sys

import pytest

from app.ui.services.malloc import give_back, share_one_arena


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's setting")
def test_glibc_takes_the_one_arena_setting():
    assert share_one_arena() is True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_free_pages_below_live_memory_are_given_back():
    import ctypes

    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    chunks = [libc.malloc(64 * 1024) for _ in range(64)]  # on the heap (below mmap's 128 KiB)
    for chunk in chunks[:-1]:
        libc.free(chunk)  # 4 MiB free under the last chunk: glibc's own trim cannot reach it
    try:
        assert give_back() is True
    finally:
        libc.free(chunks[-1])
