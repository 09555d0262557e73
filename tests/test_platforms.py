"""Per-platform link previews: fallback order, duplicate tags, cuts, reach into the page, and warnings.

Expected cuts were counted by hand: a Hangul syllable is 1 character, 3 UTF-8 bytes and 2 display columns.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from notice_lint.parse import parse_source
from notice_lint.platforms import PLATFORM_IDS, PLATFORMS, Limit, preview_cards

ROOT = Path(__file__).resolve().parent.parent


def cards(html: str, path: str = "notice.html") -> dict:
    return {card.platform.id: card for card in preview_cards(parse_source(html, path))}


def page(head: str, body: str = "<main><h1>Notice of data breach</h1><p>Records were stolen.</p></main>") -> str:
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def codes(card) -> list[str]:
    return [warning.code for warning in card.warnings]


FULL_HEAD = (
    '<meta property="og:title" content="Notice of data breach">'
    '<meta property="og:description" content="What happened and what you can do.">'
    '<meta property="og:url" content="https://www.example.com/notice">'
    '<meta property="og:image" content="https://www.example.com/notice.png">'
)


def test_ten_platforms():
    assert PLATFORM_IDS == ("kakaotalk", "x", "facebook", "linkedin", "slack", "discord", "telegram", "line",
                            "whatsapp", "imessage")


def test_a_complete_head_gives_every_platform_a_clean_card():
    shown = cards(page(FULL_HEAD + "<title>Notice of data breach</title>"))
    for platform_id, card in shown.items():
        assert card.title.text == "Notice of data breach", platform_id
        assert card.image.text == "https://www.example.com/notice.png", platform_id
        assert card.warnings == [], (platform_id, card.warnings)
    assert shown["facebook"].site == "example.com"
    assert shown["linkedin"].description is None and shown["imessage"].description is None  # they do not show it


def test_title_only_page_falls_back_per_platform():
    shown = cards(page("<title>Notice of data breach</title>"))
    for platform_id in ("kakaotalk", "facebook", "linkedin", "slack", "discord", "telegram", "imessage"):
        assert shown[platform_id].title.field == "title", platform_id
    for platform_id in ("x", "line", "whatsapp"):  # they never read <title>
        assert shown[platform_id].title is None and "no-title" in codes(shown[platform_id]), platform_id
        assert not shown[platform_id].shows_card


def test_x_reads_twitter_tags_first_and_linkedin_ignores_them():
    shown = cards(page('<title>Notice of data breach</title>'
                       '<meta name="twitter:title" content="Data breach: what to do now">'
                       '<meta property="og:title" content="Notice of data breach">'))
    assert shown["x"].title.field == "twitter:title"
    assert shown["linkedin"].title.field == "og:title"
    # Slack takes OG or Twitter tags, whichever comes first in the page; Discord takes og:title first.
    assert shown["slack"].title.field == "twitter:title"
    assert shown["discord"].title.field == "og:title"
    only_twitter = cards(page('<title>Notice of data breach</title>'
                              '<meta name="twitter:title" content="Data breach: what to do now">'))
    assert only_twitter["linkedin"].title.field == "title"
    assert only_twitter["telegram"].title.field == "twitter:title"


def test_duplicate_tags_are_picked_differently_and_each_platform_says_so():
    shown = cards(page(FULL_HEAD.replace('content="Notice of data breach"', 'content="Notice of data breach at Northwind"')
                       + '<meta property="og:title" content="Northwind Outfitters | Deals">'))
    assert shown["imessage"].title.text == "Notice of data breach at Northwind"  # first wins
    assert shown["kakaotalk"].title.text == "Notice of data breach at Northwind"
    assert shown["facebook"].title.text == "Northwind Outfitters | Deals"  # last wins (low confidence)
    assert shown["whatsapp"].title.text == "Northwind Outfitters | Deals"
    (warning,) = [w for w in shown["facebook"].warnings if w.code == "duplicate-tags"]
    assert warning.message.startswith('og:title appears 2 times with different values; Facebook takes the last')
    assert 'take "Notice of data breach at Northwind"' in warning.message
    assert "duplicate-tags" in codes(shown["imessage"])
    assert shown["x"].title.text == "Northwind Outfitters | Deals"  # no twitter:title: X takes og:title, the last
    # The last title does not name the incident: the platforms that take it say so.
    assert "off-topic" in codes(shown["whatsapp"]) and "off-topic" not in codes(shown["imessage"])


def test_identical_duplicates_are_not_reported():
    shown = cards(page(FULL_HEAD + '<meta property="og:title" content="Notice of data breach">'))
    assert all("duplicate-tags" not in codes(card) for card in shown.values())


def test_cuts_count_as_the_platform_counts():
    title = "개인정보유출사실안내및사과드립니다한빛몰대표이사올림입니다"  # 29 syllables, 87 bytes
    shown = cards(page(f'<meta property="og:title" content="{title}">'))
    assert shown["discord"].title.shown == "개인정보유출사실안내및사과드립니다한빛몰대표…"  # 22 x 3 = 66 <= 67 bytes
    assert shown["kakaotalk"].title.cut is False  # 29 x 2 = 58 columns fit
    assert shown["x"].title.cut is False  # 29 characters
    assert Limit(10, "width", "low").cut("ab한글cdef") == ("ab한글cdef", False)  # 2 + 4 + 4 = 10
    assert Limit(10, "bytes", "low").cut("ab한글cdef") == ("ab한글cd…", True)  # 2 + 6 + 2 = 10


def test_title_cut_before_the_incident_is_named():
    english = "Northwind Outfitters: an update from our chief executive officer about your account security and the data breach"
    shown = cards(page(f'<meta property="og:title" content="{english}"><meta name="twitter:title" content="{english}">'))
    x = shown["x"]
    assert x.title.shown == "Northwind Outfitters: an update from our chief executive officer about…"  # 70 characters
    assert "title-cut" in codes(x) and "off-topic" not in codes(x)
    assert "title-cut" not in codes(shown["slack"])  # Slack shows the whole title
    korean = "[한빛몰] 고객님께 드리는 대표이사의 편지와 앞으로의 계획 그리고 개인정보 유출 사실 안내"
    kakao = cards(page(f'<meta property="og:title" content="{korean}">'))["kakaotalk"]
    assert kakao.title.shown == "[한빛몰] 고객님께 드리는 대표이사의 편지와 앞으로의 계획 그…"  # 59 of 60 columns
    (warning,) = [w for w in kakao.warnings if w.code == "title-cut"]
    assert "about 60 columns (Hangul counts 2) (estimate)" in warning.message
    fits = cards(page('<meta property="og:title" content="[한빛몰] 개인정보 유출 사실 안내 및 사과드립니다 고객님께 드리는 말씀">'))
    assert fits["kakaotalk"].title.cut and "title-cut" not in codes(fits["kakaotalk"])  # the incident comes first


def test_image_warnings():
    relative = cards(page(FULL_HEAD.replace("https://www.example.com/notice.png", "/img/notice.png")))
    assert all("relative-image" in codes(card) for card in relative.values())
    insecure = cards(page(FULL_HEAD.replace("https://", "http://")))
    assert all("http-image" in codes(card) for card in insecure.values())
    svg = cards(page(FULL_HEAD.replace("notice.png", "notice.svg")))
    assert "svg-image" in codes(svg["x"]) and "svg-image" not in codes(svg["facebook"])
    without = cards(page(FULL_HEAD.replace('<meta property="og:image" content="https://www.example.com/notice.png">', "")))
    assert all("missing-image" in codes(card) for card in without.values())


def test_first_picture_on_the_page_is_kakaotalk_and_facebook_fallback():
    head = FULL_HEAD.replace('<meta property="og:image" content="https://www.example.com/notice.png">', "")
    shown = cards(page(head, '<main><img src="/banner/winter-sale.png"><h1>Notice of data breach</h1></main>'))
    assert shown["kakaotalk"].image.text == "/banner/winter-sale.png"
    assert {"body-image", "relative-image"} <= set(codes(shown["kakaotalk"]))
    assert shown["facebook"].image.field == "<img>"
    assert shown["x"].image is None and shown["line"].image is None


def test_head_beyond_what_slack_and_whatsapp_read():
    filler = "<style>" + "/* padding */\n" * 2600 + "</style>"  # about 36 KB
    html = page("<title>Northwind Outfitters</title>" + filler + FULL_HEAD)
    shown = cards(html)
    assert len(html.encode()) > 32 * 1024
    slack = shown["slack"]
    assert slack.title.field == "title" and slack.title.text == "Northwind Outfitters"
    (warning,) = [w for w in slack.warnings if w.code == "beyond-head-limit" and w.message.startswith("og:title")]
    assert "past the first 32 KB Slack reads" in warning.message and 'it shows "Northwind Outfitters" instead' in warning.message
    assert shown["kakaotalk"].title.field == "og:title"
    assert "beyond-head-limit" not in codes(shown["whatsapp"])
    far = page("<title>x</title>" + filler * 9 + FULL_HEAD)  # past 300 KB
    whatsapp = cards(far)["whatsapp"]
    assert whatsapp.title is None and {"missing-required", "beyond-head-limit"} <= set(codes(whatsapp))


def test_whatsapp_needs_og_url_and_tags_in_head():
    shown = cards(page(FULL_HEAD.replace('<meta property="og:url" content="https://www.example.com/notice">', "")))
    (warning,) = [w for w in shown["whatsapp"].warnings if w.code == "missing-required"]
    assert warning.message.startswith("no og:url")
    in_body = cards(page("", '<meta property="og:title" content="Notice of data breach"><p>x</p>'))
    assert "outside-head" in codes(in_body["whatsapp"]) and in_body["whatsapp"].title is None
    assert in_body["kakaotalk"].title.text == "Notice of data breach"


def test_facebook_og_url_at_the_site_root():
    shown = cards(page(FULL_HEAD.replace("https://www.example.com/notice", "https://www.example.com/")))
    assert "og-url" in codes(shown["facebook"])
    assert all("og-url" not in codes(card) for platform_id, card in shown.items() if platform_id != "facebook")
    assert "og-url" not in codes(cards(page(FULL_HEAD))["facebook"])


def test_x_large_image_follows_the_last_twitter_card():
    large = cards(page(FULL_HEAD + '<meta name="twitter:card" content="summary_large_image">'))
    assert large["x"].large_image and large["discord"].large_image
    last = cards(page(FULL_HEAD + '<meta name="twitter:card" content="summary_large_image">'
                                  '<meta name="twitter:card" content="summary">'))
    assert not last["x"].large_image
    assert last["facebook"].large_image


def test_plain_text_has_no_preview():
    shown = cards("Your data was stolen.\n\nCall us at 1-800-555-0100.\n", "notice.txt")
    assert all(codes(card) == ["no-metadata"] and not card.shows_card for card in shown.values())


def test_the_incident_sample_previews_as_an_advertisement_everywhere():
    path = ROOT / "samples" / "ko" / "incident-original.html"
    shown = {card.platform.id: card for card in preview_cards(parse_source(path.read_text(encoding="utf-8"), str(path)))}
    for platform_id, card in shown.items():
        assert card.title.text == "한빛몰이 추천하는 한빛몰 관련 혜택과 특가", platform_id
        assert "off-topic" in codes(card), platform_id
    assert "og-url" in codes(shown["facebook"])


@pytest.mark.parametrize("platform", PLATFORMS, ids=PLATFORM_IDS)
def test_every_platform_is_documented_with_its_limits(platform):
    docs = (ROOT / "docs" / "previews.md").read_text(encoding="utf-8")
    assert f"| {platform.name} |" in docs
    for limit in (platform.title_limit, platform.description_limit):
        if limit is not None:
            assert limit.confidence in ("documented", "observed", "low")
            assert limit.unit in ("chars", "bytes", "width")
