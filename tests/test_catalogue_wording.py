"""The wording rules of the catalogue beyond their own examples: rule shape, positions, the supersedes
behaviour on phrases minimizing-wording also flags, the document-level ``unless-notice`` / ``if-notice``
conditions, and whole realistic notices.

Rules: non-apology, blame-shifting, passive-concealment, hedging, empty-reassurance, liability-disclaimer,
promotional-content, vague-scope. Their examples are run by test_rule_examples.py (one rule at a time);
here they also run together with every other rule, the way the command line runs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from notice_lint.engine import lint_file, lint_text
from notice_lint.packs import PackError, load_rule, load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT / "tests" / "corpus"
ALL = load_rules()
BY_ID = {rule.id: rule for rule in ALL}
CATALOGUE = {
    "non-apology": "error",
    "blame-shifting": "warning",
    "passive-concealment": "warning",
    "hedging": "info",
    "empty-reassurance": "warning",
    "liability-disclaimer": "error",
    "promotional-content": "error",
    "vague-scope": "warning",
}


def found(text: str, rules, path: str = "notice.txt", language: str | None = None) -> list[tuple[str, str]]:
    rules = [BY_ID[rule] if isinstance(rule, str) else rule for rule in rules]
    return [(f.rule, f.text) for f in lint_text(text, path, rules, language=language).findings]


def mine(findings) -> list[tuple[str, str]]:
    """The catalogue's findings, with the matched text's whitespace collapsed (notices wrap lines)."""
    return [(f.rule, " ".join(f.text.split())) for f in findings if f.rule in CATALOGUE]


def wording(text: str, path: str = "notice.txt", language: str | None = None) -> list[tuple[str, str]]:
    """A full run's findings of the catalogue and of minimizing-wording, the rule it shares phrases with."""
    findings = lint_text(text, path, ALL, language=language).findings
    return [(f.rule, f.text) for f in findings if f.rule in CATALOGUE or f.rule == "minimizing-wording"]


# ------------------------------------------------------------------------------------ rule shape


@pytest.mark.parametrize("rule_id", sorted(CATALOGUE))
def test_rule_shape(rule_id):
    rule = BY_ID[rule_id]
    assert rule.kind == "wording"
    assert rule.severity.value == CATALOGUE[rule_id]
    assert rule.why.strip() and rule.summary.strip()
    for language in ("en", "ko"):
        entries = [entry for entry in rule.data["patterns"] if entry["lang"] == language]
        matches = sum(1 if isinstance(entry["match"], str) else len(entry["match"]) for entry in entries)
        assert matches >= 8, (rule_id, language, matches)
        for entry in entries:
            assert entry["reason"].strip() and entry.get("suggest", "").strip(), entry
        examples = [example for example in rule.examples if example.language == language]
        assert len([example for example in examples if example.fails]) >= 8, (rule_id, language)
        assert len([example for example in examples if not example.fails]) >= 8, (rule_id, language)
        assert all(example.expect for example in examples if example.fails), (rule_id, language)


@pytest.mark.parametrize("rule_id", sorted(CATALOGUE))
def test_every_pattern_entry_is_exercised_by_a_failing_example(rule_id):
    """Each [[patterns]] table has a failing example that it (not a neighbour) flags."""
    rule = BY_ID[rule_id]
    hits = set()
    for example in rule.examples:
        if example.fails:
            for finding in lint_text(example.text, "example", [rule], language=example.language).findings:
                hits.add((finding.message, finding.suggestion or ""))
    for entry in rule.data["patterns"]:
        assert any(entry["reason"] in message and suggestion == entry["suggest"] for message, suggestion in hits), (
            f"no failing example exercises {entry['lang']} pattern {entry['match']!r}"
        )


# ------------------------------------------------------------------------------------ positions


