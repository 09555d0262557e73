"""The JUnit XML report, for CI systems that show test results: one test suite per file, one failing
test case per finding (its type is the severity), an error case for a file that could not be read,
and one passing case for a clean file."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..engine import FileResult
from ..model import Finding


def _case(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": path, "name": name})


def _failure(case: ET.Element, path: str, finding: Finding) -> None:
    message = finding.message + (f" (suggestion: {finding.suggestion})" if finding.suggestion else "")
    failure = ET.SubElement(case, "failure", {"type": finding.severity.value, "message": message})
    failure.text = f"{path}:{finding.line}:{finding.column}: {finding.severity.value} {finding.rule} {message}"


def render(results: list[FileResult], colour: bool = False) -> str:
    root = ET.Element("testsuites", {"name": "notice-lint"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        suite = ET.SubElement(root, "testsuite", {"name": result.path})
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if result.error:
            case = _case(suite, result.path, "read")
            ET.SubElement(case, "error", {"message": result.error}).text = f"{result.path}: {result.error}"
            counts["tests"] += 1
            counts["errors"] += 1
        for finding in result.findings:
            case = _case(suite, result.path, f"{finding.rule} at {finding.line}:{finding.column}")
            _failure(case, result.path, finding)
            counts["tests"] += 1
            counts["failures"] += 1
        if not counts["tests"]:
            _case(suite, result.path, "no findings")
            counts["tests"] = 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
