"""Kind ``live``: failures only a fetch of the published page shows (see ``notice_lint/live.py``).

A rule names one check: ``crawler-mismatch`` (crawlers are served another head than browsers),
``url-mismatch`` (og:url or canonical name another address than the link ends at) or ``redirect-preview``
(a page the link passes through previews as something else). The facts come from ``notice.live``,
which only a fetched URL has: for a local file these rules say nothing.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..analysis import Analysis
from ..model import Finding, Severity
from ..packs import Rule, Where, optional_str

KEYS = {"check", "suggest"}
CHECK_NAMES = ("crawler-mismatch", "url-mismatch", "redirect-preview")
"""The keys of ``notice_lint.live.CHECKS``, named here so that loading a pack does not import the fetcher."""


def validate(data: dict[str, Any], where: Where) -> None:
    if data.get("check") not in CHECK_NAMES:
        raise where.at("check").fail(f"required: one of {', '.join(CHECK_NAMES)}")
    optional_str(data, "suggest", where)


def check(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    facts = getattr(analysis.notice, "live", None)
    if facts is None:
        return
    from ..live import CHECKS

    for problem in CHECKS[rule.data["check"]](facts):
        mapped = analysis.notice.meta_field(problem.field) if problem.field else None
        yield analysis.finding(
            rule,
            mapped,
            0,
            len(mapped.text) if mapped is not None else 0,
            severity=Severity(problem.severity) if problem.severity else None,
            suggestion=rule.data.get("suggest"),
            **problem.values,
        )