def test_position_in_html_through_an_entity_and_markup():
    html = (
        '<html lang="en"><body><main>\n'
        "<h1>Notice of Data Breach</h1>\n"
        "<p>Attackers copied our customer list. We apologize for any&nbsp;<em>inconvenience</em>.</p>\n"
        "</main></body></html>\n"
    )
    [finding] = lint_text(html, "n.html", [BY_ID["non-apology"]]).findings
    line = html.splitlines()[2]
    assert (finding.line, finding.column) == (3, line.index("for any") + 1)
    assert (finding.end_line, finding.end_column) == (3, line.index("</em>") + 1)
    assert finding.text == "for any&nbsp;<em>inconvenience"
    assert finding.severity.value == "error"
    assert finding.suggestion == "we are sorry that your information was stolen"


def test_position_in_korean_plain_text():
    text = "개인정보 유출 안내\n\n고객님의 정보가 유출되었습니다.\n고객님께 불편을 끼쳐 드려 죄송합니다.\n"
    [finding] = lint_text(text, "n.txt", [BY_ID["non-apology"]], language="ko").findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (4, 6, 4, 12)
    assert finding.text == "불편을 끼쳐"


def test_position_of_a_list_closed_with_deung_spans_the_last_item_and_deung():
    text = "유출 항목 안내\n\n가. 유출된 정보: 성명, 생년월일, 휴대전화번호, 주소 등\n"
    [finding] = lint_text(text, "n.txt", [BY_ID["vague-scope"]], language="ko").findings
    line = text.splitlines()[2]
    assert (finding.line, finding.column, finding.end_column) == (3, line.index("주소 등") + 1, len(line) + 1)
    assert finding.text == "주소 등"


# ------------------------------------------------------------------------------------ supersedes


def test_a_shared_phrase_is_reported_once_by_the_specific_rule():
    text = "Attackers copied our customer list. We take your privacy seriously."
    assert found(text, ["minimizing-wording"]) == [("minimizing-wording", "take your privacy seriously")]
    assert found(text, ["empty-reassurance"]) == [("empty-reassurance", "take your privacy seriously")]
    assert wording(text) == [("empty-reassurance", "take your privacy seriously")]


def test_the_korean_shared_phrase_is_reported_once_by_empty_reassurance():
    text = "외부 해커가 고객 정보를 빼냈습니다. 당사는 고객님의 개인정보 보호를 매우 중요하게 생각합니다."
    assert ("minimizing-wording", "매우 중요하게 생각") in found(text, ["minimizing-wording"], language="ko")
    assert wording(text, language="ko") == [("empty-reassurance", "매우 중요하게 생각")]


def test_supersedes_drops_only_overlapping_findings_of_the_general_rule():
    text = "We take your privacy seriously. A limited number of accounts were affected."
    assert wording(text) == [
        ("empty-reassurance", "take your privacy seriously"),
        ("minimizing-wording", "A limited number of"),
    ]


def test_sophisticated_is_claimed_by_blame_shifting_only_when_the_notice_owns_no_failure():
    blaming = "We were the victim of a sophisticated cyberattack. Customer files were copied."
    owning = "A sophisticated cyberattack hit our servers. We had not installed the security update that fixes the flaw."
    assert ("minimizing-wording", "sophisticated") in found(blaming, ["minimizing-wording"])
    assert wording(blaming) == [
        ("blame-shifting", "victim of a sophisticated cyberattack")
    ]
    assert wording(owning) == [("minimizing-wording", "sophisticated")]


def test_an_excuse_built_on_praised_security_is_reported_once_as_blame_shifting():
    text = "Despite our industry-leading security, an attacker copied one server."
    assert found(text, ["empty-reassurance"]) == [("empty-reassurance", "industry-leading security")]
    assert wording(text) == [("blame-shifting", "Despite our industry-leading security")]


# ------------------------------------------------------------------------------------ unless-notice


