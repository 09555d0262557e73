"""The pre-commit hook and the GitHub Action: their definitions, and a real ``pre-commit run`` on a new
repository that uses this checkout as its hook repository.

The working tree (tracked and untracked files that git does not ignore) is committed to a temporary
repository, so the hook runs exactly this code; pre-commit installs it into its own environment from
the package index, which takes a while the first time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from notice_lint.inputs import NOTICE_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
GIT = ["git", "-c", "user.name=notice-lint tests", "-c", "user.email=tests@example.invalid",
       "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]

BAD_NOTICE = """<!doctype html>
<html lang="en">
<head><title>Notice of data breach</title></head>
<body><main>
<h1>Notice of data breach</h1>
<p>Your data was exposed.</p>
</main></body>
</html>
"""
KOREAN_NOTICE = """개인정보 유출 안내

지난 안내문의 문구를 그대로 옮기면 다음과 같습니다.
notice-lint-disable-next-line minimizing-wording
"고객님의 개인정보가 노출되었습니다."
"""


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_hook_definition_matches_the_default_notice_suffixes():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "notice-lint"
    assert hook["entry"] == "notice-lint check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    for suffix in NOTICE_SUFFIXES:
        assert files.search(f"notices/a{suffix}") and files.search(f"NOTICE{suffix.upper()}")
    for other in ("a.py", "a.html.bak", "a.json", "markdown"):
        assert not files.search(other)


def test_action_is_composite_and_uploads_sarif():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert 'pip install --disable-pip-version-check "$GITHUB_ACTION_PATH"' in runs
    assert 'notice-lint check --format sarif --output "$SARIF_FILE"' in runs
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert "always()" in upload["if"]
    # the job fails after the upload when notice-lint found something
    assert steps[-1]["env"]["STATUS"] == "${{ steps.check.outputs.exit-code }}" and 'exit "$STATUS"' in steps[-1]["run"]
    for step in steps:
        assert "run" not in step or step["shell"] == "bash"


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this working tree, and its commit."""
    assert shutil.which("git"), "git is needed to run pre-commit"
    repository = tmp_path_factory.mktemp("hook-repository")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, check=True, timeout=120).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not name.startswith(".venv/"):
            target = repository / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "-q", cwd=repository)
    git("add", "-A", cwd=repository)
    git("commit", "-q", "-m", "working tree", cwd=repository)
    return repository, git("rev-parse", "HEAD", cwd=repository).strip()


@pytest.fixture(scope="module")
def comms(hook_repository, tmp_path_factory) -> tuple[Path, dict]:
    """A communications team's repository: config, notices with suppressions, and a pre-commit config."""
    repository, commit = hook_repository
    comms = tmp_path_factory.mktemp("comms")
    git("init", "-q", cwd=comms)
    (comms / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repository}\n  rev: {commit}\n  hooks:\n  - id: notice-lint\n", encoding="utf-8"
    )
    (comms / "pyproject.toml").write_text(
        '[tool.notice-lint]\nselect = ["minimizing-wording", "promotional-preview", "unused-suppression"]\n'
        'fail-on = "warning"\n', encoding="utf-8")
    (comms / "notices").mkdir()
    (comms / "notices" / "breach.html").write_text(BAD_NOTICE, encoding="utf-8")
    (comms / "notices" / "ko.txt").write_text(KOREAN_NOTICE, encoding="utf-8")
    (comms / "README.rst").write_text("Not a notice: data was exposed.\n", encoding="utf-8")
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "NO_COLOR": "1",
        "PRE_COMMIT_COLOR": "never",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return comms, environment


def pre_commit(comms: Path, environment: dict) -> subprocess.CompletedProcess:
    git("add", "-A", cwd=comms)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=comms, env=environment,
                          capture_output=True, text=True, timeout=1500)


def test_pre_commit_fails_on_a_bad_notice_and_passes_once_it_is_fixed(comms):
    repository, environment = comms
    failed = pre_commit(repository, environment)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"^notice-lint\.+Failed$", failed.stdout, re.MULTILINE), failed.stdout
    assert "notices/breach.html:6:18: error minimizing-wording" in failed.stdout
    assert "README.rst" not in failed.stdout
    assert "notices/ko.txt" not in failed.stdout  # its 노출 is suppressed, and the suppression is used

    breach = repository / "notices" / "breach.html"
    breach.write_text(BAD_NOTICE.replace("exposed", "stolen by a criminal group"), encoding="utf-8")
    passed = pre_commit(repository, environment)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^notice-lint\.+Passed$", passed.stdout, re.MULTILINE), passed.stdout
