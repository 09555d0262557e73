"""Inline Markdown: emphasis, code spans, links, autolinks, entities, escapes and inline HTML.

``inline_pieces`` returns the visible text of a block's content, each piece with its source span.
"""

from __future__ import annotations

import bisect
import html
import re
import string
import unicodedata
from dataclasses import dataclass

from ..model import Link

ESCAPABLE = frozenset(string.punctuation)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
AUTOLINK = re.compile(
    r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*)>"
)
TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9\-]*)(?=[\s/>])(?:[^<>"']|"[^"]*"|'[^']*')*>""")
BREAK_TAGS = frozenset(
    "br p div li ul ol dl dt dd tr td th table thead tbody section article header footer main nav aside"
    " blockquote hr pre figure figcaption address center details summary h1 h2 h3 h4 h5 h6".split()
)


PLAIN = re.compile(r"[^\\`\[!<&*_~]+")
"""Characters none of the inline rules below starts at."""
Piece = tuple[str, int, int]
"""Text and the source span it came from."""
Span = tuple[int, int]
Refs = dict[str, tuple[str, int, int]]
"""Link reference definitions: label -> (destination, its source span)."""


def link_label(label: str) -> str:
    """A reference label as CommonMark compares them: case- and whitespace-insensitive."""
    return " ".join(label.split()).casefold()


@dataclass
class _Run:
    """A run of ``*``, ``_`` or ``~`` that may open or close emphasis."""

    char: str
    at: int
    length: int
    can_open: bool
    can_close: bool
    left: int = 0
    right: int = 0

    @property
    def avail(self) -> int:
        return self.length - self.left - self.right


MARKUP = re.compile(r"[`\[\]\\]")
"""The characters that open or close code spans and link brackets, or escape the next one."""


class InlineContent:
    """A block's inline source: characters, their source spans, and where spans and links close."""

    def __init__(self, content: str, spans: list[Span], refs: Refs) -> None:
        self.content, self.spans, self.refs = content, spans, refs
        self.links: list[Link] = []
        self.ticks: dict[int, list[int]] = {}  # backtick run length -> starts of such runs
        self.brackets: dict[int, int] = {}  # "[" -> matching "]", outside code spans
        k = 0
        while (k := content.find("`", k)) >= 0:
            length = _run_length(content, k, len(content))
            self.ticks.setdefault(length, []).append(k)
            k += length
        stack: list[int] = []
        k = 0
        while (special := MARKUP.search(content, k)) is not None:
            k = special.start()
            char = content[k]
            if char == "`":
                length = _run_length(content, k, len(content))
                close = self.code_close(k, length, len(content))
                k = close + length if close >= 0 else k + length
                continue
            if char == "[":
                stack.append(k)
            elif char == "]" and stack:
                self.brackets[stack.pop()] = k
            k += 2 if char == "\\" else 1

    def add_link(self, pieces: list[Piece], link: tuple[int, int, int]) -> None:
        """Keep a link whose visible pieces are ``pieces``, with its inline or reference destination."""
        shown = [piece for piece in pieces if piece[0].strip()]
        if not shown:
            return
        text = " ".join("".join(piece[0] for piece in pieces).split())
        start, end = shown[0][1], shown[-1][2]
        lo, close, stop = link
        content = self.content
        if content.startswith("(", close + 1) and content[stop - 1] == ")":
            k = close + 2
            while k < stop and content[k].isspace():
                k += 1
            if content.startswith("<", k):
                dest_end = content.find(">", k, stop) + 1
            else:
                dest_end = k
                while dest_end < stop - 1 and not content[dest_end].isspace():
                    dest_end += 1
            href = content[k:dest_end].strip("<>")
            if href:
                start_href, end_href = self.spans[k][0], self.spans[dest_end - 1][1]
                self.links.append(Link(text, href, start, end, start_href, end_href))
            return
        label = content[close + 2 : stop - 1] if content.startswith("[", close + 1) and stop > close + 1 else ""
        href, start_href, end_href = self.refs.get(link_label(label or content[lo:close]), ("", start, end))
        self.links.append(Link(text, href, start, end, start_href, end_href))

    def code_close(self, i: int, n: int, hi: int) -> int:
        """Start of the backtick run of exactly ``n`` that closes the code span at ``i``, or -1."""
        runs = self.ticks.get(n, [])
        k = bisect.bisect_right(runs, i)
        return runs[k] if k < len(runs) and runs[k] < hi else -1


def inline_pieces(text: InlineContent, lo: int, hi: int) -> list[Piece]:
    """The visible pieces of ``text.content[lo:hi]``, mapped through the source spans."""
    content, spans = text.content, text.spans
    items: list[Piece | _Run] = []

    def put(a: int, b: int) -> None:
        items.extend([(char, *span) for char, span in zip(content[a:b].replace("\n", " "), spans[a:b])])

    i = lo
    while i < hi:
        plain = PLAIN.match(content, i, hi)
        if plain:  # a run without markup characters: as it is
            put(i, plain.end())
            i = plain.end()
            continue
        char = content[i]
        nxt = content[i + 1] if i + 1 < hi else ""
        if char == "\\" and nxt and nxt in ESCAPABLE:
            items.append((nxt, spans[i][0], spans[i + 1][1]))
            i += 2
            continue
        if char == "\\" and nxt == "\n":
            i += 1  # hard line break: the newline itself becomes the word break
            continue
        if char == "`":
            n = _run_length(content, i, hi)
            close = text.code_close(i, n, hi)
            if close >= 0:
                put(i + n, close)
                i = close + n
            else:
                put(i, i + n)
                i += n
            continue
        if char == "[" or (char == "!" and nxt == "["):
            link = _link(text, i + (char == "!"), hi)
            if link:
                pieces = inline_pieces(text, link[0], link[1])
                items.extend(pieces)
                if char == "[":
                    text.add_link(pieces, link)
                i = link[2]
                continue
        if char == "<" and (match := AUTOLINK.match(content, i, hi)):
            put(match.start(1), match.end(1))
            url, start, end = match.group(1), spans[match.start(1)][0], spans[match.end(1) - 1][1]
            href = url if ":" in url else f"mailto:{url}"
            text.links.append(Link(url, href, start, end, start, end))
            i = match.end()
            continue
        if char == "<" and (match := TAG.match(content, i, hi)):
            if match.group(2).lower() in BREAK_TAGS:
                items.append((" ", spans[i][0], spans[i][0]))
            i = match.end()
            continue
        if char == "&" and (match := ENTITY.match(content, i, hi)):
            decoded = html.unescape(match.group())
            if decoded != match.group():
                items.append((decoded, spans[i][0], spans[match.end() - 1][1]))
                i = match.end()
                continue
        if char in "*_~":
            n = _run_length(content, i, hi)
            items.append(_delimiter(content, i, n))
            i += n
            continue
        put(i, i + 1)
        i += 1
    return _resolve(items, spans)


def _run_length(content: str, i: int, hi: int) -> int:
    k = i
    while k < hi and content[k] == content[i]:
        k += 1
    return k - i


def _link(text: InlineContent, i: int, hi: int) -> tuple[int, int, int] | None:
    """(text start, text end, end) of an inline or reference link whose ``[`` is at ``i``."""
    content = text.content
    close = text.brackets.get(i, -1)
    if close < 0 or close >= hi:
        return None
    after = close + 1
    if content.startswith("(", after) and (end := _destination_end(content, after, hi)):
        return i + 1, close, end
    if content.startswith("[", after) and (label_end := content.find("]", after, hi)) >= 0:
        label = content[after + 1 : label_end] or content[i + 1 : close]
        if link_label(label) in text.refs:
            return i + 1, close, label_end + 1
    if link_label(content[i + 1 : close]) in text.refs:
        return i + 1, close, after
    return None


def _destination_end(content: str, k: int, hi: int) -> int | None:
    """End of ``(destination "title")`` starting at the ``(`` at ``k``, or None if malformed."""
    k += 1
    while k < hi and content[k].isspace():
        k += 1
    if k < hi and content[k] == "<":
        k = content.find(">", k, hi) + 1
        if k == 0:
            return None
    else:
        depth = 0
        while k < hi and not content[k].isspace():
            if content[k] == "\\":
                k += 1
            elif content[k] == "(":
                depth += 1
            elif content[k] == ")":
                if depth == 0:
                    break
                depth -= 1
            k += 1
    while k < hi and content[k].isspace():
        k += 1
    if k < hi and content[k] in "\"'(":
        closer = ")" if content[k] == "(" else content[k]
        k += 1
        while k < hi and content[k] != closer:
            k += 2 if content[k] == "\\" else 1
        k += 1
        while k < hi and content[k].isspace():
            k += 1
    return k + 1 if k < hi and content[k] == ")" else None


def _punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _delimiter(content: str, i: int, n: int) -> _Run:
    """A delimiter run with CommonMark's flanking rules (``_`` never splits a snake_case word)."""
    char = content[i]
    before = content[i - 1] if i > 0 else " "
    after = content[i + n] if i + n < len(content) else " "
    left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
    right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
    if char == "_":
        return _Run(char, i, n, left and (not right or _punct(before)), right and (not left or _punct(after)))
    if char == "~" and n > 2:
        return _Run(char, i, n, False, False)
    return _Run(char, i, n, left, right)


def _pairs(opener: _Run, closer: _Run) -> bool:
    if opener.char != closer.char or not opener.can_open or not opener.avail:
        return False
    if closer.char == "~":
        return opener.avail == closer.avail
    odd = (opener.can_close or closer.can_open) and (opener.length + closer.length) % 3 == 0
    return not odd or (opener.length % 3 == 0 and closer.length % 3 == 0)


def _resolve(items: list[Piece | _Run], spans: list[Span]) -> list[Piece]:
    """Match emphasis openers with closers (CommonMark's delimiter stack), drop matched markers."""
    runs = [item for item in items if type(item) is _Run]
    if not runs:
        return items  # type: ignore[return-value]  # no emphasis markers: every item is a piece
    stack: list[_Run] = []
    bottoms: dict[tuple[str, bool, int], int] = {}  # stack depth below which a search failed
    for closer in runs:
        key = (closer.char, closer.can_open, closer.length % 3)
        while closer.can_close and closer.avail:
            floor = bottoms.get(key, 0)
            found = next((k for k in range(len(stack) - 1, floor - 1, -1) if _pairs(stack[k], closer)), None)
            if found is None:
                bottoms[key] = len(stack)
                break
            opener = stack[found]
            use = closer.avail if closer.char == "~" else 2 if opener.avail >= 2 and closer.avail >= 2 else 1
            opener.right += use
            closer.left += use
            del stack[found + (opener.avail > 0) :]  # runs in between stay literal
            bottoms = {name: min(depth, len(stack)) for name, depth in bottoms.items()}
        if closer.can_open and closer.avail:
            stack.append(closer)
    pieces: list[Piece] = []
    for item in items:
        if type(item) is _Run:
            kept = range(item.at + item.left, item.at + item.length - item.right)
            pieces.extend((item.char, *spans[k]) for k in kept)
        else:
            pieces.append(item)
    return pieces
