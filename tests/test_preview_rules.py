"""promotional-preview and preview-off-topic on realistic documents: positions, fields, scope, corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from notice_lint.engine import lint_file, lint_text
from notice_lint.packs import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = {rule.id: rule for rule in load_rules()}
PROMO = RULES["promotional-preview"]
TOPIC = RULES["preview-off-topic"]
MINE = (PROMO, TOPIC)


def lint(source: str, *rules, path: str = "notice.html", language: str | None = None):
    return lint_text(source, path, list(rules or MINE), language=language).findings


def where(findings) -> list[tuple]:
    return [(f.rule, f.field, f.line, f.column, f.end_line, f.end_column, f.text) for f in findings]


# A notice page that still carries the shop's front-page head, as in the 2025 incident.
# Line 6 is `  <meta property="og:title" content="...">`: two spaces, then 35 characters up to and
# including `content="`, so the value starts at column 38.
SHOP_HEAD_NOTICE = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Notice of Data Breach | Northwind Outfitters</title>
  <meta property="og:title" content="Northwind Outfitters | Recommended deals and exclusive benefits">
  <meta property="og:site_name" content="Northwind Outfitters">
  <meta property="og:description" content="Customer names and addresses were stolen. We are offering 24 months of free credit monitoring at no cost to you.">
</head>
<body>
  <main>
    <h1>Notice of Data Breach</h1>
    <p>Between June 24 and November 8, 2025, an attacker stole the names, email addresses and shipping
      addresses of 2,418,306 customer accounts. We are sorry that we failed to protect your information.</p>
    <p>Call our toll-free line at 1-800-555-0100 with questions. We recommend that you change your password.</p>
  </main>
</body>
</html>
"""


def test_promotional_og_title_exact_positions():
    findings = lint(SHOP_HEAD_NOTICE, PROMO)
    # "Northwind Outfitters | " is 23 characters: "Recommended" starts at 38 + 23 = 61.
    # "Recommended deals" is 17 characters (61..77, end column 78); "exclusive" starts at 61 + 22 = 83;
    # "benefits" at 83 + 10 = 93.
    assert where(findings) == [
        ("promotional-preview", "og:title", 6, 61, 6, 78, "Recommended deals"),
        ("promotional-preview", "og:title", 6, 83, 6, 92, "exclusive"),
        ("promotional-preview", "og:title", 6, 93, 6, 101, "benefits"),
    ]
    assert all(f.severity.value == "error" for f in findings)
    assert findings[0].message.startswith('og:title reads like an advertisement: "Recommended deals" ')
    assert findings[0].suggestion and "Notice of data breach" in findings[0].suggestion


def test_off_topic_og_title_is_flagged_at_the_start_of_its_value():
    findings = lint(SHOP_HEAD_NOTICE, TOPIC)
    # The <title> names the breach; only og:title (and, as X falls back to it, nothing else) is off-topic.
    assert where(findings) == [
        (
            "preview-off-topic",
            "og:title",
            6,
            38,
            6,
            101,
            "Northwind Outfitters | Recommended deals and exclusive benefits",
        )
    ]
    assert findings[0].severity.value == "warning"
    assert findings[0].message.startswith('og:title "Northwind Outfitters | Recommended deals')


def test_free_credit_monitoring_toll_free_and_recommend_do_not_fire():
    """The og:description and the body use words a notice needs; none of them is promotion."""
    findings = lint(SHOP_HEAD_NOTICE, PROMO)
    assert {f.field for f in findings} == {"og:title"}


DUPLICATES = """\
<html lang="en">
<head>
<title>Notice of data breach</title>
<meta property="og:title" content="Notice of data breach">
<meta property="og:title" content="Holiday deals">
<meta name="twitter:title" content="Shop now: holiday deals">
<meta name="twitter:title" content="Holiday deals">
</head>
<body><h1>Notice of data breach</h1><p>Attackers stole customer names.</p></body>
</html>
"""


def test_duplicate_preview_fields_each_get_their_own_finding():
    findings = lint(DUPLICATES, PROMO)
    # `<meta property="og:title" content="` is 35 characters (value at column 36);
    # `<meta name="twitter:title" content="` is 36 (value at column 37).
    assert where(findings) == [
        ("promotional-preview", "og:title", 5, 44, 5, 49, "deals"),
        ("promotional-preview", "twitter:title", 6, 37, 6, 45, "Shop now"),
        ("promotional-preview", "twitter:title", 6, 55, 6, 60, "deals"),
        ("promotional-preview", "twitter:title", 7, 45, 7, 50, "deals"),
    ]


def test_off_topic_reads_the_first_of_duplicate_titles():
    """Platforms mostly take the first tag: the first og:title names the breach, the first twitter:title does not."""
    findings = lint(DUPLICATES, TOPIC)
    assert [(f.field, f.line, f.column) for f in findings] == [("twitter:title", 6, 37)]


