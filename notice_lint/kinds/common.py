"""Pieces the kinds share: compiling a rule's patterns once per language."""

from __future__ import annotations

from typing import Any, Callable, Iterator, TypeVar

from ..nlp import pipeline
from ..packs import Rule, Where
from ..patterns import PatternError, PatternSet, shared_index

T = TypeVar("T")


def cached(rule: Rule, key: object, build: Callable[[], T]) -> T:
    """``build()`` once per rule and key (compiled matchers live as long as the rule)."""
    if key not in rule.cache:
        rule.cache[key] = build()
    return rule.cache[key]


def pattern_set(
    patterns: list, language: str, where: Where, origins: list[Where] | None = None, shared: bool = False
) -> PatternSet:
    """A PatternSet for ``language``; a pattern spaCy rejects becomes an error naming its key: ``origins[i]``
    for pattern ``i`` when the patterns come from several keys, else ``where[i]``. A ``shared`` set, one
    run on nearly every block, joins the language's shared anchor index."""
    try:
        return PatternSet(patterns, pipeline(language), shared_index(language) if shared else None)
    except PatternError as error:
        if error.index is None:
            raise where.fail(str(error)) from None
        raise (origins[error.index] if origins else where.at(error.index)).fail(str(error)) from None


def table_list(data: dict[str, Any], key: str, where: Where, allowed: set[str]) -> Iterator[tuple[Where, dict[str, Any]]]:
    """Each table of a ``[[key]]`` list with where it stands, after checking the list's shape and keys."""
    tables = data.get(key)
    if not isinstance(tables, list) or not tables:
        raise where.at(key).fail(f"required: a list of [[{key}]] tables")
    for position, table in enumerate(tables):
        here = where.at(key).at(position)
        if not isinstance(table, dict):
            raise here.fail("must be a table")
        unknown = set(table) - allowed
        if unknown:
            raise here.at(sorted(unknown)[0]).fail(f"unknown key; allowed: {', '.join(sorted(allowed))}")
        yield here, table


def check_element_fields(table: dict[str, Any], here: Where) -> None:
    """The fields every element table has: its texts, an optional severity, the recognizers it needs."""
    from ..packs import required_str, severity_of
    from ..recognize import RECOGNIZERS

    for key in ("id", "label", "reason", "suggest"):
        required_str(table, key, here)
    if "severity" in table:
        severity_of(table, "severity", here)
    requires = table.get("requires", [])
    if not isinstance(requires, list) or any(name not in RECOGNIZERS for name in requires):
        raise here.at("requires").fail(f"must list recognizers among {', '.join(RECOGNIZERS)}")
