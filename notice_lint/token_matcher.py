"""Find token patterns in a doc without spaCy's Matcher.

A pattern is a list of spaCy token tables (``{"LOWER": {"IN": [...]}, "OP": "?"}``). spaCy's Matcher tries
every pattern at every token and calls a Python function per token for each regex. Here each pattern has
anchors, the tokens it cannot match without (a word, a word start, a regex), and a :class:`PatternGroup`
keeps its patterns' anchor words in one index: a doc's distinct tokens are looked up in it once, and only
the patterns whose anchor words all occur are tried, only around the places where the rarest of them
occurs. The matches are those of ``Matcher.add(key, [pattern], greedy="LONGEST")``.

Only the attributes and operators the rule packs use are read here (see :func:`compile_tokens`); a pattern
with anything else gets None and is left to spaCy's Matcher.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Container

from .regex_words import finite_prefixes, finite_words, line_regex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

STRING_ATTRIBUTES = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM"}
FLAGS = ("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP")
FLAG_ATTRIBUTES = {name: name for name in (*FLAGS, "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL")}
FLAG_ATTRIBUTES |= {"IS_SENT_START": "SENT_START", "SENT_START": "SENT_START"}
OPERATOR = re.compile(r"\{(\d*)(,?)(\d*)\}")
LETTER_FIRST = re.compile(r"\^?(?:\((?:\?:)?)*[^\W\d_]")
Span_ = tuple[int, int, list[int]]
"""(start, end, alignment): token positions, and the step each matched token took."""


@dataclass(frozen=True)
class Test:
    """What a token table asks of one attribute. ``kind`` is eq (``value`` a string), in or not_in (a
    frozenset), prefix (a tuple of word starts), regex (a compiled regex) or flag (a bool)."""

    attribute: str
    kind: str
    value: Any

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.attribute, self.kind, self.value)))

    def __hash__(self) -> int:  # kept: tests are looked up in every doc
        return self._hash  # type: ignore[attr-defined, no-any-return]

    def holds(self, view: DocView, position: int) -> bool:
        column = view.columns.get(self.attribute)
        value = (column if column is not None else view.column(self.attribute))[position]
        kind = self.kind
        if kind == "eq" or kind == "flag":
            return value == self.value
        if kind == "in":
            return value in self.value
        if kind == "not_in":
            return value not in self.value
        if kind == "prefix":
            return value.startswith(self.value)
        return view.regex_hit(self.attribute, self.value, value)

    def anchor_rank(self) -> int | None:
        """How good an anchor the test is (lower is better): a word occurs in few places, a flag such as
        IS_TITLE or a regex that does not start with a letter (``^[^.]+$``) in many. None: no anchor."""
        if self.kind == "regex":
            return 3 if LETTER_FIRST.match(self.value.pattern) else 5
        if self.kind == "flag":
            return 4 if self.value is True else None
        return {"eq": 0, "in": 1, "prefix": 2}.get(self.kind)

    def words(self) -> frozenset[str]:
        """The words (or word starts) an eq, in or prefix test looks for."""
        return frozenset([self.value]) if self.kind == "eq" else frozenset(self.value)

    def positions(self, view: DocView) -> list[int]:
        """Every position in the doc where the test holds."""
        if self.kind == "eq":
            return view.index(self.attribute).get(self.value, [])
        if self.kind == "in":
            index = view.index(self.attribute)
            words = self.value.intersection(view.values(self.attribute))
            if len(words) < 2:
                return index[next(iter(words))] if words else []
            return sorted(position for word in words for position in index[word])
        if self.kind == "prefix":
            index = view.index(self.attribute)
            hits = [value for value in view.values(self.attribute) if value.startswith(self.value)]
            if len(hits) < 2:
                return index[hits[0]] if hits else []
            return sorted(position for value in hits for position in index[value])
        if self.kind == "regex":
            return view.regex_positions(self.attribute, self.value)
        return view.flag_positions(self.attribute, self.value)


@dataclass(frozen=True)
class Step:
    """One pattern token: its tests (all must hold, or not all with ``negate``), repeated low..high times
    (high None: no limit)."""

    tests: tuple[Test, ...]
    negate: bool
    low: int
    high: int | None

    def accepts(self, view: DocView, position: int) -> bool:
        for test in self.tests:
            if not test.holds(view, position):
                return self.negate
        return not self.negate


@dataclass(frozen=True)
class Anchor:
    """A test a match cannot do without, and how many tokens the steps before its step take (at least, at
    most; None: no limit): a match starts that far before a token the test holds for."""

    test: Test
    least: int
    most: int | None


@dataclass(frozen=True)
class TokenPattern:
    """A compiled pattern: its steps, and its anchors, best first (see :meth:`Test.anchor_rank`). The
    first anchor indexes the pattern in a :class:`PatternGroup`; the one that occurs in the fewest places in
    a doc is where the search starts."""

    steps: tuple[Step, ...]
    anchors: tuple[Anchor, ...]
    exact: bool = False
    """Every step takes exactly one token."""

    @property
    def anchor(self) -> Test | None:
        return self.anchors[0].test if self.anchors else None

    def spans(self, view: DocView, low: int, high: int) -> list[Span_]:
        """Every way the pattern matches tokens ``low..high`` of the doc."""
        if not self.anchors:
            starts: Any = range(low, high)
        else:
            best: tuple[list[int], Anchor] | None = None
            whole = not low and high == view.size
            for anchor in self.anchors:
                positions = view.positions(anchor.test)
                if not whole:
                    positions = positions[bisect_left(positions, low) : bisect_left(positions, high)]
                if not positions:
                    return []  # a test the match needs holds nowhere
                if best is None or len(positions) < len(best[0]):
                    best = (positions, anchor)
            assert best is not None
            positions, anchor = best
            least, most = anchor.least, anchor.most
            if least == most:
                starts = [position - least for position in positions if position - least >= low]
            else:
                starts = set()
                for position in positions:
                    starts.update(range(low if most is None else max(low, position - most), position - least + 1))
                starts = sorted(starts)
        found = []
        steps = self.steps
        if self.exact:  # one token per step
            length = len(steps)
            for start in starts:
                if start + length > high:
                    continue
                position = start
                for step in steps:
                    if not step.accepts(view, position):
                        break
                    position += 1
                else:
                    found.append((start, start + length, list(range(length))))
            return found
        for start in starts:
            for end, alignment in _ends(steps, view, start, high).items():
                if end > start:
                    found.append((start, end, alignment))
        return found


def _ends(steps: tuple[Step, ...], view: DocView, start: int, high: int) -> dict[int, list[int]]:
    """The ends of every way ``steps`` match from ``start`` (before ``high``), each with one alignment."""
    ends: dict[int, list[int]] = {}
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[int, int, list[int]]] = [(0, start, [])]
    last = len(steps)
    while stack:
        index, position, alignment = stack.pop()
        if index == last:
            ends.setdefault(position, alignment)
            continue
        if (index, position) in seen:
            continue
        seen.add((index, position))
        step = steps[index]
        if step.low == 0:
            stack.append((index + 1, position, alignment))
        taken, cursor, most = 0, position, high if step.high is None else min(high, position + step.high)
        while cursor < most and step.accepts(view, cursor):
            cursor += 1
            taken += 1
            if taken >= step.low:
                stack.append((index + 1, cursor, alignment + [index] * taken))
    return ends


def longest(spans: list[Span_]) -> list[Span_]:
    """spaCy's ``greedy="LONGEST"``: the longest spans first (the earlier of equals), none overlapping."""
    if len(spans) == 1:
        return spans
    taken: list[Span_] = []
    used: set[int] = set()
    for start, end, alignment in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if used.isdisjoint(range(start, end)):
            taken.append((start, end, alignment))
            used.update(range(start, end))
    return taken


