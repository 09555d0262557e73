"""Compile pack patterns into spaCy Matchers and find their matches.

A pattern is a line of tokens (see docs/rule-packs.md): ``word``, ``/regex/``, ``a|b``, ``_``,
``<num>``, each with an optional quantifier. Literal words are split by the language's own
tokenizer so that the pattern and the text are tokenized alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
        words = finite_words(regex.pattern)
        if words:  # a word list is a set lookup for the Matcher; a regex is a function call per token
            return [_with_op({"LOWER": {"IN": words}}, op)], regex
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


FINITE_LIMIT = 400
"""The most words a ``^...$`` regex is spelled out into (see :func:`finite_words`)."""


def finite_words(regex: str) -> list[str] | None:
    """The words a token regex anchored at both ends matches, when they are few and it has no repeats but
    ``?``: ``^(attackers?|thie(f|ves))$`` is attacker, attackers, thief, thieves. None otherwise."""
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser as parser
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as sre  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        parsed = parser.parse(regex)
    except re.error:
        return None
    items = list(parsed)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE) or len(items) < 3:
        return None
    if items[0] != (sre.AT, sre.AT_BEGINNING) or items[-1] != (sre.AT, sre.AT_END):
        return None

    def spell(sequence: Any) -> list[str] | None:
        words = [""]
        for op, value in sequence:
            if op == sre.LITERAL:
                options = [chr(value)]
            elif op == sre.IN and all(kind == sre.LITERAL for kind, _ in value):
                options = [chr(code) for _, code in value]
            elif op == sre.SUBPATTERN and not value[1] and not value[2]:
                options = spell(value[-1])
            elif op == sre.BRANCH:
                branches = [spell(branch) for branch in value[1]]
                options = None if None in branches else [word for branch in branches for word in branch]
            elif op == sre.MAX_REPEAT and value[1] <= 1:
                inner = spell(value[2])
                options = None if inner is None else ([""] if value[0] == 0 else []) + inner
            else:
                return None
            if options is None or len(words) * len(options) > FINITE_LIMIT:
                return None
            words = [word + option for word in words for option in options]
        return words

    words = spell(items[1:-1])
    return sorted({word for word in words if word}) if words else None


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
    """Several patterns, matched with spaCy Matchers; ``find`` returns their matches in a doc.

    When every pattern has a token it cannot match without (see :func:`screen`), the patterns are grouped
    by that token, one Matcher per group, and a group runs only on a doc that holds its token: a rule with
    a hundred cues runs the few whose words the block has. Otherwise one Matcher holds them all."""

    def __init__(self, patterns: list[str | list], nlp: Language) -> None:
        self.compiled = []
        for index, pattern in enumerate(patterns):
            try:
                self.compiled.append(compile_pattern(pattern, nlp))
            except PatternError as error:
                raise PatternError(str(error), index) from None
        tokens = [compiled.tokens for compiled in self.compiled]
        self.screen = screen(tokens)
        pieces = [required_piece(pattern) for pattern in tokens]
        self.groups = [(_group_screen(group), self._matcher(nlp, keys, patterns)) for group, keys in _buckets(pieces)]
        self._keys = {nlp.vocab.strings[_key(key)]: key for key in range(len(self.compiled))}

    def _matcher(self, nlp: Language, keys: list[int], patterns: list[str | list]) -> Any:
        from spacy.matcher import Matcher

        matcher = Matcher(nlp.vocab, validate=True)
        for key in keys:
            try:
                matcher.add(_key(key), [self.compiled[key].tokens], greedy="LONGEST")
            except (ValueError, KeyError) as error:
                raise PatternError(f"pattern {patterns[key]!r} is not a valid spaCy pattern: {error}", key) from None
        return matcher

    def __bool__(self) -> bool:
        return bool(self.compiled)

    def _matchers(self, doc: Doc | Span) -> Iterator[Any]:
        """The Matchers whose patterns may match in ``doc``."""
        if not self.compiled:
            return
        lines = token_lines(doc) if any(group_screen is not None for group_screen, _ in self.groups) else ""
        if self.screen is not None and self.screen.search(lines) is None:
            return
        for group_screen, matcher in self.groups:
            if group_screen is None or group_screen.search(lines) is not None:
                yield matcher

    def find(self, doc: Doc | Span) -> list[Match]:
        """All matches, longest first where they overlap the same start."""
        found = []
        for matcher in self._matchers(doc):
            for match_id, start, end, alignments in matcher(doc, with_alignments=True):
                key = self._keys[match_id]
                char_start, char_end = _narrow(doc, start, end, alignments, self.compiled[key].regexes)
                found.append(Match(key, start, end, char_start, char_end))
        found.sort(key=lambda m: (m.char_start, -(m.char_end - m.char_start), m.key))
        return found

    def matches_in(self, doc: Doc | Span) -> bool:
        return any(matcher(doc) for matcher in self._matchers(doc))


def screen(patterns: list[list[dict[str, Any]]]) -> re.Pattern[str] | None:
    """One regular expression that finds a line of :func:`token_lines` wherever any of ``patterns`` could
    match: for each pattern, a token it cannot match without (a word, a word list or a regex on the
    lowercase token). Searching it is far cheaper than running the Matcher, and most blocks of a notice hold
    none of a rule's words. None when some pattern has no such token (then the Matcher always runs)."""
    pieces = [required_piece(tokens) for tokens in patterns]
    if not pieces or None in pieces:
        return None
    try:
        return re.compile("|".join(f"(?:{piece})" for piece in dict.fromkeys(pieces)), re.MULTILINE)
    except re.error:
        return None


