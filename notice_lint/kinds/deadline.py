"""Kind ``deadline`` (rule ``notification-delay``): the days from discovery to notice, against the deadlines.

The discovery date is a date in the same sentence as a discovery cue ("we discovered", 인지), with no
clause joint between them; the notice date comes from ``--notice-date``, the page's metadata
(``article:published_time``, front matter ``date``) or a dated line in the notice ("Date: April 30,
2025", 등록일 2025.11.29, a letter's date line). Where a date could be several days, the kind takes the
reading most favourable to the notice (the latest discovery, the earliest notice), so it flags only
delays the notice itself proves.

Deadlines come from the rule's ``[deadline]`` (the yardstick without a profile) or, when profiles are
active, from their ``[deadline]`` tables, which :mod:`notice_lint.profiles` copies into ``deadlines``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date
from typing import Any, Iterator

from ..analysis import Analysis, Analyzed
from ..dates import FoundDate, find_dates, parse_iso, published_date
from ..model import Finding, Severity
from ..packs import LANGUAGES, Rule, Where, language_table, required_str, severity_of
from .common import cached, pattern_set

KEYS = {"deadline", "discovery", "excuse", "not-excuse", "notice-labels", "not-notice-date", "no-discovery-message",
        "no-notice-date-message", "deadlines"}
DEADLINE_KEYS = {"days", "label", "severity", "basis", "require", "profile"}
REQUIREMENTS = ("discovery-date", "notice-date")
REACH = {"en": 70, "ko": 40}
"""Characters at most between a discovery cue and its date."""
JOINTS = {
    # a clause joint between a cue and a date means the date belongs to another event
    "en": re.compile(
        r"\b(?:and|but|then|which|while|until|after|notified|reported|informed|mailed|sent|began|started)\b|;"
    ),
    "ko": re.compile(
        r"(?:하였고|했고|되었고|됐고|였고|었고|으며|하며|되며|이며|지만|는데|으나|니다|까지|부터)(?=[\s,.]|$)|;"
    ),
}
AFTER_CUE = {"en": re.compile(r"\b(?:that|between|from|since|through)\b"), "ko": re.compile(r"(?!)")}
"""Words after a cue that introduce what was discovered, whose dates are the breach's, not the discovery's."""
LABEL_TOKENS = 6
EDGE_BLOCKS = 6
"""A dated line counts as the notice's date only among the first or last blocks (letterhead, signature)."""


def validate(data: dict[str, Any], where: Where) -> None:
    validate_deadline(data.get("deadline"), where.at("deadline"), need_days=True)
    for key in ("discovery", "excuse", "not-excuse"):
        language_table(data.get(key), where.at(key))
    for key in ("notice-labels", "not-notice-date"):
        table = data.get(key)
        if not isinstance(table, dict) or set(table) - set(LANGUAGES) or not all(
            isinstance(words, list) and all(isinstance(word, str) for word in words) for words in table.values()
        ):
            raise where.at(key).fail("must be a table of languages (en, ko) to lists of words")
    for key in ("no-discovery-message", "no-notice-date-message"):
        required_str(data, key, where)


def validate_deadline(table: Any, where: Where, need_days: bool = False) -> None:
    """A ``[deadline]`` table: ``days``, ``label``, ``severity``, ``basis``, optional ``require``."""
    if not isinstance(table, dict):
        raise where.fail("must be a table with days, label, severity and basis")
    unknown = set(table) - DEADLINE_KEYS
    if unknown:
        raise where.at(sorted(unknown)[0]).fail(f"unknown key; allowed: {', '.join(sorted(DEADLINE_KEYS - {'profile'}))}")
    days = table.get("days")
    if (need_days or days is not None) and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        raise where.at("days").fail("must be a whole number of days, at least 1 (72 hours is 3)")
    required_str(table, "basis", where)
    if days is not None:
        required_str(table, "label", where)
        severity_of(table, "severity", where)
    require = table.get("require", [])
    if not isinstance(require, list) or any(item not in REQUIREMENTS for item in require):
        raise where.at("require").fail(f"must list some of {', '.join(REQUIREMENTS)}")


