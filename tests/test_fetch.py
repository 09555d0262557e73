"""Fetching live pages from a real web server on 127.0.0.1, and the live checks built on it.

Every server here is started by the test itself; nothing touches the internet.
"""

from __future__ import annotations

import gzip
import shutil
import socket
import subprocess

import pytest
from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.fetch import USER_AGENTS, FetchError, Limits, client_redirect, decode_page, fetch
from notice_lint.live import crawler_mismatch, gather, redirect_preview, url_mismatch
from notice_lint.platforms import preview_cards

from local_site import Site

NOTICE_EN = """<!DOCTYPE html><html lang="en"><head><title>Notice of data breach</title>
<meta property="og:title" content="Notice of data breach affecting Northwind customers">
<meta property="og:description" content="Customer names and addresses were stolen. Here is what to do.">
<meta property="og:image" content="https://www.example.com/notice.png">
</head><body><main><h1>Notice of data breach</h1><p>Customer records were stolen by an outside attacker.</p>
</main></body></html>"""

PROMO_LANDING = """<!DOCTYPE html><html lang="en"><head><title>Northwind Outfitters</title>
<meta property="og:title" content="Northwind Outfitters | Recommended deals and exclusive benefits">
<meta property="og:description" content="Free shipping on every order this week">
<meta http-equiv="refresh" content="0; url=/notice"></head>
<body><p>Today's deals</p></body></html>"""

NOTICE_KO = """<html lang="ko"><head><title>개인정보 노출 안내</title>
<meta property="og:title" content="개인정보 노출 안내"></head>
<body><main><h1>개인정보 노출 안내</h1><p>고객님의 개인정보가 노출되었습니다. 똠방각하 상점의 안내입니다.</p></main></body></html>"""

FAST = Limits(connect_timeout=2, total_timeout=5, max_bytes=1_000_000, max_redirects=5)


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


# -- redirects -----------------------------------------------------------------------------------------

def test_redirect_through_a_landing_page_is_recorded_and_reported():
    pages = {
        "/share": {"status": 302, "location": "/landing"},
        "/landing": {"body": PROMO_LANDING},
        "/notice": {"body": NOTICE_EN},
    }
    with Site(pages) as site:
        page = fetch(site.url("/share"), "browser", FAST)
        crawler = fetch(site.url("/share"), "kakaotalk-scrap", FAST)
        facts = gather(site.url("/share"), limits=FAST)
        result = check("--format", "json", site.url("/share"))
    assert page.final_url == site.url("/notice")
    assert [(hop.url, hop.via, hop.status) for hop in page.hops] == [
        (site.url("/share"), "http", 302),
        (site.url("/landing"), "meta-refresh", 200),
    ]
    assert "Notice of data breach" in page.text
    # Crawlers follow HTTP redirects but not the refresh: they preview the landing page.
    assert crawler.final_url == site.url("/landing")
    assert crawler.hops[0].via == "http"
    (problem,) = redirect_preview(facts)
    assert problem.values["hop"] == site.url("/landing")
    assert "Recommended deals" in problem.values["what"]
    assert crawler_mismatch(facts) == []  # crawlers get what browsers got at the landing page
    kakao = next(card for card in preview_cards(facts.browser.notice) if card.platform.id == "kakaotalk")
    assert kakao.title.text == "Northwind Outfitters | Recommended deals and exclusive benefits"
    assert result.exit_code == 1, result.output
    assert '"rule": "live-redirect-preview"' in result.output
    assert site.url("/landing") in result.output


def test_a_plain_redirect_to_the_notice_is_not_a_problem():
    pages = {"/s": {"status": 301, "location": "/notice"}, "/notice": {"body": NOTICE_EN}}
    with Site(pages) as site:
        facts = gather(site.url("/s"), limits=FAST)
    assert facts.browser.page.final_url == site.url("/notice")
    assert redirect_preview(facts) == [] and crawler_mismatch(facts) == [] and url_mismatch(facts) == []


