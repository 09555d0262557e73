"""HTML notices: the body blocks of the notice itself and the page's preview metadata."""

from __future__ import annotations

import html
import warnings

from ..model import Link, MetaField, TextBlock
from ..text import TextBuilder, make_block, make_meta
from . import Parsed
from .html_source import SourceIndex, add_value
from .html_tree import Element, Page, build_page, strings, text_of

HEADINGS = {f"h{level}": level for level in range(1, 7)}
BLOCK_KINDS = {
    "p": "paragraph",
    "li": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "blockquote": "quote",
    "dt": "paragraph",
    "dd": "paragraph",
    "caption": "paragraph",
    "figcaption": "paragraph",
    "pre": "paragraph",
    "address": "paragraph",
    "summary": "heading",
    "legend": "paragraph",
}
CONTAINERS = frozenset(
    "div section article main header footer nav aside ul ol dl table thead tbody tfoot tr form "
    "fieldset details figure body html center hgroup menu dialog".split()
)
INHERITING_KINDS = ("list-item", "table-cell", "quote")
NEVER_TEXT = frozenset("script style template noscript head svg math iframe object canvas select".split())
OUTSIDE_NOTICE = frozenset("nav header footer aside".split())
META_PREFIXES = ("og:", "twitter:")
META_NAMES = ("description",)
HEAD_TAGS = frozenset({"html", "head", "title", "meta"})
MAX_DEPTH = 150
"""Elements nested deeper than this are walked flat (no recursion), so no page can exhaust the stack."""


class _Positions:
    """Finds each tree text node in the source's decoded text stream, in document order."""

    WINDOW = 20_000

    def __init__(self, index: SourceIndex) -> None:
        self.index = index
        self.cursor = 0
        self.found: list[tuple[int, int]] = []
        """Source span of each text node found, without its surrounding whitespace."""

    def add(self, builder: TextBuilder, text: str) -> None:
        index = self.index
        found = index.text.find(text, self.cursor, self.cursor + len(text) + self.WINDOW) if text.strip() else -1
        if found < 0:
            at = index.starts[self.cursor] if self.cursor < len(index.starts) else len(index.source)
            builder.add_decoded(text, at, at)
            return
        builder.add_spans(text, index.starts[found : found + len(text)], index.ends[found : found + len(text)])
        self.cursor = found + len(text)
        lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
        self.found.append((index.starts[found + lead], index.ends[found + len(text) - trail - 1]))


class _BlockWalker:
    """Walks the notice's element tree and cuts its text into blocks."""

    def __init__(self, positions: _Positions, root: Element, skip: frozenset[str], title: Element | None) -> None:
        self.positions = positions
        self.root = root
        self.skip = skip
        self.title = title
        self.title_builder: TextBuilder | None = None
        self.inside = False
        self.blocks: list[TextBlock] = []
        self.builder = TextBuilder()
        self.kind = "paragraph"
        self.level = 0
        self.links: list[Link] = []
        self._anchors = [tag for tag in positions.index.tags if tag.name == "a" and "href" in tag.attrs]
        self.depth = 0

    def flush(self) -> None:
        block = make_block(self.builder, self.kind, self.level)
        if block is not None:
            self.blocks.append(block)
        self.builder = TextBuilder()

    def walk(self, node: Element) -> None:
        if self.depth >= MAX_DEPTH:
            self._walk_flat(node)
            return
        self.depth += 1
        try:
            for child in node.children:
                if type(child) is str:
                    self.positions.add(self.builder if self.inside else TextBuilder(), child)
                elif isinstance(child, Element):
                    self.element(child)
        finally:
            self.depth -= 1

    def _walk_flat(self, node: Element) -> None:
        """Walk what lies below ``node`` without recursion, for markup nested deeper than MAX_DEPTH:
        its text is kept and block elements still cut blocks, but nested kinds and links are not told apart."""
        stack = [iter(node.children)]
        root_depth = 0  # how many children lists are open once inside the notice's root element (0: not in it)
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                if len(stack) < root_depth:
                    self.flush()
                    self.inside, root_depth = False, 0
                continue
            if isinstance(child, Element):
                name = child.name.lower()
                if child is self.title or name in NEVER_TEXT or (self.inside and name in self.skip) or _hidden(child):
                    if child is self.title:
                        self.element(child)
                    else:
                        self._consume(child)
                    continue
                if child is self.root and not self.inside:
                    self.inside, root_depth = True, len(stack) + 1
                    self.flush()
                elif self.inside and (name in ("br", "hr") or name in HEADINGS or name in BLOCK_KINDS or name in CONTAINERS):
                    self.flush()
                stack.append(iter(child.children))
            elif type(child) is str:
                self.positions.add(self.builder if self.inside else TextBuilder(), child)

    def element(self, tag: Element) -> None:
        if tag is self.title:
            self.title_builder = TextBuilder()
            for string in strings(tag):
                self.positions.add(self.title_builder, str(string))
            return
        if tag is self.root:
            self.inside = True
            self.element_in_notice(tag)
            self.flush()
            self.inside = False
            return
        if not self.inside:
            self.walk(tag)
            return
        self.element_in_notice(tag)

    def element_in_notice(self, tag: Element) -> None:
        name = tag.name.lower()
        if name in NEVER_TEXT or (name in self.skip and tag is not self.root) or _hidden(tag):
            self._consume(tag)
            return
        if name == "br" or name == "hr":
            self.flush()
            return
        if name == "a" and "href" in tag.attrs:
            self._link(tag)
            return
        kind, level = self._kind_of(name)
        if kind is None:
            self.walk(tag)
            return
        saved = self.kind, self.level
        self.flush()
        self.kind, self.level = kind, level
        self.walk(tag)
        self.flush()
        self.kind, self.level = saved

    def _kind_of(self, name: str) -> tuple[str | None, int]:
        if name in HEADINGS:
            return "heading", HEADINGS[name]
        if name in BLOCK_KINDS:
            if name in ("p", "div", "dd", "dt", "pre") and self.kind in INHERITING_KINDS:
                return self.kind, 0
            return BLOCK_KINDS[name], 0
        if name in CONTAINERS:
            return (self.kind if self.kind in INHERITING_KINDS else "paragraph"), 0
        return None, 0

    def _link(self, tag: Element) -> None:
        """Walk a link's text and keep the link, with the source spans of its text and its ``href``."""
        first = len(self.positions.found)
        self.walk(tag)
        spans = self.positions.found[first:]
        text = " ".join(text_of(tag).split())
        if not spans or not text:
            return
        href, start, end = tag.attrs["href"], spans[0][0], spans[-1][1]
        href_start, href_end = start, end
        while self._anchors and self._anchors[0].start < start:
            raw, at = self._anchors.pop(0).attrs["href"]
            if html.unescape(raw) == href:
                href_start, href_end = at, at + len(raw)
        self.links.append(Link(text, href.strip(), start, end, href_start, href_end))

    def _consume(self, tag: Element) -> None:
        """Move the position cursor past a skipped element's text so later text aligns."""
        for string in strings(tag):
            if type(string) is str and string.strip():
                self.positions.add(TextBuilder(), string)


