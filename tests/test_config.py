"""Configuration: discovery of the nearest config file, its keys and overrides, the command line on top,
and errors that name the file, the key and what is allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from notice_lint import config
from notice_lint.cli import main
from notice_lint.config import ConfigError, Discovery, load_config, path_matches, resolve

BAD = "<html lang='en'><head><title>Notice of data breach</title></head><body>\n<p>Your data was exposed.</p></body></html>\n"
WORDING_ONLY = 'select = ["minimizing-wording"]\n'


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def findings(result) -> list[dict]:
    return [finding for entry in json.loads(result.output)["files"] for finding in entry["findings"]]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_config_file_wins(tmp_path):
    write(tmp_path / ".notice-lint.toml", WORDING_ONLY + 'severity = { minimizing-wording = "warning" }\n')
    write(tmp_path / "team" / "pyproject.toml", '[tool.notice-lint]\nselect = ["minimizing-wording"]\n')
    top = write(tmp_path / "top.html", BAD)
    nested = write(tmp_path / "team" / "notices" / "n.html", BAD)
    result = run("--format", "json", str(top), str(nested))
    by_path = {entry["path"]: [f["severity"] for f in entry["findings"]] for entry in json.loads(result.output)["files"]}
    assert by_path == {str(top): ["warning"], str(nested): ["error"]}
    assert result.exit_code == 1  # the nested file's error reaches the default fail-on


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / ".notice-lint.toml", WORDING_ONLY)
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    notice = write(tmp_path / "sub" / "n.html", BAD)
    assert [f["rule"] for f in findings(run("--format", "json", str(notice)))] == ["minimizing-wording"]


def test_dot_file_wins_over_pyproject_in_the_same_directory(tmp_path):
    write(tmp_path / ".notice-lint.toml", WORDING_ONLY + 'fail-on = "info"\n')
    write(tmp_path / "pyproject.toml", '[tool.notice-lint]\nfail-on = "error"\n')
    settings = resolve(tmp_path / "n.html", {}, Discovery().config_for(tmp_path / "n.html"))
    assert settings.fail_on == "info" and settings.config_file == str(tmp_path / ".notice-lint.toml")


def test_command_line_wins_and_ignore_adds_up(tmp_path):
    write(tmp_path / ".notice-lint.toml", 'lang = "ko"\nfail-on = "info"\nignore = ["preview-missing"]\n')
    path = tmp_path / "n.html"
    layer = config.command_line_layer({"lang": "en", "ignore": ("promotional-preview",)})
    settings = resolve(path, layer, Discovery().config_for(path))
    assert settings.lang == "en" and settings.fail_on == "info"
    assert settings.ignore == ("preview-missing", "promotional-preview")
    assert settings.origin_of("lang") == "command line" and settings.origin_of("fail_on").endswith(".notice-lint.toml")


def test_severity_off_and_overrides_by_glob(tmp_path):
    write(tmp_path / ".notice-lint.toml", (
        WORDING_ONLY
        + '[[overrides]]\nfiles = ["legacy/*.html"]\nseverity = { minimizing-wording = "off" }\n'
        + '[[overrides]]\nfiles = ["*.md"]\nfail-on = "warning"\nseverity = { minimizing-wording = "warning" }\n'
    ))
    legacy = write(tmp_path / "legacy" / "old.html", BAD)
    current = write(tmp_path / "current.html", BAD)
    markdown = write(tmp_path / "drafts" / "draft.md", "# Notice\n\nYour data was exposed.\n")
    result = run("--format", "json", str(legacy), str(current), str(markdown))
    by_path = {entry["path"]: [f["severity"] for f in entry["findings"]] for entry in json.loads(result.output)["files"]}
    assert by_path == {str(legacy): [], str(current): ["error"], str(markdown): ["warning"]}


def test_fail_on_in_an_override_sets_that_files_exit_status(tmp_path):
    write(tmp_path / ".notice-lint.toml", WORDING_ONLY + 'severity = { minimizing-wording = "warning" }\n'
          '[[overrides]]\nfiles = ["strict/**"]\nfail-on = "warning"\n')
    assert run(str(write(tmp_path / "loose.html", BAD))).exit_code == 0
    assert run(str(write(tmp_path / "strict" / "a" / "n.html", BAD))).exit_code == 1


def test_rules_dirs_are_relative_to_the_config_file(tmp_path):
    write(tmp_path / "packs" / "brand-terms.toml", """