KOREAN_ENTITIES = """\
<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta property="og:title" content="한빛몰 &amp; 특가 혜택">
<meta name="twitter:title" content="한빛몰 &#53945;가 모음">
<meta property="og:site_name" content="한빛몰">
</head>
<body><main><h1>개인정보 노출 안내</h1><p>고객님의 개인정보가 노출되었습니다.</p></main></body>
</html>
"""


def test_korean_entity_encoded_content_maps_to_source_columns():
    findings = lint(KOREAN_ENTITIES, PROMO)
    # Line 5: value at column 36; "한빛몰 " (4) + "&amp;" (5) + " " (1) puts 특가 at 46 and 혜택 at 49.
    # Line 6: value at column 37; "한빛몰 " (4) puts the entity &#53945; (특, 8 characters) at 41, so the
    # finding covers "&#53945;가" (41..49, end column 50).
    assert where(findings) == [
        ("promotional-preview", "og:title", 5, 46, 5, 48, "특가"),
        ("promotional-preview", "og:title", 5, 49, 5, 51, "혜택"),
        ("promotional-preview", "twitter:title", 6, 41, 6, 50, "&#53945;가"),
    ]


def test_korean_entity_encoded_titles_are_off_topic():
    findings = lint(KOREAN_ENTITIES, TOPIC)
    assert [(f.field, f.line, f.column, f.text) for f in findings] == [
        ("og:title", 5, 36, "한빛몰 &amp; 특가 혜택"),
        ("twitter:title", 6, 37, "한빛몰 &#53945;가 모음"),
    ]


def test_body_text_is_not_checked_by_promotional_preview():
    source = """\
<html lang="en">
<head>
<title>Notice of data breach | Granite Peak Fitness</title>
<meta property="og:title" content="Granite Peak Fitness: notice of data breach">
</head>
<body>
<h1>Notice of data breach</h1>
<p>Attackers stole member names and addresses between April 28 and May 2, 2025.</p>
<p>As an apology, use coupon code SORRY20 for 20% off and free shipping. Shop now!</p>
</body>
</html>
"""
    assert lint(source, PROMO) == []
    assert lint(source, TOPIC) == []


def test_markdown_front_matter_og_title_is_checked():
    pytest.importorskip("notice_lint.parse.markdown")
    source = """\
---
title: "Northwind Outfitters | Exclusive deals"
og:title: "Northwind Outfitters | Exclusive deals"
og:site_name: "Northwind Outfitters"
---

# Notice of data breach

Attackers stole customer names and shipping addresses. Use code SAVE10 for a discount.
"""
    promo = lint(source, PROMO, path="notice.md")
    # `og:title: "` is 11 characters: the value starts at column 12, "Exclusive" 23 characters later.
    assert [(f.field, f.line, f.column, f.text) for f in promo] == [
        ("title", 2, 32, "Exclusive"),
        ("title", 2, 42, "deals"),
        ("og:title", 3, 35, "Exclusive"),
        ("og:title", 3, 45, "deals"),
    ]
    topic = lint(source, TOPIC, path="notice.md")
    assert {(f.field, f.line) for f in topic} == {("og:title", 3), ("title", 2)}


@pytest.mark.parametrize(
    ("language", "og_title_findings"),
    [
        ("en", ["Recommended deals", "exclusive", "benefits"]),
        ("ko", ["추천하는 한빛몰 관련 혜택", "특가"]),
    ],
)
def test_incident_sample_flags_every_preview_field(language, og_title_findings):
    """The shop's front-page head on the notice: every preview field is marketing, no title names the leak."""
    path = ROOT / "samples" / language / "incident-original.html"
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is not there yet")
    result = lint_file(path, list(MINE))
    promo_fields = {f.field for f in result.findings if f.rule == PROMO.id}
    topic_fields = {f.field for f in result.findings if f.rule == TOPIC.id}
    assert promo_fields == {"title", "description", "og:title", "og:description", "twitter:title", "twitter:description"}
    assert topic_fields == {"title", "og:title", "twitter:title"}
    og_title = [f.text for f in result.findings if f.rule == PROMO.id and f.field == "og:title"]
    assert og_title == og_title_findings


@pytest.mark.parametrize("language", ["en", "ko"])
def test_corrected_incident_sample_is_silent(language):
    path = ROOT / "samples" / language / "incident-corrected.html"
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is not there yet")
    assert lint_file(path, list(MINE)).findings == []


