"""Jurisdiction profiles: packs that turn on required elements, set severities and deadlines for one law.

A profile is one TOML file in ``rules/profiles/`` (not a rule: the rule loader does not read that folder).
It may:

- list ``[[elements]]``: a core element of ``missing-guidance`` with the severity the law gives it and
  its ``cite``, or a new element, defined inline or in ``rules/profiles/_elements.toml``, the catalogue of
  elements several profiles share. ``severity = "off"`` drops an element;
- set a ``[deadline]`` for ``notification-delay`` and require the discovery date or the notice's own
  date to be stated;
- add ``[[rules]]`` that only its law asks for (California's title and headings, Massachusetts'
  forbidden content), written like any rule file;
- set the ``[severity]`` of other rules (``plain-language = "warning"``), applied when they are loaded.

:func:`apply_profiles` turns the active profiles into rules: the kinds never read profiles themselves.
Findings for missing elements keep the rule id ``missing-guidance`` with the element's id in ``element``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import Severity
from .packs import LANGUAGES, PackError, Rule, Where, builtin_rules_dir, parse_rule, read_toml, required_str, tomllib

DEFAULT = "baseline"
TARGET = "missing-guidance"
"""The required-elements rule whose elements profiles adjust and extend."""
CATALOGUE = "_elements.toml"
PROFILE_KEYS = {"id", "name", "summary", "why", "sources", "secondary", "elements", "deadline", "severity",
                "rules", "examples"}
LEVELS = ("error", "warning", "info", "off")
NEVER_REQUIRED = {"apology": "an apology is recommended, never required by law: at most \"warning\""}
SECONDARY = "per secondary sources; verify"


class UnknownProfile(PackError):
    """A profile name that no profile file defines."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(builtin_rules_dir() / "profiles", "", f"unknown profile {name!r}; known profiles: {', '.join(known)}")


@dataclass(frozen=True)
class ElementSetting:
    """What one profile says about one element: its severity, the law's words for it, its definition."""

    id: str
    severity: str
    cite: str
    definition: dict[str, Any] | None
    key: str
    """Where it stands in the profile file, for errors: ``elements[2]``."""


@dataclass(frozen=True)
class ProfileExample:
    """A notice the profile must pass, or fail with the named rule and element."""

    language: str
    text: str
    fails: bool
    rule: str | None = None
    element: str | None = None


@dataclass(frozen=True)
class Profile:
    """A validated profile file."""

    id: str
    name: str
    summary: str
    why: str
    path: str
    sources: tuple[str, ...]
    secondary: bool
    elements: tuple[ElementSetting, ...]
    deadline: dict[str, Any] | None
    severity: tuple[tuple[str, str], ...]
    rules: tuple[Rule, ...]
    examples: tuple[ProfileExample, ...]

    def cite(self, text: str) -> str:
        """The law's words with the profile's id, flagged as unverified when the profile rests on summaries."""
        note = f"; {SECONDARY}: {self.sources[0]}" if self.secondary and self.sources else (
            f"; {SECONDARY}" if self.secondary else "")
        return f"{self.id} ({text}{note})" if text or note else self.id


# -- finding and loading --------------------------------------------------------------------


def profiles_dirs(extra: list[Path] | None = None) -> list[Path]:
    """The built-in profiles folder, then ``profiles/`` inside each extra rules directory that has one."""
    dirs = [builtin_rules_dir() / "profiles"]
    return dirs + [directory / "profiles" for directory in extra or [] if (directory / "profiles").is_dir()]


def _profile_paths(extra: list[Path] | None = None) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for directory in profiles_dirs(extra):
        for path in sorted(directory.glob("*.toml")):
            if not path.name.startswith("_"):
                paths[path.stem] = path
    return paths


def _builtin(path: Path) -> bool:
    """Whether ``path`` is one of the profiles shipped with the tool (see :attr:`Where.trusted`)."""
    return path.parent == builtin_rules_dir() / "profiles"


