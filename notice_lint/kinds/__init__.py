"""The rule kinds a pack can use. Each module has ``KEYS``, ``validate(data, where)`` and ``check(rule, analysis)``."""

from __future__ import annotations

from types import ModuleType

from . import preview_presence, preview_topic, required_elements, wording
from . import consistency, links, metrics, site_default  # inconsistent-facts, risky-link, plain-language, preview-site-default
from . import live  # live-* rules: facts from fetching a URL
from . import deadline, forbidden, layout  # notification-delay; profile checks

KINDS: dict[str, ModuleType] = {
    "wording": wording,
    "preview-presence": preview_presence,
    "preview-topic": preview_topic,
    "required-elements": required_elements,
    "links": links,
    "readability": metrics,
    "consistency": consistency,
    "site-default": site_default,
    "live": live,
    "deadline": deadline,
    "forbidden": forbidden,
    "layout": layout,
}
