"""A notice prepared for rules: a spaCy doc per block and preview field, and finding construction."""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .lang import detect_language
from .model import Finding, MappedText, MetaField, Notice, Settings, Severity, TextBlock
from .nlp import pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .packs import Rule

BODY = "body"
PREVIEW = "preview"


@dataclass(frozen=True)
class Analyzed:
    """A block or preview field with its spaCy doc and language."""

    mapped: MappedText
    doc: Doc
    language: str

    @property
    def field(self) -> str | None:
        return self.mapped.name if isinstance(self.mapped, MetaField) else None

    @property
    def kind(self) -> str:
        return self.mapped.kind if isinstance(self.mapped, TextBlock) else "preview"


class Analysis:
    """Everything a rule reads about one notice, and the run's ``settings`` (the organisation's name
    and domains from configuration; empty when not configured). The spaCy docs are built when a rule
    first reads ``body`` or ``preview``, so a notice that only its metadata is asked of stays cheap."""

    def __init__(self, notice: Notice, settings: Settings | None = None) -> None:
        self.notice = notice
        self.settings = settings or Settings()

    @cached_property
    def body(self) -> list[Analyzed]:
        notice = self.notice
        return _analyze(list(notice.blocks), [block.language or notice.language for block in notice.blocks])

    @cached_property
    def preview(self) -> list[Analyzed]:
        fields = self.notice.preview_fields()
        return _analyze(fields, [detect_language(field.text, self.notice.language) for field in fields])

    def scoped(self, scope: list[str]) -> list[Analyzed]:
        """Blocks and fields a rule with this scope reads, in document order."""
        if BODY in scope and PREVIEW in scope:
            return self.preview + self.body
        chosen = []
        for item in self.preview:
            if PREVIEW in scope or item.field in scope:
                chosen.append(item)
        for item in self.body:
            if BODY in scope or item.kind in scope:
                chosen.append(item)
        return chosen

    def preview_field(self, name: str) -> Analyzed | None:
        """The analyzed preview field a platform would read for ``name`` (the first non-empty one)."""
        return next((item for item in self.preview if item.field == name and item.mapped.text.strip()), None)

    def finding(
        self,
        rule: Rule,
        mapped: MappedText | None,
        start: int,
        end: int,
        *,
        severity: Severity | None = None,
        suggestion: str | None = None,
        element: str | None = None,
        fix: str | None = None,
        **values: Any,
    ) -> Finding:
        """A finding of ``rule`` over ``mapped.text[start:end]``, positioned in the source.

        ``fix`` is kept only where the source holds exactly the matched text (no markup, entity or
        encoding in between), so that replacing the source span is safe.
        """
        mapped = mapped or MappedText("", (), ())
        source_start, source_end = mapped.source_span(start, end)
        line, column = self.notice.position(source_start)
        end_line, end_column = self.notice.position(source_end)
        field = mapped.name if isinstance(mapped, MetaField) else None
        values.setdefault("text", mapped.text[start:end])
        values.setdefault("field", field or "")
        values.setdefault("element", element or "")
        return Finding(
            rule=rule.id,
            severity=severity or rule.severity,
            message=format_message(rule.message, values),
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=self.notice.source[source_start:source_end],
            suggestion=suggestion,
            field=field,
            element=element,
            start=source_start,
            end=source_end,
            fix=fix if fix is not None and source_end > source_start
            and self.notice.source[source_start:source_end] == mapped.text[start:end] else None,
        )


def _analyze(items: list[Any], languages: list[str]) -> list[Analyzed]:
    """spaCy docs for ``items``, one ``nlp.pipe`` call per language, kept in the items' order."""
    made: dict[tuple[str, str], Doc] = {}  # items with the same text share a doc (preview fields often do)
    for language in sorted(set(languages)):
        texts = list(dict.fromkeys(item.text for item, item_language in zip(items, languages) if item_language == language))
        for text, doc in zip(texts, pipeline(language).pipe(texts)):
            made[language, text] = doc
    return [Analyzed(item, made[language, item.text], language) for item, language in zip(items, languages)]


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def format_message(template: str, values: dict[str, Any]) -> str:
    """Fill ``{placeholders}``; unknown ones become empty, and the result is one tidy line."""
    text = string.Formatter().vformat(template, (), _Blank(values))
    return " ".join(text.split())
