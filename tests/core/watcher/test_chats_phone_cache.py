"""A chats file validates each distinct phone number once (~25 µs each), same answers."""

from __future__ import annotations

import json

from app.core.watcher import chats


def test_a_repeated_phone_is_validated_once(monkeypatch):
    calls = []
    real = chats.normalize_phone

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(chats, "normalize_phone", counting)
    chats._normalize_phone.cache_clear()
    phones = ["(11) 91234-5678", "+44 20 7946 0958", "123"] * 40
    text = "\n".join(
        json.dumps({"external_id": f"c{n}", "status": "open", "handler": "bot", "phone": phone})
        for n, phone in enumerate(phones)
    )
    rows, problems = chats.parse_chats(text)
    assert calls == ["(11) 91234-5678", "+44 20 7946 0958", "123"]
    assert {row["phone"] for row in rows} == {"+5511912345678", "+442079460958"}
    # The invalid number is refused on each of its 40 lines, not only the first.
    assert [p.path for p in problems] == [f"linha {n + 1}.phone" for n in range(2, 120, 3)]
