"""The minimizing-wording rule beyond its own examples: positions, fields, language detection,
whole good notices, the regression corpus and the samples.

The rule's examples (run by test_rule_examples.py) show each pattern firing and its look-alikes
staying silent; here the rule runs on whole documents, the way the command line runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from notice_lint.engine import lint_file, lint_text
from notice_lint.packs import load_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SAMPLES = ROOT / "samples"
RULE = next(rule for rule in load_rules() if rule.id == "minimizing-wording")


def findings(text: str, path: str = "notice.txt", language: str | None = None):
    return lint_text(text, path, [RULE], language=language).findings


def found(text: str, path: str = "notice.txt", language: str | None = None) -> list[str]:
    return [finding.text for finding in findings(text, path, language)]


# ------------------------------------------------------------------------------------ the rule file


def test_rule_shape():
    assert RULE.kind == "wording"
    assert RULE.severity.value == "error"
    assert RULE.data["scope"] == ["body", "preview"]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_language_has_at_least_twelve_patterns_with_reason_and_suggestion(language):
    entries = [entry for entry in RULE.data["patterns"] if entry["lang"] == language]
    assert len(entries) >= 12
    for entry in entries:
        assert entry["reason"].strip(), entry
        assert entry.get("suggest", "").strip(), entry
        assert entry.get("severity", "error") in ("error", "warning"), entry


@pytest.mark.parametrize("language", ["en", "ko"])
def test_at_least_twelve_failing_and_twelve_passing_examples(language):
    examples = [example for example in RULE.examples if example.language == language]
    assert len([example for example in examples if example.fails]) >= 12
    assert len([example for example in examples if not example.fails]) >= 12
    assert all(example.expect for example in examples if example.fails)


def test_every_pattern_is_exercised_by_a_failing_example():
    """Each [[patterns]] entry has a failing example that it (not a neighbour) flags."""
    hits: set[tuple[str, str, str]] = set()
    for example in RULE.examples:
        if example.fails:
            for finding in findings(example.text, "example", example.language):
                hits.add((finding.message, finding.suggestion or "", finding.severity.value))
    for entry in RULE.data["patterns"]:
        severity = entry.get("severity", "error")
        assert any(
            entry["reason"] in message and suggestion == entry["suggest"] and level == severity
            for message, suggestion, level in hits
        ), f"no failing example exercises {entry['lang']} pattern {entry['match']!r}"


# ------------------------------------------------------------------------------------ positions


def test_position_in_html():
    html = (
        '<html lang="en">\n'
        "<head><title>Notice of Data Breach</title></head>\n"
        "<body>\n"
        "<h1>Notice of Data Breach</h1>\n"
        "<p>On March 3, 2025 an attacker copied customer records.\n"
        "  Your name and email address were exposed.</p>\n"
        "</body>\n"
        "</html>\n"
    )
    [finding] = findings(html, "notice.html")
    # Line 6 is "  Your name and email address were exposed.</p>": 2 spaces, then
    # "Your name and email address were " (33 characters), so "exposed" starts at column 36.
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (6, 36, 6, 43)
    assert finding.text == "exposed"
    assert finding.suggestion == "leaked"
    assert finding.severity.value == "error"
    assert finding.field is None


def test_position_in_html_with_an_entity_before_the_match():
    html = '<html lang="en"><body>\n<p>Smith &amp; Co. said: we take your privacy seriously.</p>\n</body></html>\n'
    [finding] = findings(html, "notice.html")
    # "<p>Smith &amp; Co. said: we " is 28 source characters (the entity counts as 5), so "take" is
    # at column 29 of line 2; "take your privacy seriously" is 27 characters, so it ends at column 56.
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 29, 2, 56)
    assert finding.text == "take your privacy seriously"


def test_positions_in_markdown():
    markdown = (
        "# Notice of Data Breach\n"
        "\n"
        "We are sorry.\n"
        "\n"
        "- Only a small number of customers were affected.\n"
        "- The attack was highly sophisticated\n"
        "  and targeted our payment systems.\n"
    )
    result = findings(markdown, "notice.md")
    assert [(f.text, f.line, f.column) for f in result] == [
        # "- " is 2 characters: the list item's text starts at column 3.
        ("Only a small number of", 5, 3),
        # "- The attack was " is 17 characters.
        ("highly sophisticated", 6, 18),
    ]
    assert result[0].end_column == 3 + len("Only a small number of")


def test_positions_in_plain_text():
    text = (
        "NOTICE OF DATA BREACH\n"
        "\n"
        "Dear customer,\n"
        "your name was exposed in a sophisticated cyberattack.\n"
    )
    result = findings(text, "notice.txt")
    # "your name was " is 14 characters; "your name was exposed in a " is 27.
    assert [(f.text, f.line, f.column, f.end_column) for f in result] == [
        ("exposed", 4, 15, 22),
        ("sophisticated", 4, 28, 41),
    ]


def test_korean_position_and_highlight_inside_a_word():
    text = "개인정보 유출 안내\n\n고객님의 개인정보가\n노출되었습니다.\n"
    [finding] = findings(text, "notice.txt", "ko")
    assert finding.text == "노출"
    assert finding.suggestion == "유출"
    # 노출 begins line 4 and the highlight stops inside 노출되었습니다 after two characters.
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (4, 1, 4, 3)


def test_korean_noun_exposure_suggests_the_legal_term():
    [finding] = findings("고객님의 개인정보가 노출되었습니다.", language="ko")
    assert finding.text == "노출"
    assert finding.suggestion == "유출"
    assert "유출" in finding.message


# ------------------------------------------------------------------------------------ previews


def test_preview_field_finding_names_the_field():
    html = (
        '<html lang="en"><head>\n'
        "<title>Notice of Data Breach</title>\n"
        '<meta property="og:title" content="Notice of personal information exposure">\n'
        "</head><body><h1>Notice of Data Breach</h1><p>An attacker stole your name.</p></body></html>\n"
    )
    [finding] = findings(html, "notice.html")
    assert finding.field == "og:title"
    assert finding.text == "exposure"
    assert finding.suggestion == "breach"
    # 'exposure' inside the content attribute on line 3.
    line = html.splitlines()[2]
    assert (finding.line, finding.column) == (3, line.index("exposure") + 1)


def test_korean_preview_fields():
    html = (
        '<html lang="ko"><head>'
        '<meta property="og:title" content="[한빛몰] 개인정보 노출 안내">'
        '<meta name="twitter:description" content="일부 고객의 개인정보가 유출되었습니다.">'
        "</head><body><h1>안내</h1></body></html>"
    )
    result = findings(html, "notice.html")
    assert {(f.field, f.text) for f in result} == {("og:title", "노출"), ("twitter:description", "일부")}


# ------------------------------------------------------------------------------------ language detection


def test_english_html_without_a_declared_language():
    html = (
        "<html><head><title>Notice of Data Breach</title></head><body>\n"
        "<p>We take your privacy seriously. The exposed data is limited to your name and email address.</p>\n"
        "</body></html>\n"
    )
    result = lint_text(html, "notice.html", [RULE])
    assert result.language == "en"
    assert [f.text for f in result.findings] == ["take your privacy seriously", "exposed", "is limited to"]


def test_korean_html_without_a_declared_language():
    html = "<html><body><h1>개인정보 노출 안내</h1><p>일부 고객의 개인정보가 노출되었습니다.</p></body></html>"
    result = lint_text(html, "notice.html", [RULE])
    assert result.language == "ko"
    assert [f.text for f in result.findings] == ["노출", "일부", "노출"]


def test_declared_korean_page_with_an_english_paragraph_checks_it_as_english():
    html = (
        '<html lang="ko"><body><p>고객님의 개인정보가 유출되었습니다.</p>'
        "<p>Your name and phone number were exposed.</p></body></html>"
    )
    assert found(html, "notice.html") == ["exposed"]


# ------------------------------------------------------------------------------------ whole good notices

GOOD_ENGLISH = """\
We are writing to tell you that a criminal group stole your personal information from our systems, and we
are sorry. Between June 24 and November 8, 2025, the group used a stolen employee credential to copy the
records of 2,418,306 customer accounts. The credential should have been revoked when the employee changed
roles; we did not revoke it. We discovered the breach on November 18, 2025, when our security team
investigated an unusual volume of database queries, and we hired an outside incident response firm the same
day.

