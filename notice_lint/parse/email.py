"""Email notices (``.eml``): the Subject as the preview title, From and Reply-To as metadata, and every
text and HTML part as the body, with positions pointing into the ``.eml`` file itself.

Parts stored as they are (7bit, 8bit, binary) map character for character. Quoted-printable parts map each
decoded character to its ``=XX`` escapes, so positions stay on the right line and column while the finding's
source text shows the escapes. Base64 parts map each character to the group of four base64 characters that
holds it: the line is right, the column points into the encoded text. Encoded-word headers
(``=?UTF-8?B?...?=``) map each decoded character to its encoded word.
"""

from __future__ import annotations

import binascii
import codecs
import dataclasses
import email
import re
from email import policy
from email.header import decode_header
from email.message import EmailMessage
from typing import Iterator

from ..model import Link, MetaField, TextBlock
from ..source import InputError
from ..text import TextBuilder, make_meta
from . import Parsed

METADATA_HEADERS = {"subject": "subject", "from": "from", "reply-to": "reply-to"}
"""Header name -> metadata field name."""
HEADER_FIELD = re.compile(r"^([!-9;-~]+)[ \t]*:[ \t]*", re.MULTILINE)
HEADER_LINE = re.compile(r"From |[!-9;-~]*:|[ \t]")
"""A line Python's email parser reads as a header (or a header's continuation): email.feedparser.headerRE."""
ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
LINE_END = re.compile(r"\r\n|\n|\r")
BASE64_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
MAX_NESTING = 100
"""Multipart parts nested deeper than this are refused (mail programs nest a few levels)."""
KOREAN_ALIASES = ("euc-kr", "euc_kr", "ks_c_5601-1987", "ks-c-5601-1987", "ksc5601", "x-windows-949")


@dataclasses.dataclass(frozen=True)
class _Body:
    """A part's decoded text and, for each character, the source span it came from."""

    text: str
    starts: list[int]
    ends: list[int]
    begin: int
    end: int

    def start_of(self, offset: int) -> int:
        return self.starts[offset] if offset < len(self.starts) else self.end

    def end_of(self, offset: int) -> int:
        return self.ends[offset - 1] if 0 < offset <= len(self.ends) else self.start_of(offset)


def parse(source: str, main_selector: str | None = None) -> Parsed:
    """Parse an email message into body blocks (from every text and HTML part) and header metadata."""
    try:
        message = email.message_from_string(source, policy=policy.default)
    except RecursionError:  # the standard library's parser recurses once per nested multipart
        raise InputError(f"MIME parts nested more than {MAX_NESTING} deep") from None
    header_end, _ = _split_headers(source, 0, len(source))
    meta = _metadata(source, header_end)
    blocks: list[TextBlock] = []
    links: list[Link] = []
    language = str(message.get("Content-Language") or "").split(",")[0].strip() or None
    for part, begin, end in _leaf_parts(source, message, 0, len(source)):
        subtype = part.get_content_type()
        if part.get_content_disposition() == "attachment" or subtype not in ("text/plain", "text/html"):
            continue
        body = _body(source, part, begin, end)
        if subtype == "text/html":
            from .html import parse as parse_part

            parsed = parse_part(body.text, main_selector)
        else:
            from .text import parse as parse_part

            parsed = parse_part(body.text)
        blocks.extend(_remap(block, body) for block in parsed.blocks)
        links.extend(_remap_link(link, body) for link in parsed.links)
        language = language or parsed.declared_language
    return Parsed(blocks=blocks, meta=meta, declared_language=language, has_head=True, links=links)


def _split_headers(source: str, begin: int, end: int) -> tuple[int, int]:
    """Where a part's header block ends and its body begins: after the first empty line, or at the first
    line that is no header (as Python's parser reads it: a file that opens with text is all body)."""
    position = begin
    while position < end:
        match = LINE_END.search(source, position, end)
        if match is not None and match.start() == position:
            return position, match.end()
        if not HEADER_LINE.match(source, position, end):
            return position, position
        if match is None:
            return end, end
        position = match.end()
    return end, end


def _leaf_parts(
    source: str, message: EmailMessage, begin: int, end: int, depth: int = 0
) -> Iterator[tuple[EmailMessage, int, int]]:
    """Every non-multipart part with the source span of its body, in order."""
    if depth > MAX_NESTING:
        raise InputError(f"MIME parts nested more than {MAX_NESTING} deep")
    _, body_start = _split_headers(source, begin, end)
    if message.get_content_maintype() == "message":
        return  # a forwarded or attached message is not this notice
    if not message.is_multipart():
        yield message, body_start, end
        return
    subparts = message.get_payload()
    spans = _part_spans(source, message.get_boundary() or "", body_start, end)
    for position, subpart in enumerate(subparts):
        part_begin, part_end = spans[position] if position < len(spans) else (body_start, body_start)
        yield from _leaf_parts(source, subpart, part_begin, part_end, depth + 1)


