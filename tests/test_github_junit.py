"""GitHub workflow-command annotations and the JUnit XML report."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.engine import FileResult
from notice_lint.model import Finding, Severity
from notice_lint.report import FORMATS, render
from notice_lint.report.github import escape_data, escape_property

EXPOSED = "Notice\n\nYour data was exposed.\n"


def finding(**changes) -> Finding:
    values = dict(rule="minimizing-wording", severity=Severity.ERROR, message="\"exposed\" understates it.",
                  line=3, column=15, end_line=3, end_column=22, text="exposed", suggestion="leaked")
    values.update(changes)
    return Finding(**values)


def test_formats_are_registered():
    assert set(FORMATS) >= {"text", "json", "sarif", "github", "junit"}


def test_github_annotation_line():
    results = [FileResult("notices/a.txt", "en", [finding()])]
    assert render("github", results) == (
        "::error file=notices/a.txt,line=3,col=15,endLine=3,endColumn=22,title=minimizing-wording"
        "::\"exposed\" understates it. (suggestion: leaked)"
    )


def test_github_levels_and_unreadable_files():
    results = [
        FileResult("a.html", "en", [finding(severity=Severity.WARNING), finding(severity=Severity.INFO, suggestion=None)]),
        FileResult("b.md", error="empty file: nothing to check"),
    ]
    lines = render("github", results).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::notice", "::error"]
    assert lines[2] == "::error file=b.md,title=notice-lint::empty file: nothing to check"


def test_github_escaping():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b: 50%\n") == "a%2Cb%3A 50%25%0A"
    results = [FileResult("dir,1/a:b.txt", "en", [finding(message="two\nlines, 5%: done", suggestion=None)])]
    assert render("github", results) == (
        "::error file=dir%2C1/a%3Ab.txt,line=3,col=15,endLine=3,endColumn=22,title=minimizing-wording"
        "::two%0Alines, 5%25: done"
    )


def test_github_format_from_the_command_line(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text(EXPOSED, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "github", "--select", "minimizing-wording", str(path)])
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith(f"::error file={path},line=3,col=15,endLine=3,endColumn=22,title=minimizing-wording::")


def test_junit_report(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(EXPOSED + "Your files were exposed.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Notice\n\nYour data was stolen.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "junit", "--select", "minimizing-wording",
                                       str(bad), str(good), str(empty)])
    assert result.exit_code == 2
    xml = result.output[result.output.index("<?xml"):]
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    suites = {suite.get("name"): suite for suite in root}
    assert list(suites) == [str(bad), str(good), str(empty)]
    failures = suites[str(bad)].findall("testcase/failure")
    assert [(f.get("type"), f.text.split(": ", 1)[0]) for f in failures] == [
        ("error", f"{bad}:3:15"), ("error", f"{bad}:4:17"),
    ]
    assert [case.get("name") for case in suites[str(good)]] == ["no findings"]
    assert suites[str(empty)].find("testcase/error").get("message") == "empty file: nothing to check"


def test_junit_escapes_markup_in_messages():
    results = [FileResult("a<b>.txt", "en", [finding(message="<script>&\"")])]
    root = ET.fromstring(render("junit", results).encode("utf-8"))
    assert root.find("testsuite/testcase/failure").get("message") == "<script>&\" (suggestion: leaked)"


def test_colour_only_on_a_terminal_without_no_color(tmp_path, monkeypatch):
    import sys

    path = tmp_path / "n.txt"
    path.write_text(EXPOSED, encoding="utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def coloured() -> bool:
        import io

        captured = io.StringIO()
        captured.isatty = lambda: True  # type: ignore[method-assign]
        monkeypatch.setattr(sys, "stdout", captured)
        from notice_lint.cli import check

        try:
            check.main(["--select", "minimizing-wording", str(path)], standalone_mode=False)
        except SystemExit:
            pass
        return "\x1b[" in captured.getvalue()

    assert coloured() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert coloured() is False
    assert "\x1b[" not in runner.invoke(main, ["check", "--select", "minimizing-wording", str(path)]).output
