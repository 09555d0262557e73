"""Sentences in the styles of published breach notices that the wording rules must get right.

A review of real notices found false positives and misses in minimizing-wording, vague-scope and hedging:
negated sentences ("no card numbers were exposed"), closed lists ("no other information was included"),
lists of what was NOT leaked (비밀번호 등은 유출이 없었습니다), reasons for uncertainty written in other words
("the findings were not conclusive", a lost laptop that has not been found), and wording the patterns did
not reach. Each case is written here in our own words with fictional organisations; where an exception was
added, a neighbouring sentence shows the rule still firing on the bad wording.
"""

from __future__ import annotations

import pytest

from notice_lint.engine import lint_text
from notice_lint.packs import load_rules

ALL = load_rules()
MINE = {"minimizing-wording", "vague-scope", "hedging"}


def found(text: str, rule: str, language: str | None = None) -> list[str]:
    """The texts one rule flags in a full run (so supersedes and every other rule apply as on the CLI)."""
    findings = lint_text(text, "notice.txt", ALL, language=language).findings
    return [" ".join(f.text.split()) for f in findings if f.rule == rule]


# ------------------------------------------------------------------------ minimizing-wording: negation


@pytest.mark.parametrize(
    "text",
    [
        "Importantly, no card numbers or passwords have been accessed.",
        "Our analysts do not believe member payment details (such as card or bank numbers) were accessed.",
        "None of the scanned passports were accessed.",
        "The billing records were not accessed.",
    ],
)
def test_accessed_in_a_negated_sentence_is_silent(text):
    assert found(text, "minimizing-wording") == []


def test_no_reason_to_believe_it_was_accessed_is_the_reassurance_not_a_hidden_actor():
    """The passive is not what is wrong here: the claim that taking left a trace is."""
    text = "We have no reason to believe that the files on the stolen tablet have been accessed or used."
    assert found(text, "minimizing-wording") == [
        "no reason to believe that the files on the stolen tablet have been accessed"
    ]


def test_no_reason_to_think_a_thief_wanted_the_data_is_not_read_as_no_theft():
    text = "We have no reason to believe that the tablet was taken for the records it held."
    assert found(text, "minimizing-wording") == []


@pytest.mark.parametrize(
    "text",
    [
        "We believe that no Social Security numbers, bank account numbers or card numbers were exposed.",
        "Our review does not show that any passport scans were exposed.",
    ],
)
def test_exposed_in_a_negated_sentence_is_silent(text):
    assert found(text, "minimizing-wording") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the negation governs only its own sentence
        ("No card numbers were taken. The information that has been exposed is your name and email address.",
         ["exposed"]),
        # nor a clause after "but"
        ("Your name and address were exposed, but no card numbers were exposed.", ["exposed"]),
        # nor a second clause with its own verb
        ("Although no passwords were taken, the names that were exposed are enough for phishing.", ["exposed"]),
        # "no one" is not a negated list of data
        ("No one at Example Clinic noticed until June that the billing records were accessed.", ["accessed"]),
        ("Your account at shop.example.com was accessed on March 3, 2025.", ["accessed"]),
    ],
)
def test_the_negation_exception_is_not_too_broad(text, expected):
    assert found(text, "minimizing-wording") == expected


def test_a_hedged_access_is_left_to_hedging():
    text = "Example Health collected all records that may have been accessed or acquired in the attack."
    assert found(text, "minimizing-wording") == []
    assert found(text, "hedging") == ["may have been accessed"]


def test_potentially_accessed_is_a_hedge_not_an_actorless_access():
    text = "About 1,200 patients had records on the servers that were potentially accessed."
    assert found(text, "minimizing-wording") == []


# ------------------------------------------------------------------------ minimizing-wording: staff


def test_staff_who_are_the_victims_do_not_name_the_actor():
    text = "The phishing email led to unauthorized access to the mailboxes of three staff members."
    assert found(text, "minimizing-wording") == ["unauthorized access"]


@pytest.mark.parametrize(
    "text",
    [
        "A staff member accessed patient files without authorization on May 2.",
        "A former employee gained unauthorized access to our payroll system.",
        "An employee mistakenly emailed the file, and it was accessed at the wrong office.",
    ],
)
def test_staff_who_act_still_name_the_actor(text):
    assert found(text, "minimizing-wording") == []


