"""Fetch a web page as a browser or a link-preview crawler would: no JavaScript, redirects followed and recorded.

Only http and https; a connect timeout, a total timeout over every hop, a cap on the bytes read per
response and on the number of redirects. Every failure is a :class:`FetchError` with a one-line reason.
Nothing fetched is executed: a browser fetch follows ``<meta http-equiv="refresh">`` and the plain
``location.href = "..."`` / ``location.replace("...")`` statements a redirect page uses, recognized as
text; crawlers follow HTTP redirects only.
"""

from __future__ import annotations

import codecs
import http.client
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from .parse.html_source import SourceIndex
from .source import CHARSET, InputError, decode

USER_AGENTS = {
    "browser": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36",
    "facebookexternalhit": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "kakaotalk-scrap": "facebookexternalhit/1.1; kakaotalk-scrap/1.0; +https://devtalk.kakao.com/t/scrap/33984",
    "Twitterbot": "Twitterbot/1.0",
    "Slackbot": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "LinkedInBot": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Discordbot": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "TelegramBot": "TelegramBot (like TwitterBot)",
    "WhatsApp": "WhatsApp/2.23.20.0 A",
    "line-poker": "facebookexternalhit/1.1;line-poker/1.0",
    "iMessage": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) "
    "Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
}
"""Who fetches: ``browser`` and the crawlers link previews come from, by the name their user agent carries."""

REDIRECTS = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = (*HTML_TYPES, "text/plain", "text/markdown", "text/x-markdown")
META_SNIFF_BYTES = 4096
"""How far into the body a ``<meta charset>`` is looked for (browsers pre-scan the first 1024 bytes, then more)."""

SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT_REDIRECT = re.compile(
    r"""(?:\b(?:window|document|top|self)\.)?\blocation(?:\.href)?\s*=\s*(["'])(?P<a>[^"'\s]+)\1"""
    r"""|\blocation\.(?:replace|assign)\(\s*(["'])(?P<b>[^"'\s]+)\3\s*\)"""
)
RUNS_ON_ITS_OWN = re.compile(
    r"""(?:setTimeout\s*\(|\bonload\s*=|DOMContentLoaded["']\s*,|["']load["']\s*,)\s*"""
    r"""(?:function\s*\w*\s*\([^)]*\)|\([^)]*\)\s*=>|\w+\s*=>)\s*$"""
)
"""What precedes the brace of a function that runs by itself: a timer or a load handler."""
REFRESH_URL = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(?P<url>[^"']*)\1\s*$""", re.IGNORECASE)
KOREAN_LABELS = frozenset({"euc-kr", "euckr", "ks-c-5601-1987", "ks_c_5601-1987", "ksc5601", "cp949", "windows-949",
                           "x-windows-949", "korean", "csksc56011987", "iso-ir-149", "ks_c_5601-1989", "ksc_5601"})
LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1", "cp819"})


ENCODING_SOURCES = {"bom": "byte-order mark", "http": "HTTP charset", "meta": "<meta charset>", "detected": "detected"}
"""How a page's encoding was chosen, in words."""


class FetchError(Exception):
    """A page that could not be fetched; the message is one line naming the reason."""


@dataclass(frozen=True)
class Limits:
    """How long and how much a fetch may take."""

    connect_timeout: float = 5.0
    total_timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 10


@dataclass(frozen=True)
class Hop:
    """A step the link passes through before the page: an HTTP redirect, a meta refresh or a script redirect."""

    url: str
    status: int
    via: str
    """``http`` (a 3xx response), ``meta-refresh`` or ``script``."""
    target: str
    text: str = ""
    """The step's decoded body (a 3xx response's body may carry a page of its own), or empty."""
    content_type: str = ""


@dataclass(frozen=True)
class Page:
    """A fetched page: where the link ended, the steps on the way, and the body decoded as a browser would."""

    url: str
    final_url: str
    agent: str
    status: int
    content_type: str
    text: str
    encoding: str
    encoding_source: str
    """``bom``, ``http`` (the Content-Type charset), ``meta`` (a ``<meta charset>``) or ``detected``."""
    hops: tuple[Hop, ...] = ()
    size: int = 0
    """Bytes of the body as served (after any content encoding is undone)."""

    @property
    def format(self) -> str:
        """``html``, ``markdown`` or ``text``, by the Content-Type."""
        media = self.content_type.split(";")[0].strip().lower()
        if media in HTML_TYPES:
            return "html"
        return "markdown" if "markdown" in media else "text"


@dataclass
class _Response:
    url: str
    status: int
    reason: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def fetch(url: str, agent: str = "browser", limits: Limits = Limits()) -> Page:
    """Fetch ``url`` as ``agent`` (a key of USER_AGENTS), following redirects; raises FetchError."""
    user_agent = USER_AGENTS[agent]
    deadline = time.monotonic() + limits.total_timeout
    follow_client_redirects = agent == "browser"
    hops: list[Hop] = []
    seen = [url]
    current = url
    while True:
        response = _request(current, user_agent, limits, deadline)
        target = None
        via = "http"
        text = ""
        content_type = response.headers.get("content-type", "")
        if response.status in REDIRECTS:
            location = response.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"HTTP {response.status} redirect from {current} without a Location header")
            target = urljoin(current, location)
            text = _hop_text(response.body, content_type)
        elif response.status >= 400:
            raise FetchError(f"HTTP {response.status} {response.reason}".strip() + _at(current, url))
        elif not 200 <= response.status < 300:
            raise FetchError(f"unexpected HTTP status {response.status} {response.reason}".strip() + _at(current, url))
        else:
            _require_text(content_type, current, url)
            text, encoding, how = decode_page(response.body, content_type)
            if follow_client_redirects and content_type.split(";")[0].strip().lower() in (*HTML_TYPES, ""):
                found = client_redirect(text, current)
                if found is not None:
                    via, target = found
            if target is None:
                return Page(url, current, agent, response.status, content_type, text, encoding, how, tuple(hops),
                            len(response.body))
        _check_scheme(target, f"redirect from {current} to")
        hops.append(Hop(current, response.status, via, target, text, content_type))
        if target in seen:
            chain = " -> ".join([*seen[seen.index(target):], target])
            raise FetchError(f"redirect loop: {chain}")
        if len(hops) > limits.max_redirects:
            raise FetchError(f"more than {limits.max_redirects} redirects (last to {target})")
        seen.append(target)
        current = target


