"""Recognize dates, phone numbers, email addresses, web addresses and numbers in text."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE = re.compile(
    "|".join(
        [
            _MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?",  # March 3, 2025
            r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?(?:,?\s+\d{4})?",  # 3 March 2025
            r"\b" + _MONTH + r"\.?,?\s+\d{4}\b",  # March 2025
            r"\b\d{4}-\d{1,2}-\d{1,2}\b",  # 2025-03-03
            r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",  # 03/03/2025
            r"\d{4}\s*년\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?",  # 2025년 11월 18일
            r"\d{1,2}\s*월\s*\d{1,2}\s*일",  # 11월 18일
            r"\b\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?",  # 2025.11.18
        ]
    ),
    re.IGNORECASE,
)
PHONE = re.compile(
    "|".join(
        [
            r"(?<![\d.])(?:\+?\d{1,3}[\s.-])?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{4}(?![\d.])",  # 02-123-4567, (555) 010-1234
            r"(?<![\d.])1[\s.-]8\d\d[\s.-][\dA-Z]{3}[\s.-]?[\dA-Z]{4}\b",  # 1-800-555-0100, 1-888-NW-HELPS
            r"(?<![\d.-])1[5-9]\d\d-\d{4}(?![\d.])",  # 1588-1234
            r"국번\s*없이\s*\d{3,4}",
        ]
    )
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(
    r"https?://\S+|\bwww\.[\w-]+(?:\.[\w-]+)+\S*|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co\.kr|or\.kr|go\.kr|kr|uk|eu|de|jp)\b(?:/\S*)?",
    re.IGNORECASE,
)
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