@dataclass(frozen=True)
class Dated:
    """A date found in the notice: the block it stands in, and the earliest and latest day it can be."""

    item: Analyzed | None
    found: FoundDate | None
    first: date
    last: date
    source: str
    """Where the date comes from, for the message: ``--notice-date``, ``page metadata``, ``"..." in the text``."""
    in_text: bool = True


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    deadlines = rule.data.get("deadlines") or [rule.data["deadline"]]
    notice_date = find_notice_date(rule, analysis)
    discovered = find_discovery(rule, analysis, notice_date.first if notice_date else None)
    headline = analysis.notice.headline()
    span = (0, len(headline.text)) if headline else (0, 0)
    for requirement, key in (("discovery-date", "no-discovery-message"), ("notice-date", "no-notice-date-message")):
        if requirement == "discovery-date":
            missing = discovered is None
        else:
            missing = next(_dated_lines(rule, analysis), None) is None
        demanding = [d for d in deadlines if requirement in d.get("require", [])]
        if missing and demanding:
            element = "when-discovered" if requirement == "discovery-date" else "notice-date"
            yield analysis.finding(
                replace(rule, message=rule.data[key]), headline, *span,
                severity=_worst(demanding, rule), element=element, basis=_bases(demanding),
            )
    if notice_date is None or discovered is None or discovered.last == date.min:
        return
    gap = (notice_date.first - discovered.last).days
    late = [d for d in deadlines if d.get("days") and gap > d["days"]]
    if gap < 0 or gap > 3650 or not late:
        return
    severity = _worst(late, rule)
    excused = _excused(rule, analysis)
    assert discovered.item is not None and discovered.found is not None
    yield analysis.finding(
        rule,
        discovered.item.mapped,
        discovered.found.start,
        discovered.found.end,
        severity=Severity.INFO if excused else severity,
        notice=notice_date.first.isoformat(),
        source=notice_date.source,
        gap=gap,
        discovered=discovered.last.isoformat(),
        basis=_bases(late),
        excuse=" The notice says law enforcement asked for the delay, so this is information only." if excused else "",
    )


def _worst(deadlines: list[dict[str, Any]], rule: Rule) -> Severity:
    """The highest severity among ``deadlines`` (a table without one counts as an error)."""
    levels = [severity_of(d, "severity", rule.where(), default=Severity.ERROR) for d in deadlines]
    return max(levels, key=lambda severity: severity.rank)


def _bases(deadlines: list[dict[str, Any]]) -> str:
    parts = []
    for deadline in deadlines:
        profile = deadline.get("profile")
        parts.append(f"{profile}: {deadline['basis']}" if profile else deadline["basis"])
    return " ".join(part if part.endswith(".") else part + "." for part in parts)


# -- the notice date -----------------------------------------------------------------------


def find_notice_date(rule: Rule, analysis: Analysis) -> Dated | None:
    """The notice's own date: ``--notice-date``, else the earliest the page or the text declares."""
    given = getattr(analysis.settings, "notice_date", "")
    if given:
        day = parse_iso(given)
        if day is not None:
            return Dated(None, None, day, day, "--notice-date", in_text=False)
    candidates: list[Dated] = []
    published = published_date(analysis.notice.source)
    if published is not None:
        candidates.append(Dated(None, None, published[0], published[0], "page metadata", in_text=False))
    candidates.extend(_dated_lines(rule, analysis))
    return min(candidates, key=lambda dated: dated.first) if candidates else None


def _dated_lines(rule: Rule, analysis: Analysis) -> Iterator[Dated]:
    """Blocks that are only a date, a labelled date (``Date: ...``, 등록일 ...), or a short signature with a date."""
    body = analysis.body
    edges = set(range(min(EDGE_BLOCKS, len(body)))) | set(range(max(0, len(body) - EDGE_BLOCKS), len(body)))
    for index in sorted(edges):
        item = body[index]
        labels = {word.lower() for word in rule.data["notice-labels"].get(item.language, [])}
        refused = rule.data["not-notice-date"].get(item.language, [])
        text = item.mapped.text
        if refused and _word_regex(tuple(refused)).search(text):
            continue
        dates = [found for found in find_dates(text) if found.year and found.day and not found.relative]
        if len(dates) != 1:
            continue
        found = dates[0]
        rest = _words(text[: found.start] + " " + text[found.end :])
        label = " ".join(rest).lower()
        previous = _words(body[index - 1].mapped.text) if index else []
        labelled = label in labels or (not rest and " ".join(previous).lower() in labels)
        signature = item.kind in ("paragraph", "title", "heading") and _signature(rest, item.language)
        if labelled or signature:
            day = found.days()
            if day is not None:
                yield Dated(item, found, day[0], day[1], f'"{found.text}" in the text')


