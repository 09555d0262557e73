"""Recognize dates, phone numbers, email addresses, web addresses and numbers in text.

Each recognizer is one regular expression, tuned for what breach notices write in English and
Korean, and for not mistaking what they also write (amounts, counts, version numbers, a bare
year) for a date or a phone number.

- ``date``: a calendar day or month a reader can place: ``March 3, 2025``, ``Mar. 3``,
  ``3 March 2025``, ``June 2025``, ``in March``, ``2025-03-03``, ``03/03/2025``, ``03.03.2025``;
  ``2025년 11월 18일``, ``11월 18일``, ``2025년 11월``, ``11월 중순``, ``2025. 11. 18.``,
  ``2025.11.18``, ``지난 18일``, ``19.(화)`` (a day with its weekday). Not a bare year (``2025``,
  ``2025년``), not ``recently``, not ``지난 30일간`` (a duration), not ``May`` the verb ("you may 2").
  One stopgap: the spaCy sentencizer ends a sentence at every full stop, so ``유출 일시: 2025. 3. 4.``
  reaches the recognizer as ``유출 일시: 2025.``; a Hangul sentence that ends in a year and a full
  stop is taken for the head of such a date (Korean sentences end in a verb, never in a bare year).
- ``phone``: North American numbers (``1-800-555-0100``, ``(555) 010-1234``, ``+1 555 010 1234``,
  toll-free vanity numbers such as ``1-888-NW-HELPS``), Korean numbers (``02-123-4567``,
  ``010-1234-5678``, ``080-123-4567``, ``1588-1234``, ``국번 없이 118``, ``☎ 118``), Australian
  ``1300``/``1800`` numbers and ``13`` numbers after "call" (``call us on 133 937``), and other
  international numbers written with ``+``. Not ``$1,500``, ``3,370만``, ``123-45-6789``.
- ``email``: ``name@example.com`` (the address stops before Korean particles: ``...kr로``).
- ``url``: ``https://...``, ``www....``, and bare domains on common top-level domains
  (``example.com/help``, ``IdentityTheft.gov``, ``example.co.kr``).
- ``number``: any digit.
"""

from __future__ import annotations

import re

from .parse.links import BARE_URL

_MONTH_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NOT_MAY = _MONTH.replace("|may|", "|")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_MM = r"(?:1[0-2]|0?[1-9])"
_YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"

DATE = re.compile(
    "|".join(
        [
            # March 3, 2025 / Mar. 3 / March 3rd / March 3-5 (no digit may follow the day: "Mar 3.5")
            rf"\b{_MONTH_NOT_MAY}\.?\s+{_DAY}{_ORD}\b(?![/:]?\d|\.\d)(?:,?\s+{_YEAR}\b)?",
            # "may" is a month when a year follows or a preposition comes first ("on May 3", not "you may 2")
            rf"\bmay\s+{_DAY}{_ORD},?\s+{_YEAR}\b",
            rf"\b(?:on|by|from|since|until|till|between|before|after|of|to|and|through|early|mid|late)\s+may\s+{_DAY}{_ORD}\b(?![/:]?\d|\.\d)",
            # 3 March 2025 / the 3rd of March; "may" needs a year ("Section 24 may apply")
            rf"(?<![\d,.])\b{_DAY}{_ORD}\s+(?:of\s+)?{_MONTH_NOT_MAY}\b\.?(?:,?\s+{_YEAR}\b)?",
            rf"(?<![\d,.])\b{_DAY}{_ORD}\s+(?:of\s+)?may,?\s+{_YEAR}\b",
            # June 2025 / Sept. 2025
            rf"\b{_MONTH}\.?,?\s+{_YEAR}\b",
            # in March / since early June / until the end of May (full month names only)
            rf"\b(?:in|since|during|until|till|through|throughout|from|before|after|by|early|mid|late|"
            rf"end\s+of|beginning\s+of|start\s+of|middle\s+of)\s+(?:early\s+|mid-?\s*|late\s+)?{_MONTH_FULL}\b",
            # the first week of June / the night of March
            rf"\b(?:week|weekend|month|days?|night|morning|evening|afternoon)\s+of\s+(?:early\s+|mid-?\s*|late\s+)?{_MONTH_FULL}\b",
            # 2025-03-03 / 2025/03/03 / 2025.11.18 / 2025. 11. 18.
            rf"(?<![\w.-]){_YEAR}\s*(?P<iso>[-/.])\s*{_MM}\s*(?P=iso)\s*{_DAY}(?!\d)",
            # 03/03/2025 / 3/3/25 / 03-03-2025 / 03.03.2025
            rf"(?<![\w./-]){_DAY}/{_DAY}/(?:{_YEAR}|\d\d)(?![\d/])",
            rf"(?<![\w.-]){_DAY}(?P<dmy>[-.]){_DAY}(?P=dmy){_YEAR}(?![\d.-]\d)",
            # 2025년 11월 (18일)
            rf"(?<!\d)(?:{_YEAR}|\d\d)\s*년\s*{_MM}\s*월(?:\s*{_DAY}\s*일)?",
            # 11월 18일
            rf"(?<!\d){_MM}\s*월\s*{_DAY}\s*일",
            # 11월 중순 / 11월 초 / 11월경 / 지난 11월
            rf"(?<!\d){_MM}\s*월\s*(?:초|중순|하순|상순|말|경|께)",
            rf"(?:지난|올해|작년|지난해|금년)\s*{_MM}\s*월(?!\s*(?:간|동안))",
            # a day with its weekday: 19.(화), 18일(화), 3/4(화)
            rf"(?<![\d.]){_DAY}\s*(?:일|\.)?\s*\((?:월|화|수|목|금|토|일)(?:요일)?\)",
            # the head of a dotted Korean date that the sentence splitter cut off ("유출 일시: 2025." | "3." |
            # "4.(화) ..."): a Korean sentence never ends in a bare year, so a year and a full stop closing
            # a sentence that holds Hangul is a date's first part
            rf"[\uac00-\ud7a3][^\n]*?(?<![\d.,]){_YEAR}\.\s*$",
            # 지난 18일 (a day of the current or last month), not 지난 30일간 (a duration)
            rf"(?:지난|이번\s*달|이달|지난달|금월)\s*{_DAY}\s*일(?!\s*(?:간|동안|이내|만|째|치|분|전|후|이상))",
        ]
    ),
    re.IGNORECASE,
)

