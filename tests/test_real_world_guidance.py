"""missing-guidance on phrasings found in published notices: each widened cue gives its element, and a
near miss beside it (another date, another number, a negation, advice) still does not."""

from __future__ import annotations

import pytest

from notice_lint.analysis import Analysis
from notice_lint.kinds.required_elements import present_elements
from notice_lint.packs import load_rules
from notice_lint.parse import parse_source
from notice_lint.recognize import recognized

RULE = next(rule for rule in load_rules() if rule.id == "missing-guidance")
ELEMENTS = [table["id"] for table in RULE.data["elements"]]


def present(text: str, language: str) -> set[str]:
    notice = parse_source(text, "example", language=language)
    return {ELEMENTS[index] for index in present_elements(RULE, Analysis(notice))}


# (language, text, element, credited?)
CASES = [
    # --- what happened (ko): a mistake as the cause, further back
    ("ko", "문자 발송 설정 오류로 수강생 몇 명의 휴대전화번호가 같은 반 수강생에게 전송되었습니다.", "what-happened", True),
    ("ko", "조교의 착오로, 세미나 참석자에게 자료를 발송하면서 다른 참석자의 연락처 파일까지 보냈습니다.", "what-happened", True),
    ("ko", "오류로 불편을 드린 점 사과드립니다.", "what-happened", False),
    # the task during which the data went out; an investigation is not such a task
    ("ko", "합격자 공지 과정에서 심사 메모가 남은 엑셀 파일이 게시 됐고 20분 뒤 내렸습니다.", "what-happened", True),
    ("ko", "조사 과정에서 고객 정보가 유출된 사실을 확인했습니다.", "what-happened", False),
    ("ko", "앱 업데이트 과정에서 발송되는 알림을 확인해 주세요.", "what-happened", False),
    # a fault that showed the data, data shown to other people
    ("ko", "새벽 점검 뒤 장바구니 화면에 남의 배송지가 보이는 문제가 있었습니다.", "what-happened", True),
    ("ko", "예약 페이지에서 일부 고객의 예약 정보가 노출되는 오류가 발생했습니다.", "what-happened", True),
    ("ko", "타 고객에게 노출되는 오류는 없었습니다.", "what-happened", False),
    ("ko", "다른 고객에게 노출되는 일이 없도록 하겠습니다.", "what-happened", False),
    ("ko", "타인에게 노출되지 않도록 주의해 주세요.", "what-happened", False),
    # the cause of the accident
    ("ko", "수신자 목록을 가리는 설정이 빠져 있었고, 이를 확인하지 못해 발생한 일입니다.", "what-happened", True),
    ("ko", "영수증 출력 프로그램의 결함으로 발생한 문제입니다.", "what-happened", True),
    ("ko", "시스템 오류로 발생한 피해는 보상해 드립니다.", "what-happened", False),
    # an actor further back, a member of staff
    ("ko", "성명불상자가 해외 서버를 거쳐 다른 사이트에서 빠져나온 것으로 보이는 비밀번호로 여러 차례 로그인 시도를 했습니다.", "what-happened", True),
    ("ko", "물류센터 직원이 회원 명부를 사진으로 찍어 지인에게 빼돌렸습니다.", "what-happened", True),
    ("ko", "담당 직원이 안내 메일을 발송했습니다.", "what-happened", False),
    ("ko", "해커가 보낸 문자에 속지 마세요.", "what-happened", False),
    # --- what happened (en): a message that showed every recipient
    ("en", "The newsletter displayed the home addresses of all fellow members.", "what-happened", True),
    ("en", "The letter listed the addresses of our offices.", "what-happened", False),
    # --- when the breach happened (ko)
    ("ko", "지난 9일 새 결제 화면을 배포한 뒤 세 시간 남짓 다른 회원의 구매 목록이 그대로 보여지는 문제가 발생했습니다.", "when-breach", True),
    ("ko", "같은 주소에서 지난 12일 새벽과 13일 밤 두 번 접속 시도가 있었습니다.", "when-breach", True),
    ("ko", "지난 2025년 3월 발생한 회원정보 유출 건의 후속 안내입니다.", "when-breach", True),
    ("ko", "12월 1일부터 로그인 시 추가 인증이 적용됩니다.", "when-breach", False),
    ("ko", "2025년 11월 20일 고객님께 유출 사실을 안내하는 문자를 발송하였습니다.", "when-breach", False),
    ("ko", "11월 20일 개별 안내 문자를 발송하였습니다.", "when-breach", False),
    ("ko", "11월 20일 문의가 발생한 고객께 연락드렸습니다.", "when-breach", False),
    # --- when the breach happened (en)
    ("en", "Our pharmacy suffered a malware intrusion on 4 March 2025.", "when-breach", True),
    ("en", "On the evening of May 9, 2024, we experienced a security incident.", "when-breach", True),
    ("en", "We experienced a ransomware attack and notified the FBI on October 14, 2024.", "when-breach", False),
    # --- when it was discovered
    ("ko", "보안팀은 2025년 4월 2일 오후, 퇴사한 협력업체 직원이 예약 서버에서 회원 명부를 내려받은 사실을 발견했습니다.", "when-discovered", True),
    ("ko", "2025년 6월 24일부터 공격자가 접근한 사실을 최근 확인하였습니다.", "when-discovered", False),
    ("en", "Northwind determined that it had been the target of a malware attack on March 14, 2025.", "when-discovered", True),
    ("en", "We were the victim of a ransomware attack on Oct. 21, 2024.", "when-discovered", False),
    # --- data involved (ko)
    ("ko", "공격자는 회원 200명의 배송지 주소와 최근 3개월 구매 목록을 열람한 것으로 보입니다.", "data-involved", True),
    ("ko", "노출된 동호회 회원 정보는 닉네임입니다.", "data-involved", True),
    ("ko", "이번에 유출된 정보의 범위는 회원 아이디와 닉네임입니다.", "data-involved", True),
    ("ko", "노출 가능성이 있는 정보는 현재까지 확인된 바로는 회원 이메일과 생년월일입니다.", "data-involved", True),
    ("ko", "환불 계좌번호가 노출된 회원은 모두 12명입니다.", "data-involved", True),
    ("ko", "이름과 학번 정보는 졸업생 수백 명이 가입한 외부 커뮤니티에 게시됐습니다.", "data-involved", True),
    ("ko", "유출되지 않은 정보는 주민등록번호입니다.", "data-involved", False),
    ("ko", "주민등록번호가 유출된 사실은 없습니다.", "data-involved", False),
    ("ko", "비밀번호가 유출된 정황은 확인되지 않았습니다.", "data-involved", False),
    ("ko", "이름이 노출된 경우 즉시 신고해 주세요.", "data-involved", False),
    ("ko", "유출된 정보가 악용될 수 있으니 이름이나 전화번호를 묻는 전화에 주의하세요.", "data-involved", False),
    # --- data not involved
    ("ko", "멤버십 포인트 내역에 대한 열람은 없었습니다.", "data-not-involved", True),
    ("ko", "이번에 보인 것은 닉네임뿐이고, 그 밖의 정보는 없습니다.", "data-not-involved", True),
    ("ko", "결제 정보에 대한 접근이 확인되었습니다.", "data-not-involved", False),
    ("ko", "그 외 다른 정보도 유출되었습니다.", "data-not-involved", False),
    ("en", "So far we have found that no tax identifiers, passport scans, or payroll account details were taken.", "data-not-involved", True),
    ("en", "We do not know whether names, email addresses, phone numbers or dates of birth were exposed.", "data-not-involved", False),
    # --- actions taken
    ("ko", "본사는 사고 직후 24시간 상황실을 가동하고 있습니다.", "actions-taken", True),
    ("ko", "보안 업체와 함께 빠져나간 자료의 범위를 파악 중입니다.", "actions-taken", True),
    ("ko", "접속 경로를 막는 조치를 마치고 경찰에 알렸습니다.", "actions-taken", True),
    ("ko", "개인정보보호위원회 신고 절차를 진행했습니다.", "actions-taken", True),
    ("ko", "피해가 있으면 경찰에 신고 절차를 진행하시기 바랍니다.", "actions-taken", False),
    ("en", "The firm responded within the hour by shutting down its file server.", "actions-taken", True),
    ("en", "If you responded to the email by changing your password, you need do nothing more.", "actions-taken", False),
    # --- what you can do: a thing not to do is a step
    ("ko", "당사 이름으로 온 낯선 링크는 클릭하지 마세요.", "what-you-can-do", True),
    ("ko", "당사는 문자로 비밀번호를 묻지 않습니다.", "what-you-can-do", False),
    ("en", "Do not open attachments in emails you were not expecting.", "what-you-can-do", True),
    ("en", "Do not share your password by email.", "what-you-can-do", True),
    ("en", "Do not reply to this email.", "what-you-can-do", False),
    ("en", "Please do not hesitate to contact us.", "what-you-can-do", False),
    # --- phishing warning
    ("en", "The clinic will not solicit personal information from you by phone.", "phishing-warning", True),
    ("en", "We will not share your information with anyone.", "phishing-warning", False),
    # --- contact: a named person; a short national number after "call"
    ("en", "Please contact Jane Roe at 555-010-4477 with questions.", "contact", True),
    ("en", "Contact Equifax Credit Information at 1-800-685-1111.", "contact", False),
    ("en", "Call Social Security Administration at 1-800-555-0142.", "contact", False),
    ("en", "If you have questions, call us on 133 937.", "contact", True),
    ("en", "The breach affected 133 937 customers; call us with questions.", "contact", False),
]


@pytest.mark.parametrize(
    ("language", "text", "element", "credited"),
    CASES,
    ids=[f"{element}-{'yes' if credited else 'no'}-{text[:30]}" for _, text, element, credited in CASES],
)
def test_cue(language, text, element, credited):
    found = present(text, language)
    if credited:
        assert element in found, f"{element} must count as given in: {text!r}"
    else:
        assert element not in found, f"{element} must not count as given in: {text!r}"


def test_a_negated_list_gives_what_was_not_involved_only_with_the_negation():
    negated = "We confirmed that no tax identifiers, passport scans, or payroll account details were copied."
    plain = "We confirmed that tax identifiers, passport scans, and payroll account details were copied."
    assert "data-not-involved" in present(negated, "en")
    assert "data-not-involved" not in present(plain, "en")


def test_a_prohibition_warns_of_phishing_and_is_a_step():
    assert {"phishing-warning", "what-you-can-do"} <= present("Do not click links in texts that claim to be from us.", "en")
    assert {"phishing-warning", "what-you-can-do"} <= present("출처가 불분명한 링크는 누르지 마세요.", "ko")


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
