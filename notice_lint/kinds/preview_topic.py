"""Kind ``preview-topic``: the title people see in a link preview does not name the incident."""

from __future__ import annotations

from typing import Any, Iterator

from ..analysis import Analysis, Analyzed
from ..lang import detect_language
from ..model import Finding, TextBlock
from ..packs import Rule, Where, language_table
from ..nlp import pipeline
from .common import cached, pattern_set

KEYS = {"topic"}


def validate(data: dict[str, Any], where: Where) -> None:
    language_table(data.get("topic"), where.at("topic"))


def shown_titles(analysis: Analysis) -> list[Analyzed]:
    """The titles people see: og:title (most platforms), twitter:title (X), <title> (tabs, search, fallbacks)
    and an email's subject (the first line of the inbox)."""
    shown = [analysis.preview_field(name) for name in ("og:title", "twitter:title", "title", "subject")]
    return [item for item in shown if item is not None]


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    heading = _heading(analysis)
    site_words = _site_words(analysis)
    heading_names_it = heading is not None and _names_incident(rule, heading)
    for item in shown_titles(analysis):
        if rule.data["topic"].get(item.language) is None:
            continue
        if _names_incident(rule, item) or (heading_names_it and _echoes(item, heading, site_words)):
            continue
        yield analysis.finding(rule, item.mapped, 0, len(item.mapped.text))


def _names_incident(rule: Rule, item: Analyzed) -> bool:
    topics = rule.data["topic"].get(item.language)
    if topics is None:
        return False
    where = rule.where("topic").at(item.language)
    matcher = cached(rule, ("topic", item.language), lambda: pattern_set(topics, item.language, where))
    return matcher.matches_in(item.doc)


def _site_words(analysis: Analysis) -> set[str]:
    """Words of og:site_name: a title sharing only the brand with the heading says nothing of the incident."""
    site = analysis.notice.meta_field("og:site_name")
    if site is None:
        return set()
    language = detect_language(site.text, analysis.notice.language)
    return _words(Analyzed(site, pipeline(language)(site.text), language))


def _heading(analysis: Analysis) -> Analyzed | None:
    """The notice's main heading: the first level-1 heading, else the first heading or title."""
    headings = [item for item in analysis.body if item.kind in ("heading", "title")]
    top = [item for item in headings if isinstance(item.mapped, TextBlock) and item.mapped.level <= 1]
    return (top or headings or [None])[0]


def _words(item: Analyzed | None) -> set[str]:
    """Content words, compared by a short stem so Korean particles do not hide a match."""
    if item is None:
        return set()
    return {_stem(token.lower_) for token in item.doc if token.is_alpha and not token.is_stop and len(token) > 1}


def _stem(word: str) -> str:
    return word[:2] if not word.isascii() else word


def _echoes(title: Analyzed, heading: Analyzed | None, site_words: set[str]) -> bool:
    """The title repeats the heading (which names the incident): two of its own words, or all of them."""
    words = _words(title) - site_words
    shared = words & _words(heading)
    return bool(words) and (len(shared) >= 2 or shared == words)