def test_blame_shifting_is_silent_when_another_block_owns_the_failure():
    blame = "The breach occurred at one of our third-party vendors."
    assert found(blame, ["blame-shifting"]) == [("blame-shifting", "at one of our third-party vendors")]
    owned = blame + "\n\nWe should have limited the data we shared with that vendor."
    assert found(owned, ["blame-shifting"]) == []
    in_markdown = "# Notice\n\n" + blame + "\n\n## What we got wrong\n\n- Our contract did not require encryption."
    assert found(in_markdown, ["blame-shifting"], path="n.md") == []


def test_korean_blame_shifting_is_silent_when_the_notice_owns_the_failure():
    blame = "이번 사고는 협력업체의 관리 부주의로 발생하였습니다."
    assert found(blame, ["blame-shifting"], language="ko") == [("blame-shifting", "협력업체의")]
    assert found(blame + "\n\n협력업체를 관리·감독하지 못한 저희의 잘못입니다.", ["blame-shifting"], language="ko") == []


def test_denying_fault_is_reported_even_when_the_notice_owns_a_failure():
    text = "We failed to patch the server. Through no fault of our own, attackers then copied the files."
    assert found(text, ["blame-shifting"]) == [("blame-shifting", "Through no fault of our")]


def test_hedging_is_silent_when_the_notice_gives_a_reason_for_the_uncertainty():
    hedge = "Your information may have been accessed."
    assert found(hedge, ["hedging"]) == [("hedging", "may have been accessed")]
    reasoned = "Our investigation is ongoing.\n\n" + hedge + " We will write to you again by June 30."
    assert found(reasoned, ["hedging"]) == []
    certain_elsewhere = "The attacker copied the billing files.\n\n" + hedge
    assert found(certain_elsewhere, ["hedging"]) == [("hedging", "may have been accessed")]


def test_korean_hedging_is_silent_in_a_notice_that_says_the_facts_are_still_being_established():
    hedge = "고객님의 개인정보가 유출되었을 수 있습니다."
    assert found(hedge, ["hedging"], language="ko") == [("hedging", "유출되었을 수")]
    assert found("현재 유출 경위를 조사 중입니다.\n\n" + hedge, ["hedging"], language="ko") == []


def test_an_apology_for_worry_is_a_courtesy_when_the_notice_apologizes_for_the_leak():
    worry = "고객님께 심려를 끼쳐 드려 죄송합니다."
    assert found(worry, ["non-apology"], language="ko") == [("non-apology", "심려를 끼쳐")]
    real = "이번 유출에 대해 진심으로 사과드립니다.\n\n" + worry
    assert found(real, ["non-apology"], language="ko") == []
    # 불편 (inconvenience) is reported even next to a real apology: a leak is not an inconvenience.
    inconvenience = "이번 유출에 대해 진심으로 사과드립니다. 불편을 끼쳐 드려 죄송합니다."
    assert found(inconvenience, ["non-apology"], language="ko") == [("non-apology", "불편을 끼쳐")]


def test_an_english_non_apology_counts_its_own_sentence_out_of_the_real_apology_check():
    assert found("We sincerely apologize for any concern this may have caused.", ["non-apology"]) == [
        ("non-apology", "for any concern")
    ]
    assert found("We are sorry that your data was stolen. We apologize for any concern.", ["non-apology"]) == []


def test_passive_concealment_is_silent_once_the_notice_names_the_actor():
    passive = "Files containing your information were copied from our billing server."
    assert found(passive, ["passive-concealment"]) == [("passive-concealment", "were copied")]
    assert found("A criminal group broke into our network.\n\n" + passive, ["passive-concealment"]) == []


def test_notice_conditions_read_the_body_in_the_patterns_language_only():
    """An owning sentence in Korean does not excuse English blame in a bilingual notice, and vice versa."""
    text = "The breach occurred at one of our third-party vendors.\n\n저희가 협력업체를 관리하지 못한 잘못입니다."
    assert found(text, ["blame-shifting"]) == [("blame-shifting", "at one of our third-party vendors")]


