"""The data every stage shares: a parsed notice, its text blocks and preview fields, and findings."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .live import LiveFacts


class Severity(str, Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


@dataclass(frozen=True)
class MappedText:
    """Normalized text that remembers, for every character, the source span it came from.

    ``starts[i]`` and ``ends[i]`` are offsets into the decoded source (characters, not bytes)
    of the text that produced ``text[i]``; an entity such as ``&amp;`` maps one character to
    several source characters. ``anchor`` is the source offset used when the text is empty.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    anchor: int = 0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering ``text[start:end]``."""
        if not self.text:
            return self.anchor, self.anchor
        if start >= len(self.text):
            return self.ends[-1], self.ends[-1]
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True)
class TextBlock(MappedText):
    """One block of the notice body: a heading, paragraph, list item, table cell, ..."""

    kind: str = "paragraph"
    level: int = 0
    language: str = ""


@dataclass(frozen=True)
class MetaField(MappedText):
    """One preview or page metadata value, e.g. ``og:title`` or the HTML ``title``."""

    name: str = ""


PREVIEW_TEXT_FIELDS = (
    "og:title",
    "og:description",
    "twitter:title",
    "twitter:description",
    "title",
    "description",
    "subject",
)
"""Metadata fields whose text a link preview can show (an email's subject is its preview), in the order they are reported."""


@dataclass(frozen=True)
class Link:
    """A link in the notice body: the text a reader sees, where it points, and where both stand.

    ``text_start:text_end`` and ``href_start:href_end`` are source offsets. A web address written out
    in the text (``bare``) is its own target, so both spans are the same.
    """

    text: str
    href: str
    text_start: int
    text_end: int
    href_start: int
    href_end: int
    bare: bool = False


@dataclass(frozen=True)
class Settings:
    """What a run knows about the organisation behind its notices (from configuration).

    ``domains`` are its own web domains (``example.com`` also covers ``www.example.com``); empty means
    not configured, and rules that need them stay silent.
    """

    organisation: str = ""
    domains: tuple[str, ...] = ()
    notice_date: str = ""
    """The day the notices were or will be published (``--notice-date``, ``YYYY-MM-DD``); empty when not given."""


@dataclass
class Notice:
    """A parsed notice: where it came from, its body blocks and its preview metadata."""

    path: str
    source: str
    format: str
    language: str
    blocks: list[TextBlock] = field(default_factory=list)
    meta: list[MetaField] = field(default_factory=list)
    has_head: bool = False
    """The source declares page metadata (an HTML head, Markdown front matter), so previews apply."""
    links: list[Link] = field(default_factory=list)
    """Links in the body, in source order: markup links and web addresses written out in the text."""
    live: LiveFacts | None = field(default=None, repr=False, compare=False)
    """What fetching the notice's URL found (notice_lint.live), or None for a local input."""

    def meta_field(self, name: str) -> MetaField | None:
        """The first non-empty metadata field called ``name`` (platforms mostly take the first)."""
        for item in self.meta:
            if item.name == name and item.text.strip():
                return item
        return None

    def preview_fields(self) -> list[MetaField]:
        """Every preview text field present, in document order."""
        return [item for item in self.meta if item.name in PREVIEW_TEXT_FIELDS]

    def headline(self) -> TextBlock | MetaField | None:
        """What a missing-element finding points at: the first heading, else the title."""
        for block in self.blocks:
            if block.kind in ("title", "heading"):
                return block
        return self.meta_field("title") or (self.blocks[0] if self.blocks else None)

    @cached_property
    def _line_starts(self) -> list[int]:
        return line_starts(self.source)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1


LINE_BREAK = re.compile(r"\r\n?|\n")
"""A line ends at LF, CRLF or a lone CR, as editors count lines."""


def line_starts(source: str) -> list[int]:
    """The offset where each line of ``source`` starts."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(source))]


@dataclass(frozen=True)
class Finding:
    """One problem found in a notice, positioned in the original source."""

    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestion: str | None = None
    field: str | None = None
    element: str | None = None
    start: int | None = None
    """Offset of the finding's first character in the decoded source (characters, not bytes)."""
    end: int | None = None
    """Offset just past the finding's last character in the decoded source."""
    fix: str | None = None
    """A safe replacement for ``source[start:end]`` ("" deletes it), or None when there is none."""

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.rule, self.field or "", self.element or "")
