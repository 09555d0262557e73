"""Wording hidden from the rules by invisible characters, look-alike letters, spelled-out Hangul or
markup inside a word is still found, and the finding points at the original characters.

Each evasive spelling of "exposed" / 노출 is put into a plain-text, Markdown and HTML notice (where the
format has such a spelling) and linted with minimizing-wording: the finding's offsets, line and column
cover exactly the evasive source text, its ``text`` is that source text and its message quotes the
word the rule saw. The negative side: normalization makes no word out of two (a no-break space is a
word break), leaves lone Hangul letters (ㅋㅋ, an ㄱ. list marker) as they are, and changes nothing
else (decomposed Korean notices give the findings of the composed ones).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from notice_lint.engine import lint_text
from notice_lint.hangul import compose
from notice_lint.packs import load_rules
from notice_lint.parse import parse_source
from notice_lint.text import TextBuilder

ROOT = Path(__file__).resolve().parent.parent
ALL = load_rules()
RULE = next(rule for rule in ALL if rule.id == "minimizing-wording")
SENTENCE = {
    "en": "Your name and email address were {word} in the incident.",
    "ko": "고객님의 개인정보가 {word}되었습니다.",
}
WORD = {"en": "exposed", "ko": "노출"}
FORMATS = ("txt", "md", "html")
MARKUP = ("md", "html")


def document(fmt: str, language: str, sentence: str) -> str:
    """A small notice in ``fmt`` whose body paragraph is ``sentence`` (on line 3 or 4)."""
    title = {"en": "Notice of Data Breach", "ko": "개인정보 유출 안내"}[language]
    if fmt == "txt":
        return f"{title}\n\n{sentence}\n"
    if fmt == "md":
        return f"# {title}\n\n{sentence}\n"
    return f'<html lang="{language}">\n<body>\n<h1>{title}</h1>\n<p>{sentence}</p>\n</body>\n</html>\n'


def position(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, counted independently of the linter."""
    return source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset)


def minimizing(source: str, fmt: str):
    return lint_text(source, f"notice.{fmt}", [RULE]).findings


def assert_points_at(source: str, finding, original: str) -> None:
    """The finding covers exactly the one occurrence of ``original`` in ``source``."""
    start = source.index(original)
    assert source.count(original) == 1
    assert (finding.start, finding.end) == (start, start + len(original))
    assert finding.text == source[finding.start : finding.end] == original
    assert (finding.line, finding.column) == position(source, start)
    assert (finding.end_line, finding.end_column) == position(source, start + len(original))


def halfwidth(letters: str) -> str:
    """Compatibility jamo written with their half-width forms (U+FFA0 block)."""
    return "".join(
        unicodedata.lookup(unicodedata.name(letter).replace("HANGUL", "HALFWIDTH HANGUL")) for letter in letters
    )


