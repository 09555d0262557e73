"""Inline suppressions in HTML and Markdown comments and plain-text marker lines, and unused ones."""

from __future__ import annotations

import json

from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.engine import lint_text, settle
from notice_lint.packs import load_rules
from notice_lint.suppress import read_suppressions

RULES = load_rules()
WORDING = [rule for rule in RULES if rule.id == "minimizing-wording"]
ALL_IDS = {rule.id for rule in RULES} | {"unused-suppression"}


def check(text: str, path: str, rules=WORDING) -> list[tuple[str, int, int]]:
    """(rule, line, column) of each finding left after suppressions."""
    ran = {rule.id for rule in rules}
    result = settle(lint_text(text, path, rules, language="en"), ran, ALL_IDS)
    return [(finding.rule, finding.line, finding.column) for finding in result.findings]


def test_html_disable_next_line_covers_only_the_next_line():
    text = (
        "<p>Intro.</p>\n"
        "<!-- notice-lint-disable-next-line minimizing-wording -->\n"
        "<p>Your data was exposed.</p>\n"
        "<p>Your records were exposed.</p>\n"
    )
    assert check(text, "n.html") == [("minimizing-wording", 4, 22)]


def test_disable_next_line_skips_blank_lines_and_stacked_directives():
    text = (
        "<!-- notice-lint-disable-next-line minimizing-wording -->\n"
        "<!-- notice-lint-disable-next-line promotional-preview -->\n"
        "\n"
        "<p>Your data was exposed.</p>\n"
    )
    assert check(text, "n.html") == []  # promotional-preview did not run, so it is not reported unused
    assert check(text + "<p>Your files were exposed.</p>\n", "n.html") == [("minimizing-wording", 5, 20)]


def test_disable_and_enable_bound_a_range():
    text = (
        "<p>Your data was exposed.</p>\n"
        "<!-- notice-lint-disable minimizing-wording -->\n"
        "<p>Your files were exposed.</p>\n"
        "<p>Your records were exposed.</p>\n"
        "<!-- notice-lint-enable -->\n"
        "<p>Your details were exposed.</p>\n"
    )
    assert check(text, "n.html") == [("minimizing-wording", 1, 18), ("minimizing-wording", 6, 22)]


def test_disable_without_enable_runs_to_the_end_and_applies_on_its_own_line():
    text = "<p>Your data was exposed.</p>\n<p><!-- notice-lint-disable --> Your records were exposed.</p>\n"
    assert check(text, "n.html") == [("minimizing-wording", 1, 18)]


def test_a_comma_separated_list_names_several_rules():
    rules = [rule for rule in RULES if rule.id in ("minimizing-wording", "preview-missing")]
    text = (
        "<!-- notice-lint-disable minimizing-wording, preview-missing -->\n"
        "<html><head><meta name=\"description\" content=\"x\"></head>\n"
        "<body><p>Your data was exposed.</p></body></html>\n"
    )
    assert check(text, "n.html", rules) == []
    # preview-missing points at the top of the document, inside the range of the first comment
    assert check(text.replace(", preview-missing", ""), "n.html", rules) == [("preview-missing", 1, 1)]


def test_enable_with_a_rule_re_enables_only_that_rule():
    rules = [rule for rule in RULES if rule.id in ("minimizing-wording", "promotional-preview")]
    text = (
        "<!-- notice-lint-disable minimizing-wording -->\n"
        "<p>Your data was exposed.</p>\n"
        "<!-- notice-lint-enable minimizing-wording -->\n"
        "<p>Your records were exposed.</p>\n"
    )
    assert check(text, "n.html", rules) == [("minimizing-wording", 4, 22)]


def test_markdown_comments():
    text = (
        "# Notice of data breach\n"
        "\n"
        "<!-- notice-lint-disable-next-line minimizing-wording -->\n"
        "Your data was exposed.\n"
        "\n"
        "Your records were exposed.\n"
    )
    assert check(text, "n.md") == [("minimizing-wording", 6, 19)]


def test_plain_text_marker_lines_with_crlf_are_not_part_of_the_notice():
    text = (
        "notice-lint-disable minimizing-wording\r\n"
        "Notice of data breach\r\n"
        "\r\n"
        "Your data was exposed.\r\n"
        "notice-lint-enable\r\n"
        "\r\n"
        "Your records were exposed.\r\n"
    )
    assert check(text, "n.txt") == [("minimizing-wording", 7, 19)]
    notice = lint_text(text, "n.txt", WORDING).notice
    assert notice is not None
    assert all("notice-lint" not in block.text for block in notice.blocks)
    assert notice.blocks[0].text == "Notice of data breach"


