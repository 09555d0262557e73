"""Kind ``links``: links in the body that look like the phishing a breach invites.

Four checks, each enabled by its table in the rule file:

- ``login``: wording that asks the reader to sign in or enter secrets in the link's sentence (or its
  text), for a link to a page deeper than a site's home page and off the page's own site (the host of its
  og:url or canonical); a sentence that says "never" or "do not" is advice about phishing, not a request.
- ``shortener``: a link through a URL shortener (``hosts``).
- ``mismatch``: a link whose text shows one address and whose target is another site.
- ``off-domain``: a link outside the organisation's configured domains (``Settings.domains``) and the
  ``trusted`` public help sites; silent when no domains are configured.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any, Iterator

from ..analysis import Analysis, format_message
from ..model import Finding, Link, MappedText
from ..packs import Rule, Where, language_table, pattern_list, required_str, severity_of
from ..parse.links import BARE_URL, host_of, path_of, within
from .common import cached, pattern_set

if TYPE_CHECKING:
    from spacy.tokens import Span

CHECKS = ("login", "shortener", "mismatch", "off-domain")
KEYS = set(CHECKS)
CHECK_KEYS = {"reason", "suggest", "severity", "en", "ko", "unless-sentence", "hosts", "trusted", "root-paths"}
ROOT_PATHS = ("", "/", "/index.html", "/index.htm", "/index.php")


def validate(data: dict[str, Any], where: Where) -> None:
    if not any(name in data for name in CHECKS):
        raise where.fail(f"needs at least one of the tables {', '.join(CHECKS)}")
    for name in CHECKS:
        if name not in data:
            continue
        table, here = data[name], where.at(name)
        if not isinstance(table, dict):
            raise here.fail("must be a table")
        unknown = set(table) - CHECK_KEYS
        if unknown:
            raise here.at(sorted(unknown)[0]).fail(f"unknown key; allowed: {', '.join(sorted(CHECK_KEYS))}")
        required_str(table, "reason", here)
        required_str(table, "suggest", here)
        if "severity" in table:
            severity_of(table, "severity", here)
        for key in ("hosts", "trusted", "root-paths"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
                raise here.at(key).fail("must be a list of strings")
        if name == "login":
            language_table({lang: table[lang] for lang in ("en", "ko") if lang in table}, here)
            if "unless-sentence" in table:
                language_table(table["unless-sentence"], here.at("unless-sentence"))
        if name == "shortener" and not table.get("hosts"):
            raise here.at("hosts").fail("required: the shortener hosts, e.g. [\"bit.ly\"]")


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    data = rule.data
    reported: set[str] = set()
    for link in analysis.notice.links:
        host = host_of(link.href)
        if "shortener" in data and host and any(within(host, item) for item in data["shortener"]["hosts"]):
            yield _finding(rule, analysis, "shortener", link, href=True, host=host)
            continue
        if "mismatch" in data and (shown := _shown_host(link)) and host and not _same_site(shown, host):
            yield _finding(rule, analysis, "mismatch", link, shown=shown, target=host)
        elif "login" in data and host and _asks_to_sign_in(rule, analysis, link):
            yield _finding(rule, analysis, "login", link)
        if "off-domain" in data and host and host not in reported and _off_domain(data["off-domain"], analysis, host):
            reported.add(host)
            yield _finding(rule, analysis, "off-domain", link, href=True, host=host)


def _finding(rule: Rule, analysis: Analysis, name: str, link: Link, href: bool = False, **values: str) -> Finding:
    """A finding on the link's text (or its target), with the check's reason and suggestion."""
    table = rule.data[name]
    start, end = (link.href_start, link.href_end) if href else (link.text_start, link.text_end)
    severity = severity_of(table, "severity", rule.where(name), default=rule.severity)
    values = {"link": link.text, "href": link.href, **values}
    return analysis.finding(
        rule,
        source_text(analysis, start, end),
        0,
        end - start,
        severity=severity,
        suggestion=table["suggest"],
        reason=format_message(table["reason"], values),
        **values,
    )


def source_text(analysis: Analysis, start: int, end: int) -> MappedText:
    """The source's own characters ``start:end`` as mapped text (a finding's anchor)."""
    return MappedText(analysis.notice.source[start:end], tuple(range(start, end)), tuple(range(start + 1, end + 1)), start)


def _shown_host(link: Link) -> str | None:
    """The host a markup link's text shows, when its text is a web address."""
    text = link.text.strip()
    if link.bare or not (text.lower().startswith(("http://", "https://")) or BARE_URL.fullmatch(text)):
        return None
    return host_of(text)


def _same_site(a: str, b: str) -> bool:
    return within(a, b) or within(b, a)


def _off_domain(table: dict[str, Any], analysis: Analysis, host: str) -> bool:
    domains = analysis.settings.domains
    if not domains:
        return False
    return not any(within(host, domain) for domain in [*domains, *table.get("trusted", [])])


def _asks_to_sign_in(rule: Rule, analysis: Analysis, link: Link) -> bool:
    """The link leads past a site's home page, and its sentence asks the reader to sign in or enter a
    secret without saying "never" or "do not" (which makes it advice about phishing)."""
    table = rule.data["login"]
    roots = {path.rstrip("/") for path in table.get("root-paths", ROOT_PATHS)}
    if path_of(link.href).rstrip("/") in roots or _on_own_page(analysis, link):
        return False
    located = _sentence_of(analysis, link.text_start)
    if located is None:
        return False
    language, sentence = located
    return _matches(rule, "login", table, language, sentence) and not _matches(
        rule, "login.unless-sentence", table.get("unless-sentence", {}), language, sentence
    )


def _matches(rule: Rule, key: str, table: dict[str, Any], language: str, sentence: Span) -> bool:
    if not table.get(language):
        return False
    where = rule.where(key).at(language)
    matcher = cached(rule, (key, language), lambda: pattern_set(pattern_list(table[language], where), language, where))
    return matcher.matches_in(sentence)


def _on_own_page(analysis: Analysis, link: Link) -> bool:
    """The link stays on the site of the page it is on (the host of og:url or canonical): a reader of the
    page is already there, so the link is navigation, not a lure."""
    page = analysis.notice.meta_field("og:url") or analysis.notice.meta_field("canonical")
    host, own = host_of(link.href), host_of(page.text) if page is not None else None
    return bool(host and own and (within(host, own) or within(own, host)))


def _sentence_of(analysis: Analysis, offset: int) -> tuple[str, Span] | None:
    """The language and sentence of the body block holding the source ``offset``."""
    for item in analysis.body:
        starts, ends = item.mapped.starts, item.mapped.ends
        if not starts or not starts[0] <= offset < ends[-1]:
            continue
        index = min(bisect_left(starts, offset), len(starts) - 1)
        span = item.doc.char_span(index, index + 1, alignment_mode="expand")
        return item.language, (item.doc[span.start].sent if span is not None and len(span) else item.doc[:])
    return None
