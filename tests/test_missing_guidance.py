"""The missing-guidance rule: which phrasings give an element, which only look as if they did.

Four kinds of checks:
- the rule's shape (elements, order, severities, recognizers, message);
- a table of sentences and small documents, each saying whether it gives one element (recall) or must
  not be credited with it (precision: a trap word, a discovery date taken for a breach date, a credit
  bureau's address taken for a contact, phishing as the cause taken for a warning ...);
- complete notices built from one part per element: all present, and removing any one part leaves
  exactly that element missing;
- the regression corpus, for this rule alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notice_lint.analysis import Analysis
from notice_lint.engine import lint_file, lint_text
from notice_lint.kinds.required_elements import present_elements
from notice_lint.model import Severity
from notice_lint.packs import load_rules
from notice_lint.parse import parse_source

RULE = next(rule for rule in load_rules() if rule.id == "missing-guidance")
ELEMENTS = [table["id"] for table in RULE.data["elements"]]
CORPUS = Path(__file__).parent / "corpus"


def present(text: str, language: str) -> set[str]:
    """The elements the rule credits in ``text`` (format sniffed as for rule examples)."""
    notice = parse_source(text, "example", language=language)
    return {ELEMENTS[index] for index in present_elements(RULE, Analysis(notice))}


def missing(text: str, language: str, path: str = "example") -> set[str]:
    return {finding.element for finding in lint_text(text, path, [RULE], language=language).findings}


# ---------------------------------------------------------------------------------------------- shape


def test_elements_in_order_with_severities():
    assert ELEMENTS == [
        "what-happened",
        "when-breach",
        "when-discovered",
        "data-involved",
        "data-not-involved",
        "number-affected",
        "actions-taken",
        "what-you-can-do",
        "phishing-warning",
        "contact",
        "apology",
    ]
    errors = {"contact", "what-you-can-do", "data-involved", "what-happened"}
    for table in RULE.data["elements"]:
        assert table["severity"] == ("error" if table["id"] in errors else "warning"), table["id"]
    assert RULE.severity is Severity.WARNING


def test_recognizers_where_they_are_essential():
    requires = {table["id"]: table.get("requires") for table in RULE.data["elements"]}
    assert requires["when-breach"] == ["date"]
    assert requires["when-discovered"] == ["date"]
    assert requires["contact"] == ["phone", "email", "url"]


def test_every_element_has_cues_in_both_languages():
    for table in RULE.data["elements"]:
        for language in ("en", "ko"):
            assert table["cues"][language], (table["id"], language)
        assert table["label"] and table["reason"] and table["suggest"]


def test_message_is_filled():
    findings = lint_text("We will contact you.", "example", [RULE], language="en").findings
    contact = next(finding for finding in findings if finding.element == "contact")
    assert contact.severity is Severity.ERROR
    assert contact.message.startswith("The notice does not say whom to contact. ")
    assert "{" not in contact.message
    assert "1798.82" in contact.message
    assert contact.suggestion and "phone" in contact.suggestion


# ---------------------------------------------------------------------------------------------- cues

# (language, text, element, credited?)
CASES = [
    # what happened
    ("en", "An attacker used a stolen password to sign in to our billing system.", "what-happened", True),
    ("en", "We identified suspicious activity on our network.", "what-happened", True),
    ("en", "A laptop containing patient records was stolen from an employee's car.", "what-happened", True),
    ("en", "An employee mistakenly emailed a spreadsheet to the wrong recipient.", "what-happened", True),
    ("en", "A coding error allowed some customers to see other customers' orders.", "what-happened", True),
    ("en", "We suffered a ransomware attack.", "what-happened", True),
    ("en", "We found unauthorized access to a customer database.", "what-happened", True),
    ("en", "We are investigating a security incident.", "what-happened", False),
    ("en", "Your personal information was involved in the incident.", "what-happened", False),
    ("en", "We take steps to prevent unauthorized access to your data.", "what-happened", False),
    ("en", "Criminals may use the stolen information to contact you.", "what-happened", False),
    ("en", "Letters have been sent to all affected customers.", "what-happened", False),
    ("en", "Our staff found no evidence of misuse.", "what-happened", False),
    ("en", "Our vendor sent notices to affected individuals.", "what-happened", False),
    ("en", "All employees took additional security training.", "what-happened", False),
    ("en", "Criminals may send a fake login page that looks like our site.", "what-happened", False),
    ("en", "An employee clicked a link in a phishing email and entered their password.", "what-happened", True),
    ("en", "An unknown third party found the bucket and downloaded its contents.", "what-happened", True),
    ("ko", "외부 공격자가 관리자 계정으로 접속해 고객 정보를 내려받았습니다.", "what-happened", True),
    ("ko", "직원의 실수로 명단 파일이 잘못 발송되었습니다.", "what-happened", True),
    ("ko", "유출 경위: 해커가 서버에 침입했습니다.", "what-happened", True),
    ("ko", "가입자 인증 서버가 해킹되어 유심 정보가 유출되었습니다.", "what-happened", True),
    ("ko", "비인가 조회가 있었던 사실을 확인하였습니다.", "what-happened", True),
    ("ko", "유출 경위를 조사하고 있습니다.", "what-happened", False),
    ("ko", "악성코드 감염 우려가 있는 링크는 누르지 마세요.", "what-happened", False),
    ("ko", "불법 스팸 문자로 개인정보를 유출하려는 시도에 주의해 주세요.", "what-happened", False),
    ("ko", "악성 앱 설치를 유도하는 문자의 링크에 접속하지 마세요.", "what-happened", False),
    ("ko", "향후 사이버 공격에 대비하여 보안을 강화하겠습니다.", "what-happened", False),
    ("ko", "잘못된 링크를 누르면 개인정보가 유출될 수 있습니다.", "what-happened", False),
    ("ko", "해킹 피해가 의심되면 한국인터넷진흥원에 신고하세요.", "what-happened", False),
    ("ko", "시스템 오류로 다른 고객의 주문 정보가 표시되었습니다.", "what-happened", True),
    ("ko", "접근 권한이 잘못 설정되어 있었고, 공격자가 파일을 내려받았습니다.", "what-happened", True),
    # when the breach happened
    ("en", "Between June 24 and November 8, 2025, an unauthorized party accessed customer records.", "when-breach", True),
    ("en", "On March 3, 2025, an attacker gained access to an employee mailbox.", "when-breach", True),
    ("en", "The breach occurred on or about March 3, 2025.", "when-breach", True),
    ("en", "An unauthorized individual accessed our system on March 3, 2025.", "when-breach", True),
    ("en", "From March 3 to March 5, 2025, the attacker downloaded files.", "when-breach", True),
    ("en", "The attacker downloaded files in June 2025.", "when-breach", True),
    ("en", "It took place Sept 28-Oct 2, 2025.", "when-breach", True),
    ("en", "<html><body><table><tr><th>Date of breach</th><td>March 3, 2025</td></tr></table></body></html>", "when-breach", True),
    ("en", "We recently discovered the breach.", "when-breach", False),
    ("en", "On March 6, 2025, we discovered that an attacker had accessed our network.", "when-breach", False),
    ("en", "We learned on March 6, 2025 that an attacker had accessed our systems.", "when-breach", False),
    ("en", "We mailed letters on June 27, 2025.", "when-breach", False),
    ("en", "Our call center is open until December 31, 2025.", "when-breach", False),
    ("en", "Call between 8 a.m. and 5 p.m. until June 30, 2025.", "when-breach", False),
    ("en", "The files were copied between 9 January and 21 February 2025.", "when-breach", True),
    ("en", "Records were accessed between 03/01/2025 and 03/05/2025.", "when-breach", True),
    ("en", "The incident occurred at a vendor, and we learned of it on June 12, 2025.", "when-breach", False),
    ("en", "The breach happened because an employee reused a password.", "when-breach", False),
    ("ko", "유출 시점: 2025년 6월 24일 ~ 11월 8일", "when-breach", True),
    ("ko", "2025년 6월 24일부터 해외 서버를 통해 고객 정보에 무단 접근하였습니다.", "when-breach", True),
    ("ko", "해커가 2025년 7월 28일부터 7월 30일까지 주문 정보를 내려받았습니다.", "when-breach", True),
    ("ko", "외부 해커가 2025년 7월 3일~7월 6일 고객님의 개인정보를 빼냈습니다.", "when-breach", True),
    ("ko", "유출 일시: 2025. 8. 19.(화) 14:20", "when-breach", True),
    ("ko", "2025년 11월 18일 유출 사실을 인지하였습니다.", "when-breach", False),
    ("ko", "2025년 11월 18일 확인 결과, 고객 정보가 유출되었습니다.", "when-breach", False),
    ("ko", "12월 1일부터 전담 상담센터를 운영합니다.", "when-breach", False),
    ("ko", "최근 유출 사실을 확인하였습니다.", "when-breach", False),
    # when it was discovered
    ("en", "On March 6, 2025, we learned that an attacker had accessed our systems.", "when-discovered", True),
    ("en", "We became aware of the breach on March 6, 2025.", "when-discovered", True),
    ("en", "On June 12, our vendor notified us of the incident.", "when-discovered", True),
    ("en", "We identified suspicious activity on March 6.", "when-discovered", True),
    ("en", "We discovered and contained the breach on March 6, 2025.", "when-discovered", True),
    ("en", "We found the breach Mar 10.", "when-discovered", True),
    ("en", "The incident occurred at a vendor, and we learned of it on June 12, 2025.", "when-discovered", True),
    ("en", "We recently became aware of the incident.", "when-discovered", False),
    ("en", "We notified law enforcement on March 7, 2025.", "when-discovered", False),
    ("en", "We recently learned of it and notified law enforcement on July 20, 2025.", "when-discovered", False),
    ("ko", "2025년 11월 18일 인지하였습니다.", "when-discovered", True),
    ("ko", "당사는 10월 24일 보안 점검 중 이 사실을 확인하였습니다.", "when-discovered", True),
    ("ko", "인지 일자: 2025년 11월 18일", "when-discovered", True),
    ("ko", "재단은 2025. 8. 19.(화) 15:05에 유출 사실을 인지하였습니다.", "when-discovered", True),
    ("ko", "2025년 11월 18일 확인 결과, 고객 정보가 유출되었습니다.", "when-discovered", True),
    ("ko", "최근 유출 사실을 인지하였습니다.", "when-discovered", False),
    ("ko", "12월 31일까지 결제 내역을 확인해 주세요.", "when-discovered", False),
    ("ko", "6월 24일부터 11월 8일까지 외부 공격자가 정보를 조회하였으며, 최근 이 사실을 확인하였습니다.", "when-discovered", False),
    # data involved
    ("en", "The information involved includes your name and Social Security number.", "data-involved", True),
    ("en", "The attacker copied names, addresses and Social Security numbers.", "data-involved", True),
    ("en", "Your name and email address were stolen.", "data-involved", True),
    ("en", "The stolen files contained applicants' names and dates of birth.", "data-involved", True),
    ("en", "Data involved was limited to your name and mobile number.", "data-involved", True),
    ("en", "Names, addresses and Social Security numbers of 4,000 customers were stolen.", "data-involved", True),
    ("en", "Your personal information was accessed.", "data-involved", False),
    ("en", "Card numbers and passwords of our customers were not taken.", "data-involved", False),
    ("en", "We hold your data securely.", "data-involved", False),
    ("en", "No Social Security numbers or payment card information were involved.", "data-involved", False),
    ("en", "Your payment card numbers and passwords were not involved.", "data-involved", False),
    ("ko", "유출 항목: 이름, 휴대전화번호, 배송지 주소", "data-involved", True),
    ("ko", "이름과 휴대전화번호가 유출되었습니다.", "data-involved", True),
    ("ko", "유출된 개인정보는 이름, 이메일 주소입니다.", "data-involved", True),
    ("ko", "고객 8,512명의 아래 정보가 유출되었습니다.", "data-involved", True),
    ("ko", "고객님의 개인정보가 유출되었습니다.", "data-involved", False),
    ("ko", "고객님의 정보가 유출되었습니다.", "data-involved", False),
    ("ko", "결제정보와 비밀번호는 유출되지 않았습니다.", "data-involved", False),
    # data not involved
    ("en", "Your payment card was not involved.", "data-not-involved", True),
    ("en", "The breach did not include your payment card number.", "data-not-involved", True),
    ("en", "No Social Security numbers were accessed.", "data-not-involved", True),
    ("en", "Passwords were not on the server.", "data-not-involved", True),
    ("en", "We will not ask for your password.", "data-not-involved", False),
    ("en", "We are not in a position to say more.", "data-not-involved", False),
    ("en", "Your information is protected by encryption.", "data-not-involved", False),
    ("en", "Your card details remain securely protected.", "data-not-involved", True),
    ("ko", "카드번호는 포함되지 않았습니다.", "data-not-involved", True),
    ("ko", "주민등록번호는 유출되지 않았습니다.", "data-not-involved", True),
    ("ko", "추가로 유출되지 않도록 조치하였습니다.", "data-not-involved", False),
    # number affected
    ("en", "Approximately 12,400 customers are affected.", "number-affected", True),
    ("en", "The breach affected 3.4 million customers.", "number-affected", True),
    ("en", "The attacker signed in to 3,118 Atlas accounts.", "number-affected", True),
    ("en", "A small number of customers were affected.", "number-affected", False),
    ("en", "We are offering 24 months of credit monitoring.", "number-affected", False),
    ("en", "One of our employees opened the email.", "number-affected", False),
    ("ko", "약 3,370만 명의 정보가 유출되었습니다.", "number-affected", True),
    ("ko", "회원 217,460명의 개인정보가 유출되었습니다.", "number-affected", True),
    ("ko", "최근 3개월 이용내역이 유출되었습니다.", "number-affected", False),
    ("ko", "일부 고객의 정보가 유출되었습니다.", "number-affected", False),
    # actions taken
    ("en", "We have reset passwords for all accounts.", "actions-taken", True),
    ("en", "We engaged a forensic firm.", "actions-taken", True),
    ("en", "We notified law enforcement.", "actions-taken", True),
    ("en", "Engaged a forensic firm to identify every file that was taken.", "actions-taken", True),
    ("en", "We were notified by our vendor.", "actions-taken", False),
    ("en", "Reset your password.", "actions-taken", False),
    ("en", "We take your privacy seriously.", "actions-taken", False),
    ("en", "Your data was taken from our servers.", "actions-taken", False),
    ("en", "The FBI contacted us about the breach.", "actions-taken", False),
    ("en", "We will provide more information as it becomes available.", "actions-taken", False),
    ("en", "Law enforcement has been notified.", "actions-taken", True),
    ("en", "The portal was taken offline on June 12.", "actions-taken", True),
    ("ko", "접속 차단 후 경찰에 수사를 의뢰하였습니다.", "actions-taken", True),
    ("ko", "외부 접속을 차단하고 관계 기관에 신고하였습니다.", "actions-taken", True),
    ("ko", "비밀번호를 변경해 주시기 바랍니다.", "actions-taken", False),
    ("ko", "경찰에 신고하고 저희에게 알려 주세요.", "actions-taken", False),
    ("ko", "- 피해 신고: 1588-1234", "actions-taken", False),
    ("ko", "새로운 비밀번호를 설정해 주세요.", "actions-taken", False),
    ("ko", "해외 결제 차단 서비스를 켜 두시면 모르는 결제를 막을 수 있습니다.", "actions-taken", False),
    ("ko", "조치: 해당 서버 접속 차단, 취약점 보완", "actions-taken", True),
    # what you can do
    ("en", "We recommend that you change your password.", "what-you-can-do", True),
    ("en", "You can place a fraud alert with the credit bureaus.", "what-you-can-do", True),
    ("en", "Review your account statements.", "what-you-can-do", True),
    ("en", "To protect your number from SIM swaps, set an account PIN in the app.", "what-you-can-do", True),
    ("en", "If you have questions, please call our toll-free line at 1-888-555-0177.", "what-you-can-do", False),
    ("en", "We will review your claim.", "what-you-can-do", False),
    ("en", "You may be affected.", "what-you-can-do", False),
    ("en", "Review of our systems is ongoing.", "what-you-can-do", False),
    ("en", "Beware of phishing: we will never ask for your password.", "what-you-can-do", False),
    ("ko", "비밀번호를 변경해 주시기 바랍니다.", "what-you-can-do", True),
    ("ko", "명의도용방지서비스에 가입해 주세요.", "what-you-can-do", True),
    ("ko", "추가 피해 예방을 위해 비밀번호 변경을 권장드립니다.", "what-you-can-do", True),
    ("ko", "궁금한 점은 고객센터로 문의해 주세요.", "what-you-can-do", False),
    ("ko", "고객님의 양해를 부탁드립니다.", "what-you-can-do", False),
    ("ko", "자세한 내용은 홈페이지에서 확인해 주세요.", "what-you-can-do", False),
    ("ko", "모든 관리자 계정의 비밀번호를 변경하였으며 2단계 인증을 적용하였습니다.", "what-you-can-do", False),
    ("ko", "추가 피해 예방을 위해 보안을 강화하였습니다.", "what-you-can-do", False),
    ("en", "If you are affected, we will send you a letter.", "what-you-can-do", False),
    # phishing warning
    ("en", "Be alert to phishing.", "phishing-warning", True),
    ("en", "We will never ask for your password.", "phishing-warning", True),
    ("en", "Do not click links in unexpected messages.", "phishing-warning", True),
    ("en", "All customers should watch for scams.", "phishing-warning", True),
    ("en", "A criminal group sent a phishing email to our billing department.", "phishing-warning", False),
    ("en", "All staff completed additional phishing training.", "phishing-warning", False),
    ("en", "We do not share your information with third parties.", "phishing-warning", False),
    ("en", "Please call our dedicated line with any questions.", "phishing-warning", False),
    ("en", "This notice does not require any action from you.", "phishing-warning", False),
    ("en", "The files appear to have been copied.", "phishing-warning", False),
    ("en", "Please watch your email for a letter from us.", "phishing-warning", False),
    ("en", "Be wary of emails that mention your account.", "phishing-warning", True),
    ("en", "Never share your password with anyone who calls you.", "phishing-warning", True),
    ("en", "Someone may call you pretending to be from our bank.", "phishing-warning", True),
    ("ko", "스미싱 문자에 주의해 주세요.", "phishing-warning", True),
    ("ko", "당사를 사칭한 전화에 주의하시기 바랍니다.", "phishing-warning", True),
    ("ko", "당사는 전화로 비밀번호를 묻지 않습니다.", "phishing-warning", True),
    ("ko", "관리자를 사칭한 피싱 메일로 계정이 탈취되었습니다.", "phishing-warning", False),
    # contact
    ("en", "Call our dedicated line at 1-800-555-0100.", "contact", True),
    ("en", "Email privacy@example.com with questions.", "contact", True),
    ("en", "If you have questions, please call 1-800-555-0100.", "contact", True),
    ("en", "Contact: privacy@example.com", "contact", True),
    ("en", "Phone: 1-800-555-0100", "contact", True),
    ("en", "Please call our dedicated line at 1-800-555-0100 for more information.", "contact", True),
    ("en", "<html><body><table><tr><th>Questions?</th><td>1-800-555-0100</td></tr></table></body></html>", "contact", True),
    ("en", "We will contact you.", "contact", False),
    ("en", "Get your free credit reports at AnnualCreditReport.com.", "contact", False),
    ("en", "Report identity theft to the FTC at IdentityTheft.gov.", "contact", False),
    ("en", "For more information, visit IdentityTheft.gov.", "contact", False),
    ("en", "More information about credit freezes is at IdentityTheft.gov.", "contact", False),
    ("en", "You can call the FTC at 1-877-438-4338.", "contact", False),
    ("en", "Contact Equifax at 1-800-685-1111.", "contact", False),
    ("en", "Equifax: phone 1-800-685-1111, www.equifax.com", "contact", False),
    ("ko", "고객센터(1588-1234)로 문의해 주세요.", "contact", True),
    ("ko", "<html lang='ko'><body><table><tr><th>문의처</th><td>1588-1234</td></tr></table></body></html>", "contact", True),
    ("ko", "문의: help@example.kr", "contact", True),
    ("ko", "문의처", "contact", False),
    ("ko", "곧 연락드리겠습니다.", "contact", False),
    ("ko", "경찰(112)에 신고하세요.", "contact", False),
    ("ko", "한국인터넷진흥원 개인정보침해신고센터: 국번 없이 118", "contact", False),
    # apology
    ("en", "We sincerely apologize.", "apology", True),
    ("en", "We're sorry.", "apology", True),
    ("en", "We regret any inconvenience.", "apology", False),
    ("ko", "진심으로 사과드립니다.", "apology", True),
    ("ko", "불편을 끼쳐 드려 죄송합니다.", "apology", True),
    ("ko", "깊은 유감을 표합니다.", "apology", False),
    ("ko", "개인정보 유출 통지 및 사과", "apology", False),
    ("ko", "<html lang='ko'><body><h1>개인정보 유출 사실 통지 및 사과</h1><p>고객님의 정보가 유출되었습니다.</p></body></html>", "apology", False),
    ("ko", "# 개인정보 유출 사실 통지\n\n## 사과의 말씀\n\n고객님의 정보를 지키지 못했습니다.\n", "apology", True),
    ("en", "<html><body><h1>Data breach: frequently asked questions</h1><p>Report identity theft at IdentityTheft.gov.</p></body></html>", "contact", False),
    # more phrasings
    ("ko", "유출 일시 : 2025.11.18 ~ 11.20", "when-breach", True),
    ("ko", "2025년 11월경부터 고객 정보가 유출된 것으로 추정됩니다.", "when-breach", True),
    ("ko", "유출된 정보: 이름, 이메일 주소", "data-involved", True),
    ("ko", "고객 계정 3,370만 개의 정보가 유출되었습니다.", "number-affected", True),
    ("ko", "개인정보 보호책임자: 홍길동 (02-123-4567)", "contact", True),
    ("ko", "현재 관계 기관과 협력하여 조사 중입니다.", "actions-taken", True),
    ("ko", "개인정보를 요구하는 전화나 문자에는 응답하지 마시기 바랍니다.", "phishing-warning", True),
    ("en", "The breach window was March 3-5, 2025.", "when-breach", True),
    ("en", "This incident began on or about March 3, 2025.", "when-breach", True),
    ("en", "This incident was discovered on March 6, 2025.", "when-discovered", True),
    ("en", "Affected data: name, address and phone number.", "data-involved", True),
    ("en", "It is always a good idea to review your account statements.", "what-you-can-do", True),
    ("en", "Our team will review your account.", "what-you-can-do", False),
    ("en", "Representatives are available at 1-855-555-0101, Monday through Friday.", "contact", True),
    ("en", "We will not contact you by phone or email to request your personal information.", "phishing-warning", True),
    ("en", "Upon learning of the incident, we immediately secured our systems.", "actions-taken", True),
]

# Phrasings of published notices (in our own words): each widened cue gives its element, and a near miss
# beside it (another date, another number, a negation, advice) still does not.
CASES += [
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
    ids=[f"{element}-{'yes' if credited else 'no'}-{text[:40]}" for _, text, element, credited in CASES],
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


# ---------------------------------------------------------------------------------------------- ablation

# One part per element; each part gives its element and no other, so removing it leaves exactly it missing.
PARTS = {
    "en": {
        "title": "Notice of Data Breach",
        "apology": "We are sorry that this happened and that we did not protect your information.",
        "what-happened": "An attacker used a stolen employee password to sign in to our billing system.",
        "when-breach": "The unauthorized access lasted from March 3 to March 5, 2025.",
        "when-discovered": "Our security team discovered the breach on March 6, 2025.",
        "data-involved": "The information involved includes your name, mailing address and Social Security number.",
        "data-not-involved": "Your bank account and card numbers were not involved.",
        "number-affected": "In total, 4,187 members are affected.",
        "actions-taken": "We have reset all staff passwords and reported the breach to the FBI.",
        "what-you-can-do": "We recommend that you review your statements and place a free fraud alert with the credit bureaus.",
        "phishing-warning": "Beware of phishing: we will never ask for your password by phone or email.",
        "contact": "Call our dedicated line at 1-800-555-0100 or email privacy@example.com.",
    },
    "ko": {
        "title": "[가람몰] 개인정보 유출 안내",
        "apology": "고객님의 정보를 지키지 못해 진심으로 사과드립니다.",
        "what-happened": "외부 공격자가 관리자 계정으로 접속해 회원 정보를 내려받았습니다.",
        "when-breach": "- 유출 시점: 2025년 2월 3일 ~ 2월 5일",
        "when-discovered": "- 인지 일자: 2025년 2월 6일",
        "data-involved": "- 유출 항목: 이름, 휴대전화번호, 배송지 주소",
        "data-not-involved": "주민등록번호와 결제 정보는 유출되지 않았습니다.",
        "number-affected": "회원 12,300명이 이번 유출의 대상입니다.",
        "actions-taken": "2월 6일 해당 계정을 정지하고 경찰에 수사를 의뢰하였습니다.",
        "what-you-can-do": "같은 비밀번호를 쓰는 다른 사이트의 비밀번호도 변경해 주세요.",
        "phishing-warning": "가람몰을 사칭한 문자에 주의해 주세요. 가람몰은 문자로 비밀번호를 묻지 않습니다.",
        "contact": "문의: 가람몰 고객센터 1588-0000, privacy@garam.example.kr",
    },
}


def _notice(language: str, leave_out: str | None = None) -> str:
    return "\n\n".join(text for key, text in PARTS[language].items() if key != leave_out) + "\n"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_complete_notice_gives_every_element(language):
    assert missing(_notice(language), language, "notice.txt") == set()


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("element", ELEMENTS)
def test_leaving_out_one_part_leaves_exactly_that_element_missing(language, element):
    assert missing(_notice(language, leave_out=element), language, "notice.txt") == {element}


def test_findings_point_at_the_first_heading():
    text = "# Notice of Data Breach\n\nWe will contact you.\n"
    findings = lint_text(text, "notice.md", [RULE], language="en").findings
    assert {finding.element for finding in findings} == set(ELEMENTS)
    assert all(finding.line == 1 and finding.text == "Notice of Data Breach" for finding in findings)


# ---------------------------------------------------------------------------------------------- layouts


def test_section_headings_with_content_give_their_elements():
    text = """# Notice of Data Breach

