"""plain-language: sentence length per language (with the measured figure) and unexplained jargon."""

from __future__ import annotations

from pathlib import Path

import pytest

from notice_lint.engine import lint_text
from notice_lint.kinds.metrics import measure
from notice_lint.packs import PackError, builtin_rules_dir, load_rule, parse_rule

RULES = [load_rule(builtin_rules_dir() / "plain-language.toml")]


def findings(text: str, path: str = "notice.txt"):
    return lint_text(text, path, RULES).findings


def sentence(words: int) -> str:
    return " ".join(["word"] * (words - 1)) + " end."


def test_measure_counts_words_and_eojeols_or_characters_without_spaces():
    assert measure("We closed the server on May 2, 2025 — and (then) left.", "words") == 11
    assert measure("고객님의 개인정보가 유출되었습니다.", "words") == 3
    assert measure("고객님의 개인정보가 유출되었습니다.", "characters") == 17


def test_english_limit_is_40_words_and_the_message_gives_the_count():
    assert findings(sentence(40)) == []
    [finding] = findings(sentence(41))
    assert "41 words" in finding.message and "40" in finding.message
    assert finding.text == sentence(41)


def test_korean_limit_is_100_characters():
    assert findings("안내\n\n" + "가" * 98 + "다.") == []
    [finding] = findings("안내\n\n" + "가" * 99 + "다.")
    assert "101 characters" in finding.message


def test_only_the_long_sentence_of_a_paragraph_is_reported():
    text = "Short one. " + sentence(45) + " Another short one."
    [finding] = findings(text)
    assert finding.text == sentence(45)
    assert finding.column == len("Short one. ") + 1


def test_headings_and_table_cells_are_not_measured():
    long = " ".join(["word"] * 45)
    assert findings(f"# {long}\n\nShort.", "n.md") == []
    assert findings(f"<main><table><tr><td>{long}.</td></tr></table></main>", "n.html") == []


def test_one_item_per_line_is_not_one_long_sentence():
    header = "\n".join(f"Label{k}: " + " ".join(["value"] * 12) for k in range(5))
    assert findings(header + "\n\nYour data was stolen.") == []
    sms = "\n".join(["고객님의 개인정보가 유출되었습니다"] * 8)
    assert findings(sms) == []


ENGLISH_LIST = (
    "The records that were copied include each patient's full name, home address, date of birth, "
    "member number and group number, the name of the treating doctor, dates of service, billing codes, "
    "amounts billed, and the name of any second insurer that paid part of a claim."
)
KOREAN_LIST = (
    "유출된 항목은 회원님의 성명, 이메일 주소, 휴대전화번호, 생년월일, 배송지 주소, 주문 번호, 주문 상품명, "
    "결제 금액, 적립금 잔액, 쿠폰 보유 내역, 최근 로그인 일시, 고객센터 상담 기록, 환불 계좌 은행명으로 "
    "모두 13개이며 비밀번호는 포함되지 않았습니다."
)


def test_a_sentence_long_only_by_its_list_of_items_is_not_reported():
    """The law asks for every item; a comma list is read item by item, so it counts as one."""
    assert measure(ENGLISH_LIST, "words") > 40 and findings(ENGLISH_LIST) == []
    assert measure(KOREAN_LIST, "characters") > 100 and findings("안내\n\n" + KOREAN_LIST) == []


def test_a_list_does_not_hide_a_long_sentence_around_it():
    lead = (
        "After our security team noticed unusual activity on the billing server that the clinic shares with "
        "its two partner practices in the city centre, we learned that the records that were copied include "
    )
    [finding] = findings(lead + "names, addresses, dates of birth and member numbers of patients.")
    assert "43 words" in finding.message  # the full length is reported, not the length without the list


@pytest.mark.parametrize("text", [
    "We closed the server, which held scanned account forms from the branch in the city centre, reset "
    "every staff password that could reach it, told the police, and hired an outside firm that has "
    "investigated breaches of this kind before to find out what the attacker took.",
    "On March 3, 2025, after our security team noticed unusual activity on a server that stores scanned copies "
    "of the forms that customers fill in when they open a new account at one of our branches, we shut the "
    "server down and hired an outside firm.",
])
def test_short_pieces_that_are_clauses_or_dates_are_not_taken_for_a_list(text):
    """Two short pieces (a date, "told the police") are no list; long clauses between commas are no items."""
    [finding] = findings(text)
    assert finding.text == text


