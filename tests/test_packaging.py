"""The wheel ships the rule packs inside the package and finds them through importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("notice_lint-*.whl")
    return built


def test_rule_packs_are_package_data_not_a_top_level_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    packs = sorted(name for name in names if name.startswith("notice_lint/rules/"))
    rules = ROOT / "rules"  # rule files, and the jurisdiction profiles in rules/profiles/
    assert packs == sorted(f"notice_lint/rules/{path.relative_to(rules).as_posix()}" for path in rules.rglob("*.toml"))
    assert not any(name.startswith("rules/") for name in names)


def test_installed_copy_finds_its_own_packs(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
                   check=True, timeout=600)
    code = "from notice_lint.packs import builtin_rules_dir, load_rules; print(builtin_rules_dir()); print(len(load_rules()))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0, done.stderr
    location, count = done.stdout.split()
    assert Path(location) == target / "notice_lint" / "rules"
    assert int(count) == len(list((ROOT / "rules").glob("*.toml")))
