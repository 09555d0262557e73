"""Settings for one linted file: defaults, then the nearest config file (and its matching overrides),
then the command line.

A config file is ``.notice-lint.toml`` (keys at the top level) or ``pyproject.toml`` (keys under
``[tool.notice-lint]``), found by walking up from each linted file; the nearest wins, and ``.notice-lint.toml``
wins over ``pyproject.toml`` in the same directory. There is no user-level config. Bad keys and values are
errors naming the file, the key and what is allowed.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from .model import Finding, Severity
from .source import DEFAULT_MAX_FILE_SIZE, parse_size

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAME = ".notice-lint.toml"
PYPROJECT = "pyproject.toml"
LANGS = ("auto", "en", "ko")
FAIL_ON = ("error", "warning", "info")
LEVELS = ("error", "warning", "info", "off")
DOMAIN = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
COMMAND_LINE = "command line"


class ConfigError(Exception):
    """A config file or option that cannot be used: ``file: key: what is allowed``."""


@dataclass(frozen=True)
class FileSettings:
    """Everything that decides how one file is checked. ``origin`` says where each key was set."""

    profiles: tuple[str, ...] = ()
    lang: str = "auto"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str = "error"
    rules_dirs: tuple[str, ...] = ()
    organisation: str | None = None
    domains: tuple[str, ...] = ()
    main_selector: str | None = None
    exclude: tuple[tuple[str, str], ...] = ()
    """(pattern, base directory) pairs; a file whose path under the base matches is not checked."""
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    """Bytes; a bigger file is refused with an input error (0: no limit)."""
    config_file: str | None = None
    origin: tuple[tuple[str, str], ...] = ()

    @property
    def language(self) -> str | None:
        return None if self.lang == "auto" else self.lang

    def origin_of(self, key: str) -> str:
        return dict(self.origin).get(key, COMMAND_LINE)

    def severity_for(self, rule: str) -> str | None:
        return dict(self.severity).get(rule)

    def enabled(self, rule: str) -> bool:
        """Whether ``rule`` runs: selected (or no selection), not ignored, not turned off."""
        if self.select is not None and rule not in self.select:
            return False
        return rule not in self.ignore and self.severity_for(rule) != "off"

    def adjust(self, findings: list[Finding]) -> list[Finding]:
        """Drop findings of disabled rules and apply configured severities."""
        adjusted = []
        for finding in findings:
            if not self.enabled(finding.rule):
                continue
            level = self.severity_for(finding.rule)
            adjusted.append(replace(finding, severity=Severity(level)) if level else finding)
        return adjusted

    def excluded(self, path: Path) -> bool:
        """Whether an ``exclude`` pattern matches ``path`` (relative to where the pattern was given)."""
        return any(path_matches(path, pattern, Path(base)) for pattern, base in self.exclude)

    def rule_ids(self) -> list[tuple[str, str]]:
        """(key, rule id) for every rule id the settings name, to check against the known rules."""
        named = [("select", rule) for rule in self.select or ()]
        named += [("ignore", rule) for rule in self.ignore]
        named += [("severity", rule) for rule, _ in self.severity]
        return named


Layer = dict[str, Any]
"""Validated values of one source (a config table, an override, the command line), by FileSettings field name."""


@dataclass(frozen=True)
class ConfigFile:
    """A loaded config file: its base layer and its per-glob overrides."""

    path: Path
    base: Layer
    overrides: tuple[tuple[tuple[str, ...], Layer], ...] = field(default_factory=tuple)

    @property
    def directory(self) -> Path:
        return self.path.parent


KEYS: dict[str, str] = {
    "profiles": "profiles",
    "lang": "lang",
    "select": "select",
    "ignore": "ignore",
    "severity": "severity",
    "fail-on": "fail_on",
    "rules-dirs": "rules_dirs",
    "organisation": "organisation",
    "domains": "domains",
    "main-selector": "main_selector",
    "exclude": "exclude",
    "max-file-size": "max_file_size",
}
"""Config key -> FileSettings field."""
OVERRIDE_KEYS = {key: name for key, name in KEYS.items() if key != "exclude"}


def merge(settings: FileSettings, layer: Layer, origin: str) -> FileSettings:
    """``settings`` with ``layer`` on top: select and scalars replace, ignore, exclude and rules-dirs add up,
    severity merges rule by rule."""
    changes: dict[str, Any] = {}
    for name, value in layer.items():
        if name in ("ignore", "rules_dirs", "exclude"):
            value = tuple(dict.fromkeys((*getattr(settings, name), *value)))
        elif name == "severity":
            value = tuple({**dict(settings.severity), **dict(value)}.items())
        changes[name] = value
    origins = {**dict(settings.origin), **{name: origin for name in layer}}
    return replace(settings, **changes, origin=tuple(origins.items()))


def resolve(path: Path, command_line: Layer, config: ConfigFile | None) -> FileSettings:
    """The settings for ``path``: defaults, ``config`` and its overrides matching ``path``, then the command line."""
    return resolve_layers(command_line, config, matching_overrides(path, config))


def matching_overrides(path: Path, config: ConfigFile | None) -> tuple[int, ...]:
    """The indexes of the overrides of ``config`` whose patterns match ``path``."""
    if config is None:
        return ()
    return tuple(
        index
        for index, (patterns, _) in enumerate(config.overrides)
        if any(path_matches(path, pattern, config.directory) for pattern in patterns)
    )


def resolve_layers(command_line: Layer, config: ConfigFile | None, overrides: tuple[int, ...]) -> FileSettings:
    """Defaults, ``config``, the overrides of it at indexes ``overrides``, then the command line."""
    settings = FileSettings()
    if config is not None:
        origin = str(config.path)
        settings = replace(merge(settings, config.base, origin), config_file=origin)
        for index in overrides:
            settings = merge(settings, config.overrides[index][1], origin)
    return merge(settings, command_line, COMMAND_LINE)


class Discovery:
    """Finds and loads the nearest config file for each path, caching by directory."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = load_config(explicit, required=True) if explicit is not None else None
        self._by_directory: dict[Path, ConfigFile | None] = {}
        self._files: dict[Path, ConfigFile | None] = {}

    def config_for(self, path: Path) -> ConfigFile | None:
        if self.explicit is not None:
            return self.explicit
        return self._nearest(path.absolute().parent)

    def _nearest(self, directory: Path) -> ConfigFile | None:
        if directory in self._by_directory:
            return self._by_directory[directory]
        found: ConfigFile | None = None
        for name in (CONFIG_NAME, PYPROJECT):
            candidate = directory / name
            if candidate.is_file():
                if candidate not in self._files:
                    self._files[candidate] = load_config(candidate)
                found = self._files[candidate]
                if found is not None:
                    break
        if found is None and directory.parent != directory:
            found = self._nearest(directory.parent)
        self._by_directory[directory] = found
        return found


