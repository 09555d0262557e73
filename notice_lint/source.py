"""Read a notice's bytes and decode them as a browser or editor would."""

from __future__ import annotations

import codecs
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""A well-formed UTF-8 multi-byte sequence: a file whose bytes above ASCII mostly form these is damaged UTF-8,
not a legacy encoding."""
HIGH_BYTES = bytes(range(0x80, 0x100))
CP1252_EXTRAS = {byte: bytes([byte]).decode("cp1252", "replace").replace("\ufffd", chr(byte)) for byte in range(0x80, 0xA0)}
"""windows-1252 as browsers read it: the five bytes the codec leaves undefined stand for themselves (C1 controls)."""
DEFAULT_MAX_FILE_SIZE = 5_000_000
"""Bytes: a long notice is some tens of kilobytes, a saved page with its styles and inline images a few
megabytes; ten megabytes leaves room for those and keeps a run's time and memory bounded."""
PIPE_GRACE = 2.0
"""Seconds a named pipe given as a file may wait for its writer to open it."""
SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?", re.IGNORECASE)
SIZE_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}


class InputError(Exception):
    """A file that cannot be read as a notice; the message is one line naming the reason."""


def decode(data: bytes) -> str:
    """Decode by byte-order mark, then UTF-8, then a declared ``<meta charset>``, then CP949, then windows-1252."""
    return decode_with_encoding(data)[0]