_ASCII_WORD = r"A-Za-z0-9_"
_NOT_BEFORE = rf"(?<![{_ASCII_WORD}.+/-])"
_NOT_AFTER = rf"(?![{_ASCII_WORD}]|[\s.-]?\d)"
PHONE = re.compile(
    "|".join(
        [
            # North America: 1-800-555-0100, (555) 010-1234, 555.010.1234, +1 555 010 1234
            rf"{_NOT_BEFORE}(?:\+?1[\s.-]?)?(?:\(\d{{3}}\)\s?|\d{{3}}[\s.-])\d{{3}}[\s.-]\d{{4}}{_NOT_AFTER}",
            # toll-free vanity numbers: 1-800-FLOWERS, 1-888-NW-HELPS
            rf"{_NOT_BEFORE}(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.-]"
            rf"(?=[A-Z0-9-]*[A-Z])[A-Z0-9](?:-?[A-Z0-9]){{6,9}}(?![{_ASCII_WORD}-])",
            # Korea: 02-123-4567, 031-123-4567, 010-1234-5678, 080-123-4567, 0505-123-4567, (02) 123-4567
            rf"{_NOT_BEFORE}(?:\(0\d{{1,3}}\)\s?|0\d{{1,3}}[\s.-])\d{{3,4}}[\s.-]\d{{4}}{_NOT_AFTER}",
            # Korea, with the country code: +82-2-123-4567, +82 10 1234 5678
            rf"\+82[\s.-]?\(?0?\d{{1,2}}\)?[\s.-]?\d{{3,4}}[\s.-]?\d{{4}}{_NOT_AFTER}",
            # Korean nationwide numbers: 1588-1234, 1577 0000, 1600-1234, 1899-0000
            rf"{_NOT_BEFORE}1[568]\d\d[\s-]\d{{4}}{_NOT_AFTER}",
            # short codes with a telephone marker: 국번 없이 118, (국번없이) 1336, ☎ 118
            r"국번\s*없이\)?\s*\d{3,4}(?!\d)",
            r"[☎☏]\s*[:.]?\s*\(?\d{3,4}(?!\d)",
            # Australia: 1300 123 456, 1800 123 456; a short "13" number (133 937, 13 22 11) only right after
            # "call" or "phone" (six digits alone are as often a count)
            rf"{_NOT_BEFORE}1[38]00[\s-]\d{{3}}[\s-]\d{{3}}{_NOT_AFTER}",
            rf"(?i:\b(?:call|phone|ring|dial|telephone)(?:\s+us)?(?:\s+(?:on|at))?\s+)"
            rf"13(?:\d{{4}}|\d\s\d{{3}}|\s\d{{2}}\s\d{{2}}){_NOT_AFTER}",
            # other international numbers: +44 20 7946 0958, +49 30 1234567
            rf"\+[2-9]\d{{0,2}}[\s.-]?\(?\d{{1,4}}\)?(?:[\s.-]?\d{{2,4}}){{2,4}}{_NOT_AFTER}",
        ]
    )
)
EMAIL = re.compile(r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])")
URL = BARE_URL
"""A web address written out: the same forms the link finder reads (:data:`parse.links.BARE_URL`)."""
NUMBER = re.compile(r"\d")

RECOGNIZERS: dict[str, re.Pattern[str]] = {
    "date": DATE,
    "phone": PHONE,
    "email": EMAIL,
    "url": URL,
    "number": NUMBER,
}


def recognizes(names: list[str], text: str) -> bool:
    """Whether any of the named recognizers finds something in ``text``."""
    return any(RECOGNIZERS[name].search(text) for name in names)


def recognized(name: str, text: str) -> list[str]:
    """Every text the named recognizer finds in ``text``, in order (for tests and debugging)."""
    return [match.group(0) for match in RECOGNIZERS[name].finditer(text)]