The following information was stolen: your full name, email address, phone number, shipping addresses and
order history. Payment card numbers and passwords were not involved. There is no evidence that the group
reached our payment systems, which are kept separately.

To limit your exposure to fraud, turn on two-step sign-in to protect your account from unauthorized access,
and report any unusual activity on your account to us. The only way we will contact you about this breach is
by this letter and from the number below; we will never ask for your password. Access to customer data is
now limited to a small number of authorized employees, each using a hardware security key. Call
1-800-555-0147 or email breach-help@example.com with questions.
"""

GOOD_KOREAN = """\
한빛몰에서 퇴사한 직원이 재직 중 발급받은 인증키를 이용해 2025년 6월 24일부터 11월 8일까지 해외 서버를 거쳐
고객 1,204,577개 계정의 이름, 이메일 주소, 휴대전화번호, 배송지 주소, 주문내역을 빼냈습니다. 고객님의 정보를
지키지 못한 것은 저희의 잘못이며, 이번 유출 사고에 대해 진심으로 사과드립니다.

결제카드 번호, 계좌번호, 로그인 비밀번호는 유출되지 않았습니다. 11월 18일 해당 인증키를 폐기하고 유출에 사용된
접속 경로를 차단하였으며, 퇴사자 계정과 인증키는 퇴사 당일 자동 폐기하도록 바꾸었습니다. 전 직원을 대상으로 보안
사고 예방 교육을 실시하였습니다.

