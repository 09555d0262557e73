"""inconsistent-facts: one count or discovery date stated two ways, in the body or by the preview."""

from __future__ import annotations

import math

import pytest

from notice_lint.engine import lint_text
from notice_lint.kinds.consistency import _range, calendar_day, korean_amount
from notice_lint.packs import builtin_rules_dir, load_rule

RULE = load_rule(builtin_rules_dir() / "inconsistent-facts.toml")


def findings(text: str, path: str = "notice.txt"):
    return lint_text(text, path, [RULE]).findings


def test_a_second_count_that_disagrees_is_reported_and_names_the_first():
    text = "The breach affected 12,400 customers.\n\nWe are notifying about 15,000 customers by mail."
    [finding] = findings(text)
    assert finding.text == "about 15,000 customers"
    assert finding.line == 3
    assert "line 1" in finding.message and "12,400 customers" in finding.message


def test_the_preview_is_checked_against_the_body_and_named():
    text = (
        '<html><head><meta property="og:description" content="Data of 8,100 customers was stolen.">'
        "</head><body><main><h1>Notice of data breach</h1><p>Data of 8,512 customers was stolen.</p></main></body></html>"
    )
    [finding] = findings(text, "n.html")
    assert (finding.field, finding.text) == ("og:description", "8,100 customers")


@pytest.mark.parametrize(
    "text",
    [
        # parts of the whole
        "The breach affected 1,130 customers. For 284 of these customers, passport scans were taken.",
        "Data of 96,212 customers was stolen. Bank details of 41,005 autopay customers were stolen.",
        "The breach affected 96,212 customers. Data of 41,005 customers enrolled in autopay was taken.",
        "Of the 96,212 affected customers, 41,005 customers had bank details stolen.",
        "Names of 12,400 customers were stolen. Card numbers of 3,000 customers were also stolen.",
        # different things
        "The breach affected 12,400 customers and 3,100 accounts.",
        "Data of 27,614 employees at 341 client companies was stolen. 27,614 employees are affected.",
        "The breach affected 12,400 customers. Our 200 employees worked around the clock.",
        # ranges and rounding that agree
        "About 12,000 customers were affected. In total, 12,400 customers were notified.",
        "More than 12,000 customers were affected. We notified 12,400 customers.",
        "Up to 15,000 customers may be affected. So far 12,400 affected customers were notified.",
        "Data of 3.4 million customers was stolen. We are notifying 3,412,000 customers.",
        # a revision said out loud
        "We previously said 10,000 customers were affected. The breach affected 12,400 customers.",
        # not about the incident
        "The breach affected 12,400 customers. We have served 50,000 customers since 1990.",
    ],
)
def test_counts_of_different_things_or_that_agree_are_silent(text):
    assert findings(text) == []


def test_exact_counts_that_differ_are_reported_even_when_close():
    assert len(findings("The breach affected 12,400 customers. We notified 12,500 affected customers.")) == 1


def test_korean_counts_with_units_and_nouns():
    [finding] = findings("회원 84,930명의 개인정보가 유출되었습니다.\n\n유출 대상 회원 약 12만 명에게 알려드립니다.")
    assert finding.text == "12만 명"
    assert findings("회원 84,930명의 개인정보가 유출되었습니다.\n\n유출 대상 회원 약 8만 명에게 알려드립니다.") == []
    assert findings("고객 3,370만 명의 정보가 유출되었습니다. 유출 대상 고객은 33,700,000명입니다.") == []


@pytest.mark.parametrize(
    "text",
    [
        "회원 84,930명의 정보가 유출되었습니다. 이 중 1,204명은 결제 정보도 유출되었습니다.",
        "고객 58,306명의 정보가 유출되었습니다. 직원 12명의 정보도 유출되었습니다.",
        "신청자 1,486명의 정보가 유출되었습니다. 유출 사실은 환자 300명에게 영향이 없습니다.",
        "회원 84,930명의 정보가 유출되었습니다. 결제 정보가 함께 유출된 회원 1,204명에게는 따로 연락드립니다.",
    ],
)
def test_korean_parts_and_other_people_are_silent(text):
    assert findings(text) == []


def test_discovery_dates_that_differ():
    text = "We discovered the breach on March 6, 2025.\n\nDate of discovery: March 9, 2025"
    [finding] = findings(text)
    assert finding.text == "March 9, 2025"
    ko = "당사는 2025년 5월 13일 유출 사실을 인지하였습니다.\n\n- 인지 일자: 2025. 5. 13."
    assert findings(ko) == []


@pytest.mark.parametrize(
    "text",
    [
        "We discovered the breach on March 6, 2025. On March 9 we learned that names were copied.",
        "We first discovered the breach on March 6, 2025. We discovered the breach on March 6.",
        "We discovered the breach on March 6, 2025. We later discovered the breach had begun on March 1, 2025.",
        "We discovered the breach on March 6, 2025, and reported the breach on March 9, 2025.",
    ],
)
def test_other_moments_are_not_discovery_conflicts(text):
    assert findings(text) == []


@pytest.mark.parametrize(
    "text, day",
    [
        ("March 6, 2025", (2025, 3, 6)),
        ("6 March 2025", (2025, 3, 6)),
        ("Sept. 30", (None, 9, 30)),
        ("2025-03-06", (2025, 3, 6)),
        ("2025년 11월 18일", (2025, 11, 18)),
        ("11월 18일", (None, 11, 18)),
        ("03/06/2025", None),  # month and day order is ambiguous
        ("March 2025", None),
    ],
)
def test_calendar_day(text, day):
    assert calendar_day(text) == day


def test_ranges():
    table = RULE.data["counts"]
    assert _range(12400, False, None, table, "en") == (12400, 12400)
    assert _range(12000, False, None, table, "en") == (11500, 12500)
    assert _range(15000, False, "about", table, "en") == (13500, 16500)
    assert _range(12000, False, "more than", table, "en") == (12000, math.inf)
    assert _range(3_400_000, True, None, table, "en") == (3_350_000, 3_450_000)
    assert _range(korean_amount("3,370만"), True, None, table, "ko") == (33_650_000, 33_750_000)
    assert _range(korean_amount("3천"), True, "여", table, "ko") == (3000, math.inf)


@pytest.mark.parametrize(
    "text, value",
    [("4,500", 4500), ("3,370만", 33_700_000), ("3천만", 30_000_000), ("12만 6천", 126_000), ("1억 2천만", 120_000_000)],
)
def test_korean_amount(text, value):
    assert korean_amount(text) == value


def test_a_compound_korean_amount_is_one_number():
    text = "총 126,440명의 고객님께 유출 사실을 통지합니다.\n\n유출 대상 고객 약 12만 6천 명에게 문자를 보냈습니다."
    assert findings(text) == []
    assert len(findings(text.replace("12만 6천", "15만 6천"))) == 1
