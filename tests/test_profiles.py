"""Jurisdiction profiles: each passes a notice that satisfies its law and fails one that misses a required
item, naming the item; how profiles combine, conflict and fail to load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from notice_lint.analysis import Analysis
from notice_lint.cli import main
from notice_lint.config import FileSettings
from notice_lint.engine import lint_file, lint_text, rules_for
from notice_lint.kinds.required_elements import present_elements
from notice_lint.model import Severity
from notice_lint.packs import PackError, load_rules
from notice_lint.parse import parse_source
from notice_lint.profiles import (
    UnknownProfile,
    apply_profiles,
    conflicts,
    known_profiles,
    load_profiles,
    parse_profile,
)

RULES = load_rules()
PROFILES = load_profiles(known_profiles())
FIXTURES = Path(__file__).parent / "fixtures" / "profiles"
CORPUS = Path(__file__).parent / "corpus"
TOUCHED = {"missing-guidance", "notification-delay"}
"""The rules profiles shape; with the profiles' own rules, what a profile's passing notice must satisfy."""


def shaped(*names: str) -> list:
    return apply_profiles(RULES, load_profiles(list(names)))


def findings_of(text_or_path: str | Path, *names: str, language: str | None = None) -> list:
    rules = [rule for rule in shaped(*names) if rule.id in TOUCHED or rule.id in _profile_rule_ids(names)]
    if isinstance(text_or_path, Path):
        return lint_file(text_or_path, rules).findings
    return lint_text(text_or_path, "example", rules, language=language).findings


def _profile_rule_ids(names) -> set[str]:
    return {rule.id for profile in load_profiles(list(names)) for rule in profile.rules}


def test_the_profiles_the_project_promises():
    assert {"baseline", "gdpr", "us-ca", "us-ma", "hipaa", "kr-pipa"} <= set(known_profiles())
    assert "_elements" not in known_profiles()


def test_profiles_are_not_loaded_as_rules():
    ids = {rule.id for rule in RULES}
    assert not ids & set(known_profiles())
    assert not ids & {rule.id for profile in PROFILES for rule in profile.rules}


# ------------------------------------------------------------------------- every profile's own examples

CASES = [(profile, example) for profile in PROFILES for example in profile.examples]


def _case_id(case) -> str:
    profile, example = case
    same = [e for e in profile.examples if e.fails == example.fails]
    return f"{profile.id}-{'fail' if example.fails else 'pass'}-{same.index(example)}"


def test_every_profile_has_a_failing_and_a_passing_notice():
    for profile in PROFILES:
        assert any(example.fails for example in profile.examples), profile.id
        assert any(not example.fails for example in profile.examples), profile.id
        assert all(example.rule for example in profile.examples if example.fails), profile.id


@pytest.mark.parametrize("case", CASES, ids=[_case_id(case) for case in CASES])
def test_profile_example(case):
    profile, example = case
    findings = findings_of(example.text, profile.id, language=example.language)
    if not example.fails:
        assert findings == [], [(f.rule, f.element, f.message[:80]) for f in findings]
        return
    wanted = [f for f in findings if f.rule == example.rule and example.element in (None, f.element)]
    assert wanted, [(f.rule, f.element) for f in findings]
    if example.element:
        assert all(example.element in f.message or f.element == example.element for f in wanted)


RULE_CASES = [(profile, rule, example) for profile in PROFILES for rule in profile.rules for example in rule.examples]


@pytest.mark.parametrize("case", RULE_CASES, ids=[f"{c[1].id}-{c[2].language}-{i}" for i, c in enumerate(RULE_CASES)])
def test_profile_rule_example(case):
    profile, rule, example = case
    (applied,) = [r for r in shaped(profile.id) if r.id == rule.id]
    findings = lint_text(example.text, "example", [applied], language=example.language).findings
    if not example.fails:
        assert findings == [], [(f.element, f.message) for f in findings]
        return
    assert any(example.element in (None, f.element) and example.expect in (None, f.text) for f in findings), findings


# --------------------------------------------------------------------------- realistic notices per law


@pytest.mark.parametrize(
    "path, profile",
    [
        (CORPUS / "en" / "good" / "saas-gdpr-notice.html", "gdpr"),
        (CORPUS / "en" / "good" / "dental-hipaa-letter.txt", "hipaa"),
        (CORPUS / "ko" / "good" / "telecom-usim-leak.md", "kr-pipa"),
        (CORPUS / "ko" / "good" / "card-application-leak.html", "kr-pipa"),
        (FIXTURES / "us-ca-payroll-letter.html", "us-ca"),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_a_notice_that_satisfies_the_law_passes(path, profile):
    findings = findings_of(path, profile)
    assert findings == [], [(f.rule, f.element, f.message[:100]) for f in findings]


def test_us_ca_letter_without_the_credit_monitoring_offer_fails_naming_it(tmp_path):
    text = (FIXTURES / "us-ca-payroll-letter.html").read_text(encoding="utf-8")
    text = text.replace(" We are offering you 24 months of\nfree credit monitoring and identity restoration through Example ID at no cost to you.", "")
    text = text.replace("<li>Enroll in the free credit monitoring at www.example.com/coastline with code CS-0000 by September 30, 2025.</li>", "")
    notice = tmp_path / "letter.html"
    notice.write_text(text, encoding="utf-8")
    (finding,) = findings_of(notice, "us-ca")
    assert (finding.rule, finding.element, finding.severity) == ("missing-guidance", "credit-monitoring", Severity.ERROR)
    assert "1798.82(d)(2)(G)" in finding.message and "per secondary sources; verify" in finding.message


def test_us_ca_letter_with_a_renamed_heading_names_it(tmp_path):
    text = (FIXTURES / "us-ca-payroll-letter.html").read_text(encoding="utf-8").replace(
        "<h2>What You Can Do</h2>", "<h2>Steps You Can Take</h2>")
    notice = tmp_path / "letter.html"
    notice.write_text(text, encoding="utf-8")
    (finding,) = findings_of(notice, "us-ca")
    assert (finding.rule, finding.element) == ("us-ca-layout", "what-you-can-do")
    assert '"What You Can Do"' in finding.message


def test_the_late_korean_notice_fails_on_the_72_hours():
    (finding,) = findings_of(FIXTURES / "kr-pipa-late-notice.html", "kr-pipa")
    assert (finding.rule, finding.severity, finding.text) == ("notification-delay", Severity.ERROR, "2025년 11월 18일")
    assert "page metadata" in finding.message and "11 days" in finding.message


def test_the_original_korean_sample_misses_what_kr_pipa_asks():
    sample = Path(__file__).resolve().parent.parent / "samples" / "ko" / "incident-original.html"
    found = {(f.rule, f.element) for f in findings_of(sample, "kr-pipa")}
    assert {("kr-pipa-title", "title"), ("missing-guidance", "contact"), ("missing-guidance", "contact-department"),
            ("missing-guidance", "when-breach"), ("missing-guidance", "what-you-can-do"), ("missing-guidance", "remedy")} <= found


# ----------------------------------------------------------------------------------- how profiles shape


def elements_of(rules: list) -> dict[str, dict]:
    (missing,) = [rule for rule in rules if rule.id == "missing-guidance"]
    return {table["id"]: table for table in missing.data["elements"]}


LIKELY = [
    ("Someone holding your name and mobile number could call you pretending to be us.", True),
    ("Criminals who obtain these details might try to open accounts in your name.", True),
    ("Anyone with your email address and order history could send you convincing phishing emails.", True),
    ("They could use it to send you phishing emails.", True),
    ("Do not give your code to someone: we will never call you.", False),  # a phishing warning, no risk
    ("Do not share a one-time password with anyone: we will never call you to ask for it.", False),
    ("Someone on our support team can help you reset your password.", False),
]


@pytest.mark.parametrize(("sentence", "credited"), LIKELY)
def test_likely_consequences_cues(sentence, credited):
    (rule,) = [rule for rule in shaped("gdpr") if rule.id == "missing-guidance"]
    ids = [table["id"] for table in rule.data["elements"]]
    notice = parse_source(sentence, "x.txt", language="en")
    assert ("likely-consequences" in {ids[index] for index in present_elements(rule, Analysis(notice))}) is credited


def test_a_profile_raises_never_lowers_and_turns_off():
    base = elements_of(RULES)
    gdpr = elements_of(shaped("gdpr"))
    assert base["actions-taken"]["severity"] == "warning" and gdpr["actions-taken"]["severity"] == "error"
    assert "Required by gdpr (GDPR Art. 34(2)" in gdpr["actions-taken"]["reason"]
    assert gdpr["likely-consequences"]["severity"] == "error" and "likely-consequences" not in base
    # us-ca lists when-breach as a warning (required if known): the core warning stays
    assert elements_of(shaped("us-ca"))["when-breach"]["severity"] == "warning"
    massachusetts = elements_of(shaped("us-ma"))
    assert "what-happened" not in massachusetts and "number-affected" not in massachusetts
    assert elements_of(shaped("baseline")) == base


def test_the_highest_severity_wins_across_profiles():
    both = elements_of(shaped("us-ca", "kr-pipa"))
    assert both["when-breach"]["severity"] == "error"
    assert "us-ca" in both["when-breach"]["reason"] and "kr-pipa" in both["when-breach"]["reason"]


def test_conditional_elements_apply_only_when_their_data_leaked():
    letter = ("Notice of Data Breach\n\nAn attacker stole the tax forms. The forms included your name and Social Security number.\n")
    assert "credit-monitoring" in {f.element for f in findings_of(letter, "us-ca", language="en")}
    unaffected = letter.replace("and Social Security number", "and address. Social Security numbers were not involved")
    assert "credit-monitoring" not in {f.element for f in findings_of(unaffected, "us-ca", language="en")}


def test_massachusetts_forbids_what_others_require():
    text = "An attacker used a stolen password to sign in to our payroll system. The records of 1,204 employees were involved.\n"
    alone = [f for f in findings_of(text, "us-ma", language="en") if f.rule == "us-ma-forbidden"]
    assert {(f.element, f.severity) for f in alone} == {("what-happened", Severity.ERROR), ("number-affected", Severity.ERROR)}
    assert alone[0].text.startswith("An attacker used")
    combined = [f for f in findings_of(text, "us-ma", "gdpr", language="en") if f.rule == "us-ma-forbidden"]
    severities = {f.element: f.severity for f in combined}
    # GDPR requires the nature of the breach, not the number affected
    assert severities == {"what-happened": Severity.WARNING, "number-affected": Severity.ERROR}
    assert "gdpr" in next(f.message for f in combined if f.element == "what-happened")
    silent = "We are writing to tell you about a data security incident that involved your personal information.\n"
    assert not [f for f in findings_of(silent, "us-ma", language="en") if f.rule == "us-ma-forbidden"]


def test_the_conflict_is_announced_and_softens_the_requirement():
    (line,) = conflicts(load_profiles(["us-ma", "gdpr"]))
    assert "us-ma forbids" in line and "gdpr" in line and "what-happened" in line
    assert conflicts(load_profiles(["us-ma"])) == [] and conflicts(load_profiles(["gdpr", "hipaa"])) == []
    required = elements_of(shaped("us-ma", "gdpr"))["what-happened"]
    assert required["severity"] == "warning" and "us-ma forbids it" in required["reason"]


def test_several_conflicts_with_several_profiles():
    lines = conflicts(load_profiles(["us-ma", "kr-pipa", "us-ca"]))
    assert len(lines) == 1 and "kr-pipa" in lines[0] and "us-ca" in lines[0]


# ----------------------------------------------------------------------------------------- bad profiles


def _profile(**extra) -> dict:
    return {"id": "test", "name": "Test", "summary": "A test profile", "why": "Because.", **extra}


def test_an_apology_can_never_be_required():
    with pytest.raises(PackError) as error:
        parse_profile(_profile(elements=[{"id": "apology", "severity": "error"}]), "rules/profiles/test.toml")
    assert str(error.value).startswith("rules/profiles/test.toml: elements[0].severity: an apology is recommended")
    parse_profile(_profile(elements=[{"id": "apology", "severity": "warning"}]), "rules/profiles/test.toml")


@pytest.mark.parametrize(
    "data, key",
    [
        (_profile(elements=[{"id": "contact", "severity": "urgent"}]), "elements[0].severity"),
        (_profile(elements=[{"id": "new-thing", "severity": "error", "label": "x"}]), "elements[0].reason"),
        (_profile(deadline={"days": 0, "label": "now", "severity": "error", "basis": "b"}), "deadline.days"),
        (_profile(deadline={"days": 3, "label": "72 hours", "severity": "error", "basis": "b", "require": ["x"]}), "deadline.require"),
        (_profile(severity={"plain-language": "loud"}), "severity"),
        (_profile(colour="red"), "colour"),
        (_profile(rules=[{"id": "test-rule", "kind": "layout", "title": {"en": ["notice"]}, "title-label": "Notice",
                          "title-message": "No title."}]), "rules[0].severity"),
        (_profile(rules=[{"id": "test-rule", "kind": "layout"}]), "rules[0]"),
        ({**_profile(), "id": "other"}, "id"),
    ],
)
def test_profile_errors_name_the_file_and_key(data, key):
    with pytest.raises(PackError) as error:
        parse_profile(data, "rules/profiles/test.toml")
    assert str(error.value).startswith(f"rules/profiles/test.toml: {key}: "), str(error.value)


def test_an_unknown_element_is_an_error_when_applied():
    profile = parse_profile(_profile(elements=[{"id": "no-such-element", "severity": "error"}]), "rules/profiles/test.toml")
    with pytest.raises(PackError, match=r"test.toml: elements\[0\].id: unknown element 'no-such-element'"):
        apply_profiles(RULES, [profile])


def test_an_unknown_profile():
    with pytest.raises(UnknownProfile, match="unknown profile 'mars'; known profiles: au, baseline"):
        load_profiles(["mars"])


# ------------------------------------------------------------------------------------ engine and CLI


def test_the_engine_applies_the_settings_profiles():
    known, enabled = rules_for(FileSettings(profiles=("kr-pipa",)))
    assert "kr-pipa-title" in {rule.id for rule in enabled}
    assert "remedy" in elements_of(known)
    known, _ = rules_for(FileSettings())
    assert "kr-pipa-title" not in {rule.id for rule in known}


def test_the_engine_shapes_rules_once_per_settings(monkeypatch):
    import notice_lint.profiles as profiles

    settings = FileSettings(profiles=("gdpr",), ignore=("hedging",))
    first_known, first_enabled = rules_for(settings)
    first_enabled.clear()  # a caller's list is its own
    monkeypatch.setattr(profiles, "shape_rules", lambda *args: pytest.fail("shaped again"))
    known, enabled = rules_for(settings)
    assert [rule.id for rule in known] == [rule.id for rule in first_known]
    assert "hedging" in {rule.id for rule in known} and "hedging" not in {rule.id for rule in enabled}
    assert len(enabled) == len(known) - 1


def run(*args: str):
    return CliRunner(mix_stderr=False).invoke(main, list(args)) if _mixes() else CliRunner().invoke(main, list(args))


def _mixes() -> bool:
    import inspect

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


def test_cli_profile_option():
    letter = str(FIXTURES / "kr-pipa-late-notice.html")
    result = run("check", "--format", "json", "--profile", "kr-pipa", "--select", "notification-delay", letter)
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "notification-delay" and finding["severity"] == "error"
    assert run("check", "--select", "notification-delay", letter).exit_code == 0


def test_cli_unknown_profile_and_bad_notice_date():
    result = run("check", "--profile", "mars", str(FIXTURES / "kr-pipa-late-notice.html"))
    assert result.exit_code == 2 and "unknown profile 'mars'" in result.stderr
    result = run("check", "--notice-date", "30/11/2025", str(FIXTURES / "kr-pipa-late-notice.html"))
    assert result.exit_code == 2 and "--notice-date" in result.stderr


def test_cli_notice_date_option(tmp_path):
    notice = tmp_path / "n.txt"
    notice.write_text("We discovered the breach on March 6, 2025.\n", encoding="utf-8")
    assert run("check", "--select", "notification-delay", str(notice)).exit_code == 0
    result = run("check", "--select", "notification-delay", "--notice-date", "2025-06-30", str(notice))
    assert result.exit_code == 0 and "notification-delay" in result.stdout  # a warning: exit 0 at --fail-on error
    assert "--notice-date" in result.stdout


def test_cli_conflict_warning_goes_to_stderr():
    result = run("check", "--profile", "us-ma,gdpr", "--select", "us-ma-forbidden", str(FIXTURES / "us-ca-payroll-letter.html"))
    assert "profiles conflict: us-ma forbids" in result.stderr


def test_cli_rules_lists_profiles_and_their_rules():
    result = run("rules")
    assert result.exit_code == 0
    assert "us-ca-layout" in result.stdout and "(--profile us-ca)" in result.stdout
    listed = result.stdout.split("Profiles")[1]
    for profile in known_profiles():
        assert f"\n{profile} " in listed


def test_every_profile_together_compiles_and_runs_in_both_languages():
    rules = shaped(*known_profiles())
    for text, language in (("Notice of Data Breach\n\nWe are sorry.\n", "en"), ("개인정보 유출 안내\n\n사과드립니다.\n", "ko")):
        findings = lint_text(text, "example.txt", rules, language=language).findings
        assert {"missing-guidance"} <= {f.rule for f in findings}


def test_builtin_profiles_and_catalogue_pass_full_validation(tmp_path):
    """Shipped profiles load as trusted (regexes not compiled at load); a copy outside the package is
    checked in full, so every shipped regex is still validated by the suite."""
    import shutil

    from notice_lint.packs import builtin_rules_dir
    from notice_lint.profiles import catalogue, parse_profile, _read

    shipped = builtin_rules_dir() / "profiles"
    copy = tmp_path / "profiles"
    shutil.copytree(shipped, copy)
    for path in sorted(copy.glob("*.toml")):
        if not path.name.startswith("_"):
            assert parse_profile(_read(path), path).path
    assert catalogue([tmp_path])