class PatternGroup:
    """Patterns run together on a doc: each (key, pattern) is tried only when every word its anchors need
    occurs (see :class:`Anchor`), which one set intersection per attribute tells for all of them at once."""

    def __init__(self, patterns: list[tuple[int, TokenPattern]], index: AnchorIndex | None = None) -> None:
        self.patterns = patterns
        self.by_word: dict[tuple[str, str], dict[str, list[tuple[int, int]]]] = {}
        """(attribute, 'word' or 'prefix') to each anchor word or word start's (pattern index, anchor bit)."""
        self.needed: dict[int, int] = {}
        """For a pattern with word anchors, the bits of all of them: it is tried where all occur."""
        self.always: list[int] = []
        """Patterns whose anchor is a flag, a regex that cannot search lines, or none: tried on every doc."""
        by_regex: dict[str, list[int]] = {}
        for position, (_, pattern) in enumerate(patterns):
            tests = list(dict.fromkeys(anchor.test for anchor in pattern.anchors if anchor.test.kind in WORD_KINDS))
            for slot, test in enumerate(tests):
                table = self.by_word.setdefault((test.attribute, "prefix" if test.kind == "prefix" else "word"), {})
                for word in test.words():
                    table.setdefault(word, []).append((position, 1 << slot))
            anchor = pattern.anchor
            if tests:
                self.needed[position] = (1 << len(tests)) - 1
            elif anchor is not None and anchor.kind == "regex" and line_regex(anchor.value.pattern) is not None:
                by_regex.setdefault(anchor.attribute, []).append(position)
            else:
                self.always.append(position)
        self.words = {key: frozenset(table) for key, table in self.by_word.items()}
        self.lengths = {
            attribute: tuple(sorted({len(word) for word in self.by_word[attribute, kind]}))
            for attribute, kind in self.by_word
            if kind == "prefix"
        }
        """Per attribute, the lengths of the anchor word starts: a doc's values are cut to these."""
        self.screened = [
            (attribute, _line_screen([patterns[index][1] for index in chunk]), chunk)
            for attribute, indexes in by_regex.items()
            for chunk in (indexes[start : start + SCREEN_SIZE] for start in range(0, len(indexes), SCREEN_SIZE))
        ]
        """Patterns anchored by regexes, a few to one regex searching the doc's distinct values at once."""
        self.index = index
        self.number = index.add(self) if index is not None else 0

    def candidates(self, view: DocView) -> list[int]:
        """The patterns (indexes) whose anchors all occur in the doc, in order."""
        if self.index is not None:
            return self.index.candidates(view).get(self.number, [])
        met: dict[int, int] = {}
        for (attribute, kind), words in self.words.items():
            table = self.by_word[attribute, kind]
            present = view.values(attribute) if kind == "word" else view.starts(attribute, self.lengths[attribute])
            for word in words.intersection(present):
                for position, bit in table[word]:
                    met[position] = met.get(position, 0) | bit
        chosen = {position for position, bits in met.items() if bits == self.needed[position]}
        chosen.update(self.always)
        for attribute, screen, indexes in self.screened:
            if view.search_lines(attribute, screen):
                chosen.update(indexes)
        return sorted(chosen)

    def find(
        self, doc: Doc | Span, first_only: bool = False, keys: Container[int] | None = None
    ) -> list[tuple[int, int, int, list[int]]]:
        """(key, start, end, alignment) of each pattern's longest non-overlapping matches in ``doc``, token
        positions relative to ``doc``; with ``first_only``, stop at the first pattern that matches; with
        ``keys``, try only those patterns."""
        whole = doc.doc
        low, high = (doc.start, doc.end) if whole is not doc else (0, len(whole))
        view = DocView.of(whole)
        found = []
        for position in self.candidates(view):
            key, pattern = self.patterns[position]
            if keys is not None and key not in keys:
                continue
            spans = pattern.spans(view, low, high)
            if not spans:
                continue
            found.extend((key, start - low, end - low, alignment) for start, end, alignment in longest(spans))
            if first_only:
                break
        return found


