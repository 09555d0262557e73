"""Kind ``consistency``: one quantity stated two ways in the same notice, or by its preview.

``[counts]``: how many people (or accounts, records ...) a notice says are affected. A mention is a
number followed by a listed noun ("12,400 customers", "about 15,000 affected customers"; Korean a number
with a classifier, "고객 4,500명", "3,370만 명"), in a sentence about the incident (``topic``). Mentions
that name a part of the whole are left out: a modifier other than the ``neutral`` ones ("41,005 autopay
customers"), a partitive or increment before the number (``subset-before``: "of these", 이 중, 추가), a
qualifier after the noun (``subset-after``: "customers who ...", 명은), a Korean count marked as the
recipient of an action (``recipient-after``: 118명에게 안내 메일을 발송) unless a ``topic`` word in the three
words before or the two after ties it to the incident (유출 대상 회원 12만 명에게, 12만 명에게 유출 사실을), a
sentence that states two numbers for the same noun, and a sentence about a revision or an addition
(``unless``: "previously", "also", 당초). Each mention becomes a range (``approximate`` about 15,000 is
13,500-16,500; ``at-least``; ``at-most``; a round number such as 12,000 stands for 11,500-12,500), and
mentions of the same noun whose ranges do not meet conflict.

``[discovery]``: the date the organisation found the breach, from sentences with a discovery ``cue`` and
exactly one full date; two such sentences with different days conflict. A sentence with an ``unless``
word ("first", "later", "not", 최초, 추가) may be about another moment and is left out.

Body mentions are checked in order, each against those before it; preview fields (og:description ...)
are then checked against the body, and the finding names the field.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, Iterator

from ..analysis import Analysis, Analyzed, format_message
from ..model import Finding
from ..packs import LANGUAGES, Rule, Where, required_str
from ..recognize import DATE

KEYS = {"counts", "discovery"}
COUNT_LISTS = (
    "nouns", "approximate", "at-least", "at-most", "neutral", "subset-before", "subset-after", "recipient-after",
    "topic", "unless",
)
DISCOVERY_LISTS = ("cues", "unless")
ANY_SPACE = r"\s*"
DIGIT = re.compile(r"\d")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "백": 10**2, "천": 10**3, "만": 10**4, "억": 10**8}
KOREAN_AMOUNT = r"(?:\d[\d,]*(?:\.\d+)?\s*(?:[억만천백]\s*)*)+"
MONTHS = {name: index for index, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"], 1) for name in names.split()}  # fmt: skip


def validate(data: dict[str, Any], where: Where) -> None:
    if not KEYS & set(data):
        raise where.fail("needs a [counts] or a [discovery] table")
    for key, lists in (("counts", COUNT_LISTS), ("discovery", DISCOVERY_LISTS)):
        if key not in data:
            continue
        table, here = data[key], where.at(key)
        if not isinstance(table, dict):
            raise here.fail("must be a table")
        required_str(table, "reason", here)
        required_str(table, "suggest", here)
        for language in LANGUAGES:
            words = table.get(language, {})
            if not isinstance(words, dict):
                raise here.at(language).fail("must be a table of word lists")
            allowed = lists + (("classifiers",) if key == "counts" else ())
            for name, value in words.items():
                if name not in allowed:
                    raise here.at(language).at(name).fail(f"unknown list; allowed: {', '.join(allowed)}")
                if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
                    raise here.at(language).at(name).fail("must be a list of words or phrases")
        if not any(table.get(language, {}).get(lists[0]) for language in LANGUAGES):
            raise here.fail(f"needs {lists[0]!r} for at least one language, e.g. [{key}.en] {lists[0]} = [...]")


@dataclass(frozen=True)
class Fact:
    """One statement of a quantity: what it counts (``key``), the range it allows, and where it is."""

    key: tuple
    low: float
    high: float
    item: Analyzed
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.item.mapped.text[self.start : self.end]

    def conflicts(self, other: Fact) -> bool:
        return self.key == other.key and (self.high < other.low or other.high < self.low)


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    for name, extract in (("counts", _counts), ("discovery", _discoveries)):
        if name not in rule.data:
            continue
        table = rule.data[name]
        body = [fact for item in analysis.body for fact in extract(table, item)]
        preview = [fact for item in analysis.preview for fact in extract(table, item)]
        for index, fact in enumerate(body + preview):
            earlier = body[: min(index, len(body))]
            other = next((seen for seen in earlier if fact.conflicts(seen)), None)
            if other is not None:
                yield _finding(rule, analysis, table, fact, other)


def _finding(rule: Rule, analysis: Analysis, table: dict[str, Any], fact: Fact, other: Fact) -> Finding:
    source_start = other.item.mapped.source_span(other.start, other.end)[0]
    line = analysis.notice.position(source_start)[0]
    where = other.item.field or f"line {line}"
    values = {"text": fact.text, "other": other.text, "where": where}
    reason = format_message(table["reason"], values)
    return analysis.finding(rule, fact.item.mapped, fact.start, fact.end, suggestion=table["suggest"], reason=reason, **values)


# -- word lists ---------------------------------------------------------------------------


def _words(table: dict[str, Any], language: str, name: str) -> list[str]:
    return table.get(language, {}).get(name, [])


def _alternation(phrases: list[str], space: str = r"\s+") -> str:
    """A regex alternation of phrases, longest first; a space in a phrase matches ``space``."""
    return "|".join(space.join(map(re.escape, phrase.split())) for phrase in sorted(phrases, key=len, reverse=True))


def _has(text: str, phrases: list[str], language: str) -> bool:
    """Whether ``text`` holds one of the phrases: as whole words in English, at a word start in Korean."""
    return bool(phrases) and _phrase_regex(tuple(phrases), language).search(text) is not None


@lru_cache(maxsize=256)
def _phrase_regex(phrases: tuple[str, ...], language: str) -> re.Pattern[str]:
    if language == "ko":  # Korean spacing varies: 유출 사실을 = 유출사실을
        return re.compile(rf"(?<![\w])(?:{_alternation(list(phrases), ANY_SPACE)})")
    return re.compile(rf"\b(?:{_alternation(list(phrases))})\b", re.IGNORECASE)


# -- counts -------------------------------------------------------------------------------


def _counts(table: dict[str, Any], item: Analyzed) -> list[Fact]:
    language = item.language
    if not _words(table, language, "nouns") and not _words(table, language, "classifiers"):
        return []
    facts: list[Fact] = []
    if not DIGIT.search(item.mapped.text):
        return facts  # a count is written in digits
    for sentence in item.doc.sents:
        text = item.mapped.text[sentence.start_char : sentence.end_char]
        if not DIGIT.search(text) or not _has(text, _words(table, language, "topic"), language) or _has(text, _words(table, language, "unless"), language):
            continue
        found = _english_counts(table, text) if language == "en" else _korean_counts(table, text)
        keys = [key for key, *_ in found]
        for key, low, high, start, end in found:
            if keys.count(key) == 1:
                offset = sentence.start_char
                facts.append(Fact(key, low, high, item, offset + start, offset + end))
    return facts


def _english_counts(table: dict[str, Any], text: str) -> list[tuple]:
    words = partial(_words, table, "en")
    qualifiers = words("approximate") + words("at-least") + words("at-most")
    pattern = _english_count_regex(tuple(qualifiers), tuple(words("neutral")), tuple(words("nouns")))
    found = []
    for match in pattern.finditer(text):
        if not (match.group("head") or match.group("plural") or match.group("noun").lower() == "people"):
            continue  # "341 client companies": the noun is a modifier of something else
        before = " ".join(text[: match.start()].split()[-3:])
        after = text[match.end() :].split()[:1]
        if _has(before, words("subset-before"), "en") or (after and _has(after[0], words("subset-after"), "en")):
            continue
        value = float(match.group("num").replace(",", "")) * SCALES.get((match.group("scale") or "").lower(), 1)
        low, high = _range(value, bool(match.group("scale")), match.group("qual"), table, "en")
        noun = (match.group("head") or match.group("noun")).lower()
        found.append(((noun,), low, high, match.start(), match.end()))
    return found


@lru_cache(maxsize=64)
def _english_count_regex(qualifiers: tuple[str, ...], neutral: tuple[str, ...], nouns: tuple[str, ...]) -> re.Pattern[str]:
    noun = _alternation(list(nouns))
    return re.compile(
        rf"(?:\b(?P<qual>{_alternation(list(qualifiers)) or '(?!)'})\s+)?(?<![\d,.])(?P<num>{NUMBER})"
        rf"(?:\s*(?P<scale>thousand|million|billion)\b)?\s+(?:(?:{_alternation(list(neutral)) or '(?!)'})\s+){{0,2}}"
        rf"(?P<noun>{noun})(?P<plural>s|es)?(?:\s+(?P<head>{noun})(?:s|es)?)?\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=64)
def _korean_count_regex(classifiers: tuple[str, ...]) -> re.Pattern[str]:
    alternation = _alternation(list(classifiers)) or "(?!)"
    return re.compile(rf"(?<![\d,.])(?P<num>{KOREAN_AMOUNT})(?P<over>여\s*)?(?P<cls>{alternation})(?P<rest>\S*)")


def _korean_counts(table: dict[str, Any], text: str) -> list[tuple]:
    words = partial(_words, table, "ko")
    pattern = _korean_count_regex(tuple(words("classifiers")))
    found = []
    for match in pattern.finditer(text):
        before = text[: match.start()].split()
        qual = None
        while before and before[-1] in words("approximate") + words("at-least") + words("at-most") + words("neutral"):
            qual = qual or (before[-1] if before[-1] not in words("neutral") else None)
            before.pop()
        rest = match.group("rest")
        if any(word.endswith(tuple(words("subset-before"))) for word in before[-2:]) or rest in words("subset-after"):
            continue
        recipients = tuple(words("recipient-after"))
        if recipients and rest.startswith(recipients):
            near = " ".join(before[-3:] + text[match.end() :].split()[:2])
            if not _has(near, words("topic"), "ko"):
                continue  # 118명에게 안내 메일을 발송: the people an action reached, not those affected
        following = text[match.end() :].split()[:1]
        if match.group("over"):
            qual = "여"
        elif following and following[0] in words("approximate") + words("at-least") + words("at-most"):
            qual = following[0]
        noun = _korean_noun(words("nouns"), before[-1:] + ([rest[1:] or ""] if rest.startswith("의") else []) + following)
        amount = match.group("num")
        low, high = _range(korean_amount(amount), bool(re.search("[억만천백]", amount)), qual, table, "ko")
        found.append(((match.group("cls"), noun), low, high, match.start(), match.end("cls")))
    return found


def _korean_noun(nouns: list[str], candidates: list[str]) -> str:
    """The listed noun a Korean count is about ("고객 4,500명", "4,500명의 고객"), or ""."""
    for word in candidates:
        for noun in sorted(nouns, key=len, reverse=True):
            if word == noun or word.startswith(noun) and len(word) - len(noun) <= 2:
                return noun
    return ""


def korean_amount(text: str) -> float:
    """The value of a Korean amount: 3,370만 = 33,700,000; 3천만 = 30,000,000; 12만 6천 = 126,000."""
    total = group = 0.0
    digits: float | None = None
    for token in re.findall(r"\d[\d,]*(?:\.\d+)?|[억만천백]", text):
        if token[0].isdigit():
            digits = float(token.replace(",", ""))
        elif token in "천백":
            group += (1 if digits is None else digits) * SCALES[token]
            digits = None
        else:
            total += ((digits or 0) + group or 1) * SCALES[token]
            group, digits = 0.0, None
    return total + group + (digits or 0)


def _range(value: float, scaled: bool, qual: str | None, table: dict[str, Any], language: str) -> tuple[float, float]:
    """The values a stated count allows: exact, about, at least, at most. A number written with a scale word
    (3.4 million, 3,370만) or ending in three zeros is read as rounded."""
    step = _rounding(value) if (scaled or value % 1000 == 0) else 0
    lists = table.get(language, {})
    qual = (qual or "").lower()
    if qual and qual in [q.lower() for q in lists.get("at-least", [])]:
        return value, math.inf
    if qual and qual in [q.lower() for q in lists.get("at-most", [])]:
        return 0, value
    if qual and qual in [q.lower() for q in lists.get("approximate", [])]:
        step = max(step, value * 0.1)
    return value - step, value + step


def _rounding(value: float) -> float:
    """Half the unit of the last non-zero digit: 12,000 may stand for 11,500 to 12,500."""
    if value <= 0:
        return 0
    unit = 1
    while value % (unit * 10) == 0:
        unit *= 10
    return unit / 2


# -- discovery dates ------------------------------------------------------------------------

_MONTH_DAY = re.compile(r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?")
_DAY_MONTH = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[A-Za-z]{3,9})\.?(?:,?\s+(?P<year>\d{4}))?")
_ISO = re.compile(r"(?P<year>\d{4})\s*[-/.]\s*(?P<mon>\d{1,2})\s*[-/.]\s*(?P<day>\d{1,2})")
_KOREAN = re.compile(r"(?:(?P<year>\d{4})\s*년\s*)?(?P<mon>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일")


def calendar_day(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a written date, or None when it is not a full, unambiguous day."""
    for pattern in (_KOREAN, _ISO, _MONTH_DAY, _DAY_MONTH):
        match = pattern.fullmatch(text.strip())
        if not match:
            continue
        month = match.group("mon")
        month_number = int(month) if month.isdigit() else MONTHS.get(month.lower())
        day = int(match.group("day"))
        if month_number and 1 <= month_number <= 12 and 1 <= day <= 31:
            return (int(match.group("year")) if match.group("year") else None, month_number, day)
    return None


def _discoveries(table: dict[str, Any], item: Analyzed) -> list[Fact]:
    language = item.language
    cues, unless = _words(table, language, "cues"), _words(table, language, "unless")
    facts: list[Fact] = []
    if not DIGIT.search(item.mapped.text):
        return facts  # a discovery date has a day, written in digits
    for sentence in item.doc.sents:
        text = item.mapped.text[sentence.start_char : sentence.end_char]
        if not DIGIT.search(text) or not _has(text, cues, language) or _has(text, unless, language):
            continue
        days = [(match, calendar_day(match.group())) for match in DATE.finditer(text)]
        if len(days) != 1 or days[0][1] is None:
            continue
        match, (year, month, day) = days[0]
        start, end, value = sentence.start_char + match.start(), sentence.start_char + match.end(), month * 100 + day
        facts.append(_Day(("discovered",), value, value, item, start, end, year))
    return facts


@dataclass(frozen=True)
class _Day(Fact):
    """A discovery date (month and day); when both give a year, different years conflict too."""

    year: int | None = None

    def conflicts(self, other: Fact) -> bool:
        other_year = getattr(other, "year", None)
        if self.year and other_year and self.year != other_year:
            return True
        return super().conflicts(other)
