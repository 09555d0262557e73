"""Kind ``forbidden``: content a law bars from the notice, found by the same cues as required elements.

Massachusetts bars the nature of the breach and the number of residents affected from the letter to its
residents. Elements are written as for ``required-elements``; an element without cues takes them from
the required-elements rule that defines the same id (:func:`notice_lint.profiles.apply_profiles` fills
them in), so "what happened" means the same thing whether a profile requires it or forbids it. One
finding per element the notice carries, over the first sentence (or heading) that gives it.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..analysis import Analysis, Analyzed
from ..model import Finding, TextBlock
from ..packs import Rule, Where, language_table, severity_of
from ..patterns import Match, PatternSet
from .common import cached, check_element_fields, pattern_set, table_list
from .required_elements import element_spans

KEYS = {"elements"}
ELEMENT_KEYS = {"id", "label", "severity", "reason", "suggest", "requires", "cues", "heading-cues", "unless", "conflict"}


def validate(data: dict[str, Any], where: Where) -> None:
    for here, table in table_list(data, "elements", where, ELEMENT_KEYS):
        check_element_fields(table, here)
        for key in ("cues", "heading-cues", "unless"):
            if key in table:
                language_table(table[key], here.at(key))


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    elements = rule.data["elements"]

    def accept(position: int, item: Analyzed, match: Match) -> bool:
        unless = cached(rule, ("unless", position, item.language), lambda: _unless(rule, position, item.language))
        return unless is None or not unless.matches_in(item.doc[match.token_start].sent)

    for index, (item, match) in sorted(element_spans(rule, analysis, accept).items()):
        table = elements[index]
        if isinstance(item.mapped, TextBlock) and item.mapped.kind == "heading":
            start, end = 0, len(item.mapped.text)
        else:
            sentence = item.doc[match.token_start].sent
            start, end = sentence.start_char, sentence.end_char
        yield analysis.finding(
            rule,
            item.mapped,
            start,
            end,
            severity=severity_of(table, "severity", rule.where(), default=rule.severity),
            suggestion=table["suggest"],
            element=table["id"],
            label=table["label"],
            reason=table["reason"],
            conflict=table.get("conflict", ""),
        )


def _unless(rule: Rule, position: int, language: str) -> PatternSet | None:
    patterns = rule.data["elements"][position].get("unless", {}).get(language)
    if not patterns:
        return None
    where = rule.where("elements").at(position).at("unless").at(language)
    return pattern_set(patterns if isinstance(patterns, list) else [patterns], language, where)
