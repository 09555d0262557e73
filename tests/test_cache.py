"""The findings cache: a re-run on unchanged files gives the same report without checking them again,
and any change that could change a finding (bytes, settings, rule packs) is checked afresh."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from notice_lint.cli import main

SAMPLES = Path(__file__).parent.parent / "samples"
CORPUS = Path(__file__).parent / "corpus"


def check(*args: str, cache: Path | None = None):
    extra = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    return CliRunner().invoke(main, ["check", *args, *extra])


def entries(cache: Path) -> list[Path]:
    """The findings entries (not the parsed rule and profile files kept beside them)."""
    return sorted(path for path in cache.rglob("*.json") if path.parent.name != "toml")


def test_a_rerun_reports_exactly_what_a_fresh_run_reports(tmp_path):
    notices = tmp_path / "notices"
    shutil.copytree(SAMPLES, notices / "samples")
    shutil.copytree(CORPUS / "en" / "bad", notices / "bad")
    cache = tmp_path / "cache"
    fresh = check(str(notices), "--format", "json", "--profile", "baseline,gdpr")
    first = check(str(notices), "--format", "json", "--profile", "baseline,gdpr", cache=cache)
    second = check(str(notices), "--format", "json", "--profile", "baseline,gdpr", cache=cache)
    assert len(entries(cache)) == len(list(notices.rglob("*.*"))) - len(list(notices.rglob("*.expect*")))
    assert fresh.exit_code == first.exit_code == second.exit_code == 1
    assert json.loads(fresh.output) == json.loads(first.output) == json.loads(second.output)
    assert "preview-site-default" in fresh.output  # the run-wide pass works from cached notices too


def test_a_changed_file_is_checked_again(tmp_path):
    notice = tmp_path / "notice.md"
    notice.write_text("# Notice of data breach\n\nYour data may have been exposed.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert "minimizing-wording" in check(str(notice), cache=cache).output
    notice.write_text("# Notice of data breach\n\nYour data was stolen.\n", encoding="utf-8")
    assert "minimizing-wording" not in check(str(notice), cache=cache).output
    assert len(entries(cache)) == 2


def test_settings_are_part_of_the_key(tmp_path):
    notice = tmp_path / "notice.md"
    notice.write_text("# Notice of data breach\n\nYour data may have been exposed.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    check(str(notice), cache=cache)
    assert "minimizing-wording" not in check(str(notice), "--ignore", "minimizing-wording", cache=cache).output
    (tmp_path / ".notice-lint.toml").write_text('select = ["missing-guidance"]\n', encoding="utf-8")
    output = check(str(notice), cache=cache).output
    assert "missing-guidance" in output and "minimizing-wording" not in output


def test_an_edited_rule_pack_is_not_answered_from_the_cache(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = rules / "house-words.toml"
    rule.write_text(HOUSE_RULE.replace("WORD", "incident"), encoding="utf-8")
    notice = tmp_path / "notice.md"
    notice.write_text("# Notice of data breach\n\nThe incident exposed your data.\n", encoding="utf-8")
    command = [sys.executable, "-m", "notice_lint", "check", str(notice), "--rules-dir", str(rules),
               "--cache-dir", str(tmp_path / "cache")]  # rule packs are loaded once per process: one run each
    assert "house-words" in subprocess.run(command, capture_output=True, text=True, check=False).stdout
    rule.write_text(HOUSE_RULE.replace("WORD", "mishap"), encoding="utf-8")
    assert "house-words" not in subprocess.run(command, capture_output=True, text=True, check=False).stdout


HOUSE_RULE = '''id = "house-words"
kind = "wording"
severity = "warning"
summary = "A word the house style avoids."
message = "{text} is not our word."
why = "House style."

[[patterns]]
lang = "en"
match = "WORD"
reason = "is not our word."

[examples.en]
fail = ["The WORD was contained."]
pass = ["The breach was contained."]
'''


def test_inline_suppressions_apply_to_cached_findings(tmp_path):
    notice = tmp_path / "notice.md"
    notice.write_text(
        "# Notice of data breach\n\n<!-- notice-lint-disable-next-line minimizing-wording -->\n"
        "Your data may have been exposed.\n\n<!-- notice-lint-disable-next-line hedging -->\nWe are sorry.\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    first, second = check(str(notice), cache=cache), check(str(notice), cache=cache)
    assert first.output == second.output
    assert "minimizing-wording" not in second.output
    assert "unused-suppression" in second.output


def test_no_cache_writes_nothing_and_html_reports_bypass_the_cache(tmp_path):
    cache = tmp_path / "cache"
    CliRunner().invoke(main, ["check", str(SAMPLES / "en"), "--no-cache", "--cache-dir", str(cache)])
    CliRunner().invoke(main, ["check", str(SAMPLES / "en"), "--format", "html", "--cache-dir", str(cache)])
    assert not cache.exists()


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = tmp_path / "cache"
    notice = SAMPLES / "en" / "incident-original.html"
    expected = check(str(notice), cache=cache).output
    for entry in entries(cache):
        entry.write_text('{"findings": [{"rule": 1}', encoding="utf-8")
    result = check(str(notice), cache=cache)
    assert result.output == expected
    assert result.exit_code == 1  # findings, not an error: the damaged entry was checked afresh


def test_an_unwritable_cache_directory_does_not_stop_the_run(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = check(str(SAMPLES / "en" / "good-notice.md"), cache=blocker / "cache")
    assert result.exit_code == 0, result.output


def test_two_runs_sharing_the_cache_at_once(tmp_path):
    notices = tmp_path / "notices"
    shutil.copytree(SAMPLES, notices)
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "notice_lint", "check", str(notices), "--format", "json",
               "--cache-dir", str(cache), "--jobs", "2"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate() for run in runs]
    fresh = check(str(notices), "--format", "json")
    for stdout, stderr in outputs:
        assert stderr == ""
        assert json.loads(stdout) == json.loads(fresh.output)
    assert not list(cache.rglob("*.tmp"))


def test_a_cached_rerun_does_not_import_spacy_or_the_fetcher(tmp_path):
    """What a warm run costs is what it imports: neither spaCy, nor the HTML parser, nor the fetcher."""
    notice = tmp_path / "notice.md"
    notice.write_text("# Notice of data breach\n\nYour data may have been exposed.\n", encoding="utf-8")
    probe = (
        "import sys\nfrom notice_lint.cli import main\n"
        "try:\n    main(['check', sys.argv[1], '--cache-dir', sys.argv[2]])\nexcept SystemExit:\n    pass\n"
        "print(sorted(name for name in ('spacy', 'notice_lint.fetch', 'bs4') if name in sys.modules))"
    )
    args = [sys.executable, "-c", probe, str(notice), str(tmp_path / "cache")]
    first = subprocess.run(args, capture_output=True, text=True, check=True)
    second = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "'spacy'" in first.stdout.splitlines()[-1]
    assert second.stdout.splitlines()[-1] == "[]"
    assert first.stdout.splitlines()[:-1] == second.stdout.splitlines()[:-1]


def test_a_metadata_field_comes_back_from_its_entry_unchanged(tmp_path):
    from notice_lint.cache import FindingsCache
    from notice_lint.parse import parse_source

    source = ('<html><head><meta property="og:title" content="Data &amp; privacy &#xB178;&#xCD9C; notice">'
              "<title>Notice\n  of   data breach</title></head><body><p>Text.</p></body></html>")
    notice = parse_source(source, "notice.html")
    store = FindingsCache(tmp_path)
    store.store("ab" * 32, [], notice)
    loaded = store.load("ab" * 32)
    assert loaded is not None
    assert loaded[1].meta == notice.meta
    assert any(field.ends != tuple(start + 1 for start in field.starts) for field in notice.meta)
    from dataclasses import replace

    from notice_lint.model import MetaField

    gapped = MetaField("ab cd", (1, 2, 5, 6, 7), (2, 3, 6, 7, 8), 1, "og:description")  # one to one, in two runs
    store.store("cd" * 32, [], replace(notice, meta=[gapped]))
    assert store.load("cd" * 32)[1].meta == [gapped]


@given(st.lists(st.integers(min_value=0, max_value=50), max_size=40))
def test_offsets_survive_their_runs(values):
    from notice_lint.cache import runs, unruns

    assert unruns(runs(tuple(values))) == tuple(values)


def test_rule_and_profile_files_are_kept_parsed_and_an_edit_is_read_afresh(tmp_path):
    from notice_lint.cache import FindingsCache

    store = FindingsCache(tmp_path)
    pack = b'id = "x"\nwords = ["a", "b"]\n[table]\nkey = 1.5\n'
    assert store.parsed_toml(pack) == {"id": "x", "words": ["a", "b"], "table": {"key": 1.5}}
    kept = list((tmp_path / "v2" / "toml").glob("*.json"))
    assert len(kept) == 1
    kept[0].write_text('{"id": "from the entry"}', encoding="utf-8")
    assert store.parsed_toml(pack) == {"id": "from the entry"}  # read back, not parsed again
    assert store.parsed_toml(pack.replace(b'"x"', b'"y"'))["id"] == "y"  # other bytes: another entry
    kept[0].write_text("{damaged", encoding="utf-8")
    assert store.parsed_toml(pack)["id"] == "x"
    dated = b"day = 2025-03-06\n"
    assert str(store.parsed_toml(dated)["day"]) == "2025-03-06"  # JSON cannot hold a date: parsed each time
    assert len(list((tmp_path / "v2" / "toml").glob("*.json"))) == 2


def test_a_run_keeps_its_rule_files_parsed_in_its_cache_only(tmp_path):
    from notice_lint import packs

    from notice_lint.packs import builtin_rules_dir

    rules = tmp_path / "rules"
    rules.mkdir()
    pack = (builtin_rules_dir() / "hedging.toml").read_text(encoding="utf-8")
    (rules / "hedging-again.toml").write_text(pack.replace('id = "hedging"', 'id = "hedging-again"'), encoding="utf-8")
    notice = tmp_path / "notice.md"
    notice.write_text("# Notice of data breach\n\nYour data may have been exposed.\n", encoding="utf-8")
    assert check(str(notice), "--rules-dir", str(rules), cache=tmp_path / "cache").exit_code == 1
    assert len(list((tmp_path / "cache").rglob("toml/*.json"))) >= 2  # the extra pack and the built-in ones
    check(str(notice))
    assert packs.PARSED is None


def test_library_versions_read_from_directory_names_agree_with_the_package_metadata():
    from importlib.metadata import version

    from notice_lint.cache import LIBRARIES, _library_versions

    assert _library_versions() == " ".join(f"{name}={version(name)}" for name in LIBRARIES)
