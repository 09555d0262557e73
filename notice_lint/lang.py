"""Tell English from Korean by script: Hangul means Korean."""

from __future__ import annotations

LANGUAGES = ("en", "ko")


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def detect_language(text: str, default: str = "en") -> str:
    """'ko' when Hangul makes up a fair share of the letters, 'en' when Latin does, else ``default``."""
    hangul = latin = 0
    for char in text:
        if char.isascii():
            latin += char.isalpha()
        elif _is_hangul(char):
            hangul += 1
    if hangul == 0 and latin == 0:
        return default
    # A Hangul syllable carries about as much as three Latin letters.
    return "ko" if hangul * 3 >= latin * 0.5 else "en"


def block_language(text: str, notice_language: str) -> str:
    """A block's language: in a Korean notice any Hangul keeps it Korean ("문의: help@example.kr");
    otherwise the block's own script decides, and a block with no letters follows the notice."""
    if notice_language == "ko" and any(_is_hangul(char) for char in text):
        return "ko"
    return detect_language(text, notice_language)
