"""Compile pack patterns into spaCy Matchers and find their matches.

A pattern is a line of tokens (see docs/rule-packs.md): ``word``, ``/regex/``, ``a|b``, ``_``,
``<num>``, each with an optional quantifier. Literal words are split by the language's own
tokenizer so that the pattern and the text are tokenized alike.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .regex_words import finite_prefixes, finite_words, line_regex
from .token_matcher import AnchorIndex, DocView, PatternGroup, compile_tokens

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


def _token_spec(piece: str, nlp: Language) -> tuple[list[dict[str, Any]], str | None]:
    """Matcher token dicts for one pattern piece, and its regex (for highlighting) if it is one."""
    op = ""
    if piece.startswith("\\") and len(piece) > 1:
        return [{"TEXT": piece[1:]}], None
    if piece.startswith("/") and piece.rfind("/") > 0:
        body, op = piece[: piece.rfind("/") + 1], piece[piece.rfind("/") + 1 :]
        if op and not QUANTIFIER.fullmatch(op):
            raise PatternError(f"unexpected {op!r} after the regular expression {body!r}")
        words = finite_words(body[1:-1])
        if words:  # a word list is a set lookup for the Matcher, a regex a call per token; a whole-token
            return [_with_op({"LOWER": {"IN": words}}, op)], None  # match needs no narrowing either
        if not finite_prefixes(body[1:-1]):  # word starts are a valid regex; anything else is checked here
            try:
                re.compile(body[1:-1])
            except re.error as error:
                raise PatternError(f"invalid regular expression {body!r}: {error}") from None
        return [_with_op({"LOWER": {"REGEX": body[1:-1]}}, op)], body[1:-1]
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
    regexes: list[str | None]


def compile_pattern(pattern: str | list, nlp: Language) -> Compiled:
    """Compile one pattern (a compact string or a list of spaCy token dicts)."""
    if isinstance(pattern, list):
        if not pattern or not all(isinstance(token, dict) for token in pattern):
            raise PatternError("a token-list pattern must be a non-empty list of tables")
        return Compiled([dict(token) for token in pattern], [None] * len(pattern))
    if not isinstance(pattern, str) or not pattern.strip():
        raise PatternError("a pattern must be a non-empty string or a list of token tables")
    tokens: list[dict[str, Any]] = []
    regexes: list[str | None] = []
    for piece in pattern.split():
        specs, regex = _token_spec(piece, nlp)
        tokens.extend(specs)
        regexes.extend([regex] * len(specs))
    if all(token.get("OP") in ("?", "*") for token in tokens):
        raise PatternError(f"{pattern!r} can match nothing: every token is optional")
    return Compiled(tokens, regexes)


class PatternSet:
    """Several patterns; ``find`` returns their matches in a doc.

    The patterns :mod:`token_matcher` reads (all those of the built-in packs) run there, each tried only
    where its anchor token occurs: a rule with a hundred cues tries the few whose words the block has. Any
    other pattern goes to a spaCy Matcher; those are grouped by a token each cannot match without (see
    :func:`required_piece`), a few to a Matcher, and a Matcher runs only on a doc that holds one of its
    tokens."""

    def __init__(self, patterns: list[str | list], nlp: Language, shared: AnchorIndex | None = None) -> None:
        self.compiled = []
        for index, pattern in enumerate(patterns):
            try:
                self.compiled.append(compile_pattern(pattern, nlp))
            except PatternError as error:
                raise PatternError(str(error), index) from None
        own = [(key, compile_tokens(compiled.tokens)) for key, compiled in enumerate(self.compiled)]
        self.group = PatternGroup([(key, pattern) for key, pattern in own if pattern is not None], shared)
        rest = [key for key, pattern in own if pattern is None]
        pieces = [required_piece(self.compiled[key].tokens) for key in rest]
        self.matchers = [
            (_group_screen(group), _matcher(nlp, [rest[index] for index in indexes], self.compiled, patterns))
            for group, indexes in _buckets(pieces)
        ] if rest else []

    def __bool__(self) -> bool:
        return bool(self.compiled)

    def _found(
        self, doc: Doc | Span, first_only: bool = False, keys: Container[int] | None = None
    ) -> Iterator[tuple[int, int, int, list[int]]]:
        """(key, start, end, alignment) of the matches (of patterns ``keys`` only, when given); spaCy's
        Matchers run only where their screen finds a line of :func:`token_lines` (a token the bucket's
        patterns cannot match without)."""
        if not self.compiled:
            return
        found = self.group.find(doc, first_only, keys)
        yield from found
        if first_only and found:
            return
        strings = doc.vocab.strings
        for screen, matcher in self.matchers:
            if screen is None or screen.passes(doc):
                for match_id, start, end, alignments in matcher(doc, with_alignments=True):
                    key = int(strings[match_id].rsplit("-", 1)[1])
                    if keys is None or key in keys:
                        yield key, start, end, alignments

    def find(self, doc: Doc | Span, keys: Container[int] | None = None) -> list[Match]:
        """All matches (of patterns ``keys`` only, when given), longest first where they overlap the same
        start. Kept with the doc: items with the same text share one, and several rules read a sentence."""
        whole = doc.doc
        view = DocView.of(whole)
        kept = view.found
        here = (self, doc.start, doc.end) if whole is not doc else (self,)
        if keys is None and here in kept:
            return list(kept[here])
        if not self.matchers and not self.group.candidates(view):
            return []  # no pattern's anchors occur in the doc: most docs, for most sets
        found = []
        for key, start, end, alignments in self._found(doc, keys=keys):
            char_start, char_end = _narrow(doc, start, end, alignments, self.compiled[key].regexes)
            found.append(Match(key, start, end, char_start, char_end))
        found.sort(key=lambda m: (m.char_start, -(m.char_end - m.char_start), m.key))
        if keys is None:
            kept[here] = tuple(found)
        return found

    def matches_in(self, doc: Doc | Span) -> bool:
        return next(self._found(doc, first_only=True), None) is not None


def _matcher(nlp: Language, keys: list[int], compiled: list[Compiled], patterns: list[str | list]) -> Any:
    """A spaCy Matcher for the patterns ``keys``, checked by spaCy; None for no keys."""
    if not keys:
        return None
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab, validate=True)
    for key in keys:
        try:
            matcher.add(_key(key), [compiled[key].tokens], greedy="LONGEST")
        except (ValueError, KeyError) as error:
            raise PatternError(f"pattern {patterns[key]!r} is not a valid spaCy pattern: {error}", key) from None
    return matcher


@lru_cache(maxsize=None)
def shared_index(language: str) -> AnchorIndex:
    """The anchor index of ``language``'s pattern sets that run on nearly every block (see
    :class:`token_matcher.AnchorIndex`)."""
    return AnchorIndex()


def required_piece(tokens: list[dict[str, Any]]) -> frozenset[str] | str | None:
    """The pattern's most telling required token (a word before a word list before a regex, the longer
    first), or None when it has none."""
    candidates = [piece for piece in map(_required_token, tokens) if piece is not None]
    return max(candidates, key=lambda piece: (piece[0], piece[1]))[2] if candidates else None


BUCKET_SIZE = 8
"""Patterns per Matcher when a set is split: each Matcher run walks the whole doc, so a few mid-sized
groups beat both one Matcher for a hundred patterns and one per pattern."""


def _buckets(pieces: list[Any]) -> list[tuple[list[Any], list[int]]]:
    """Pattern keys grouped into buckets of about :data:`BUCKET_SIZE`, patterns with the same required token
    together, with the tokens each bucket needs. Patterns without such a token share one bucket that always
    runs; a small set is one bucket."""
    if len(pieces) <= BUCKET_SIZE:
        return [([] if None in pieces else list(dict.fromkeys(pieces)), list(range(len(pieces))))]  # type: ignore[arg-type]
    unscreened = [key for key, piece in enumerate(pieces) if piece is None]
    by_piece: dict[Any, list[int]] = {}
    for key, piece in enumerate(pieces):
        if piece is not None:
            by_piece.setdefault(piece, []).append(key)
    buckets: list[tuple[list[Any], list[int]]] = [([], unscreened)] if unscreened else []
    buckets.append(([], []))
    for piece, keys in by_piece.items():
        if len(buckets[-1][1]) >= BUCKET_SIZE:
            buckets.append(([], []))
        buckets[-1][0].append(piece)
        buckets[-1][1].extend(keys)
    return [bucket for bucket in buckets if bucket[1]]


@dataclass(frozen=True)
class _Screen:
    """What a bucket's Matcher needs in a doc: one of ``words`` among its tokens, or a token ``regex`` finds
    among :func:`token_lines`."""

    words: frozenset[str]
    regex: re.Pattern[str] | None

    def passes(self, doc: Doc | Span) -> bool:
        lines, tokens = doc_tokens(doc)
        return not self.words.isdisjoint(tokens) or (self.regex is not None and self.regex.search(lines) is not None)


def _group_screen(pieces: list[Any]) -> _Screen | None:
    """The screen of a bucket; None (always run) for no pieces or regexes that do not combine."""
    if not pieces:
        return None
    words = frozenset(word for piece in pieces if isinstance(piece, frozenset) for word in piece)
    regexes = [piece for piece in pieces if isinstance(piece, str)]
    if any(line_regex(piece) is None for piece in regexes):
        return None  # a line of token_lines could fail a regex its token alone passes
    try:
        regex = re.compile("|".join(f"(?:{piece})" for piece in regexes), re.MULTILINE) if regexes else None
    except re.error:
        return None
    return _Screen(words, regex)


def _required_token(token: dict[str, Any]) -> tuple[int, int, frozenset[str] | str] | None:
    """(preference, length, piece) for a token a match cannot do without: its words, or a regex on one line
    of :func:`token_lines`; None when it may be absent (``?``, ``*``, ``!``, ``{0,n}``) or tests something
    other than its text."""
    op = token.get("OP", "")
    if op in ("?", "*", "!") or op.startswith(("{0", "{,")):
        return None
    for attribute in ("LOWER", "TEXT", "ORTH"):
        value = token.get(attribute)
        if isinstance(value, str) and value:
            return 2, len(value), frozenset([value.lower()])
        if isinstance(value, dict) and isinstance(value.get("IN"), list) and value["IN"]:
            if all(isinstance(word, str) and word for word in value["IN"]):
                return 1, -len(value["IN"]), frozenset(word.lower() for word in value["IN"])
        if attribute == "LOWER" and isinstance(value, dict) and isinstance(value.get("REGEX"), str):
            regex = value["REGEX"]
            return None if re.search(r"\\[AZ]|\(\?[a-zA-Z]+\)", regex) else (0, len(regex), regex)
    return None


def doc_tokens(doc: Doc | Span) -> tuple[str, frozenset[str]]:
    """:func:`token_lines` and the same tokens as a set. Kept on the doc, as every rule's screen reads them."""
    whole = doc.doc
    key = ("notice_lint_tokens", doc.start, doc.end) if whole is not doc else ("notice_lint_tokens",)
    if key not in whole.user_data:
        lines = token_lines(doc)
        whole.user_data[key] = lines, frozenset(lines.split("\n"))
    return whole.user_data[key]