def required_piece(tokens: list[dict[str, Any]]) -> str | None:
    """The regex of the pattern's most telling required token (a word before a word list before a regex,
    the longer first), or None when it has none."""
    candidates = [piece for piece in map(_required_token, tokens) if piece is not None]
    return max(candidates, key=lambda piece: (piece[0], len(piece[1])))[1] if candidates else None


BUCKET_SIZE = 8
"""Patterns per Matcher when a set is split: each Matcher run walks the whole doc, so a few mid-sized
groups beat both one Matcher for a hundred patterns and one per pattern."""


def _buckets(pieces: list[str | None]) -> list[tuple[list[str], list[int]]]:
    """Pattern keys grouped into buckets of about :data:`BUCKET_SIZE`, patterns with the same required token
    together, with the tokens each bucket needs. Patterns without such a token share one bucket that always
    runs; a small set is one bucket."""
    if len(pieces) <= BUCKET_SIZE:
        return [([] if None in pieces else list(dict.fromkeys(pieces)), list(range(len(pieces))))]  # type: ignore[arg-type]
    unscreened = [key for key, piece in enumerate(pieces) if piece is None]
    by_piece: dict[str, list[int]] = {}
    for key, piece in enumerate(pieces):
        if piece is not None:
            by_piece.setdefault(piece, []).append(key)
    buckets: list[tuple[list[str], list[int]]] = [([], unscreened)] if unscreened else []
    buckets.append(([], []))
    for piece, keys in by_piece.items():
        if len(buckets[-1][1]) >= BUCKET_SIZE:
            buckets.append(([], []))
        buckets[-1][0].append(piece)
        buckets[-1][1].extend(keys)
    return [bucket for bucket in buckets if bucket[1]]


def _group_screen(pieces: list[str]) -> re.Pattern[str] | None:
    """The screen of a bucket: any of its tokens; None (always run) for no tokens or a regex that does not
    combine."""
    try:
        return re.compile("|".join(f"(?:{piece})" for piece in pieces), re.MULTILINE) if pieces else None
    except re.error:
        return None


def _required_token(token: dict[str, Any]) -> tuple[int, str] | None:
    """(preference, regex on one line of :func:`token_lines`) for a token a match cannot do without, or None
    when it may be absent (``?``, ``*``, ``!``, ``{0,n}``) or tests something other than its text."""
    op = token.get("OP", "")
    if op in ("?", "*", "!") or op.startswith(("{0", "{,")):
        return None
    for attribute in ("LOWER", "TEXT", "ORTH"):
        value = token.get(attribute)
        if isinstance(value, str) and value:
            return 2, f"^{re.escape(value.lower())}$"
        if isinstance(value, dict) and isinstance(value.get("IN"), list) and value["IN"]:
            if all(isinstance(word, str) and word for word in value["IN"]):
                return 1, "^(?:" + "|".join(re.escape(word.lower()) for word in value["IN"]) + ")$"
        if attribute == "LOWER" and isinstance(value, dict) and isinstance(value.get("REGEX"), str):
            regex = value["REGEX"]
            return None if re.search(r"\\[AZ]|\(\?[a-zA-Z]+\)", regex) else (0, regex)
    return None


def token_lines(doc: Doc | Span) -> str:
    """The distinct lowercase tokens of ``doc``, one per line: with ``re.MULTILINE`` a token regex's ``^`` and
    ``$`` keep meaning the token's edges. Kept on the doc, as every rule's screen reads it."""
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
