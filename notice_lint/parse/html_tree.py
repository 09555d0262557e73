"""A light element tree of an HTML page, built from lxml's parser events.

lxml repairs HTML as browsers do (the same libxml2 parser beautifulsoup4's "lxml" builder drives), but a tree
lxml builds itself stops at a nesting depth of 255 and drops the rest of the page: a page could hide its text
from the rules that way. Built from the parser's events, the tree has no depth limit and costs a fraction
of a BeautifulSoup tree. Its strings follow BeautifulSoup's conventions, so the walker reads it the same way:

- a run of text between two tags is one ``str``, and text made only of ASCII spaces becomes ``"\\n"`` (when it
  holds a line break) or ``" "``, except inside ``<pre>`` and ``<textarea>``;
- text inside ``<script>``, ``<style>``, ``<template>``, ``<rt>`` and ``<rp>`` is :class:`Contained`, and
  comments and processing instructions are :class:`Markup`: neither is text a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

CONTAINERS = frozenset({"script", "style", "template", "rt", "rp"})
"""Elements whose text is no reading text (BeautifulSoup's string containers)."""
PRESERVE_WHITESPACE = frozenset({"pre", "textarea"})
ASCII_SPACES = " \n\t\f\r"


class Contained(str):
    """Text inside a script, style sheet, template or ruby annotation."""


class Markup(str):
    """A comment or processing instruction."""


@dataclass(eq=False)
class Element:
    """An element: lowercase name, attributes, and children (elements and strings) in order."""

    name: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)


@dataclass(eq=False)
class Page:
    """The tree (``root`` holds the top-level nodes) and the elements the parser looks up by name."""

    root: Element
    elements: list[Element]
    """Every element, in document order."""
    first: dict[str, Element]
    """The first element of each name."""
    head_title: Element | None
    """The first ``<title>`` inside the first ``<head>``."""
    free_title: Element | None
    """The first ``<title>`` outside any ``<svg>``."""
    role_main: Element | None
    """The first element with ``role="main"``."""


class _Builder:
    """lxml parser target: turns start, end, data, comment and PI events into a :class:`Page`."""

    def __init__(self) -> None:
        self.root = Element("", {})
        self.stack = [self.root]
        self.pending: list[str] = []
        self.elements: list[Element] = []
        self.first: dict[str, Element] = {}
        self.containers = 0
        self.preserving = 0
        self.svgs = 0
        self.head: Element | None = None
        self.head_open = False
        self.head_title: Element | None = None
        self.free_title: Element | None = None
        self.role_main: Element | None = None

    def _flush(self) -> None:
        if not self.pending:
            return
        text = "".join(self.pending)
        self.pending = []
        if not self.preserving and not text.strip(ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        self.stack[-1].children.append(Contained(text) if self.containers else text)

    def start(self, tag: str, attrib: dict[str, str], nsmap: object = None) -> None:
        self._flush()
        name = tag
        element = Element(name, dict(attrib))
        self.stack[-1].children.append(element)
        self.stack.append(element)
        self.elements.append(element)
        self.first.setdefault(name, element)
        if name in CONTAINERS:
            self.containers += 1
        if name in PRESERVE_WHITESPACE:
            self.preserving += 1
        if name == "svg":
            self.svgs += 1
        elif name == "head" and self.head is None:
            self.head, self.head_open = element, True
        elif name == "title":
            if self.head_open and self.head_title is None:
                self.head_title = element
            if not self.svgs and self.free_title is None:
                self.free_title = element
        if self.role_main is None and element.attrs.get("role") == "main":
            self.role_main = element

    def end(self, tag: str) -> None:
        self._flush()
        if len(self.stack) == 1:
            return
        element = self.stack.pop()
        name = element.name
        if name in CONTAINERS:
            self.containers -= 1
        if name in PRESERVE_WHITESPACE:
            self.preserving -= 1
        if name == "svg":
            self.svgs -= 1
        elif element is self.head:
            self.head_open = False

    def data(self, text: str) -> None:
        self.pending.append(text)

    def comment(self, text: str) -> None:
        self._flush()
        self.stack[-1].children.append(Markup(text))

    def pi(self, target: str, data: str | None = None) -> None:
        self._flush()
        self.stack[-1].children.append(Markup(f"{target} {data or ''}"))

    def doctype(self, *args: object) -> None:
        self._flush()

    def close(self) -> Page:
        self._flush()
        return Page(self.root, self.elements, self.first, self.head_title, self.free_title, self.role_main)


def build_page(source: str) -> Page:
    """The page's tree. lxml does not reject text it is given as a string; should it, the page is empty."""
    if source.startswith("\ufeff"):
        source = source[1:]
    builder = _Builder()
    parser = etree.HTMLParser(target=builder, recover=True)
    try:
        parser.feed(source)
        page: Page = parser.close()
    except (UnicodeDecodeError, LookupError, etree.ParserError):
        page = _Builder().close()
    builder.__dict__.clear()  # lxml's parser and its target refer to each other: the page is not to wait for
    return page  # the cycle collector with them


def strings(element: Element) -> list[str]:
    """Every string below ``element`` (text, contained text and markup), in document order, without recursion."""
    found: list[str] = []
    stack = [iter(element.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, Element):
            stack.append(iter(child.children))
        else:
            found.append(child)
    return found


def text_of(element: Element) -> str:
    """The reading text below ``element``: its plain strings joined."""
    return "".join(string for string in strings(element) if type(string) is str)