# Each case: an id, the formats it applies to, the evasive word in the sentence, and the source text
# the finding must cover (the word itself unless markup opens before the word's first letter).
INVISIBLE = {
    "zero-width-space": "\u200b",
    "zero-width-non-joiner": "\u200c",
    "zero-width-joiner": "\u200d",
    "word-joiner": "\u2060",
    "byte-order-mark": "\ufeff",
    "soft-hyphen": "\u00ad",
    "left-to-right-mark": "\u200e",
}
CASES = [
    *(
        (f"{name}-{language}", FORMATS, language, word, word)
        for name, char in INVISIBLE.items()
        for language, word in (("en", f"ex{char}pos{char}ed"), ("ko", f"노{char}출"))
    ),
    ("shy-entity-en", MARKUP, "en", "ex&shy;posed", "ex&shy;posed"),
    ("shy-entity-ko", MARKUP, "ko", "노&shy;출", "노&shy;출"),
    ("shy-numeric-en", MARKUP, "en", "ex&#173;posed", "ex&#173;posed"),
    ("zwsp-hex-entity-en", MARKUP, "en", "ex&#x200B;posed", "ex&#x200B;posed"),
    ("zwj-entity-en", MARKUP, "en", "ex&zwj;posed", "ex&zwj;posed"),
    ("zwsp-named-entity-ko", MARKUP, "ko", "노&ZeroWidthSpace;출", "노&ZeroWidthSpace;출"),
    ("full-width-en", FORMATS, "en", "ｅｘｐｏｓｅｄ", "ｅｘｐｏｓｅｄ"),
    ("full-width-capitals-en", FORMATS, "en", "ＥＸＰＯＳＥＤ", "ＥＸＰＯＳＥＤ"),
    ("full-width-partly-en", FORMATS, "en", "exｐｏｓed", "exｐｏｓed"),
    ("compatibility-jamo-ko", FORMATS, "ko", "ㄴㅗㅊㅜㄹ", "ㄴㅗㅊㅜㄹ"),
    ("jamo-after-syllable-ko", FORMATS, "ko", "노ㅊㅜㄹ", "노ㅊㅜㄹ"),
    ("jamo-before-syllable-ko", FORMATS, "ko", "ㄴㅗ출", "ㄴㅗ출"),
    ("half-width-jamo-ko", FORMATS, "ko", halfwidth("ㄴㅗㅊㅜㄹ"), halfwidth("ㄴㅗㅊㅜㄹ")),
    ("decomposed-nfd-ko", FORMATS, "ko", unicodedata.normalize("NFD", "노출"), unicodedata.normalize("NFD", "노출")),
    ("decomposed-and-letters-ko", FORMATS, "ko", "\u1102\u1169ㅊㅜㄹ", "\u1102\u1169ㅊㅜㄹ"),
    ("jamo-with-zero-width-ko", FORMATS, "ko", "ㄴ\u200bㅗㅊ\u00adㅜㄹ", "ㄴ\u200bㅗㅊ\u00adㅜㄹ"),
    ("comment-en", MARKUP, "en", "ex<!-- x -->posed", "ex<!-- x -->posed"),
    ("comment-ko", MARKUP, "ko", "노<!---->출", "노<!---->출"),
    ("comment-in-jamo-ko", MARKUP, "ko", "노<!-- -->ㅊㅜㄹ", "노<!-- -->ㅊㅜㄹ"),
    ("span-en", MARKUP, "en", "ex<span>pos</span>ed", "ex<span>pos</span>ed"),
    ("bold-en", MARKUP, "en", "ex<b>pos</b>ed", "ex<b>pos</b>ed"),
    ("bold-first-syllable-ko", MARKUP, "ko", "<b>노</b>출", "노</b>출"),
    ("span-second-syllable-ko", MARKUP, "ko", "노<span>출</span>", "노<span>출"),
    ("tags-in-jamo-ko", MARKUP, "ko", "ㄴ\u200bㅗ<b>ㅊㅜ</b>ㄹ", "ㄴ\u200bㅗ<b>ㅊㅜ</b>ㄹ"),
    ("emphasis-en", ("md",), "en", "ex**pos**ed", "ex**pos**ed"),
    ("emphasis-ko", ("md",), "ko", "**노**출", "노**출"),
    ("everything-en", MARKUP, "en", "ｅ\u200bx&shy;<span>ｐｏｓ</span>ed", "ｅ\u200bx&shy;<span>ｐｏｓ</span>ed"),
]
PARAMS = [
    pytest.param(fmt, language, word, original, id=f"{name}-{fmt}")
    for name, formats, language, word, original in CASES
    for fmt in formats
]


@pytest.mark.parametrize(("fmt", "language", "word", "original"), PARAMS)
def test_an_evasive_spelling_is_found_at_its_source(fmt, language, word, original):
    source = document(fmt, language, SENTENCE[language].format(word=word))
    [finding] = minimizing(source, fmt)
    assert_points_at(source, finding, original)
    assert finding.message.lower().startswith(f'"{WORD[language]}"')
    assert finding.suggestion == {"en": "leaked", "ko": "유출"}[language]


@pytest.mark.parametrize(("fmt", "language", "word", "original"), PARAMS)
def test_the_block_reads_as_the_plain_sentence(fmt, language, word, original):
    source = document(fmt, language, SENTENCE[language].format(word=word))
    body = parse_source(source, f"notice.{fmt}").blocks[-1]
    plain = SENTENCE[language].format(word=WORD[language])
    assert body.text.lower() == plain.lower()


def test_a_fix_is_offered_only_where_the_source_holds_the_word_itself():
    """Replacing ``ex<span>pos</span>ed`` wholesale would drop markup, so no fix is attached there."""
    source = "<p>Your email address was exposed and your name was ex<span>pos</span>ed.</p>\n"
    plain, hidden = minimizing(source, "html")
    assert (plain.text, plain.fix) == ("exposed", "leaked")
    assert (hidden.text, hidden.fix) == ("ex<span>pos</span>ed", None)


# ------------------------------------------------------------------------- spaces between words

