"""Hostile input: every odd, broken or huge file gets findings or a one-line error, never a traceback, and
never stops the other files. Each test puts the hostile file beside a normal notice, runs the command line,
and checks that the normal notice is still linted and that no file was changed.

Big and odd files are made here, in the test's temporary directory; none is kept in the repository.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import multiprocessing
import os
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from notice_lint.cli import main

NORMAL = "<html lang='en'><head><title>Notice of data breach</title></head><body>\n<p>Your data was exposed.</p></body></html>\n"
WHERE = f":2:{NORMAL.splitlines()[1].index('exposed') + 1}: error minimizing-wording"
EXPOSED = "Your data was exposed."
ENGLISH = f"<p>{EXPOSED}</p>\n"
MB = 1024 * 1024


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def error_for(self, path: Path) -> str | None:
        """The reason given for ``path`` on standard error (exactly one line), or None."""
        lines = [line for line in self.stderr.splitlines() if line.startswith(f"notice-lint: {path}: ")]
        assert len(lines) <= 1, lines
        return lines[0].removeprefix(f"notice-lint: {path}: ") if lines else None

    def findings_for(self, path: Path) -> list[dict]:
        """The findings of ``path`` in a JSON report."""
        files = {entry["path"]: entry for entry in json.loads(self.stdout)["files"]}
        return files[str(path)]["findings"]


def snapshot(folder: Path) -> dict[str, str]:
    """What every file under ``folder`` holds (links as their targets), without following links."""
    state = {}
    for root, directories, names in os.walk(folder):
        for name in directories + names:
            path = Path(root, name)
            if path.is_symlink():
                state[str(path)] = "-> " + os.readlink(path)
            elif path.is_file():
                with open(path, "rb") as stream:  # not Path.open, which a test makes refuse one file
                    state[str(path)] = hashlib.sha256(stream.read()).hexdigest()
    return state


def lint(folder: Path, *options: str, stdin: str | bytes | None = None, targets: tuple[str, ...] = ()) -> Run:
    """``notice-lint check`` over ``folder`` (or ``targets``) in this process; the files must stay as they were,
    nothing may escape as an exception, and the normal notice must still be linted."""
    before = snapshot(folder)
    result = CliRunner().invoke(main, ["check", "--no-cache", *options, *(targets or [str(folder)])], input=stdin)
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exc_info
    assert "Traceback" not in result.output
    assert snapshot(folder) == before
    run = Run(result.exit_code, result.stdout, result.stderr)
    if "--format" not in options:
        assert f"{folder / 'normal.html'}{WHERE}" in run.stdout, run.stdout + run.stderr
    else:
        assert any(finding["rule"] == "minimizing-wording" for finding in run.findings_for(folder / "normal.html"))
    return run


def lint_subprocess(folder: Path, *options: str, timeout: float = 300, env: dict | None = None) -> Run:
    """The same through the installed module entry point, as a separate process."""
    before = snapshot(folder)
    done = subprocess.run(
        [sys.executable, "-m", "notice_lint", "check", "--no-cache", *options, str(folder)],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert snapshot(folder) == before
    assert f"{folder / 'normal.html'}{WHERE}" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A directory holding one normal notice, with one finding of minimizing-wording."""
    notices = tmp_path / "notices"
    notices.mkdir()
    (notices / "normal.html").write_text(NORMAL, encoding="utf-8")
    return notices


def column_of(text: str, word: str, line: int) -> int:
    return text.splitlines()[line - 1].index(word) + 1


def positions(findings: list[dict], rule: str = "minimizing-wording") -> list[tuple[int, int, str]]:
    return [(finding["line"], finding["column"], finding["text"]) for finding in findings if finding["rule"] == rule]


# -- unreadable bytes ----------------------------------------------------------------------------------------


