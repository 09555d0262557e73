"""Turn decoded source text into a :class:`~notice_lint.model.Notice`.

Each format module exposes ``parse(source: str) -> Parsed``. This module picks the format
(by suffix, else by sniffing), runs the parser, and settles the language of the notice and of
each block.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import PurePath

from ..lang import block_language, detect_language
from ..model import Link, MetaField, Notice, TextBlock
from .links import bare_links

SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".eml": "email",
}


@dataclass
class Parsed:
    """What a format parser returns: body blocks, metadata, and a declared language if any."""

    blocks: list[TextBlock] = field(default_factory=list)
    meta: list[MetaField] = field(default_factory=list)
    declared_language: str | None = None
    has_head: bool = False
    links: list[Link] = field(default_factory=list)


def detect_format(path: str, source: str) -> str:
    """``html``, ``markdown``, ``text`` or ``email``: by the file's suffix, else by sniffing the content."""
    suffix = PurePath(path).suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    return sniff_format(source)


def sniff_format(source: str) -> str:
    """Guess the format of text that has no telling file name."""
    head = source.lstrip("\ufeff \t\r\n")[:2048].lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<main", "<article")):
        return "html"
    if head.startswith("<") and ("</p>" in head or "</div>" in head or "</h1>" in head):
        return "html"
    if head.startswith("---\n") or head.startswith("---\r\n") or head.startswith("# "):
        return "markdown"
    return "text"


def _parser(fmt: str):
    if fmt == "html":
        from . import html as module
    elif fmt == "markdown":
        from . import markdown as module
    elif fmt == "email":
        from . import email as module
    else:
        from . import text as module
    return module.parse


def parse_source(
    source: str, path: str, fmt: str | None = None, language: str | None = None, main_selector: str | None = None
) -> Notice:
    """Parse decoded ``source`` into a Notice. ``language`` ('en', 'ko') overrides detection;
    ``main_selector`` (CSS) names the element holding an HTML notice's body."""
    fmt = fmt or detect_format(path, source)
    parser = _parser(fmt)
    parsed = parser(source, main_selector) if fmt in ("html", "email") else parser(source)
    body_text = " ".join(block.text for block in parsed.blocks)
    notice_language = language or _declared(parsed.declared_language) or detect_language(body_text, "en")
    blocks = [
        dataclasses.replace(block, language=language or block_language(block.text, notice_language))
        for block in parsed.blocks
    ]
    has_head = parsed.has_head or bool(parsed.meta)
    links = sorted([*parsed.links, *bare_links(blocks, parsed.links)], key=lambda link: link.text_start)
    return Notice(path, source, fmt, notice_language, blocks, parsed.meta, has_head, links)


def _declared(tag: str | None) -> str | None:
    """The primary subtag of a declared language ('ko-KR' -> 'ko'), if it is one we know."""
    if not tag:
        return None
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in ("en", "ko") else None