SPACES = {
    "no-break-space": "\u00a0",
    "narrow-no-break-space": "\u202f",
    "figure-space": "\u2007",
    "thin-space": "\u2009",
    "medium-mathematical-space": "\u205f",
    "ideographic-space": "\u3000",
    "hangul-filler": "\u3164",
}
HTML_SPACES = {"nbsp-entity": "&nbsp;", "nbsp-numeric": "&#160;", "thinsp-entity": "&thinsp;", "narrow-hex": "&#x202F;"}


def _spaced(language: str, space: str) -> str:
    return SENTENCE[language].format(word=WORD[language]).replace(" ", space)


SPACE_PARAMS = [
    *(
        pytest.param(fmt, language, space, id=f"{name}-{language}-{fmt}")
        for name, space in SPACES.items()
        for language in ("en", "ko")
        for fmt in FORMATS
    ),
    *(
        pytest.param(fmt, language, space, id=f"{name}-{language}-{fmt}")
        for name, space in HTML_SPACES.items()
        for language in ("en", "ko")
        for fmt in MARKUP
    ),
]


@pytest.mark.parametrize(("fmt", "language", "space"), SPACE_PARAMS)
def test_unicode_spaces_between_words_are_word_breaks(fmt, language, space):
    source = document(fmt, language, _spaced(language, space))
    body = parse_source(source, f"notice.{fmt}").blocks[-1]
    assert body.text == SENTENCE[language].format(word=WORD[language])
    [finding] = minimizing(source, fmt)
    assert_points_at(source, finding, WORD[language])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Your name and email address were ex\u00a0posed in the incident."),
        ("en", "Your name and email address were ex\u202fposed in the incident."),
        ("ko", "고객님의 개인정보가 노\u00a0출되었습니다."),
        ("ko", "고객님의 개인정보가 노\u3000출되었습니다."),
        # The rule's own exception still applies: 위험에 노출 is exposure to a risk, not a leak.
        ("ko", "고객님의 개인정보가 위험에\u00a0노출될 수 있습니다."),
        ("en", "Your email address is not exposed\u00a0to\u00a0phishing."),
    ],
)
def test_a_space_character_never_joins_two_words(fmt, language, sentence):
    source = document(fmt, language, sentence)
    assert minimizing(source, fmt) == []


def test_nbsp_entity_between_word_halves_is_no_word():
    source = "<p>Your name and email address were ex&nbsp;posed in the incident.</p>"
    assert parse_source(source, "notice.html").blocks[0].text.startswith("Your name and email address were ex posed")
    assert minimizing(source, "html") == []


# ------------------------------------------------------------------------- Hangul letters


def built(source: str) -> tuple[str, list[str]]:
    """The normalized text of ``source`` and, per output character, the source text it came from."""
    builder = TextBuilder()
    builder.add(source, 0)
    text, starts, ends = builder.build()
    return text, [source[start:end] for start, end in zip(starts, ends)]


@pytest.mark.parametrize(
    ("spelled", "word", "pieces"),
    [
        ("ㄴㅗㅊㅜㄹ", "노출", ["ㄴㅗ", "ㅊㅜㄹ"]),
        ("ㄴㅗㅊㅜㄹ되었습니다", "노출되었습니다", ["ㄴㅗ", "ㅊㅜㄹ", "되", "었", "습", "니", "다"]),
        ("노ㅊㅜㄹ", "노출", ["노", "ㅊㅜㄹ"]),
        ("ㅇㅠㅊㅜㄹ", "유출", ["ㅇㅠ", "ㅊㅜㄹ"]),
        ("ㅇㅣㄹㄱㅇㅓㅇㅛ", "읽어요", ["ㅇㅣㄹㄱ", "ㅇㅓ", "ㅇㅛ"]),
        ("ㄷㅏㄹㄱ", "닭", ["ㄷㅏㄹㄱ"]),
        ("ㄷㅏㄹㄱㅏ", "달가", ["ㄷㅏㄹ", "ㄱㅏ"]),
        ("ㄷㅏㄹㅋ", "달ㅋ", ["ㄷㅏㄹ", "ㅋ"]),
        ("ㄱㅗㅏㅈㅏ", "과자", ["ㄱㅗㅏ", "ㅈㅏ"]),
        ("ㄱㅏㅏ", "가ㅏ", ["ㄱㅏ", "ㅏ"]),
        ("ㄱㅏㄸ", "가ㄸ", ["ㄱㅏ", "ㄸ"]),
        ("ㅃㅏ", "빠", ["ㅃㅏ"]),
        (unicodedata.normalize("NFD", "개인정보 유출, 읽었다"), "개인정보 유출, 읽었다", None),
    ],
)
def test_spelled_hangul_is_assembled_into_syllables(spelled, word, pieces):
    text, sources = built(spelled)
    assert text == word
    if pieces is not None:
        assert sources == pieces


