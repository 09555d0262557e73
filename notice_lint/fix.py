"""Apply safe fixes to a notice's bytes, keeping everything else as it was.

A safe fix is a finding with ``fix`` set: its rule declared one replacement for the matched words, and
the source holds exactly those words. The file is decoded as the linter decoded it, only the findings'
spans are replaced, and the text is encoded back with the same encoding and byte-order mark; line
endings and every other byte stay as they were. Writes go to a temporary file in the same directory,
then replace the original in one step, so a failure leaves the file untouched.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .model import Finding
from .source import InputError, decode_with_encoding


class FixError(Exception):
    """Fixes that cannot be applied to a file; the message is one line naming the reason."""


@dataclass(frozen=True)
class Fixed:
    """The outcome of fixing one file's bytes."""

    data: bytes
    before: str
    after: str
    applied: int


def fixable(findings: list[Finding]) -> list[Finding]:
    """The findings with a safe fix, in source order, without overlaps."""
    chosen: list[Finding] = []
    for finding in sorted((f for f in findings if _has_fix(f)), key=lambda f: (f.start, f.end)):
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    return chosen


def _has_fix(finding: Finding) -> bool:
    if finding.fix is None or finding.start is None or finding.end is None:
        return False
    return finding.end > finding.start


def apply_fixes(data: bytes, findings: list[Finding]) -> Fixed:
    """``data`` with the safe fixes of ``findings`` applied; raises FixError when that cannot be done exactly."""
    try:
        text, encoding, bom = decode_with_encoding(data)
    except InputError as error:
        raise FixError(str(error)) from None
    try:
        same = bom + _encode(text, encoding) == data
    except FixError:  # windows-1252 read five undefined bytes as control characters
        same = False
    if not same:
        raise FixError(f"its {encoding} text does not encode back to the same bytes; not changing it")
    pieces: list[str] = []
    position = 0
    applied = 0
    for finding in fixable(findings):
        assert finding.start is not None and finding.end is not None and finding.fix is not None
        if text[finding.start : finding.end] != finding.text:
            raise FixError(f"changed since it was checked (line {finding.line}); run again")
        pieces.append(text[position : finding.start])
        pieces.append(fixed_text(finding))
        position = finding.end
        applied += 1
    pieces.append(text[position:])
    after = "".join(pieces)
    return Fixed(bom + _encode(after, encoding), text, after, applied)


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        raise FixError(f"the fix cannot be written in {encoding}: {error.reason}") from None


def fixed_text(finding: Finding) -> str:
    """What a fix writes: the rule's replacement, capitalized like the words it replaces
    ("Exposed" -> "Leaked", "EXPOSED" -> "LEAKED")."""
    original, replacement = finding.text, finding.fix or ""
    if not replacement or not original[:1].isupper():
        return replacement
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    return replacement[0].upper() + replacement[1:]


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's text before and after fixing."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def _default_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask (mkstemp alone would give 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a temporary file in the same directory, then a rename.
    The file keeps its permission bits; on any failure the original is left as it was."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()  # write through the link, keep the link
    directory = path.parent
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    except OSError:
        mode = _default_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
