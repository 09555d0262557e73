"""Parse Markdown notices into mapped text blocks (a CommonMark/GFM subset, standard library only).

Front matter gives metadata; headings, paragraphs, list items, quotes and table cells become
blocks; code, HTML comments, thematic breaks and link definitions make none. Inline markup is
dropped, and every character that is kept carries its exact source span.
"""

from __future__ import annotations

import re

from ..model import Link, MetaField, TextBlock
from ..text import TextBuilder, make_block, make_meta, mapped_meta
from . import Parsed
from .markdown_inline import InlineContent, Refs, Span, inline_pieces, link_label
from .text import Line, split_lines

PREVIEW_NAMES = (
    "title", "description", "canonical",
    "og:title", "og:description", "og:image", "og:url", "og:site_name", "og:type", "og:locale",
    "twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:site",
)  # fmt: skip
_ALIASES = {re.sub(r"[^a-z]", "", name): name for name in PREVIEW_NAMES} | {"canonicalurl": "canonical"}
FM_KEY = re.compile(r"""(?:"([^"]+)"|'([^']+)'|([^\s#'"\-][^\s]*?))[ \t]*:(?:[ \t]+(.*?))?[ \t]*$""")
YAML_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "", "\\": "\\", '"': '"', "/": "/"}

ATX = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+$")
SETEXT = re.compile(r"(=+|-+)[ \t]*$")
THEMATIC = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
FENCE = re.compile(r"(`{3,})[^`]*$|(~{3,})")
LIST_ITEM = re.compile(r"([-+*]|(\d{1,9})[.)])([ \t]*)(.*)$")
REF_DEF = re.compile(
    r"""\[(?!\^)((?:[^\[\]\\]|\\.)+)\]:[ \t]*(?P<dest><[^>]*>|\S+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$"""
)
TABLE_DELIM = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
MASK = "\u2060"
"""Stands in for hidden source text (a word joiner: the text builder drops it)."""
MAX_NESTING = 40
"""Deeper quotes and lists are read as paragraph text (keeps recursion bounded)."""
HIDDEN = re.compile(r"<!--|<(script|style)\b", re.IGNORECASE)
LEADING = re.compile(r"[ \t]*")

def parse(source: str) -> Parsed:
    """Blocks and front-matter metadata of a Markdown notice."""
    lines = split_lines(source)
    body, meta, language = _front_matter(lines)
    masked = _mask(source, lines[body:])
    body_lines = [(start, masked[start : start + len(text)]) for start, text in lines[body:]]
    refs: Refs = {}
    for start, text in body_lines:
        if m := REF_DEF.match(stripped := text.lstrip(" \t>")):
            at = start + len(text) - len(stripped) + m.start("dest")
            dest = m.group("dest")
            refs.setdefault(link_label(m.group(1)), (dest.strip("<>"), at, at + len(dest)))
    parser = _Blocks(refs)
    parser.run(body_lines, "paragraph")
    return Parsed(parser.blocks, meta, declared_language=language, has_head=body > 0, links=parser.links)


# -- front matter -------------------------------------------------------------------------


def _front_matter(lines: list[Line]) -> tuple[int, list[MetaField], str | None]:
    """Metadata from a leading ``---`` block, its declared language, and the first body line."""
    if not lines or lines[0][1].rstrip() != "---":
        return 0, [], None
    end = next((k for k in range(1, len(lines)) if lines[k][1].rstrip() in ("---", "...")), None)
    if end is None:
        return 0, [], None
    meta: list[MetaField] = []
    language = None
    index = 1
    while index < end:
        start, text = lines[index]
        index += 1
        match = FM_KEY.match(text)
        if not match:
            continue
        key = (match.group(1) or match.group(2) or match.group(3)).strip().lower()
        name = _meta_name(key)
        if not name and key not in ("lang", "language"):
            continue
        value = match.group(4) or ""
        value_start = start + match.start(4) if match.group(4) is not None else start + len(text)
        if value[:1] in ("|", ">"):
            scalar: list[Line] = []
            while index < end and (not lines[index][1].strip() or lines[index][1][:1] in " \t"):
                scalar.append(lines[index])
                index += 1
            field = _block_scalar(name or key, scalar, value_start)
        else:
            field = _scalar(name or key, value, value_start)
        if field is not None and name:
            meta.append(field)
        elif field is not None:
            language = field.text or None
    return end + 1, meta, language


