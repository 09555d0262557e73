"""Read a notice's bytes and decode them as a browser or editor would."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
FALLBACKS = ("cp949",)
"""Tried after UTF-8, before giving up: Korean notices are often saved as EUC-KR / CP949."""


class InputError(Exception):
    """A file that cannot be read as a notice; the message is one line naming the reason."""


def decode(data: bytes) -> str:
    """Decode by byte-order mark, then UTF-8, then a declared ``<meta charset>``, then CP949."""
    return decode_with_encoding(data)[0]


def decode_with_encoding(data: bytes) -> tuple[str, str, bytes]:
    """The decoded text (without its byte-order mark), the encoding used, and the byte-order mark."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, bom
            except UnicodeDecodeError as error:
                raise InputError(f"invalid {encoding} after its byte-order mark at byte {error.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not a text notice")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        pass
    declared = CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in [*candidates, *FALLBACKS]:
        try:
            return data.decode(_normalize(encoding)), _normalize(encoding), b""
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("not valid UTF-8, and no declared or Korean encoding fits")


def _normalize(encoding: str) -> str:
    """EUC-KR pages are in practice CP949 (its superset), as browsers treat them."""
    return "cp949" if encoding.replace("_", "-") in ("euc-kr", "ks-c-5601-1987", "ksc5601", "x-windows-949") else encoding


def read_notice_text(path: Path) -> str:
    """The decoded text of ``path``; raises InputError with a one-line reason."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    text = decode(data)
    if not text.strip("\ufeff \t\r\n"):
        raise InputError("empty file: nothing to check")
    return text