def test_empty_file(folder):
    (folder / "empty.html").write_bytes(b"")
    run = lint(folder)
    assert run.code == 2
    assert run.error_for(folder / "empty.html") == "empty file: nothing to check"


def test_binary_file_named_html(folder):
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    run = lint(folder)
    assert run.code == 2
    assert run.error_for(folder / "image.html") == "binary file, not a text notice"


def test_damaged_utf8_is_refused_with_where_the_damage_is(folder):
    head = f"<p>{EXPOSED}</p>\n<p>고객님의 개인정보".encode()
    (folder / "damaged.html").write_bytes(head + b"\xff" + "가 유출되었습니다.</p>\n".encode())
    run = lint(folder)
    assert run.code == 2
    assert run.error_for(folder / "damaged.html") == (
        f"not valid UTF-8: byte 0xFF at offset {len(head)} (line 2); "
        "save it as UTF-8 or declare its <meta charset>"
    )


def test_bytes_that_are_no_utf8_at_all_are_read_as_windows_1252(folder):
    (folder / "legacy.html").write_bytes(b"<p>" + EXPOSED.encode() + b" \xff\xfe\x81\x8d caf\xe9</p>\n")
    run = lint(folder, "--format", "json")
    assert run.error_for(folder / "legacy.html") is None
    assert positions(run.findings_for(folder / "legacy.html")) == [(1, 4 + EXPOSED.index("exposed"), "exposed")]


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_a_byte_order_mark(folder, bom, encoding):
    text = f"{ENGLISH}<p>고객님의 개인정보가 노출되었습니다.</p>\n"
    (folder / "utf16.html").write_bytes(bom + text.encode(encoding))
    run = lint(folder, "--format", "json")
    found = positions(run.findings_for(folder / "utf16.html"))
    assert (1, column_of(text, "exposed", 1), "exposed") in found
    assert (2, column_of(text, "노출", 2), "노출") in found


def test_cp949_without_a_declaration(folder):
    text = "<p>고객님의 개인정보가\n노출되었습니다. 똠방각하 문의는 고객센터로.</p>\n"
    (folder / "korean.html").write_bytes(text.encode("cp949"))
    run = lint(folder, "--format", "json")
    assert positions(run.findings_for(folder / "korean.html")) == [(2, 1, "노출")]


@pytest.mark.parametrize(
    "text",
    [
        "<p>Caf\u00e9 r\u00e9sum\u00e9 \u2014 \u201cnotice\u201d: your data was exposed.</p>\n",  # windows-1252 quotes and dash
        "<p>\u00c4rger \u00fcber Gr\u00f6\u00dfe \u00a9 2025: your data was exposed.</p>\n",  # pairs CP949 would take
        "<p>\u00c4rger: your data was exposed.</p>\n",  # decodes as CP949 without an error, but is no Korean
    ],
)
def test_latin1_without_a_declaration_is_not_taken_for_korean(folder, text):
    (folder / "latin1.html").write_bytes(text.encode("cp1252"))
    run = lint(folder, "--format", "json")
    assert run.error_for(folder / "latin1.html") is None
    assert positions(run.findings_for(folder / "latin1.html")) == [(1, column_of(text, "exposed", 1), "exposed")]


def test_diff_over_legacy_encodings_changes_nothing(folder):
    (folder / "latin1.html").write_bytes(f"<p>Caf\u00e9: {EXPOSED}</p>\n".encode("cp1252"))
    (folder / "korean.html").write_bytes("<p>개인정보가 노출되었습니다.</p>\n".encode("cp949"))
    (folder / "control.html").write_bytes(b"<p>" + EXPOSED.encode() + b" \x81 caf\xe9</p>\n")  # no windows-1252 byte
    before = snapshot(folder)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "minimizing-wording", "--diff", str(folder)])
    assert snapshot(folder) == before
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == (
        f"notice-lint: {folder / 'control.html'}: not fixed: its windows-1252 text does not encode back to the same "
        "bytes; not changing it"
    )
    assert "+<p>Caf\u00e9: Your data was leaked.</p>" in result.stdout
    assert "+<p>개인정보가 유출되었습니다.</p>" in result.stdout