def _part_spans(source: str, boundary: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Source spans of a multipart body's parts, between its ``--boundary`` lines."""
    if not boundary:
        return []
    delimiter = re.compile(rf"^--{re.escape(boundary)}(--)?[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)
    spans: list[tuple[int, int]] = []
    previous: re.Match[str] | None = None
    for match in delimiter.finditer(source, begin, end):
        if previous is not None:
            stop = match.start()
            for newline in ("\r\n", "\n", "\r"):
                if source.endswith(newline, previous.end(), stop):
                    stop -= len(newline)
                    break
            spans.append((previous.end(), max(previous.end(), stop)))
        if match.group(1):
            break
        previous = match
    return spans


def _body(source: str, part: EmailMessage, begin: int, end: int) -> _Body:
    """The decoded text of a leaf part, with every character mapped into the source."""
    encoding = str(part.get("Content-Transfer-Encoding") or "").strip().lower()
    raw = source[begin:end]
    if encoding not in ("quoted-printable", "base64"):
        # Stored as it is (7bit, 8bit, binary) or in an encoding we do not know: the text is the source.
        return _Body(raw, list(range(begin, end)), list(range(begin + 1, end + 1)), begin, end)
    charset = _charset(part.get_content_charset() or "utf-8")
    data = _quoted_printable(raw, begin) if encoding == "quoted-printable" else _base64(raw, begin)
    return _decode_mapped(data, charset, begin, end)


def _charset(name: str) -> str:
    name = name.strip().lower()
    if name in KOREAN_ALIASES:
        return "cp949"
    try:
        codecs.lookup(name)
    except LookupError:
        return "utf-8"
    return name


def _quoted_printable(raw: str, begin: int) -> list[tuple[int, int, int]]:
    """Decoded bytes of a quoted-printable body, each with the source span that encodes it."""
    data: list[tuple[int, int, int]] = []
    position = 0
    while position < len(raw):
        char = raw[position]
        if char == "=":
            soft = LINE_END.match(raw, position + 1)
            if soft is not None:
                position = soft.end()
                continue
            pair = raw[position + 1 : position + 3]
            if len(pair) == 2 and all(c in "0123456789abcdefABCDEF" for c in pair):
                data.append((int(pair, 16), begin + position, begin + position + 3))
                position += 3
                continue
        for byte in char.encode("utf-8"):
            data.append((byte, begin + position, begin + position + 1))
        position += 1
    return data


def _base64(raw: str, begin: int) -> list[tuple[int, int, int]]:
    """Decoded bytes of a base64 body, each with the span of the four characters that encode it."""
    alphabet = [(char, begin + offset) for offset, char in enumerate(raw) if char in BASE64_ALPHABET]
    data: list[tuple[int, int, int]] = []
    for group in range(0, len(alphabet) - len(alphabet) % 4, 4):
        quad = alphabet[group : group + 4]
        try:
            decoded = binascii.a2b_base64("".join(char for char, _ in quad).encode("ascii"))
        except binascii.Error:
            continue
        data.extend((byte, quad[0][1], quad[-1][1] + 1) for byte in decoded)
    return data


def _decode_mapped(data: list[tuple[int, int, int]], charset: str, begin: int, end: int) -> _Body:
    """Decode mapped bytes with ``charset``; each character spans the bytes that made it."""
    decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    first: int | None = None
    for byte, start, stop in data:
        first = start if first is None else first
        text = decoder.decode(bytes([byte]))
        for char in text:
            chars.append(char)
            starts.append(first)
            ends.append(stop)
        if text:
            first = None
    for char in decoder.decode(b"", final=True):  # a cut-off character: the bytes left over make it
        chars.append(char)
        starts.append(data[-1][1] if first is None else first)
        ends.append(data[-1][2])
    return _Body("".join(chars), starts, ends, begin, end)


def _remap(block: TextBlock, body: _Body) -> TextBlock:
    """A block parsed from a part's text, with offsets moved into the ``.eml`` source."""
    starts = tuple(body.start_of(offset) for offset in block.starts)
    return dataclasses.replace(
        block,
        starts=starts,
        # A character with no source text (a word break) stays a point, where its neighbour starts.
        ends=tuple(
            body.end_of(end) if end > start else at for start, end, at in zip(block.starts, block.ends, starts)
        ),
        anchor=body.start_of(block.anchor),
    )


def _remap_link(link: Link, body: _Body) -> Link:
    """A link found in a part's text, with its spans moved into the ``.eml`` source."""
    return dataclasses.replace(
        link,
        text_start=body.start_of(link.text_start),
        text_end=body.end_of(link.text_end),
        href_start=body.start_of(link.href_start),
        href_end=body.end_of(link.href_end),
    )


def _metadata(source: str, header_end: int) -> list[MetaField]:
    """Subject, From and Reply-To, each mapped to its header value in the source."""
    fields: list[MetaField] = []
    seen: set[str] = set()
    for match in HEADER_FIELD.finditer(source, 0, header_end):
        name = match.group(1).lower()
        if name not in METADATA_HEADERS or name in seen:
            continue
        seen.add(name)
        value_end = _header_value_end(source, match.end(), header_end)
        fields.append(make_meta(_header_text(source, match.end(), value_end), METADATA_HEADERS[name], match.end()))
    return fields


def _header_value_end(source: str, start: int, header_end: int) -> int:
    """The end of a header's value, including folded continuation lines."""
    position = start
    while True:
        line_end = LINE_END.search(source, position, header_end)
        if line_end is None:
            return header_end
        following = line_end.end()
        if following < header_end and source[following] in " \t":
            position = following
            continue
        return line_end.start()


def _header_text(source: str, start: int, end: int) -> TextBuilder:
    """A header value's text: plain runs verbatim, each encoded word decoded onto its own span."""
    builder = TextBuilder()
    position = start
    after_word = False
    for match in ENCODED_WORD.finditer(source, start, end):
        gap = source[position : match.start()]
        if not (after_word and not gap.strip()):  # white space between encoded words is not text
            builder.add(gap, position)
        builder.add_decoded(_decode_word(match.group(0)), match.start(), match.end())
        position = match.end()
        after_word = True
    builder.add(source[position:end], position)
    return builder


def _decode_word(word: str) -> str:
    try:
        return "".join(
            chunk.decode(_charset(charset or "us-ascii"), errors="replace") if isinstance(chunk, bytes) else chunk
            for chunk, charset in decode_header(word)
        )
    except (ValueError, LookupError, binascii.Error):
        return word
