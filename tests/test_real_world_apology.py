"""Fixes from a review of published breach notices, in non-apology, blame-shifting, promotional-content,
empty-reassurance and inconsistent-facts: each exception is shown silent on the good wording and the rule
still firing on the bad wording next to it. All text is fictional (example.com organisations).
"""

from __future__ import annotations

import pytest

from notice_lint.engine import lint_text
from notice_lint.packs import load_rules

BY_ID = {rule.id: rule for rule in load_rules()}


def found(rule_id: str, text: str) -> list[str]:
    """The matched texts of one rule's findings, whitespace collapsed."""
    return [" ".join(f.text.split()) for f in lint_text(text, "notice.txt", [BY_ID[rule_id]]).findings]


# ------------------------------------------------------------------------------------ non-apology (ko)


@pytest.mark.parametrize(
    "text, expect",
    [
        # the adverb no longer makes an apology for worry a real one
        ("고객님께 심려를 끼쳐드린 점 진심으로 사과드립니다.", "심려를 끼쳐"),
        ("고객님께 심려를 끼쳐드려 진심으로 사과드립니다.", "심려를 끼쳐"),
        ("이번 일로 걱정을 끼친 점에 대해 다시 한 번 고개 숙여 사과드립니다.", "걱정을 끼친"),
        ("회원님들께 이런 불미스러운 일이 생긴 점 깊이 사과드립니다.", "불미스러운 일"),
        # naming the event as the cause of the worry does not make it an apology for the event
        ("이번 유출 사고로 고객님께 심려를 끼쳐 드려 죄송합니다.", "심려를 끼쳐"),
        ("예상하지 못한 일이 생긴 데 대해 진심으로 사과 말씀드립니다.", "예상하지 못한 일"),
    ],
)
def test_an_apology_for_worry_is_not_a_real_apology_whatever_the_adverb(text, expect):
    assert found("non-apology", text) == [expect]


@pytest.mark.parametrize(
    "text",
    [
        "고객님께 진심으로 사과드립니다. 심려를 끼쳐 드려 다시 한번 죄송합니다.",
        "진심으로 사과드립니다. 고객님께 심려를 끼쳐 드려 죄송합니다.",
        # "사과 드립니다" written with a space still counts as the real apology
        "한빛몰 회원 정보 유출에 대해 진심으로 사과 드립니다. 심려를 끼쳐 드려 다시 한번 깊이 사과드립니다.",
        # owning the fault is a real apology even when worry is named
        "저희의 관리 소홀로 고객님께 심려를 끼쳐 드린 점 사과드립니다.",
        "예상하지 못한 일이 생기면 고객센터 1588-0000으로 연락해 주세요.",
    ],
)
def test_a_real_apology_elsewhere_or_owning_the_fault_stays_silent(text):
    assert found("non-apology", text) == []


def test_inconvenience_stated_and_apologized_for_in_the_next_sentence():
    text = "서버 오류로 고객님께 큰 불편을 끼쳐드렸습니다. 저희 잘못으로 생긴 이번 오류에 대해 진심으로 사과드립니다."
    [finding] = found("non-apology", text)
    assert finding.startswith("불편을 끼쳐드렸습니다.") and finding.endswith("사과")


@pytest.mark.parametrize(
    "text",
    [
        # no apology follows
        "서버 오류로 고객님께 큰 불편을 끼쳐드렸습니다. 오류는 오후 5시에 복구되었습니다.",
        # a real inconvenience of the call centre
        "상담 연결이 늦어져 불편을 드렸습니다. 죄송합니다.",
        # two sentences apart
        "큰 불편을 초래했습니다. 오류는 복구되었습니다. 이번 유출에 대해 사과드립니다.",
    ],
)
def test_inconvenience_without_an_apology_right_after_stays_silent(text):
    assert found("non-apology", text) == []


# ------------------------------------------------------------------------------------ inconsistent-facts (ko)


def test_the_recipients_of_a_mail_are_not_the_number_affected():
    text = (
        "담당자가 특정 학과 학생 96명에게 안내 메일을 발송하면서 다른 학생의 정보가 포함된 파일을 첨부했습니다.\n\n"
        "유출된 항목은 재학생 4,210명의 학번과 성명입니다."
    )
    assert found("inconsistent-facts", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "회원 84,930명의 개인정보가 유출되었습니다.\n\n유출 대상 회원 약 12만 명에게 알려드립니다.",
        "회원 84,930명의 개인정보가 유출되었습니다.\n\n회원 12만 명에게 유출 사실을 알려드립니다.",
    ],
)
def test_a_recipient_count_tied_to_the_incident_is_still_compared(text):
    assert found("inconsistent-facts", text) == ["12만 명"]


# ------------------------------------------------------------------------------------ promotional-content


