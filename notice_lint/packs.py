"""Load rule packs: one TOML file per rule, validated with errors that name the file and the key."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Severity
from .source import special_kind

if TYPE_CHECKING:
    from .cache import FindingsCache

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
LANGUAGES = ("en", "ko")
COMMON_KEYS = {"id", "kind", "severity", "summary", "message", "why", "examples", "supersedes"}


class PackError(Exception):
    """A rule file that cannot be used: ``file: key: reason``."""

    def __init__(self, path: str | Path, key: str, reason: str) -> None:
        reason = " ".join(reason.split())  # one line, even when a library's message has several
        self.path, self.key, self.reason = str(path), key, reason
        super().__init__(f"{path}: {key}: {reason}" if key else f"{path}: {reason}")

    def __reduce__(self) -> tuple:
        """Rebuilt from its parts when it crosses from a worker process (``--jobs``)."""
        return (PackError, (self.path, self.key, self.reason))


@dataclass(frozen=True)
class Where:
    """Where a value sits in a rule file, for error messages."""

    path: str
    key: str = ""
    trusted: bool = False
    """A built-in pack, checked in full by the test suite: loading skips compiling its regexes."""

    def at(self, key: str | int) -> Where:
        if isinstance(key, int):
            return Where(self.path, f"{self.key}[{key}]", self.trusted)
        return Where(self.path, f"{self.key}.{key}" if self.key else key, self.trusted)

    def fail(self, reason: str) -> PackError:
        return PackError(self.path, self.key, reason)


@dataclass(frozen=True)
class Example:
    """A document a rule must flag (``fails``) or leave alone, with optional expectations."""

    language: str
    text: str
    fails: bool
    expect: str | None = None
    field: str | None = None
    element: str | None = None
    serve: dict[str, dict[str, Any]] | None = None
    """A live example: pages by path for a test web site; ``text`` is then the path to check."""


SERVE_KEYS = {"status", "location", "content-type", "charset", "body", "crawler-body"}


@dataclass(frozen=True)
class Rule:
    """A validated rule; ``data`` keeps the file's table for the rule's kind to read."""

    id: str
    kind: str
    severity: Severity
    summary: str
    message: str
    why: str
    path: str
    data: dict[str, Any]
    examples: tuple[Example, ...]
    supersedes: tuple[str, ...] = ()
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def where(self, key: str = "") -> Where:
        """Where ``key`` sits in the rule's file; trusted, since a loaded rule was validated when loaded."""
        return Where(self.path, key, trusted=True)


def rule_languages(rule: Rule) -> list[str]:
    """The languages a rule's examples cover, which is where its patterns are written."""
    return [language for language in LANGUAGES if any(e.language == language for e in rule.examples)]


def builtin_rules_dir() -> Path:
    """The rule packs shipped with the tool: inside the package, or the checkout's ``rules/``."""
    packaged = resources.files("notice_lint") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


def load_rules(directories: list[Path] | None = None) -> list[Rule]:
    """Every rule in the built-in pack and in ``directories``, sorted by id."""
    rules: dict[str, Rule] = {}
    builtin = builtin_rules_dir()
    for directory in [builtin, *(directories or [])]:
        if not directory.is_dir():
            raise PackError(directory, "", "not a directory of rule files")
        for path in sorted(directory.glob("*.toml")):
            if special_kind(path):  # a pipe or device: reading it could wait for ever
                raise PackError(path, "", "not a regular file")
            rule = load_rule(path, trusted=directory == builtin)
            if rule.id in rules:
                raise PackError(path, "id", f"rule {rule.id!r} is already defined in {rules[rule.id].path}")
            rules[rule.id] = rule
    return [rules[key] for key in sorted(rules)]