def test_wrapped_prose_lines_are_still_one_sentence():
    wrapped = "\n".join([" ".join(["word"] * 15)] * 3) + "."
    assert len(findings(wrapped)) == 1


@pytest.mark.parametrize(
    "text, term",
    [
        ("The threat actor copied the files.", "threat actor"),
        ("Data was exfiltrated over two days.", "exfiltrated"),
        ("We found IOCs on two servers.", "IOCs"),
        ("The attacker moved laterally to the billing server.", "moved laterally"),
        ("랜섬웨어 공격으로 서버가 멈췄습니다.", "랜섬웨어"),
        ("공격자가 웹셸을 설치하였습니다.", "웹셸"),
    ],
)
def test_unexplained_jargon_is_reported_with_a_plain_suggestion(text, term):
    [finding] = findings(text)
    assert finding.text == term
    assert finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Attackers used credential stuffing (trying passwords stolen from other websites).",
        "Criminals tried passwords stolen from other websites (credential stuffing).",
        "Credential stuffing, which means trying passwords stolen elsewhere, let them in.",
        "Credential stuffing is an attack in which criminals try stolen passwords.",
        "공격자가 웹셸(원격 조종 프로그램)을 설치하였습니다. 이후 웹셸을 삭제하였습니다.",
        "공격자는 크리덴셜 스터핑, 즉 다른 곳에서 유출된 비밀번호를 넣어 보는 방식을 썼습니다.",
        "The ransomware group copied files. Phishing emails may follow.",
        "We moved the servers to a new data centre. The apartment at Apt 4 was not affected.",
    ],
)
def test_explained_or_common_words_are_not_jargon(text):
    assert findings(text) == []


def test_a_term_defined_anywhere_in_the_notice_is_explained_everywhere():
    text = "The threat actor copied the files.\n\nA threat actor (the criminals behind an attack) is still unknown."
    assert findings(text) == []


def test_a_question_heading_about_the_term_introduces_its_definition():
    text = "# What is credential stuffing?\n\nCriminals try passwords stolen elsewhere. Credential stuffing hit 300 accounts."
    assert findings(text, "n.md") == []


def test_each_unexplained_term_is_reported_once():
    text = "The threat actor copied files. The threat actor then left. Data was exfiltrated."
    assert [finding.text for finding in findings(text)] == ["threat actor", "exfiltrated"]


def test_pack_error_names_the_language_and_key():
    data = {
        "id": "r", "kind": "readability", "severity": "warning", "summary": "s", "message": "m", "why": "w",
        "sentence-length": {"reason": "r", "suggest": "s", "en": {"unit": "syllables", "limit": 40, "target": 25}},
        "examples": {"en": {"fail": ["a"], "pass": ["b"]}},
    }  # fmt: skip
    with pytest.raises(PackError) as error:
        parse_rule(data, Path("r.toml"))
    assert "sentence-length.en.unit" in str(error.value)


def test_an_address_counts_as_one_character_in_korean():
    url = "https://www.example.kr/notice/2025/12/privacy-leak-detail-page-for-customers"
    assert measure(f"자세한 내용은 {url} 에서 확인하세요.", "characters") == measure("자세한 내용은 @ 에서 확인하세요.", "characters")


def test_an_address_block_is_not_a_sentence():
    block = "\n".join(
        ["Maryland Attorney General", "200 Saint Paul Place", "Baltimore, MD 21202", "1-888-743-0023",
         "New York Attorney General", "The Capitol", "Albany, NY 12224", "1-800-771-7755",
         "North Carolina Attorney General", "9001 Mail Service Center", "Raleigh, NC 27699", "1-877-566-7226",
         "Rhode Island Attorney General", "150 South Main Street", "Providence, RI 02903", "1-401-274-4400",
         "District of Columbia Attorney General", "400 6th Street NW", "Washington, DC 20001", "1-202-727-3400"]
    )  # fmt: skip
    assert findings("Contacts\n\n" + block) == []