def known_profiles(extra: list[Path] | None = None) -> list[str]:
    """Every profile name, sorted."""
    return sorted(_profile_paths(extra))


def load_profiles(names: list[str] | tuple[str, ...], extra: list[Path] | None = None) -> list[Profile]:
    """The named profiles, validated, in the order given (duplicates once); no names means ``baseline``."""
    paths = _profile_paths(extra)
    chosen: list[Profile] = []
    for name in dict.fromkeys(names or [DEFAULT]):
        if name not in paths:
            raise UnknownProfile(name, sorted(paths))
        chosen.append(load_profile(paths[name]))
    return chosen


@lru_cache(maxsize=None)
def _load_cached(path: Path, mtime: float) -> Profile:
    return parse_profile(_read(path), path)


def load_profile(path: Path) -> Profile:
    """Read and validate one profile file (once per process while the file is unchanged)."""
    try:
        mtime = path.stat().st_mtime
    except OSError as error:
        raise PackError(path, "", f"cannot read: {error.strerror or error}") from None
    return _load_cached(path, mtime)


def shape_rules(rules: list[Rule], names: tuple[str, ...] | list[str], extra: list[Path] | None = None) -> list[Rule]:
    """``rules`` shaped by the named profiles (``baseline`` when none): what the engine runs for one file."""
    return apply_profiles(rules, load_profiles(tuple(names), extra), extra)


