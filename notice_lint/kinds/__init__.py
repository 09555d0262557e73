"""The rule kinds a pack can use. Each module has ``KEYS``, ``validate(data, where)`` and ``check(rule, analysis)``."""

from __future__ import annotations

from types import ModuleType

from . import preview_presence, preview_topic, required_elements, wording

KINDS: dict[str, ModuleType] = {
    "wording": wording,
    "preview-presence": preview_presence,
    "preview-topic": preview_topic,
    "required-elements": required_elements,
}
