"""The command line, in-process (click's runner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from notice_lint import __version__
from notice_lint.cli import main

BAD = "<html lang='en'><head><title>Notice of data breach</title></head><body>\n<p>Your data was exposed.</p></body></html>\n"
GOOD = "Your data was stolen by a criminal group.\n"
KOREAN = "<p>고객님의 개인정보가\n노출되었습니다.</p>\n"
COLUMN = BAD.splitlines()[1].index("exposed") + 1
WHERE = f":2:{COLUMN}: error minimizing-wording"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def notices(tmp_path: Path) -> Path:
    (tmp_path / "bad.html").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "ko.html").write_text(KOREAN, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.md").write_text("# Notice\n\nData was exposed.\n", encoding="utf-8")
    (tmp_path / "sub" / "ignored.py").write_text("exposed = 1\n", encoding="utf-8")
    return tmp_path


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_text_report_line_format_and_exit_1(notices):
    result = run("check", "--select", "minimizing-wording", str(notices / "bad.html"))
    assert result.exit_code == 1
    first, summary = result.output.strip().splitlines()
    assert first.startswith(f"{notices / 'bad.html'}{WHERE} \"exposed\" ")
    assert first.endswith("(suggestion: leaked)")
    assert summary == "Found 1 error in 1 file."
    assert "\x1b[" not in result.output


def test_clean_file_exits_0(notices):
    result = run("check", "--select", "minimizing-wording", str(notices / "good.txt"))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "No problems found in 1 file."


def test_korean_finding_points_at_the_stem(notices):
    result = run("check", "--select", "minimizing-wording", "--format", "json", str(notices / "ko.html"))
    finding = json.loads(result.output)["files"][0]["findings"][0]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (2, 1, 2, 3)
    assert (finding["text"], finding["suggestion"]) == ("노출", "유출")


def test_json_contract(notices):
    result = run("check", "--format", "json", "--select", "minimizing-wording", str(notices / "bad.html"))
    document = json.loads(result.output)
    assert set(document) == {"version", "files"} and document["version"] == __version__
    (entry,) = document["files"]
    assert set(entry) == {"path", "language", "error", "findings"}
    assert entry["language"] == "en" and entry["error"] is None
    (finding,) = entry["findings"]
    assert set(finding) == {"rule", "severity", "message", "line", "column", "end_line", "end_column",
                            "text", "suggestion", "field", "element"}
    assert (finding["line"], finding["column"], finding["end_column"], finding["text"]) == (2, COLUMN, COLUMN + 7, "exposed")


def test_directories_are_walked_for_notice_files(notices):
    result = run("check", "--format", "json", "--select", "minimizing-wording", str(notices))
    paths = [Path(entry["path"]).name for entry in json.loads(result.output)["files"]]
    assert paths == ["bad.html", "good.txt", "ko.html", "nested.md"]


def test_unreadable_input_exits_2_and_other_files_are_still_checked(notices):
    (notices / "empty.html").write_text("", encoding="utf-8")
    result = run("check", "--select", "minimizing-wording", str(notices / "missing.html"),
                 str(notices / "empty.html"), str(notices / "bad.html"))
    assert result.exit_code == 2
    assert f"notice-lint: {notices / 'missing.html'}: no such file" in result.output
    assert f"notice-lint: {notices / 'empty.html'}: empty file: nothing to check" in result.output
    assert f"bad.html{WHERE}" in result.output


def test_fail_on_sets_the_threshold(notices):
    assert run("check", "--select", "preview-missing", str(notices / "bad.html")).exit_code == 0
    (notices / "nohead.html").write_text("<html><head></head><body><p>x</p></body></html>", encoding="utf-8")
    assert run("check", "--select", "preview-missing", str(notices / "nohead.html")).exit_code == 0
    assert run("check", "--select", "preview-missing", "--fail-on", "warning", str(notices / "nohead.html")).exit_code == 1


def test_stdin_with_a_file_name(notices):
    result = run("check", "--select", "minimizing-wording", "--stdin-filename", "draft.html", "-", stdin=BAD)
    assert result.exit_code == 1
    assert result.output.startswith(f"draft.html{WHERE}")


def test_usage_errors_exit_2():
    assert run("check").exit_code == 2
    assert run("check", "--format", "xml", "x").exit_code == 2
    result = run("check", "--select", "no-such-rule", "x")
    assert result.exit_code == 2 and "unknown rule 'no-such-rule'" in result.output


def test_lang_option_overrides_detection(notices):
    result = run("check", "--format", "json", "--lang", "ko", "--select", "minimizing-wording", str(notices / "good.txt"))
    assert json.loads(result.output)["files"][0]["language"] == "ko"


def test_installed_command_runs_as_a_subprocess(notices):
    command = shutil.which("notice-lint", path=str(Path(sys.executable).parent)) or shutil.which("notice-lint")
    assert command, "the notice-lint console script is not installed"
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([command, "check", "--select", "minimizing-wording", str(notices / "bad.html")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert WHERE in done.stdout
    assert done.stderr == ""


def test_module_entry_point_reports_input_errors_without_traceback(tmp_path):
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    done = subprocess.run([sys.executable, "-m", "notice_lint", "check", str(binary)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == f"notice-lint: {binary}: binary file, not a text notice"
    assert "Traceback" not in done.stderr


def test_rules_lists_every_rule_with_its_kind_and_severity():
    from notice_lint.packs import load_rules

    result = run("rules")
    assert result.exit_code == 0
    from notice_lint.profiles import profile_rules

    lines = result.output.split("\n\n")[0].strip().splitlines()  # the rules; the profiles follow a blank line
    # and unused-suppression, made by the engine, and the rules profiles add
    assert len(lines) == len(load_rules()) + 1 + len(profile_rules())
    assert any(line.split()[:3] == ["unused-suppression", "-", "info"] for line in lines)
    row = next(line for line in lines if line.startswith("minimizing-wording "))
    assert row.split()[1:4] == ["wording", "error", "en,ko"]