## What Happened

Someone got in.

## What Information Was Involved

- Full name
- Mailing address

## What We Are Doing

Several things.

## What You Can Do

Several things too.

## For More Information

1-800-555-0100
"""
    found = present(text, "en")
    assert {"what-happened", "data-involved", "actions-taken", "what-you-can-do", "contact"} <= found


def test_a_heading_with_nothing_under_it_gives_nothing():
    found = present("# Notice\n\n## What Happened\n\n## For More Information\n", "en")
    assert "what-happened" not in found and "contact" not in found


def test_contact_heading_needs_a_phone_email_or_address_under_it():
    assert "contact" not in present("# Notice\n\n## For More Information\n\nWe will write to you.\n", "en")
    assert "contact" in present("# Notice\n\n## For More Information\n\nprivacy@example.com\n", "en")


def test_korean_section_markers():
    text = """[가람몰] 개인정보 유출 안내

■ 유출 경위
 1. 외부 공격자가 관리자 계정으로 접속해 회원 정보를 내려받았습니다.

■ 유출 항목
 가. 이름
 나. 휴대전화번호

■ 피해 신고 및 문의
 가. 전화: 02-000-1234
"""
    assert {"what-happened", "data-involved", "contact"} <= present(text, "ko")


def test_korean_table_of_labels_and_values():
    text = (
        "<html lang='ko'><body><table>"
        "<tr><th>유출 시점</th><td>2025. 10. 2. ~ 2025. 10. 9.</td></tr>"
        "<tr><th>인지 일자</th><td>2025. 10. 10.</td></tr>"
        "<tr><th>유출 항목</th><td>이름, 휴대전화번호</td></tr>"
        "<tr><th>문의처</th><td>080-555-0123</td></tr>"
        "</table></body></html>"
    )
    assert {"when-breach", "when-discovered", "data-involved", "contact"} <= present(text, "ko")


# ---------------------------------------------------------------------------------------------- corpus


def _corpus(kind: str) -> list[Path]:
    return sorted(path for path in CORPUS.glob(f"*/{kind}/*") if path.suffix != ".expect")


@pytest.mark.parametrize("path", _corpus("good"), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_good_corpus_notice_gives_every_element(path):
    findings = lint_file(path, [RULE]).findings
    assert [f"{f.element} ({f.severity.value})" for f in findings] == []


@pytest.mark.parametrize("path", _corpus("bad"), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_bad_corpus_notice_misses_what_its_sidecar_lists(path):
    expected = set(re.findall(r"^missing-guidance element=(\S+)", path.with_suffix(".expect").read_text("utf-8"), re.M))
    assert {finding.element for finding in lint_file(path, [RULE]).findings} == expected


def test_a_long_sentence_is_searched_once_for_what_its_cues_require(monkeypatch):
    import notice_lint.kinds.required_elements as required_elements

    calls = []

    def counting(names, text):
        calls.append(tuple(names))
        return recognizes(names, text)

    recognizes = required_elements.recognizes
    monkeypatch.setattr(required_elements, "recognizes", counting)
    contact = tuple(next(table["requires"] for table in RULE.data["elements"] if table["id"] == "contact"))
    sentence = ", ".join(["contact us with questions"] * 40)
    assert "contact" not in present(sentence + ".", "en")  # forty cues, no way to reach anyone
    assert calls.count(contact) == 1
    calls.clear()
    assert "contact" in present(sentence + ", or call 1-800-555-0100 toll free.", "en")
    assert calls.count(contact) == 1
