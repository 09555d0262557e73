"""Parse plain-text notices: blank-line separated blocks, a title, headings and list items.

List markers (``-``, ``•``, ``1.``, ``①``, ``가.`` ...) and heading symbols (``■``, ``◆`` ...)
are left out of the block text; bracketed headings (``[안내]``, ``【...】``, ``<...>``) keep
their brackets, and a ``■ label: value`` line is a list item rather than a heading. Every
character keeps its exact source offset.
"""

from __future__ import annotations

import re

from ..model import TextBlock
from ..text import TextBuilder, make_block
from . import Parsed

Line = tuple[int, str]
"""A source line: the offset of its first character and its text without the line ending."""

LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")
_KO_ENUM = "가나다라마바사아자차카타파하"
LIST_MARK = re.compile(
    r"(?:[-*](?=[ \t])|[•·ㆍ○◦▶▷►▸‣∙]"
    rf"|(?:\d{{1,3}}|[{_KO_ENUM}])[.)](?=[ \t])|[\u2460-\u2473]|\((?:\d{{1,3}}|[{_KO_ENUM}])\))[ \t]*"
)
HEAD_SYMBOL = re.compile(r"[■□◆◇●][ \t]*")
HEAD_BRACKET = re.compile(r"【[^】]*】|\[[^\]]*\]|<[^>]*>")
UNDERLINE = re.compile(r"[ \t]*(={3,}|-{3,})[ \t]*$")
SEPARATOR = re.compile(r"[ \t]*([-=_*~─━═])(?:[ \t]*\1){2,}[ \t]*$")
SENTENCE_END = re.compile(r"(?:[.!?。．！？…,;]|니다|세요|시오|어요|아요|께|귀하)[\"'”’)\]」』]*$")
"""A line ending like a sentence, a clause or a salutation is not a heading; a trailing ':' is."""
DATE_LINE = re.compile(
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4}"
    r"|\d{4}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}\s*[.일]?(?:\s*\(.\))?)"
)
SMS_TAG = re.compile(r"\[(?:Web|웹)\s*발신\]")
LABELLED = re.compile(r"[^:]{1,30}:[ \t]+\S")
"""``유출 시점: 2025년 2월 3일`` (with or without ■) is a labelled statement, not a section heading."""
BARE_LINK = re.compile(r"\S*(?:://|@|www\.)\S*")


def split_lines(source: str, begin: int = 0) -> list[Line]:
    """Each line from ``begin`` with its offset; ends may be ``\\n``, ``\\r\\n`` or ``\\r``.

    A byte-order mark at the very start of the source is skipped.
    """
    if begin == 0 and source.startswith("\ufeff"):
        begin = 1
    lines: list[Line] = []
    pos = begin
    while pos < len(source):
        match = LINE.match(source, pos)
        lines.append((pos, match.group(1)))
        pos = match.end()
    return lines


def parse(source: str) -> Parsed:
    """Blocks of a plain-text notice; plain text carries no metadata or declared language."""
    groups: list[list[Line]] = [[]]
    for line in split_lines(source):
        if line[1].strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    groups = [group for group in groups if group]
    blocks: list[TextBlock] = []
    for index, group in enumerate(groups):
        blocks.extend(_group_blocks(group, first=not blocks, last=index == len(groups) - 1))
    return Parsed(blocks=blocks)


def _group_blocks(group: list[Line], first: bool, last: bool) -> list[TextBlock]:
    """The blocks of one run of non-blank lines."""
    underlined = len(group) == 2 and UNDERLINE.match(group[1][1]) and not SEPARATOR.match(group[0][1])
    if len(group) == 1 or underlined:
        block = _single(group[0], group[1][1] if underlined else None, first, last)
        return [block] if block else []
    blocks: list[TextBlock] = []
    builder: TextBuilder | None = None
    kind = "paragraph"

    def flush() -> None:
        nonlocal builder
        if builder is not None and (block := make_block(builder, kind)):
            blocks.append(block)
        builder = None

    index = 0
    while index < len(group):
        start, text = group[index]
        lead = len(text) - len(text.lstrip())
        body = text[lead:]
        if index + 1 < len(group) and UNDERLINE.match(group[index + 1][1]) and not SEPARATOR.match(text):
            flush()
            level = 1 if "=" in group[index + 1][1] else 2
            blocks.extend(_maybe(_build(start + lead, body), "heading", level))
            index += 2
            continue
        index += 1
        if SEPARATOR.match(text):
            flush()
        elif (heading := _heading_text(start + lead, body)) is not None:
            flush()
            blocks.extend(_maybe(*_marked(heading)))
        elif mark := LIST_MARK.match(body):
            flush()
            kind, builder = "list-item", _build(start + lead + mark.end(), body[mark.end():])
        elif builder is not None and (kind == "paragraph" or lead > 0):
            builder.add_break(start)
            builder.add(body, start + lead)
        else:
            flush()
            kind, builder = "paragraph", _build(start + lead, body)
    flush()
    return blocks


def _single(line: Line, underline: str | None, first: bool, last: bool) -> TextBlock | None:
    """The block of a group holding one line (optionally underlined)."""
    start, text = line
    lead = len(text) - len(text.lstrip())
    body = text[lead:].rstrip()
    if not underline and SEPARATOR.match(text):
        return None
    mark = LIST_MARK.match(body)
    heading = _heading_text(start + lead, body)
    if first and not mark and len(body) < 120:
        return make_block(_build(*(heading or (start + lead, body))), "title", 1)
    if underline:
        return make_block(_build(start + lead, body), "heading", 1 if "=" in underline else 2)
    if heading:
        return make_block(*_marked(heading))
    if mark:
        return make_block(_build(start + lead + mark.end(), body[mark.end():]), "list-item")
    plain = SENTENCE_END.search(body) or BARE_LINK.fullmatch(body) or DATE_LINE.fullmatch(body) or LABELLED.match(body)
    if not last and len(body) < 80 and not plain:
        return make_block(_build(start + lead, body), "heading", 2)
    return make_block(_build(start + lead, body), "paragraph")


def _heading_text(start: int, body: str) -> tuple[int, str] | None:
    """(offset, text) of a short line that a Korean-style heading symbol or bracket opens.

    A bracketed line that reads as a sentence, or is an SMS ``[Web발신]`` tag, is no heading.
    """
    if len(body.rstrip()) >= 80:
        return None
    if symbol := HEAD_SYMBOL.match(body):
        return start + symbol.end(), body[symbol.end():]
    if HEAD_BRACKET.match(body) and not SENTENCE_END.search(body) and not SMS_TAG.fullmatch(body.rstrip()):
        return start, body
    return None


def _marked(heading: tuple[int, str]) -> tuple[TextBuilder, str, int]:
    """Builder, kind and level for a marked line: a heading, or a list item if it is labelled."""
    if LABELLED.match(heading[1]):
        return _build(*heading), "list-item", 0
    return _build(*heading), "heading", 2


def _build(start: int, text: str) -> TextBuilder:
    builder = TextBuilder()
    builder.add(text, start)
    return builder


def _maybe(builder: TextBuilder, kind: str, level: int = 0) -> list[TextBlock]:
    block = make_block(builder, kind, level)
    return [block] if block else []