def test_notice_conditions_do_not_read_preview_fields():
    html = (
        '<html lang="en"><head><meta property="og:description" content="We failed to protect your data.">'
        "</head><body><main><p>The breach occurred at one of our third-party vendors.</p></main></body></html>"
    )
    assert found(html, ["blame-shifting"], path="n.html") == [("blame-shifting", "at one of our third-party vendors")]


def write_rule(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "my-rule.toml"
    path.write_text(
        'id = "my-rule"\nkind = "wording"\nseverity = "warning"\nsummary = "s"\nmessage = "{text}"\nwhy = "w"\n\n'
        '[[patterns]]\nlang = "en"\nmatch = "synergy"\nreason = "r"\nsuggest = "s"\n'
        + extra
        + '\n[examples.en]\nfail = ["Synergy. We value teamwork."]\npass = ["Cooperation."]\n',
        encoding="utf-8",
    )
    return path


def test_if_notice_keeps_a_match_only_when_the_notice_says_something_elsewhere(tmp_path):
    rule = load_rule(write_rule(tmp_path, 'if-notice = ["teamwork"]\n'))
    assert [f.text for f in lint_text("Synergy.\n\nWe value teamwork.", "x.txt", [rule]).findings] == ["Synergy"]
    assert lint_text("Synergy.", "x.txt", [rule]).findings == []


@pytest.mark.parametrize("key", ["if-notice", "unless-notice"])
def test_a_malformed_notice_condition_names_its_key(tmp_path, key):
    with pytest.raises(PackError) as error:
        load_rule(write_rule(tmp_path, f'{key} = ["/(unclosed/"]\n'))
    assert error.value.key.startswith(f"patterns[0].{key}")


def test_an_unknown_pattern_key_is_still_rejected(tmp_path):
    with pytest.raises(PackError) as error:
        load_rule(write_rule(tmp_path, 'unless-document = ["teamwork"]\n'))
    assert error.value.key == "patterns[0].unless-document"


# ------------------------------------------------------------------------------------ whole notices

BAD_EN = """\
# Important notice about your account

Dear Customer,

We recently learned that some customers' information was affected by an incident at one of our third-party
vendors. Your name, email address, phone number, etc. may have been accessed.

We take the security of your information very seriously. Northwind Outfitters is not responsible for any
damages resulting from the vendor's incident.

We sincerely apologize for any inconvenience this may cause. As a thank-you, enjoy 20% off your next order
with promo code SORRY20. Shop now!
"""

GOOD_EN = """\
# Notice of Data Breach

We are sorry: between June 24 and June 26, 2025, a criminal group used a password stolen from one of our
administrators to copy the records of 2,418,306 customer accounts from our order system. The account did not
require two-step sign-in, and that was our failure.

The stolen records contain your name, email address, phone number, shipping addresses and order history.
Payment card numbers and passwords were not involved.

We turned on two-step sign-in for every administrator on June 27 and are paying for 24 months of free credit
monitoring. Our investigation is ongoing; files from our archive server may have been copied too, and we
will write to you by July 31, 2025 once the forensic firm finishes.

Watch for phishing: we will never ask for your password by phone, text or email. Questions: call
1-800-555-0119 or email privacy@example.com.
"""

BAD_KO = """\
[한빛몰] 고객정보 관련 안내

한빛몰은 협력업체의 관리 부주의로 일부 회원님의 이름, 연락처, 주소 등이 유출되었을 가능성이 있음을 확인하였습니다.

당사는 고객님의 개인정보를 매우 중요하게 생각합니다. 결제정보는 안전하게 보호되고 있으니 안심하셔도 됩니다.

이번 일로 고객님께 불편을 끼쳐 드려 죄송합니다. 사과의 뜻으로 5만원 상당의 구매이용권을 드립니다.
해킹 등 제3자의 불법 행위로 인한 손해에 대하여 당사는 책임을 지지 않습니다.
"""

GOOD_KO = """\
[한빛몰] 개인정보 유출 사실 통지 및 사과

퇴사한 직원이 재직 중 발급받은 인증키로 2025년 6월 24일부터 11월 8일까지 고객님의 개인정보를 빼냈습니다.
퇴사 시 인증키를 폐기하지 않은 저희의 잘못이며, 이번 유출에 대해 진심으로 사과드립니다.

유출 항목: 이름, 이메일 주소, 휴대전화번호, 배송지 주소, 주문내역
유출되지 않은 항목: 결제카드 번호, 로그인 비밀번호

보관 서버의 접속 기록은 아직 분석 중입니다. 반품 정보도 유출되었을 수 있어, 확인되는 대로 다시 알려드리겠습니다.
유출로 인한 피해가 확인되면 한빛몰이 전액 보상합니다. 스미싱, 보이스피싱 등 2차 피해에 주의해 주세요.
문의: 한빛몰 개인정보보호센터 1588-0000, privacy@example.kr
"""


def test_a_bad_english_notice_gets_every_catalogue_finding():
    findings = mine(lint_text(BAD_EN, "bad.md", ALL).findings)
    assert findings == [
        ("vague-scope", "some customers"),
        ("blame-shifting", "at one of our third-party vendors"),
        ("vague-scope", "etc"),
        ("hedging", "may have been accessed"),
        ("empty-reassurance", "take the security of your information very seriously"),
        ("liability-disclaimer", "not responsible for any damages"),
        ("blame-shifting", "from the vendor"),
        ("non-apology", "for any inconvenience"),
        ("promotional-content", "20% off"),
        ("promotional-content", "promo code"),
        ("promotional-content", "Shop now"),
    ]


def test_a_good_english_notice_gets_no_catalogue_finding():
    assert mine(lint_text(GOOD_EN, "good.md", ALL).findings) == []


def test_a_bad_korean_notice_gets_every_catalogue_finding():
    findings = mine(lint_text(BAD_KO, "bad.txt", ALL, language="ko").findings)
    assert findings == [
        ("blame-shifting", "협력업체의"),
        ("vague-scope", "주소 등이"),
        ("hedging", "유출되었을 가능성"),
        ("empty-reassurance", "매우 중요하게 생각"),
        ("empty-reassurance", "안전하게 보호되고"),
        ("empty-reassurance", "안심하셔도"),
        ("non-apology", "불편을 끼쳐"),
        ("promotional-content", "구매이용권"),
        ("blame-shifting", "제3자의 불법"),
        ("liability-disclaimer", "책임을 지지 않"),
    ]


def test_a_good_korean_notice_gets_no_catalogue_finding():
    assert mine(lint_text(GOOD_KO, "good.txt", ALL, language="ko").findings) == []


def test_the_original_incident_samples_get_the_catalogue_findings_a_reviewer_would_give():
    english = mine(lint_file(SAMPLES / "en" / "incident-original.html", ALL).findings)
    assert english == [
        ("vague-scope", "certain order history"),
        ("empty-reassurance", "remain securely protected"),
        ("empty-reassurance", "take your privacy seriously"),
        ("non-apology", "for any concern"),
    ]
    korean = [(rule, " ".join(text.split())) for rule, text in mine(lint_file(SAMPLES / "ko" / "incident-original.html", ALL).findings)]
    assert korean == [
        ("empty-reassurance", "안전하게 보호되고"),
        ("empty-reassurance", "매우 중요하게 생각"),
        ("non-apology", "심려와 걱정을 끼쳐"),
        ("non-apology", "유감"),
    ]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_corrected_samples_get_no_catalogue_finding(language):
    assert mine(lint_file(SAMPLES / language / "incident-corrected.html", ALL).findings) == []


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*/good/*")), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_good_corpus_notices_get_no_catalogue_finding(path):
    assert mine(lint_file(path, ALL).findings) == []
