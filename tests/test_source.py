"""Decoding notice bytes: BOMs, UTF-8, declared and undeclared Korean encodings, bad input."""

from __future__ import annotations

import pytest

from notice_lint.source import InputError, decode, read_notice_text

KOREAN = "개인정보 유출 안내"


@pytest.mark.parametrize(
    "data",
    [
        KOREAN.encode("utf-8"),
        b"\xef\xbb\xbf" + KOREAN.encode("utf-8"),
        b"\xff\xfe" + KOREAN.encode("utf-16-le"),
        b"\xfe\xff" + KOREAN.encode("utf-16-be"),
        KOREAN.encode("cp949"),
        b'<meta charset="euc-kr"><p>' + KOREAN.encode("euc-kr"),
    ],
)
def test_decodes_what_editors_and_browsers_write(data):
    assert KOREAN in decode(data)


def test_declared_latin1_is_honoured():
    assert decode(b'<meta charset="iso-8859-1"><p>caf\xe9 \xa0</p>').endswith("café \xa0</p>")


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_empty_and_missing_files_get_one_line_reasons(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b" \n")
    with pytest.raises(InputError, match="empty file"):
        read_notice_text(empty)
    with pytest.raises(InputError, match="no such file"):
        read_notice_text(tmp_path / "missing.html")
    with pytest.raises(InputError, match="is a directory"):
        read_notice_text(tmp_path)
