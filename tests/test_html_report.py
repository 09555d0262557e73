"""The HTML report: self-contained, escaped, and drawn by a real browser (headless Chromium).

On CI (``CI=true``) a missing Chromium fails the test: ``.ci/run`` installs Debian's ``chromium`` package.
Elsewhere the browser tests skip with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.engine import lint_text
from notice_lint.packs import load_rules
from notice_lint.report import render

from local_site import Site

ROOT = Path(__file__).resolve().parent.parent
BAD_KOREAN = ROOT / "samples" / "ko" / "incident-original.html"
PLATFORM_NAMES = ["KakaoTalk", "X", "Facebook", "LinkedIn", "Slack", "Discord", "Telegram", "LINE", "WhatsApp",
                  "iMessage"]
FETCHING_TAGS = ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base")


def external_references(html: str) -> list[str]:
    """Anything in the page that would load or run something: tags, src/href attributes, CSS url()."""
    soup = BeautifulSoup(html, "html.parser")
    found = [f"<{tag.name}>" for tag in soup.find_all(FETCHING_TAGS)]
    found += [f"{tag.name} src" for tag in soup.find_all(src=True)]
    found += [tag["href"] for tag in soup.find_all(href=True) if not tag["href"].startswith("#")]
    styles = [tag.get_text() for tag in soup.find_all("style")] + [tag["style"] for tag in soup.find_all(style=True)]
    found += [style for style in styles if re.search(r"url\(|@import|expression\(", style, re.IGNORECASE)]
    found += [f"{tag.name} {name}" for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]
    return found


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("headless Chromium is required on CI: .ci/run installs Debian's chromium package")
    pytest.skip("no chromium on PATH (apt-get install -y chromium); the browser test runs on CI")


def browse(html_file: Path, tmp_path: Path, *action: str) -> subprocess.CompletedProcess:
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,2000", *action, html_file.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "--output", str(out), str(BAD_KOREAN)])
    assert result.exit_code == 1, result.output  # the sample has errors: the report is still written
    return out


def test_report_is_one_self_contained_page(report):
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert external_references(html) == []
    assert '<meta charset="utf-8">' in html
    assert "Apple SD Gothic Neo" in html and "Malgun Gothic" in html  # a system font stack that has Hangul
    assert '<section class="file" id="file-1" lang="ko">' in html


def test_everything_from_the_notice_is_escaped():
    hostile = ('<html><head><title>Notice of data breach</title>'
               '<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt; breach notice">'
               '<meta property="og:image" content="javascript:alert(2)"></head><body><main>'
               "<h1>Notice of data breach</h1><p>Your data was exposed. &lt;img src=x onerror=alert(3)&gt;</p>"
               "</main></body></html>")
    result = lint_text(hostile, "hostile.html", load_rules())
    html = render("html", [result])
    assert external_references(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; breach notice" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    marked = [mark.get_text() for mark in soup.select("mark.error")]
    assert "exposed" in marked
    assert any("is not a web address" in item.get_text() for item in soup.select("ul.warn li"))


def test_unreadable_files_and_live_routes_are_shown(tmp_path):
    pages = {"/s": {"status": 302, "location": "/notice"},
             "/notice": {"body": BAD_KOREAN.read_bytes(), "content-type": "text/html; charset=utf-8"}}
    with Site(pages) as site:
        result = CliRunner().invoke(main, ["check", "--format", "html", site.url("/s"), str(tmp_path / "gone.html")])
    assert result.exit_code == 2
    soup = BeautifulSoup(result.stdout, "html.parser")
    sections = soup.select("section.file")
    assert [section.h2.get_text() for section in sections] == [site.url("/s"), str(tmp_path / "gone.html")]
    route = [item.get_text() for item in sections[0].select("ol.route li")]
    assert route[0] == f"{site.url('/s')} → http 302"
    assert route[1].startswith(f"ends at {site.url('/notice')} (read as utf-8")
    assert sections[1].select_one("p.failed").get_text() == "Could not be checked: no such file"
    whatsapp = sections[0].select_one("article.p-whatsapp .link")
    assert whatsapp.get_text() == site.url("/s")  # the address people paste


def test_chromium_draws_the_highlights_and_the_cards(report, tmp_path):
    dumped = browse(report, tmp_path, "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = BeautifulSoup(dumped.stdout, "html.parser")
    section = dom.select_one("section#file-1")
    assert section is not None and section["lang"] == "ko"

    # Each finding highlighted in place, in the notice text, with its note beside it.
    heading = section.select_one(".row .k-heading")
    assert heading.get_text().startswith("개인정보 노출")
    mark = heading.select_one("mark.error")
    assert mark.get_text() == "노출" and "minimizing-wording" in mark["data-rules"]
    ref = heading.select_one("sup.ref a")
    note = section.select_one(ref["href"])
    assert "minimizing-wording" in note.get_text() and "Suggestion: 유출" in note.get_text()
    assert note.find_parent("div", class_="row") is heading.find_parent("div", class_="row")
    marked = {mark.get_text() for mark in section.select(".k-paragraph mark")}
    assert {"노출", "일부", "비인가 조회", "무단 접근"} <= marked
    # What the notice does not say is listed on its own.
    missing = section.select(".grid .note")
    assert any("contact" in note.get_text() for note in missing)

    # A card per platform, drawn with the title each one shows.
    cards = section.select("article.platform")
    assert [card.header.b.get_text() for card in cards] == PLATFORM_NAMES
    for card in cards:
        title = card.select_one(".card .t")
        assert title is not None and title.get_text() == "한빛몰이 추천하는 한빛몰 관련 혜택과 특가"
        assert "does not name the incident" in card.select_one("ul.warn").get_text()
    assert cards[0].select_one(".img")["style"] == "aspect-ratio:2 / 1"  # KakaoTalk crops to 2:1


def test_chromium_screenshot(report, tmp_path):
    shot = tmp_path / "report.png"
    done = browse(report, tmp_path, f"--screenshot={shot}")
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a page of text and cards, not a blank one
