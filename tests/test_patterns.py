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