def test_redirect_body_with_its_own_preview_tags_is_a_warning():
    pages = {"/s": {"status": 302, "location": "/notice", "body": PROMO_LANDING.replace(
        '<meta http-equiv="refresh" content="0; url=/notice">', "")}, "/notice": {"body": NOTICE_EN}}
    with Site(pages) as site:
        (problem,) = redirect_preview(gather(site.url("/s"), limits=FAST))
    assert problem.severity == "warning" and "HTTP 302" in problem.values["how"]


def test_redirect_loop_is_an_error_naming_the_loop():
    pages = {"/a": {"status": 302, "location": "/b"}, "/b": {"status": 302, "location": "/a"}}
    with Site(pages) as site, pytest.raises(FetchError, match="redirect loop") as caught:
        fetch(site.url("/a"), "browser", FAST)
    assert f"{site.url('/a')} -> {site.url('/b')} -> {site.url('/a')}" in str(caught.value)


def test_redirect_cap():
    pages = {f"/{n}": {"status": 302, "location": f"/{n + 1}"} for n in range(10)}
    with Site(pages) as site, pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(site.url("/0"), "browser", FAST)


def test_redirect_to_another_scheme_is_refused():
    pages = {"/a": {"status": 302, "location": "file:///etc/passwd"}}
    with Site(pages) as site, pytest.raises(FetchError, match="only http and https"):
        fetch(site.url("/a"), "browser", FAST)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/notice.html", "file:///etc/passwd", "javascript:alert(1)"])
def test_non_http_schemes_are_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, "browser", FAST)


# -- crawlers ------------------------------------------------------------------------------------------

def test_crawler_specific_head_is_reported_per_crawler():
    bot_head = NOTICE_EN.replace("Notice of data breach affecting Northwind customers", "Northwind Outfitters | Deals")
    pages = {"/notice": {"body": NOTICE_EN, "agents": {"Twitterbot": bot_head, "kakaotalk-scrap": bot_head}}}
    with Site(pages) as site:
        facts = gather(site.url("/notice"), limits=FAST)
        result = check(site.url("/notice"))
        agents = {agent for _, agent in site.requests}
    for name in ("browser", "facebookexternalhit", "kakaotalk-scrap", "Twitterbot", "Slackbot"):
        assert USER_AGENTS[name] in agents, name
    (problem,) = crawler_mismatch(facts)
    # iMessage's fetcher calls itself "facebookexternalhit/1.1 Facebot Twitterbot/1.0", so it gets the bots' head too.
    assert problem.values["crawlers"] == "kakaotalk-scrap, Twitterbot and iMessage"
    assert problem.values["platforms"] == "KakaoTalk, X and iMessage"
    assert problem.field == "og:title"
    assert '"Northwind Outfitters | Deals"' in problem.values["difference"]
    cards = {card.platform.id: card for card in preview_cards(facts.browser.notice)}
    assert cards["x"].title.text == "Northwind Outfitters | Deals"
    assert cards["facebook"].title.text == "Notice of data breach affecting Northwind customers"
    assert result.exit_code == 1
    assert "error live-crawler-mismatch kakaotalk-scrap, Twitterbot and iMessage are served another head" in result.output


def test_a_crawler_that_is_refused_is_a_mismatch_and_its_card_says_so():
    pages = {"/notice": {"body": NOTICE_EN, "agent-status": {"Slackbot": 403}}}
    with Site(pages) as site:
        facts = gather(site.url("/notice"), limits=FAST, crawlers=("Slackbot", "Twitterbot"))
    (problem,) = crawler_mismatch(facts)
    assert problem.values["crawlers"] == "Slackbot"
    assert problem.values["difference"] == "cannot fetch the page (HTTP 403 Forbidden)"
    slack = next(card for card in preview_cards(facts.browser.notice) if card.platform.id == "slack")
    assert slack.error == "HTTP 403 Forbidden" and not slack.shows_card


def test_final_url_against_og_url_and_canonical():
    body = NOTICE_EN.replace("</head>", '<meta property="og:url" content="https://www.example.com/">'
                                        '<link rel="canonical" href="/notice"></head>')
    pages = {"/n": {"status": 301, "location": "/notice?utm_source=sms"}, "/notice?utm_source=sms": {"body": body}}
    with Site(pages) as site:
        problems = url_mismatch(gather(site.url("/n"), limits=FAST))
    assert [(problem.field, problem.values["value"]) for problem in problems] == [("og:url", "https://www.example.com/")]


