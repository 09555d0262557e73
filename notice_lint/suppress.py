"""Inline suppressions: ``notice-lint-disable``, ``-enable`` and ``-disable-next-line`` directives.

HTML and Markdown use comments: ``<!-- notice-lint-disable RULE[, RULE] -->``. Plain text uses a line holding
only the directive (``notice-lint-disable RULE``); email accepts both. Without rule ids a directive covers
every rule. Directives are read from the source text with their positions and applied to the findings after
the rules have run; a directive that suppresses nothing becomes an ``unused-suppression`` finding (info).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .model import Finding, Severity
from .model import line_starts as all_line_starts

UNUSED_SUPPRESSION = "unused-suppression"
UNUSED_SUMMARY = "A notice-lint-disable comment that suppresses nothing"
UNUSED_WHY = (
    "A suppression left behind after the wording was fixed hides the next real problem on that line or in "
    "that range. Remove it, or name only the rules that still fire there."
)
ALL = "*"
VERBS = ("disable-next-line", "disable", "enable")
COMMENT = re.compile(r"<!--\s*notice-lint-([a-z-]*)\b([^>]*?)\s*-->", re.IGNORECASE)
MARKER_LINE = re.compile(
    r"(?:^|(?<=\r))[ \t]*notice-lint-([a-z-]+)\b([^\r\n]*?)[ \t]*(?=\r\n|\n|\r|\Z)", re.IGNORECASE | re.MULTILINE
)
"""A line holding only a directive; a line starts after any line break, a lone CR too (``^`` knows only LF)."""
RULE_LIST = re.compile(r"[\s,]+")
COMMENT_FORMATS = ("html", "markdown", "email")
LINE_FORMATS = ("text", "email")


@dataclass(frozen=True)
class Directive:
    """One suppression comment or marker line, with its source span and the rules it names."""

    verb: str
    rules: tuple[str, ...]
    start: int
    end: int
    text: str

    @property
    def keys(self) -> tuple[str, ...]:
        return self.rules or (ALL,)

    @property
    def is_comment(self) -> bool:
        return self.text.startswith("<!--")


@dataclass(frozen=True)
class Suppressions:
    """A notice's directives with what applying them needs: line starts and each next-line target."""

    directives: tuple[Directive, ...]
    line_starts: tuple[int, ...]
    next_lines: tuple[int, ...]
    """For each directive, the line a ``disable-next-line`` covers (0 for other verbs)."""

    def masked(self, source: str) -> str:
        """``source`` with plain-text marker lines blanked (same length, same line breaks), so the parser
        does not read a directive as part of the notice."""
        chars = list(source)
        for directive in self.directives:
            if not directive.is_comment:
                chars[directive.start : directive.end] = " " * (directive.end - directive.start)
        return "".join(chars)

    def apply(self, findings: list[Finding], ran: set[str], known: set[str]) -> list[Finding]:
        """``findings`` without the suppressed ones, plus an ``unused-suppression`` finding for each directive
        (or named rule) that suppressed nothing. ``ran`` are the rules that were run, ``known`` every rule id;
        a rule that exists but was not run is not reported as unused."""
        if not self.directives:
            return findings
        used: set[tuple[int, str]] = set()
        ranges = _ranges(self.directives)
        kept: list[Finding] = []
        for finding in findings:
            start = finding.start if finding.start is not None else self.offset(finding.line, finding.column)
            covering = [
                (index, key) for key, index, begin, end in ranges
                if begin <= start and (end is None or start < end) and key in (ALL, finding.rule)
            ]
            covering += [
                (index, key)
                for index, directive in enumerate(self.directives)
                if directive.verb == "disable-next-line" and self.next_lines[index] == finding.line
                for key in directive.keys
                if key in (ALL, finding.rule)
            ]
            used.update(covering)
            if not covering:
                kept.append(finding)
        kept.extend(self._unused(used, ran, known))
        return sorted(kept, key=Finding.sort_key)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[max(1, min(line, len(self.line_starts))) - 1] + column - 1

    def _unused(self, used: set[tuple[int, str]], ran: set[str], known: set[str]) -> list[Finding]:
        findings: list[Finding] = []
        for index, directive in enumerate(self.directives):
            if directive.verb not in VERBS:
                message = (
                    f"\"notice-lint-{directive.verb}\" is not a directive; use disable, enable or disable-next-line"
                )
                findings.append(self._finding(directive, message))
                continue
            for key in directive.keys:
                if key != ALL and key not in known:
                    findings.append(self._finding(directive, f"unknown rule {key!r} in a suppression"))
                elif directive.verb != "enable" and (index, key) not in used and (key == ALL or key in ran):
                    what = "every rule" if key == ALL else key
                    message = f"this suppression of {what} suppresses nothing; remove it"
                    findings.append(self._finding(directive, message))
        return findings

    def _finding(self, directive: Directive, message: str) -> Finding:
        line, column = self.position(directive.start)
        end_line, end_column = self.position(directive.end)
        return Finding(
            rule=UNUSED_SUPPRESSION,
            severity=Severity.INFO,
            message=message,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=directive.text,
            start=directive.start,
            end=directive.end,
        )


