"""What each platform shows when a notice's link is shared, and what goes wrong there.

Each :class:`Platform` says which tags its crawler reads for the title, description, image and site line,
in its own fallback order; which of two duplicate tags it takes; where it cuts text; and how much of the
page it reads. :func:`preview_cards` applies them to a notice (or, for a fetched URL, to the page each
platform's crawler was served) and returns one :class:`Card` per platform with the warnings that apply.

Sources: docs/previews.md. Limits and duplicate handling marked ``low`` are estimates from how the
cards are drawn, not documented numbers; treat a cut near such a limit as a hint.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .model import Notice

if TYPE_CHECKING:
    from .packs import Rule

BODY_IMAGE = "<img>"
"""Pseudo-field: the first ``<img>`` of the page, KakaoTalk's (and Facebook's) last image fallback."""

TAG_NAMES = (
    "og:title", "og:description", "og:image", "og:image:url", "og:image:secure_url", "og:url", "og:site_name",
    "twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:image:src",
    "title", "description", "canonical",
)


@dataclass(frozen=True)
class Limit:
    """Where a platform cuts a text: ``size`` in ``chars`` (code points), ``bytes`` (UTF-8, Hangul is 3) or
    ``width`` (display columns: Hangul and other wide characters count 2, as they take twice the room)."""

    size: int
    unit: str
    confidence: str
    """``documented``, ``observed`` (reported consistently) or ``low`` (an estimate)."""

    def weight(self, char: str) -> int:
        if self.unit == "bytes":
            return len(char.encode("utf-8"))
        if self.unit == "width":
            return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        return 1

    def measure(self, text: str) -> int:
        return sum(self.weight(char) for char in text)

    def cut(self, text: str) -> tuple[str, bool]:
        """The text as shown: whole when it fits, else the longest fitting prefix and an ellipsis."""
        if self.measure(text) <= self.size:
            return text, False
        used = 0
        for index, char in enumerate(text):
            used += self.weight(char)
            if used > self.size:
                return text[:index].rstrip() + "…", True
        return text, False  # pragma: no cover - measure() said it does not fit

    def describe(self) -> str:
        unit = {"chars": "characters", "bytes": "bytes", "width": "columns (Hangul counts 2)"}[self.unit]
        return f"about {self.size} {unit}" + (" (estimate)" if self.confidence == "low" else "")


@dataclass(frozen=True)
class Platform:
    """How one platform builds a link preview. A fallback order is a tuple of tiers; within a tier of
    several fields, whichever comes first in the document wins (Slack reads OG or Twitter tags that way)."""

    id: str
    name: str
    crawler: str
    """The key of its user agent in :data:`notice_lint.fetch.USER_AGENTS`."""
    title: tuple[tuple[str, ...], ...]
    description: tuple[tuple[str, ...], ...]
    image: tuple[tuple[str, ...], ...]
    site: tuple[str, ...]
    """Fields for the small site line; when none is set, the page's domain is shown."""
    duplicates: str
    """``first`` or ``last``: which of two tags with the same name it takes."""
    duplicates_confidence: str
    title_limit: Limit | None
    description_limit: Limit | None
    shows_description: bool = True
    head_bytes: int | None = None
    """It reads only this many bytes of the page; tags further down do not exist for it."""
    head_only: bool = False
    """Tags count only inside ``<head>``."""
    required: tuple[str, ...] = ()
    """Tags it needs, non-empty, or it shows no card."""
    svg_images: bool = True
    large_image: str = "always"
    """``always``, or ``twitter-card``: a large image only with ``twitter:card`` = ``summary_large_image``."""
    refresh: str = ""
    """How to make it read the page again after a fix."""


PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "kakaotalk", "KakaoTalk", "kakaotalk-scrap",
        title=(("og:title",), ("title",)),
        description=(("og:description",), ("description",)),
        image=(("og:image",), (BODY_IMAGE,)),
        site=(),
        # Duplicates: the first, as facebookexternalhit-like scrapers are reported to do (low confidence).
        duplicates="first", duplicates_confidence="low",
        # Two lines of a chat bubble each for title and description: an estimate, not a documented limit.
        title_limit=Limit(60, "width", "low"),
        description_limit=Limit(80, "width", "low"),
        refresh="cached for at least an hour per URL; reset it with the URL cache tool in Kakao Developers",
    ),
    Platform(
        "x", "X", "Twitterbot",
        title=(("twitter:title",), ("og:title",)),
        description=(("twitter:description",), ("og:description",)),
        image=(("twitter:image", "twitter:image:src"), ("og:image",)),
        site=(),
        # The last twitter:card tag wins (observed); we assume the same for the other twitter:* tags (low).
        duplicates="last", duplicates_confidence="low",
        title_limit=Limit(70, "chars", "observed"),
        description_limit=Limit(200, "chars", "observed"),
        svg_images=False,
        large_image="twitter-card",
        refresh="cached for about a week; publishing under a new URL is the only sure refresh",
    ),
    Platform(
        "facebook", "Facebook", "facebookexternalhit",
        title=(("og:title",), ("title",)),
        description=(("og:description",), ("description",)),
        image=(("og:image", "og:image:url", "og:image:secure_url"), (BODY_IMAGE,)),
        site=(),
        # Pages with a second og:title further down are reported to show the second one (low confidence).
        duplicates="last", duplicates_confidence="low",
        title_limit=Limit(88, "chars", "low"),
        description_limit=Limit(110, "chars", "low"),
        refresh="cached for about a day; use 'Scrape again' in the Sharing Debugger",
    ),
    Platform(
        "linkedin", "LinkedIn", "LinkedInBot",
        title=(("og:title",), ("title",)),
        description=(("og:description",), ("description",)),
        image=(("og:image",),),
        site=(),
        duplicates="first", duplicates_confidence="low",
        title_limit=Limit(100, "chars", "low"),
        description_limit=None,
        # Feed cards show the image, the title and the domain; the description is not shown (low confidence).
        shows_description=False,
        refresh="cached for about a week; re-inspect the URL in the Post Inspector",
    ),
    Platform(
        "slack", "Slack", "Slackbot",
        title=(("og:title", "twitter:title"), ("title",)),
        description=(("og:description", "twitter:description"), ("description",)),
        image=(("og:image", "twitter:image"),),
        site=("og:site_name",),
        duplicates="first", duplicates_confidence="low",
        title_limit=None,
        description_limit=None,
        # Slackbot reads about the first 32 KB of the page (documented as an approximate figure).
        head_bytes=32 * 1024,
        refresh="cached for about 30 minutes",
    ),
    Platform(
        "discord", "Discord", "Discordbot",
        title=(("og:title",), ("twitter:title",), ("title",)),
        description=(("og:description",), ("twitter:description",), ("description",)),
        image=(("og:image",), ("twitter:image",)),
        site=("og:site_name",),
        duplicates="first", duplicates_confidence="low",
        # About 67 bytes for the title (so about 22 Hangul syllables) and 350 characters for the description:
        # both low confidence.
        title_limit=Limit(67, "bytes", "low"),
        description_limit=Limit(350, "chars", "low"),
        large_image="twitter-card",
        refresh="cached for about 30 minutes",
    ),
    Platform(
        "telegram", "Telegram", "TelegramBot",
        title=(("og:title",), ("twitter:title",), ("title",)),
        description=(("og:description",), ("twitter:description",), ("description",)),
        image=(("og:image",), ("twitter:image",)),
        site=("og:site_name",),
        duplicates="first", duplicates_confidence="low",
        title_limit=None,
        description_limit=None,
        refresh="send the link to @WebpageBot to refresh; messages already sent never update",
    ),
    Platform(
        "line", "LINE", "line-poker",
        title=(("og:title",),),
        description=(("og:description",),),
        image=(("og:image",),),
        site=(),
        duplicates="first", duplicates_confidence="low",
        # Chat bubble like KakaoTalk's: estimates.
        title_limit=Limit(60, "width", "low"),
        description_limit=Limit(80, "width", "low"),
        refresh="cached in the app and on LINE's servers; no public refresh tool",
    ),
    Platform(
        "whatsapp", "WhatsApp", "WhatsApp",
        title=(("og:title",),),
        description=(("og:description",),),
        image=(("og:image",),),
        site=(),
        duplicates="last", duplicates_confidence="low",
        # Title: two lines (estimate in columns); description: about 80 characters (observed).
        title_limit=Limit(64, "width", "low"),
        description_limit=Limit(80, "chars", "observed"),
        head_bytes=300 * 1024,
        head_only=True,
        required=("og:title", "og:description", "og:url"),
        refresh="no refresh tool: the preview is made when the message is written",
    ),
    Platform(
        "imessage", "iMessage", "iMessage",
        title=(("og:title",), ("twitter:title",), ("title",)),
        description=(),
        image=(("og:image",), ("twitter:image",)),
        site=(),
        # The first of duplicate tags wins (observed).
        duplicates="first", duplicates_confidence="observed",
        title_limit=Limit(60, "width", "low"),
        description_limit=None,
        shows_description=False,
        refresh="the preview is stored in each message; a fix shows only in new messages",
    ),
)
PLATFORM_IDS = tuple(platform.id for platform in PLATFORMS)