class AnchorIndex:
    """The anchors of every :class:`PatternGroup` made with it, in one index: the groups that run on the
    same docs (a language's wording rules and cues) get their candidates in a doc from one set intersection
    per attribute, instead of one per group. A group that is collected leaves it."""

    def __init__(self) -> None:
        self.groups: dict[int, weakref.ref[PatternGroup]] = {}
        self.version = 0
        """Changes when a group joins: candidates kept with a doc are then out of date."""
        self.dropped = 0
        self.added = 0
        self._clear()

    def _clear(self) -> None:
        self.by_word: dict[tuple[str, str], dict[str, list[tuple[tuple[int, int], int]]]] = {}
        """(attribute, kind) to each word's entries: ((group, pattern index), anchor bit)."""
        self.needed: dict[tuple[int, int], int] = {}
        """(group, pattern index) to the bits of all its anchors."""
        self.words: dict[tuple[str, str], set[str]] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}
        self.screened: list[tuple[str, re.Pattern[str], int, list[int]]] = []
        self.always: list[tuple[int, list[int]]] = []
        self.hits: dict[str, tuple[tuple[tuple[int, int], int], ...]] = {}
        """For a token text, the entries its ORTH and LOWER forms meet (see :meth:`_hits`)."""

    def add(self, group: PatternGroup) -> int:
        self.added += 1
        number = self.added  # never reused: entries of a collected group stay until the next rebuild
        self.groups[number] = weakref.ref(group)
        self._index(number, group)
        weakref.finalize(group, self._drop, number)
        return number

    def _index(self, number: int, group: PatternGroup) -> None:
        keys = {position: (number, position) for position in group.needed}
        for key, table in group.by_word.items():
            mine = self.by_word.setdefault(key, {})
            for word, entries in table.items():
                mine.setdefault(word, []).extend((keys[position], bit) for position, bit in entries)
            self.words.setdefault(key, set()).update(table)
        self.needed.update((keys[position], bits) for position, bits in group.needed.items())
        for attribute, lengths in group.lengths.items():
            self.lengths[attribute] = tuple(sorted({*lengths, *self.lengths.get(attribute, ())}))
        self.screened.extend((attribute, screen, number, chunk) for attribute, screen, chunk in group.screened)
        for attribute, _, chunk in group.screened:
            self.needed.update(((number, position), 1) for position in chunk)
        if group.always:
            self.always.append((number, group.always))
        self.version += 1
        self.hits = {}

    def _drop(self, number: int) -> None:
        self.groups.pop(number, None)
        self.dropped += 1
        if self.dropped > len(self.groups):  # more entries of gone groups than of live ones: rebuild
            self.dropped = 0
            self._clear()
            for live_number, ref in list(self.groups.items()):
                live = ref()
                if live is not None:
                    self._index(live_number, live)

    def candidates(self, view: DocView) -> dict[int, list[int]]:
        """For each group, the patterns (indexes) whose anchors all occur in the doc, in order."""
        kept = view.candidates.get(self)
        if kept is not None and kept[0] == self.version:
            return kept[1]
        met: dict[tuple[int, int], int] = {}
        hits = self.hits
        for value in view.values("ORTH"):
            found = hits.get(value)
            if found is None:
                found = self._hits(value)
            for key, bit in found:
                met[key] = met.get(key, 0) | bit
        for word_key, words in self.words.items():
            attribute, kind = word_key
            if attribute in FROM_ORTH:
                continue
            present = view.values(attribute) if kind == "word" else view.starts(attribute, self.lengths[attribute])
            table = self.by_word[word_key]
            for word in words.intersection(present):
                for key, bit in table[word]:
                    met[key] = met.get(key, 0) | bit
        chosen: dict[int, set[int]] = {number: set(positions) for number, positions in self.always}
        needed = self.needed
        for key, bits in met.items():
            if bits == needed[key]:
                number, position = key
                if number in chosen:
                    chosen[number].add(position)
                else:
                    chosen[number] = {position}
        for attribute, screen, number, chunk in self.screened:
            if attribute not in FROM_ORTH and view.search_lines(attribute, screen):
                chosen.setdefault(number, set()).update(chunk)
        result = {number: sorted(positions) for number, positions in chosen.items()}
        view.candidates[self] = (self.version, result)
        return result

    def _hits(self, text: str) -> tuple[tuple[tuple[int, int], int], ...]:
        """The entries ((group, pattern index), anchor bit) a token with this text meets through its ORTH or
        LOWER form: an anchor word, a word start, or a regex screen. Token texts recur from doc to doc, so
        each is looked at once (until a group joins or leaves, or too many are kept)."""
        forms = {"ORTH": text, "LOWER": text.lower()}
        found: list[tuple[tuple[int, int], int]] = []
        for (attribute, kind), table in self.by_word.items():
            form = forms.get(attribute)
            if form is None:
                continue
            if kind == "word":
                found.extend(table.get(form, ()))
            else:
                for length in self.lengths[attribute]:
                    if length > len(form):
                        break
                    found.extend(table.get(form[:length], ()))
        for attribute, screen, number, chunk in self.screened:
            form = forms.get(attribute)
            if form is not None and ("\n" in form or screen.search(form)):
                found.extend(((number, position), 1) for position in chunk)
        if len(self.hits) >= MAX_KEPT_TEXTS:
            self.hits = {}
        hits = self.hits[text] = tuple(found)
        return hits


