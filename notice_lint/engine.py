"""Run rules over notices: source text -> Notice -> findings, one result per input."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .analysis import Analysis
from .kinds import KINDS
from .model import Finding, Notice
from .packs import Rule
from .parse import parse_source
from .source import InputError, read_notice_text


@dataclass
class FileResult:
    """What checking one input produced: its findings, or the reason it could not be checked."""

    path: str
    language: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None


def lint_notice(notice: Notice, rules: list[Rule]) -> list[Finding]:
    """Every finding of ``rules`` in ``notice``, sorted by position."""
    analysis = Analysis(notice)
    findings = [finding for rule in rules for finding in KINDS[rule.kind].check(rule, analysis)]
    return sorted(drop_superseded(findings, rules), key=Finding.sort_key)


def drop_superseded(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Drop a finding when a rule that supersedes its rule flags an overlapping span.

    A specific rule (``empty-reassurance``) may claim phrases a general one (``minimizing-wording``)
    also flags; in a run with both, the phrase is reported once, by the specific rule.
    """
    claims = [(rule_id, rule.id) for rule in rules for rule_id in rule.supersedes]
    if not claims:
        return findings
    kept = []
    for finding in findings:
        winners = {winner for loser, winner in claims if loser == finding.rule}
        if not any(other.rule in winners and _overlap(finding, other) for other in findings):
            kept.append(finding)
    return kept


def _overlap(a: Finding, b: Finding) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)


def lint_text(text: str, path: str, rules: list[Rule], language: str | None = None) -> FileResult:
    """Check already-decoded text; ``path`` names it and picks the format by suffix."""
    notice = parse_source(text, path, language=language)
    return FileResult(path, notice.language, lint_notice(notice, rules))


def lint_file(path: Path, rules: list[Rule], language: str | None = None, display: str | None = None) -> FileResult:
    """Read, parse and check one file; a bad file gives a result with ``error`` set, never an exception."""
    name = display or str(path)
    try:
        text = read_notice_text(path)
    except InputError as error:
        return FileResult(name, error=str(error))
    return lint_text(text, name, rules, language)


def lint_paths(
    paths: list[str],
    rules: list[Rule],
    language: str | None = None,
    stdin: Callable[[], bytes] | None = None,
    stdin_name: str = "<stdin>",
) -> list[FileResult]:
    """Check every input named on a command line: files, directories, and ``-`` for ``stdin()``."""
    from .inputs import expand
    from .source import decode

    results: list[FileResult] = []
    for raw in paths:
        if raw == "-":
            try:
                text = decode(stdin() if stdin else b"")
            except InputError as error:
                results.append(FileResult(stdin_name, error=str(error)))
                continue
            results.append(lint_text(text, stdin_name, rules, language))
            continue
        results.extend(lint_file(path, rules, language) for path in expand([raw]))
    return results
