"""Kind ``site-default``: a notice whose preview is the site's default rather than its own.

Per notice (``check``):

- ``[root-url]``: ``og:url`` or the canonical link (``fields``) points at the site's home page
  (``root-paths``): platforms take it as the page's address and show the home page's preview.
- ``[site-name]``: a title field (``fields``) is just ``og:site_name``.

Across the notices of a run (``check_run``, called by the engine once every file is checked):

- ``[shared]``: the same value of a field on at least ``min-files[field]`` notices of one site (the
  same ``og:site_name``, else the same host in ``og:url`` / canonical; a notice with neither is not
  compared) at different addresses. Values that are just the site name are left to ``[site-name]``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterator

from ..analysis import Analysis, format_message
from ..model import Finding, MetaField, Notice
from ..packs import Rule, Where, required_str
from ..parse.links import host_of, path_of

KEYS = {"root-url", "site-name", "shared"}
ROOT_PATHS = ("", "/", "/index.html", "/index.htm", "/index.php")


def validate(data: dict[str, Any], where: Where) -> None:
    if not KEYS & set(data):
        raise where.fail(f"needs at least one of the tables {', '.join(sorted(KEYS))}")
    for name in KEYS & set(data):
        table, here = data[name], where.at(name)
        if not isinstance(table, dict):
            raise here.fail("must be a table")
        required_str(table, "reason", here)
        required_str(table, "suggest", here)
        fields = table.get("fields", {} if name == "shared" else [])
        if name == "shared":
            if not isinstance(fields, dict) or not fields or not all(
                isinstance(count, int) and count >= 2 for count in fields.values()
            ):
                raise here.at("fields").fail('must map fields to a number of notices of 2 or more, e.g. { "og:title" = 3 }')
        elif not isinstance(fields, list) or not fields or not all(isinstance(item, str) for item in fields):
            raise here.at("fields").fail('must be a list of field names, e.g. ["og:url", "canonical"]')
        roots = table.get("root-paths", [])
        if not isinstance(roots, list) or not all(isinstance(item, str) for item in roots):
            raise here.at("root-paths").fail("must be a list of paths")


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    notice = analysis.notice
    if not notice.has_head:
        return
    if "root-url" in rule.data:
        table = rule.data["root-url"]
        roots = {path.rstrip("/") for path in table.get("root-paths", ROOT_PATHS)}
        for name in table["fields"]:
            field = notice.meta_field(name)
            if field is not None and _is_address(field.text) and path_of(field.text).rstrip("/") in roots:
                yield _finding(rule, analysis, table, field)
    if "site-name" in rule.data:
        table = rule.data["site-name"]
        site = notice.meta_field("og:site_name")
        for name in table["fields"]:
            field = notice.meta_field(name)
            if site is not None and field is not None and normalized(field.text) == normalized(site.text):
                yield _finding(rule, analysis, table, field)


def check_run(rule: Rule, analyses: list[Analysis]) -> Iterator[tuple[Analysis, Finding]]:
    """The same preview text on several notices of one site: the site's default, not the notices' own."""
    if "shared" not in rule.data:
        return
    table = rule.data["shared"]
    for name, minimum in table["fields"].items():
        groups: dict[tuple[str, str], list[tuple[Analysis, MetaField]]] = defaultdict(list)
        for analysis in analyses:
            site, field = site_of(analysis.notice), analysis.notice.meta_field(name)
            if site and field is not None and normalized(field.text) != site:
                groups[(site, normalized(field.text))].append((analysis, field))
        for members in groups.values():
            addresses = {_address(analysis.notice) or id(analysis) for analysis, _ in members}
            if len(members) < minimum or len(addresses) < 2:
                continue
            for analysis, field in members:
                others = [other.notice.path for other, _ in members if other is not analysis]
                shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
                yield analysis, _finding(rule, analysis, table, field, count=len(members), others=shown)


def _finding(rule: Rule, analysis: Analysis, table: dict[str, Any], field: MetaField, **values: Any) -> Finding:
    values = {"text": field.text, "field": field.name, **values}
    reason = format_message(table["reason"], values)
    return analysis.finding(rule, field, 0, len(field.text), suggestion=table["suggest"], reason=reason, **values)


def normalized(text: str) -> str:
    """Text compared as a reader sees it: case, spacing and surrounding punctuation do not count."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def site_of(notice: Notice) -> str | None:
    """The site a notice belongs to: its ``og:site_name``, else the host of its address."""
    name = notice.meta_field("og:site_name")
    if name is not None and normalized(name.text):
        return normalized(name.text)
    address = _address(notice)
    return host_of(address) if address else None


def _address(notice: Notice) -> str | None:
    field = notice.meta_field("og:url") or notice.meta_field("canonical")
    return field.text.strip() if field is not None else None


def _is_address(text: str) -> bool:
    """An absolute web address or a site-relative path (not an empty or placeholder value)."""
    text = text.strip()
    return text.startswith("/") or host_of(text) is not None