# ------------------------------------------------------------------------ minimizing-wording: suspicious activity


@pytest.mark.parametrize(
    "text",
    [
        "What is the earliest date on which suspicious activity might have appeared on my accounts?",
        "The earliest date on which any suspicious activity could have occurred is May 2, 2025.",
    ],
)
def test_suspicious_activity_meaning_possible_fraud_is_silent(text):
    assert found(text, "minimizing-wording") == []


def test_suspicious_activity_is_silent_once_the_notice_says_what_happened():
    text = (
        "On May 2, 2025 Example Outfitters became aware of suspicious activity on its network.\n\n"
        "Our investigation found that an unauthorized third party copied files from two file servers."
    )
    assert found(text, "minimizing-wording") == []


def test_suspicious_activity_alone_still_fires():
    text = "On May 2, 2025 Example Outfitters became aware of suspicious activity on its network."
    assert found(text, "minimizing-wording") == ["suspicious activity"]


# ------------------------------------------------------------------------ minimizing-wording: misses


def test_security_incident_followed_by_and_is_reported():
    text = "We have had a security incident and are looking into it."
    assert found(text, "minimizing-wording") == ["security incident"]


def test_a_siem_tool_is_not_a_security_incident():
    assert found("Example Bank logs every login in its security incident and event management system.",
                 "minimizing-wording") == []


def test_only_in_front_of_information_is_reported():
    text = "The vendor stressed that the only information accessed was names and email addresses."
    assert found(text, "minimizing-wording") == ["only"]
    assert found("The only information we need from you is the reference number on your letter.",
                 "minimizing-wording") == []


def test_basic_with_two_modifiers_is_reported():
    text = "The attacker copied basic customer account information from a backup."
    assert found(text, "minimizing-wording") == ["basic customer account information"]


# ------------------------------------------------------------------------ minimizing-wording: Korean


def test_gukhan_of_a_system_is_a_fact_like_limited_to_our_billing_system():
    text = "이번 유출은 온라인 결제 서버에 국한해 발생했으며, 매장 결제와는 관계가 없습니다."
    assert found(text, "minimizing-wording", "ko") == []
    assert found("The breach was limited to our online billing system.", "minimizing-wording") == []


def test_gukhan_of_the_data_items_is_reported_even_with_payment_nearby():
    text = "결제 과정에서 유출된 정보는 이름과 이메일 주소에 국한됩니다."
    assert found(text, "minimizing-wording", "ko") == ["국한됩니다"]


def test_a_restriction_on_payments_is_still_silent():
    assert found("보안을 위해 고객 계정의 해외 결제가 일시 제한되었습니다.", "minimizing-wording", "ko") == []


def test_ilbu_members_with_haedang_is_reported():
    text = "이번 일은 안내 메일을 받은 일부 회원에게만 해당되며, 다른 회원은 영향이 없습니다."
    assert found(text, "minimizing-wording", "ko") == ["일부"]


def test_ilbu_members_seeing_a_menu_is_silent():
    assert found("일부 회원님께서는 해당 메뉴가 보이지 않을 수 있습니다.", "minimizing-wording", "ko") == []


# ------------------------------------------------------------------------ vague-scope: English


def test_no_other_information_is_a_closed_list():
    text = "The letter held your name and account number. No other information about you was included in it."
    assert found(text, "vague-scope") == []
    assert found("The letter held your name, your account number and other information.", "vague-scope") == [
        "and other information"
    ]


def test_certain_information_is_answered_by_a_list_elsewhere():
    text = (
        "A payroll vendor for Example Foods mistakenly sent a file containing certain personal information of "
        "some of our staff to another company.\n\nThe file held your name and Social Security number."
    )
    assert found(text, "vague-scope") == []


def test_certain_information_without_a_list_still_fires():
    text = "A payroll vendor mistakenly sent a file containing certain personal information to another company."
    assert found(text, "vague-scope") == ["certain personal information"]


def test_certain_as_an_item_of_a_list_fires_even_with_the_list():
    text = "The attacker copied your name, email address and certain order histories."
    assert found(text, "vague-scope") == ["certain order histories"]


def test_additional_employment_information_is_reported():
    text = "The stolen files held your name, date of birth and additional employment information."
    assert found(text, "vague-scope") == ["additional employment information"]