@lru_cache(maxsize=64)
def _word_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` not inside a longer word (case-insensitive)."""
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, words))})(?![a-z])", re.I)


FUNCTION_WORDS = {"on", "in", "at", "by", "from", "since", "between", "until", "before", "after", "what", "when",
                  "how", "as", "of", "the", "a", "an", "and", "to", "for", "we", "our", "your", "this", "that"}
KOREAN_ENDINGS = re.compile(r"(다|요|에|을|를|이|가|은|는|의|로|서|고|부터|까지|간)$")


def _signature(rest: list[str], language: str) -> bool:
    """A date line's other words are a name (Riverside Pediatrics, 한빛몰 대표이사), not a clause."""
    if len(rest) > 4 or any(re.search(r"\d", word) for word in rest):
        return False
    if language == "ko":
        return not any(KOREAN_ENDINGS.search(word) for word in rest)
    return all(word[:1].isupper() and word.lower() not in FUNCTION_WORDS for word in rest)


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s,:;|·()\[\]—–-]+", text) if word and not re.fullmatch(r"\W+", word)]


# -- the discovery date --------------------------------------------------------------------


def find_discovery(rule: Rule, analysis: Analysis, reference: date | None) -> Dated | None:
    """The latest date the notice gives for discovering the breach (at most the notice date); a date whose
    year cannot be known counts as stated, with ``date.min`` as its day, which measures no gap."""
    found: list[Dated] = []
    stated: Dated | None = None
    body = analysis.body
    for index, item in enumerate(body):
        cues = cached(rule, ("discovery", item.language), lambda: _cues(rule, "discovery", item.language))
        if cues is None:
            continue
        for match in cues.find(item.doc):
            sentence = item.doc[match.token_start].sent
            owner, dates = item, [d for d in find_dates(item.mapped.text)
                                  if d.start >= sentence.start_char and d.end <= sentence.end_char]
            chosen = _nearest(dates, match.char_start, match.char_end, item.mapped.text, item.language)
            if chosen is None and len(item.doc) <= LABEL_TOKENS and index + 1 < len(body) and not dates:
                owner = body[index + 1]
                chosen = next(iter(find_dates(owner.mapped.text)), None)
            if chosen is None:
                continue
            span = chosen.days(_year_hint(chosen, owner.mapped.text), reference)
            if span is None:
                stated = stated or Dated(owner, chosen, date.min, date.min, "text")
            elif reference is None or span[0] <= reference:
                found.append(Dated(owner, chosen, span[0], span[1], "text"))
    return max(found, key=lambda dated: dated.last) if found else stated


def _nearest(dates: list[FoundDate], start: int, end: int, text: str, language: str) -> FoundDate | None:
    """The date closest to the cue with nothing between them that ties the date to another event."""
    joints, after_cue = JOINTS.get(language, JOINTS["en"]), AFTER_CUE.get(language, AFTER_CUE["en"])
    best: tuple[int, FoundDate] | None = None
    for found in dates:
        if found.start >= end:
            between = text[end : found.start]
            if after_cue.search(between.lower()):
                continue
        elif found.end <= start:
            between = text[found.end : start]
        else:
            continue
        if len(between) > REACH.get(language, 70) or joints.search(between.lower()):
            continue
        if best is None or len(between) < best[0]:
            best = (len(between), found)
    return best[1] if best else None


YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_hint(found: FoundDate, text: str) -> int | None:
    """A year for a date written without one: a year just after it (the end of a range: "June 24 to July 8,
    2025"), else the nearest year written before it in the block."""
    if found.year:
        return found.year
    years = [(match.start(), int(match.group())) for match in YEAR.finditer(text)]
    after = [year for start, year in years if found.end <= start <= found.end + 30]
    if after:
        return after[0]
    before = [year for start, year in years if start < found.start]
    return before[-1] if before else None


def _cues(rule: Rule, key: str, language: str):
    patterns = rule.data[key].get(language)
    if not patterns:
        return None
    return pattern_set(patterns if isinstance(patterns, list) else [patterns], language, rule.where(key).at(language))


def _excused(rule: Rule, analysis: Analysis) -> bool:
    """The notice says law enforcement asked for the delay (and not that it did not)."""
    for item in analysis.body:
        cues = cached(rule, ("excuse", item.language), lambda: _cues(rule, "excuse", item.language))
        denials = cached(rule, ("not-excuse", item.language), lambda: _cues(rule, "not-excuse", item.language))
        for match in cues.find(item.doc) if cues is not None else []:
            sentence = item.doc[match.token_start].sent
            if denials is None or not denials.matches_in(sentence):
                return True
    return False
