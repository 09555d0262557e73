"""Find calendar dates in English and Korean text, with their positions and values.

``recognize.DATE`` says whether a sentence holds a date; this module says which day it is, so that
``notification-delay`` can count the days between discovery and notice. A date may lack its year
(``March 6``, ``11월 18일``) or its day (``June 2025``, ``2025년 11월``): it then stands for a range of
days, and :meth:`FoundDate.days` gives the earliest and the latest day it can be. Written forms:

- English: ``March 6, 2025``, ``Mar. 6``, ``6 March 2025``, ``the 6th of March``, ``June 2025``,
  ``2025-03-06`` (also with a time, as in page metadata), ``03/06/2025`` (month first, unless the
  first number is over 12), ``06.03.2025`` (day first). ``May 6`` only with a year or after a
  preposition ("you may 2" is not a date).
- Korean: ``2025년 11월 18일``, ``25년 11월 18일``, ``11월 18일``, ``2025년 11월``, ``11월 중순``,
  ``2025. 11. 18.``, ``2025.11.18``, ``지난 18일`` (a day of the notice's month).

Not dates: a bare year, ``30일간`` (a duration), ``3개월``, version numbers, amounts.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from typing import Callable

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = (
    "january|february|march|april|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_MONTH = rf"(?P<mon>{_MONTH_NAMES})"
_MAY = r"(?P<mon>may)"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_MM = r"(?P<m>1[0-2]|0?[1-9])"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_NO_DIGIT_AFTER = r"(?![\d/:]|\.\d)"
_PREPOSITION = r"\b(?:on|by|from|since|until|till|between|before|after|of|to|and|through|early|mid|late)\s+"


@dataclass(frozen=True)
class FoundDate:
    """A date written in a text: where it stands and what it says (``None`` for a part it leaves out)."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None
    relative: bool = False
    """``지난 18일``: a day of the month the notice was written in (or the month before)."""

    def days(self, year_hint: int | None = None, reference: date | None = None) -> tuple[date, date] | None:
        """The earliest and latest day this date can be, or ``None`` when its year cannot be known.

        A missing year is taken from ``year_hint`` (another date nearby), else from ``reference`` (the
        notice date), stepping back a year when that would put the date after the notice.
        """
        if self.relative:
            if reference is None or self.day is None:
                return None
            year, month = reference.year, reference.month
            if self.day > reference.day:
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            day = min(self.day, calendar.monthrange(year, month)[1])
            return date(year, month, day), date(year, month, day)
        year = self.year or year_hint
        from_reference = year is None
        if year is None:
            if reference is None:
                return None
            year = reference.year
        span = _span(year, self.month, self.day)
        if span is None:
            return None
        if from_reference and reference is not None and span[0] > reference:
            span = _span(year - 1, self.month, self.day)
        return span


def _span(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1), date(year, month, last)
    if day > last:
        return None
    return date(year, month, day), date(year, month, day)


Convert = Callable[[re.Match[str]], tuple[int | None, int, int | None]]


def _month_day_year(match: re.Match[str]) -> tuple[int | None, int, int | None]:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    if groups.get("m"):
        month = int(groups["m"])
    else:
        month = MONTHS[groups["mon"].lower().rstrip(".")]
    day = int(groups["d"]) if groups.get("d") else None
    return year, month, day


def _korean_short_year(match: re.Match[str]) -> tuple[int | None, int, int | None]:
    _, month, day = _month_day_year(match)
    return 2000 + int(match.group("yy")), month, day


FORMS: list[tuple[re.Pattern[str], Convert]] = [
    # English, month first: March 6, 2025 / Mar. 6 / March 6th
    (re.compile(rf"\b{_MONTH}\.?\s+{_DAY}{_ORD}\b{_NO_DIGIT_AFTER}(?:,?\s+{_YEAR}\b)?", re.I), _month_day_year),
    (re.compile(rf"\b{_MAY}\s+{_DAY}{_ORD},?\s+{_YEAR}\b", re.I), _month_day_year),
    (re.compile(rf"{_PREPOSITION}(?P<date>{_MAY}\s+{_DAY}{_ORD}\b){_NO_DIGIT_AFTER}", re.I), _month_day_year),
    # English, day first: 6 March 2025 / the 6th of March
    (re.compile(rf"(?<![\d,.])\b{_DAY}{_ORD}\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+{_YEAR}\b)?", re.I), _month_day_year),
    (re.compile(rf"(?<![\d,.])\b{_DAY}{_ORD}\s+(?:of\s+)?{_MAY},?\s+{_YEAR}\b", re.I), _month_day_year),
    # English, month and year: June 2025
    (re.compile(rf"\b(?P<mon>{_MONTH_NAMES}|may)\.?,?\s+{_YEAR}\b", re.I), _month_day_year),
    # numeric: 2025-03-06, 2025/03/06, 2025.11.18, 2025. 11. 18. (optionally with a time)
    (re.compile(rf"(?<![\w.-]){_YEAR}\s*(?P<sep>[-/.])\s*{_MM}\s*(?P=sep)\s*{_DAY}(?!\d)"), _month_day_year),
    # Korean: 2025년 11월 18일 / 2025년 11월 / 11월 18일 / 25년 11월 18일
    (re.compile(rf"(?<!\d){_YEAR}\s*년\s*{_MM}\s*월(?:\s*{_DAY}\s*일)?"), _month_day_year),
    (re.compile(rf"(?<!\d)(?P<yy>\d\d)\s*년\s*{_MM}\s*월(?:\s*{_DAY}\s*일)?"), _korean_short_year),
    (re.compile(rf"(?<![\d.]){_MM}\s*월\s*{_DAY}\s*일(?!\s*(?:간|동안))"), _month_day_year),
    (re.compile(rf"(?<![\d.]){_MM}\s*월\s*(?:초|중순|하순|상순|말|경|께)"), _month_day_year),
]