def read_suppressions(source: str, fmt: str) -> Suppressions:
    """The directives in ``source``: comments in HTML, Markdown and email, marker lines in text and email."""
    found: list[Directive] = []
    patterns = [COMMENT] if fmt in COMMENT_FORMATS else []
    patterns += [MARKER_LINE] if fmt in LINE_FORMATS else []
    for pattern in patterns:
        for match in pattern.finditer(source):
            rules = tuple(rule for rule in RULE_LIST.split(match.group(2).strip()) if rule)
            text = match.group(0).strip()  # a marker line's indent and trailing blanks are not the directive
            start = match.start() + match.group(0).index(text)
            found.append(Directive(match.group(1).lower(), rules, start, start + len(text), text))
    directives = tuple(sorted(found, key=lambda directive: directive.start))
    line_starts = tuple(all_line_starts(source)) if directives else (0,)
    lines = _Lines(source, line_starts)
    own = {lines.number(d.start) for d in directives if lines.text(lines.number(d.start)).strip() == d.text}
    next_lines = tuple(
        lines.next_text_line(lines.number(d.end), own) if d.verb == "disable-next-line" else 0 for d in directives
    )
    return Suppressions(directives, line_starts, next_lines)


def _ranges(directives: tuple[Directive, ...]) -> list[tuple[str, int, int, int | None]]:
    """(rule or ALL, directive index, start, end or None) for every disable ... enable range."""
    open_: dict[str, int] = {}
    ranges: list[tuple[str, int, int, int | None]] = []
    for index, directive in enumerate(directives):
        if directive.verb == "disable":
            for key in directive.keys:
                if key in open_:
                    ranges.append((key, open_[key], directives[open_[key]].start, directive.start))
                open_[key] = index
        elif directive.verb == "enable":
            for key in list(open_) if not directive.rules else directive.rules:
                if key in open_:
                    opened = open_.pop(key)
                    ranges.append((key, opened, directives[opened].start, directive.start))
    ranges.extend((key, opened, directives[opened].start, None) for key, opened in open_.items())
    return ranges


class _Lines:
    """Lines of a source by 1-based number."""

    def __init__(self, source: str, starts: tuple[int, ...]) -> None:
        self.source = source
        self.starts = starts

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def text(self, number: int) -> str:
        end = self.starts[number] if number < len(self.starts) else len(self.source)
        return self.source[self.starts[number - 1] : end]

    def next_text_line(self, after: int, skipped: set[int]) -> int:
        """The first line after line ``after`` that has visible text and does not hold only a directive."""
        for number in range(after + 1, len(self.starts) + 1):
            if number not in skipped and self.text(number).strip():
                return number
        return 0
