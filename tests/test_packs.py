"""Rule packs: the built-in ones load; malformed ones fail naming the file and the key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from notice_lint.engine import lint_text
from notice_lint.packs import PackError, builtin_rules_dir, load_rule, load_rules

VALID = """
id = "my-rule"
kind = "wording"
severity = "warning"
summary = "s"
message = "{text}: {reason}"
why = "w"

[[patterns]]
lang = "en"
match = "synergy"
reason = "is jargon."
suggest = "cooperation"

[examples.en]
fail = ["Synergy."]
pass = ["Cooperation."]
"""


def write(tmp_path: Path, text: str, name: str = "my-rule.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_rules_load_and_cover_the_headline_families():
    ids = {rule.id for rule in load_rules()}
    assert {"minimizing-wording", "promotional-preview", "preview-missing", "preview-off-topic",
            "missing-guidance"} <= ids
    assert builtin_rules_dir().is_dir()


def test_a_valid_user_rule_loads_and_runs(tmp_path):
    rule = load_rule(write(tmp_path, VALID))
    findings = lint_text("We value synergy.", "x.txt", [rule]).findings
    assert [(f.text, f.suggestion, f.message) for f in findings] == [("synergy", "cooperation", "synergy: is jargon.")]


SHARED = VALID.replace('why = "w"\n', 'why = "w"\n\n[lists]\nbuzz = ["/^(leverage|leveraging)$/", "paradigm"]\n').replace(
    'suggest = "cooperation"\n',
    'suggest = "cooperation"\nunless-sentence = { list = "buzz" }\n\n'
    '[[patterns]]\nlang = "en"\nmatch = "bandwidth"\nreason = "is jargon."\nunless-sentence = { list = "buzz" }\n',
)


def test_patterns_share_a_named_condition_list(tmp_path):
    rule = load_rule(write(tmp_path, SHARED))
    assert [f.text for f in lint_text("Synergy matters. Bandwidth too.", "x.txt", [rule]).findings] == ["Synergy", "Bandwidth"]
    assert lint_text("Synergy and bandwidth are a new paradigm.", "x.txt", [rule]).findings == []
    assert lint_text("We are leveraging synergy and bandwidth.", "x.txt", [rule]).findings == []


@pytest.mark.parametrize("condition", ['{ list = "nothing" }', '{ list = "buzz", also = "x" }'])
def test_a_condition_naming_no_list_is_rejected_at_load(tmp_path, condition):
    with pytest.raises(PackError) as error:
        load_rule(write(tmp_path, SHARED.replace('{ list = "buzz" }', condition, 1)))
    assert "patterns[0].unless-sentence" in str(error.value) and "known: buzz" in str(error.value)


@pytest.mark.parametrize(
    ("change", "key", "reason"),
    [
        (('kind = "wording"', 'kind = "wordy"'), "kind", "unknown kind 'wordy'"),
        (('severity = "warning"', 'severity = "fatal"'), "severity", "must be one of error, warning, info"),
        (('id = "my-rule"', 'id = "other-rule"'), "id", "must match the file name"),
        (('id = "my-rule"', 'id = "My Rule"'), "id", "lowercase words"),
        (('summary = "s"\n', ""), "summary", "required"),
        (('match = "synergy"', 'match = "/(unclosed/"'), "patterns[0].match[0]", "invalid regular expression"),
        (('lang = "en"', 'lang = "fr"'), "patterns[0].lang", "one of en, ko"),
        (('reason = "is jargon."', 'reasons = "x"'), "patterns[0].reasons", "unknown key"),
        (('pass = ["Cooperation."]', "pass = []"), "examples", "at least one failing and one passing"),
        (('why = "w"', 'why = "w"\ncolour = "red"'), "colour", "unknown key"),
    ],
)
def test_malformed_rule_names_file_and_key(tmp_path, change, key, reason):
    path = write(tmp_path, VALID.replace(*change))
    with pytest.raises(PackError) as error:
        load_rule(path)
    assert error.value.path == str(path)
    assert error.value.key == key
    assert reason in error.value.reason
    assert str(error.value).startswith(f"{path}: {key}: ")


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, "id = ")
    with pytest.raises(PackError, match="not valid TOML") as error:
        load_rule(path)
    assert error.value.path == str(path)


def test_a_pattern_spacy_rejects_is_reported_when_compiled(tmp_path):
    text = VALID.replace('match = "synergy"', 'match = [[{LOWER = "a", BOGUS = 1}]]')
    rule = load_rule(write(tmp_path, text))
    with pytest.raises(PackError) as error:
        lint_text("a b", "x.txt", [rule])
    assert error.value.key.startswith("patterns[0].match")


def test_duplicate_rule_ids_across_directories_are_rejected(tmp_path):
    write(tmp_path, VALID.replace("my-rule", "minimizing-wording"), "minimizing-wording.toml")
    with pytest.raises(PackError, match="already defined"):
        load_rules([tmp_path])


def test_a_superseding_rule_reports_a_shared_phrase_once(tmp_path):
    general = load_rule(write(tmp_path, VALID))
    specific_text = VALID.replace("my-rule", "specific-rule").replace('why = "w"', 'why = "w"\nsupersedes = ["my-rule"]')
    specific = load_rule(write(tmp_path, specific_text, "specific-rule.toml"))
    both = lint_text("We value synergy.", "x.txt", [general, specific]).findings
    assert [f.rule for f in both] == ["specific-rule"]
    alone = lint_text("We value synergy.", "x.txt", [general]).findings
    assert [f.rule for f in alone] == ["my-rule"]


def test_supersedes_must_list_rule_ids(tmp_path):
    path = write(tmp_path, VALID.replace('why = "w"', 'why = "w"\nsupersedes = "my rule"'))
    with pytest.raises(PackError) as error:
        load_rule(path)
    assert error.value.key == "supersedes"


def test_every_builtin_rule_passes_full_validation():
    """Built-in packs load as trusted (their regexes are not compiled at load); here each is checked in full."""
    from notice_lint.packs import builtin_rules_dir, load_rule

    for path in sorted(builtin_rules_dir().glob("*.toml")):
        assert load_rule(path, trusted=False).id == path.stem


@pytest.mark.parametrize("regex", ["(a+)+", r"(\w+\s?)*", "((a+)?)+", "(x+x+)+y", "(?:a|b+)*"])
def test_a_regex_that_repeats_a_repeat_is_rejected_at_load(tmp_path, regex):
    path = write(tmp_path, VALID.replace('match = "synergy"', f"match = '/^{regex}$/'"))
    with pytest.raises(PackError) as error:
        load_rule(path)
    assert error.value.key == "patterns[0].match[0]"
    assert "exponential time" in error.value.reason


@pytest.mark.parametrize("regex", [r"(\d{1,3},)+", "(?:foo|ba+r)*", "a+b+", "x(?:y+)?z", "^(may|might)$"])
def test_a_regex_whose_repeats_cannot_split_a_word_many_ways_loads(tmp_path, regex):
    assert load_rule(write(tmp_path, VALID.replace('match = "synergy"', f"match = '/{regex}/'"))).id == "my-rule"


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "notice_lint", "check", "--no-cache", *args],
                          capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_backtracking_pattern_the_load_check_misses_is_stopped_by_the_time_limit(tmp_path, jobs):
    """(a|aa)+$ passes the load check but takes exponential time on a long run of a's; the file is
    stopped at the time limit with a one-line error, and the other file is still checked."""
    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules, VALID.replace('match = "synergy"', "match = '/^(a|aa)+$/'"))
    slow = write(tmp_path, "# Notice\n\nWe found " + "a" * 60 + "b in the logs.\n", "slow.md")
    other = write(tmp_path, "# Notice\n\nWe value synergy.\n", "other.md")
    result = run_check(str(slow), str(other), "--rules-dir", str(rules), "--timeout", "10", "--jobs", jobs)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"notice-lint: {slow}: stopped after 10 s" in result.stderr
    assert f"{other}:1:3: warning missing-guidance" in result.stdout


def test_a_pack_error_found_in_a_worker_process_is_one_line(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules, VALID.replace('match = "synergy"', 'match = [[{LOWER = "a", BOGUS = 1}]]'))
    notices = [write(tmp_path, "A notice with a word.\n", f"n{index}.txt") for index in range(3)]
    result = run_check(*map(str, notices), "--rules-dir", str(rules), "--jobs", "2")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "my-rule.toml: patterns[0].match" in result.stderr
