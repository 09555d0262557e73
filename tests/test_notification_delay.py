"""notification-delay: dates read in English and Korean, the discovery and notice dates a notice gives,
and the gap measured against the yardstick or the active profiles' deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from notice_lint.analysis import Analysis
from notice_lint.dates import find_dates, parse_iso, published_date
from notice_lint.engine import lint_text
from notice_lint.kinds.deadline import find_discovery, find_notice_date
from notice_lint.model import Settings, Severity
from notice_lint.packs import load_rules
from notice_lint.parse import parse_source
from notice_lint.profiles import apply_profiles, load_profiles

RULES = load_rules()
RULE = next(rule for rule in RULES if rule.id == "notification-delay")
MISSING = next(rule for rule in RULES if rule.id == "missing-guidance")


def shaped(*profiles: str) -> list:
    return apply_profiles([MISSING, RULE], load_profiles(list(profiles)))


def delay(text: str, *profiles: str, notice_date: str = "", path: str = "notice.md") -> list:
    rules = shaped(*profiles) if profiles else [RULE]
    findings = lint_text(text, path, rules, settings=Settings(notice_date=notice_date)).findings
    return [finding for finding in findings if finding.rule == "notification-delay"]


# ------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, found",
    [
        ("On March 6, 2025, we learned", [("March 6, 2025", 2025, 3, 6)]),
        ("between June 24 and July 8, 2025", [("June 24", None, 6, 24), ("July 8, 2025", 2025, 7, 8)]),
        ("on 6 March 2025", [("6 March 2025", 2025, 3, 6)]),
        ("the 6th of March", [("6th of March", None, 3, 6)]),
        ("in June 2025", [("June 2025", 2025, 6, None)]),
        ("Sept. 3, 2025", [("Sept. 3, 2025", 2025, 9, 3)]),
        ("on May 3 we", [("May 3", None, 5, 3)]),
        ("published 2025-12-07T09:00", [("2025-12-07", 2025, 12, 7)]),
        ("03/06/2025", [("03/06/2025", 2025, 3, 6)]),
        ("13/06/2025", [("13/06/2025", 2025, 6, 13)]),
        ("06.03.2025", [("06.03.2025", 2025, 3, 6)]),
        ("2025년 11월 18일 인지", [("2025년 11월 18일", 2025, 11, 18)]),
        ("25년 3월 4일", [("25년 3월 4일", 2025, 3, 4)]),
        ("11월 18일 확인", [("11월 18일", None, 11, 18)]),
        ("2025년 11월 중", [("2025년 11월", 2025, 11, None)]),
        ("11월 중순", [("11월 중순", None, 11, None)]),
        ("등록일 2025.11.29", [("2025.11.29", 2025, 11, 29)]),
        ("2025. 11. 18.(화)", [("2025. 11. 18", 2025, 11, 18)]),
    ],
)
def test_dates_are_read_with_their_values(text, found):
    assert [(d.text, d.year, d.month, d.day) for d in find_dates(text)] == found


@pytest.mark.parametrize(
    "text",
    ["you may 2 things", "in 2025", "2025년", "30일간 보관", "3개월 동안", "version 2.3.4", "$1,500 on 3 of 4",
     "Section 24 may apply", "call 1-800-555-0100"],
)
def test_not_dates(text):
    assert find_dates(text) == []


def test_positions_point_at_the_date():
    text = "We discovered the breach on March 6, 2025."
    (found,) = find_dates(text)
    assert text[found.start : found.end] == "March 6, 2025"


def test_a_date_without_a_year_takes_the_year_before_a_later_notice():
    (found,) = find_dates("on December 28")
    assert found.days(reference=date(2026, 1, 3)) == (date(2025, 12, 28), date(2025, 12, 28))
    (month,) = find_dates("in June 2025")
    assert month.days() == (date(2025, 6, 1), date(2025, 6, 30))
    (relative,) = find_dates("지난 18일 확인")
    assert relative.days(reference=date(2025, 11, 29)) == (date(2025, 11, 18), date(2025, 11, 18))
    assert relative.days() is None


def test_page_metadata_and_iso_dates():
    assert parse_iso("2025-12-07T09:00:00+09:00") == date(2025, 12, 7)
    assert parse_iso("2025-13-07") is None and parse_iso("yesterday") is None
    html = '<head><meta property="article:published_time" content="2025-12-07T09:00:00Z"></head>'
    day, start, end = published_date(html)
    assert day == date(2025, 12, 7) and html[start:end].startswith('content="2025-12-07')
    assert published_date("---\ntitle: Notice\ndate: 2025-04-30\n---\n# Notice\n")[0] == date(2025, 4, 30)
    assert published_date("<p>No metadata</p>") is None


# --------------------------------------------------------------------------- discovery and notice dates


def analysis(text: str, path: str = "notice.md") -> Analysis:
    return Analysis(parse_source(text, path))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On March 6, 2025, we discovered that an attacker had copied records.", date(2025, 3, 6)),
        ("We became aware of the breach on 6 March 2025.", date(2025, 3, 6)),
        ("We were notified by our vendor on March 6, 2025.", date(2025, 3, 6)),
        ("Between June 24 and July 8, 2025, an attacker copied records. We discovered it on July 10, 2025.", date(2025, 7, 10)),
        ("2025년 11월 18일 고객 정보가 유출된 사실을 인지하였습니다.", date(2025, 11, 18)),
        ("<table><tr><th>인지 일자</th><td>2025. 10. 10.</td></tr></table>", date(2025, 10, 10)),
        # the latest discovery date the notice gives is the one most favourable to it
        ("We detected unusual activity on March 3, 2025. On March 12, 2025 we confirmed that data was taken.", date(2025, 3, 12)),
    ],
)
def test_discovery_dates(text, expected):
    path = "notice.html" if text.startswith("<") else "notice.txt"
    found = find_discovery(RULE, analysis(text, path), None)
    assert found is not None and found.last == expected


@pytest.mark.parametrize(
    "text",
    [
        # a clause joint: the date is when the police were told
        "We recently learned of it and notified law enforcement on July 20, 2025.",
        # what was discovered, not when
        "We discovered that between June 24 and July 8, 2025 an attacker copied records.",
        # 부터 marks when the leak began
        "2025년 6월 24일부터 외부 공격자가 접속한 사실을 확인하였습니다.",
        # no discovery cue
        "On March 3, 2025, an attacker copied records.",
    ],
)
def test_no_discovery_date(text):
    assert find_discovery(RULE, analysis(text, "notice.txt"), None) is None


def test_notice_date_sources():
    letter = "Notice of Data Breach\n\nRiverside Pediatrics, April 30, 2025\n\nWe discovered the breach on April 16, 2025.\n"
    assert find_notice_date(RULE, analysis(letter, "notice.txt")).first == date(2025, 4, 30)
    labelled = "Notice\n\nDate: 28 March 2025\n\nWe discovered the breach on 8 March 2025.\n"
    assert find_notice_date(RULE, analysis(labelled, "notice.txt")).first == date(2025, 3, 28)
    korean = "<h1>개인정보 유출 안내</h1><p>등록일 2025.11.29</p><p>11월 18일 인지하였습니다.</p>"
    assert find_notice_date(RULE, analysis(korean, "notice.html")).first == date(2025, 11, 29)
    # a heading that is a sentence, an update and a deadline are not the notice's date
    for text in ("# What happened on March 6, 2025\n\nText.\n", "Notice\n\nUpdated May 30, 2025\n\nText.\n",
                 "Notice\n\nEnroll by June 30, 2025\n\nText.\n"):
        assert find_notice_date(RULE, analysis(text, "notice.md" if text.startswith("#") else "notice.txt")) is None


# ------------------------------------------------------------------------------------------- the gap

LETTER = """Notice of Data Breach

