"""risky-link, and the links the parsers put in the model (text, target, and where both stand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notice_lint.engine import lint_text
from notice_lint.model import Settings, Severity
from notice_lint.packs import PackError, builtin_rules_dir, load_rule, parse_rule
from notice_lint.parse import parse_source
from notice_lint.parse.links import host_of, within

RULES = [load_rule(builtin_rules_dir() / "risky-link.toml")]


def links(source: str, path: str):
    notice = parse_source(source, path)
    return notice, notice.links


def findings(text: str, path: str = "notice.txt", domains: tuple[str, ...] = ()):
    return lint_text(text, path, RULES, settings=Settings(domains=domains)).findings


# -- links in the model ---------------------------------------------------------------------


def test_html_link_keeps_text_and_href_positions_through_entities_and_markup():
    source = '<main><p>Check <a href="https://x.example.com/a?b=1&amp;c=2">your <b>status</b></a>.</p></main>'
    _, found = links(source, "n.html")
    [link] = found
    assert (link.text, link.href, link.bare) == ("your status", "https://x.example.com/a?b=1&c=2", False)
    assert source[link.text_start : link.text_end] == "your <b>status"
    assert source[link.href_start : link.href_end] == "https://x.example.com/a?b=1&amp;c=2"


def test_html_links_outside_the_notice_are_not_collected():
    source = '<body><nav><a href="/login">Log in</a></nav><main><p>See <a href="/faq">the FAQ</a>.</p></main></body>'
    _, found = links(source, "n.html")
    assert [link.text for link in found] == ["the FAQ"]


def test_two_links_with_the_same_target_each_get_their_own_href_position():
    source = '<main><p><a href="/a">one</a> and <a href="/a">two</a></p></main>'
    _, found = links(source, "n.html")
    assert [source[link.href_start : link.href_end] for link in found] == ["/a", "/a"]
    assert found[0].href_start < found[1].href_start


def test_markdown_inline_reference_and_autolinks():
    source = (
        "# T\n\nSee [the help page](https://www.example.com/help \"Help\"), [sign in][login] and <https://bit.ly/x>.\n\n"
        "[login]: https://login.example.net/x\n"
    )
    _, found = links(source, "n.md")
    assert [(link.text, link.href) for link in found] == [
        ("the help page", "https://www.example.com/help"),
        ("sign in", "https://login.example.net/x"),
        ("https://bit.ly/x", "https://bit.ly/x"),
    ]
    assert [source[link.href_start : link.href_end] for link in found] == [
        "https://www.example.com/help",
        "https://login.example.net/x",
        "https://bit.ly/x",
    ]


def test_markdown_image_is_not_a_link():
    _, found = links("# T\n\n![logo](https://cdn.example.com/logo.png) Notice.", "n.md")
    assert found == []


def test_bare_addresses_are_trimmed_of_punctuation_and_korean_particles():
    source = "Visit https://www.example.com/notice. 자세한 내용은 www.example.kr/faq에서 확인하세요. Or bit.ly/3xY (short)."
    _, found = links(source, "n.txt")
    assert [link.text for link in found] == ["https://www.example.com/notice", "www.example.kr/faq", "bit.ly/3xY"]
    assert all(link.bare and source[link.text_start : link.text_end] == link.text for link in found)


def test_email_addresses_and_file_names_are_not_links():
    _, found = links("Write to dpo@example.co.uk and open report.pdf, e.g. the letter.", "n.txt")
    assert found == []


def test_a_link_whose_text_is_its_address_is_one_link():
    _, found = links('<main><p><a href="https://www.example.com/n">www.example.com/n</a></p></main>', "n.html")
    assert len(found) == 1 and not found[0].bare


@pytest.mark.parametrize(
    "href, host",
    [
        ("https://www.Example.com/a", "example.com"),
        ("example.co.kr/help", "example.co.kr"),
        ("/relative", None),
        ("#top", None),
        ("mailto:dpo@example.com", None),
        ("tel:+15550100", None),
    ],
)
def test_host_of(href, host):
    assert host_of(href) == host


def test_within_is_the_domain_or_a_subdomain_only():
    assert within("help.example.com", "example.com")
    assert within("example.com", "www.example.com")
    assert not within("example.com.evil.io", "example.com")
    assert not within("notexample.com", "example.com")


# -- the rule -------------------------------------------------------------------------------


def test_sign_in_request_next_to_a_deep_link_is_flagged_on_the_link():
    [finding] = findings("Please log in at https://secure.example-login.com/verify to confirm your details.")
    assert finding.text == "https://secure.example-login.com/verify"
    assert finding.severity is Severity.WARNING
    assert finding.suggestion and "type" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Sign in at https://www.example.com/ and change your password.",  # the home page, typed by hand
        "Do not follow links in messages; log in at https://www.example.com/account directly.",  # advice
        "We will never email you a link such as https://www.example.com/login asking you to log in.",
        "Read what happened at https://www.example.com/notice.",  # no request
    ],
)
def test_no_sign_in_finding_for_home_page_advice_or_plain_links(text):
    assert findings(text) == []


def test_relative_links_are_never_sign_in_findings():
    source = '<main><p><a href="/account/login">Log in</a> to see whether your data was involved.</p></main>'
    assert findings(source, "n.html") == []


def test_korean_sign_in_and_card_number_requests():
    [finding] = findings("본인 확인을 위해 https://www.example.kr/verify 에서 카드번호를 입력해 주세요.")
    assert finding.text == "https://www.example.kr/verify"
    assert findings("링크를 눌러 로그인하라는 문자(https://www.example.kr/login)는 절대 누르지 마세요.") == []


def test_shortener_is_an_error_on_the_address():
    [finding] = findings("Claim your compensation: me2.do/AbCd")
    assert (finding.text, finding.severity) == ("me2.do/AbCd", Severity.ERROR)
    assert "me2.do" in finding.message


def test_shortener_in_an_href_points_at_the_href():
    source = '<main><p><a href="https://bit.ly/3xY">Read the notice</a></p></main>'
    [finding] = findings(source, "n.html")
    assert finding.text == "https://bit.ly/3xY"
    assert source.index("https://bit.ly") + 1 == finding.column


def test_text_showing_another_address_than_the_target():
    source = '<main><p><a href="https://example-help.net/x">https://www.example.com/help</a></p></main>'
    [finding] = findings(source, "n.html")
    assert "example.com" in finding.message and "example-help.net" in finding.message
    same_site = '<main><p><a href="https://help.example.com/x">www.example.com/help</a></p></main>'
    assert findings(same_site, "n.html") == []


def test_off_domain_needs_configured_domains_and_spares_trusted_sites():
    text = "Enroll at https://www.monitor-partner.net/enroll. Report fraud at IdentityTheft.gov or www.consumer.ftc.gov."
    assert findings(text) == []
    [finding] = findings(text, domains=("example.com",))
    assert finding.text == "https://www.monitor-partner.net/enroll"
    assert findings(text, domains=("example.com", "monitor-partner.net")) == []


def test_off_domain_is_reported_once_per_host():
    text = "See https://other.example.net/a and https://other.example.net/b."
    assert len(findings(text, domains=("example.com",))) == 1


def test_pack_error_names_the_check_and_key():
    data = {
        "id": "r", "kind": "links", "severity": "warning", "summary": "s", "message": "m", "why": "w",
        "shortener": {"reason": "r", "suggest": "s"},
        "examples": {"en": {"fail": ["a"], "pass": ["b"]}},
    }  # fmt: skip
    with pytest.raises(PackError) as error:
        parse_rule(data, Path("r.toml"))
    assert "shortener.hosts" in str(error.value)


def test_a_web_page_linking_to_its_own_site_is_navigation_not_a_lure():
    head = '<head><link rel="canonical" href="https://www.example.kr/notice/1"></head>'
    body = '<main><p>로그인 후 <a href="https://www.example.kr/mypage/leak">유출 여부 조회</a>에서 확인하세요.</p></main>'
    assert findings(f"<html>{head}<body>{body}</body></html>", "n.html") == []
    assert len(findings(f"<html><body>{body}</body></html>", "n.html")) == 1