def _meta_name(key: str) -> str | None:
    """The preview field a front-matter key stands for (``og_title`` -> ``og:title``)."""
    if key.startswith(("og:", "twitter:")):
        return key
    return _ALIASES.get(re.sub(r"[^a-z]", "", key))


def _scalar(name: str, value: str, start: int) -> MetaField | None:
    """A one-line YAML scalar; quoted values map to the text inside the quotes."""
    if not value or value[0] in "[{" or value in ("~", "null"):
        return None
    if value[0] not in "\"'":
        return mapped_meta(name, re.sub(r"[ \t]+#.*$", "", value).rstrip(), start)
    quote, builder, k = value[0], TextBuilder(), 1
    while k < len(value):
        char = value[k]
        if char == quote == "'" and value.startswith("'", k + 1):
            builder.add_decoded("'", start + k, start + k + 2)  # '' is an escaped quote
            k += 2
        elif char == quote:
            break
        elif char == "\\" and quote == '"' and k + 1 < len(value):
            code = value[k + 1]
            hex_digits = {"x": 2, "u": 4, "U": 8}.get(code, 0)
            digits = value[k + 2 : k + 2 + hex_digits]
            if hex_digits and re.fullmatch(r"[0-9a-fA-F]+", digits) and len(digits) == hex_digits:
                builder.add_decoded(chr(int(digits, 16)), start + k, start + k + 2 + hex_digits)
                k += 2 + hex_digits
            else:
                builder.add_decoded(YAML_ESCAPES.get(code, code), start + k, start + k + 2)
                k += 2
        else:  # a run of plain characters, up to the next quote or escape
            stops = [found for found in (value.find(quote, k), value.find("\\", k) if quote == '"' else -1) if found >= 0]
            stop = min(stops, default=len(value))
            builder.add(value[k:stop], start + k)
            k = stop
    return make_meta(builder, name, start + 1)


def _block_scalar(name: str, lines: list[Line], anchor: int) -> MetaField:
    """A ``|`` or ``>`` block scalar: its indented lines joined with word breaks."""
    builder = TextBuilder()
    for start, text in lines:
        if text.strip():
            builder.add_break(start)
            builder.add(text, start)
    return make_meta(builder, name, anchor)


# -- hidden text --------------------------------------------------------------------------


def _mask(source: str, lines: list[Line]) -> str:
    """``source`` with HTML comments, scripts and styles outside code fences blanked out.

    Hidden characters become ``MASK``, which renders as nothing, is no indentation, and leaves a
    line blank; line endings and length stay, so offsets into the result are source offsets.
    """
    chars = list(source)
    fence: str | None = None
    done = 0
    for start, text in lines:
        if start >= done:
            indent, first = _indent(text)
            if fence:
                fence = None if indent < 4 and _closes(text[first:], fence) else fence
                continue
            if indent < 4 and (match := FENCE.match(text, first)):
                fence = match.group(1) or match.group(2)
                continue
        pos = max(start, done)
        while match := HIDDEN.search(source, pos, start + len(text)):
            closer = re.escape("-->" if match.group(1) is None else f"</{match.group(1)}>")
            stop = re.compile(closer, re.IGNORECASE).search(source, match.end())
            done = pos = stop.end() if stop else len(source)
            for k in range(match.start(), done):
                if chars[k] not in "\r\n":
                    chars[k] = MASK
    return "".join(chars)


# -- blocks -------------------------------------------------------------------------------


def _indent(text: str) -> tuple[int, int]:
    """Columns of leading whitespace (tabs stop every 4) and the index of the first other char."""
    lead = LEADING.match(text).end()  # type: ignore[union-attr]
    if "\t" not in text[:lead]:
        return lead, lead
    column = 0
    for index, char in enumerate(text):
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            return column, index
    return column, len(text)