{notice}

We discovered the breach on {discovered}, when our bank reported unusual card charges.
"""


def test_baseline_yardstick_is_60_days():
    assert delay(LETTER.format(notice="April 30, 2025", discovered="March 1, 2025")) == []  # 60 days
    (finding,) = delay(LETTER.format(notice="May 1, 2025", discovered="March 1, 2025"))  # 61 days
    assert finding.severity is Severity.WARNING and "61 days" in finding.message and "60 days" in finding.message
    assert finding.text == "March 1, 2025"


def test_the_finding_stands_at_the_discovery_date():
    text = LETTER.format(notice="May 1, 2025", discovered="February 3, 2025")
    (finding,) = delay(text)
    line = text.splitlines()[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "February 3, 2025"


def test_kr_pipa_72_hours():
    page = "<html lang='ko'><body><main><h1>개인정보 유출 안내</h1><p>{notice}</p><p>2025년 11월 18일 고객 정보가 유출된 사실을 인지하였습니다.</p></main></body></html>"
    assert delay(page.format(notice="등록일 2025.11.21"), "kr-pipa", path="n.html") == []  # 3 days
    (finding,) = delay(page.format(notice="등록일 2025.11.22"), "kr-pipa", path="n.html")  # 4 days: over 72 hours
    assert finding.severity is Severity.ERROR and "72 hours" in finding.message and "Decree Art. 39" in finding.message
    (incident,) = delay(page.format(notice="등록일 2025.11.29"), "kr-pipa", path="n.html")
    assert "11 days" in incident.message


def test_gdpr_yardstick_is_a_warning_and_hipaa_60_days_an_error():
    text = LETTER.format(notice="March 20, 2025", discovered="March 6, 2025")
    (gdpr,) = delay(text, "gdpr")
    assert gdpr.severity is Severity.WARNING and "without undue delay" in gdpr.message
    assert delay(text, "hipaa") == []
    (hipaa,) = delay(LETTER.format(notice="May 20, 2025", discovered="March 6, 2025"), "hipaa")
    assert hipaa.severity is Severity.ERROR and "164.404(b)" in hipaa.message


def test_several_profiles_report_once_with_every_deadline_passed():
    (finding,) = delay(LETTER.format(notice="May 20, 2025", discovered="March 6, 2025"), "us-ca", "hipaa")
    assert "us-ca" in finding.message and "hipaa" in finding.message and "verify" in finding.message
    (only_ca,) = delay(LETTER.format(notice="April 20, 2025", discovered="March 6, 2025"), "us-ca", "hipaa")
    assert "us-ca" in only_ca.message and "hipaa:" not in only_ca.message


def test_notice_date_option_wins_and_page_metadata_counts():
    text = "We discovered the breach on March 6, 2025.\n"
    assert delay(text) == []
    (finding,) = delay(text, notice_date="2025-06-01")
    assert "--notice-date" in finding.message
    page = ('<html><head><meta property="article:published_time" content="2025-06-01T09:00:00Z"></head>'
            "<body><main><p>We discovered the breach on March 6, 2025.</p></main></body></html>")
    (meta,) = delay(page, path="n.html")
    assert "page metadata" in meta.message


def test_a_month_is_read_in_the_notices_favour():
    # "in March" could be March 31: 61 days before May 31, so no finding; June 1 is 62 days after
    text = "Notice\n\n{notice}\n\nWe discovered the breach in March 2025.\n"
    assert delay(text.format(notice="May 30, 2025")) == []
    assert len(delay(text.format(notice="June 1, 2025"))) == 1


def test_a_law_enforcement_delay_makes_it_information():
    text = LETTER.format(notice="June 30, 2025", discovered="March 6, 2025")
    text += "\nLaw enforcement asked us to delay this notice so as not to hinder its investigation.\n"
    (finding,) = delay(text)
    assert finding.severity is Severity.INFO and "law enforcement" in finding.message
    denied = LETTER.format(notice="June 30, 2025", discovered="March 6, 2025")
    denied += "\nThis notice was not delayed by a law enforcement investigation.\n"
    (finding,) = delay(denied)
    assert finding.severity is Severity.WARNING


def test_silent_without_either_date_or_when_the_notice_predates_discovery():
    assert delay("We discovered the breach on March 6, 2025.\n") == []
    assert delay("Notice\n\nMay 1, 2025\n\nWe found the breach recently.\n") == []
    assert delay(LETTER.format(notice="January 2, 2025", discovered="March 6, 2025")) == []


def test_hipaa_requires_the_discovery_date_in_place_of_missing_guidance():
    text = "Notice of Data Breach\n\nAugust 22, 2025\n\nOn July 11, 2025, a thief stole a laptop holding your records.\n"
    findings = lint_text(text, "n.txt", shaped("hipaa")).findings
    discovered = [f for f in findings if f.element == "when-discovered"]
    assert [(f.rule, f.severity) for f in discovered] == [("notification-delay", Severity.ERROR)]
    assert "164.404" in discovered[0].message
    # without the profile, missing-guidance reports it as a warning
    baseline = [f for f in lint_text(text, "n.txt", [MISSING, RULE]).findings if f.element == "when-discovered"]
    assert [(f.rule, f.severity) for f in baseline] == [("missing-guidance", Severity.WARNING)]


def test_us_ca_requires_the_notice_date():
    text = "# Notice of Data Breach\n\nWe discovered the breach on April 16, 2025.\n"
    (finding,) = [f for f in lint_text(text, "n.md", shaped("us-ca")).findings if f.element == "notice-date"]
    assert finding.rule == "notification-delay" and "1798.82" in finding.message
    dated = "# Notice of Data Breach\n\nApril 30, 2025\n\nWe discovered the breach on April 16, 2025.\n"
    assert not [f for f in lint_text(dated, "n.md", shaped("us-ca")).findings if f.element == "notice-date"]


def test_a_profile_without_a_deadline_keeps_the_yardstick():
    text = LETTER.format(notice="June 30, 2025", discovered="March 6, 2025")
    (finding,) = delay(text, "us-ma")
    assert "60 days" in finding.message


def test_the_bundled_korean_sample_is_late_under_kr_pipa():
    sample = Path(__file__).resolve().parent.parent / "samples" / "ko" / "incident-corrected.html"
    findings = [f for f in lint_text(sample.read_text(encoding="utf-8"), str(sample), shaped("kr-pipa")).findings
                if f.rule == "notification-delay"]
    assert [(f.severity, f.text) for f in findings] == [(Severity.ERROR, "2025년 11월 18일")]
    assert "19 days" in findings[0].message