@pytest.mark.parametrize(
    "description",
    [
        "Customer names were stolen. We are offering 24 months of free credit monitoring at no cost to you.",
        "Call our toll-free number. We recommend that you take the recommended steps below.",
        "Our security event monitoring found the attack; this event affected 4,187 members.",
        "A special message from our CEO about the breach.",
        "The stolen records were offered for sale on a criminal forum.",
        "고객님의 개인정보가 유출되었습니다. 비밀번호 변경을 추천드리며, 2단계 인증 사용을 권장합니다.",
        "유출 피해 예방을 위해 명의도용 방지 서비스를 1년간 무료로 제공합니다.",
        "세일즈포스 계정 해킹으로 고객 정보가 유출되었습니다.",
        "이름, 연락처, 적립금 내역이 유출되었습니다.",
        "The data was offered on a criminal forum. Act quickly to change your password.",
        "Reward points balances, names and emails were accessed; we restored points the attackers redeemed.",
        "Unauthorized access to our employee benefits portal; review your Explanation of Benefits.",
        "Customers who shopped during the holiday shopping season may be affected.",
        "이름, 휴대전화번호, 포인트 적립 내역이 유출되었습니다.",
        "할인카드 번호는 유출되지 않았습니다.",
        "한빛쇼핑몰 회원의 개인정보가 유출되었습니다. 당사 단독으로 조사하지 않고 외부 기관과 함께 조사합니다.",
        "보안 이벤트 로그를 분석해 침해 사실을 확인했습니다.",
        "Background check and security clearance records were stolen.",
        "이름, 주문내역, 장바구니 정보가 유출되었습니다. 지금 주문내역을 확인해 보세요.",
    ],
)
def test_notice_vocabulary_in_og_description_is_not_promotion(description):
    source = (
        '<html><head><meta property="og:title" content="Notice of data breach">'
        f'<meta property="og:description" content="{description}"></head>'
        "<body><h1>Notice of data breach</h1><p>x</p></body></html>"
    )
    assert lint(source, PROMO) == []


@pytest.mark.parametrize(
    ("head", "field"),
    [
        ('<meta property="og:title" content="Northwind Outfitters"><meta property="og:site_name" content="Northwind Outfitters">', "og:title"),
        ('<meta property="og:title" content="Notice of data breach"><meta name="twitter:title" content="Northwind | New arrivals">', "twitter:title"),
        ("<title>Northwind Outfitters - Outdoor gear and apparel</title>", "title"),
        ('<meta property="og:title" content="한빛몰이 추천하는 한빛몰 관련 혜택과 특가">', "og:title"),
        ('<meta property="og:title" content="한빛몰 공지사항">', "og:title"),
        ('<meta property="og:title" content="Privacy Notice | Northwind Outfitters">', "og:title"),
        ('<meta property="og:title" content="Important security update">', "og:title"),
        ("<title>개인정보 처리방침 | 한빛몰</title>", "title"),
        ("<title>배송 사고 보상</title>", "title"),
    ],
)
def test_off_topic_titles(head, field):
    source = f"<html><head>{head}</head><body><main><h1>Notice of data breach</h1><p>x</p></main></body></html>"
    assert [f.field for f in lint(source, TOPIC)] == [field]


@pytest.mark.parametrize(
    "title",
    [
        "Northwind Outfitters: notice of a data breach affecting customer accounts",
        "Important notice for Northwind customers",
        "Ransomware attack on our billing system",
        "[한빛몰] 개인정보 유출 사실 안내 및 사과",
        "개인정보 침해사고 안내",
        "대표이사 사과문",
    ],
)
def test_titles_naming_the_incident_pass(title):
    source = (
        f'<html><head><title>{title}</title><meta property="og:title" content="{title}"></head>'
        "<body><main><h1>Notice</h1><p>x</p></main></body></html>"
    )
    assert lint(source, TOPIC) == []


# -- corpus and samples --------------------------------------------------------------------

# The regression corpus and the samples are checked for every rule at once by tests/test_corpus.py
# and tests/test_samples.py.


def test_site_name_title_is_off_topic_even_when_the_heading_starts_with_the_site_name():
    source = (
        '<html><head><meta property="og:site_name" content="Pinecrest Insurance">'
        '<meta property="og:title" content="Pinecrest Insurance"></head>'
        "<body><main><h1>Pinecrest Insurance data breach: questions and answers</h1><p>x</p></main></body></html>"
    )
    assert [f.field for f in lint(source, TOPIC)] == ["og:title"]


def test_title_echoing_a_heading_that_names_nothing_is_off_topic():
    source = (
        '<html lang="ko"><head><meta property="og:title" content="고객님께 드리는 글"></head>'
        "<body><main><h1>고객님께 드리는 글</h1><p>회원 217,460명의 개인정보가 유출되었습니다.</p></main></body></html>"
    )
    assert [f.field for f in lint(source, TOPIC)] == ["og:title"]