# -- line endings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, text",
    [
        ("mixed.txt", f"Notice\r\n\r\nWe are sorry. {EXPOSED}\r{EXPOSED}\n{EXPOSED}\r\n\r{EXPOSED}\r"),
        ("mixed.html", f"<html><body>\r\n<p>fine</p>\r<p>{EXPOSED}</p>\n<p>ok\r\n{EXPOSED}</p>\r<p>{EXPOSED}</p></body></html>"),
        ("mixed.md", f"# Notice\r\rSome text.\r{EXPOSED}\n\n- item\r\n- {EXPOSED}\r\r{EXPOSED}\r\n"),
    ],
)  # fmt: skip
def test_mixed_line_endings_give_editor_lines_and_columns(folder, name, text):
    (folder / name).write_bytes(text.encode())
    run = lint(folder, "--format", "json", "--select", "minimizing-wording")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    expected = [(number, line.index("exposed") + 1, "exposed") for number, line in enumerate(lines, 1) if "exposed" in line]
    assert positions(run.findings_for(folder / name)) == expected


# -- size ----------------------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_unread(folder):
    big = folder / "big.html"
    line = f"<p>{EXPOSED}</p>\n".encode()
    with big.open("wb") as stream:
        stream.write(b"<html><body>\n")
        stream.write(line * (50 * MB // len(line)))
        stream.write(b"x" * (50 * MB - stream.tell()))
    assert big.stat().st_size == 50 * MB
    run = lint_subprocess(folder, timeout=120)
    assert run.code == 2
    assert run.error_for(big) == "too large: 52.4 MB, over the 5 MB limit (max-file-size)"
    cached = subprocess.run([sys.executable, "-m", "notice_lint", "check", str(big)], capture_output=True, text=True,
                            timeout=120, check=False)  # the findings cache must not read it either
    assert cached.returncode == 2 and "Traceback" not in cached.stderr
    assert cached.stderr.strip() == f"notice-lint: {big}: too large: 52.4 MB, over the 5 MB limit (max-file-size)"


def test_the_cache_does_not_read_a_file_over_the_limit(folder, monkeypatch, tmp_path):
    big = folder / "big.html"
    big.write_bytes(b"<p>" + b"data " * 400 + b"</p>")
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self.name != "big.html", "a file over the size limit was read"
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = CliRunner().invoke(main, ["check", "--cache-dir", str(tmp_path / "cache"), "--max-file-size", "1KB",
                                       str(folder)])
    assert result.exit_code == 2, result.output
    assert f"notice-lint: {big}: too large: 2 KB, over the 1 KB limit (max-file-size)" in result.stderr
    assert f"normal.html{WHERE}" in result.stdout


def test_max_file_size_from_the_command_line_and_the_config_file(folder):
    size = len(NORMAL.encode())
    run = CliRunner().invoke(main, ["check", "--no-cache", "--max-file-size", "100", str(folder / "normal.html")])
    assert run.exit_code == 2
    assert run.stderr.strip() == f"notice-lint: {folder / 'normal.html'}: too large: {size} bytes, over the 100 bytes limit (max-file-size)"
    (folder / ".notice-lint.toml").write_text('max-file-size = "0.1KB"\n', encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-cache", str(folder / "normal.html")])
    assert run.exit_code == 2 and "over the 100 bytes limit (max-file-size)" in run.stderr
    run = CliRunner().invoke(main, ["check", "--no-cache", "--max-file-size", "0", str(folder / "normal.html")])
    assert run.exit_code == 1 and WHERE in run.stdout  # 0: no limit


@pytest.mark.parametrize("value", ["lots", "-5", "5 TB", "1e3"])
def test_a_bad_max_file_size_is_a_one_line_usage_error(folder, value):
    run = CliRunner().invoke(main, ["check", "--no-cache", "--max-file-size", value, str(folder)])
    assert run.exit_code == 2
    assert run.stderr.startswith("notice-lint: --max-file-size: must be a size in bytes")
    assert len(run.stderr.strip().splitlines()) == 1
    (folder / ".notice-lint.toml").write_text("max-file-size = -1\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-cache", str(folder)])
    assert run.exit_code == 2
    assert run.stderr.startswith(f"notice-lint: {folder / '.notice-lint.toml'}: max-file-size: must be a size in bytes")


def test_standard_input_over_the_limit_is_refused(folder):
    run = lint(folder, "--max-file-size", "1KB", "--stdin-filename", "draft.txt", stdin=EXPOSED * 100,
               targets=("-", str(folder)))
    assert run.code == 2
    assert run.error_for(Path("draft.txt")) == "too large: over the 1 KB limit (max-file-size)"


@pytest.mark.parametrize("suffix", [".txt", ".html"])
@pytest.mark.parametrize("spaced", [True, False], ids=["words", "no-spaces"])
def test_one_very_long_line(folder, suffix, spaced):
    """One line of a megabyte of words (one block, longer than spaCy's max_length of a million characters; a
    fifth of that in HTML, whose text takes the same way) with fifty findings at its end, or a single word of a
    million letters."""
    words = "Your data was safe; " * (52_000 if suffix == ".txt" else 10_000) + "Your data was exposed in an incident; " * 50
    body = words if spaced else "a" * 1_000_000 + " data exposed"
    text = f"<p>{body}</p>" if suffix == ".html" else body
    (folder / f"line{suffix}").write_text(text, encoding="utf-8")
    run = lint(folder, "--format", "json", "--select", "minimizing-wording")
    found = positions(run.findings_for(folder / f"line{suffix}"))
    assert found[0] == (1, text.index("exposed") + 1, "exposed")
    assert len(found) == (50 if spaced else 1)


# -- deep nesting and broken markup --------------------------------------------------------------------------


DEEP = {
    "divs.html": "<div>" * 100_000 + EXPOSED + "</div>" * 100_000,
    "bold.html": "<p>" + "<b>" * 100_000 + EXPOSED,
    "mixed.html": "<main>" + "<section><ul><li><p><span>" * 20_000 + EXPOSED,
    "quotes.md": ">" * 100_000 + " " + EXPOSED + "\n",
    "spaced-quotes.md": "> " * 50_000 + EXPOSED + "\n",
    "lists.md": "".join("  " * depth + "- item\n" for depth in range(2_000)) + EXPOSED + "\n",
    "markers.md": "- " * 50_000 + EXPOSED + "\n",
    "marks.txt": ">" * 100_000 + " " + EXPOSED + " " + ")" * 100_000 + "\n",
}


@pytest.mark.parametrize("name", [name for name in DEEP if name != "divs.html"])  # divs: through the entry point
def test_deep_nesting_is_no_recursion_error(folder, name):
    (folder / name).write_text(DEEP[name], encoding="utf-8")
    run = lint(folder, "--format", "json", "--select", "minimizing-wording")
    assert run.error_for(folder / name) is None
    found = positions(run.findings_for(folder / name))
    line = DEEP[name][: DEEP[name].index(EXPOSED)].count("\n") + 1
    assert found == [(line, column_of(DEEP[name], "exposed", line), "exposed")]


def test_deep_nesting_through_the_installed_entry_point(folder):
    (folder / "divs.html").write_text(DEEP["divs.html"], encoding="utf-8")
    (folder / "quotes.md").write_text(DEEP["quotes.md"], encoding="utf-8")
    run = lint_subprocess(folder, "--select", "minimizing-wording")
    assert run.code == 1 and run.stderr == ""
    assert f"{folder / 'divs.html'}:1:{DEEP['divs.html'].index('exposed') + 1}: error minimizing-wording" in run.stdout
    assert f"{folder / 'quotes.md'}:1:{DEEP['quotes.md'].index('exposed') + 1}: error minimizing-wording" in run.stdout


def test_deeply_nested_mime_parts(folder):
    mail = "From: a@example.com\nSubject: Notice\nMIME-Version: 1.0\n"
    mail += "".join(f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n' for level in range(3_000))
    mail += f"Content-Type: text/plain\n\n{EXPOSED}\n" + "".join(f"--b{level}--\n" for level in reversed(range(3_000)))
    (folder / "deep.eml").write_text(mail, encoding="utf-8")
    run = lint(folder, "--select", "minimizing-wording")
    assert run.code == 2
    assert run.error_for(folder / "deep.eml") == "MIME parts nested more than 100 deep"


@pytest.mark.parametrize(
    "name, text",
    [
        ("entities.html", ("<p>Data &amp was exposed &#xZZ; &#99999999; &#0; &#x110000; &unknownentity; &#; &</p>"
                           "<p>unclosed <b><i>exposed <a href='x")),
        ("no-body.html", "<html><head><title>Your data was exposed</title></head></html>"),
        ("only-head.html", "<head><meta property='og:title' content='Your data was exposed'></head>"),
        ("raw-html.md", "# Notice\n\n" + "<div><p>Your data was <b>exposed</b>.</p></div>\n" * 50
                        + "<script>alert(1)</script>\n<table><tr><td>exposed</td>\n<!-- unclosed comment\n\nexposed\n"),
        ("tags-only.html", "<div><span></span><br><hr></div>" * 1000),
        ("comment-only.html", "<!-- " + "exposed " * 1000),
        ("bogus.html", "</ a></<p><!doctype><![CDATA[x]]><?php echo 1 ?><p>Your data was exposed.</p><"),
    ],
)  # fmt: skip
def test_broken_and_odd_markup(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    run = lint(folder, "--format", "json")
    assert run.error_for(folder / name) is None
    findings = run.findings_for(folder / name)
    assert findings
    for finding in findings:
        assert finding["rule"] != "minimizing-wording" or text.count("\n") + 1 >= finding["line"] >= 1
        if finding["rule"] == "minimizing-wording" and finding["text"] == "exposed":
            start = text.splitlines()[finding["line"] - 1]
            assert start[finding["column"] - 1 : finding["end_column"] - 1] == "exposed"


# -- the file system -----------------------------------------------------------------------------------------


def test_directory_symlink_loops_are_not_followed(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.md").write_text(f"# Notice\n\n{EXPOSED}\n", encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder / "sub", target_is_directory=True)
    (folder / "up").symlink_to("..", target_is_directory=True)
    (folder / "here").symlink_to(".", target_is_directory=True)
    for targets in ((str(folder),), (str(folder / "**" / "*.md"), str(folder / "**" / "*.html"))):
        run = lint(folder, "--format", "json", "--select", "minimizing-wording", targets=targets)
        paths = [entry["path"] for entry in json.loads(run.stdout)["files"]]
        assert sorted(paths) == [str(folder / "normal.html"), str(folder / "sub" / "inner.md")]


def test_dangling_and_looping_file_links(folder):
    (folder / "gone.html").symlink_to("nowhere.html")
    (folder / "self.html").symlink_to("self.html")
    run = lint(folder)
    assert run.code == 2
    assert run.error_for(folder / "gone.html") == "broken symbolic link (to nowhere.html)"
    assert run.error_for(folder / "self.html").startswith("cannot read: ")


needs_pipes = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a device that never ends")


@needs_pipes
def test_a_named_pipe_in_a_walked_directory_is_reported_not_read(folder):
    os.mkfifo(folder / "pipe.html")
    run = lint_subprocess(folder, "--select", "minimizing-wording", timeout=120)
    assert run.code == 2
    assert run.error_for(folder / "pipe.html") == "not a regular file (a named pipe): not read"


@needs_dev_zero
def test_a_link_to_a_device_in_a_walked_directory_is_reported_not_read(folder):
    (folder / "zero.html").symlink_to("/dev/zero")
    run = lint(folder, "--select", "minimizing-wording")
    assert run.code == 2
    assert run.error_for(folder / "zero.html") == "not a regular file (a device): not read"


@needs_dev_zero
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_a_device_named_on_the_command_line_is_refused(folder, tmp_path, cache):
    """/dev/zero has size 0 and never ends: neither the cache nor the check may read it."""
    zero = folder / "zero.md"
    zero.symlink_to("/dev/zero")
    options = ["--cache-dir", str(tmp_path / "cache")] if cache else ["--no-cache"]
    result = CliRunner().invoke(main, ["check", *options, "--max-file-size", "0", str(zero), str(folder / "normal.html")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 2
    assert f"notice-lint: {zero}: not a regular file (a device)" in result.stderr.splitlines()
    assert f"{folder / 'normal.html'}{WHERE}" in result.stdout


@needs_pipes
def test_a_named_pipe_nobody_writes_to_is_refused_not_waited_on(folder):
    pipe = folder / "pipe.md"
    os.mkfifo(pipe)
    run = lint(folder, targets=(str(pipe), str(folder / "normal.html")))
    assert run.code == 2
    assert run.error_for(pipe) == "named pipe: nothing was written to it"


def _write_to_pipe(pipe: Path, text: str, delay: float = 0.0) -> threading.Thread:
    """Open ``pipe`` for writing (after ``delay`` seconds) in a thread, write ``text`` and close it."""

    def write() -> None:
        time.sleep(delay)
        with open(pipe, "w", encoding="utf-8") as stream:
            stream.write(text)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


@needs_pipes
@pytest.mark.parametrize("delay", [0.0, 0.5], ids=["writer-first", "writer-late"])
def test_a_named_pipe_given_by_name_is_read(folder, tmp_path, delay):
    """A pipe named on the command line is read as given (like ``<(command)``), a writer that comes a little late too."""
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    writer = _write_to_pipe(pipe, f"# Notice\n\n{EXPOSED}\n", delay)
    run = lint(folder, targets=(str(pipe), str(folder / "normal.html")))
    writer.join(timeout=10)
    assert run.code == 1
    assert f"{pipe}:3:15: error minimizing-wording" in run.stdout


@needs_pipes
def test_fixing_a_named_pipe_is_refused_and_leaves_it_a_pipe(folder, tmp_path):
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    writer = _write_to_pipe(pipe, "We regret any inconvenience. Your data was exposed.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--fix", "--select", "minimizing-wording", str(pipe)])
    writer.join(timeout=10)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert f"notice-lint: {pipe}: not fixed: not a regular file" in result.stderr.splitlines()
    assert result.exit_code == 2
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@needs_pipes
def test_a_named_pipe_in_a_rule_pack_directory_is_an_error_not_a_wait(folder, tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    os.mkfifo(packs / "my-rule.toml")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--rules-dir", str(packs), str(folder)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"notice-lint: {packs / 'my-rule.toml'}: not a regular file"


def test_a_path_with_spaces_and_korean(folder):
    (folder / "공지 사항").mkdir()
    notice = folder / "공지 사항" / "유출 안내.html"
    notice.write_text("<p>고객님의 개인정보가\n노출되었습니다.</p>\n", encoding="utf-8")
    run = lint_subprocess(folder, "--select", "minimizing-wording", env={"LC_ALL": "C", "LANG": "C"})
    assert run.code == 1
    assert f"{notice}:2:1: error minimizing-wording" in run.stdout


def _forks() -> bool:
    return multiprocessing.get_start_method(allow_none=False) == "fork"


JOBS = ["1", pytest.param("2", marks=pytest.mark.skipif(not _forks(), reason="workers see the patch by fork"))]


@pytest.mark.parametrize("jobs", JOBS)
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_a_file_that_disappears_after_planning(folder, monkeypatch, tmp_path, jobs, cache):
    from notice_lint import inputs

    doomed = folder / "doomed.html"
    doomed.write_text(ENGLISH, encoding="utf-8")
    plan = inputs.plan

    def plan_then_delete(*args, **kwargs):
        tasks = plan(*args, **kwargs)
        doomed.unlink()
        return tasks

    monkeypatch.setattr(inputs, "plan", plan_then_delete)
    options = ["--cache-dir", str(tmp_path / "cache")] if cache else ["--no-cache"]
    result = CliRunner().invoke(main, ["check", "--jobs", jobs, *options, str(folder)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.strip() == f"notice-lint: {doomed}: no such file"
    assert f"normal.html{WHERE}" in result.stdout


def test_an_unreadable_file(folder, monkeypatch):
    secret = folder / "secret.html"
    secret.write_text(ENGLISH, encoding="utf-8")
    if os.geteuid() != 0:
        secret.chmod(0)
    else:  # root reads any file: refuse it as the file system would
        original = os.open

        def refuse(path, *args, **kwargs):
            if Path(path).name == "secret.html":
                raise PermissionError(13, "Permission denied", str(path))
            return original(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    try:
        run = lint(folder)
    finally:
        secret.chmod(0o644)
    assert run.code == 2
    assert run.error_for(secret) == "permission denied"


# -- bugs ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", JOBS)
def test_a_bug_met_by_one_file_is_a_one_line_error_for_that_file(folder, monkeypatch, jobs):
    from notice_lint.parse import html

    parse = html.parse

    def fragile(source: str, main_selector: str | None = None):
        if "BOOM" in source:
            raise RecursionError("maximum recursion depth exceeded\nwhile parsing")
        return parse(source, main_selector)

    monkeypatch.setattr(html, "parse", fragile)
    (folder / "boom.html").write_text("<p>BOOM</p>", encoding="utf-8")
    run = lint(folder, "--jobs", jobs)
    assert run.code == 2
    assert run.error_for(folder / "boom.html") == (
        "internal error: RecursionError: maximum recursion depth exceeded; please report it"
    )


@pytest.mark.skipif(not _forks(), reason="workers see the patch by fork")
def test_a_file_that_kills_its_worker_process_does_not_stop_the_others(folder, monkeypatch):
    from notice_lint.parse import html

    parse = html.parse

    def deadly(source: str, main_selector: str | None = None):
        if "CRASH" in source:
            os._exit(3)  # as the kernel's out-of-memory killer, or a crash in a C library, would end it
        return parse(source, main_selector)

    monkeypatch.setattr(html, "parse", deadly)
    (folder / "a-crash.html").write_text("<p>CRASH</p>", encoding="utf-8")
    (folder / "z-after.html").write_text(ENGLISH, encoding="utf-8")
    run = lint(folder, "--jobs", "2", "--select", "minimizing-wording")
    assert run.code == 2
    assert run.error_for(folder / "a-crash.html") == "the process checking it was killed (out of memory, or a crash in a library)"
    assert f"{folder / 'z-after.html'}:1:{ENGLISH.index('exposed') + 1}: error minimizing-wording" in run.stdout


def test_ctrl_c_still_stops_the_run(folder, monkeypatch):
    from notice_lint.config import FileSettings
    from notice_lint.engine import Task, check_tasks
    from notice_lint.parse import html

    def interrupted(source: str, main_selector: str | None = None):
        raise KeyboardInterrupt

    monkeypatch.setattr(html, "parse", interrupted)
    with pytest.raises(KeyboardInterrupt):
        check_tasks([Task(str(folder / "normal.html"), FileSettings())])