def test_local_files_have_no_live_findings(tmp_path):
    path = tmp_path / "notice.html"
    path.write_text(PROMO_LANDING, encoding="utf-8")
    result = check("--select", "live-crawler-mismatch,live-url-mismatch,live-redirect-preview", str(path))
    assert result.exit_code == 0, result.output


# -- decoding ------------------------------------------------------------------------------------------

def test_euc_kr_page_with_only_an_http_charset():
    pages = {"/ko": {"body": NOTICE_KO, "charset": "cp949", "content-type": "text/html; charset=EUC-KR"}}
    with Site(pages) as site:
        page = fetch(site.url("/ko"), "browser", FAST)
        result = check("--select", "minimizing-wording", site.url("/ko"))
    assert "<meta" not in NOTICE_KO.split("<title>")[0]  # no <meta charset> to go by
    assert (page.encoding, page.encoding_source) == ("cp949", "http")
    assert "고객님의 개인정보가 노출되었습니다. 똠방각하" in page.text  # 똠 exists only in CP949, not in EUC-KR proper
    assert result.exit_code == 1
    assert "\"노출\"" in result.output and "유출" in result.output


def test_euc_kr_page_with_only_a_meta_charset():
    body = NOTICE_KO.replace("<head>", '<head><meta charset="euc-kr">')
    pages = {"/ko": {"body": body, "charset": "cp949", "content-type": "text/html"}}
    with Site(pages) as site:
        page = fetch(site.url("/ko"), "browser", FAST)
    assert (page.encoding, page.encoding_source) == ("cp949", "meta")
    assert "개인정보 노출 안내" in page.text


def test_http_charset_wins_over_meta_charset():
    body = NOTICE_KO.replace("<head>", '<head><meta charset="utf-8">')
    pages = {"/ko": {"body": body, "charset": "cp949", "content-type": "text/html; charset=euc-kr"}}
    with Site(pages) as site:
        page = fetch(site.url("/ko"), "browser", FAST)
    assert page.encoding_source == "http" and "개인정보 노출 안내" in page.text


def test_undeclared_korean_is_detected():
    text, encoding, how = decode_page(NOTICE_KO.encode("cp949"), "text/html")
    assert (encoding, how) == ("cp949", "detected") and "똠방각하" in text


def test_a_wrong_http_charset_falls_back_to_the_next_source():
    text, encoding, how = decode_page(NOTICE_KO.encode("utf-8"), "text/html; charset=ascii")
    assert (encoding, how) == ("utf-8", "detected") and "개인정보" in text


# -- limits and failures -------------------------------------------------------------------------------

def test_slow_server_hits_the_total_timeout():
    pages = {"/slow": {"body": NOTICE_EN, "delay": 30}}
    with Site(pages) as site, pytest.raises(FetchError, match="timeout"):
        fetch(site.url("/slow"), "browser", Limits(connect_timeout=2, total_timeout=0.5))


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "streamed"])
def test_oversized_body_hits_the_byte_cap(length):
    pages = {"/big": {"body": NOTICE_EN, "size": 3_000_000, "content-length": length}}
    with Site(pages) as site, pytest.raises(FetchError, match="cap of 1,000,000 bytes"):
        fetch(site.url("/big"), "browser", FAST)


def test_gzip_body_is_inflated_and_the_cap_counts_inflated_bytes():
    small = gzip.compress(NOTICE_EN.encode())
    bomb = gzip.compress(b" " * 5_000_000)
    pages = {"/gz": {"body": small, "headers": {"Content-Encoding": "gzip"}},
             "/bomb": {"body": bomb, "headers": {"Content-Encoding": "gzip"}}}
    with Site(pages) as site:
        assert "Notice of data breach" in fetch(site.url("/gz"), "browser", FAST).text
        with pytest.raises(FetchError, match="cap of 1,000,000 bytes"):
            fetch(site.url("/bomb"), "browser", FAST)
    assert len(bomb) < 1_000_000


