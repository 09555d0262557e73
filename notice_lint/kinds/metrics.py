"""Kind ``readability``: sentences far too long, and security jargon nobody explains.

``[sentence-length]`` measures each sentence of the body's prose (paragraphs, list items, quotes) per
language, in ``words`` (spaces separate them: English words, Korean eojeols) or ``characters`` (not
counting spaces), and reports those over ``limit``. A sentence the splitter joined across source lines
is cut again where a line ends a Korean sentence without a full stop or with a colon, where the next
line opens with a ``Label:`` (SMS and e-mail headers put one item on each line), and at every line of a
run of short lines (an address block). A sentence is reported only when it is too long even with each run
of three or more short comma-separated items counted as one item; the message gives its full length.

``[jargon]`` reports the first use of each listed term that nothing explains: a term counts as explained
when a parenthesis or a dash follows it or encloses it, when the text right after it matches ``follows``,
when its sentence matches an ``explained-by`` cue ("which means", 즉), or when any other use of the same
term in the notice is explained that way (it is defined elsewhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from ..analysis import Analysis, Analyzed, format_message
from ..model import Finding
from ..packs import LANGUAGES, Rule, Where, language_table, pattern_list, required_str
from ..patterns import PatternSet
from .common import cached, pattern_set

if TYPE_CHECKING:
    from spacy.tokens import Span

KEYS = {"sentence-length", "jargon"}
PROSE = ("paragraph", "list-item", "quote")
UNITS = ("words", "characters")
LINE_END = re.compile(r"(?:[다요오까죠]|[:：])[\"'”’)\]]*$")
"""A line that ends like a Korean sentence, or with a colon, ends its item even without a full stop."""
LABEL_START = re.compile(r"^[^\s:：]{1,15}[:：]\s")
SHORT_LINE = 40
"""Lines this short on average (in characters) are items of a block, not wrapped prose."""
ADDRESS = re.compile(r"\S*(?:://|@|www\.)\S*")
LIST_SEPARATOR = re.compile(r"[,，、·ㆍ;]")
LIST_ITEM_WORDS = 6
LIST_ITEM_CHARACTERS = 16
"""The longest a comma-separated piece may be (in words, or characters without spaces) and still be an
item of a list ("date of birth", "insurer group number and subscriber number", "학자금대출 잔액")."""


def validate(data: dict[str, Any], where: Where) -> None:
    if not KEYS & set(data):
        raise where.fail("needs a [sentence-length] or a [jargon] table")
    if "sentence-length" in data:
        _validate_length(data["sentence-length"], where.at("sentence-length"))
    if "jargon" in data:
        _validate_jargon(data["jargon"], where.at("jargon"))


def _validate_length(table: Any, where: Where) -> None:
    if not isinstance(table, dict):
        raise where.fail("must be a table")
    required_str(table, "reason", where)
    required_str(table, "suggest", where)
    languages = [language for language in LANGUAGES if language in table]
    if not languages:
        raise where.fail("needs a table per language, e.g. en = { unit = \"words\", limit = 40, target = 25 }")
    for language in languages:
        here, limits = where.at(language), table[language]
        if not isinstance(limits, dict) or limits.get("unit") not in UNITS:
            raise here.at("unit").fail(f"must be one of {', '.join(UNITS)}")
        for key in ("limit", "target"):
            if not isinstance(limits.get(key), int) or limits[key] < 1:
                raise here.at(key).fail("must be a positive whole number")


def _validate_jargon(table: Any, where: Where) -> None:
    if not isinstance(table, dict):
        raise where.fail("must be a table")
    required_str(table, "reason", where)
    if "explained-by" in table:
        language_table(table["explained-by"], where.at("explained-by"))
    follows = table.get("follows", {})
    if not isinstance(follows, dict):
        raise where.at("follows").fail("must be a table of languages to regular expressions")
    for language, regex in follows.items():
        try:
            re.compile(regex)
        except (re.error, TypeError) as error:
            raise where.at("follows").at(language).fail(f"must be a regular expression: {error}") from None
    terms = table.get("terms")
    if not isinstance(terms, list) or not terms:
        raise where.at("terms").fail("required: a list of [[jargon.terms]] tables")
    for position, term in enumerate(terms):
        here = where.at("terms").at(position)
        if not isinstance(term, dict) or term.get("lang") not in LANGUAGES:
            raise here.at("lang").fail(f"required: one of {', '.join(LANGUAGES)}")
        pattern_list(term.get("match"), here.at("match"))
        required_str(term, "plain", here)


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    if "sentence-length" in rule.data:
        yield from _long_sentences(rule, analysis)
    if "jargon" in rule.data:
        yield from _jargon(rule, analysis)


# -- sentence length ------------------------------------------------------------------------


def _long_sentences(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    table = rule.data["sentence-length"]
    for item in analysis.body:
        limits = table.get(item.language)
        if limits is None or item.kind not in PROSE:
            continue
        for sentence in item.doc.sents:
            if measure(item.mapped.text[sentence.start_char : sentence.end_char], limits["unit"]) <= limits["limit"]:
                continue  # its pieces are shorter still
            for start, end in _items(analysis, item, sentence.start_char, sentence.end_char):
                piece = item.mapped.text[start:end]
                count = measure(piece, limits["unit"])
                if count > limits["limit"] and measure_without_lists(piece, limits["unit"]) > limits["limit"]:
                    values = {"count": count, "unit": limits["unit"], "limit": limits["limit"], "target": limits["target"]}
                    reason = format_message(table["reason"], values)
                    yield analysis.finding(rule, item.mapped, start, end, suggestion=table["suggest"], reason=reason)


def measure(text: str, unit: str) -> int:
    """Words (space-separated runs holding a letter or digit; a Korean eojeol is one) or characters
    (not counting spaces; a web or e-mail address counts as one) in ``text``."""
    if unit == "characters":
        return sum(1 for char in ADDRESS.sub("@", text) if not char.isspace())
    return sum(1 for word in text.split() if any(char.isalnum() for char in word))


def measure_without_lists(text: str, unit: str) -> int:
    """The length of ``text`` with each run of three or more short comma-separated items (a list of data
    items, of dates, of places) counted as its first item: a list is read item by item, not held in mind
    like a clause, and the law asks for the full list of items."""
    short = LIST_ITEM_WORDS if unit == "words" else LIST_ITEM_CHARACTERS
    total, run, second = 0, 0, 0
    for segment in LIST_SEPARATOR.split(text):
        size = measure(segment, unit)
        if size > short:
            total, run = total + size, 0
            continue
        run += 1
        if run <= 2:  # one or two short pieces are still prose
            total += size
            second = size
        elif run == 3:  # three make a list: only its first item counts
            total -= second
    return total


def _items(analysis: Analysis, item: Analyzed, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut where a source line ends one item and the next line starts another; a run
    of short lines (an address, a header) is cut at every line."""
    text, mapped, source = item.mapped.text, item.mapped, analysis.notice.source
    breaks = []
    index = text.find(" ", start, end)
    while index != -1:
        s, e = mapped.starts[index], mapped.ends[index]
        if "\n" in source[s:e] or (s == e and source[s - 1 : s] in ("\n", "\r")):
            breaks.append(index)
        index = text.find(" ", index + 1, end)
    short_lines = len(breaks) >= 2 and (end - start) / (len(breaks) + 1) < SHORT_LINE
    pieces, begin = [], start
    for index in breaks:
        if short_lines or LINE_END.search(text[begin:index]) or LABEL_START.match(text[index + 1 : end]):
            pieces.append((begin, index))
            begin = index + 1
    pieces.append((begin, end))
    return [(a, b) for a, b in pieces if b > a]


