"""Web addresses written out in a notice's text, and the host a link points at.

Markup links (``<a href>``, ``[text](url)``) come from the format parsers; this module finds the
addresses a reader sees as plain text (``https://...``, ``www.example.com``, ``example.co.kr/help``,
``bit.ly/3xYz``) so that plain-text notices have links too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..model import Link, TextBlock

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_COMMON_TLD = r"(?:com|org|net|gov|edu|mil|info|biz|io|kr|uk|eu|de|fr|jp|ca|au|nz|ie|sg|ch|nl|se|app|dev|us)"
_SHORT_TLD = r"(?:ly|co|gl|do|la|gd|cc|to|at|id|me|gy|gg|su|ai|tv)"
"""Top-level domains of link shorteners and the like: a bare ``name.ly`` counts only with a path."""
BARE_URL = re.compile(
    "|".join(
        [
            r"(?<![A-Za-z0-9_])https?://[^\s<>\"']+",
            rf"(?<![A-Za-z0-9_.@/-])www\.{_LABEL}(?:\.{_LABEL})+(?:/[^\s<>\"']*)?",
            rf"(?<![A-Za-z0-9_.@/-])(?:{_LABEL}\.)+{_COMMON_TLD}(?![A-Za-z0-9-])(?:/[^\s<>\"']*)?",
            rf"(?<![A-Za-z0-9_.@/-])(?:{_LABEL}\.)+{_SHORT_TLD}/[A-Za-z0-9][^\s<>\"']*",
        ]
    ),
    re.IGNORECASE,
)
MAY_HOLD_ADDRESS = re.compile(r"\.[A-Za-z0-9]|://")
"""What every form of BARE_URL holds (a dot before a letter or digit, or a scheme): a quick test first."""
URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
TRAILING = ".,;:!?)]}'\""


def bare_links(blocks: list[TextBlock], known: list[Link]) -> list[Link]:
    """Addresses written out in ``blocks`` that are not the text of a ``known`` markup link."""
    found: list[Link] = []
    for block in blocks:
        if not MAY_HOLD_ADDRESS.search(block.text):
            continue
        for match in BARE_URL.finditer(block.text):
            end = match.start() + len(_trim(match.group()))
            if end <= match.start():
                continue
            start_offset, end_offset = block.source_span(match.start(), end)
            if any(link.text_start < end_offset and start_offset < link.text_end for link in known):
                continue
            text = block.text[match.start() : end]
            found.append(Link(text, text, start_offset, end_offset, start_offset, end_offset, bare=True))
    return found


def _trim(url: str) -> str:
    """Cut an address at the first character an address cannot hold (a Korean particle), then
    drop closing punctuation; a ``)`` stays when the address opened one."""
    url = URL_CHARS.match(url).group()
    while url and url[-1] in TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def host_of(href: str) -> str | None:
    """The lowercase host an absolute or scheme-less address points at, without ``www.``; None for a
    relative, fragment, ``mailto:`` or other non-web link."""
    href = href.strip()
    if not href or href.startswith(("#", "/", "?", ".")):
        return None
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href) and not re.match(r"https?://", href, re.IGNORECASE):
        return None
    if not re.match(r"https?://", href, re.IGNORECASE):
        if not BARE_URL.match(href):
            return None
        href = "http://" + href
    try:
        host = urlsplit(href).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def path_of(href: str) -> str:
    """The path and query of an address ("" for a bare host)."""
    href = href.strip()
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", href) and not href.startswith("/"):
        href = "http://" + href
    try:
        parts = urlsplit(href)
    except ValueError:
        return ""
    return parts.path + ("?" + parts.query if parts.query else "")


def within(host: str, domain: str) -> bool:
    """``host`` is ``domain`` or one of its subdomains (both lowercase, without ``www.``)."""
    domain = domain.lower().strip().strip(".")
    domain = domain.removeprefix("www.")
    return host == domain or host.endswith("." + domain)