스미싱·보이스피싱 등 2차 피해 위험에 노출될 수 있으니 주의해 주세요. 비밀번호가 타인에게 노출되지 않도록 하시고,
무단 접근을 막기 위해 2단계 인증을 설정해 주세요. 2차 피해가 발생하지 않도록 이상한 결제 알림은 바로 신고해
주시기 바랍니다. 보안을 위해 일부 고객님은 다음 로그인 시 비밀번호를 변경하셔야 합니다. 문의: 1588-0000.

10월 12일(일) 오전 2시~5시 일부 서비스 점검 안내
"""


def test_good_english_paragraphs_are_silent():
    assert findings(GOOD_ENGLISH, "notice.txt") == []
    assert findings("# Notice of Data Breach\n\n" + GOOD_ENGLISH, "notice.md") == []


def test_good_korean_paragraphs_are_silent():
    assert findings(GOOD_KOREAN, "notice.txt") == []
    assert findings("# [한빛몰] 개인정보 유출 사실 안내 및 사과\n\n" + GOOD_KOREAN, "notice.md") == []


# ------------------------------------------------------------------------------------ precision spot checks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The exposed information is limited to name and email.", ["exposed", "is limited to"]),
        ("Your information may have been exposed to an unauthorized party.", ["exposed"]),
        ("Limit your exposure to identity theft by freezing your credit.", []),
        ("You may be exposed to phishing attempts that use your name.", []),
        ("We apologize for the data exposure.", ["exposure"]),
        ("Our financial exposure is covered by insurance.", []),
        ("The hackers had unauthorized access to the database for nine days.", []),
        ("We have blocked the unauthorized access.", ["unauthorized access"]),
        ("Affected files include, but are not limited to, tax forms.", []),
        ("We have no evidence that the attackers reached our card systems.", []),
        ("There is no evidence that your data has been used to commit fraud.",
         ["no evidence that your data has been used to commit fraud"]),
        ("Phishing attacks are getting more sophisticated, so check every link.", []),
        ("This security incident resulted in the theft of your records.", []),
    ],
)
def test_english_sentences(text, expected):
    assert found(text, language="en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("이번 노출 사고에 대해 사과드립니다.", ["노출"]),
        ("[한빛몰] 개인정보노출 안내", ["노출"]),
        ("앞으로 개인정보 노출을 방지하기 위해 화면의 전화번호를 가려서 표시합니다.", []),
        ("개인정보가 포함된 게시글이 외부 검색엔진에 노출되었습니다.", ["노출"]),
        ("검색 노출 순위가 바뀌었습니다.", []),
        ("인증번호를 다른 사람에게 노출하지 마세요.", []),
        ("일부 고객님께는 이 안내 문자가 중복 발송될 수 있습니다.", []),
        ("회원님의 정보 일부가 외부로 유출되었습니다.", ["일부"]),
        ("고객님의 개인정보가 일부 노출되었습니다.", ["일부", "노출"]),
        ("이 메일은 광고가 아니며, 개인정보 보호법 제34조에 따른 통지입니다.", []),
        ("제3자의 비인가 조회로 고객님의 정보가 유출되었습니다.", []),
        ("무단 접속이 의심되는 경우 고객센터로 연락해 주세요.", []),
        ("기간 한정 특가 이벤트는 중단하였습니다.", []),
        ("잠시 후 다시 접속해 주세요.", []),
        ("이번 일은 단순 노출로, 외부 유출은 아닙니다.", ["단순", "노출"]),
        ("피해 사례는 현재까지 접수되지 않았습니다.", ["피해 사례는 현재까지 접수되지"]),
    ],
)
def test_korean_sentences(text, expected):
    assert found(text, language="ko") == expected


# ------------------------------------------------------------------------------------ corpus and samples

# The regression corpus is checked for every rule at once by tests/test_corpus.py.


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


SAMPLE_GOOD = [SAMPLES / "en" / "good-notice.md", SAMPLES / "en" / "incident-corrected.html",
               SAMPLES / "ko" / "good-notice.md", SAMPLES / "ko" / "incident-corrected.html"]


@pytest.mark.parametrize("path", [p for p in SAMPLE_GOOD if p.is_file()], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_good_samples_are_silent(path):
    assert lint_file(path, [RULE]).findings == []


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("en/incident-original.html", ["Exposure", "unauthorized access", "a limited number of", "exposed",
                                       "is limited to", "no evidence of misuse", "take your privacy seriously"]),
        ("ko/incident-original.html", ["노출", "일부", "비인가 조회", "무단 접근", "제한되었고", "한정된",
                                       "악용된 사례는 확인되지", "매우 중요하게 생각"]),
    ],
)
def test_original_samples_are_flagged(name, wanted):
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{name} is not in samples/")
    texts = {_fold(finding.text) for finding in lint_file(path, [RULE]).findings}
    assert texts == {_fold(text) for text in wanted}