id = "brand-terms"
kind = "wording"
severity = "error"
summary = "Our own words"
message = "\\"{text}\\" {reason}"
why = "House style."
[[patterns]]
lang = "en"
match = "oopsie"
reason = "is not how we speak about a breach."
[examples.en]
fail = ["An oopsie happened."]
pass = ["A breach happened."]
""")
    write(tmp_path / ".notice-lint.toml", 'rules-dirs = ["packs"]\nselect = ["brand-terms"]\n')
    notice = write(tmp_path / "deep" / "er" / "n.txt", "Notice\n\nAn oopsie happened.\n")
    result = run("--format", "json", str(notice))
    assert [f["rule"] for f in findings(result)] == ["brand-terms"]


def test_main_selector_picks_the_notice_body(tmp_path):
    page = (
        "<html lang='en'><head><title>Notice of data breach</title></head><body><main>\n"
        "<div class='archive'>From 2019: your records were exposed.</div>\n"
        "<div class='notice-body'><p>Your data was exposed.</p></div>\n"
        "</main></body></html>\n"
    )
    notice = write(tmp_path / "n.html", page)
    everything = findings(run("--format", "json", "--select", "minimizing-wording", "--lang", "en", str(notice)))
    assert len(everything) == 2
    write(tmp_path / ".notice-lint.toml", 'main-selector = ".notice-body"\n')
    chosen = findings(run("--format", "json", "--select", "minimizing-wording", str(notice)))
    assert [(f["line"], f["text"]) for f in chosen] == [(3, "exposed")]


def test_explicit_config_replaces_discovery(tmp_path):
    write(tmp_path / ".notice-lint.toml", 'select = ["preview-missing"]\n')
    other = write(tmp_path / "elsewhere" / "team.toml", WORDING_ONLY)
    notice = write(tmp_path / "n.html", BAD)
    assert findings(run("--format", "json", str(notice))) == []
    result = run("--format", "json", "--config", str(other), str(notice))
    assert [f["rule"] for f in findings(result)] == ["minimizing-wording"]


def test_organisation_and_domains_reach_the_settings(tmp_path):
    write(tmp_path / "pyproject.toml",
          '[tool.notice-lint]\norganisation = "Example Shop"\ndomains = ["example.com", "*.example.co.kr"]\n')
    path = tmp_path / "n.html"
    settings = resolve(path, {}, Discovery().config_for(path))
    assert settings.organisation == "Example Shop"
    assert settings.domains == ("example.com", "*.example.co.kr")


def test_exclude_in_config_is_relative_to_the_config_file(tmp_path):
    write(tmp_path / ".notice-lint.toml", WORDING_ONLY + 'exclude = ["archive", "drafts/*.md"]\n')
    write(tmp_path / "archive" / "old.html", BAD)
    write(tmp_path / "drafts" / "d.md", "# Notice\n\nData was exposed.\n")
    kept = write(tmp_path / "drafts" / "d.txt", "Notice\n\nData was exposed.\n")
    result = run("--format", "json", str(tmp_path))
    assert [entry["path"] for entry in json.loads(result.output)["files"]] == [str(kept)]


@pytest.mark.parametrize("body, key, allowed", [
    ('fail_on = "error"\n', "fail_on", "unknown key (did you mean 'fail-on'?); allowed: domains, exclude, fail-on, "
     "ignore, lang, main-selector, max-file-size, organisation, profiles, rules-dirs, select, severity"),
    ('lang = "fr"\n', "lang", "must be one of auto, en, ko"),
    ('fail-on = "never"\n', "fail-on", "must be one of error, warning, info"),
    ('select = "minimizing-wording"\nignore = [1]\n', "ignore", "must be a list of rule ids"),
    ('severity = { minimizing-wording = "loud" }\n', "severity", "minimizing-wording: must be one of error, warning, info, off"),
    ('rules-dirs = ["missing"]\n', "rules-dirs", "'missing' is not a directory (paths are relative to {dir})"),
    ('domains = ["https://example.com/"]\n', "domains",
     "'https://example.com/' is not a domain name (write example.com or *.example.com, no scheme or path)"),
    ('main-selector = "div["\n', "main-selector", "not a valid CSS selector: Malformed attribute selector at position 3"),
    ('organisation = ""\n', "organisation", "must be a non-empty string"),
    ('[[overrides]]\nlang = "en"\n', "overrides[0].files", "required: a non-empty list of glob patterns (relative to the config file)"),
    ('[[overrides]]\nfiles = ["*.md"]\nexclude = ["x"]\n', "overrides[0].exclude",
     ("unknown key; allowed: domains, fail-on, files, ignore, lang, main-selector, max-file-size, organisation, "
      "profiles, rules-dirs, select, severity")),
])
def test_bad_keys_and_values_name_the_file_the_key_and_what_is_allowed(tmp_path, body, key, allowed):
    path = write(tmp_path / ".notice-lint.toml", body)
    notice = write(tmp_path / "n.html", BAD)
    result = run(str(notice))
    assert result.exit_code == 2
    assert result.output == f"notice-lint: {path}: {key}: {allowed.format(dir=tmp_path)}\n"


def test_pyproject_errors_name_the_full_key(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool.notice-lint]\nlang = "fr"\n')
    result = run(str(write(tmp_path / "n.html", BAD)))
    assert result.exit_code == 2
    assert result.output == f"notice-lint: {path}: tool.notice-lint.lang: must be one of auto, en, ko\n"


def test_unknown_rule_ids_in_a_config_name_the_file_and_key(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool.notice-lint]\nignore = ["minimising-wording"]\n')
    result = run(str(write(tmp_path / "n.html", BAD)))
    assert result.exit_code == 2
    assert result.output == (
        f"notice-lint: {path}: tool.notice-lint.ignore: unknown rule 'minimising-wording'; 'notice-lint rules' lists them\n"
    )


def test_invalid_toml_and_a_missing_explicit_config(tmp_path):
    path = write(tmp_path / ".notice-lint.toml", "lang = \n")
    result = run(str(write(tmp_path / "n.html", BAD)))
    assert result.exit_code == 2 and result.output.startswith(f"notice-lint: {path}: not valid TOML: ")
    result = run("--config", str(tmp_path / "nope.toml"), str(tmp_path / "n.html"))
    assert result.exit_code == 2 and result.output == f"notice-lint: {tmp_path / 'nope.toml'}: no such file\n"
    bare = write(tmp_path / "x" / "pyproject.toml", "[project]\n")
    result = run("--config", str(bare), str(tmp_path / "n.html"))
    assert result.output == f"notice-lint: {bare}: no [tool.notice-lint] table\n"


def test_profiles_are_kept_and_checked_against_the_known_ones(tmp_path, monkeypatch):
    write(tmp_path / ".notice-lint.toml", 'profiles = ["kr-pipa"]\n')
    path = tmp_path / "n.html"
    monkeypatch.setattr(config, "known_profiles", lambda extra=None: None)
    assert resolve(path, {}, Discovery().config_for(path)).profiles == ("kr-pipa",)
    monkeypatch.setattr(config, "known_profiles", lambda extra=None: {"us-ca", "eu-gdpr"})
    with pytest.raises(ConfigError, match=r"profiles: unknown profile 'kr-pipa'; known profiles: eu-gdpr, us-ca"):
        load_config(tmp_path / ".notice-lint.toml")


def test_every_config_key_is_also_a_command_line_option():
    from notice_lint.cli import check

    options = {option for parameter in check.params for option in parameter.opts}
    for key in config.KEYS:
        flag = {"rules-dirs": "--rules-dir", "domains": "--domain", "profiles": "--profile"}.get(key, f"--{key}")
        assert flag in options, key


@pytest.mark.parametrize("pattern, path, expected", [
    ("drafts", "drafts/a.md", True),
    ("drafts", "notices/drafts/a.md", True),
    ("*.txt", "notices/a.txt", True),
    ("*.txt", "notices/a.md", False),
    ("notices/*.md", "notices/a.md", True),
    ("notices/*.md", "other/notices/a.md", False),
    ("**/old/*.html", "old/a.html", True),
    ("**/old/*.html", "x/y/old/a.html", True),
    ("docs/old", "docs/old/deep/a.md", True),
    ("./docs/", "docs/a.md", True),
])
def test_path_patterns(tmp_path, pattern, path, expected):
    assert path_matches(tmp_path / path, pattern, tmp_path) is expected


def test_the_readme_config_example_is_valid(tmp_path):
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[tool\.notice-lint\].*?)```", readme, re.DOTALL)
    assert example, "README.md has no [tool.notice-lint] example"
    (tmp_path / "lint" / "packs").mkdir(parents=True)
    write(tmp_path / "pyproject.toml", example.group(1))
    loaded = load_config(tmp_path / "pyproject.toml")
    assert loaded is not None and loaded.overrides
    template = resolve(tmp_path / "templates" / "email" / "a.html", {}, loaded)
    assert template.main_selector == ".content" and template.severity_for("preview-missing") == "off"
    assert resolve(tmp_path / "a.html", {}, loaded).main_selector == "#notice-body"
