"""Folding text for search: case and accents ignored, everything else kept."""

from __future__ import annotations

import pytest

from app.core.common.text import fold


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Promoção", "promocao"),
        ("ÁGUA, PÃO E AÇÚCAR", "agua, pao e acucar"),
        ("Horário às 8h", "horario as 8h"),
        ("/PIX-2025_x", "/pix-2025_x"),
        ("Oi 😀 ﬁm", "oi 😀 fim"),
        ("Straße", "strasse"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
