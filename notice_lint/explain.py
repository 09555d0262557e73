"""``notice-lint explain NAME``: a rule's or a profile's reason, what it looks for, and examples."""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path
from typing import Any

from .packs import Example, Rule, load_rules, rule_languages
from .profiles import Profile, ProfileExample, catalogue, known_profiles, load_profiles

WIDTH = 100


class UnknownName(LookupError):
    """A name that is neither a rule nor a profile."""


def explain(name: str, rules_dirs: list[Path] | None = None) -> str:
    """The explanation of the rule or profile called ``name``."""
    rules = {rule.id: rule for rule in load_rules(rules_dirs)}
    profiles = {profile.id: profile for profile in load_profiles(known_profiles(rules_dirs), rules_dirs)}
    owners = {rule.id: (rule, profile) for profile in profiles.values() for rule in profile.rules}
    if name in rules:
        return explain_rule(rules[name])
    if name in owners:
        rule, profile = owners[name]
        return explain_rule(rule, profile)
    if name in profiles:
        return explain_profile(profiles[name], rules.get("missing-guidance"), catalogue(rules_dirs))
    close = difflib.get_close_matches(name, [*rules, *owners, *profiles], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'notice-lint rules' lists rules and profiles"
    raise UnknownName(f"no rule or profile called {name!r}{hint}")


def explain_rule(rule: Rule, profile: Profile | None = None) -> str:
    """A rule: its line, its why, what each of its patterns or elements looks for, and two examples."""
    languages = ", ".join(rule_languages(rule))
    only = f"; runs with --profile {profile.id}" if profile else ""
    lines = [f"{rule.id} ({rule.kind}, {rule.severity.value}; {languages}{only})", _wrap(rule.summary), ""]
    lines += ["Why:", _wrap(rule.why, "  "), ""]
    details = _details(rule)
    if details:
        lines += [*details, ""]
    lines += _examples(rule.examples)
    return "\n".join(lines).rstrip() + "\n"


def _details(rule: Rule) -> list[str]:
    """What the rule looks for, by kind: pattern reasons, elements, deadlines, headings."""
    data = rule.data
    if isinstance(data.get("patterns"), list):
        lines = ["Patterns and their reasons:"]
        for table in data["patterns"]:
            if not isinstance(table, dict) or "reason" not in table:
                continue
            match = table.get("match")
            shown = " | ".join(_pattern(p) for p in (match if isinstance(match, list) else [match]))
            suggest = f" Instead: {table['suggest']}" if table.get("suggest") else ""
            lines.append(_wrap(f"[{table.get('lang', '?')}] {shown}: {table['reason']}{suggest}", "  - ", "    "))
        return lines
    if isinstance(data.get("elements"), list):
        lines = ["Elements:"]
        for table in data["elements"]:
            level = table.get("severity", rule.severity.value)
            lines.append(_wrap(f"{table['id']} ({level}): {table['label']}. {table['reason']}", "  - ", "    "))
        return lines
    if isinstance(data.get("deadline"), dict):
        deadline = data["deadline"]
        return ["Deadline without a profile:", _wrap(f"{deadline['label']} ({deadline['severity']}): {deadline['basis']}", "  ")]
    if "title" in data or "headings" in data:
        lines = ["Layout:"]
        if "title" in data:
            lines.append(f"  - title: {data['title-label']}")
        lines += [f"  - heading {position}: {table['label']}" for position, table in enumerate(data.get("headings", []), 1)]
        return lines
    return []


def _pattern(pattern: Any) -> str:
    return pattern if isinstance(pattern, str) else "[token pattern]"


def explain_profile(profile: Profile, core: Rule | None, shared: dict[str, dict[str, Any]]) -> str:
    """A profile: what law it stands for, its deadline, the elements it requires, the rules it adds, examples."""
    lines = [f"{profile.id}: {profile.name}", _wrap(profile.summary), ""]
    lines += ["Why:", _wrap(profile.why, "  "), ""]
    if profile.sources:
        lines += ["Sources:", *(f"  {source}" for source in profile.sources)]
        if profile.secondary:
            lines.append("  This profile rests on secondary summaries of the law (per secondary sources; verify).")
        lines.append("")
    if profile.deadline:
        deadline = profile.deadline
        head = f"{deadline['label']} ({deadline['severity']})" if deadline.get("days") else "no fixed number of days"
        lines += ["Deadline (notification-delay):", _wrap(f"{head}: {deadline['basis']}", "  ")]
        if deadline.get("require"):
            lines.append(f"  The notice must state: {', '.join(deadline['require'])}.")
        lines.append("")
    labels = {table["id"]: table["label"] for table in (core.data["elements"] if core else [])}
    labels.update({key: table["label"] for key, table in shared.items()})
    if profile.elements:
        lines.append("Elements (missing-guidance findings, element field set):")
        for setting in profile.elements:
            label = labels.get(setting.id) or (setting.definition or {}).get("label", "")
            text = f"{setting.id} ({setting.severity}): {label}" + (f". {setting.cite}" if setting.cite else "")
            lines.append(_wrap(text, "  - ", "    "))
        lines.append("")
    if profile.rules:
        lines.append("Rules it adds:")
        lines += [_wrap(f"{rule.id} ({rule.severity.value}): {rule.summary}", "  - ", "    ") for rule in profile.rules]
        lines.append("")
    if profile.severity:
        lines.append("Rule severities it sets (never lower than the rule's own):")
        lines += [f"  - {rule_id}: {level}" for rule_id, level in profile.severity]
        lines.append("")
    lines += _examples(profile.examples)
    return "\n".join(lines).rstrip() + "\n"


def _examples(examples: tuple[Example, ...] | tuple[ProfileExample, ...]) -> list[str]:
    lines = []
    for fails, title in ((True, "Fails"), (False, "Passes")):
        chosen = next((example for example in examples if example.fails == fails), None)
        if chosen is None:
            continue
        expect = [f"{key} {value}" for key in ("rule", "element") if (value := getattr(chosen, key, None))]
        note = f" ({', '.join(expect)})" if fails and expect else ""
        lines += [f"{title} ({chosen.language}){note}:", textwrap.indent(chosen.text.strip("\n"), "    "), ""]
    return lines


def _wrap(text: str, indent: str = "", subsequent: str | None = None) -> str:
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n".join(
        textwrap.fill(paragraph, WIDTH, initial_indent=indent, subsequent_indent=subsequent if subsequent is not None else indent)
        for paragraph in paragraphs
    )
