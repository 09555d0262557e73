"""The compact pattern syntax compiles to spaCy Matcher patterns that catch inflections."""

from __future__ import annotations

import pytest

from notice_lint.nlp import pipeline
from notice_lint.patterns import PatternError, PatternSet, compile_pattern


def found(patterns: list, text: str, language: str = "en") -> list[str]:
    doc = pipeline(language)(text)
    return [doc.text[m.char_start : m.char_end] for m in PatternSet(patterns, pipeline(language)).find(doc)]


def test_regex_token_catches_every_inflection():
    text = "They expose it; it was exposed, exposing us: an exposure."
    assert found(["/^expos(e|ed|ing|ure)$/"], text) == ["expose", "exposed", "exposing", "exposure"]


def test_korean_word_start_regex_highlights_only_the_stem():
    assert found(["/^노출/"], "정보가 노출, 노출된 정보, 노출되었습니다. 비노출") == ["노출", "노출", "노출"]


def test_multi_token_korean_match_narrows_the_last_word():
    assert found(["/^비인가/ /^조회/"], "비인가 조회가 있었습니다") == ["비인가 조회"]


def test_literals_are_tokenized_like_the_text():
    assert found(["we're sorry"], "We're sorry for this.") == ["We're sorry"]
    assert found(["e-mail address"], "Your e-mail address leaked.") == ["e-mail address"]


def test_alternatives_wildcards_and_quantifiers():
    assert found(["a small|limited number of"], "a limited number of users") == ["a limited number of"]
    assert found(["no evidence of _{0,2} misuse"], "no evidence of any actual misuse") == ["no evidence of any actual misuse"]
    assert found(["very? seriously"], "seriously and very seriously") == ["seriously", "very seriously"]


def test_number_token():
    assert found(["<num> customers"], "about 12,400 customers") == ["12,400 customers"]


def test_spacy_token_dict_patterns_pass_through():
    assert found([[{"LOWER": "data"}, {"LOWER": {"IN": ["was", "were"]}}]], "Data was taken") == ["Data was"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("/(/", "invalid regular expression"),
        ("very? sorry", None),
        ("we're?", "a quantifier needs a single token"),
        ("_?", "every token is optional"),
        ("", "non-empty"),
    ],
)
def test_pattern_errors(pattern, message):
    if message is None:
        compile_pattern(pattern, pipeline("en"))
        return
    with pytest.raises(PatternError, match=message):
        compile_pattern(pattern, pipeline("en"))


def test_pipelines_are_built_once_per_language():
    assert pipeline("ko") is pipeline("ko")
    assert pipeline("en") is not pipeline("ko")
    assert pipeline("ko").lang == "ko"


def test_korean_numbers_stay_whole_and_num_means_digits():
    tokens = [token.text for token in pipeline("ko")("약 3,370만 명, 이름,전화번호")]
    assert tokens == ["약", "3,370만", "명", ",", "이름", ",", "전화번호"]
    assert found(["<num> /^명/"], "약 3,370만 명의 일부 고객", "ko") == ["3,370만 명"]
    assert found(["<num>"], "일부 이름", "ko") == []


def test_korean_dotted_dates_stay_in_one_sentence():
    doc = pipeline("ko")("유출 일시: 2025. 3. 4.(화) 오전입니다. 2025.11.18 인지하였습니다. 다음 문장.")
    assert [sentence.text for sentence in doc.sents] == [
        "유출 일시: 2025. 3. 4.(화) 오전입니다.", "2025.11.18 인지하였습니다.", "다음 문장."]


@pytest.mark.parametrize(
    ("regex", "words"),
    [
        (r"^(attackers?|thie(f|ves))$", ["attacker", "attackers", "thief", "thieves"]),
        (r"^a[bc]d?$", ["ab", "abd", "ac", "acd"]),
        (r"^(may|might)$", ["may", "might"]),
        ("^노출", None),  # a prefix: any token that starts so
        (r"^\w+$", None),
        (r"^(?i:ab)$", None),
        (r"^(ab)+$", None),
        ("^(" + "|".join(f"w{n}" for n in range(500)) + ")$", None),  # too many to spell out
    ],
)
def test_a_regex_of_few_whole_words_is_spelled_out(regex, words):
    from notice_lint.regex_words import finite_words

    assert finite_words(regex) == words


def builtin_pattern_lists(language: str) -> list[list]:
    """Every pattern list the built-in wording rules and required elements match with, for ``language``."""
    from notice_lint.kinds.wording import condition
    from notice_lint.packs import Where, load_rules, pattern_list

    lists = []
    for rule in load_rules():
        for table in rule.data.get("patterns", []):
            if table.get("lang") == language:
                for key in ("match", "unless", "if-sentence", "unless-sentence", "if-notice", "unless-notice"):
                    if key in table:  # a condition naming a shared list reads that list
                        lists.append(pattern_list(condition(rule.data, table, key, Where("x")), Where("x", trusted=True)))
        for element in rule.data.get("elements", []):
            for key in ("cues", "heading-cues"):
                found = element.get(key, {}).get(language)
                if found:
                    lists.append([found] if isinstance(found, str) else found)
    return lists


@pytest.mark.parametrize("language", ["en", "ko"])
def test_pattern_sets_find_exactly_what_one_plain_spacy_matcher_finds(language, monkeypatch):
    """A PatternSet skips buckets by their screens, turns small regexes into word lists and runs patterns with
    its own token matcher; none of it may change a single match, in a block or in a sentence. The reference
    is one spaCy Matcher per list with every regex left as written."""
    from pathlib import Path

    from notice_lint import patterns
    from notice_lint.parse import detect_format, parse_source

    root = Path(__file__).parent
    sources = sorted((root.parent / "samples" / language).glob("*.*")) + sorted((root / "corpus" / language).rglob("*.*"))
    docs = []
    nlp = pipeline(language)
    for path in sources:
        if path.suffix in (".html", ".md", ".txt"):
            text = path.read_text(encoding="utf-8")
            notice = parse_source(text, str(path), detect_format(str(path), text))
            docs.extend(nlp(block.text) for block in notice.blocks)
    lists = builtin_pattern_lists(language)
    fast = [PatternSet(items, nlp) for items in lists]
    with monkeypatch.context() as patch:
        patch.setattr(patterns, "finite_words", lambda regex: None)
        patch.setattr(patterns, "required_piece", lambda tokens: None)
        patch.setattr(patterns, "compile_tokens", lambda tokens: None)
        plain = [PatternSet(items, nlp) for items in lists]
    assert all(len(plain_set.matchers) == 1 and plain_set.matchers[0][0] is None for plain_set in plain)
    assert all(not fast_set.matchers for fast_set in fast)  # every built-in pattern runs without spaCy's Matcher
    compared = matched = 0
    for doc in docs:
        for fast_set, plain_set in zip(fast, plain):
            found = plain_set.find(doc)
            assert fast_set.find(doc) == found, [(m.char_start, m.char_end) for m in found]
            compared, matched = compared + 1, matched + bool(found)
            for sentence in doc.sents if found else ():
                assert fast_set.find(sentence) == plain_set.find(sentence)
                assert fast_set.matches_in(sentence) == bool(plain_set.find(sentence))
    assert compared > 1000 and matched > 100