def test_plain_text_marker_lines_after_a_lone_cr():
    text = "Notice of data breach\r\rnotice-lint-disable-next-line minimizing-wording\rYour data was exposed.\rYour files were exposed.\r"
    assert [d.verb for d in read_suppressions(text, "text").directives] == ["disable-next-line"]
    assert check(text, "n.txt") == [("minimizing-wording", 5, 17)]


def test_plain_text_disable_next_line():
    text = "Notice\n\nnotice-lint-disable-next-line minimizing-wording\nYour data was exposed.\nYour files were exposed.\n"
    assert check(text, "n.txt") == [("minimizing-wording", 5, 17)]


def test_html_comment_syntax_is_not_read_in_plain_text_and_marker_lines_not_in_html():
    assert read_suppressions("<!-- notice-lint-disable -->\n", "text").directives == ()
    assert read_suppressions("notice-lint-disable\n", "html").directives == ()
    assert len(read_suppressions("notice-lint-disable\n<!-- notice-lint-enable -->\n", "email").directives) == 2


def test_a_suppression_that_suppresses_nothing_is_an_info_finding():
    text = (
        "<!-- notice-lint-disable-next-line minimizing-wording -->\n"
        "<p>Your data was stolen.</p>\n"
    )
    ran = {"minimizing-wording"}
    (finding,) = settle(lint_text(text, "n.html", WORDING), ran, ALL_IDS).findings
    assert (finding.rule, finding.severity.value, finding.line, finding.column) == ("unused-suppression", "info", 1, 1)
    assert finding.end_column == len("<!-- notice-lint-disable-next-line minimizing-wording -->") + 1
    assert "minimizing-wording" in finding.message and "suppresses nothing" in finding.message


def test_only_the_unused_rule_of_a_list_is_reported():
    text = "<!-- notice-lint-disable minimizing-wording, promotional-preview -->\n<p>Data was exposed.</p>\n"
    rules = [rule for rule in RULES if rule.id in ("minimizing-wording", "promotional-preview")]
    ran = {rule.id for rule in rules}
    findings = settle(lint_text(text, "n.html", rules), ran, ALL_IDS).findings
    assert [(f.rule, f.message) for f in findings] == [
        ("unused-suppression", "this suppression of promotional-preview suppresses nothing; remove it")
    ]


def test_a_rule_that_did_not_run_is_not_reported_unused_but_an_unknown_one_is():
    text = "<!-- notice-lint-disable promotional-preview, no-such-rule -->\n<p>Data was stolen.</p>\n"
    findings = settle(lint_text(text, "n.html", WORDING), {"minimizing-wording"}, ALL_IDS).findings
    assert [f.message for f in findings] == ["unknown rule 'no-such-rule' in a suppression"]


def test_a_misspelt_directive_is_reported():
    text = "<!-- notice-lint-disabel minimizing-wording -->\n<p>Data was exposed.</p>\n"
    findings = settle(lint_text(text, "n.html", WORDING), {"minimizing-wording"}, ALL_IDS).findings
    assert [f.rule for f in findings] == ["unused-suppression", "minimizing-wording"]
    assert "is not a directive" in findings[0].message


def test_cli_reports_unused_suppressions_as_info_and_they_can_be_ignored(tmp_path):
    path = tmp_path / "n.html"
    path.write_text("<!-- notice-lint-disable minimizing-wording -->\n<p>Data was stolen.</p>\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--select", "minimizing-wording,unused-suppression", str(path)])
    assert result.exit_code == 0
    assert f"{path}:1:1: info unused-suppression" in result.output
    assert runner.invoke(main, ["check", "--select", "minimizing-wording,unused-suppression", "--fail-on", "info",
                                str(path)]).exit_code == 1
    quiet = runner.invoke(main, ["check", "--format", "json", "--ignore", "unused-suppression", str(path)])
    rules = {f["rule"] for f in json.loads(quiet.output)["files"][0]["findings"]}
    assert "unused-suppression" not in rules


def test_cli_suppression_removes_the_finding_and_the_exit_status(tmp_path):
    path = tmp_path / "n.html"
    path.write_text("<!-- notice-lint-disable-next-line minimizing-wording -->\n<p>Data was exposed.</p>\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "minimizing-wording", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "No problems found in 1 file."
