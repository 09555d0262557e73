"""Build normalized text that keeps a map back to the source.

Every parser feeds characters with their source spans into a :class:`TextBuilder`. ``build``
removes characters that can hide a word from a rule (zero-width characters, soft hyphens),
folds compatibility forms (full-width letters, typographic quotes), collapses whitespace and
assembles Hangul spelled out in letters (:mod:`notice_lint.hangul`), while each remaining
character keeps the source span it came from.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .hangul import compose
from .model import MetaField, TextBlock

INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
"""Characters that render as nothing (joiners, soft hyphens, direction marks, Hangul fillers that
join a syllable) but split a word for a naive matcher."""
BLANK = frozenset("\u3164\uffa0\u2800")
"""Letters that render as a blank (Hangul fillers standing alone, the braille blank): word breaks."""

FOLD = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'"}


UNFOLDED = re.compile(r"[\x00-\x7f\uac00-\ud7a3]+")
"""Characters :func:`fold_char` keeps as they are and that most notices are made of: ASCII, Hangul syllables."""


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The form a rule sees for one source character (may be longer or empty)."""
    if char.isascii():
        return char
    if char in INVISIBLE:
        return ""
    if char in FOLD:
        return FOLD[char]
    if char.isspace() or char in BLANK:
        return " "
    return unicodedata.normalize("NFKC", char)


def extend_spans(starts: list[int], ends: list[int], start: int, stop: int) -> None:
    """Append the source spans of the characters at ``start:stop``, one each. A character's end and the next
    one's start are one int object (an int is 32 bytes, and notices keep these for every character)."""
    offsets = list(range(start, stop + 1))
    starts.extend(offsets[:-1])
    ends.extend(offsets[1:])


class TextBuilder:
    """Collects characters with their source spans, then builds normalized, mapped text."""

    def __init__(self) -> None:
        self._chars: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, text: str, start: int) -> None:
        """Add ``text`` that stands verbatim in the source at ``start``."""
        self._chars.extend(text)
        extend_spans(self._starts, self._ends, start, start + len(text))

    def add_decoded(self, text: str, start: int, end: int) -> None:
        """Add ``text`` decoded from the source span ``start:end`` (an entity, an escape)."""
        for char in text:
            self._chars.append(char)
            self._starts.append(start)
            self._ends.append(end)

    def add_pieces(self, pieces: list[tuple[str, int, int]]) -> None:
        """Add each ``(text, start, end)``: ``text`` decoded from the source span ``start:end``."""
        chars, starts, ends = self._chars, self._starts, self._ends
        if not pieces:
            return
        texts, piece_starts, piece_ends = zip(*pieces)
        joined = "".join(texts)
        if len(joined) == len(texts) and "" not in texts:  # one character each, the usual case
            chars.extend(joined)
            starts.extend(piece_starts)
            ends.extend(piece_ends)
            return
        for text, start, end in pieces:
            if len(text) == 1:
                chars.append(text)
                starts.append(start)
                ends.append(end)
            else:
                chars.extend(text)
                starts.extend([start] * len(text))
                ends.extend([end] * len(text))

    def add_spans(self, text: str, starts: list[int], ends: list[int]) -> None:
        """Add ``text`` whose characters each came from ``starts[i]:ends[i]`` of the source."""
        self._chars.extend(text)
        self._starts.extend(starts)
        self._ends.extend(ends)

    def add_break(self, at: int) -> None:
        """Add a word break that has no text in the source (``<br>``, a joined line)."""
        self.add_decoded(" ", at, at)

    def _collapsed(self, raw: str) -> tuple[str, list[int], list[int]]:
        """``raw`` (the added characters, none of which folds) with each run of whitespace made one space
        and none at either end, with source spans."""
        if raw and raw[0] != " " and raw[-1] != " " and not UNCOLLAPSED.search(raw):
            return (raw, *self._single_spaced(raw))
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for run in NON_SPACE.finditer(raw):
            first, last = run.span()
            if out:
                space_start, space_end = _space_span(starts, ends, self._starts[first])
                out.append(" ")
                starts.append(space_start)
                ends.append(space_end)
            out.append(run.group())
            starts.extend(self._starts[first:last])
            ends.extend(self._ends[first:last])
        return "".join(out), starts, ends

    def _single_spaced(self, raw: str) -> tuple[list[int], list[int]]:
        """Source spans of ``raw`` when its only whitespace is single spaces between words (the usual
        case): the characters keep theirs, each space gets the one :func:`_space_span` gives it."""
        starts, ends = self._starts[:], self._ends[:]
        position = raw.find(" ")
        while position != -1:
            before_start, before_end, after = starts[position - 1], ends[position - 1], starts[position + 1]
            starts[position] = before_start if after < before_start else min(before_end, after)
            ends[position] = after
            position = raw.find(" ", position + 1)
        return starts, ends

    def has_text(self) -> bool:
        return any(fold_char(char).strip() for char in self._chars)

    def first_offset(self, default: int = 0) -> int:
        return self._starts[0] if self._starts else default

    def build(self) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
        """Normalized text and its per-character source starts and ends."""
        raw = "".join(self._chars)
        rest = raw if raw.isascii() else UNFOLDED.sub("", raw)
        if not rest or all(fold_char(char) == char for char in set(rest) if not char.isspace()):
            text, starts, ends = self._collapsed(raw)  # nothing to fold: only whitespace to collapse
            text, starts, ends = compose(text, starts, ends)
            return text, tuple(starts), tuple(ends)
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pending_space = False
        for char, start, end in zip(self._chars, self._starts, self._ends):
            folded = fold_char(char)
            for piece in folded:
                if piece.isspace():
                    pending_space = bool(out)
                    continue
                if pending_space:
                    out.append(" ")
                    space_start, space_end = _space_span(starts, ends, start)
                    starts.append(space_start)
                    ends.append(space_end)
                    pending_space = False
                out.append(piece)
                starts.append(start)
                ends.append(end)
        text, starts, ends = compose("".join(out), starts, ends)
        return text, tuple(starts), tuple(ends)


NON_SPACE = re.compile(r"\S+")
UNCOLLAPSED = re.compile(r"\s\s|[^\S ]")
"""Whitespace that collapsing changes: a run, or a space character other than ' '."""


def _space_span(starts: list[int], ends: list[int], start: int) -> tuple[int, int]:
    """Source span of the space that joins the text so far to a character starting at ``start``: between
    them, never before the previous character nor past its end."""
    return (starts[-1] if start < starts[-1] else min(ends[-1], start)), start


def make_block(builder: TextBuilder, kind: str, level: int = 0) -> TextBlock | None:
    """A body block from the builder's text, or None when it holds no visible text."""
    text, starts, ends = builder.build()
    if not text:
        return None
    return TextBlock(text, starts, ends, anchor=starts[0], kind=kind, level=level)


def make_meta(builder: TextBuilder, name: str, anchor: int) -> MetaField:
    """A metadata field from the builder's text; ``anchor`` positions an empty value."""
    text, starts, ends = builder.build()
    return MetaField(text, starts, ends, anchor=anchor, name=name)


def mapped_meta(name: str, value: str, start: int, anchor: int | None = None) -> MetaField:
    """A metadata field whose value stands verbatim in the source at ``start``."""
    builder = TextBuilder()
    builder.add(value, start)
    return make_meta(builder, name, start if anchor is None else anchor)
