"""A chats file read a block at a time: the same lines and the same `arquivo` refusals as
reading and decoding it whole; external ids remembered across chunks."""

from __future__ import annotations

import pytest

from app.core.common.files import MAX_INPUT_BYTES, decode_text, read_text
from app.core.common.validation import ValidationError
from app.core.watcher import chat_lines
from app.core.watcher.chat_lines import SeenIds, file_lines, text_lines

TEXT = 'primeira\r\n\nsegunda com ç e 😀\u2028ainda a segunda\n{"a": 1}\núltima sem fim'


@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_the_lines_are_those_of_the_whole_text_whatever_the_blocks(
    tmp_path, monkeypatch, block, bom
):
    monkeypatch.setattr(chat_lines, "BLOCK_BYTES", block)
    path = tmp_path / "chats.jsonl"
    for text in (TEXT, TEXT + "\n", ""):
        path.write_bytes(bom + text.encode())
        lines, problems = file_lines(str(path))
        assert problems == []
        assert list(lines) == text.split("\n") == list(text_lines(text))


@pytest.mark.parametrize("block", [2, 5, 1 << 20])
def test_a_byte_that_is_not_utf8_is_told_alone_at_its_file_position(tmp_path, monkeypatch, block):
    monkeypatch.setattr(chat_lines, "BLOCK_BYTES", block)
    path = tmp_path / "chats.jsonl"
    data = b"\xef\xbb\xbf" + "linha 1 ç\nlinha 2\n".encode() + b"ok \xc3\n\xff\n"
    path.write_bytes(data)
    whole = decode_text(data, str(path))[1]
    lines, problems = file_lines(str(path))
    assert problems == []
    assert next(lines) == "linha 1 ç"
    assert next(lines) == "linha 2"
    with pytest.raises(ValidationError) as exc:
        next(lines)
    assert exc.value.problems == whole
    assert "byte 22" in str(whole[0])


@pytest.mark.parametrize(
    "data", ["{}\n".encode("utf-16"), "{}".encode("utf-16-le"), "{}\n".encode("utf-32")]
)
def test_wide_text_is_refused_before_any_line(tmp_path, data):
    path = tmp_path / "chats.jsonl"
    path.write_bytes(data)
    assert file_lines(str(path)) == (None, read_text(path)[1])
    assert read_text(path)[1]


def test_an_unreadable_path_is_read_bytes_own_refusal(tmp_path):
    assert file_lines(str(tmp_path)) == (None, read_text(tmp_path)[1])
    missing = tmp_path / "nao-existe.jsonl"
    assert file_lines(str(missing)) == (None, read_text(missing)[1])


def test_seen_ids_give_each_id_its_first_line_across_calls(monkeypatch):
    monkeypatch.setattr(chat_lines, "LOOKUP_BATCH", 2)
    seen = SeenIds()
    assert seen.first_lines([(1, "a"), (2, "b"), (3, "a")]) == {"a": 1, "b": 2}
    assert seen.first_lines([(4, "c"), (5, "b"), (6, "a\x00x"), (7, "a")]) == {
        "c": 4,
        "b": 2,
        "a\x00x": 6,
        "a": 1,
    }
    seen.close()


def test_a_file_past_the_configs_64_mb_is_streamed_and_a_bigger_one_told_unread(tmp_path):
    big = tmp_path / "grande.jsonl"
    line = b'{"external_id": "x"}\n'
    with big.open("wb") as fh:  # just over 64 MB of short lines
        fh.write(line * (MAX_INPUT_BYTES // len(line) + 1))
    lines, problems = file_lines(str(big))
    assert problems == [] and sum(1 for _ in lines) == MAX_INPUT_BYTES // len(line) + 2
    huge = tmp_path / "enorme.jsonl"
    with huge.open("wb") as fh:  # sparse: no disk, and never read
        fh.truncate(chat_lines.MAX_CHATS_BYTES + 1)
    lines, problems = file_lines(str(huge))
    assert lines is None and "tem mais de 4096 MB" in problems[0].message


def test_a_line_that_never_ends_is_refused_at_the_line_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(chat_lines, "BLOCK_BYTES", 64)
    monkeypatch.setattr(chat_lines, "MAX_LINE_BYTES", 256)
    path = tmp_path / "sem-fim.jsonl"
    path.write_bytes(b'{"external_id": "a"}\n' + b"x" * 10_000)
    lines, problems = file_lines(str(path))
    assert problems == [] and next(lines) == '{"external_id": "a"}'
    with pytest.raises(ValidationError) as refused:
        list(lines)
    assert "linha 2" in refused.value.problems[0].message
