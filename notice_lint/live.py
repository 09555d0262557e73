"""Check a notice on the web as people and link-preview crawlers reach it.

:func:`gather` fetches the URL once as a browser and once per crawler user agent, parses what each was
served, and attaches the facts to the browser's notice as ``notice.live``. The checks below compare those
facts and return :class:`Problem` s; the ``live`` rule kind (``notice_lint/kinds/live.py``) turns them into
findings of the ``live-*`` rules. A local file has no live facts, so those rules say nothing about it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable
from urllib.parse import urljoin

from .fetch import USER_AGENTS, FetchError, Hop, Limits, Page, fetch
from .model import Notice
from .parse import parse_source
from .platforms import PLATFORMS, same_url

if TYPE_CHECKING:
    from .engine import FileResult
    from .model import Settings
    from .packs import Rule

CRAWLERS = tuple(dict.fromkeys(platform.crawler for platform in PLATFORMS))
"""One request per crawler user agent the platforms use (facebookexternalhit, kakaotalk-scrap, Twitterbot, ...)."""

PREVIEW_TAGS = ("og:title", "og:description", "og:image", "twitter:title", "twitter:description", "twitter:image",
                "title")
"""What a card is made of: a page carrying other values than the notice previews as something else."""
HEAD_TAGS = (*PREVIEW_TAGS, "og:url", "og:site_name", "twitter:card", "description", "canonical")
"""The head a crawler and a browser are compared on."""


@dataclass
class View:
    """What one user agent was served: the page and its parsed notice, or the reason it failed."""

    agent: str
    page: Page | None = None
    notice: Notice | None = None
    error: str | None = None


@dataclass
class LiveFacts:
    """Everything fetched for one URL: the browser's page (the notice), each crawler's, and the pages
    the browser passed through on the way."""

    url: str
    browser: View
    crawlers: dict[str, View] = field(default_factory=dict)
    hops: list[tuple[Hop, Notice | None]] = field(default_factory=list)

    def view(self, agent: str) -> View:
        """The view of ``agent``; the browser's when that agent was not fetched."""
        return self.crawlers.get(agent) or self.browser


@dataclass(frozen=True)
class Problem:
    """One live failure: placeholders for the rule's message, the notice field it concerns, a severity override."""

    values: dict[str, str]
    field: str | None = None
    severity: str | None = None


def gather(url: str, language: str | None = None, limits: Limits = Limits(), main_selector: str | None = None,
           crawlers: tuple[str, ...] = CRAWLERS) -> LiveFacts:
    """Fetch ``url`` as a browser, then once per crawler; raises FetchError when the browser's fetch fails."""
    browser_page = fetch(url, "browser", limits)
    notice = _parse(browser_page.text, url, browser_page, language, main_selector)
    facts = LiveFacts(url, View("browser", browser_page, notice))
    parsed = {(browser_page.final_url, browser_page.text): notice}

    def one(agent: str) -> View:
        try:
            page = fetch(url, agent, limits)
        except FetchError as error:
            return View(agent, error=str(error))
        return View(agent, page)

    with ThreadPoolExecutor(max_workers=min(8, len(crawlers) or 1)) as pool:
        views = list(pool.map(one, [agent for agent in crawlers if agent in USER_AGENTS]))
    for view in views:
        if view.page is not None:
            key = (view.page.final_url, view.page.text)
            if key not in parsed:
                parsed[key] = _parse(view.page.text, view.page.final_url, view.page, language, main_selector)
            view.notice = parsed[key]
        facts.crawlers[view.agent] = view
    for hop in browser_page.hops:
        hop_notice = _parse(hop.text, hop.url, None, language, main_selector) if hop.text.strip() else None
        facts.hops.append((hop, hop_notice))
    notice.live = facts
    return facts


def lint_url(url: str, rules: list[Rule], language: str | None = None, settings: Settings | None = None,
             main_selector: str | None = None, limits: Limits = Limits()) -> FileResult:
    """Fetch and check the notice at ``url`` (the page browsers end at, with the live facts attached);
    a page that cannot be fetched gives a result with ``error`` set, never an exception."""
    from .analysis import Analysis
    from .engine import FileResult, lint_analysis
    from .suppress import read_suppressions

    try:
        facts = gather(url, language, limits, main_selector)
    except FetchError as error:
        return FileResult(url, error=str(error))
    page, notice = facts.browser.page, facts.browser.notice
    assert page is not None and notice is not None
    suppressions = read_suppressions(page.text, page.format)
    masked = suppressions.masked(page.text)
    if masked != page.text:
        notice = _parse(masked, url, page, language, main_selector)
        notice.live = facts
    analysis = Analysis(notice, settings)
    findings = lint_analysis(analysis, rules)
    return FileResult(url, notice.language, findings, analysis=analysis, suppressions=suppressions, notice=notice)


def _parse(text: str, path: str, page: Page | None, language: str | None, main_selector: str | None) -> Notice:
    fmt = page.format if page is not None else "html"
    return parse_source(text, path, fmt=fmt, language=language, main_selector=main_selector)


def head(notice: Notice, names: tuple[str, ...] = HEAD_TAGS) -> dict[str, tuple[str, ...]]:
    """Every non-empty value of each head tag, in document order, whitespace collapsed."""
    values: dict[str, list[str]] = {name: [] for name in names}
    for meta in notice.meta:
        text = " ".join(meta.text.split())
        if meta.name in values and text:
            values[meta.name].append(text)
    return {name: tuple(found) for name, found in values.items()}