@pytest.mark.parametrize(
    "text",
    ["ㅋㅋ", "ㅠㅠ 죄송합니다", "좋아ㅋㅋ", "ㄱ. 이름", "ㄳ", "가ㄳ", "추ㄹ", "ㅏㄴ", "ㄴ ㅗ ㅊ ㅜ ㄹ", "이름ㆍ전화번호"],
)
def test_letters_that_spell_no_syllable_are_left_as_they_are(text):
    """Lone letters keep their compatibility form, one to one; a letter never becomes the final of a
    syllable written whole (좋아ㅋㅋ is not 좋앜ㅋ)."""
    assert built(text) == (text, list(text))


def test_half_width_letters_that_spell_no_syllable_read_as_compatibility_letters():
    assert built(halfwidth("ㄴㅋ")) == ("ㄴㅋ", list(halfwidth("ㄴㅋ")))


def test_letters_in_separate_blocks_or_words_stay_apart():
    blocks = parse_source("<p>ㄴ</p><p>ㅗ</p><p>ㅊ<br>ㅜ ㄹ</p>", "notice.html").blocks
    assert [block.text for block in blocks] == ["ㄴ", "ㅗ", "ㅊ", "ㅜ ㄹ"]


def test_compose_leaves_text_without_jamo_untouched():
    starts, ends = [0, 1, 2], [1, 2, 3]
    assert compose("유출됨", starts, ends) == ("유출됨", starts, ends)


def test_korean_list_markers_spelled_with_letters_change_no_finding():
    """An ㄱ./ㄴ. list reads like a 가./나. one: no rule sees the letters differently."""
    page = (
        '<html lang="ko"><body><h1>개인정보 유출 안내</h1>\n'
        "<p>2025년 3월 3일 해커가 일부 고객의 개인정보를 탈취하여 이름이 노출되었습니다.</p>\n"
        "<ul><li>{a}이름</li><li>{b}전화번호</li></ul>\n"
        "<p>불편을 드려 죄송합니다. ㅠㅠ</p></body></html>\n"
    )
    runs = [
        [(f.rule, f.text, f.line) for f in lint_text(page.format(a=a, b=b), "n.html", ALL).findings]
        for a, b in (("ㄱ. ", "ㄴ. "), ("가. ", "나. "), ("", ""))
    ]
    assert runs[0] == runs[1] == runs[2]
    assert ("minimizing-wording", "노출", 2) in runs[0]
    blocks = parse_source(page.format(a="ㄱ. ", b="ㄴ. "), "n.html").blocks
    assert [block.text for block in blocks[2:4]] == ["ㄱ. 이름", "ㄴ. 전화번호"]


@pytest.mark.parametrize(
    "path",
    [
        "samples/ko/incident-original.html",
        "samples/ko/good-notice.md",
        "tests/corpus/ko/bad/card-exposure-notice.html",
        "tests/corpus/ko/bad/mall-default-preview.md",
        "tests/corpus/ko/bad/facility-agency-notice.txt",
    ],
)
def test_a_decomposed_korean_notice_gives_the_findings_of_the_composed_one(path):
    """NFD text (as some Mac tools save it) is read as the NFC text; findings cover the decomposed source."""
    source = (ROOT / path).read_text(encoding="utf-8")
    decomposed = unicodedata.normalize("NFD", source)
    assert decomposed != source
    composed = lint_text(source, Path(path).name, ALL).findings
    spelled = lint_text(decomposed, Path(path).name, ALL).findings
    assert [(f.rule, f.message, f.text) for f in composed] == [
        (f.rule, f.message, unicodedata.normalize("NFC", f.text)) for f in spelled
    ]
    for finding in spelled:
        assert finding.text == decomposed[finding.start : finding.end]


def test_the_characters_the_builder_takes_as_they_are_fold_to_themselves():
    from notice_lint.text import UNFOLDED, fold_char

    kept = [chr(code) for code in (*range(0x80), *range(0xAC00, 0xD7A4))]
    assert all(UNFOLDED.fullmatch(char) for char in kept)
    assert [char for char in kept if fold_char(char) != char and not char.isspace() and char.isprintable()] == []
    assert not UNFOLDED.search("\u3131\uff21\u00a0\u200b")  # compatibility jamo, full-width A, nbsp, zero-width space