def test_http_errors_and_non_pages_are_one_line_errors():
    pages = {"/img": {"body": "PNG", "content-type": "image/png"}}
    with Site(pages) as site:
        with pytest.raises(FetchError, match=r"^HTTP 404 Not Found$"):
            fetch(site.url("/missing"), "browser", FAST)
        with pytest.raises(FetchError, match="not a web page: Content-Type image/png"):
            fetch(site.url("/img"), "browser", FAST)


def test_an_untrusted_certificate_is_a_clear_error(tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    with Site({"/notice": {"body": NOTICE_EN}}, certificate=(str(cert), str(key))) as site:
        assert site.url("/notice").startswith("https://")
        with pytest.raises(FetchError, match="TLS certificate of 127.0.0.1 not accepted: self-signed certificate"):
            fetch(site.url("/notice"), "browser", FAST)


def test_refused_connection():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect to 127.0.0.1"):
        fetch(f"http://127.0.0.1:{port}/", "browser", FAST)


def test_one_bad_url_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Your data was stolen by a criminal group.\n", encoding="utf-8")
    with Site({"/notice": {"body": NOTICE_EN}}) as site:
        result = CliRunner().invoke(main, ["check", "--select", "minimizing-wording", site.url("/gone"),
                                           str(good), site.url("/notice")])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("notice-lint:")]
    assert errors == [f"notice-lint: {site.url('/gone')}: HTTP 404 Not Found"]
    assert "Traceback" not in result.output


# -- client-side redirects -----------------------------------------------------------------------------

@pytest.mark.parametrize("html, expected", [
    ('<meta http-equiv="refresh" content="0; url=/notice">', ("meta-refresh", "http://h/notice")),
    ("<meta http-equiv='Refresh' content='3;URL=\"https://x.example/n\"'>", ("meta-refresh", "https://x.example/n")),
    ('<meta http-equiv="refresh" content="30">', None),
    ('<script>window.location.href = "/notice";</script>', ("script", "http://h/notice")),
    ("<script>location.replace('/n2')</script>", ("script", "http://h/n2")),
    ('<script>function go() { location.href = "/login"; }</script>', None),
    ('<button onclick="location.href=\'/x\'">x</button>', None),
])
def test_client_redirects(html, expected):
    assert client_redirect(f"<html><head>{html}</head><body></body></html>", "http://h/page") == expected


# -- live rule files -----------------------------------------------------------------------------------

def live_rule(example: dict, **extra) -> dict:
    return {"id": "live-x", "kind": "live", "check": "url-mismatch", "severity": "warning", "summary": "s",
            "message": "m", "why": "w", "examples": {"en": {"fail": [example], "pass": ["A local file."]}}, **extra}


def test_live_examples_and_checks_are_validated_with_the_key_named():
    from notice_lint.packs import PackError, parse_rule

    rule = parse_rule(live_rule({"text": "/a", "serve": {"/a": {"body": "<p>x</p>"}}}), "live-x.toml")
    assert rule.examples[0].serve == {"/a": {"body": "<p>x</p>"}}
    with pytest.raises(PackError, match=r"examples\.en\.fail\[0\]\.serve: must be a table of pages by path, "
                                        r"including the example's text '/a'"):
        parse_rule(live_rule({"text": "/a", "serve": {"/b": {}}}), "live-x.toml")
    with pytest.raises(PackError, match=r"serve\./a\.bogus: unknown key"):
        parse_rule(live_rule({"text": "/a", "serve": {"/a": {"bogus": 1}}}), "live-x.toml")
    with pytest.raises(PackError, match=r"live-x\.toml: check: required: one of crawler-mismatch, url-mismatch"):
        parse_rule(live_rule({"text": "x"}, check="nope"), "live-x.toml")


def test_the_live_kind_names_every_live_check():
    """The live kind lists the check names itself so that loading packs does not import the fetcher."""
    from notice_lint.kinds.live import CHECK_NAMES
    from notice_lint.live import CHECKS

    assert set(CHECK_NAMES) == set(CHECKS)