def _hidden(tag: Element) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _notice_root(page: Page, source: str, main_selector: str | None = None) -> tuple[Element, frozenset[str]]:
    """The element holding the notice itself, and what to leave out inside it.

    ``main_selector`` (a CSS selector) names it first; a page it does not match falls back to the defaults.
    """
    if main_selector:
        chosen = _selected(page, source, main_selector)
        if chosen is not None:
            return chosen, frozenset({"nav"})
    for root in (page.first.get("main"), page.role_main, page.first.get("article")):
        if root is not None:
            return root, frozenset({"nav"})
    return page.first.get("body") or page.root, OUTSIDE_NOTICE


def _selected(page: Page, source: str, selector: str) -> Element | None:
    """The first element ``selector`` matches. CSS selectors are soupsieve's, which reads BeautifulSoup trees:
    the page is parsed into one as well (only here), and both trees come from the same parser events, so the
    n-th element of one is the n-th element of the other."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)  # a notice that is only a web address
        soup = BeautifulSoup(source, "lxml")
    chosen = soup.select_one(selector)
    if not isinstance(chosen, Tag):
        return None
    tags = soup.find_all(True)
    if len(tags) != len(page.elements):
        return None
    number = next(index for index, tag in enumerate(tags) if tag is chosen)
    return page.elements[number] if page.elements[number].name == chosen.name else None


def _metadata(index: SourceIndex, title: TextBuilder | None) -> list[MetaField]:
    fields: list[tuple[int, MetaField]] = []
    for tag in index.tags:
        if tag.name == "meta":
            key = (tag.attrs.get("property") or tag.attrs.get("name") or ("", 0))[0].strip().lower()
            if key.startswith(META_PREFIXES) or key in META_NAMES:
                raw, start = tag.attrs.get("content", ("", tag.start))
                builder = TextBuilder()
                add_value(builder, raw, start)
                fields.append((tag.start, make_meta(builder, key, start)))
        elif tag.name == "link" and "canonical" in tag.attrs.get("rel", ("", 0))[0].lower().split():
            raw, start = tag.attrs.get("href", ("", tag.start))
            builder = TextBuilder()
            add_value(builder, raw, start)
            fields.append((tag.start, make_meta(builder, "canonical", start)))
    if title is not None:
        fields.append((title.first_offset(), make_meta(title, "title", title.first_offset())))
    return [meta for _, meta in sorted(fields, key=lambda pair: pair[0])]


def parse(source: str, main_selector: str | None = None) -> Parsed:
    """Parse an HTML document into blocks and preview metadata with source positions."""
    index = SourceIndex(source)
    page = build_page(source)
    root, skip = _notice_root(page, source, main_selector)
    walker = _BlockWalker(_Positions(index), root, skip, page.head_title or page.free_title)
    if root is page.root:
        walker.inside = True
    walker.walk(page.root)
    walker.flush()
    html_tag = page.first.get("html")
    language = html_tag.get("lang") if html_tag is not None else None
    return Parsed(
        blocks=walker.blocks,
        meta=_metadata(index, walker.title_builder),
        declared_language=str(language) if language else None,
        has_head=any(tag.name in HEAD_TAGS for tag in index.tags),
        links=walker.links,
    )
