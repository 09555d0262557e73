"""Kind ``layout``: a title and section headings a law prescribes, in the order it prescribes them.

California (Civ. Code 1798.82(d)(1)) wants the title "Notice of Data Breach" and the headings "What
Happened", "What Information Was Involved", "What We Are Doing", "What You Can Do" and "For More
Information", in that order. A heading counts when a heading block says it (numbering and final
punctuation aside: "2. What Happened?"), or when a paragraph starts with it as a run-in label
("What Happened. On March 3 ..."). The title counts when a title or heading before the first prescribed
heading, or a page title, matches one of the ``title`` patterns.

A pattern is a phrase, compared with the whole heading after normalizing case, spaces and quotes, or a
``/regex/`` searched in it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterator

from ..analysis import Analysis, Analyzed
from ..model import Finding
from ..packs import LANGUAGES, Rule, Where, required_str

KEYS = {"title", "title-label", "title-message", "headings", "order-message"}
HEADING_KEYS = {"label", "match", "reason"}
NUMBERING = re.compile(
    r"^\s*(?:[0-9]{1,2}|[ivx]{1,4}|[a-h]|[①-⑳]|[가나다라마바사아자차카타파하])\s*[.):]\s*|^\s*[■□◆◇●○▶►•\-*]+\s*", re.I
)
RUN_IN = re.compile(r"^\s*[.:?!—–-]")
TITLE_BLOCKS = 5
"""Without prescribed headings to bound it, the title is looked for among this many first blocks."""


def validate(data: dict[str, Any], where: Where) -> None:
    if "title" not in data and "headings" not in data:
        raise where.fail("a layout needs 'title', 'headings' or both")
    if "title" in data:
        _patterns_table(data["title"], where.at("title"))
        required_str(data, "title-label", where)
        required_str(data, "title-message", where)
    headings = data.get("headings", [])
    if not isinstance(headings, list):
        raise where.at("headings").fail("must be a list of [[headings]] tables")
    for position, table in enumerate(headings):
        here = where.at("headings").at(position)
        if not isinstance(table, dict) or set(table) - HEADING_KEYS:
            raise here.fail(f"must be a table with {', '.join(sorted(HEADING_KEYS))}")
        required_str(table, "label", here)
        _patterns_table(table.get("match"), here.at("match"))
    if headings:
        required_str(data, "order-message", where)


def _patterns_table(value: Any, where: Where) -> None:
    if not isinstance(value, dict) or not value or set(value) - set(LANGUAGES):
        raise where.fail("must be a table of languages (en, ko) to lists of phrases or /regex/")
    for language, patterns in value.items():
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p.strip() for p in patterns):
            raise where.at(language).fail("must be a non-empty list of phrases or /regex/")
        for position, pattern in enumerate(patterns):
            if _is_regex(pattern):
                try:
                    re.compile(pattern[1:-1])
                except re.error as error:
                    raise where.at(language).at(position).fail(f"invalid regular expression: {error}") from None


def _is_regex(pattern: str) -> bool:
    return len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/")


def normalize(text: str) -> str:
    """A heading as compared: lowercase, single spaces, straight quotes, no numbering or final punctuation."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = NUMBERING.sub("", " ".join(text.split()).lower())
    return text.strip(" .:?!—–-")


def matches(pattern: str, heading: str) -> bool:
    """Whether a normalized heading is the phrase, or the ``/regex/`` finds something in it."""
    if _is_regex(pattern):
        return re.search(pattern[1:-1], heading, re.I) is not None
    return heading == normalize(pattern)


def _run_in(pattern: str, text: str) -> bool:
    """A paragraph that opens with the heading as a label: "What Happened. On March 3 ..."."""
    if _is_regex(pattern):
        return False
    opening = NUMBERING.sub("", " ".join(text.split()).lower().replace("\u2019", "'"))
    phrase = normalize(pattern)
    return opening.startswith(phrase) and bool(RUN_IN.match(opening[len(phrase) :]))


def _find_heading(table: dict[str, Any], body: list[Analyzed]) -> int | None:
    for index, item in enumerate(body):
        patterns = table["match"].get(item.language, [])
        if item.kind in ("heading", "title"):
            if any(matches(pattern, normalize(item.mapped.text)) for pattern in patterns):
                return index
        elif item.kind in ("paragraph", "list-item") and any(_run_in(p, item.mapped.text) for p in patterns):
            return index
    return None


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    body = analysis.body
    headline = analysis.notice.headline()
    headline_span = (0, len(headline.text)) if headline else (0, 0)
    headings = rule.data.get("headings", [])
    found = {position: _find_heading(table, body) for position, table in enumerate(headings)}
    order = ", ".join(f'"{table["label"]}"' for table in headings)
    if "title" in rule.data:
        first = min((index for index in found.values() if index is not None), default=TITLE_BLOCKS)
        if not _has_title(rule.data["title"], body[:first], analysis):
            yield analysis.finding(
                _with_message(rule, "title-message"), headline, *headline_span,
                element="title", label=rule.data["title-label"], order=order,
            )
    for position, table in enumerate(headings):
        if found[position] is None:
            yield analysis.finding(
                rule, headline, *headline_span, element=_slug(table["label"]),
                label=table["label"], reason=table.get("reason", ""), order=order,
            )
    placed = sorted((index, position) for position, index in found.items() if index is not None)
    keep = _longest_increasing([position for _, position in placed])
    for index, position in placed:
        if position not in keep:
            item = body[index]
            yield analysis.finding(
                _with_message(rule, "order-message"), item.mapped, 0, len(item.mapped.text),
                element=_slug(headings[position]["label"]), label=headings[position]["label"], order=order,
            )


SUBJECT = re.compile(r"(?:^|\s)(?:subject|제목)\s*:\s*(.+)$", re.I)
"""A plain-text email keeps its headers in the first block: "... Subject: Notice of Data Breach"."""


def _has_title(patterns: dict[str, list[str]], blocks: list[Analyzed], analysis: Analysis) -> bool:
    for position, item in enumerate(blocks):
        wanted = patterns.get(item.language, [])
        if item.kind in ("title", "heading"):
            if any(matches(pattern, normalize(item.mapped.text)) for pattern in wanted):
                return True
        subject = SUBJECT.search(item.mapped.text) if position < 2 else None
        if subject and any(matches(pattern, normalize(subject.group(1))) for pattern in wanted):
            return True
    for item in analysis.preview:
        if item.field in ("title", "og:title", "subject"):
            if any(matches(pattern, normalize(item.mapped.text)) for pattern in patterns.get(item.language, [])):
                return True
    return False


def _with_message(rule: Rule, key: str) -> Rule:
    return replace(rule, message=rule.data[key])


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9가-힣]+", "-", label.lower()).strip("-")


def _longest_increasing(values: list[int]) -> set[int]:
    """The values of one longest increasing subsequence (the headings already in order)."""
    best: list[list[int]] = []
    for k, value in enumerate(values):
        chain = max((best[j] for j in range(k) if values[j] < value), key=len, default=[])
        best.append([*chain, value])
    return set(max(best, key=len, default=[]))
