"""The regression corpus: good notices get no findings; bad ones get exactly what their sidecar lists.

See tests/corpus/README.md for the ``.expect`` format. Lines naming a rule the tool does not have yet
are pending and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from notice_lint.engine import lint_file
from notice_lint.model import Finding
from notice_lint.packs import load_rules

CORPUS = Path(__file__).parent / "corpus"
RULES = load_rules()
RULE_IDS = {rule.id for rule in RULES}
LINE = re.compile(r'^(?P<rule>[a-z-]+)(?: "(?P<text>[^"]+)")?(?: field=(?P<field>\S+))?(?: element=(?P<element>\S+))?$')


@dataclass(frozen=True)
class Expected:
    rule: str
    text: str | None = None
    field: str | None = None
    element: str | None = None

    def matches(self, finding: Finding) -> bool:
        if finding.rule != self.rule:
            return False
        if self.field is not None and finding.field != self.field:
            return False
        if self.element is not None and finding.element != self.element:
            return False
        if self.text is None:
            return True
        wanted, got = _fold(self.text), _fold(finding.text)
        return wanted in got or got in wanted


def _fold(text: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", "", text).lower().split())


def read_expect(path: Path) -> list[Expected]:
    expected = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = LINE.match(line)
        assert match, f"{path}: cannot read {line!r}"
        expected.append(Expected(**match.groupdict()))
    return expected


def notices(kind: str) -> list[Path]:
    return sorted(path for path in CORPUS.glob(f"*/{kind}/*") if path.suffix != ".expect")


def describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.line}:{f.column} {f.rule} {f.field or f.element or ''} {f.text[:60]!r}" for f in findings)


@pytest.mark.parametrize("path", notices("good"), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_good_notice_gets_no_findings(path):
    result = lint_file(path, RULES)
    assert result.error is None
    assert result.findings == [], f"false positives in {path.name}:\n{describe(result.findings)}"


@pytest.mark.parametrize("path", notices("bad"), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_bad_notice_gets_what_its_sidecar_lists(path):
    expected = [item for item in read_expect(path.with_suffix(".expect")) if item.rule in RULE_IDS]
    result = lint_file(path, RULES)
    assert result.error is None
    missed = [item for item in expected if not any(item.matches(finding) for finding in result.findings)]
    unexpected = [finding for finding in result.findings if not any(item.matches(finding) for item in expected)]
    assert not missed, f"missed in {path.name}: {missed}\nfound:\n{describe(result.findings)}"
    assert not unexpected, f"false positives in {path.name}:\n{describe(unexpected)}"
