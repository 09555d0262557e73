"""``notice-lint preview``: a card per platform in the terminal, and the JSON document."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from notice_lint.cli import main

from local_site import Site

ROOT = Path(__file__).resolve().parent.parent
INCIDENT = str(ROOT / "samples" / "ko" / "incident-original.html")
CORRECTED = str(ROOT / "samples" / "ko" / "incident-corrected.html")


def preview(*args: str):
    return CliRunner().invoke(main, ["preview", *args])


def test_terminal_cards_for_every_platform():
    result = preview(INCIDENT)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == INCIDENT
    headers = [line for line in lines if line.startswith("┌─ ")]
    assert headers == [
        "┌─ KakaoTalk (kakaotalk-scrap)", "┌─ X (Twitterbot)", "┌─ Facebook (facebookexternalhit)",
        "┌─ LinkedIn (LinkedInBot)", "┌─ Slack (Slackbot)", "┌─ Discord (Discordbot)", "┌─ Telegram (TelegramBot)",
        "┌─ LINE (line-poker)", "┌─ WhatsApp (WhatsApp)", "┌─ iMessage (iMessage)",
    ]
    kakao = lines[lines.index(headers[0]) : lines.index(headers[1])]
    assert kakao == [
        "┌─ KakaoTalk (kakaotalk-scrap)",
        "│ [large image] https://www.example.kr/static/img/og-main-winter-sale.png",
        "│ 한빛몰이 추천하는 한빛몰 관련 혜택과 특가",
        "│ 오늘의 특가, 무료배송, 쿠폰 혜택을 만나보세요",
        "│ example.kr",
        '│ ! the title "한빛몰이 추천하는 한빛몰 관련 혜택과 특가" (og:title) does not name the incident',
        "└─",
        "",
    ]
    assert "\x1b[" not in result.stdout
    assert "│ ! og:url is the site root (https://www.example.kr/)" in result.stdout  # Facebook's card


def test_cut_text_is_marked_with_the_platform_limit():
    result = preview("--platform", "kakaotalk", CORRECTED)
    description = next(line for line in result.stdout.splitlines() if "[cut at" in line)
    assert description.endswith("…   [cut at about 80 columns (Hangul counts 2) (estimate)]")


def test_json_document():
    result = preview("--format", "json", INCIDENT)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    (item,) = document["inputs"]
    assert item["path"] == INCIDENT and item["error"] is None and item["url"] is None
    by_id = {card["platform"]: card for card in item["platforms"]}
    assert len(by_id) == 10
    x = by_id["x"]
    assert x["title"] == {"text": "한빛몰이 추천하는 한빛몰 관련 혜택과 특가", "shown": "한빛몰이 추천하는 한빛몰 관련 혜택과 특가",
                          "cut": False, "field": "twitter:title", "line": 15}
    assert x["limits"]["title"] == {"size": 70, "unit": "chars", "confidence": "observed"}
    assert x["large_image"] is True and x["card"] is True
    assert [w["code"] for w in x["warnings"]] == ["off-topic"]
    assert by_id["discord"]["limits"]["title"] == {"size": 67, "unit": "bytes", "confidence": "low"}
    assert by_id["imessage"]["description"] is None
    assert by_id["slack"]["site"] == "한빛몰"


def test_platform_filter_and_unknown_platform():
    result = preview("--format", "json", "--platform", "x,kakaotalk", INCIDENT)
    ids = [card["platform"] for card in json.loads(result.stdout)["inputs"][0]["platforms"]]
    assert ids == ["kakaotalk", "x"]
    bad = preview("--platform", "myspace", INCIDENT)
    assert bad.exit_code == 2
    assert bad.stderr.startswith("notice-lint: unknown platform 'myspace'; known: kakaotalk, x, facebook")


def test_a_bad_input_is_one_line_and_the_others_are_still_shown(tmp_path):
    missing = tmp_path / "missing.html"
    result = preview(str(missing), INCIDENT)
    assert result.exit_code == 2
    assert result.stderr == f"notice-lint: {missing}: no such file\n"
    assert "┌─ KakaoTalk (kakaotalk-scrap)" in result.stdout


def test_a_url_is_previewed_as_each_crawler_was_served():
    notice = ('<html lang="en"><head><meta property="og:title" content="Notice of data breach">'
              '<meta property="og:url" content="/notice"></head><body><main><h1>Notice of data breach</h1>'
              "</main></body></html>")
    for_bots = notice.replace("Notice of data breach", "Northwind | Deals", 1)
    pages = {"/s": {"status": 302, "location": "/notice"}, "/notice": {"body": notice, "agents": {"Twitterbot": for_bots}}}
    with Site(pages) as site:
        result = preview("--format", "json", site.url("/s"))
        text = preview("--platform", "x", site.url("/s"))
    item = json.loads(result.stdout)["inputs"][0]
    assert item["url"]["final"] == site.url("/notice")
    assert item["url"]["hops"] == [{"url": site.url("/s"), "status": 302, "via": "http", "to": site.url("/notice")}]
    by_id = {card["platform"]: card for card in item["platforms"]}
    assert by_id["x"]["title"]["text"] == "Northwind | Deals"
    assert by_id["kakaotalk"]["title"]["text"] == "Notice of data breach"
    assert by_id["kakaotalk"]["page_url"] == site.url("/notice")
    assert f"  {site.url('/s')} -> http 302" in text.stdout
    assert "│ Northwind | Deals" in text.stdout


def test_an_unreachable_url_is_an_input_error():
    with Site({}) as site:
        result = preview(site.url("/nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"notice-lint: {site.url('/nowhere')}: HTTP 404 Not Found\n"