@pytest.mark.parametrize(
    "text",
    [
        "해당 직원은 팬미팅 이벤트 당첨 여부에도 관여하려 했으나 실제 변경은 없었습니다.",
        "해당 응모자는 이벤트에 당첨 및 참여한 것으로 확인됐습니다.",
        "직원이 이벤트 추첨에 개입하려 시도했습니다.",
        "이벤트 응모 내역과 휴대전화번호가 유출되었습니다.",
        "지난달 이벤트에 참여한 회원의 이름이 유출되었습니다.",
    ],
)
def test_an_event_that_is_part_of_what_happened_is_not_an_ad(text):
    assert found("promotional-content", text) == []


@pytest.mark.parametrize(
    "text, expect",
    [
        ("사과의 뜻으로 회원 감사 이벤트를 진행합니다.", "이벤트를 진행"),
        ("지금 이벤트에 참여하시면 추첨으로 선물을 드립니다.", "이벤트에 참여"),
        ("가입 축하 이벤트 응모하고 경품 받으세요!", "이벤트 응모"),
    ],
)
def test_an_event_the_reader_is_invited_to_is_flagged(text, expect):
    assert found("promotional-content", text) == [expect]


def test_shop_with_confidence():
    assert found("promotional-content", "The problem is fixed and you can shop with confidence at Example Mart.") == [
        "shop with confidence"
    ]
    assert found("promotional-content", "Scammers may send fake emails saying you can shop with confidence; delete them.") == []


# ------------------------------------------------------------------------------------ blame-shifting


def test_partners_apologized_to_are_not_the_cause():
    assert found("blame-shifting", "이번 사고로 불편을 겪으신 고객님과 협력사 분들께 머리 숙여 사과드립니다.") == []
    assert found("blame-shifting", "이번 사고는 협력사의 관리 부주의로 발생했습니다.") == ["협력사의"]
    assert found("blame-shifting", "협력업체 여러분께도 사과드립니다. 이번 유출은 위탁사의 실수로 발생했습니다.") == ["위탁사의"]


def test_a_definition_of_an_attack_is_not_a_statement_of_cause():
    assert found("blame-shifting", "In a ransomware attack, criminals lock a business out of its own files.") == []
    assert found("blame-shifting", "In the attack, criminals copied patient files from one server.") == ["criminals"]


@pytest.mark.parametrize(
    "text, expect",
    [
        (
            "A third-party vendor that prints our statements mistakenly mailed your statement to another customer.",
            "A third-party vendor",
        ),
        ("DATA SECURITY INCIDENT BY THIRD-PARTY SUPPLIER", "BY THIRD-PARTY SUPPLIER"),
        ("The breach occurred at our email marketing vendor.", "at our email marketing vendor"),
        ("Despite all of the safeguards we use, an intruder read one mailbox.", "Despite all of the safeguards"),
    ],
)
def test_vendor_and_excuse_wordings_the_patterns_missed(text, expect):
    assert found("blame-shifting", text) == [expect]


@pytest.mark.parametrize(
    "text",
    [
        "Because of this incident, we are offering credit monitoring through our identity protection provider.",
        "As a result of this incident, we are offering credit monitoring through a third-party provider.",
        "After this incident, we partnered with an external provider to offer identity protection.",
        "Letters about this incident were mailed by our mailing vendor.",
        (
            "A third-party vendor that prints our statements mistakenly mailed your statement to another customer. "
            "We should have checked the vendor's address matching before the mailing."
        ),
    ],
)
def test_vendor_wordings_that_stay_silent(text):
    assert found("blame-shifting", text) == []


# ------------------------------------------------------------------------------------ empty-reassurance


@pytest.mark.parametrize(
    "text, expect",
    [
        ("Stored card numbers are encrypted and remain safely protected.", "remain safely protected"),
        ("The privacy of your records is very important to Example Clinic.", "is very important to Example Clinic."),
        ("Example Hotels values our guests and their privacy.", "values our guests"),
        ("유출된 항목만으로 카드 부정사용이 발생할 가능성은 없습니다.", "부정사용이 발생할 가능성은 없"),
        ("유출된 정보만으로는 악용이 불가능하다고 판단됩니다.", "악용이 불가능"),
    ],
)
def test_reassurance_wordings_the_patterns_missed(text, expect):
    assert found("empty-reassurance", text) == [expect]


@pytest.mark.parametrize(
    "text",
    [
        "No passwords were taken, and the mobile network was not affected, so our phone service remains safe to use.",
        "It is important to Note the following about your data: names and emails were copied.",
        "We value your feedback on this notice; write to privacy@example.com.",
        "유출된 번호가 악용이 불가능하도록 모든 카드를 재발급했습니다.",
    ],
)
def test_reassurance_lookalikes_stay_silent(text):
    assert found("empty-reassurance", text) == []