@dataclass(frozen=True)
class Tag:
    """One tag value on the page, where it stands (characters and bytes) and its line."""

    name: str
    text: str
    start: int
    end_byte: int
    line: int
    in_head: bool = True
    first_of_name: bool = True


@dataclass(frozen=True)
class Page:
    """The preview tags of one document, as any platform could read them."""

    tags: tuple[Tag, ...]
    url: str | None
    is_html: bool
    body_image: Tag | None = None


@dataclass(frozen=True)
class Shown:
    """A value a card shows: the full text, the text as cut, and the tag it came from."""

    field: str
    text: str
    shown: str
    cut: bool
    line: int
    first: bool = True
    """It is the first tag of its name (the one the preview-off-topic rule reads)."""


@dataclass(frozen=True)
class PreviewWarning:
    """Something about a card that people will notice, or that will go wrong."""

    code: str
    message: str
    level: str = "warning"


@dataclass
class Card:
    """What one platform shows for the link."""

    platform: Platform
    title: Shown | None
    description: Shown | None
    image: Shown | None
    site: str
    url: str | None
    large_image: bool
    warnings: list[PreviewWarning] = field(default_factory=list)
    error: str | None = None
    """The platform's crawler could not fetch the page (live URLs only)."""
    page: Page | None = field(default=None, repr=False, compare=False)

    @property
    def shows_card(self) -> bool:
        return self.error is None and (self.title is not None or self.image is not None)


def page_of(notice: Notice, url: str | None = None, encoding: str = "utf-8") -> Page:
    """The preview tags of ``notice`` with their byte offsets in ``encoding`` (what was served)."""
    from .parse.html_source import SourceIndex

    source = notice.source
    head_end = _head_end(source) if notice.format == "html" else None
    found: list[tuple[str, str, int, int, bool]] = []
    for meta in notice.meta:
        text = " ".join(meta.text.split())
        if meta.name in TAG_NAMES and text:
            start = meta.starts[0] if meta.starts else meta.anchor
            end = meta.ends[-1] if meta.ends else meta.anchor
            found.append((meta.name, text, start, end, head_end is None or start < head_end))
    if notice.format == "html":
        image = next((tag for tag in SourceIndex(source).tags
                      if tag.name == "img" and tag.attrs.get("src", ("", 0))[0].strip()), None)
        if image is not None:
            value, start = image.attrs["src"]
            found.append((BODY_IMAGE, value.strip(), start, start + len(value), False))
    ends = _byte_offsets(source, [end for _, _, _, end, _ in found], encoding)
    seen: set[str] = set()
    tags: list[Tag] = []
    body_image = None
    for name, text, start, end, in_head in found:
        tag = Tag(name, text, start, ends[end], notice.position(start)[0], in_head, name not in seen)
        seen.add(name)
        if name == BODY_IMAGE:
            body_image = tag
        else:
            tags.append(tag)
    return Page(tuple(tags), url, notice.format == "html", body_image)


def preview_cards(notice: Notice, topic_rule: Rule | None = None) -> list[Card]:
    """One card per platform. For a fetched URL (``notice.live``) each platform reads the page its own
    crawler was served; otherwise every platform reads ``notice`` itself."""
    rule = topic_rule if topic_rule is not None else off_topic_rule()
    live = getattr(notice, "live", None)
    cards = []
    verdicts: dict[int, set[str]] = {}
    for platform in PLATFORMS:
        if live is not None:
            view = live.view(platform.crawler)
            if view.notice is None:
                cards.append(_failed(platform, view.error or "no page", live.url))
                continue
            target, url, encoding = view.notice, view.page.final_url, view.page.encoding
        else:
            target, url, encoding = notice, None, "utf-8"
        flagged = verdicts.setdefault(id(target), _off_topic_fields(rule, target))
        cards.append(card_for(platform, page_of(target, url, encoding), target.language, rule, flagged))
    _warn_duplicates(cards)
    return cards


