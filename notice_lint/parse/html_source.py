"""A position-keeping pass over raw HTML.

The document tree comes from lxml's parser (:mod:`.html_tree`), which repairs HTML as browsers
do but forgets where text stood. This lexer walks the raw source once and records (a) every text
character outside markup, decoded, with the source span it came from, and (b) every start tag
with the source offsets of its attribute values. The parser then finds each tree text node in
that stream, which gives every character of the notice its original position.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..text import TextBuilder, extend_spans

ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
RAW_TEXT = ("script", "style")
ESCAPABLE_RAW_TEXT = ("title", "textarea")


@dataclass
class SourceTag:
    """A start tag: its lowercase name and, per attribute, the raw value and where it starts."""

    name: str
    start: int
    attrs: dict[str, tuple[str, int]] = field(default_factory=dict)


class SourceIndex:
    """The decoded text stream of an HTML source and its start tags, with source offsets."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.tags: list[SourceTag] = []
        self._scan()
        self.text = "".join(self._chars)
        del self._chars

    def _scan(self) -> None:
        source, pos, size = self.source, 0, len(self.source)
        while pos < size:
            lt = source.find("<", pos)
            if lt < 0:
                self._add_text(pos, size)
                break
            self._add_text(pos, lt)
            pos = self._markup(lt)

    def _markup(self, lt: int) -> int:
        """Consume the markup at ``lt``; returns where scanning resumes."""
        source = self.source
        if source.startswith("<!--", lt):
            end = source.find("-->", lt + 4)
            return len(source) if end < 0 else end + 3
        if source.startswith(("<!", "<?", "</"), lt):
            if source.startswith("</", lt) and lt + 2 >= len(source):
                self._add_text(lt, lt + 2)  # "</" at the very end is text; before anything else it opens
                return lt + 2  # an end tag, or a bogus comment up to ">" ("</ a>", "</<p>"), as in browsers
            end = source.find(">", lt)
            return len(source) if end < 0 else end + 1
        match = TAG_NAME.match(source, lt)
        if not match:
            self._add_text(lt, lt + 1)
            return lt + 1
        tag, end = self._start_tag(match)
        self.tags.append(tag)
        if tag.name in RAW_TEXT or tag.name in ESCAPABLE_RAW_TEXT:
            close = _find_close(source, tag.name, end)
            if tag.name in ESCAPABLE_RAW_TEXT:
                self._add_text(end, close)
            end_close = source.find(">", close)
            return len(source) if end_close < 0 else end_close + 1
        return end

    def _start_tag(self, match: re.Match[str]) -> tuple[SourceTag, int]:
        source = self.source
        tag = SourceTag(match.group(1).lower(), match.start())
        pos = match.end()
        while pos < len(source):
            while pos < len(source) and (source[pos].isspace() or source[pos] == "/"):
                pos += 1
            if pos >= len(source) or source[pos] == ">":
                break
            attr = ATTRIBUTE.match(source, pos)
            if not attr:
                pos += 1
                continue
            name = attr.group(1).lower()
            for group in (2, 3, 4):
                if attr.group(group) is not None:
                    tag.attrs.setdefault(name, (attr.group(group), attr.start(group)))
                    break
            else:
                tag.attrs.setdefault(name, ("", attr.end()))
            pos = max(attr.end(), pos + 1)
        return tag, min(pos + 1, len(source))

    def _add_text(self, start: int, end: int) -> None:
        """Append source[start:end] decoded: entities resolved, CRLF and CR read as LF, NUL as U+FFFD."""
        source = self.source
        pos = start
        while pos < end:
            amp = source.find("&", pos, end)
            cr = source.find("\r", pos, end)
            nul = source.find("\x00", pos, end)
            stop = min(x for x in (amp, cr, nul, end) if x >= 0)
            if stop > pos:
                self._chars.extend(source[pos:stop])
                extend_spans(self.starts, self.ends, pos, stop)
                pos = stop
                continue
            if pos == nul:
                self._push("\ufffd", pos, pos + 1)  # as the parser reads it
                pos += 1
                continue
            if pos == cr:
                width = 2 if source.startswith("\r\n", pos) and pos + 1 < end else 1
                self._push("\n", pos, pos + width)
                pos += width
                continue
            entity = ENTITY.match(source, pos, end)
            if entity:
                for char in html.unescape(entity.group()):
                    self._push(char, pos, entity.end())
                pos = entity.end()
            else:
                self._push("&", pos, pos + 1)
                pos += 1

    def _push(self, char: str, start: int, end: int) -> None:
        self._chars.append(char)
        self.starts.append(start)
        self.ends.append(end)


def _find_close(source: str, name: str, start: int) -> int:
    """Offset of ``</name`` after ``start`` (case-insensitive), or the end of the source."""
    match = re.compile(r"</" + re.escape(name) + r"[\s>/]", re.IGNORECASE).search(source, start)
    return match.start() if match else len(source)


def add_value(builder: TextBuilder, raw: str, start: int) -> None:
    """Add an attribute value standing at ``start``, resolving its entities."""
    pos = 0
    for entity in ENTITY.finditer(raw):
        builder.add(raw[pos : entity.start()], start + pos)
        builder.add_decoded(html.unescape(entity.group()), start + entity.start(), start + entity.end())
        pos = entity.end()
    builder.add(raw[pos:], start + pos)