PARSED: FindingsCache | None = None
"""Where rule and profile files are kept parsed between runs (the findings cache, when the run uses one)."""


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table (through :data:`PARSED` when set). Raises OSError, UnicodeDecodeError or
    ``tomllib.TOMLDecodeError``."""
    if PARSED is None:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    return PARSED.parsed_toml(path.read_bytes())


def load_rule(path: Path, trusted: bool = False) -> Rule:
    """Read and validate one rule file (``trusted``: a built-in one, see :attr:`Where.trusted`)."""
    try:
        data = read_toml(path)
    except tomllib.TOMLDecodeError as error:
        raise PackError(path, "", f"not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(path, "", f"cannot read: {error}") from None
    return parse_rule(data, path, trusted)


def parse_rule(data: dict[str, Any], path: Path | str, trusted: bool = False) -> Rule:
    """Validate a rule's table; ``path`` is used for errors and for the id check."""
    from .kinds import KINDS

    where = Where(str(path), trusted=trusted)
    rule_id = required_str(data, "id", where)
    if not RULE_ID.match(rule_id):
        raise where.at("id").fail("use lowercase words joined by '-', e.g. 'minimizing-wording'")
    if Path(str(path)).suffix == ".toml" and Path(str(path)).stem != rule_id:
        raise where.at("id").fail(f"must match the file name {Path(str(path)).stem!r}")
    kind_name = required_str(data, "kind", where)
    if kind_name not in KINDS:
        raise where.at("kind").fail(f"unknown kind {kind_name!r}; known kinds: {', '.join(sorted(KINDS))}")
    kind = KINDS[kind_name]
    unknown = set(data) - COMMON_KEYS - set(kind.KEYS)
    if unknown:
        raise where.at(sorted(unknown)[0]).fail(f"unknown key for kind {kind_name!r}")
    kind.validate(data, where)
    return Rule(
        id=rule_id,
        kind=kind_name,
        severity=severity_of(data, "severity", where),
        summary=required_str(data, "summary", where),
        message=required_str(data, "message", where),
        why=required_str(data, "why", where),
        path=str(path),
        data=data,
        examples=parse_examples(data.get("examples"), where.at("examples")),
        supersedes=_rule_ids(data.get("supersedes", []), where.at("supersedes")),
    )


def _rule_ids(value: Any, where: Where) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and RULE_ID.match(item) for item in value):
        raise where.fail("must be a list of rule ids")
    return tuple(value)


def required_str(table: dict[str, Any], key: str, where: Where) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise where.at(key).fail("required: a non-empty string")
    return value.strip()


def optional_str(table: dict[str, Any], key: str, where: Where) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise where.at(key).fail("must be a string")
    return value


def severity_of(table: dict[str, Any], key: str, where: Where, default: Severity | None = None) -> Severity:
    value = table.get(key)
    if value is None and default is not None:
        return default
    try:
        return Severity(value)
    except ValueError:
        raise where.at(key).fail("must be one of error, warning, info") from None


def pattern_list(value: Any, where: Where, allow_empty: bool = False) -> list[str | list]:
    """A pattern or list of patterns, checked for shape (compiled later, per language)."""
    if isinstance(value, str) or (isinstance(value, list) and value and isinstance(value[0], dict)):
        value = [value]
    if not isinstance(value, list) or (not value and not allow_empty):
        raise where.fail("must be a pattern or a non-empty list of patterns")
    for position, pattern in enumerate(value):
        if isinstance(pattern, str):
            check_pattern_syntax(pattern, where.at(position))
        elif not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)):
            raise where.at(position).fail("a pattern is a string or a list of token tables")
    return value


def check_pattern_syntax(pattern: str, where: Where) -> None:
    """Catch what can be caught without a pipeline: empty patterns and bad regular expressions."""
    if not pattern.strip():
        raise where.fail("empty pattern")
    if where.trusted:
        return
    for piece in pattern.split():
        if piece.startswith("/") and piece.rfind("/") > 0:
            try:
                re.compile(piece[1 : piece.rfind("/")])
            except re.error as error:
                raise where.fail(f"invalid regular expression {piece!r}: {error}") from None
            if nested_repeat(piece[1 : piece.rfind("/")]):
                raise where.fail(f"regular expression {piece!r} repeats a repeat, as in (a+)+: on a long word "
                                 "it can take exponential time; repeat the inner part only, e.g. a+")