def _blank(text: str) -> bool:
    """Whether a line shows nothing (whitespace and hidden text only)."""
    return not text.replace(MASK, "").strip()


def _dedent(line: Line, columns: int) -> Line:
    start, text = line
    column = k = 0
    while k < len(text) and column < columns and text[k] in " \t":
        column += 1 if text[k] == " " else 4 - column % 4
        k += 1
    return start + k, text[k:]


def _closes(text: str, fence: str) -> bool:
    return re.match(rf"{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", text) is not None


def _start_kind(text: str, in_paragraph: bool) -> str | None:
    """Which block a line (indented < 4) opens: fence, atx, hr, quote, list; None for text."""
    if FENCE.match(text):
        return "fence"
    if ATX.match(text):
        return "atx"
    if THEMATIC.match(text):
        return "hr"
    if text.startswith(">"):
        return "quote"
    item = LIST_ITEM.match(text)
    if item and (item.group(3) or not item.group(4)):
        if not in_paragraph or (not _blank(item.group(4)) and item.group(2) in (None, "1")):
            return "list"
    return None


def _cells(line: Line) -> list[Line]:
    """The trimmed cells of a pipe-table row (escaped ``\\|`` does not split)."""
    start, text = line
    begin, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if text.startswith("|", begin):
        begin += 1
    if end > begin and text[end - 1] == "|" and text[end - 2 : end - 1] != "\\":
        end -= 1
    bounds, k, cell = [], begin, begin
    while k < end:
        if text[k] == "|":
            bounds.append((cell, k))
            cell = k + 1
        k += 2 if text[k] == "\\" else 1
    bounds.append((cell, end))
    return [(start + a + len(text[a:b]) - len(text[a:b].lstrip()), text[a:b].strip()) for a, b in bounds]