def token_lines(doc: Doc | Span) -> str:
    """The distinct lowercase tokens of ``doc``, one per line: with ``re.MULTILINE`` a token regex's ``^`` and
    ``$`` keep meaning the token's edges."""
    whole = doc.doc
    key = ("notice_lint_token_lines", doc.start, doc.end) if whole is not doc else ("notice_lint_token_lines",)
    if key not in whole.user_data:
        from spacy.attrs import LOWER

        if ("notice_lint_lower",) not in whole.user_data:  # once per doc: a sentence's lines are a slice of it
            whole.user_data[("notice_lint_lower",)] = whole.to_array([LOWER])
        hashes = whole.user_data[("notice_lint_lower",)]
        hashes = hashes[doc.start : doc.end] if whole is not doc else hashes
        strings = whole.vocab.strings
        whole.user_data[key] = "\n".join(strings[int(value)] for value in set(hashes.tolist()))
    return whole.user_data[key]


def _key(index: int) -> str:
    return f"notice-lint-pattern-{index}"


@lru_cache(maxsize=4096)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _narrow(doc: Doc | Span, start: int, end: int, alignments: list[int], regexes: list) -> tuple[int, int]:
    """Character span of a match, narrowed to the regex's own match in the first and last token."""
    first, last = doc[start], doc[end - 1]
    offset = doc.start_char if hasattr(doc, "start_char") else 0
    char_start = first.idx - offset
    char_end = last.idx + len(last.text) - offset
    first_regex, last_regex = regexes[alignments[0]], regexes[alignments[-1]]
    if first_regex is not None and len(first.lower_) == len(first.text):
        hit = _regex(first_regex).search(first.lower_)
        if hit and hit.end() > hit.start():
            char_start += hit.start()
            if end - start == 1:
                return char_start, first.idx - offset + hit.end()
    if last_regex is not None and len(last.lower_) == len(last.text):
        hit = _regex(last_regex).search(last.lower_)
        if hit and hit.end() > hit.start():
            char_end = last.idx - offset + hit.end()
    return char_start, char_end