# -- jargon ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Terms:
    matcher: PatternSet
    owners: list[int]
    """For each compiled pattern, the index of its ``[[jargon.terms]]`` table."""


def _compile(rule: Rule, language: str) -> _Terms:
    patterns: list = []
    owners: list[int] = []
    for position, term in enumerate(rule.data["jargon"]["terms"]):
        if term["lang"] == language:
            found = pattern_list(term["match"], rule.where("jargon.terms").at(position).at("match"))
            patterns.extend(found)
            owners.extend([position] * len(found))
    return _Terms(pattern_set(patterns, language, rule.where("jargon.terms"), shared=True), owners)


def _jargon(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    table = rule.data["jargon"]
    unexplained: dict[int, tuple[Analyzed, int, int]] = {}
    explained: set[int] = set()
    for item in analysis.body:
        terms = cached(rule, ("jargon", item.language), lambda: _compile(rule, item.language))
        if not terms.matcher:
            continue
        for match in terms.matcher.find(item.doc):
            owner = terms.owners[match.key]
            sentence = item.doc[match.token_start].sent
            if _explained(rule, item, sentence, match.char_start, match.char_end):
                explained.add(owner)
            else:
                unexplained.setdefault(owner, (item, match.char_start, match.char_end))
    for owner, (item, start, end) in unexplained.items():
        if owner in explained:
            continue
        reason = format_message(table["reason"], {"text": item.mapped.text[start:end]})
        plain = table["terms"][owner]["plain"]
        yield analysis.finding(rule, item.mapped, start, end, suggestion=plain, reason=reason, suggest=plain)


def _explained(rule: Rule, item: Analyzed, sentence: Span, start: int, end: int) -> bool:
    """A parenthesis or dash follows or encloses the term, the text after it defines it, or its sentence
    carries an explaining cue; a question heading about the term ("What is ...?") introduces a definition."""
    table, text = rule.data["jargon"], item.mapped.text
    before = text[sentence.start_char : start]
    after = text[end : sentence.end_char]
    if before.count("(") > before.count(")") or re.match(r"\s*[(（—–:]|\s+-\s", after):
        return True
    follows = table.get("follows", {}).get(item.language)
    if follows and re.match(follows, after, re.IGNORECASE):
        return True
    if item.kind in ("heading", "title") and text.rstrip().endswith("?"):
        return True
    cues = table.get("explained-by", {}).get(item.language)
    if not cues:
        return False
    where = rule.where("jargon.explained-by").at(item.language)
    matcher = cached(rule, ("explained-by", item.language), lambda: pattern_set(pattern_list(cues, where), item.language, where))
    return matcher.matches_in(sentence)
