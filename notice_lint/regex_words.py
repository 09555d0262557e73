"""What a token regex can be turned into: the words it spells out, the prefixes it asks for, or a regex that
searches many tokens at once, one per line."""

from __future__ import annotations

import re
from functools import lru_cache

FINITE_LIMIT = 400
"""The most words a ``^...$`` regex is spelled out into (see :func:`finite_words`)."""


@lru_cache(maxsize=4096)
def finite_words(regex: str) -> list[str] | None:
    """The words a token regex anchored at both ends matches, when it is made only of letters, groups,
    alternatives, ``?`` and character lists, and they are few: ``^(attackers?|thie(f|ves))$`` is attacker,
    attackers, thief, thieves. None for anything else (the regex is then used as it is)."""
    if len(regex) < 3 or regex[0] != "^" or regex[-1] != "$" or regex[-2] == "\\":
        return None
    parser = _WordsParser(regex[1:-1])
    words = parser.alternatives()
    if words is None or parser.position != len(parser.text):
        return None
    return sorted({word for word in words if word}) or None


class _WordsParser:
    """A reader of the small regex language :func:`finite_words` spells out, over ``text``."""

    SPECIAL = frozenset("\\.^$*+?{}[]()|")
    LITERALS = re.compile(r"[^\\.^$*+?{}\[\]()|]+")

    def __init__(self, text: str) -> None:
        self.text, self.position = text, 0

    def _peek(self) -> str:
        return self.text[self.position] if self.position < len(self.text) else ""

    def alternatives(self) -> list[str] | None:
        words = self.sequence()
        while words is not None and self._peek() == "|":
            self.position += 1
            more = self.sequence()
            words = None if more is None or len(words) + len(more) > FINITE_LIMIT else words + more
        return words

    def sequence(self) -> list[str] | None:
        words = [""]
        while self._peek() not in ("", "|", ")"):
            options = self.atom()
            if options is not None and self._peek() == "?":
                self.position += 1
                options = None if self._peek() in ("?", "+") else ["", *options]
            if options is None or len(words) * len(options) > FINITE_LIMIT:
                return None
            words = [word + option for word in words for option in options]
        return words

    def atom(self) -> list[str] | None:
        char = self._peek()
        self.position += 1
        if char == "(":
            if self.text.startswith("?:", self.position):
                self.position += 2
            elif self._peek() == "?":
                return None
            words = self.alternatives()
            if self._peek() != ")":
                return None
            self.position += 1
            return words
        if char == "[":
            end = self.text.find("]", self.position)
            members = self.text[self.position : end] if end > self.position else ""
            if not members or members[0] == "^" or any(c in self.SPECIAL or c == "-" for c in members):
                return None
            self.position = end + 1
            return list(dict.fromkeys(members))
        if char == "\\":
            escaped = self._peek()
            if not escaped or escaped.isalnum() or escaped.isspace() or escaped == "_":
                return None  # \d, \w, \b, \1...: classes, anchors and references
            self.position += 1
            return [escaped]  # an escaped mark: \. is a full stop
        if char in self.SPECIAL:
            return None
        run = self.LITERALS.match(self.text, self.position - 1)
        end = run.end() if run else self.position
        if end < len(self.text) and self.text[end] == "?" and end - 1 > self.position - 1:
            end -= 1  # the last letter is the one made optional
        word, self.position = self.text[self.position - 1 : end], end
        return [word]


@lru_cache(maxsize=4096)
def finite_prefixes(regex: str) -> list[str] | None:
    """The prefixes a token regex anchored at its start only asks for, when the rest is what
    :func:`finite_words` reads: ``^(유출되|유출됐)`` finds a token exactly when it starts with 유출되 or 유출됐.
    None for anything else, and for a regex any token passes (``^(a)?``)."""
    if len(regex) < 2 or regex[0] != "^" or regex.endswith("$"):
        return None
    parser = _WordsParser(regex[1:])
    words = parser.alternatives()
    if words is None or parser.position != len(parser.text) or "" in words:
        return None
    return sorted(set(words))


LINE_SAFE_ESCAPES = frozenset("dwbBS")
"""Escapes that never match a line break (escaped marks such as ``\\.`` are safe too)."""
LINE_ESCAPES = {"s": r"[^\S\n]", "W": r"[^\w\n]", "D": r"[^\d\n]"}
"""Escapes that match a line break, outside a class: the same without it."""


@lru_cache(maxsize=None)
def line_regex(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` made to search many values at once, one value per line, with ``re.MULTILINE``: ``^`` and
    ``$`` keep meaning a value's edges, and a match never spans two lines, as nothing left in it matches a
    line break (``[^.]`` becomes ``[^.\\n]``, ``\\s`` becomes ``[^\\S\\n]``). It finds a match on a line exactly
    when ``pattern`` finds one in that value alone. None when that cannot be shown: ``\\A``, ``\\Z``, an inline
    flag, a named group, ``\\s`` in a class, a code or control character."""
    out: list[str] = []
    position, in_class, negated, class_start = 0, False, False, False
    while position < len(pattern):
        char = pattern[position]
        if ord(char) < 0x20:
            return None
        if char == "\\":
            escaped = pattern[position + 1 : position + 2]
            if escaped in LINE_ESCAPES:
                if in_class and not negated:
                    return None
                out.append(f"\\{escaped}" if in_class else LINE_ESCAPES[escaped])
            elif not escaped or (escaped.isalnum() and escaped not in LINE_SAFE_ESCAPES):
                return None
            else:
                out.append(char + escaped)
            position += 2
            class_start = False
            continue
        if in_class:
            if char == "]" and not class_start:
                in_class = False
                out.append("\\n]" if negated else "]")
            else:
                out.append(char)
            class_start = False
        elif char == "[":
            negated = pattern.startswith("[^", position)
            in_class, class_start = True, True
            out.append("[^" if negated else "[")
            position += 2 if negated else 1
            continue
        elif pattern.startswith("(?", position) and not pattern.startswith(("(?:", "(?!", "(?=", "(?<=", "(?<!"), position):
            return None
        else:
            out.append(char)
        position += 1
    try:
        return re.compile("".join(out), re.MULTILINE)
    except re.error:
        return None