def differences(served: Notice, expected: Notice, names: tuple[str, ...] = HEAD_TAGS) -> list[tuple[str, str, str]]:
    """``(tag, served value, expected value)`` for each head tag that differs ('' when absent)."""
    got, want = head(served, names), head(expected, names)
    return [(name, " | ".join(got[name]), " | ".join(want[name])) for name in names if got[name] != want[name]]


def describe(diffs: list[tuple[str, str, str]], against: str, most: int = 3) -> str:
    """``og:title "A" where <against> "B"; ...`` for a finding's message, e.g. against = "browsers get";
    past ``most`` differences, the rest are only named."""
    shown = "; ".join(f"{name} {_quoted(got)} where {against} {_quoted(want)}" for name, got, want in diffs[:most])
    rest = [name for name, _, _ in diffs[most:]]
    return shown + (f"; {', '.join(rest)} differ too" if rest else "")


def _quoted(value: str, width: int = 80) -> str:
    if not value:
        return "none"
    return f'"{value if len(value) <= width else value[: width - 1] + "…"}"'


def crawler_mismatch(facts: LiveFacts) -> list[Problem]:
    """Crawlers served another head than browsers get at the same address, redirected elsewhere, or refused."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for agent, view in facts.crawlers.items():
        described = _crawler_difference(facts, view)
        if described is not None:
            groups.setdefault(described, []).append(agent)
    problems = []
    for (difference, field_name), agents in groups.items():
        platforms = [platform.name for platform in PLATFORMS if platform.crawler in agents]
        everyone = len(agents) == len(facts.crawlers) > 1
        crawlers = f"All {len(agents)} crawlers ({_join(agents, 4)})" if everyone else _join(agents)
        problems.append(Problem({"crawlers": crawlers, "platforms": _join(platforms, 5), "difference": difference},
                                field_name))
    return problems


def _crawler_difference(facts: LiveFacts, view: View) -> tuple[str, str | None] | None:
    browser = facts.browser
    assert browser.page is not None and browser.notice is not None
    if view.error is not None or view.page is None or view.notice is None:
        return f"cannot fetch the page ({view.error})", None
    final = view.page.final_url
    expected, where = _browser_page_at(facts, final)
    if expected is None:
        diffs = differences(view.notice, browser.notice)
        text = f"are sent to {final}, not to {browser.page.final_url} where browsers end up"
        if diffs:
            text += ", and there get " + describe(diffs, "browsers get")
        return text, diffs[0][0] if diffs else None
    diffs = differences(view.notice, expected)
    if not diffs:
        return None
    text = f"are served another head than browsers at {where}: " + describe(diffs, "browsers get")
    return text, diffs[0][0] if expected is browser.notice else None


def _browser_page_at(facts: LiveFacts, url: str) -> tuple[Notice | None, str]:
    """The page browsers were served at ``url``: the notice itself, or a page they passed through."""
    browser = facts.browser
    assert browser.page is not None
    if url == browser.page.final_url:
        return browser.notice, url
    for hop, hop_notice in facts.hops:
        if hop.url == url and hop.via != "http":
            return hop_notice, url
    return None, url


def url_mismatch(facts: LiveFacts) -> list[Problem]:
    """og:url or the canonical link names another address than the one the link ends at."""
    notice, page = facts.browser.notice, facts.browser.page
    assert notice is not None and page is not None
    problems = []
    for name in ("og:url", "canonical"):
        meta = notice.meta_field(name)
        if meta is None:
            continue
        value = meta.text.strip()
        if not same_url(urljoin(page.final_url, value), page.final_url):
            problems.append(Problem({"tag": name, "value": value, "final_url": page.final_url, "url": facts.url}, name))
    return problems


def redirect_preview(facts: LiveFacts) -> list[Problem]:
    """A page the link passes through carries other preview tags than the notice (or none at all)."""
    notice = facts.browser.notice
    assert notice is not None
    problems = []
    for hop, hop_notice in facts.hops:
        tags = head(hop_notice, PREVIEW_TAGS) if hop_notice is not None else {}
        carries = any(tags.values())
        if hop.via == "http" and not carries:
            continue  # an ordinary redirect: crawlers follow it and never show its body
        diffs = differences(hop_notice, notice, PREVIEW_TAGS) if hop_notice is not None else []
        if carries and not diffs:
            continue  # a redirect page that repeats the notice's own preview tags is fine
        how = {"http": f"an HTTP {hop.status} redirect whose body", "meta-refresh": "a page with a meta refresh that",
               "script": "a page with a script redirect that"}[hop.via]
        if carries:
            what = "carries other preview tags than the notice: " + describe(
                [d for d in diffs if d[1]] or diffs, "the notice has")
        else:
            what = "carries no preview tags at all"
        consequence = {
            "http": "crawlers follow HTTP redirects, but a client or cache that stops there shows that page",
            "meta-refresh": "not every crawler follows a meta refresh, so previews may show that page",
            "script": "crawlers run no scripts, so their previews show that page",
        }[hop.via]
        problems.append(Problem({"hop": hop.url, "how": how, "what": what, "consequence": consequence,
                                 "target": hop.target}, None, "warning" if hop.via == "http" else None))
    return problems


CHECKS: dict[str, Callable[[LiveFacts], list[Problem]]] = {
    "crawler-mismatch": crawler_mismatch,
    "url-mismatch": url_mismatch,
    "redirect-preview": redirect_preview,
}
"""The checks a ``live`` rule can name in its ``check`` key."""


def _join(items: list[str], most: int | None = None) -> str:
    """``a, b and c``; with ``most``, ``a, b, c and 7 more`` past that many."""
    if most is not None and len(items) > most + 1:
        return ", ".join(items[:most]) + f" and {len(items) - most} more"
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