def nested_repeat(pattern: str) -> bool:
    """Whether an unbounded repeat holds nothing but another unbounded repeat (and optional parts), as in
    ``(a+)+`` or ``(\\w+\\s?)*``: the shape that lets a backtracking engine split one word in exponentially
    many ways. ``(\\d+,)+`` is fine (the comma must be there). Overlapping alternatives such as ``(a|a)*``
    are not caught here; the per-file time limit stops those."""
    try:
        from re import _constants as sre, _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as sre  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]
    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}
    zero_width = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}

    def children(op: Any, value: Any) -> list[Any]:
        if op in repeats:
            return [value[2]]
        if op == sre.SUBPATTERN:
            return [value[-1]]
        if op == sre.BRANCH:
            return list(value[1])
        return [value[1]] if op in (sre.ASSERT, sre.ASSERT_NOT) else []

    def endless(op: Any, value: Any) -> bool:
        return op in repeats and value[1] == sre.MAXREPEAT

    def may_be_empty(items: Any) -> bool:
        return all(op in zero_width or (op in repeats and value[0] == 0)
                   or (op in (sre.SUBPATTERN, sre.BRANCH) and any(may_be_empty(c) for c in children(op, value)))
                   for op, value in items)

    def only_repeats(items: Any) -> bool:
        """Some unbounded repeat, and nothing that must match besides unbounded repeats."""
        found = False
        for op, value in items:
            if endless(op, value):
                found = True
            elif op in (sre.SUBPATTERN, sre.BRANCH, *repeats) and any(only_repeats(c) for c in children(op, value)):
                found = True
            elif not may_be_empty([(op, value)]):
                return False
        return found

    def risky(items: Any) -> bool:
        for op, value in items:
            if endless(op, value) and only_repeats(value[2]):
                return True
            if any(risky(child) for child in children(op, value)):
                return True
        return False

    return risky(parser.parse(pattern))


def language_table(value: Any, where: Where) -> dict[str, list[str | list]]:
    """A table of language -> patterns, e.g. ``{en = [...], ko = [...]}``."""
    if not isinstance(value, dict) or not value:
        raise where.fail("must be a table of languages (en, ko) to patterns")
    for language in value:
        if language not in LANGUAGES:
            raise where.at(language).fail(f"unknown language; use one of {', '.join(LANGUAGES)}")
    return {language: pattern_list(patterns, where.at(language)) for language, patterns in value.items()}


def parse_examples(value: Any, where: Where) -> tuple[Example, ...]:
    if not isinstance(value, dict) or not value:
        raise where.fail("required: a table per language with 'fail' and 'pass' lists")
    examples: list[Example] = []
    for language, table in value.items():
        here = where.at(language)
        if language not in LANGUAGES:
            raise here.fail(f"unknown language; use one of {', '.join(LANGUAGES)}")
        if not isinstance(table, dict) or set(table) - {"fail", "pass"}:
            raise here.fail("must hold only 'fail' and 'pass' lists")
        for outcome in ("fail", "pass"):
            items = table.get(outcome, [])
            if not isinstance(items, list):
                raise here.at(outcome).fail("must be a list")
            for position, item in enumerate(items):
                examples.append(_example(item, language, outcome == "fail", here.at(outcome).at(position)))
    if not any(example.fails for example in examples) or all(example.fails for example in examples):
        raise where.fail("a rule needs at least one failing and one passing example")
    return tuple(examples)


def _example(item: Any, language: str, fails: bool, where: Where) -> Example:
    if isinstance(item, str):
        return Example(language, item, fails)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise where.fail("an example is a string or a table with 'text'")
    extra = set(item) - {"text", "expect", "field", "element", "serve"}
    if extra:
        raise where.at(sorted(extra)[0]).fail("unknown key; an example table has text, expect, field, element, serve")
    return Example(
        language,
        item["text"],
        fails,
        expect=optional_str(item, "expect", where),
        field=optional_str(item, "field", where),
        element=optional_str(item, "element", where),
        serve=_served_pages(item["serve"], item["text"], where.at("serve")) if "serve" in item else None,
    )


def _served_pages(value: Any, path: str, where: Where) -> dict[str, dict[str, Any]]:
    """A live example's web site: ``{"/path" = {status, location, content-type, charset, body, crawler-body}}``."""
    if not isinstance(value, dict) or not value or path not in value:
        raise where.fail(f"must be a table of pages by path, including the example's text {path!r}")
    for page_path, page in value.items():
        here = where.at(page_path)
        if not page_path.startswith("/") or not isinstance(page, dict):
            raise here.fail("a page is a table under a path starting with '/'")
        unknown = set(page) - SERVE_KEYS
        if unknown:
            raise here.at(sorted(unknown)[0]).fail(f"unknown key; a page has {', '.join(sorted(SERVE_KEYS))}")
        if not isinstance(page.get("status", 200), int):
            raise here.at("status").fail("must be an HTTP status number")
    return value