class _Blocks:
    """Splits lines into blocks; containers (quotes, list items) recurse on their inner lines."""

    def __init__(self, refs: Refs) -> None:
        self.refs = refs
        self.blocks: list[TextBlock] = []
        self.links: list[Link] = []
        self.depth = 0

    def run(self, lines: list[Line], paragraph_kind: str) -> None:
        paragraph: list[Line] = []
        i = 0
        while i < len(lines):
            start, text = lines[i]
            indent, first = _indent(text)
            body = text[first:]
            following = lines[i + 1] if i + 1 < len(lines) else None
            if _blank(body) or (indent < 4 and paragraph and SETEXT.match(body)):
                if paragraph and not _blank(body):
                    self.emit(paragraph, "heading", 1 if body[0] == "=" else 2)
                else:
                    self.emit(paragraph, paragraph_kind)
                paragraph, i = [], i + 1
                continue
            kind = _start_kind(body, bool(paragraph)) if indent < 4 else None
            if kind in ("quote", "list") and self.depth >= MAX_NESTING:
                kind = None
            if indent >= 4 and not paragraph:
                i += 1  # indented code
            elif indent < 4 and following and self._table_start(body, following):
                self.emit(paragraph, paragraph_kind)
                paragraph, i = [], self._table(lines, i)
            elif kind is None and (paragraph or not REF_DEF.match(body)):
                paragraph.append((start + first, body))
                i += 1
            else:
                self.emit(paragraph, paragraph_kind)
                paragraph, i = [], self._block(kind, lines, i, indent, first)
        self.emit(paragraph, paragraph_kind)

    def _block(self, kind: str | None, lines: list[Line], i: int, indent: int, first: int) -> int:
        """Handle a non-paragraph block starting at line ``i``; returns the next line index."""
        start, text = lines[i]
        body = text[first:]
        if kind == "fence":
            match = FENCE.match(body)
            fence = match.group(1) or match.group(2)
            i += 1
            while i < len(lines):
                close_indent, close_first = _indent(lines[i][1])
                i += 1
                if close_indent < 4 and _closes(lines[i - 1][1][close_first:], fence):
                    break
            return i
        if kind == "atx":
            match = ATX.match(body)
            content = match.group(2) or ""
            if closing := ATX_CLOSE.search(content):
                content = content[: closing.start()]
            self.emit([(start + first + max(match.start(2), 0), content)], "heading", len(match.group(1)))
        elif kind in ("quote", "list"):
            self.depth += 1
            i = self._quote(lines, i) if kind == "quote" else self._list_item(lines, i, indent, first)
            self.depth -= 1
            return i
        return i + 1  # thematic break or link reference definition

    def _quote(self, lines: list[Line], i: int) -> int:
        inner: list[Line] = []
        while i < len(lines):
            start, text = lines[i]
            indent, first = _indent(text)
            body = text[first:]
            if indent < 4 and body.startswith(">"):
                k = first + 1 + (text[first + 1 : first + 2] in (" ", "\t"))
                inner.append((start + k, text[k:]))
            elif not _blank(body) and inner and not _blank(inner[-1][1]) and not _start_kind(body, True):
                inner.append((start + first, body))  # lazy continuation
            else:
                break
            i += 1
        self.run(inner, "quote")
        return i

    def _list_item(self, lines: list[Line], i: int, indent: int, first: int) -> int:
        start, text = lines[i]
        match = LIST_ITEM.match(text, first)
        marker_end = indent + len(match.group(1))
        gap = _indent(" " * marker_end + match.group(3))[0] - marker_end
        column = marker_end + (gap if not _blank(match.group(4)) and gap <= 4 else 1)
        inner, blanks = [(start + match.start(4), match.group(4))], []
        i += 1
        while i < len(lines):
            line_indent, line_first = _indent(lines[i][1])
            if _blank(lines[i][1]):
                blanks.append(lines[i])
            elif line_indent >= column:
                inner += blanks + [_dedent(lines[i], column)]
                blanks = []
            elif not blanks and not _blank(inner[-1][1]) and not _start_kind(lines[i][1][line_first:], False):
                inner.append((lines[i][0] + line_first, lines[i][1][line_first:]))  # lazy continuation
            else:
                break
            i += 1
        self.run(inner, "list-item")
        return i

    def _table_start(self, header: str, following: Line) -> bool:
        indent, first = _indent(following[1])
        delimiter = following[1][first:]
        return (
            indent < 4
            and "|" in header
            and "|" in delimiter
            and TABLE_DELIM.match(delimiter) is not None
            and len(_cells((0, header))) == len(_cells((0, delimiter)))
        )

    def _table(self, lines: list[Line], i: int) -> int:
        width = len(_cells(lines[i + 1]))
        rows = [lines[i]]
        i += 2
        while i < len(lines):
            indent, first = _indent(lines[i][1])
            body = lines[i][1][first:]
            if _blank(body) or (indent < 4 and _start_kind(body, True)):
                break
            rows.append(lines[i])
            i += 1
        for row in rows:
            for cell in _cells(row)[:width]:
                self.emit([cell], "table-cell")
        return i

    def emit(self, lines: list[Line], kind: str, level: int = 0) -> None:
        """Add a block of ``kind`` made from the inline content of ``lines``, if it has text."""
        if not lines:
            return
        chars: list[str] = []
        spans: list[Span] = []
        for index, (start, text) in enumerate(lines):
            if index:
                end = spans[-1][1] if spans else start
                chars.append("\n")
                spans.append((end, end))
            if kind != "table-cell" or "\\|" not in text:
                chars.extend(text)
                spans.extend(zip(range(start, start + len(text)), range(start + 1, start + len(text) + 1)))
                continue
            for k, char in enumerate(text):
                escaped_pipe = k > 0 and text.startswith("\\|", k - 1)
                if text.startswith("\\|", k):
                    continue  # GFM unescapes \| in cells before inline parsing, even inside code
                chars.append(char)
                spans.append((start + k - escaped_pipe, start + k + 1))
        builder = TextBuilder()
        inline = InlineContent("".join(chars), spans, self.refs)
        builder.add_pieces(inline_pieces(inline, 0, len(chars)))
        self.links.extend(inline.links)
        if block := make_block(builder, kind, level):
            self.blocks.append(block)
