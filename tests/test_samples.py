"""Each bundled sample produces exactly the findings its ``.expected`` sidecar lists, at those positions.

Sidecar lines: ``LINE:COLUMN RULE [field=F] [element=E] ["TEXT"]``; ``#`` starts a comment.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notice_lint.engine import lint_file
from notice_lint.model import Severity
from notice_lint.packs import load_rules

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RULES = load_rules()
LINE = re.compile(
    r'^(?P<line>\d+):(?P<column>\d+) (?P<rule>[a-z-]+)(?: field=(?P<field>\S+))?(?: element=(?P<element>\S+))?(?: "(?P<text>.*)")?$'
)
NOTICES = sorted(path for path in SAMPLES.glob("*/*") if path.suffix in (".html", ".md", ".txt"))


def expected_of(notice: Path) -> set[tuple]:
    rows = set()
    for raw in notice.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith('"') else raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        assert match, f"cannot read {line!r}"
        rows.add((int(match["line"]), int(match["column"]), match["rule"], match["field"], match["element"], match["text"]))
    return rows


def test_every_sample_has_a_sidecar():
    assert NOTICES
    for notice in NOTICES:
        assert notice.with_suffix(".expected").is_file(), f"{notice} has no .expected sidecar"


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_findings_match_the_sidecar(notice):
    result = lint_file(notice, RULES)
    assert result.error is None
    expected = expected_of(notice)
    got = set()
    for finding in result.findings:
        row = (finding.line, finding.column, finding.rule, finding.field, finding.element)
        wanted_text = next((e[5] for e in expected if e[:5] == row and e[5] is not None), None)
        got.add((*row, wanted_text if wanted_text == finding.text else (None if wanted_text is None else finding.text)))
    assert sorted(got, key=str) == sorted(expected, key=str)


@pytest.mark.parametrize("notice", [n for n in NOTICES if "good" in n.name or "corrected" in n.name],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_good_and_corrected_samples_have_no_errors(notice):
    findings = lint_file(notice, RULES).findings
    assert [f for f in findings if f.severity is Severity.ERROR] == []