WORD_KINDS = ("eq", "in", "prefix")
"""Tests an anchor index looks up by word: a token's text, or its start, is one of the test's words."""
FROM_ORTH = frozenset({"ORTH", "LOWER"})
"""Attributes whose value follows from the token's text alone (LOWER is the text lowercased)."""
MAX_KEPT_TEXTS = 1 << 17
"""Token texts whose anchor entries an :class:`AnchorIndex` keeps; beyond that it starts afresh."""
SCREEN_SIZE = 8
"""Regex anchors searched together: one search tells whether any of them occurs in a doc."""


def _line_screen(patterns: list[TokenPattern]) -> re.Pattern[str]:
    """One regex that finds a line wherever one of the patterns' regex anchors would."""
    return re.compile("|".join(f"(?:{line_regex(pattern.anchor.value.pattern).pattern})" for pattern in patterns if pattern.anchor), re.MULTILINE)


def compile_tokens(tokens: list[dict[str, Any]]) -> TokenPattern | None:
    """A pattern this matcher can run, or None when a token uses an attribute, a value or an operator it
    does not read (spaCy's Matcher then runs it, and reports what is wrong with it)."""
    steps = []
    for token in tokens:
        step = _step(token)
        if step is None:
            return None
        steps.append(step)
    if not steps:
        return None
    candidates = [
        (rank, index, test)
        for index, step in enumerate(steps)
        if step.low >= 1 and not step.negate
        for test in step.tests
        if (rank := test.anchor_rank()) is not None
    ]
    candidates.sort(key=lambda candidate: (candidate[0], candidate[1]))
    anchors = []
    for rank, index, test in candidates:
        if anchors and rank > 3:
            break  # a flag or a loose regex holds almost everywhere: no help once there is a better anchor
        highs = [step.high for step in steps[:index]]
        most = None if None in highs else sum(high for high in highs if high is not None)
        anchors.append(Anchor(test, sum(step.low for step in steps[:index]), most))
    exact = all(step.low == step.high == 1 for step in steps)
    return TokenPattern(tuple(steps), tuple(dict.fromkeys(anchors)), exact)