def card_for(platform: Platform, page: Page, language: str = "en", rule: Rule | None = None,
             off_topic: set[str] | None = None) -> Card:
    """What ``platform`` shows for ``page``, and its warnings."""
    readable = [tag for tag in page.tags if _reads(platform, tag)]
    title = _pick(platform, platform.title, readable, page)
    description = _pick(platform, platform.description, readable, page) if platform.shows_description else None
    image = _pick(platform, platform.image, readable, page)
    site = _site(platform, readable, page)
    card = Card(
        platform,
        _shown(title, platform.title_limit),
        _shown(description, platform.description_limit),
        _shown(image, None),
        site,
        page.url or _value(readable, "og:url") or _value(readable, "canonical"),
        image is not None and _large(platform, readable),
        page=page,
    )
    card.warnings.extend(_warnings(platform, page, readable, card, language, rule, off_topic or set()))
    return card


def _failed(platform: Platform, error: str, url: str) -> Card:
    card = Card(platform, None, None, None, _domain(url), url, False, error=error)
    card.warnings.append(PreviewWarning("fetch-failed", f"{platform.crawler} could not fetch the page ({error}): "
                                                 f"{platform.name} shows no preview"))
    return card


def _reads(platform: Platform, tag: Tag) -> bool:
    if platform.head_bytes is not None and tag.end_byte > platform.head_bytes:
        return False
    return not (platform.head_only and not tag.in_head)


def _pick(platform: Platform, tiers: tuple[tuple[str, ...], ...], tags: list[Tag], page: Page) -> Tag | None:
    for tier in tiers:
        if BODY_IMAGE in tier:
            if page.body_image is not None and _reads(platform, page.body_image):
                return page.body_image
            continue
        candidates = [tag for tag in tags if tag.name in tier]
        if not candidates:
            continue
        chosen = [tag for tag in candidates if tag.name == candidates[0].name]
        return chosen[0] if platform.duplicates == "first" else chosen[-1]
    return None


def _shown(tag: Tag | None, limit: Limit | None) -> Shown | None:
    if tag is None:
        return None
    shown, cut = limit.cut(tag.text) if limit else (tag.text, False)
    return Shown(tag.name, tag.text, shown, cut, tag.line, tag.first_of_name)


def _site(platform: Platform, tags: list[Tag], page: Page) -> str:
    for name in platform.site:
        value = _value(tags, name)
        if value:
            return value
    return _domain(page.url or _value(tags, "og:url") or _value(tags, "canonical") or "")


def _value(tags: list[Tag], name: str) -> str | None:
    return next((tag.text for tag in tags if tag.name == name), None)


def _domain(url: str) -> str:
    """The host a card shows, without ``www.``; empty when ``url`` is not absolute."""
    host = (urlsplit(url).hostname or "") if "//" in url else ""
    return host[4:] if host.startswith("www.") else host


def _large(platform: Platform, tags: list[Tag]) -> bool:
    if platform.large_image == "always":
        return True
    cards = [tag.text.strip().lower() for tag in tags if tag.name == "twitter:card"]
    return bool(cards) and cards[-1] == "summary_large_image"  # the last twitter:card tag wins


def _warnings(platform: Platform, page: Page, readable: list[Tag], card: Card, language: str,
              rule: Rule | None, off_topic: set[str]) -> list[PreviewWarning]:
    name = platform.name
    warnings: list[PreviewWarning] = []
    if not page.is_html and not page.tags:
        return [PreviewWarning("no-metadata", "no preview tags: if this notice is published as a page, give it "
                                              f"og:title, og:description and og:image, or {name} shows only the bare link",
                               "info")]
    for required in platform.required:
        if _value(readable, required) is None:
            warnings.append(PreviewWarning("missing-required", f"no {required}: {name} needs og:title, og:description and "
                                                        "og:url in the page head to show a card"))
    warnings.extend(_beyond_reach(platform, page, readable, card))
    if card.title is None:
        fields = ", ".join(f for tier in platform.title for f in tier)
        warnings.append(PreviewWarning("no-title", f"no title: {name} reads {fields}; the card shows the bare address "
                                            "or nothing"))
    else:
        warnings.extend(_title_warnings(card, language, rule, off_topic))
    warnings.extend(_image_warnings(platform, page, card))
    if platform.id == "facebook":
        warnings.extend(_og_url_warning(readable, page))
    return warnings


