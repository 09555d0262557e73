"""Kind ``wording``: words and phrases to flag, each with a reason and a better wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..analysis import Analysis, Analyzed
from ..model import Finding, Severity
from ..packs import LANGUAGES, Rule, Where, optional_str, pattern_list, required_str, severity_of
from ..patterns import Match, PatternSet
from .common import cached, pattern_set, table_list

KEYS = {"scope", "patterns", "lists"}
PATTERN_KEYS = {"lang", "match", "reason", "suggest", "fix", "unless", "if-sentence", "unless-sentence", "severity"}
NOTICE_KEYS = ("if-notice", "unless-notice")
"""Conditions read against the whole notice body (every block in the pattern's language)."""
PATTERN_KEYS |= set(NOTICE_KEYS)
CONDITION_KEYS = ("unless", "if-sentence", "unless-sentence", *NOTICE_KEYS)
UNSAFE_IN_FIX = set("<>&*_`[]\\\r\n")
"""Characters a fix may not insert: markup in HTML or Markdown, or a line break."""
SCOPES = {"body", "preview", "heading", "paragraph", "list-item", "table-cell", "quote", "title"}


def validate(data: dict[str, Any], where: Where) -> None:
    scope = data.get("scope", ["body"])
    if not isinstance(scope, list) or not scope or not all(isinstance(item, str) for item in scope):
        raise where.at("scope").fail("must be a non-empty list of scopes")
    for position, item in enumerate(scope):
        if item not in SCOPES and ":" not in item and item not in ("title", "description", "subject"):
            raise where.at("scope").at(position).fail(f"unknown scope {item!r}")
    lists = data.get("lists", {})
    if not isinstance(lists, dict):
        raise where.at("lists").fail("must be a table of named pattern lists")
    for name, patterns in lists.items():
        pattern_list(patterns, where.at("lists").at(name))
    for here, table in table_list(data, "patterns", where, PATTERN_KEYS):
        if table.get("lang") not in LANGUAGES:
            raise here.at("lang").fail(f"required: one of {', '.join(LANGUAGES)}")
        pattern_list(table.get("match"), here.at("match"))
        required_str(table, "reason", here)
        optional_str(table, "suggest", here)
        fix = optional_str(table, "fix", here)
        if fix is not None and UNSAFE_IN_FIX & set(fix):
            raise here.at("fix").fail("must be plain words: no markup characters (< > & * _ ` [ ] \\) or line breaks")
        for key in CONDITION_KEYS:
            if key in table:
                pattern_list(condition(data, table, key, here), here.at(key))
        if "severity" in table:
            severity_of(table, "severity", here)


def condition(data: dict[str, Any], table: dict[str, Any], key: str, where: Where) -> Any:
    """A pattern table's condition ``key``: its patterns, or the rule's ``[lists]`` entry it names with
    ``{ list = "name" }`` (conditions several patterns share are written once)."""
    value = table[key]
    if not isinstance(value, dict):
        return value
    name = value.get("list")
    if set(value) != {"list"} or name not in data.get("lists", {}):
        known = ", ".join(sorted(data.get("lists", {}))) or "none"
        raise where.at(key).fail(f'must be patterns or {{ list = "name" }} naming one of [lists] (known: {known})')
    return data["lists"][name]


@dataclass(frozen=True)
class _Entry:
    """One ``[[patterns]]`` table, compiled for one language."""

    table: dict[str, Any]
    severity: Severity | None
    unless: PatternSet | None
    if_sentence: PatternSet | None
    unless_sentence: PatternSet | None
    if_notice: PatternSet | None = None
    unless_notice: PatternSet | None = None

    def allows_in(self, notice: _Notice, language: str) -> bool:
        """The document-level conditions: ``if-notice`` must match, ``unless-notice`` must not."""
        if self.if_notice is not None and not notice.matches(self.if_notice, language):
            return False
        return not (self.unless_notice is not None and notice.matches(self.unless_notice, language))

    def allows(self, item: Analyzed, match: Match) -> bool:
        if self.unless is not None and any(
            other.char_start < match.char_end and match.char_start < other.char_end
            for other in self.unless.find(item.doc)
        ):
            return False
        sentence = item.doc[match.token_start].sent
        if self.if_sentence is not None and not self.if_sentence.matches_in(sentence):
            return False
        return not (self.unless_sentence is not None and self.unless_sentence.matches_in(sentence))


@dataclass(frozen=True)
class _Compiled:
    matcher: PatternSet
    owners: list[int]
    entries: list[_Entry]


def _compile(rule: Rule, language: str) -> _Compiled:
    patterns: list = []
    owners: list[int] = []
    origins: list[Where] = []
    entries: list[_Entry] = []
    named: dict[str, PatternSet] = {}
    for position, table in enumerate(rule.data["patterns"]):
        if table["lang"] != language:
            continue
        here = rule.where("patterns").at(position)

        def optional(key: str) -> PatternSet | None:
            if key not in table:
                return None
            name = table[key].get("list") if isinstance(table[key], dict) else None
            if name in named:  # a shared list is compiled once, and a notice is searched for it once
                return named[name]
            compiled = pattern_set(pattern_list(condition(rule.data, table, key, here), here.at(key)), language, here.at(key))
            if name is not None:
                named[name] = compiled
            return compiled

        matches = pattern_list(table["match"], here.at("match"))
        patterns.extend(matches)
        origins.extend(here.at("match").at(index) for index in range(len(matches)))
        owners.extend([len(entries)] * len(matches))
        severity = severity_of(table, "severity", here) if "severity" in table else None
        entries.append(
            _Entry(
                table,
                severity,
                optional("unless"),
                optional("if-sentence"),
                optional("unless-sentence"),
                optional("if-notice"),
                optional("unless-notice"),
            )
        )
    return _Compiled(pattern_set(patterns, language, rule.where("patterns"), origins, shared=True), owners, entries)


class _Notice:
    """The notice body, searched once per condition and language for ``if-notice``/``unless-notice``."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.seen: dict[tuple[int, str], bool] = {}

    def matches(self, patterns: PatternSet, language: str) -> bool:
        key = (id(patterns), language)
        if key not in self.seen:
            self.seen[key] = any(
                patterns.matches_in(item.doc) for item in self.analysis.body if item.language == language
            )
        return self.seen[key]


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    notice = _Notice(analysis)
    for item in analysis.scoped(rule.data.get("scope", ["body"])):
        compiled = cached(rule, ("wording", item.language), lambda: _compile(rule, item.language))
        if not compiled.matcher:
            continue
        taken_until = -1
        for match in compiled.matcher.find(item.doc):
            entry = compiled.entries[compiled.owners[match.key]]
            if match.char_start < taken_until or not entry.allows(item, match):
                continue
            if not entry.allows_in(notice, item.language):
                continue
            taken_until = match.char_end
            yield analysis.finding(
                rule,
                item.mapped,
                match.char_start,
                match.char_end,
                severity=entry.severity,
                suggestion=entry.table.get("suggest"),
                fix=entry.table.get("fix"),
                reason=entry.table["reason"],
                suggest=entry.table.get("suggest", ""),
            )