def _step(token: Any) -> Step | None:
    if not isinstance(token, dict):
        return None
    bounds = _operator(token.get("OP", ""))
    if bounds is None:
        return None
    tests = []
    for key, value in token.items():
        if key == "OP":
            continue
        found = _tests(key, value)
        if found is None:
            return None
        tests.extend(found)
    low, high, negate = bounds
    return Step(tuple(tests), negate, low, high)


def _operator(op: Any) -> tuple[int, int | None, bool] | None:
    """(low, high, negate) for a spaCy ``OP``; None for one this matcher does not take."""
    simple = {"": (1, 1, False), "?": (0, 1, False), "*": (0, None, False), "+": (1, None, False), "!": (1, 1, True)}
    if not isinstance(op, str):
        return None
    if op in simple:
        return simple[op]
    braces = OPERATOR.fullmatch(op)
    if braces is None or not (braces.group(1) or braces.group(3)):
        return None
    low = int(braces.group(1) or 0)
    high = int(braces.group(3)) if braces.group(3) else (None if braces.group(2) else low)
    if high is not None and high < low or high == 0:
        return None
    return low, high, False


def _tests(key: str, value: Any) -> list[Test] | None:
    if key in FLAG_ATTRIBUTES:
        return [Test(FLAG_ATTRIBUTES[key], "flag", value)] if isinstance(value, bool) else None
    attribute = STRING_ATTRIBUTES.get(key)
    if attribute is None:
        return None
    if isinstance(value, str):
        return [Test(attribute, "eq", value)]
    if not isinstance(value, dict) or not value:
        return None
    tests = []
    for predicate, argument in value.items():
        if predicate in ("IN", "NOT_IN"):
            if not isinstance(argument, list) or not all(isinstance(word, str) for word in argument):
                return None
            tests.append(Test(attribute, predicate.lower(), frozenset(argument)))
        elif predicate == "REGEX" and isinstance(argument, str):
            test = _regex_test(attribute, argument)
            if test is None:
                return None
            tests.append(test)
        else:
            return None
    return tests


