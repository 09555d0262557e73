"""``notice-lint explain NAME``: a rule's or a profile's why, what it looks for, and a failing and a passing example."""

from __future__ import annotations

from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.packs import load_rules


def explain(name: str):
    return CliRunner().invoke(main, ["explain", name])


def test_a_wording_rule_gives_its_why_pattern_reasons_and_examples():
    result = explain("minimizing-wording")
    assert result.exit_code == 0, result.output
    rule = next(rule for rule in load_rules() if rule.id == "minimizing-wording")
    assert result.output.startswith("minimizing-wording (wording, error; en, ko)")
    assert "Why:" in result.output and "Patterns and their reasons:" in result.output
    first = rule.data["patterns"][0]
    assert " ".join(first["reason"].split()[:6]) in " ".join(result.output.split())
    assert "Fails (en):" in result.output and "Passes (en):" in result.output


def test_missing_guidance_lists_its_elements():
    result = explain("missing-guidance")
    assert result.exit_code == 0
    for element in ("what-happened (error)", "contact (error)", "apology (warning)"):
        assert element in result.output


def test_notification_delay_shows_its_yardstick():
    result = explain("notification-delay")
    assert result.exit_code == 0
    assert "60 days (warning)" in result.output and "Fails (en):" in result.output


def test_a_profile_shows_its_law_deadline_elements_and_examples():
    result = explain("gdpr")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert result.output.startswith("gdpr: EU and UK GDPR, Article 34")
    assert "likely-consequences (error)" in text and "Art. 33(3)(c)" in text
    assert "72 hours (warning)" in text and "https://eur-lex.europa.eu" in text
    assert "Fails (en) (rule missing-guidance, element likely-consequences):" in result.output
    assert "Passes (en):" in result.output


def test_a_profile_on_secondary_sources_says_so():
    result = explain("us-ma")
    assert "per secondary sources; verify" in result.output
    assert "Rules it adds:" in result.output and "us-ma-forbidden" in result.output


def test_a_profile_rule():
    result = explain("us-ca-layout")
    assert result.exit_code == 0
    assert "runs with --profile us-ca" in result.output
    assert "heading 1: What Happened" in result.output and "heading 5: For More Information" in result.output


def test_an_unknown_name_suggests_a_close_one():
    result = explain("gdrp")
    assert result.exit_code == 2
    assert "no rule or profile called 'gdrp'" in result.output and "gdpr" in result.output
