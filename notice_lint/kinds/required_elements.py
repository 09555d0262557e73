"""Kind ``required-elements``: guidance a notice must give, each element found by cue patterns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from ..analysis import Analysis, Analyzed
from ..model import Finding, Severity, TextBlock
from ..packs import Rule, Where, language_table, severity_of
from ..patterns import Match, PatternSet
from ..recognize import recognizes
from .common import cached, check_element_fields, pattern_set, table_list
from .conditions import CONDITION_KEYS, applies

KEYS = {"elements"}
ELEMENT_KEYS = {"id", "label", "severity", "reason", "suggest", "requires", "cues", "heading-cues", *CONDITION_KEYS}
LABEL_TOKENS = 6
"""A block this short that carries a cue is a label ("Contact:", a table header) for the next block."""


def validate(data: dict[str, Any], where: Where) -> None:
    seen = set()
    for here, table in table_list(data, "elements", where, ELEMENT_KEYS):
        check_element_fields(table, here)
        if table["id"] in seen:
            raise here.at("id").fail(f"element {table['id']!r} is defined twice")
        seen.add(table["id"])
        if "cues" not in table and "heading-cues" not in table:
            raise here.fail("needs 'cues' or 'heading-cues'")
        for key in ("cues", "heading-cues", *CONDITION_KEYS):
            if key in table:
                language_table(table[key], here.at(key))


@dataclass(frozen=True)
class _Cues:
    """All elements' cues for one language, in two matchers, with the element each pattern serves."""

    sentence: PatternSet
    sentence_owner: list[int]
    heading: PatternSet
    heading_owner: list[int]


def _compile(rule: Rule, language: str) -> _Cues:
    sets: dict[str, tuple[list, list[int], list[Where]]] = {"cues": ([], [], []), "heading-cues": ([], [], [])}
    for position, table in enumerate(rule.data["elements"]):
        for key, (patterns, owners, origins) in sets.items():
            found = table.get(key, {}).get(language, [])
            found = [found] if isinstance(found, str) else found
            here = rule.where("elements").at(position).at(key).at(language)
            patterns.extend(found)
            owners.extend([position] * len(found))
            origins.extend(here.at(index) for index in range(len(found)))
    compiled = {key: pattern_set(patterns, language, rule.where("elements"), origins, shared=key == "cues")
                for key, (patterns, _, origins) in sets.items()}
    return _Cues(compiled["cues"], sets["cues"][1], compiled["heading-cues"], sets["heading-cues"][1])


def present_elements(rule: Rule, analysis: Analysis) -> set[int]:
    """Indexes of the rule's elements the notice carries."""
    return set(element_spans(rule, analysis))


def element_spans(
    rule: Rule, analysis: Analysis, accept: Callable[[int, Analyzed, Match], bool] | None = None
) -> dict[int, tuple[Analyzed, Match]]:
    """The rule's elements the notice carries, each with the block and the cue match that gave it first;
    ``accept(element, block, match)``, when given, may refuse a match."""
    elements = rule.data["elements"]
    present: dict[int, tuple[Analyzed, Match]] = {}
    searched: dict[tuple[int, int, tuple[str, ...]], bool] = {}
    body = analysis.body
    for index, item in enumerate(body):
        if len(present) == len(elements):
            break  # every element is found: the rest of a long notice need not be read
        cues = cached(rule, ("cues", item.language), lambda: _compile(rule, item.language))
        if item.kind == "heading":
            section: list[Analyzed] | None = None
            for match in cues.heading.find(item.doc, _missing(cues.heading_owner, present)):
                owner = cues.heading_owner[match.key]
                if owner in present:
                    continue
                requires = elements[owner].get("requires")
                section = _section(body, index) if section is None else section
                if section and (not requires or any(recognizes(requires, block.mapped.text) for block in section)):
                    if accept is None or accept(owner, item, match):
                        present.setdefault(owner, (item, match))
            continue
        for match in cues.sentence.find(item.doc, _missing(cues.sentence_owner, present)):
            owner = cues.sentence_owner[match.key]
            if owner in present:
                continue
            requires = elements[owner].get("requires")
            if not requires or _recognized_near(requires, item, match.token_start, body, index, searched):
                if accept is None or accept(owner, item, match):
                    present.setdefault(owner, (item, match))
    return present


def _missing(owners: list[int], present: dict[int, Any]) -> set[int] | None:
    """The cue patterns (keys) of elements not found yet; None while none is (every pattern)."""
    return {key for key, owner in enumerate(owners) if owner not in present} if present else None


def _recognized_near(
    requires: list[str], item: Analyzed, token: int, body: list[Analyzed], index: int,
    searched: dict[tuple[int, int, tuple[str, ...]], bool],
) -> bool:
    """The cue's sentence holds what the element needs, or the cue is a label for the next block. A
    sentence is searched once per ``requires`` (``searched``): a long one may hold many cues."""
    sentence = item.doc[token].sent
    key = (index, sentence.start, tuple(requires))
    if key not in searched:
        searched[key] = recognizes(requires, item.mapped.text[sentence.start_char : sentence.end_char])
    if searched[key]:
        return True
    is_label = len(item.doc) <= LABEL_TOKENS
    return is_label and index + 1 < len(body) and recognizes(requires, body[index + 1].mapped.text)


def _section(body: list[Analyzed], index: int) -> list[Analyzed]:
    """The blocks under the heading at ``index``, up to the next heading of its level or higher."""
    level = _level(body[index])
    section = []
    for item in body[index + 1 :]:
        if item.kind == "heading" and _level(item) <= level:
            break
        section.append(item)
    return section


def _level(item: Analyzed) -> int:
    return item.mapped.level if isinstance(item.mapped, TextBlock) and item.mapped.level else 1


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    present = present_elements(rule, analysis)
    headline = analysis.notice.headline()
    for index, table in enumerate(rule.data["elements"]):
        if index in present or not applies(rule, index, analysis):
            continue
        severity: Severity = severity_of(table, "severity", rule.where(), default=rule.severity)
        yield analysis.finding(
            rule,
            headline,
            0,
            len(headline.text) if headline else 0,
            severity=severity,
            suggestion=table["suggest"],
            element=table["id"],
            label=table["label"],
            reason=table["reason"],
        )