def load_config(path: Path, required: bool = False) -> ConfigFile | None:
    """Read and validate a config file; a ``pyproject.toml`` without ``[tool.notice-lint]`` gives None
    (or an error when the file was named with ``--config``)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    prefix = ""
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("notice-lint")
        if table is None:
            if required:
                raise ConfigError(f"{path}: no [tool.notice-lint] table")
            return None
        data, prefix = table, "tool.notice-lint."
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: tool.notice-lint: must be a table")
    where = _Where(path, prefix)
    overrides_raw = data.get("overrides", [])
    base = _layer({key: value for key, value in data.items() if key != "overrides"}, where, KEYS, path.parent)
    if not isinstance(overrides_raw, list) or not all(isinstance(item, dict) for item in overrides_raw):
        raise where.fail("overrides", "must be a list of [[overrides]] tables, each with files = [globs]")
    overrides = []
    for position, table in enumerate(overrides_raw):
        here = _Where(path, f"{prefix}overrides[{position}].")
        files = table.get("files")
        if not _string_list(files) or not files:
            raise here.fail("files", "required: a non-empty list of glob patterns (relative to the config file)")
        rest = {key: value for key, value in table.items() if key != "files"}
        overrides.append((tuple(files), _layer(rest, here, {**OVERRIDE_KEYS, "files": "files"}, path.parent)))
    return ConfigFile(path, base, tuple(overrides))


def command_line_layer(options: dict[str, Any], base: Path | None = None) -> Layer:
    """A layer from command-line options by FileSettings field name (None or empty means not given),
    validated like a config file."""
    keys = {name: key for key, name in KEYS.items()}
    given = {keys[name]: value for name, value in options.items() if value not in (None, (), [])}
    return _layer(given, _Where(None, ""), KEYS, base or Path.cwd())


@dataclass(frozen=True)
class _Where:
    path: Path | None
    prefix: str

    def fail(self, key: str, reason: str) -> ConfigError:
        if self.path is None:
            return ConfigError(f"--{key}: {reason}")
        return ConfigError(f"{self.path}: {self.prefix}{key}: {reason}")


def _layer(table: dict[str, Any], where: _Where, allowed: dict[str, str], base: Path) -> Layer:
    layer: Layer = {}
    for key, value in table.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, list(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise where.fail(key, f"unknown key{hint}; allowed: {', '.join(sorted(allowed))}")
        name = allowed[key]
        if name == "files":
            continue
        layer[name] = VALIDATORS[name](value, lambda reason, key=key: where.fail(key, reason), base)
    if "profiles" in layer:
        _check_profiles(layer, lambda reason: where.fail("profiles", reason))
    return layer


Fail = Callable[[str], ConfigError]


def _string_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) and item.strip() for item in value)


def _list(value: Any, fail: Fail, what: str) -> tuple[str, ...]:
    """A list of strings; a string, and comma-separated items, are split at commas."""
    if isinstance(value, str):
        value = [value]
    if not _string_list(value):
        raise fail(f"must be a list of {what}")
    return tuple(part.strip() for item in value for part in item.split(",") if part.strip())


def _choice(choices: tuple[str, ...]) -> Callable[[Any, Fail, Path], str]:
    def check(value: Any, fail: Fail, base: Path) -> str:
        if value not in choices:
            raise fail(f"must be one of {', '.join(choices)}")
        return value

    return check


def _profiles(value: Any, fail: Fail, base: Path) -> tuple[str, ...]:
    return _list(value, fail, "profile names")


def _check_profiles(layer: Layer, fail: Fail) -> None:
    """Profile names must be known (built in, or in the layer's rules directories)."""
    known = known_profiles([Path(directory) for directory in layer.get("rules_dirs", ())])
    for name in layer.get("profiles", ()):
        if known is not None and name not in known:
            raise fail(f"unknown profile {name!r}; known profiles: {', '.join(sorted(known))}")


def known_profiles(extra: list[Path] | None = None) -> set[str] | None:
    """The profile names ``notice_lint.profiles`` offers, or None when profiles are not available."""
    try:
        from .profiles import known_profiles as names
    except ImportError:
        return None
    return set(names(extra or None))


def _rules(value: Any, fail: Fail, base: Path) -> tuple[str, ...]:
    return _list(value, fail, "rule ids")


def _severity(value: Any, fail: Fail, base: Path) -> tuple[tuple[str, str], ...]:
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        pairs = [item.split("=", 1) for item in value]  # command line: RULE=LEVEL
        if not all(len(pair) == 2 for pair in pairs):
            raise fail("write RULE=LEVEL, e.g. minimizing-wording=warning")
        value = {rule.strip(): level.strip() for rule, level in pairs}
    if not isinstance(value, dict):
        raise fail("must be a table of rule id = level (error, warning, info, off)")
    for rule, level in value.items():
        if level not in LEVELS:
            raise fail(f"{rule}: must be one of {', '.join(LEVELS)}")
    return tuple(value.items())


def _directories(value: Any, fail: Fail, base: Path) -> tuple[str, ...]:
    directories = []
    for item in _list(value, fail, "directories"):
        directory = (base / item).resolve()
        if not directory.is_dir():
            raise fail(f"{item!r} is not a directory (paths are relative to {base})")
        directories.append(str(directory))
    return tuple(directories)


def _text(value: Any, fail: Fail, base: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("must be a non-empty string")
    return value.strip()


def _domains(value: Any, fail: Fail, base: Path) -> tuple[str, ...]:
    domains = tuple(item.lower().rstrip(".") for item in _list(value, fail, "domain names"))
    for domain in domains:
        if not DOMAIN.match(domain):
            raise fail(f"{domain!r} is not a domain name (write example.com or *.example.com, no scheme or path)")
    return domains


def _selector(value: Any, fail: Fail, base: Path) -> str:
    selector = _text(value, fail, base)
    import soupsieve

    try:
        soupsieve.compile(selector)
    except soupsieve.SelectorSyntaxError as error:
        raise fail(f"not a valid CSS selector: {str(error).splitlines()[0]}") from None
    return selector


def _size(value: Any, fail: Fail, base: Path) -> int:
    try:
        return parse_size(value)
    except ValueError:
        raise fail("must be a size in bytes (10000000) or with a unit (\"10MB\", \"500KB\", \"2MiB\"); 0 means no limit") from None


def _exclude(value: Any, fail: Fail, base: Path) -> tuple[tuple[str, str], ...]:
    return tuple((pattern, str(base)) for pattern in _list(value, fail, "glob patterns"))


VALIDATORS: dict[str, Callable[[Any, Fail, Path], Any]] = {
    "profiles": _profiles,
    "lang": _choice(LANGS),
    "select": _rules,
    "ignore": _rules,
    "severity": _severity,
    "fail_on": _choice(FAIL_ON),
    "rules_dirs": _directories,
    "organisation": _text,
    "domains": _domains,
    "main_selector": _selector,
    "exclude": _exclude,
    "max_file_size": _size,
}


def path_matches(path: Path, pattern: str, base: Path) -> bool:
    """Whether ``pattern`` matches ``path`` taken relative to ``base``.

    A pattern without ``/`` matches any one path component (``drafts``, ``*.txt``); a pattern with ``/``
    matches the relative path or one of its parent directories (``docs/old``, ``notices/*.md``).
    ``**/`` matches any number of directories, including none.
    """
    try:
        relative = PurePosixPath(path.absolute().relative_to(base.absolute()).as_posix())
    except ValueError:
        relative = PurePosixPath(path.as_posix())
    pattern = pattern.strip()
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        return any(fnmatchcase(part, pattern) for part in relative.parts)
    candidates = {pattern, pattern.replace("**/", "")}
    prefixes = [PurePosixPath(*relative.parts[: count]).as_posix() for count in range(1, len(relative.parts) + 1)]
    return any(fnmatchcase(prefix, candidate) for candidate in candidates for prefix in prefixes)