def decode_with_encoding(data: bytes) -> tuple[str, str, bytes]:
    """The decoded text (without its byte-order mark), the encoding used, and the byte-order mark.

    Without a byte-order mark or a declaration, bytes that are not UTF-8 are read as CP949 (EUC-KR) when
    that gives Korean text, else as windows-1252 (Latin-1) as browsers do; bytes that are mostly UTF-8
    but damaged are refused, since reading them as another encoding would garble the whole notice."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, bom
            except UnicodeDecodeError as error:
                raise InputError(f"invalid {encoding} after its byte-order mark at byte {error.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not a text notice")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as error:
        first_bad = error.start
    declared = CHARSET.search(data[:4096])
    if declared:
        encoding = _normalize(declared.group(1).decode("ascii").lower())
        try:
            return data.decode(encoding), encoding, b""
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError as error:
        korean_error: int | None = error.start
    else:
        if _reads_as_korean(text):
            return text, "cp949", b""
        korean_error = None
    if _mostly_utf8(data):
        raise InputError(f"not valid UTF-8: {_where(data, first_bad)}; save it as UTF-8 or declare its <meta charset>")
    if korean_error is not None and _reads_as_korean(data.decode("cp949", "replace").replace("\ufffd", "")):
        raise InputError(
            f"not valid CP949 (EUC-KR): {_where(data, korean_error)}; save it as UTF-8 or declare its <meta charset>"
        )
    return data.decode("latin-1").translate(CP1252_EXTRAS), "windows-1252", b""


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte 0x{data[offset]:02X} at offset {offset} (line {line})"


def _mostly_utf8(data: bytes) -> bool:
    """Whether at least half the bytes above ASCII form well-formed UTF-8 sequences (UTF-8 with damage)."""
    high = len(data) - len(data.translate(None, HIGH_BYTES))
    rest = UTF8_SEQUENCE.sub(b"", data)
    outside = len(rest) - len(rest.translate(None, HIGH_BYTES))
    return high > 0 and (high - outside) * 2 >= high


def _reads_as_korean(text: str) -> bool:
    """Whether CP949-decoded text is Korean rather than Latin-1 bytes that happen to pair up.

    Korean text is mostly Hangul syllables of KS X 1001 (EUC-KR: both bytes 0xA1 or above); Latin-1 letters
    before ASCII letters decode as rare syllables of CP949's extension, and two Latin-1 symbols in a row as
    hanja or symbols. At least half the distinct characters above ASCII must be KS X 1001 Hangul."""
    others = {char for char in set(text) if not char.isascii()}
    hangul = sum(1 for char in others if "\uac00" <= char <= "\ud7a3" and min(char.encode("cp949")) >= 0xA1)
    return hangul > 0 and hangul * 2 >= len(others)


def _normalize(encoding: str) -> str:
    """EUC-KR pages are in practice CP949 (its superset), as browsers treat them."""
    return "cp949" if encoding.replace("_", "-") in ("euc-kr", "ks-c-5601-1987", "ksc5601", "x-windows-949") else encoding


def read_notice_text(path: Path, max_size: int | None = None) -> str:
    """The decoded text of ``path``; raises InputError with a one-line reason. A file over ``max_size``
    bytes (None or 0: no limit) is refused by its size, before it is read."""
    return checked_text(read_notice_bytes(path, max_size))


def read_notice_bytes(path: Path, max_size: int | None = None) -> bytes:
    """The bytes of ``path``, never more than ``max_size``; raises InputError with a one-line reason.

    A named pipe is read as it is given (``<(command)`` in a shell), but opened without waiting for a
    writer, so a pipe nobody writes to is refused at once instead of waited on for ever; a device or
    socket is refused too (``/dev/zero`` never ends, a terminal waits for typing)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(_missing(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory")
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise InputError(f"not a regular file ({_kind(mode)})")
        stream = open(descriptor, "rb", closefd=False)  # noqa: SIM115 (the descriptor is closed below)
        if stat.S_ISFIFO(mode):
            data = _read_pipe(descriptor, stream.read, max_size)
        elif max_size and info.st_size > max_size:
            raise InputError(too_large(info.st_size, max_size))
        else:
            data = read_limited(stream.read, max_size)
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    return data


def _read_pipe(descriptor: int, read: Callable[[int], bytes], max_size: int | None) -> bytes:
    """Read a named pipe opened without waiting: give a writer :data:`PIPE_GRACE` seconds to come, then read
    what it sends until it closes; raises InputError when none comes or it sends nothing."""
    waited = 0.0
    while True:
        try:
            first = os.read(descriptor, 1)
        except BlockingIOError:  # a writer holds the pipe and has not written yet
            first = None
        if first or first is None or waited >= PIPE_GRACE:
            break
        time.sleep(0.05)  # no writer yet (or one that left without writing)
        waited += 0.05
    if first == b"":
        raise InputError("named pipe: nothing was written to it")
    os.set_blocking(descriptor, True)
    head = first or b""
    return read_limited(lambda size: head + read(size - len(head) if size >= 0 else -1), max_size)


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is (or links to) a regular file, which can be read twice and written back."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it is neither a regular file nor a directory ("a named pipe", "a device",
    "a socket"); None for those two and for a path that cannot be looked at."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _kind(mode)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for people."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _missing(path: Path) -> str:
    try:
        return f"broken symbolic link (to {os.readlink(path)})" if path.is_symlink() else "no such file"
    except OSError:
        return "no such file"


def checked_text(data: bytes, what: str = "file") -> str:
    """The decoded text of a notice's bytes (of a ``what``: file, input); raises InputError for bytes that
    hold no notice."""
    text = decode(data)
    if not text.strip("\ufeff \t\r\n"):
        raise InputError(f"empty {what}: nothing to check")
    return text


def read_limited(read: Callable[[int], bytes], max_size: int | None) -> bytes:
    """All the bytes ``read`` gives (a file's or standard input's ``read``), but never more than ``max_size``
    + 1 of them (None or 0: no limit); raises InputError when there are more than ``max_size``."""
    if not max_size:
        return read(-1)
    data = read(max_size + 1)
    if len(data) > max_size:
        raise InputError(too_large(None, max_size))
    return data


def too_large(size: int | None, limit: int) -> str:
    """The reason a file over the size limit is refused (``size`` None: not known, as for standard input)."""
    what = f"{format_size(size)}, over" if size is not None else "over"
    return f"too large: {what} the {format_size(limit)} limit (max-file-size)"


def format_size(size: int) -> str:
    """A byte count for people: ``52.4 MB``, ``10 MB``, ``800 KB``, ``120 bytes`` (decimal units)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def parse_size(value: object) -> int:
    """Bytes from a size setting: an integer, or a string such as ``"5MB"``, ``"500 KB"``, ``"2MiB"``
    (KB, MB and GB are powers of 1000, KiB, MiB and GiB of 1024); raises ValueError otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    match = SIZE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(value)
    return int(float(match.group(1)) * SIZE_UNITS[(match.group(2) or "b").lower()])
