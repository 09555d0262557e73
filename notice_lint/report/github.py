"""GitHub Actions workflow commands: one ``::error``, ``::warning`` or ``::notice`` annotation per finding.

``::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE``; property values escape
``%``, CR, LF, ``:`` and ``,``, and the message escapes ``%``, CR and LF, as the runner expects.
"""

from __future__ import annotations

from ..engine import FileResult
from ..model import Finding, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    properties = {
        "file": path,
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "title": finding.rule,
    }
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = finding.message + (f" (suggestion: {finding.suggestion})" if finding.suggestion else "")
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(message)}"


def render(results: list[FileResult], colour: bool = False) -> str:
    lines = []
    for result in results:
        if result.error:
            lines.append(f"::error file={escape_property(result.path)},title=notice-lint::{escape_data(result.error)}")
        lines.extend(annotation(result.path, finding) for finding in result.findings)
    return "\n".join(lines)
