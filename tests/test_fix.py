"""--fix and --diff: only the matched spans change; encoding, byte-order mark, line endings and every
other byte stay; the write is atomic; a second run changes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from notice_lint import fix as fix_module
from notice_lint.cli import main
from notice_lint.engine import lint_text
from notice_lint.fix import FixError, apply_fixes, fixable
from notice_lint.packs import PackError, load_rules, parse_rule

RULE = next(rule for rule in load_rules() if rule.id == "minimizing-wording")

KOREAN_CRLF = (
    "개인정보 유출 안내\r\n"
    "\r\n"
    "고객님의 개인정보가 외부에 노출되었습니다.\r\n"
    "노출된 항목은 이름과 주소입니다.\r\n"
)
KOREAN_FIXED = (
    "개인정보 유출 안내\r\n"
    "\r\n"
    "고객님의 개인정보가 외부에 유출되었습니다.\r\n"
    "유출된 항목은 이름과 주소입니다.\r\n"
)
ENGLISH = (
    "<html lang=\"en\"><head><title>Notice of data breach</title></head>\n"
    "<body><main>\n"
    "<p>Exposed data included names. Your records were exposed.</p>\n"
    "<p>Only a limited number of customers were affected.</p>\n"
    "</main></body></html>\n"
)
ENGLISH_FIXED = (
    "<html lang=\"en\"><head><title>Notice of data breach</title></head>\n"
    "<body><main>\n"
    "<p>Leaked data included names. Your records were leaked.</p>\n"
    "<p>Only a limited number of customers were affected.</p>\n"
    "</main></body></html>\n"
)


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--select", "minimizing-wording", *args])


def test_euc_kr_crlf_file_is_fixed_byte_for_byte(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(KOREAN_CRLF.encode("euc-kr"))
    result = run("--fix", str(path))
    assert path.read_bytes() == KOREAN_FIXED.encode("euc-kr")
    assert "fixed 2 findings in 1 file" in result.output
    assert result.exit_code == 0, result.output


def test_utf8_html_is_fixed_byte_for_byte_and_keeps_capitals(tmp_path):
    path = tmp_path / "notice.html"
    path.write_bytes(ENGLISH.encode("utf-8"))
    result = run("--fix", str(path))
    assert path.read_bytes() == ENGLISH_FIXED.encode("utf-8")
    # What was not fixable is still reported, at its position in the fixed file.
    assert "notice.html:4:4: error minimizing-wording" in result.output
    assert result.exit_code == 1


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_byte_order_marks_and_utf16_are_kept(tmp_path, encoding, bom):
    path = tmp_path / "notice.txt"
    path.write_bytes(bom + KOREAN_CRLF.encode(encoding))
    run("--fix", str(path))
    assert path.read_bytes() == bom + KOREAN_FIXED.encode(encoding)


def test_running_fix_twice_changes_nothing_the_second_time(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(KOREAN_CRLF.encode("cp949"))
    run("--fix", str(path))
    once = path.read_bytes()
    stat = path.stat()
    second = run("--fix", str(path))
    assert path.read_bytes() == once
    assert path.stat().st_mtime_ns == stat.st_mtime_ns  # not even rewritten
    assert "fixed" not in second.output


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path):
    path = tmp_path / "notice.txt"
    original = "Notice\n\nYour data was exposed in March.\n".encode("utf-8")
    path.write_bytes(original)
    result = run("--diff", str(path))
    assert path.read_bytes() == original
    assert result.exit_code == 1
    assert result.output == (
        f"--- a/{path}\n"
        f"+++ b/{path}\n"
        "@@ -1,3 +1,3 @@\n"
        " Notice\n"
        " \n"
        "-Your data was exposed in March.\n"
        "+Your data was leaked in March.\n"
    )


def test_diff_with_nothing_to_fix_prints_nothing_and_exits_0(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("Notice\n\nA limited number of records were involved in the breach.\n", encoding="utf-8")
    result = run("--diff", str(path))
    assert result.exit_code == 0 and result.output == ""


def test_fix_and_diff_together_and_fix_on_stdin_are_usage_errors(tmp_path):
    assert run("--fix", "--diff", str(tmp_path)).exit_code == 2
    result = CliRunner().invoke(main, ["check", "--fix", "-"], input="Data was exposed.")
    assert result.exit_code == 2 and "--fix cannot write back to standard input" in result.output


def test_diff_works_on_standard_input():
    result = CliRunner().invoke(
        main, ["check", "--select", "minimizing-wording", "--diff", "--stdin-filename", "draft.txt", "-"],
        input="Notice\n\nYour data was exposed.\n",
    )
    assert result.exit_code == 1
    assert "-Your data was exposed.\n+Your data was leaked.\n" in result.output


def test_a_word_split_by_markup_or_an_entity_is_reported_but_not_fixed(tmp_path):
    text = "<p>Your data was ex<span>pos</span>ed.</p>\n<p>Your records were ex&shy;posed.</p>\n"
    findings = lint_text(text, "notice.html", [RULE]).findings
    assert len(findings) == 2
    assert [finding.fix for finding in findings] == [None, None]
    path = tmp_path / "notice.html"
    path.write_bytes(text.encode("utf-8"))
    run("--fix", str(path))
    assert path.read_bytes() == text.encode("utf-8")


def test_only_patterns_with_a_declared_fix_are_fixable():
    findings = lint_text("Your data was exposed. A small number of customers were affected.", "n.txt", [RULE]).findings
    assert [(finding.text, finding.fix) for finding in findings] == [
        ("exposed", "leaked"),
        ("A small number of", None),
    ]


def test_fix_refuses_a_file_that_changed_since_it_was_checked():
    before = "Your data was exposed.\n"
    findings = lint_text(before, "n.txt", [RULE]).findings
    with pytest.raises(FixError, match="changed since it was checked"):
        apply_fixes("Your data is now exposed.\n".encode("utf-8"), findings)


def test_overlapping_fixes_are_applied_once():
    findings = lint_text("Data was exposed.", "n.txt", [RULE]).findings
    assert len(fixable(findings + findings)) == 1


def test_a_failed_write_leaves_the_file_untouched_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "notice.txt"
    original = KOREAN_CRLF.encode("cp949")
    path.write_bytes(original)

    def refuse(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fix_module.os, "replace", refuse)
    result = run("--fix", str(path))
    assert path.read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == ["notice.txt"]
    assert result.exit_code == 2
    assert f"notice-lint: {path}: not fixed: No space left on device" in result.output


def test_fix_keeps_the_file_mode(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(b"Your data was exposed.\n")
    path.chmod(0o640)
    run("--fix", str(path))
    assert path.read_bytes() == b"Your data was leaked.\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_fix_writes_through_a_symbolic_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"Your data was exposed.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("--fix", str(link))
    assert link.is_symlink()
    assert target.read_bytes() == b"Your data was leaked.\n"


def test_json_report_gains_no_keys_for_fixes(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(b"Your data was exposed.\n")
    document = json.loads(run("--format", "json", str(path)).output)
    (finding,) = document["files"][0]["findings"]
    assert "fix" not in finding and "start" not in finding


def test_a_pack_may_not_declare_a_fix_with_markup():
    data = dict(RULE.data)
    data["patterns"] = [dict(RULE.data["patterns"][0], fix="<b>leaked</b>")]
    with pytest.raises(PackError, match=r"patterns\[0\]\.fix: must be plain words"):
        parse_rule(data, Path("minimizing-wording.toml"))


def test_euc_kr_html_with_declared_charset_and_crlf_fixes_body_and_preview(tmp_path):
    page = (
        "<html lang=\"ko\"><head><meta charset=\"euc-kr\">\r\n"
        "<meta property=\"og:title\" content=\"개인정보 노출 안내\">\r\n"
        "<title>개인정보 노출 안내</title></head>\r\n"
        "<body><main><h1>개인정보 노출 안내</h1>\r\n"
        "<p>고객님의 이름과 주소가 노출되었습니다. 노출 경위는 다음과 같습니다.</p>\r\n"
        "</main></body></html>\r\n"
    )
    path = tmp_path / "notice.html"
    path.write_bytes(page.encode("euc-kr"))
    result = run("--fix", str(path))
    assert "fixed 5 findings in 1 file" in result.output
    assert path.read_bytes() == page.replace("노출", "유출").encode("euc-kr")


def test_an_entity_in_korean_text_is_left_alone(tmp_path):
    page = "<p>고객님의 정보가 &#45432;출되었습니다. 주소가 노출되었습니다.</p>\n"
    path = tmp_path / "notice.html"
    path.write_bytes(page.encode("utf-8"))
    run("--fix", str(path))
    assert path.read_bytes() == "<p>고객님의 정보가 &#45432;출되었습니다. 주소가 유출되었습니다.</p>\n".encode("utf-8")
