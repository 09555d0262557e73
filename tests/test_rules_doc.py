"""docs/rules.md is generated from the rule packs and profiles, and must not go stale."""

from __future__ import annotations

from notice_lint import docs
from notice_lint.packs import load_rules
from notice_lint.profiles import known_profiles


def test_the_rules_page_is_current():
    current = docs.PAGE.read_text(encoding="utf-8") if docs.PAGE.is_file() else ""
    assert current == docs.render(), f"docs/rules.md is stale; regenerate it with: {docs.COMMAND}"


def test_the_page_covers_every_rule_and_profile():
    page = docs.render()
    for rule in load_rules():
        assert f"## `{rule.id}`" in page, rule.id
    for profile in known_profiles():
        assert f"## Profile `{profile}`" in page, profile
    assert "per secondary sources; verify" in page


def test_check_mode_reports_a_stale_page(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "rules.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(docs, "PAGE", stale)
    assert docs.main(["--check"]) == 1
    assert docs.COMMAND in capsys.readouterr().err
    assert docs.main(["--write"]) == 0 and docs.main(["--check"]) == 0