def test_a_subset_of_data_is_reported_unless_the_sentence_counts_people():
    assert found("The attacker may have removed a copy of a subset of data.", "vague-scope") == ["a subset of data"]
    assert found("The attacker copied a subset of the patient data, the records of 2,140 patients.",
                 "vague-scope") == []


# ------------------------------------------------------------------------ vague-scope: Korean 등


@pytest.mark.parametrize(
    "text",
    [
        "현재까지 카드 또는 계좌번호 등 결제정보, 비밀번호 등 로그인 관련 정보는 유출이 없었음을 확인했습니다.",
        "비밀번호 등 개인정보 유출 피해는 없는 것으로 확인되고 있습니다.",
        "주민등록번호 등 고유식별정보나 민감정보 유출은 없습니다.",
    ],
)
def test_deung_in_a_list_of_what_was_not_leaked_is_silent(text):
    assert found(text, "vague-scope", "ko") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("이름, 주소 등이 유출되었고, 카드번호는 유출되지 않았습니다.", ["주소 등이"]),
        ("이름, 주소 등을 빼냈으며, 비밀번호 유출은 없었습니다.", ["주소 등을"]),
        ("이름, 주소 등이 유출된 고객 중 카드번호 유출은 없었습니다.", ["주소 등이"]),
        ("이름, 주소 등이 유출됐으나 카드번호 유출은 없습니다.", ["주소 등이"]),
    ],
)
def test_deung_of_leaked_items_before_a_negation_still_fires(text, expected):
    assert found(text, "vague-scope", "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("유출된 정보는 카드번호, 유효기간, CVC번호 등입니다.", "CVC번호 등입니다"),
        ("유출 정보 범위는 카드번호, 유효기간, CVC번호 등이다.", "CVC번호 등이다"),
    ],
)
def test_deung_with_the_copula_is_reported(text, expected):
    assert found(text, "vague-scope", "ko") == [expected]


# ------------------------------------------------------------------------ hedging: reasons for uncertainty


@pytest.mark.parametrize(
    "reason",
    [
        "While the findings of the forensic review were not conclusive, we are writing to every patient.",
        "The forensic review was inconclusive.",
        "The laptop was stolen from a car on May 2 and has not been found.",
        "Police have been unable to locate the laptop.",
        "Our experts are working around the clock to understand how the data was taken.",
        "We have had a data breach and are in the process of investigating.",
    ],
)
def test_a_reason_for_uncertainty_allows_the_hedge(reason):
    text = reason + " Your records at Example Clinic may have been accessed."
    assert found(text, "hedging") == []


@pytest.mark.parametrize(
    "other",
    [
        "We have not found any evidence of misuse.",
        "We are working with the police to find the thieves.",
        "We were able to locate the laptop on May 9.",
    ],
)
def test_sentences_that_give_no_reason_leave_the_hedge_reported(other):
    text = other + " Your records at Example Clinic may have been accessed."
    assert found(text, "hedging") == ["may have been accessed"]


# ------------------------------------------------------------------------ hedging: Korean


def test_a_guess_about_where_the_attacker_got_passwords_is_not_a_hedge_on_the_leak():
    text = "신원을 알 수 없는 공격자가 미리 수집한 것으로 추정되는 고객 계정정보로 두 차례 로그인을 시도했습니다."
    assert found(text, "hedging", "ko") == []


def test_a_guess_about_the_leak_is_still_a_hedge():
    assert found("이름과 연락처가 유출된 것으로 추정됩니다.", "hedging", "ko") == ["유출된 것으로 추정"]
    assert found("총 9개 항목이 유출된 것으로 의심됩니다.", "hedging", "ko") == ["유출된 것으로 의심"]


def test_a_blocking_step_is_not_a_reason_for_uncertainty():
    text = (
        "해킹 공격으로 고객 개인정보가 유출된 것으로 추정되는 정황을 확인했습니다. "
        "개인정보가 보이는 페이지는 확인할 수 없도록 임시로 닫았습니다."
    )
    assert found(text, "hedging", "ko") == ["유출된 것으로 추정"]


def test_saying_it_cannot_be_confirmed_is_still_a_reason():
    text = "접속 기록으로는 열람 여부를 확인할 수 없습니다. 고객님의 파일이 열람되었을 수 있습니다."
    assert found(text, "hedging", "ko") == []
