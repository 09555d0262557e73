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
    return sorted(findings, key=Finding.sort_key)


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
