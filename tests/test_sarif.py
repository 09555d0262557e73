"""The SARIF 2.1.0 report, validated against the official OASIS schema (tests/vendor)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.packs import load_rules

SCHEMA = json.loads((Path(__file__).parent / "vendor" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RULES = {rule.id: rule for rule in load_rules()}
BAD = (
    "<!-- notice-lint-disable promotional-preview -->\n"
    "<html lang='en'><head><title>Notice of data breach</title></head><body>\n"
    "<p>Your data was exposed. A small number of customers were affected.</p></body></html>\n"
)
KOREAN = "안내\n\n고객님의 개인정보가 노출되었습니다.\n"


@pytest.fixture
def sarif(tmp_path, monkeypatch) -> dict:
    monkeypatch.chdir(tmp_path)
    Path("bad notice.html").write_text(BAD, encoding="utf-8")
    Path("ko.txt").write_text(KOREAN, encoding="utf-8")
    Path("empty.md").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "--output", "out.sarif", "--select",
                                       "minimizing-wording,promotional-preview,unused-suppression",
                                       "bad notice.html", "ko.txt", "empty.md"])
    assert result.exit_code == 2  # empty.md cannot be checked
    return json.loads(Path("out.sarif").read_text(encoding="utf-8"))


def test_report_is_valid_against_the_official_schema(sarif):
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(sarif), key=str)
    assert errors == []
    assert sarif["version"] == "2.1.0"


def test_the_schema_rejects_a_broken_report(sarif):
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert len(list(jsonschema.Draft4Validator(SCHEMA).iter_errors(broken))) == 2


def test_rules_metadata(sarif):
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "notice-lint"
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert list(by_id) == ["minimizing-wording", "promotional-preview", "unused-suppression"]
    wording = by_id["minimizing-wording"]
    assert wording["shortDescription"]["text"] == RULES["minimizing-wording"].summary
    assert wording["fullDescription"]["text"] == " ".join(RULES["minimizing-wording"].why.split())
    assert wording["help"]["text"].startswith(wording["fullDescription"]["text"])
    assert "notice-lint-disable-next-line minimizing-wording" in wording["help"]["text"]
    assert wording["defaultConfiguration"] == {"level": "error"}
    assert by_id["unused-suppression"]["defaultConfiguration"] == {"level": "note"}


def test_results_regions_levels_and_fixes(sarif):
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    summary = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         tuple(r["locations"][0]["physicalLocation"]["region"][key]
               for key in ("startLine", "startColumn", "endLine", "endColumn")))
        for r in run["results"]
    ]
    assert summary == [
        ("unused-suppression", "note", "bad%20notice.html", (1, 1, 1, 49)),
        ("minimizing-wording", "error", "bad%20notice.html", (3, 18, 3, 25)),
        ("minimizing-wording", "error", "bad%20notice.html", (3, 27, 3, 44)),
        ("minimizing-wording", "error", "ko.txt", (3, 12, 3, 14)),
    ]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    exposed, small, korean = run["results"][1:]
    assert exposed["locations"][0]["physicalLocation"]["region"]["snippet"] == {"text": "exposed"}
    (change,) = exposed["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 25},
        "insertedContent": {"text": "leaked"},
    }]
    assert "fixes" not in small
    assert korean["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "유출"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_unreadable_files_are_tool_notifications(sarif):
    (invocation,) = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "empty.md: empty file: nothing to check"


def test_output_file_is_replaced_whole_and_stdout_stays_empty(tmp_path):
    notice = tmp_path / "n.txt"
    notice.write_text("Notice\n\nYour data was stolen.\n", encoding="utf-8")
    out = tmp_path / "report.sarif"
    out.write_text("old report that is much longer than the new one " * 200, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "--output", str(out),
                                       "--select", "minimizing-wording", str(notice)])
    assert result.exit_code == 0 and result.output == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["runs"][0]["results"] == []
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(document)) == []