def _beyond_reach(platform: Platform, page: Page, readable: list[Tag], card: Card) -> list[PreviewWarning]:
    """Tags the platform cannot see: past the bytes it reads, or outside <head>."""
    warnings = []
    for tag in page.tags:
        if tag in readable or tag.name not in _fields_read(platform):
            continue
        shown = {"og:title": card.title, "twitter:title": card.title, "title": card.title}.get(tag.name)
        instead = f'; it shows "{shown.shown}" instead' if shown is not None else ""
        if platform.head_bytes is not None and tag.end_byte > platform.head_bytes:
            warnings.append(PreviewWarning("beyond-head-limit", f"{tag.name} (line {tag.line}) ends at byte {tag.end_byte:,}, "
                                    f"past the first {platform.head_bytes // 1024} KB {platform.name} reads{instead}; "
                                    "move the preview tags to the top of <head>"))
        elif platform.head_only and not tag.in_head:
            warnings.append(PreviewWarning("outside-head", f"{tag.name} (line {tag.line}) is outside <head>, where "
                                    f"{platform.name} does not look{instead}"))
    return warnings


def _fields_read(platform: Platform) -> set[str]:
    return {name for tiers in (platform.title, platform.description, platform.image) for tier in tiers for name in tier}


def _title_warnings(card: Card, language: str, rule: Rule | None, off_topic: set[str]) -> list[PreviewWarning]:
    title = card.title
    assert title is not None
    name = card.platform.name
    if rule is None:
        return []
    if (title.field in off_topic) if title.first else names_incident(rule, title.text, language) is False:
        return [PreviewWarning("off-topic", f'the title "{title.text}" ({title.field}) does not name the incident')]
    if title.cut:
        full = names_incident(rule, title.text, language)
        kept = names_incident(rule, title.shown.rstrip("…"), language)
        if full and kept is False:
            limit = card.platform.title_limit
            return [PreviewWarning("title-cut", f'{name} cuts the title at {limit.describe() if limit else "its limit"}: '
                                         f'"{title.shown}" no longer names the incident; put it first')]
    return []


def _image_warnings(platform: Platform, page: Page, card: Card) -> list[PreviewWarning]:
    name = platform.name
    image = card.image
    if image is None:
        fields = ", ".join("the first <img>" if f == BODY_IMAGE else f for tier in platform.image for f in tier)
        return [PreviewWarning("missing-image", f"no image: {name} reads {fields}; the card has no picture", "info"
                        if platform.id in ("telegram", "slack") else "warning")]
    warnings = []
    url = image.text.strip()
    scheme = urlsplit(url).scheme.lower()
    if url.startswith("//"):
        warnings.append(PreviewWarning("relative-image", f'image URL "{url}" has no scheme; give a full https:// URL'))
    elif not scheme:
        where = f" (it resolves to {urljoin(page.url, url)})" if page.url else ""
        warnings.append(PreviewWarning("relative-image", f'image URL "{url}" is relative{where}; crawlers need a full '
                                                  "https:// URL and may show no picture"))
    elif scheme not in ("http", "https"):
        warnings.append(PreviewWarning("bad-image-url", f'image URL "{url}" is not a web address; crawlers load '
                                                        "only https:// (or http://) images"))
    elif scheme == "http":
        warnings.append(PreviewWarning("http-image", f'image URL "{url}" uses http; {name} may refuse an insecure image: '
                                              "serve it over https"))
    if not platform.svg_images and re.search(r"\.svgz?(?:$|[?#])", url, re.IGNORECASE):
        warnings.append(PreviewWarning("svg-image", f"{name} does not show SVG images; use PNG or JPEG"))
    if image.field == BODY_IMAGE:
        warnings.append(PreviewWarning("body-image", f"no og:image: {name} falls back to the first picture on the page "
                                              f'("{url}"), which may be a logo or a banner', "info"))
    return warnings


