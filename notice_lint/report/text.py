"""The terminal report: ``path:line:col: severity rule-id message (suggestion)`` and a summary."""

from __future__ import annotations

from collections import Counter

import click

from ..engine import FileResult
from ..model import Finding, Severity

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def format_finding(path: str, finding: Finding, colour: bool = False) -> str:
    severity = finding.severity.value
    if colour:
        severity = click.style(severity, fg=COLOURS[finding.severity], bold=finding.severity is Severity.ERROR)
    line = f"{path}:{finding.line}:{finding.column}: {severity} {finding.rule} {finding.message}"
    if finding.suggestion:
        line += f" (suggestion: {finding.suggestion})"
    return line


def summary(results: list[FileResult]) -> str:
    """The closing line: findings by severity in the files that were checked, and how many could not be."""
    counts = Counter(finding.severity for result in results for finding in result.findings)
    unreadable = sum(1 for result in results if result.error)
    checked = len(results) - unreadable
    files = _plural(checked, "file")
    if unreadable and not checked:
        return f"{_plural(unreadable, 'file')} could not be checked."
    if not counts:
        text = f"No problems found in {files}."
    else:
        parts = [_plural(counts[severity], severity.value) for severity in reversed(Severity) if counts[severity]]
        text = f"Found {_join(parts)} in {files}."
    if unreadable:
        text += f" {_plural(unreadable, 'file')} could not be checked."
    return text


def statistics_lines(results: list[FileResult]) -> list[str]:
    """One line per rule and severity: how many findings, and how many ``--fix`` can fix; most first."""
    counts = Counter((finding.rule, finding.severity) for result in results for finding in result.findings)
    fixable = Counter(
        (finding.rule, finding.severity) for result in results for finding in result.findings if finding.fix is not None
    )
    width = max((len(rule) for rule, _ in counts), default=0)
    lines = []
    for (rule, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1].value)):
        line = f"{count:>6}  {rule:<{width}}  {severity.value}"
        if fixable[(rule, severity)]:
            line += f"  ({fixable[(rule, severity)]} fixable)"
        lines.append(line)
    return lines


def render(results: list[FileResult], colour: bool = False, quiet: bool = False, statistics: bool = False) -> str:
    """Finding lines (or, with ``statistics``, counts per rule) and a summary (left out when ``quiet``)."""
    if statistics:
        lines = statistics_lines(results)
    else:
        lines = [format_finding(result.path, finding, colour) for result in results for finding in result.findings]
    if not quiet:
        lines.append(summary(results))
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}" + ("" if count == 1 else "s")


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
