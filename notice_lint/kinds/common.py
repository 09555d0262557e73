"""Pieces the kinds share: compiling a rule's patterns once per language."""

from __future__ import annotations

from typing import Callable, TypeVar

from ..nlp import pipeline
from ..packs import Rule, Where
from ..patterns import PatternError, PatternSet

T = TypeVar("T")


def cached(rule: Rule, key: object, build: Callable[[], T]) -> T:
    """``build()`` once per rule and key (compiled matchers live as long as the rule)."""
    if key not in rule.cache:
        rule.cache[key] = build()
    return rule.cache[key]


def pattern_set(patterns: list, language: str, where: Where) -> PatternSet:
    """A PatternSet for ``language``; a pattern spaCy rejects becomes an error naming its key."""
    try:
        return PatternSet(patterns, pipeline(language))
    except PatternError as error:
        key = where.at(error.index) if error.index is not None else where
        raise key.fail(str(error)) from None