def decode_page(body: bytes, content_type: str) -> tuple[str, str, str]:
    """Decode as a browser does: byte-order mark, then the HTTP charset, then ``<meta charset>``, then detection.

    Returns the text, the encoding used and how it was chosen. A charset that does not fit the bytes is
    passed over for the next source; EUC-KR is read as CP949, its superset, as browsers do.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace"), encoding, "bom"
    declared = _charset_parameter(content_type)
    if declared:
        text = _try(body, declared)
        if text is not None:
            return text, normalize_charset(declared), "http"
    meta = CHARSET.search(body[:META_SNIFF_BYTES])
    if meta:
        label = meta.group(1).decode("ascii", "replace")
        text = _try(body, label)
        if text is not None:
            return text, normalize_charset(label), "meta"
    try:
        text = decode(body)
    except InputError as error:
        raise FetchError(str(error)) from None
    encoding = "utf-8" if _try(body, "utf-8") is not None else "cp949"
    return text, encoding, "detected"


def normalize_charset(label: str) -> str:
    """The codec a browser uses for a charset label: EUC-KR family -> cp949, Latin-1 family -> cp1252."""
    lowered = label.strip().strip("\"'").lower().replace("_", "-")
    if lowered in KOREAN_LABELS or lowered.replace("-", "_") in KOREAN_LABELS:
        return "cp949"
    if lowered in LATIN1_LABELS:
        return "cp1252"
    return "utf-8" if lowered in ("utf8", "unicode-1-1-utf-8") else lowered


def client_redirect(text: str, base: str) -> tuple[str, str] | None:
    """Where a page sends a browser without HTTP: ``("meta-refresh" | "script", absolute URL)``, or None.

    A refresh to the page itself (an auto-reload) is not a redirect. A script redirect counts only when the
    assignment stands at the top level of an inline script (not inside a function or a handler).
    """
    for tag in SourceIndex(text).tags:
        if tag.name == "meta" and tag.attrs.get("http-equiv", ("", 0))[0].strip().lower() == "refresh":
            match = REFRESH_URL.match(tag.attrs.get("content", ("", 0))[0])
            if match and match.group("url").strip():
                target = urljoin(base, match.group("url").strip())
                if target.split("#")[0] != base.split("#")[0]:
                    return "meta-refresh", target
    for script in SCRIPT.finditer(text):
        code = script.group(1)
        for match in SCRIPT_REDIRECT.finditer(code):
            if _top_level(code, match.start()):
                return "script", urljoin(base, match.group("a") or match.group("b"))
    return None


def _top_level(code: str, position: int) -> bool:
    """Every brace open at ``position`` belongs to code that runs on its own: a timer or a load handler
    (``setTimeout(function () { ... })``), not a function or a click handler. Strings are not parsed:
    good enough for redirect snippets."""
    opened: list[int] = []
    for index, char in enumerate(code[:position]):
        if char == "{":
            opened.append(index)
        elif char == "}" and opened:
            opened.pop()
    return all(RUNS_ON_ITS_OWN.search(code[max(0, brace - 60) : brace]) for brace in opened)


def _request(url: str, user_agent: str, limits: Limits, deadline: float) -> _Response:
    """One GET request; the body is read up to ``limits.max_bytes``."""
    parts = _check_scheme(url, "cannot fetch")
    try:
        host = parts.hostname
        port = parts.port
    except ValueError:
        raise FetchError(f"invalid URL {url}: bad port") from None
    if not host:
        raise FetchError(f"invalid URL {url}: no host")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"invalid host name {host!r}") from None
    remaining = _remaining(deadline, limits)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            ascii_host, port, timeout=min(limits.connect_timeout, remaining), context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(ascii_host, port, timeout=min(limits.connect_timeout, remaining))
    try:
        _connect(connection, ascii_host, limits)
        connection.sock.settimeout(_remaining(deadline, limits))
        target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~") + (
            "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?") if parts.query else ""
        )
        connection.putrequest("GET", target, skip_accept_encoding=True)
        for name, value in (
            ("User-Agent", user_agent),
            ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.8"),
            ("Accept-Encoding", "identity"),
        ):
            connection.putheader(name, value)
        connection.endheaders()
        sock = connection.sock  # kept: the connection lets go of it when the server closes after the body
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        body = _read_body(response, sock, headers, limits, deadline)
        return _Response(url, response.status, response.reason or "", headers, body)
    except socket.timeout:
        raise FetchError(f"no complete response from {host} within the {limits.total_timeout:g} s total timeout") from None
    except ssl.SSLError as error:
        raise FetchError(f"TLS error with {host}: {error.reason or error}") from None
    except http.client.HTTPException as error:
        raise FetchError(f"invalid HTTP response from {host}: {type(error).__name__}") from None
    except OSError as error:
        raise FetchError(f"connection to {host} failed: {error.strerror or error}") from None
    finally:
        connection.close()


def _connect(connection: http.client.HTTPConnection, host: str, limits: Limits) -> None:
    try:
        connection.connect()
    except socket.timeout:
        raise FetchError(f"could not connect to {host} within {limits.connect_timeout:g} s") from None
    except ssl.SSLCertVerificationError as error:
        raise FetchError(f"TLS certificate of {host} not accepted: {error.verify_message or error}") from None
    except ssl.SSLError as error:
        raise FetchError(f"TLS error with {host}: {error.reason or error}") from None
    except socket.gaierror:
        raise FetchError(f"cannot resolve host {host}") from None
    except OSError as error:
        raise FetchError(f"could not connect to {host}: {error.strerror or error}") from None


def _read_body(response: http.client.HTTPResponse, sock: socket.socket, headers: dict[str, str], limits: Limits,
               deadline: float) -> bytes:
    """Read the body, undoing gzip/deflate, stopping at the byte cap and the total timeout."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"response of {int(declared):,} bytes exceeds the cap of {limits.max_bytes:,} bytes")
    encoding = headers.get("content-encoding", "identity").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding not in ("", "identity"):
        raise FetchError(f"unsupported Content-Encoding {encoding!r}")
    chunks: list[bytes] = []
    size = 0
    while True:
        sock.settimeout(_remaining(deadline, limits))
        chunk = response.read1(65536)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, limits.max_bytes + 1 - size)
            except zlib.error:
                raise FetchError(f"corrupt {encoding} body") from None
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"response exceeds the cap of {limits.max_bytes:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _remaining(deadline: float, limits: Limits) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"no complete response within the {limits.total_timeout:g} s total timeout")
    return left


def _check_scheme(url: str, doing: str):
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{doing} {url}: only http and https URLs are fetched")
    return parts


def _require_text(content_type: str, url: str, asked: str) -> None:
    media = content_type.split(";")[0].strip().lower()
    if media and media not in TEXT_TYPES:
        raise FetchError(f"not a web page: Content-Type {media}" + _at(url, asked))


def _at(url: str, asked: str) -> str:
    return "" if url == asked else f" at {url}"


def _charset_parameter(content_type: str) -> str | None:
    match = re.search(r"""charset\s*=\s*["']?([^\s;"']+)""", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _try(body: bytes, label: str) -> str | None:
    try:
        return body.decode(normalize_charset(label))
    except (UnicodeDecodeError, LookupError):
        return None


def _hop_text(body: bytes, content_type: str) -> str:
    """A redirect response's body as text, or empty when it is not a readable page."""
    if not body.strip():
        return ""
    try:
        return decode_page(body, content_type)[0]
    except FetchError:
        return ""
