"""Kind ``preview-presence``: the page gives link previews no title at all."""

from __future__ import annotations

from typing import Any, Iterator

from ..analysis import Analysis
from ..model import Finding
from ..packs import Rule, Where

KEYS: set[str] = set()
TITLE_FIELDS = ("og:title", "twitter:title", "title", "subject")


def validate(data: dict[str, Any], where: Where) -> None:
    """No keys of its own."""


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    notice = analysis.notice
    if not notice.has_head or any(notice.meta_field(name) for name in TITLE_FIELDS):
        return
    yield analysis.finding(rule, None, 0, 0)
