"""The recognizers behind `requires`: what each must find, and what it must leave alone."""

from __future__ import annotations

import pytest

from notice_lint.recognize import RECOGNIZERS, recognized, recognizes

# (recognizer, text, the first thing it must find, or None when it must find nothing)
CASES = [
    # dates, English
    ("date", "On March 3, 2025, we learned of it.", "March 3, 2025"),
    ("date", "We found it on Mar. 3 and told the police.", "Mar. 3"),
    ("date", "on 3 March 2025", "3 March 2025"),
    ("date", "the 3rd of March", "3rd of March"),
    ("date", "March 3rd", "March 3rd"),
    ("date", "Sept. 12, 2025", "Sept. 12, 2025"),
    ("date", "logged 2025-03-03 at noon", "2025-03-03"),
    ("date", "2025/03/03", "2025/03/03"),
    ("date", "mailed 03/03/2025", "03/03/2025"),
    ("date", "mailed 3/3/25", "3/3/25"),
    ("date", "on 03.03.2025", "03.03.2025"),
    ("date", "in June 2025", "in June"),
    ("date", "June 2025", "June 2025"),
    ("date", "between June 24 and July 8, 2025", "June 24"),
    ("date", "on March 3-5, 2025", "March 3"),
    ("date", "In March, an attacker signed in.", "In March"),
    ("date", "since early June", "since early June"),
    ("date", "on May 3 we saw it", "on May 3"),
    ("date", "May 3, 2025", "May 3, 2025"),
    ("date", "3 May 2025", "3 May 2025"),
    ("date", "in the first week of June", "week of June"),
    # dates, Korean
    ("date", "2025년 11월 18일 인지", "2025년 11월 18일"),
    ("date", "11월 18일 오전", "11월 18일"),
    ("date", "11월 18일(화)", "11월 18일"),
    ("date", "2025년 11월 유출", "2025년 11월"),
    ("date", "2025. 11. 18. 인지", "2025. 11. 18"),
    ("date", "2025.11.18", "2025.11.18"),
    ("date", "2025-11-18에 확인", "2025-11-18"),
    ("date", "지난 18일 오후", "지난 18일"),
    ("date", "지난달 18일", "지난달 18일"),
    ("date", "11월 중순부터", "11월 중순"),
    ("date", "6월 24일부터 11월 8일까지", "6월 24일"),
    ("date", "2025. 8. 19.(화) 15:05", "2025. 8. 19"),
    ("date", "19.(화) 15:05에 인지", "19.(화)"),
    # the head of a dotted date the sentence splitter cut off ("유출 일시: 2025." | "3." | "4.(화)")
    ("date", "유출 일시: 2025.", "유출 일시: 2025."),
    # not dates
    ("date", "We recently learned of it.", None),
    ("date", "in 2025", None),
    ("date", "2025년", None),
    ("date", "version v2.3.1", None),
    ("date", "a $1,500 limit", None),
    ("date", "약 3,370만 명", None),
    ("date", "Section 24 may apply.", None),
    ("date", "you may 2 times", None),
    ("date", "for 12 months", None),
    ("date", "open 24/7", None),
    ("date", "8 a.m. to 5 p.m.", None),
    ("date", "192.168.1.100", None),
    ("date", "4,187 members", None),
    ("date", "Omar 3 said", None),
    ("date", "3.5% of users", None),
    ("date", "지난 30일간", None),
    ("date", "지난 30일 동안", None),
    ("date", "3개월 동안", None),
    ("date", "call 1-800-555-0100", None),
    ("date", "We will finish the upgrade in 2025.", None),
    ("date", "2025.", None),
    ("date", "between 2019 and 2023", None),
    # phones, North America
    ("phone", "call 1-800-555-0100 today", "1-800-555-0100"),
    ("phone", "call 1-800-555-0163.", "1-800-555-0163"),
    ("phone", "(555) 010-1234", "(555) 010-1234"),
    ("phone", "555-010-1234", "555-010-1234"),
    ("phone", "555.010.1234", "555.010.1234"),
    ("phone", "+1 555 010 1234", "+1 555 010 1234"),
    ("phone", "1 (800) 555-0100", "1 (800) 555-0100"),
    ("phone", "1-888-NW-HELPS", "1-888-NW-HELPS"),
    ("phone", "call 1-800-FLOWERS.", "1-800-FLOWERS"),
    # phones, Korea and elsewhere
    ("phone", "1588-1234", "1588-1234"),
    ("phone", "고객센터(1577-0000)로", "1577-0000"),
    ("phone", "1577-0000으로 전화", "1577-0000"),
    ("phone", "02-123-4567", "02-123-4567"),
    ("phone", "02-1234-5678로", "02-1234-5678"),
    ("phone", "031-123-4567", "031-123-4567"),
    ("phone", "080-123-4567", "080-123-4567"),
    ("phone", "010-1234-5678", "010-1234-5678"),
    ("phone", "(02) 123-4567", "(02) 123-4567"),
    ("phone", "+82-2-123-4567", "+82-2-123-4567"),
    ("phone", "+82 10 1234 5678", "+82 10 1234 5678"),
    ("phone", "국번 없이 118", "국번 없이 118"),
    ("phone", "(국번없이) 1336", "국번없이) 1336"),
    ("phone", "☎ 118", "☎ 118"),
    ("phone", "+44 20 7946 0958", "+44 20 7946 0958"),
    ("phone", "+49 30 1234567", "+49 30 1234567"),
    # not phones
    ("phone", "a $1,500 limit", None),
    ("phone", "약 3,370만 명", None),
    ("phone", "v2.3.1", None),
    ("phone", "2025-03-03", None),
    ("phone", "2025.11.18", None),
    ("phone", "03/03/2025", None),
    ("phone", "SSN 123-45-6789", None),
    ("phone", "12,400 customers", None),
    ("phone", "from 1990-2000", None),
    ("phone", "2019-2023", None),
    ("phone", "card 4111-1111-1111-1111", None),
    ("phone", "Springfield, IL 62701-1234", None),
    ("phone", "10:00-18:00", None),
    ("phone", "경찰(112)에 신고", None),
    ("phone", "192.168.1.100", None),
    ("phone", "order ORD-2025-000-1234", None),
    ("phone", "사업자등록번호 123-45-67890", None),
    ("phone", "평일 09:00~18:00", None),
    # email
    ("email", "email breach-help@example.com.", "breach-help@example.com"),
    ("email", "privacy@example.kr로 보내", "privacy@example.kr"),
    ("email", "이메일:privacy@example.kr", "privacy@example.kr"),
    ("email", "a@b", None),
    ("email", "@example.com", None),
    # url
    ("url", "see https://www.example.com/notice.", "https://www.example.com/notice."),
    ("url", "www.example.kr", "www.example.kr"),
    ("url", "홈페이지(www.example.kr)에", "www.example.kr"),
    ("url", "visit example.com/help", "example.com/help"),
    ("url", "AnnualCreditReport.com", "AnnualCreditReport.com"),
    ("url", "at IdentityTheft.gov.", "IdentityTheft.gov"),
    ("url", "example.co.kr", "example.co.kr"),
    ("url", "e.g. this", None),
    ("url", "our servers.In March", None),
    ("url", "v2.3.1", None),
    ("url", "3.5", None),
    ("url", "8 a.m.", None),
    ("url", "the U.S. office", None),
    ("url", "privacy@example.com", None),
    ("url", "help at bit.ly/3xYz", "bit.ly/3xYz"),  # a shortener's address counts with its path
    ("url", "bit.ly", None),
    ("url", "help.example.us", "help.example.us"),
    ("url", "/files/www.example.com", None),  # part of a path, not an address of its own
    # number
    ("number", "4,187 members", "4"),
    ("number", "many members", None),
]


@pytest.mark.parametrize(("name", "text", "found"), CASES, ids=[f"{n}-{t}" for n, t, _ in CASES])
def test_recognizer(name, text, found):
    hits = recognized(name, text)
    if found is None:
        assert hits == [], f"{name} must find nothing in {text!r}, found {hits}"
    else:
        assert hits and hits[0] == found, f"{name} must find {found!r} in {text!r}, found {hits}"
    assert recognizes([name], text) is (found is not None)


def test_recognizes_any_of_several():
    assert recognizes(["phone", "email", "url"], "Write to privacy@example.com.")
    assert not recognizes(["phone", "email", "url"], "We will contact you soon.")


def test_recognizer_names():
    assert set(RECOGNIZERS) == {"date", "phone", "email", "url", "number"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call us on 133 937.", ["call us on 133 937"]),
        ("Call 13 22 11 any day", ["Call 13 22 11"]),
        ("1300 555 010", ["1300 555 010"]),
        ("133 937 customers", []),
        ("we called 133 937 people", []),
        ("call 133 9370", []),
    ],
)
def test_australian_numbers(text, expected):
    assert recognized("phone", text) == expected
