"""The SARIF 2.1.0 report, for code scanning: rule metadata in ``tool.driver.rules``, one result per finding.

Columns count Unicode code points (``columnKind``), as every other report does. Relative paths are given
against ``%SRCROOT%``, the working directory of the run. A finding with a safe fix carries it as a SARIF
``fix``. Files that could not be read become error notifications of the run's invocation.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..engine import FileResult
from ..fix import fixed_text
from ..model import Finding, Severity
from ..suppress import UNUSED_SUMMARY, UNUSED_SUPPRESSION, UNUSED_WHY

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SOURCE_ROOT = "%SRCROOT%"


def render(results: list[FileResult], colour: bool = False, rules: list | None = None) -> str:
    """A SARIF log of ``results``; ``rules`` are the rules of the run (their metadata is reported)."""
    descriptors = _descriptors(rules or [], results)
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    sarif_results = [
        _result(result.path, finding, index) for result in results for finding in result.findings
    ]
    notifications = [_notification(result) for result in results if result.error]
    run = {
        "tool": {
            "driver": {
                "name": "notice-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path.cwd().as_uri() + "/"}},
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        ],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _descriptors(rules: list, results: list[FileResult]) -> list[dict]:
    """One reporting descriptor per rule, plus ``unused-suppression`` and any rule only seen in findings."""
    descriptors = [
        _descriptor(rule.id, rule.summary, rule.why, rule.severity, rule.kind)
        for rule in sorted(rules, key=lambda rule: rule.id)
    ]
    seen = {descriptor["id"] for descriptor in descriptors}
    if UNUSED_SUPPRESSION not in seen:
        descriptors.append(_descriptor(UNUSED_SUPPRESSION, UNUSED_SUMMARY, UNUSED_WHY, Severity.INFO, "suppression"))
        seen.add(UNUSED_SUPPRESSION)
    for result in results:
        for finding in result.findings:
            if finding.rule not in seen:
                descriptors.append(_descriptor(finding.rule, finding.rule, finding.rule, finding.severity, ""))
                seen.add(finding.rule)
    return descriptors


def _descriptor(rule_id: str, summary: str, why: str, severity: Severity, kind: str) -> dict:
    why = " ".join(why.split())
    return {
        "id": rule_id,
        "name": "".join(word.capitalize() for word in rule_id.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": why},
        "help": {
            "text": f"{why}\n\nSilence one occurrence with <!-- notice-lint-disable-next-line {rule_id} --> "
            f"(a line 'notice-lint-disable-next-line {rule_id}' in plain text).",
            "markdown": f"{why}\n\nSilence one occurrence with `<!-- notice-lint-disable-next-line {rule_id} -->` "
            f"(a line `notice-lint-disable-next-line {rule_id}` in plain text).",
        },
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": [tag for tag in ("notice-lint", kind) if tag]},
    }


def _artifact(path: str) -> dict:
    """An artifact location: relative paths against %SRCROOT%, absolute ones as file URIs."""
    candidate = Path(path)
    if candidate.is_absolute():
        return {"uri": candidate.as_uri()}
    return {"uri": quote(candidate.as_posix()), "uriBaseId": SOURCE_ROOT}


def _region(finding: Finding) -> dict:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if finding.text:
        region["snippet"] = {"text": finding.text}
    return region


def _result(path: str, finding: Finding, index: dict[str, int]) -> dict:
    message = finding.message + (f" (suggestion: {finding.suggestion})" if finding.suggestion else "")
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(path), "region": _region(finding)}}],
    }
    properties = {key: value for key, value in (("field", finding.field), ("element", finding.element)) if value}
    if properties:
        result["properties"] = properties
    if finding.fix is not None:
        replacement: dict = {"deletedRegion": _region(finding)}
        replacement["deletedRegion"].pop("snippet", None)
        replacement["insertedContent"] = {"text": fixed_text(finding)}
        result["fixes"] = [
            {
                "description": {"text": f"Replace \"{finding.text}\" with \"{fixed_text(finding)}\""},
                "artifactChanges": [{"artifactLocation": _artifact(path), "replacements": [replacement]}],
            }
        ]
    return result


def _notification(result: FileResult) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{result.path}: {result.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(result.path)}}],
    }