def _regex_test(attribute: str, regex: str) -> Test | None:
    """A REGEX predicate as a word list, a list of word starts, or the regex itself."""
    words = finite_words(regex)
    if words:
        return Test(attribute, "in", frozenset(words))
    starts = finite_prefixes(regex)
    if starts:
        return Test(attribute, "prefix", tuple(starts))
    try:
        return Test(attribute, "regex", re.compile(regex))
    except re.error:
        return None


@lru_cache(maxsize=1 << 16)
def _starts(value: str, lengths: tuple[int, ...]) -> tuple[str, ...]:
    """The starts of ``value`` of the given lengths (values recur across docs: kept)."""
    return tuple(value[:length] for length in lengths if length <= len(value))


class DocView:
    """A doc's token attributes as Python lists, with an index per attribute (each distinct value, and each
    start of a value, to its positions), read once per doc and shared by every pattern that looks at it.

    The doc keeps its view (in ``user_data``) and the view refers to the doc only weakly: with a strong
    reference both ways, every doc would be garbage only the cycle collector frees, and its passes over
    thousands of waiting docs took a twentieth of a run."""

    def __init__(self, doc: Doc) -> None:
        self._doc = weakref.ref(doc)
        self.size = len(doc)
        self.columns: dict[str, list[Any]] = {}
        self.indexes: dict[str, dict[Any, list[int]]] = {}
        self.regexes: dict[tuple[str, str], dict[str, bool]] = {}
        self.regex_hits: dict[tuple[str, str], list[int]] = {}
        self.flags: dict[tuple[str, Any], list[int]] = {}
        self.lines: dict[str, tuple[str, list[int], list[str]]] = {}
        self.start_sets: dict[tuple[str, tuple[int, ...]], frozenset[str]] = {}
        self.value_sets: dict[str, frozenset[Any]] = {}
        self.test_positions: dict[Test, list[int]] = {}
        self.candidates: dict[AnchorIndex, tuple[int, dict[int, list[int]]]] = {}
        self.found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        """Matches of pattern sets in the doc or a sentence of it, kept by :meth:`PatternSet.find`."""

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the doc of this view is gone")
        return doc

    @classmethod
    def of(cls, doc: Doc) -> DocView:
        view = doc.user_data.get("notice_lint_view")
        if view is None:
            view = doc.user_data["notice_lint_view"] = cls(doc)
        return view

    def column(self, attribute: str) -> list[Any]:
        column = self.columns.get(attribute)
        if column is None and attribute == "LOWER":  # spaCy's LOWER is the text lowercased: cheaper so
            column = self.columns[attribute] = [text.lower() for text in self.column("ORTH")]
        if column is None:
            doc = self.doc
            values = doc.to_array(attribute).tolist() if self.size else []
            if attribute in STRING_ATTRIBUTES.values():
                strings = doc.vocab.strings
                column = [strings[value] for value in values]
            elif attribute == "SENT_START":
                column = [value == 1 for value in values]
            else:
                column = [bool(value) for value in values]
            self.columns[attribute] = column
        return column

    def index(self, attribute: str) -> dict[Any, list[int]]:
        index = self.indexes.get(attribute)
        if index is None:
            index = self.indexes[attribute] = {}
            for position, value in enumerate(self.column(attribute)):
                positions = index.get(value)
                if positions is None:
                    index[value] = [position]
                else:
                    positions.append(position)
        return index

    def positions(self, test: Test) -> list[int]:
        """Where ``test`` holds in the doc (kept: patterns share tests)."""
        found = self.test_positions.get(test)
        if found is None:
            found = self.test_positions[test] = test.positions(self)
        return found

    def values(self, attribute: str) -> frozenset[Any]:
        """The distinct values, as a set to intersect with."""
        values = self.value_sets.get(attribute)
        if values is None:
            values = self.value_sets[attribute] = frozenset(self.column(attribute))
        return values

    def starts(self, attribute: str, lengths: tuple[int, ...]) -> frozenset[str]:
        """The starts of the given lengths of the distinct values."""
        key = (attribute, lengths)
        starts = self.start_sets.get(key)
        if starts is None:
            starts = self.start_sets[key] = frozenset().union(*[_starts(value, lengths) for value in self.values(attribute)])
        return starts

    def regex_hit(self, attribute: str, regex: re.Pattern[str], value: str) -> bool:
        memo = self.regexes.setdefault((attribute, regex.pattern), {})
        hit = memo.get(value)
        if hit is None:
            hit = memo[value] = regex.search(value) is not None
        return hit

    def regex_positions(self, attribute: str, regex: re.Pattern[str]) -> list[int]:
        key = (attribute, regex.pattern)
        if key not in self.regex_hits:
            index = self.index(attribute)
            by_lines = line_regex(regex.pattern)
            if by_lines is None:
                hits = [value for value in index if self.regex_hit(attribute, regex, value)]
            else:
                hits = self._search_lines(attribute, by_lines, regex)
            self.regex_hits[key] = sorted(position for value in hits for position in index[value])
        return self.regex_hits[key]

    def _lines(self, attribute: str) -> tuple[str, list[int], list[str]]:
        """The distinct values without a line break, one per line; where each line starts; the values."""
        if attribute not in self.lines:
            values = [value for value in self.values(attribute) if "\n" not in value]
            starts, offset = [], 0
            for value in values:
                starts.append(offset)
                offset += len(value) + 1
            self.lines[attribute] = "\n".join(values), starts, values
        return self.lines[attribute]

    def search_lines(self, attribute: str, by_lines: re.Pattern[str]) -> bool:
        """Whether a regex made by :func:`line_regex` finds a distinct value; values with a line break in
        them pass, as they are not among the lines."""
        if by_lines.search(self._lines(attribute)[0]) is not None:
            return True
        return len(self._lines(attribute)[2]) < len(self.values(attribute))

    def _search_lines(self, attribute: str, by_lines: re.Pattern[str], regex: re.Pattern[str]) -> list[str]:
        """The distinct values ``regex`` finds, by one search of them all, one per line (see
        :func:`line_regex`); values with a line break in them are searched one by one."""
        text, starts, values = self._lines(attribute)
        hits = {values[bisect_right(starts, found.start()) - 1] for found in by_lines.finditer(text)}
        hits.update(value for value in self.index(attribute) if "\n" in value and regex.search(value))
        return list(hits)

    def flag_positions(self, attribute: str, value: Any) -> list[int]:
        if (attribute, value) not in self.flags:
            self.flags[attribute, value] = [p for p, flag in enumerate(self.column(attribute)) if flag == value]
        return self.flags[attribute, value]