SLASHED = re.compile(r"(?<![\w./-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
DOTTED_DMY = re.compile(
    r"(?<![\w.-])(?P<d>3[01]|[12]\d|0?[1-9])(?P<sep>[-.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d.-]\d)"
)
RELATIVE_KO = re.compile(
    r"(?:지난|이번\s*달|이달|금월)\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*일(?!\s*(?:간|동안|이내|만|째|치|분|전|후|이상))"
)


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in order; where two readings overlap, the longer one."""
    return list(_dates_in(text)) if DIGIT.search(text) else []  # every form has a number


DIGIT = re.compile(r"\d")


@lru_cache(maxsize=512)
def _dates_in(text: str) -> tuple[FoundDate, ...]:
    """:func:`find_dates`, kept for the texts several rules read."""
    found: list[FoundDate] = []
    for pattern, convert in FORMS:
        for match in pattern.finditer(text):
            year, month, day = convert(match)
            start, end = match.span("date") if "date" in match.groupdict() else match.span()
            found.append(FoundDate(start, end, text[start:end], year, month, day))
    found.extend(_slashed(text))
    for match in DOTTED_DMY.finditer(text):
        found.append(FoundDate(match.start(), match.end(), match.group(0), int(match["y"]), int(match["m"]), int(match["d"])))
    for match in RELATIVE_KO.finditer(text):
        found.append(FoundDate(match.start(), match.end(), match.group(0), None, 1, int(match["d"]), relative=True))
    return tuple(_longest_first(found))


def _slashed(text: str) -> list[FoundDate]:
    """``03/06/2025``: month first (the US form) unless the first number cannot be a month."""
    dates = []
    for match in SLASHED.finditer(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        year = year + 2000 if year < 100 else year
        month, day = (b, a) if a > 12 else (a, b)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        dates.append(FoundDate(match.start(), match.end(), match.group(0), year, month, day))
    return dates


def _longest_first(found: list[FoundDate]) -> list[FoundDate]:
    kept: list[FoundDate] = []
    for item in sorted(found, key=lambda d: (-(d.end - d.start), d.start)):
        if all(item.end <= other.start or item.start >= other.end for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda d: d.start)


ISO_DATE = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)")


def parse_iso(value: str) -> date | None:
    """``2025-12-07`` or ``2025-12-07T09:00:00+09:00`` as a date; ``None`` when it is not one."""
    match = ISO_DATE.match(value)
    if not match:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


PUBLISHED_META = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*[\"']?(?:article:published_time|og:published_time|"
    r"datepublished|date|dc\.date(?:\.issued)?|dcterms\.issued|pubdate|publish[-_]date)[\"']?[^>]*>",
    re.I,
)
CONTENT = re.compile(r"\bcontent\s*=\s*(?:\"(?P<a>[^\"]*)\"|'(?P<b>[^']*)'|(?P<c>[^\s>]+))", re.I)
FRONT_MATTER_DATE = re.compile(
    r"\A---\r?\n(?:(?!---)[^\n]*\n)*?(?:date|published|published_at|pubdate)\s*:\s*[\"']?(?P<v>[^\"'\r\n]+)", re.I
)


def published_date(source: str) -> tuple[date, int, int] | None:
    """The publication date a page declares (``article:published_time`` and the like, or front matter
    ``date:``), with its source span; ``None`` when it declares none."""
    for tag in PUBLISHED_META.finditer(source):
        content = CONTENT.search(tag.group(0))
        if not content:
            continue
        value = content["a"] or content["b"] or content["c"] or ""
        day = parse_iso(value)
        if day is not None:
            start = tag.start() + content.start()
            return day, start, tag.start() + content.end()
    front = FRONT_MATTER_DATE.match(source)
    if front:
        day = parse_iso(front["v"])
        if day is not None:
            return day, front.start("v"), front.end("v")
    return None
