"""Assemble Hangul syllables spelled out letter by letter, keeping source spans.

NFKC turns compatibility letters (``ㄴㅗㅊㅜㄹ``) and decomposed text (NFD, ``U+1100``...) into
conjoining jamo but composes nothing, so a rule looking for 노출 would miss both. :func:`compose`
joins modern conjoining jamo into syllables the standard way: a consonant followed by a vowel
starts a syllable, and a consonant that no vowel follows ends it if it can be a final (two such
consonants may make a double final, ``ㄹㄱ`` as ``ㄺ``). A syllable spans the source from its first
letter to the end of its last. Jamo that make no syllable (``ㅋㅋ``, a ``ㄱ.`` list marker) are
written as compatibility letters, as a reader types them.
"""

from __future__ import annotations

import re

LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
TAILS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
"""Compatibility letters in the order of the conjoining jamo from U+1100, U+1161 and U+11A8."""
DOUBLE_VOWELS = {"ㅗㅏ": "ㅘ", "ㅗㅐ": "ㅙ", "ㅗㅣ": "ㅚ", "ㅜㅓ": "ㅝ", "ㅜㅔ": "ㅞ", "ㅜㅣ": "ㅟ", "ㅡㅣ": "ㅢ"}
DOUBLE_TAILS = {
    "ㄱㅅ": "ㄳ", "ㄴㅈ": "ㄵ", "ㄴㅎ": "ㄶ", "ㄹㄱ": "ㄺ", "ㄹㅁ": "ㄻ", "ㄹㅂ": "ㄼ", "ㄹㅅ": "ㄽ",
    "ㄹㅌ": "ㄾ", "ㄹㅍ": "ㄿ", "ㄹㅎ": "ㅀ", "ㅂㅅ": "ㅄ",
}

LEAD_JAMO = {letter: chr(0x1100 + i) for i, letter in enumerate(LEADS)}
VOWEL_JAMO = {letter: chr(0x1161 + i) for i, letter in enumerate(VOWELS)}
TAIL_JAMO = {letter: chr(0x11A8 + i) for i, letter in enumerate(TAILS)}

LEAD_INDEX = {LEAD_JAMO[letter]: i for i, letter in enumerate(LEADS)}
VOWEL_INDEX = {VOWEL_JAMO[letter]: i for i, letter in enumerate(VOWELS)} | {
    VOWEL_JAMO[pair[0]] + VOWEL_JAMO[pair[1]]: VOWELS.index(double) for pair, double in DOUBLE_VOWELS.items()
}
SPELLED_TAIL_INDEX = {LEAD_JAMO[letter]: TAILS.index(letter) + 1 for letter in LEADS if letter in TAILS} | {
    LEAD_JAMO[pair[0]] + LEAD_JAMO[pair[1]]: TAILS.index(double) + 1 for pair, double in DOUBLE_TAILS.items()
}
"""Finals spelled with lead consonants (as NFKC reads compatibility letters), by syllable index."""
TAIL_INDEX = {TAIL_JAMO[letter]: i + 1 for i, letter in enumerate(TAILS)} | SPELLED_TAIL_INDEX
TO_LETTER = str.maketrans(
    {jamo: letter for table in (LEAD_JAMO, VOWEL_JAMO, TAIL_JAMO) for letter, jamo in table.items()} | {"\u119e": "ㆍ"}
)
"""Jamo left out of any syllable, back to the letters a reader types (ㆍ is also a Korean middle dot)."""


def _either(spellings: dict[str, int]) -> str:
    """A regex alternation of ``spellings``, two-letter ones first so that they win."""
    return "|".join(sorted(spellings, key=len, reverse=True))


JAMO = re.compile("[\u1100-\u1112\u1161-\u1175\u119e\u11a8-\u11c2]")
SYLLABLE = re.compile(
    f"([\u1100-\u1112])({_either(VOWEL_INDEX)})"
    f"(?:([\u11a8-\u11c2])|({_either(SPELLED_TAIL_INDEX)})(?![\u1161-\u1175]))?"
)
"""A lead, a vowel and an optional final: a final jamo, or consonants that no vowel follows."""

Mapped = tuple[str, list[int], list[int]]


def compose(text: str, starts: list[int], ends: list[int]) -> Mapped:
    """``text`` with its jamo assembled; ``starts``/``ends`` follow the output characters."""
    if not JAMO.search(text):
        return text, starts, ends
    out: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    done = 0
    for match in SYLLABLE.finditer(text):
        at, after = match.span()
        if at > done:
            out.append(text[done:at].translate(TO_LETTER))
            out_starts.extend(starts[done:at])
            out_ends.extend(ends[done:at])
        out.append(_syllable(*match.groups()))
        out_starts.append(starts[at])
        out_ends.append(ends[after - 1])
        done = after
    out.append(text[done:].translate(TO_LETTER))
    out_starts.extend(starts[done:])
    out_ends.extend(ends[done:])
    return "".join(out), out_starts, out_ends


def _syllable(lead: str, vowel: str, tail: str | None, spelled_tail: str | None) -> str:
    """The precomposed syllable of a lead, a vowel and a final (or none)."""
    tail_index = TAIL_INDEX.get(tail or spelled_tail or "", 0)
    return chr(0xAC00 + (LEAD_INDEX[lead] * 21 + VOWEL_INDEX[vowel]) * 28 + tail_index)
