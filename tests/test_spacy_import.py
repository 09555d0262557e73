"""spaCy is imported without its command-line package (see notice_lint.nlp.import_spacy), and still whole
when asked for, or when its import needs more of the CLI than the stand-in has."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def run(code: str, path: Path | None = None) -> str:
    env_path = f"import sys; sys.path.insert(0, {str(path)!r})\n" if path else ""
    done = subprocess.run([sys.executable, "-c", env_path + textwrap.dedent(code)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_pipelines_are_built_without_spacys_cli_and_the_cli_still_imports():
    out = run("""
        import sys
        from notice_lint.nlp import pipeline
        pipeline("en"); pipeline("ko")
        print("spacy.cli" in sys.modules)
        import spacy.cli
        from spacy.cli.info import info
        print(spacy.cli.__file__.endswith("__init__.py"), callable(info), callable(spacy.info))
    """)
    assert out.splitlines() == ["False", "True True True"]


def test_a_spacy_whose_import_needs_more_of_its_cli_is_imported_whole(tmp_path):
    package = tmp_path / "spacy"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text("from .cli.info import info\nfrom .cli import app\n")
    (package / "cli" / "__init__.py").write_text("app = 'the real cli'\n")
    (package / "cli" / "info.py").write_text("def info():\n    return 'real info'\n")
    out = run("""
        from notice_lint.nlp import import_spacy
        spacy = import_spacy()
        print(spacy.app, spacy.info())
    """, tmp_path)
    assert out == "the real cli real info"
