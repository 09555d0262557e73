"""The rules reference page, docs/rules.md, generated from the rule packs and the profiles.

Regenerate it with ``python -m notice_lint.docs --write`` (a test fails while it is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .packs import Example, Rule, load_rules, rule_languages
from .profiles import Profile, catalogue, known_profiles, load_profiles

PAGE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
COMMAND = "python -m notice_lint.docs --write"


def render() -> str:
    """The whole page, from the built-in rules and profiles."""
    rules = load_rules()
    profiles = load_profiles(known_profiles())
    core = next((rule for rule in rules if rule.id == "missing-guidance"), None)
    labels = {table["id"]: table["label"] for table in (core.data["elements"] if core else [])}
    labels.update({key: table["label"] for key, table in catalogue().items()})
    parts = [
        "# Rules reference",
        "",
        f"Generated from `rules/*.toml` and `rules/profiles/*.toml` by `{COMMAND}`; do not edit by hand.",
        "`notice-lint rules` lists the same rules; `notice-lint explain NAME` prints one of them.",
        "",
        "## Rules",
        "",
        "| rule | kind | severity | languages | flags |",
        "|---|---|---|---|---|",
        *(_row(rule) for rule in rules),
        *(_row(rule, profile) for profile in profiles for rule in profile.rules),
        "",
        "## Profiles",
        "",
        "Select with `notice-lint check --profile NAME` (repeatable) or `profiles = [...]` in the config file.",
        "Without one, `baseline` applies.",
        "",
        "| profile | law | deadline | adds |",
        "|---|---|---|---|",
        *(_profile_row(profile) for profile in profiles),
        "",
    ]
    for rule in rules:
        parts += _rule_section(rule)
    for profile in profiles:
        for rule in profile.rules:
            parts += _rule_section(rule, profile)
    for profile in profiles:
        parts += _profile_section(profile, labels)
    return "\n".join(parts).rstrip() + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _row(rule: Rule, profile: Profile | None = None) -> str:
    name = f"[`{rule.id}`](#{rule.id})"
    only = f" (profile `{profile.id}`)" if profile else ""
    languages = ", ".join(rule_languages(rule))
    return f"| {name} | {rule.kind} | {rule.severity.value} | {languages} | {_cell(rule.summary)}{only} |"


def _profile_row(profile: Profile) -> str:
    deadline = profile.deadline or {}
    due = deadline.get("label", "none fixed") if deadline else "none fixed"
    added = [setting.id for setting in profile.elements if setting.severity != "off"] + [rule.id for rule in profile.rules]
    return f"| [`{profile.id}`](#profile-{profile.id}) | {_cell(profile.name)} | {due} | {', '.join(added) or '-'} |"


def _rule_section(rule: Rule, profile: Profile | None = None) -> list[str]:
    languages = ", ".join(rule_languages(rule))
    only = f" Runs only with `--profile {profile.id}`." if profile else ""
    lines = [f"## `{rule.id}`", "", f"{_cell(rule.summary)}.", "",
             f"Kind `{rule.kind}`, severity {rule.severity.value}, languages {languages}.{only}", "",
             " ".join(rule.why.split()), ""]
    lines += _rule_details(rule)
    lines += _examples(rule.examples)
    return lines


def _rule_details(rule: Rule) -> list[str]:
    data = rule.data
    lines: list[str] = []
    if isinstance(data.get("patterns"), list):
        lines += ["Patterns:", ""]
        for table in data["patterns"]:
            if not isinstance(table, dict) or "reason" not in table:
                continue
            match = table.get("match")
            patterns = match if isinstance(match, list) else [match]
            shown = ", ".join(f"`{p}`" if isinstance(p, str) else "a token pattern" for p in patterns)
            instead = f" Instead: {_cell(table['suggest'])}." if table.get("suggest") else ""
            lines.append(f"- {table.get('lang', '?')}: {shown}: {_cell(table['reason'])}{instead}")
        lines.append("")
    elif isinstance(data.get("elements"), list):
        lines += ["Elements:", ""]
        for table in data["elements"]:
            level = table.get("severity", rule.severity.value)
            lines.append(f"- `{table['id']}` ({level}): {_cell(table['label'])}. {_cell(table['reason'])}")
        lines.append("")
    elif isinstance(data.get("deadline"), dict):
        deadline = data["deadline"]
        lines += [f"Without a profile: {deadline['label']} ({deadline['severity']}). {_cell(deadline['basis'])}", ""]
    if "title-label" in data or "headings" in data:
        if "title-label" in data:
            lines.append(f"- title: {data['title-label']}")
        lines += [f"- heading {position}: {table['label']}" for position, table in enumerate(data.get("headings", []), 1)]
        lines.append("")
    return lines


def _profile_section(profile: Profile, labels: dict[str, str]) -> list[str]:
    lines = [f'<a id="profile-{profile.id}"></a>', "", f"## Profile `{profile.id}`: {profile.name}", "",
             f"{_cell(profile.summary)}.", "", " ".join(profile.why.split()), ""]
    if profile.sources:
        lines += ["Sources: " + ", ".join(f"<{source}>" for source in profile.sources)
                  + (" (per secondary sources; verify)." if profile.secondary else "."), ""]
    if profile.deadline:
        deadline = profile.deadline
        head = f"{deadline['label']} ({deadline['severity']})" if deadline.get("days") else "no fixed number of days"
        required = f" The notice must state: {', '.join(deadline['require'])}." if deadline.get("require") else ""
        lines += [f"Deadline: {head}. {_cell(deadline['basis'])}.{required}".replace("..", "."), ""]
    if profile.elements:
        lines += ["| element | severity | what | law |", "|---|---|---|---|"]
        for setting in profile.elements:
            label = labels.get(setting.id) or (setting.definition or {}).get("label", "")
            lines.append(f"| `{setting.id}` | {setting.severity} | {_cell(label)} | {_cell(setting.cite) or '-'} |")
        lines.append("")
    if profile.rules:
        lines += ["Adds " + ", ".join(f"[`{rule.id}`](#{rule.id})" for rule in profile.rules) + ".", ""]
    if profile.severity:
        lines += ["Sets " + ", ".join(f"`{rule_id}` to {level}" for rule_id, level in profile.severity)
                  + " (never lower than the rule's own).", ""]
    lines += _examples(profile.examples)
    return lines


def _examples(examples: Any) -> list[str]:
    lines: list[str] = []
    for fails, title in ((True, "Fails"), (False, "Passes")):
        chosen: Example | None = next((example for example in examples if example.fails == fails), None)
        if chosen is None:
            continue
        lines += [f"{title} ({chosen.language}):", "", "```text", chosen.text.strip("\n"), "```", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    """``--write`` writes the page; ``--check`` exits 1 when it is stale; otherwise print it."""
    argv = sys.argv[1:] if argv is None else argv
    page = render()
    if "--write" in argv:
        PAGE.write_text(page, encoding="utf-8")
        return 0
    if "--check" in argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
        if current != page:
            print(f"{PAGE} is stale; regenerate it with: {COMMAND}", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