def _og_url_warning(tags: list[Tag], page: Page) -> list[PreviewWarning]:
    """Facebook takes og:url as the canonical page and shows that page's tags."""
    og_url = _value(tags, "og:url")
    if not og_url:
        return []
    target = urljoin(page.url or "", og_url)
    if page.url is not None:
        if same_url(target, page.url):
            return []
        return [PreviewWarning("og-url", f'og:url is {og_url}, not this page ({page.url}): Facebook shows the preview '
                                  "of the og:url page instead")]
    if urlsplit(target).path in ("", "/") and urlsplit(target).netloc:
        return [PreviewWarning("og-url", f'og:url is the site root ({og_url}): Facebook takes og:url as the canonical '
                                  "page and shows the home page's preview; set it to the notice's own address")]
    return []


def _warn_duplicates(cards: list[Card]) -> None:
    """Duplicate tags with different values: say which one each platform takes, when they differ."""
    by_field: dict[str, dict[str, list[str]]] = {}
    for card in cards:
        for shown in (card.title, card.description, card.image):
            if shown is not None and shown.field != BODY_IMAGE:
                by_field.setdefault(shown.field, {}).setdefault(shown.text, []).append(card.platform.id)
    for card in cards:
        for shown in (card.title, card.description, card.image):
            if shown is None or shown.field not in by_field:
                continue
            values = [tag.text for tag in card.page.tags if tag.name == shown.field] if card.page else []
            if len(set(values)) < 2:
                continue
            picks = by_field[shown.field]
            others = [f'{_names(ids)} take "{text}"' for text, ids in picks.items() if text != shown.text]
            which = "first" if card.platform.duplicates == "first" else "last"
            message = (f"{shown.field} appears {len(values)} times with different values; {card.platform.name} takes "
                       f'the {which} ("{shown.shown}")' + (f", while {'; '.join(others)}" if others else "")
                       + "; keep one")
            card.warnings.append(PreviewWarning("duplicate-tags", message))


def _names(ids: list[str]) -> str:
    names = [platform.name for platform in PLATFORMS if platform.id in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def same_url(first: str, second: str) -> bool:
    """Two URLs name the same page: scheme, a trailing slash, the fragment and tracking parameters aside."""
    return _url_key(first) == _url_key(second)


TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|igshid|mc_cid|mc_eid)$", re.IGNORECASE)


def _url_key(url: str) -> tuple[str, int | None, str, str]:
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = None
    if port in (80, 443):
        port = None
    query = "&".join(sorted(item for item in parts.query.split("&") if item and not TRACKING.match(item.split("=")[0])))
    return (parts.hostname or "", port, parts.path.rstrip("/") or "/", query)


def names_incident(rule: Rule, text: str, language: str) -> bool | None:
    """Whether ``text`` names the incident by the preview-off-topic rule's topic patterns (None: no patterns
    for its language)."""
    from .kinds.common import cached, pattern_set
    from .lang import detect_language
    from .nlp import pipeline

    lang = detect_language(text, language)
    topics = rule.data.get("topic", {}).get(lang)
    if topics is None:
        return None
    where = rule.where("topic").at(lang)
    matcher = cached(rule, ("topic", lang), lambda: pattern_set(topics, lang, where))
    return matcher.matches_in(pipeline(lang)(text))


def _off_topic_fields(rule: Rule | None, notice: Notice) -> set[str]:
    """Title fields the preview-off-topic rule flags in ``notice`` (it reads the first tag of each name)."""
    if rule is None or not notice.has_head:
        return set()
    from .analysis import Analysis
    from .kinds import KINDS

    return {finding.field for finding in KINDS[rule.kind].check(rule, Analysis(notice)) if finding.field}


@lru_cache(maxsize=1)
def off_topic_rule() -> Rule | None:
    """The built-in preview-off-topic rule, whose topic patterns say whether a title names the incident."""
    from .packs import PackError, builtin_rules_dir, load_rule

    path = builtin_rules_dir() / "preview-off-topic.toml"
    try:
        return load_rule(path) if path.is_file() else None
    except PackError:
        return None


def _head_end(source: str) -> int | None:
    match = re.search(r"</head\s*>|<body[\s>]", source, re.IGNORECASE)
    return match.start() if match else None


def _byte_offsets(source: str, offsets: list[int], encoding: str) -> dict[int, int]:
    """Byte offset in ``encoding`` of each character offset, encoding the source once, piece by piece."""
    result: dict[int, int] = {}
    done = size = 0
    for offset in sorted(set(offsets)):
        size += len(source[done:offset].encode(encoding, errors="replace"))
        done = offset
        result[offset] = size
    return result
