"""Compile pack patterns into spaCy Matchers and find their matches.

A pattern is a line of tokens (see docs/rule-packs.md): ``word``, ``/regex/``, ``a|b``, ``_``,
``<num>``, each with an optional quantifier. Literal words are split by the language's own
tokenizer so that the pattern and the text are tokenized alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*,?\d*\})$")


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says why, ``index`` says which one."""

    def __init__(self, message: str, index: int | None = None) -> None:
        super().__init__(message)
        self.index = index


@dataclass(frozen=True)
class Match:
    """One match: which pattern, its tokens, and its characters in the doc's text."""

    key: int
    token_start: int
    token_end: int
    char_start: int
    char_end: int


def _token_spec(piece: str, nlp: Language) -> tuple[list[dict[str, Any]], re.Pattern[str] | None]:
    """Matcher token dicts for one pattern piece, and its regex (for highlighting) if it is one."""
    op = ""
    if piece.startswith("\\") and len(piece) > 1:
        return [{"TEXT": piece[1:]}], None
    if piece.startswith("/") and piece.rfind("/") > 0:
        body, op = piece[: piece.rfind("/") + 1], piece[piece.rfind("/") + 1 :]
        if op and not QUANTIFIER.fullmatch(op):
            raise PatternError(f"unexpected {op!r} after the regular expression {body!r}")
        try:
            regex = re.compile(body[1:-1])
        except re.error as error:
            raise PatternError(f"invalid regular expression {body!r}: {error}") from None
        return [_with_op({"LOWER": {"REGEX": regex.pattern}}, op)], regex
    quantifier = QUANTIFIER.search(piece)
    if quantifier and quantifier.start() > 0:
        piece, op = piece[: quantifier.start()], quantifier.group()
    if piece == "_":
        return [_with_op({}, op)], None
    if piece == "<num>":
        return [_with_op(_number_token(nlp.lang), op)], None
    if "|" in piece:
        words = [word.lower() for word in piece.split("|") if word]
        return [_with_op({"LOWER": {"IN": words}}, op)], None
    words = [token.lower_ for token in nlp.make_doc(piece)]
    if op and len(words) > 1:
        raise PatternError(f"a quantifier needs a single token, but {piece!r} is {len(words)} tokens")
    return [_with_op({"LOWER": word}, op) for word in words], None


def _number_token(language: str) -> dict[str, Any]:
    """A number: spaCy's LIKE_NUM in English; digits in Korean, where LIKE_NUM also takes 일 (one) in 일부."""
    if language == "en":
        return {"LIKE_NUM": True}
    return {"TEXT": {"REGEX": r"^[0-9][0-9,.]*"}}


def _with_op(token: dict[str, Any], op: str) -> dict[str, Any]:
    if op:
        token["OP"] = op
    return token


@dataclass(frozen=True)
class Compiled:
    """A Matcher pattern and, per pattern token, the regex used to narrow a highlight."""

    tokens: list[dict[str, Any]]
    regexes: list[re.Pattern[str] | None]


def compile_pattern(pattern: str | list, nlp: Language) -> Compiled:
    """Compile one pattern (a compact string or a list of spaCy token dicts)."""
    if isinstance(pattern, list):
        if not pattern or not all(isinstance(token, dict) for token in pattern):
            raise PatternError("a token-list pattern must be a non-empty list of tables")
        return Compiled([dict(token) for token in pattern], [None] * len(pattern))
    if not isinstance(pattern, str) or not pattern.strip():
        raise PatternError("a pattern must be a non-empty string or a list of token tables")
    tokens: list[dict[str, Any]] = []
    regexes: list[re.Pattern[str] | None] = []
    for piece in pattern.split():
        specs, regex = _token_spec(piece, nlp)
        tokens.extend(specs)
        regexes.extend([regex] * len(specs))
    if all(token.get("OP") in ("?", "*") for token in tokens):
        raise PatternError(f"{pattern!r} can match nothing: every token is optional")
    return Compiled(tokens, regexes)


class PatternSet:
    """Several patterns in one spaCy Matcher; ``find`` returns their matches in a doc."""

    def __init__(self, patterns: list[str | list], nlp: Language) -> None:
        from spacy.matcher import Matcher

        self.compiled = []
        for index, pattern in enumerate(patterns):
            try:
                self.compiled.append(compile_pattern(pattern, nlp))
            except PatternError as error:
                raise PatternError(str(error), index) from None
        self.matcher = Matcher(nlp.vocab, validate=True)
        for key, compiled in enumerate(self.compiled):
            try:
                self.matcher.add(_key(key), [compiled.tokens], greedy="LONGEST")
            except (ValueError, KeyError) as error:
                raise PatternError(f"pattern {patterns[key]!r} is not a valid spaCy pattern: {error}", key) from None
        self._keys = {nlp.vocab.strings[_key(key)]: key for key in range(len(self.compiled))}

    def __bool__(self) -> bool:
        return bool(self.compiled)

    def find(self, doc: Doc | Span) -> list[Match]:
        """All matches, longest first where they overlap the same start."""
        if not self.compiled:
            return []
        found = []
        for match_id, start, end, alignments in self.matcher(doc, with_alignments=True):
            key = self._keys[match_id]
            char_start, char_end = _narrow(doc, start, end, alignments, self.compiled[key].regexes)
            found.append(Match(key, start, end, char_start, char_end))
        found.sort(key=lambda m: (m.char_start, -(m.char_end - m.char_start), m.key))
        return found

    def matches_in(self, doc: Doc | Span) -> bool:
        return bool(self.compiled) and bool(self.matcher(doc))


def _key(index: int) -> str:
    return f"notice-lint-pattern-{index}"


def _narrow(doc: Doc | Span, start: int, end: int, alignments: list[int], regexes: list) -> tuple[int, int]:
    """Character span of a match, narrowed to the regex's own match in the first and last token."""
    first, last = doc[start], doc[end - 1]
    offset = doc.start_char if hasattr(doc, "start_char") else 0
    char_start = first.idx - offset
    char_end = last.idx + len(last.text) - offset
    first_regex, last_regex = regexes[alignments[0]], regexes[alignments[-1]]
    if first_regex is not None and len(first.lower_) == len(first.text):
        hit = first_regex.search(first.lower_)
        if hit and hit.end() > hit.start():
            char_start += hit.start()
            if end - start == 1:
                return char_start, first.idx - offset + hit.end()
    if last_regex is not None and len(last.lower_) == len(last.text):
        hit = last_regex.search(last.lower_)
        if hit and hit.end() > hit.start():
            char_end = last.idx - offset + hit.end()
    return char_start, char_end
