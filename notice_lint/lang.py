"""Tell English from Korean by script: Hangul means Korean."""

from __future__ import annotations

import re

LANGUAGES = ("en", "ko")


HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
"""Hangul syllables, conjoining jamo and compatibility jamo."""
LATIN = re.compile("[A-Za-z]")


def detect_language(text: str, default: str = "en") -> str:
    """'ko' when Hangul makes up a fair share of the letters, 'en' when Latin does, else ``default``."""
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    if hangul == 0 and latin == 0:
        return default
    # A Hangul syllable carries about as much as three Latin letters.
    return "ko" if hangul * 3 >= latin * 0.5 else "en"


def block_language(text: str, notice_language: str) -> str:
    """A block's language: in a Korean notice any Hangul keeps it Korean ("문의: help@example.kr");
    otherwise the block's own script decides, and a block with no letters follows the notice."""
    if notice_language == "ko" and HANGUL.search(text):
        return "ko"
    return detect_language(text, notice_language)
