"""Every rule's own examples: failing ones must be flagged, passing ones must not."""

from __future__ import annotations

import pytest

from notice_lint.engine import lint_text
from notice_lint.live import lint_url
from notice_lint.packs import load_rules

from local_site import Site

RULES = load_rules()
CASES = [(rule, example) for rule in RULES for example in rule.examples]


def _id(case) -> str:
    rule, example = case
    index = [e for e in rule.examples if e.fails == example.fails and e.language == example.language].index(example)
    return f"{rule.id}-{example.language}-{'fail' if example.fails else 'pass'}-{index}"


def test_every_rule_has_failing_and_passing_examples():
    assert RULES, "no rules were loaded"
    for rule in RULES:
        assert any(example.fails for example in rule.examples), rule.id
        assert any(not example.fails for example in rule.examples), rule.id


@pytest.mark.parametrize("case", CASES, ids=[_id(case) for case in CASES])
def test_example(case):
    rule, example = case
    if example.serve is not None:  # a live example: its pages are served on 127.0.0.1, text is the path
        with Site(example.serve) as site:
            result = lint_url(site.url(example.text), [rule], language=example.language)
        assert result.error is None, result.error
        findings = result.findings
    else:
        findings = lint_text(example.text, "example", [rule], language=example.language).findings
    if not example.fails:
        assert findings == [], f"{rule.id} must stay silent on: {example.text!r}"
        return
    assert findings, f"{rule.id} must flag: {example.text!r}"
    wanted = [
        finding
        for finding in findings
        if (example.expect is None or finding.text == example.expect)
        and (example.field is None or finding.field == example.field)
        and (example.element is None or finding.element == example.element)
    ]
    assert wanted, f"{rule.id} flagged {[(f.text, f.field, f.element) for f in findings]}, expected {example}"
