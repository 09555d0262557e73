"""Inputs: files, directories, globs, --exclude, skipped directories, standard input and --jobs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.inputs import NOTICE_SUFFIXES, expand

EXPOSED = "Notice\n\nYour data was exposed.\n"


def tree(root: Path) -> Path:
    for name in [
        "a.html", "b.htm", "c.md", "d.markdown", "e.txt", "f.eml", "g.py", "h.TXT",
        "sub/i.md", ".git/j.md", "node_modules/pkg/k.md", "drafts/l.md", "sub/drafts/m.txt",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(EXPOSED, encoding="utf-8")
    return root


def names(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["check", "--select", "minimizing-wording", *args], input=stdin)


def test_directories_are_walked_for_notice_suffixes_skipping_vcs_and_dependencies(tmp_path):
    tree(tmp_path)
    assert names(expand([str(tmp_path)]), tmp_path) == [
        "a.html", "b.htm", "c.md", "d.markdown", "e.txt", "f.eml", "h.TXT", "drafts/l.md", "sub/i.md", "sub/drafts/m.txt",
    ]
    assert NOTICE_SUFFIXES == (".html", ".htm", ".md", ".markdown", ".txt", ".eml")


def test_named_files_are_taken_whatever_their_suffix_and_only_once(tmp_path):
    tree(tmp_path)
    found = expand([str(tmp_path / "g.py"), str(tmp_path / "a.html"), str(tmp_path), str(tmp_path / "a.html")])
    assert names(found, tmp_path)[:3] == ["g.py", "a.html", "b.htm"]
    assert names(found, tmp_path).count("a.html") == 1


def test_globs_expand_and_double_star_spans_directories(tmp_path):
    tree(tmp_path)
    assert names(expand([str(tmp_path / "*.md")]), tmp_path) == ["c.md"]
    # glob leaves out hidden directories; node_modules is left out unless the pattern names it
    assert names(expand([str(tmp_path / "**" / "*.md")]), tmp_path) == ["c.md", "drafts/l.md", "sub/i.md"]
    assert names(expand([str(tmp_path / "node_modules" / "**" / "*.md")]), tmp_path) == ["node_modules/pkg/k.md"]


def test_exclude_prunes_directories_and_files(tmp_path, monkeypatch):
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("--format", "json", "--exclude", "drafts", "--exclude", "*.eml", ".")
    paths = [entry["path"] for entry in json.loads(result.output)["files"]]
    assert paths == ["a.html", "b.htm", "c.md", "d.markdown", "e.txt", "h.TXT", "sub/i.md"]


def test_exclude_applies_to_files_named_on_the_command_line(tmp_path, monkeypatch):
    tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("--exclude", "sub/*", "sub/i.md", "a.html")
    assert result.output.count(": error minimizing-wording") == 1
    assert result.output.startswith("a.html:3:15:")


def test_an_unmatched_glob_is_reported_as_missing(tmp_path):
    result = run(str(tmp_path / "*.nothing"))
    assert result.exit_code == 2
    assert f"notice-lint: {tmp_path / '*.nothing'}: no such file" in result.output


def test_stdin_is_read_once_and_named(tmp_path):
    result = run("--stdin-filename", "draft.txt", "-", "-", stdin=EXPOSED)
    assert result.exit_code == 1
    first, summary = result.output.splitlines()
    assert first.startswith("draft.txt:3:15: error minimizing-wording")
    assert summary == "Found 1 error in 1 file."


def test_empty_stdin_is_an_input_error_like_an_empty_file(tmp_path):
    (tmp_path / "good.txt").write_text(EXPOSED.replace("exposed", "stolen"), encoding="utf-8")
    result = run("-", str(tmp_path / "good.txt"), stdin=" \n\n")
    assert result.exit_code == 2
    assert "notice-lint: <stdin>: empty input: nothing to check" in result.output
    assert result.output.splitlines()[-1] == "No problems found in 1 file. 1 file could not be checked."
    result = run("-", stdin="")
    assert result.exit_code == 2 and result.output.splitlines()[-1] == "1 file could not be checked."


def test_stdin_uses_the_config_of_its_file_name(tmp_path, monkeypatch):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / ".notice-lint.toml").write_text('severity = { minimizing-wording = "info" }\n')
    monkeypatch.chdir(tmp_path)
    result = run("--stdin-filename", "team/draft.txt", "-", stdin=EXPOSED)
    assert result.exit_code == 0
    assert result.output.startswith("team/draft.txt:3:15: info minimizing-wording")


def test_jobs_give_the_same_report_as_one_process(tmp_path):
    tree(tmp_path)
    (tmp_path / "ko.txt").write_text("안내\n\n고객님의 개인정보가 노출되었습니다.\n", encoding="utf-8")
    one = run("--format", "json", "--jobs", "1", str(tmp_path))
    several = run("--format", "json", "--jobs", "3", str(tmp_path))
    assert one.exit_code == several.exit_code == 1
    assert json.loads(one.output) == json.loads(several.output)
    assert len(json.loads(one.output)["files"]) == 11


@pytest.mark.parametrize(("files", "jobs", "size"), [(1000, 2, 10), (40, 2, 5), (3, 2, 1), (1, 8, 1)])
def test_workers_take_small_chunks_so_none_is_left_with_a_long_queue(files, jobs, size):
    from notice_lint.engine import _chunk_size

    assert _chunk_size(files, jobs) == size


def test_quiet_prints_only_findings_and_statistics_counts_per_rule(tmp_path):
    tree(tmp_path)
    quiet = run("--quiet", str(tmp_path / "a.html"), str(tmp_path / "c.md"))
    lines = quiet.output.splitlines()
    assert len(lines) == 2 and quiet.exit_code == 1
    assert lines[0].startswith(f"{tmp_path / 'a.html'}:3:15: error minimizing-wording \"exposed\"")
    assert lines[1].startswith(f"{tmp_path / 'c.md'}:3:15: error minimizing-wording \"exposed\"")
    clean = tmp_path / "clean.txt"
    clean.write_text("Notice\n\nYour data was stolen.\n", encoding="utf-8")
    assert run("--quiet", str(clean)).output == ""
    stats = run("--statistics", str(tmp_path / "a.html"), str(tmp_path / "c.md"))
    assert stats.output.splitlines() == [
        "     2  minimizing-wording  error  (2 fixable)",
        "Found 2 errors in 2 files.",
    ]
    assert run("--statistics", "--format", "json", str(clean)).exit_code == 2


def test_a_virtual_environment_under_any_name_is_not_walked(tmp_path):
    from notice_lint.inputs import expand

    (tmp_path / "notice.md").write_text("# Notice\n", encoding="utf-8")
    tools = tmp_path / "tools-env"
    (tools / "lib").mkdir(parents=True)
    (tools / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (tools / "lib" / "README.md").write_text("# A package\n", encoding="utf-8")
    assert expand([str(tmp_path)]) == [tmp_path / "notice.md"]
