"""The token matcher (notice_lint/token_matcher.py) against spaCy's Matcher, and the regex helpers it uses."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from notice_lint.nlp import pipeline
from notice_lint.patterns import PatternError, PatternSet
from notice_lint.regex_words import finite_prefixes, line_regex
from notice_lint.token_matcher import AnchorIndex, PatternGroup, compile_tokens

SETTINGS = settings(
    max_examples=1500 if os.environ.get("NOTICE_LINT_HYPOTHESIS") == "deep" else 150,
    deadline=None,
    derandomize=os.environ.get("NOTICE_LINT_HYPOTHESIS") != "deep",
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
WORDS = ["a", "b", "c", "Ab", "ba", "."]


def spacy_matches(patterns: list[list[dict]], doc) -> list[tuple[int, int, int]]:
    """(key, start, end) of each pattern's matches by spaCy's Matcher, greedy LONGEST, sorted."""
    matcher = Matcher(pipeline("en").vocab, validate=True)
    for key, pattern in enumerate(patterns):
        matcher.add(f"p-{key}", [pattern], greedy="LONGEST")
    strings = pipeline("en").vocab.strings
    return sorted((int(strings[match_id][2:]), start, end) for match_id, start, end in matcher(doc))


SHARED = AnchorIndex()
"""One index for the whole module: groups join and leave it from example to example, as rule sets do."""


def own_matches(patterns: list[list[dict]], doc) -> list[tuple[int, int, int]]:
    """The matches of a group of its own; a group in the shared index (see :data:`SHARED`) finds the same."""
    compiled = [(key, compile_tokens(pattern)) for key, pattern in enumerate(patterns)]
    assert all(pattern is not None for _, pattern in compiled)
    found = sorted((key, start, end) for key, start, end, _ in PatternGroup(compiled).find(doc))
    assert sorted((key, start, end) for key, start, end, _ in PatternGroup(compiled, SHARED).find(doc)) == found
    return found


def make_doc(words: list[str]):
    doc = Doc(pipeline("en").vocab, words=words)
    for position, token in enumerate(doc):  # sentences start after a full stop, as the sentencizer has it
        token.is_sent_start = position == 0 or words[position - 1] == "."
    return doc


TOKEN = st.one_of(
    st.sampled_from(WORDS).map(lambda word: {"LOWER": word.lower()}),
    st.sampled_from(WORDS).map(lambda word: {"ORTH": word}),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda words: {"LOWER": {"IN": words}}),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda words: {"LOWER": {"NOT_IN": words}}),
    st.sampled_from(["^a", "^(a|b)$", "^b", "a$", "[^.]", "^(ab|b)", "b"]).map(lambda regex: {"LOWER": {"REGEX": regex}}),
    st.sampled_from(["^A", "^[a-z]+$"]).map(lambda regex: {"TEXT": {"REGEX": regex}}),
    st.just({"IS_TITLE": True}),
    st.just({"IS_SENT_START": True}),
    st.just({}),
)
OPS = st.sampled_from(["", "", "", "?", "*", "+", "!", "{2}", "{1,2}", "{0,2}", "{2,}"])


@st.composite
def patterns(draw) -> list[dict]:
    tokens = []
    for token in draw(st.lists(TOKEN, min_size=1, max_size=4)):
        op = draw(OPS)
        tokens.append({**token, "OP": op} if op else dict(token))
    return tokens


@SETTINGS
@given(st.lists(patterns(), min_size=1, max_size=3), st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
def test_finds_what_spacys_matcher_finds(pattern_list, words):
    doc = make_doc(words)
    assert own_matches(pattern_list, doc) == spacy_matches(pattern_list, doc)


@SETTINGS
@given(patterns(), st.lists(st.sampled_from(WORDS), min_size=3, max_size=12), st.data())
def test_finds_in_a_span_what_spacys_matcher_finds_there(pattern, words, data):
    doc = make_doc(words)
    start = data.draw(st.integers(0, len(doc) - 1))
    span = doc[start : data.draw(st.integers(start + 1, len(doc)))]
    assert own_matches([pattern], span) == spacy_matches([pattern], span)


@pytest.mark.parametrize(
    ("pattern", "words", "expected"),
    [
        ([{"LOWER": "a"}, {"LOWER": "b", "OP": "!"}], ["a", "c", "a", "b"], [(0, 2)]),  # '!' takes one token
        ([{"LOWER": "a", "OP": "+"}], ["a", "a", "b", "a"], [(0, 2), (3, 4)]),  # longest, none overlapping
        ([{"LOWER": "a"}, {"OP": "{0,2}"}, {"LOWER": "b"}], ["a", "c", "c", "b", "a", "c", "c", "c", "b"], [(0, 4)]),
        ([{"TEXT": {"REGEX": "^(유출|노출)"}}], ["유출된", "정보", "노출"], [(0, 1), (2, 3)]),  # word starts
        ([{"IS_SENT_START": True, "LOWER": "b"}], ["b", "b", ".", "b"], [(0, 1), (3, 4)]),
    ],
)
def test_operators_and_tests(pattern, words, expected):
    doc = make_doc(words)
    assert [(start, end) for _, start, end in own_matches([pattern], doc)] == expected
    assert [(start, end) for _, start, end in spacy_matches([pattern], doc)] == expected


def test_a_pattern_it_does_not_read_is_left_to_spacy():
    nlp = pipeline("en")
    assert compile_tokens([{"LENGTH": 3}]) is None
    assert compile_tokens([{"LOWER": "a", "OP": "{3,1}"}]) is None
    patterns = PatternSet([[{"LENGTH": 5}], "leaked"], nlp)
    assert len(patterns.matchers) == 1 and len(patterns.group.patterns) == 1
    found = patterns.find(nlp("Names leaked today"))
    assert [(match.key, match.char_start, match.char_end) for match in found] == [(0, 0, 5), (1, 6, 12), (0, 13, 18)]


def test_a_pattern_spacy_rejects_is_still_an_error():
    with pytest.raises(PatternError, match="not a valid spaCy pattern"):
        PatternSet([[{"LOWRE": "leaked"}]], pipeline("en"))
    with pytest.raises(PatternError, match="not a valid spaCy pattern"):
        PatternSet([[{"LOWER": "leaked", "OP": "{2,1}"}]], pipeline("en"))


@pytest.mark.parametrize("shared", [False, True])
def test_only_patterns_whose_anchors_all_occur_are_tried(shared):
    from notice_lint.token_matcher import DocView

    optional = compile_tokens([{"LOWER": "q"}, {"LOWER": "x", "OP": "?"}, {"LOWER": {"REGEX": "^(ab|cd)"}}])
    patterns = [(0, compile_tokens([{"LOWER": "a"}, {"LOWER": "b"}])), (1, compile_tokens([{"LOWER": {"REGEX": "^(xy|z)"}}])),
                (2, optional)]
    group = PatternGroup(patterns, AnchorIndex() if shared else None)

    assert group.candidates(DocView.of(make_doc(["a", "c"]))) == []  # 'b' is missing
    assert group.candidates(DocView.of(make_doc(["c", "b", "a"]))) == [0]  # in any order: the steps are tried next
    assert group.candidates(DocView.of(make_doc(["zed", "c"]))) == [1]
    assert group.candidates(DocView.of(make_doc(["q", "abc"]))) == [2]  # an optional token is no anchor
    assert group.candidates(DocView.of(make_doc(["q", "x"]))) == []
    assert group.candidates(DocView.of(make_doc(["c"]))) == []


@pytest.mark.parametrize(
    ("regex", "prefixes"),
    [("^(유출되|유출됐)", ["유출됐", "유출되"]), ("^노출", ["노출"]), ("^[가나]다", ["가다", "나다"]),
     ("^(a)?", None), ("^(a|b)$", None), (r"^\d", None), ("노출", None)],
)
def test_finite_prefixes(regex, prefixes):
    assert finite_prefixes(regex) == prefixes


REGEXES = ["^[^.]+$", r"^[^@\s]+@[^@\s]+$", r"(?<=^a)b", r"^(a|b)?\s?c", r"\Wb", r"^\D", "b$", r"[^\]]", "^(?!a).+$"]
VALUES = st.text(alphabet="ab c.@]\n\t", min_size=1, max_size=5)


@SETTINGS
@given(st.sampled_from(REGEXES), st.lists(VALUES, min_size=1, max_size=6, unique=True))
def test_a_line_regex_finds_a_line_exactly_when_the_regex_finds_the_value(regex, values):
    by_lines = line_regex(regex)
    assert by_lines is not None
    lines = [value for value in values if "\n" not in value]
    text = "\n".join(lines)
    starts = [sum(len(line) + 1 for line in lines[:index]) for index in range(len(lines))]
    found = {next(i for i in reversed(range(len(lines))) if starts[i] <= hit.start()) for hit in by_lines.finditer(text)}
    assert found == {index for index, line in enumerate(lines) if re.search(regex, line)}


@pytest.mark.parametrize("regex", [r"\Aa", r"a\Z", "(?i)a", r"[-\s]", r"\x41", "(?P<n>a)", "a\nb"])
def test_a_regex_that_may_read_across_lines_gets_no_line_form(regex):
    assert line_regex(regex) is None


def test_groups_sharing_an_anchor_index_find_what_they_find_alone():
    import gc

    from notice_lint.token_matcher import AnchorIndex, DocView

    first = [(0, compile_tokens([{"LOWER": "a"}, {"LOWER": "b"}])), (1, compile_tokens([{"LOWER": {"REGEX": "^(xy|z)"}}]))]
    second = [(0, compile_tokens([{"LOWER": {"IN": ["b", "c"]}}])), (1, compile_tokens([{"LOWER": {"REGEX": "^c.+$"}}]))]
    shared = AnchorIndex()
    together = [PatternGroup(first, shared), PatternGroup(second, shared)]
    alone = [PatternGroup(first), PatternGroup(second)]
    for words in (["a", "b", "zed"], ["c", "ca"], ["q"], ["a", "c", "b"]):
        doc = make_doc(words)
        for joined, single in zip(together, alone):
            assert joined.candidates(DocView.of(doc)) == single.candidates(DocView.of(doc))
            assert joined.find(doc) == single.find(doc)
    doc = make_doc(["q", "a", "b"])
    assert together[0].find(doc) == [(0, 1, 3, [0, 1])]  # the doc now keeps the shared candidates
    late = PatternGroup([(0, compile_tokens([{"LOWER": "q"}]))], shared)  # joins after the doc was read
    assert late.find(doc) == [(0, 0, 1, [0])]
    del together[1], late, joined, single
    gc.collect()
    assert len(shared.groups) == 1 and together[0].find(make_doc(["a", "b"])) == [(0, 0, 2, [0, 1])]


def test_a_doc_with_a_view_is_freed_without_the_cycle_collector():
    import gc
    import weakref

    from notice_lint.token_matcher import DocView

    nlp = pipeline("en")
    doc = nlp("We are sorry. An attacker took your name.")
    assert PatternSet(["attacker"], nlp).find(doc)  # builds and keeps the doc's view
    gone = weakref.ref(doc)
    view = DocView.of(doc)
    assert view.doc is doc and view.size == len(doc)
    gc.disable()
    try:
        del doc
        assert gone() is None  # freed by reference counting alone
    finally:
        gc.enable()
    with pytest.raises(ReferenceError):
        view.doc  # noqa: B018 - reading it is the test
