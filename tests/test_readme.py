"""The README's set-up commands stay real: CI runs the same test command, and the sample exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL)]


def test_readme_has_exactly_two_setup_commands():
    blocks = shell_blocks()
    assert len(blocks) == 2
    assert all("\n" not in block for block in blocks)


def test_ci_runs_the_readme_test_command():
    test_command = shell_blocks()[1]
    assert test_command.endswith("pytest")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_the_main_job_runs_on_a_bundled_sample():
    command = shell_blocks()[0]
    sample = command.split("notice-lint check ")[1].split()[0]
    assert (ROOT / sample).is_file()
    assert "pip install ." in command
