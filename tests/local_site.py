"""A small web site on 127.0.0.1 for tests, served from a thread by the test itself.

Pages are tables by path, as in a live rule example (docs/rule-packs.md): ``status``, ``location``,
``content-type``, ``charset`` (how ``body`` is encoded), ``body`` and ``crawler-body`` (served to every
user agent but the browser's). Tests may also give ``agents`` (user-agent substring -> body),
``agent-status`` (user-agent substring -> status), ``headers`` (more response headers), ``delay``
(seconds to wait before answering), ``size`` (bytes of filler appended to the body) and
``content-length = false`` (no length header: the body ends when the connection closes).
"""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from notice_lint.fetch import USER_AGENTS


class Site:
    """``with Site(pages) as site: fetch(site.url("/path"))``; ``site.requests`` lists (path, user agent)."""

    def __init__(self, pages: dict[str, dict[str, Any]], certificate: tuple[str, str] | None = None) -> None:
        self.pages = pages
        self.requests: list[tuple[str, str]] = []
        self.released = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                agent = self.headers.get("User-Agent", "")
                site.requests.append((self.path, agent))
                page = site.pages.get(self.path)
                if page is None:
                    self.send_error(404, "Not Found")
                    return
                if page.get("delay"):
                    site.released.wait(page["delay"])
                body = _body(page, agent)
                status = page.get("status", 200)
                for needle, alternative in page.get("agent-status", {}).items():
                    if needle in agent:
                        status = alternative
                self.send_response(status)
                if "location" in page:
                    self.send_header("Location", page["location"])
                for name, value in page.get("headers", {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", page.get("content-type", f"text/html; charset={page.get('charset', 'utf-8')}"))
                if page.get("content-length", True):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the client stopped reading (a byte cap or a timeout)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.scheme = "http"
        if certificate is not None:  # serve https with this (certificate file, key file)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class _Server(ThreadingHTTPServer):
    request_queue_size = 64  # a browser and ten crawlers connect at once


def _body(page: dict[str, Any], agent: str) -> bytes:
    text = page.get("body", "")
    if "crawler-body" in page and agent != USER_AGENTS["browser"]:
        text = page["crawler-body"]
    for needle, alternative in page.get("agents", {}).items():
        if needle in agent:
            text = alternative
            break
    data = text if isinstance(text, bytes) else text.encode(page.get("charset", "utf-8"))
    return data + b" " * page.get("size", 0)