def _read(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except tomllib.TOMLDecodeError as error:
        raise PackError(path, "", f"not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(path, "", f"cannot read: {error}") from None


def parse_profile(data: dict[str, Any], path: Path | str) -> Profile:
    """Validate a profile's table; errors name the file and the key."""
    from .kinds.deadline import validate_deadline

    where = Where(str(path), trusted=_builtin(Path(str(path))))
    profile_id = required_str(data, "id", where)
    if Path(str(path)).suffix == ".toml" and Path(str(path)).stem != profile_id:
        raise where.at("id").fail(f"must match the file name {Path(str(path)).stem!r}")
    unknown = set(data) - PROFILE_KEYS
    if unknown:
        raise where.at(sorted(unknown)[0]).fail(f"unknown key; allowed: {', '.join(sorted(PROFILE_KEYS))}")
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(source, str) for source in sources):
        raise where.at("sources").fail("must be a list of addresses")
    secondary = data.get("secondary", False)
    if not isinstance(secondary, bool):
        raise where.at("secondary").fail("must be true or false")
    deadline = data.get("deadline")
    if deadline is not None:
        validate_deadline(deadline, where.at("deadline"))
    severity = data.get("severity", {})
    if not isinstance(severity, dict) or any(level not in LEVELS for level in severity.values()):
        raise where.at("severity").fail(f"must be a table of rule ids to one of {', '.join(LEVELS)}")
    return Profile(
        id=profile_id,
        name=required_str(data, "name", where),
        summary=required_str(data, "summary", where),
        why=required_str(data, "why", where),
        path=str(path),
        sources=tuple(sources),
        secondary=secondary,
        elements=_element_settings(data.get("elements", []), where.at("elements")),
        deadline=deadline,
        severity=tuple(severity.items()),
        rules=_profile_rules(data.get("rules", []), where),
        examples=_examples(data.get("examples", {}), where.at("examples")),
    )


def _element_settings(value: Any, where: Where) -> tuple[ElementSetting, ...]:
    from .kinds import required_elements

    if not isinstance(value, list):
        raise where.fail("must be a list of [[elements]] tables")
    settings = []
    for position, table in enumerate(value):
        here = where.at(position)
        if not isinstance(table, dict):
            raise here.fail("must be a table")
        element_id = required_str(table, "id", here)
        level = table.get("severity")
        if level not in LEVELS:
            raise here.at("severity").fail(f"required: one of {', '.join(LEVELS)}")
        if element_id in NEVER_REQUIRED and level == "error":
            raise here.at("severity").fail(NEVER_REQUIRED[element_id])
        cite = table.get("cite", "")
        if not isinstance(cite, str):
            raise here.at("cite").fail("must be a string")
        definition = {key: item for key, item in table.items() if key not in ("severity", "cite")}
        if set(definition) - {"id"}:
            try:
                required_elements.validate({"elements": [definition]}, Where(where.path, trusted=where.trusted))
            except PackError as error:
                raise PackError(where.path, error.key.replace("elements[0]", here.key, 1), error.reason) from None
        settings.append(ElementSetting(element_id, level, cite, definition if set(definition) - {"id"} else None,
                                       here.key))
    return tuple(settings)


def _profile_rules(value: Any, where: Where) -> tuple[Rule, ...]:
    if not isinstance(value, list):
        raise where.at("rules").fail("must be a list of [[rules]] tables")
    rules = []
    for position, table in enumerate(value):
        here = where.at("rules").at(position)
        if not isinstance(table, dict):
            raise here.fail("must be a table")
        try:
            rules.append(parse_rule(table, f"{where.path}#{here.key}", where.trusted))
        except PackError as error:
            raise PackError(where.path, f"{here.key}.{error.key}" if error.key else here.key, error.reason) from None
    return tuple(rules)


def _examples(value: Any, where: Where) -> tuple[ProfileExample, ...]:
    if not isinstance(value, dict):
        raise where.fail("must be a table per language with 'fail' and 'pass' lists")
    examples = []
    for language, table in value.items():
        here = where.at(language)
        if language not in LANGUAGES or not isinstance(table, dict) or set(table) - {"fail", "pass"}:
            raise here.fail("must be en or ko, holding only 'fail' and 'pass' lists")
        for outcome in ("fail", "pass"):
            for position, item in enumerate(table.get(outcome, [])):
                spot = here.at(outcome).at(position)
                if isinstance(item, str):
                    item = {"text": item}
                if not isinstance(item, dict) or not isinstance(item.get("text"), str) or set(item) - {"text", "rule", "element"}:
                    raise spot.fail("an example is a string or a table with text, rule, element")
                examples.append(ProfileExample(language, item["text"], outcome == "fail", item.get("rule"), item.get("element")))
    return tuple(examples)


def catalogue(extra: list[Path] | None = None) -> dict[str, dict[str, Any]]:
    """The shared element definitions (``_elements.toml`` in each profiles folder), by id."""
    from .kinds import required_elements

    found: dict[str, dict[str, Any]] = {}
    for directory in profiles_dirs(extra):
        path = directory / CATALOGUE
        if path.is_file():
            data = _read(path)
            required_elements.validate(data, Where(str(path), trusted=_builtin(path)))
            found.update({table["id"]: table for table in data["elements"]})
    return found


# -- turning profiles into rules ------------------------------------------------------------


_APPLIED: dict[tuple, tuple[list[Rule], list[Rule]]] = {}


def apply_profiles(rules: list[Rule], profiles: list[Profile], extra: list[Path] | None = None) -> list[Rule]:
    """``rules`` as the active ``profiles`` shape them, plus the profiles' own rules.

    ``missing-guidance`` gets each profile's elements: a profile may raise a core element's severity or
    turn it off, never lower it; several profiles asking for one element give it the highest severity; an
    element one profile requires and another forbids is a warning on both sides (see :func:`conflicts`).
    ``notification-delay`` gets the profiles' deadlines. Results are cached per rule list and profiles.
    """
    key = (tuple(id(rule) for rule in rules), tuple(profile.path for profile in profiles), tuple(extra or ()))
    if key in _APPLIED:
        return list(_APPLIED[key][1])
    shared = catalogue(extra)
    forbidders = _forbidders(profiles)
    shaped = []
    for rule in rules:
        if rule.id == TARGET and rule.kind == "required-elements" and any(p.elements for p in profiles):
            rule = _shape_elements(rule, profiles, shared, forbidders)
        elif rule.kind == "deadline":
            rule = _shape_deadlines(rule, profiles)
        shaped.append(rule)
    known = {rule.id: rule for rule in shaped}
    core = {table["id"]: table for rule in rules if rule.id == TARGET for table in rule.data["elements"]}
    for profile in profiles:
        for rule in profile.rules:
            if rule.id in known:
                raise PackError(profile.path, "rules", f"rule {rule.id!r} is already defined in {known[rule.id].path}")
            if rule.kind == "forbidden":
                rule = _shape_forbidden(rule, profile, profiles, {**shared, **core})
            known[rule.id] = rule
            shaped.append(rule)
    shaped = _apply_severity(shaped, profiles)
    if len(_APPLIED) > 64:
        _APPLIED.clear()
    _APPLIED[key] = (rules, shaped)
    return list(shaped)


def _forbidders(profiles: list[Profile]) -> dict[str, list[tuple[Profile, dict[str, Any]]]]:
    """Element id -> the profiles whose rules forbid it, with the forbidding element table."""
    found: dict[str, list[tuple[Profile, dict[str, Any]]]] = {}
    for profile in profiles:
        for rule in profile.rules:
            if rule.kind == "forbidden":
                for table in rule.data["elements"]:
                    found.setdefault(table["id"], []).append((profile, table))
    return found


def _requirers(profiles: list[Profile], element_id: str) -> list[tuple[Profile, ElementSetting]]:
    return [(profile, setting) for profile in profiles for setting in profile.elements
            if setting.id == element_id and setting.severity != "off"]


def _shape_elements(rule: Rule, profiles: list[Profile], shared: dict[str, dict[str, Any]],
                    forbidders: dict[str, list[tuple[Profile, dict[str, Any]]]]) -> Rule:
    elements: list[dict[str, Any]] = []
    core_ids = [table["id"] for table in rule.data["elements"]]
    added: dict[str, dict[str, Any]] = {}
    for profile in profiles:
        for setting in profile.elements:
            if setting.id in core_ids or setting.id in added:
                continue
            definition = setting.definition or shared.get(setting.id)
            if definition is None:
                raise PackError(profile.path, f"{setting.key}.id",
                                f"unknown element {setting.id!r}: not in {TARGET}, not in {CATALOGUE}, and not defined here")
            added[setting.id] = definition
    for table in [*rule.data["elements"], *added.values()]:
        shaped = _shape_element(table, table["id"] in core_ids, rule.severity, profiles, forbidders)
        if shaped is not None:
            elements.append(shaped)
    return replace(rule, data={**rule.data, "elements": elements}, cache={})


def _shape_element(table: dict[str, Any], core: bool, default: Severity, profiles: list[Profile],
                   forbidders: dict[str, list[tuple[Profile, dict[str, Any]]]]) -> dict[str, Any] | None:
    """One element as the profiles want it, or ``None`` when they turn it off (or only add it elsewhere)."""
    element_id = table["id"]
    declared = [(profile, setting) for profile in profiles for setting in profile.elements if setting.id == element_id]
    if not declared:
        return table if core else None
    requiring = [(profile, setting) for profile, setting in declared if setting.severity != "off"]
    if not requiring:
        return None
    levels = [Severity(setting.severity) for _, setting in requiring]
    if core:
        levels.append(Severity(table.get("severity", default.value)))
    level = max(levels, key=lambda severity: severity.rank)
    shaped = copy.deepcopy(table)
    basis = "; ".join(profile.cite(setting.cite) for profile, setting in requiring)
    shaped["reason"] = f"{table['reason']} Required by {basis}."
    against = [profile for profile, _ in forbidders.get(element_id, [])]
    if against:
        level = Severity.WARNING
        names = ", ".join(profile.id for profile in against)
        shaped["reason"] += (f" But {names} forbids it: one notice cannot satisfy both, so send those readers a"
                             " separate notice.")
    shaped["severity"] = level.value
    return shaped


def _shape_forbidden(rule: Rule, profile: Profile, profiles: list[Profile], definitions: dict[str, dict[str, Any]]) -> Rule:
    """Fill in each forbidden element's cues from its definition; soften it where another profile requires it."""
    elements = []
    for position, table in enumerate(rule.data["elements"]):
        shaped = copy.deepcopy(table)
        if "cues" not in shaped and "heading-cues" not in shaped:
            definition = definitions.get(table["id"])
            if definition is None:
                raise PackError(profile.path, f"rules.elements[{position}].cues",
                                f"element {table['id']!r} has no cues here and no definition in {TARGET} or {CATALOGUE}")
            for key in ("cues", "heading-cues", "requires"):
                if key in definition:
                    shaped[key] = definition[key]
        requiring = [(other, setting) for other, setting in _requirers(profiles, table["id"]) if other is not profile]
        if requiring:
            shaped["severity"] = "warning"
            basis = "; ".join(other.cite(setting.cite) for other, setting in requiring)
            shaped["conflict"] = (f" But {basis} requires it: one notice cannot satisfy both, so send"
                                  " these readers a separate notice.")
        elements.append(shaped)
    return replace(rule, data={**rule.data, "elements": elements}, cache={})


def _shape_deadlines(rule: Rule, profiles: list[Profile]) -> Rule:
    deadlines = []
    for profile in profiles:
        if profile.deadline is not None:
            deadline = dict(profile.deadline, profile=profile.id)
            if profile.secondary:
                deadline["basis"] = f"{deadline['basis'].rstrip('.')} ({SECONDARY})."
            deadlines.append(deadline)
    if not deadlines:
        return rule
    if not any(deadline.get("days") for deadline in deadlines):
        deadlines.append(rule.data["deadline"])
    return replace(rule, data={**rule.data, "deadlines": deadlines}, cache={})


def _apply_severity(rules: list[Rule], profiles: list[Profile]) -> list[Rule]:
    """Rule-level severities from the profiles' ``[severity]`` tables: a profile may raise a rule's severity,
    never lower it; ``off`` drops the rule unless another profile sets a severity for it."""
    levels: dict[str, list[str]] = {}
    for profile in profiles:
        for rule_id, level in profile.severity:
            levels.setdefault(rule_id, []).append(level)
    shaped = []
    for rule in rules:
        wanted = [level for level in levels.get(rule.id, []) if level != "off"]
        if rule.id in levels and not wanted:
            continue
        if wanted:
            levels_wanted = [rule.severity, *(Severity(level) for level in wanted)]
            rule = replace(rule, severity=max(levels_wanted, key=lambda severity: severity.rank))
        shaped.append(rule)
    return shaped


def conflicts(profiles: list[Profile]) -> list[str]:
    """One line per element one active profile forbids and another requires, for the command line to print."""
    lines = []
    for element_id, forbidding in _forbidders(profiles).items():
        for profile, table in forbidding:
            requiring = [(other, setting) for other, setting in _requirers(profiles, element_id) if other is not profile]
            if requiring:
                others = "; ".join(other.cite(setting.cite) for other, setting in requiring)
                lines.append(
                    f"profiles conflict: {profile.id} forbids {table['label']} ({element_id}), but {others} requires it;"
                    " one notice cannot satisfy both, so both findings are warnings: send each group of readers its own notice"
                )
    return lines


def profile_rules(names: list[str] | None = None, extra: list[Path] | None = None) -> list[tuple[Profile, Rule]]:
    """The rules every profile (or the named ones) adds, with their profile, for listings."""
    chosen = load_profiles(names or known_profiles(extra), extra)
    return [(profile, rule) for profile in chosen for rule in profile.rules]
