"""The JSON report, a stable contract documented in the README."""

from __future__ import annotations

import json

from .. import __version__
from ..engine import FileResult
from ..model import Finding


def finding_json(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "text": finding.text,
        "suggestion": finding.suggestion,
        "field": finding.field,
        "element": finding.element,
    }


def render(results: list[FileResult], colour: bool = False) -> str:
    document = {
        "version": __version__,
        "files": [
            {
                "path": result.path,
                "language": result.language,
                "error": result.error,
                "findings": [finding_json(finding) for finding in result.findings],
            }
            for result in results
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
