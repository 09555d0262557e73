"""Conditional elements: an element whose ``when`` cues decide whether the notice must carry it.

California and Massachusetts ask for credit monitoring only when Social Security or driver's licence
numbers were involved. Such an element has ``when`` (patterns, per language, one of which a body
sentence must match) and optionally ``when-unless`` (patterns that void a ``when`` match in the same
sentence: "Social Security numbers were *not* involved").
"""

from __future__ import annotations

from ..analysis import Analysis
from ..packs import Rule
from ..patterns import PatternSet
from .common import cached, pattern_set

CONDITION_KEYS = ("when", "when-unless")


def applies(rule: Rule, position: int, analysis: Analysis) -> bool:
    """Whether element ``position`` of ``rule`` is asked of this notice (always, unless it has ``when``)."""
    table = rule.data["elements"][position]
    if "when" not in table:
        return True
    for item in analysis.body:
        when = cached(rule, ("when", position, item.language), lambda: _patterns(rule, position, "when", item.language))
        if when is None:
            continue
        unless = cached(
            rule, ("when-unless", position, item.language), lambda: _patterns(rule, position, "when-unless", item.language)
        )
        for match in when.find(item.doc):
            sentence = item.doc[match.token_start].sent
            if unless is None or not unless.matches_in(sentence):
                return True
    return False


def _patterns(rule: Rule, position: int, key: str, language: str) -> PatternSet | None:
    patterns = rule.data["elements"][position].get(key, {}).get(language)
    if not patterns:
        return None
    where = rule.where("elements").at(position).at(key).at(language)
    return pattern_set(patterns if isinstance(patterns, list) else [patterns], language, where)
