import sys

import pytest

from app.ui.services.malloc import share_one_arena


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's setting")
def test_glibc_takes_the_one_arena_setting():
    assert share_one_arena() is True
