"""The benchmark's corpus generator (bench/generate.py): deterministic, varied, valid notices of every kind."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from notice_lint.parse import parse_source

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building the class
    spec.loader.exec_module(module)
    return module


def contents(corpus) -> dict[str, bytes]:
    return {str(path.relative_to(corpus.directory)): path.read_bytes() for path in corpus.files}


def test_same_seed_same_files_other_seed_other_files(generate, tmp_path):
    first = generate.build_corpus(tmp_path / "a", 8, seed=3)
    again = generate.build_corpus(tmp_path / "b", 8, seed=3)
    other = generate.build_corpus(tmp_path / "c", 8, seed=4)
    assert contents(first) == contents(again)
    assert contents(first).keys() == contents(other).keys()
    assert all(contents(first)[name] != contents(other)[name] for name in contents(first))


def test_a_matching_corpus_is_reused_and_another_count_rebuilds(generate, tmp_path):
    generate.build_corpus(tmp_path, 8, seed=3)
    assert generate.build_corpus(tmp_path, 8, seed=3).reused
    assert not generate.build_corpus(tmp_path, 9, seed=3).reused


def test_every_language_and_format_parses_as_what_it_claims(generate, tmp_path):
    corpus = generate.build_corpus(tmp_path, 8, seed=3)
    assert len(corpus.files) == 8
    assert {(path.parent.name, path.suffix) for path in corpus.files} == set(generate.KINDS)
    assert corpus.english == [path for path in corpus.files if path.parent.name == "en"]
    assert len(set(contents(corpus).values())) == 8, "every notice differs"
    for path in corpus.files:
        notice = parse_source(path.read_text("utf-8"), str(path))
        assert notice.language == path.parent.name
        assert notice.format == {".html": "html", ".md": "markdown"}[path.suffix]
        assert len(notice.blocks) > 5 and notice.has_head == (path.suffix == ".html" or
                                                             path.read_text("utf-8").startswith("---\n"))


def test_notices_are_varied_from_their_templates(generate, tmp_path):
    corpus = generate.build_corpus(tmp_path, 8, seed=3)
    templates = {(lang, path.name): path.read_text("utf-8")
                 for (lang, _), paths in generate.templates().items() for path in paths}
    for path in corpus.files:
        text = path.read_text("utf-8")
        template = templates[(path.parent.name, path.name.split("-", 1)[1])]
        assert text != template
        assert "NL-3-" in text, "each notice carries its own reference number"
        assert not any(full in text for full, _ in generate.TEMPLATE_ORGS[path.parent.name]), "organisation swapped"


def test_a_parallel_run_that_costs_much_more_cpu_than_the_single_one_is_flagged(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)

    def runs(single: float, parallel: float, jobs: int = 2, problem: str = "") -> dict:
        return {"single": {"cpu_s": single, "jobs": 1, "problem": ""},
                "parallel": {"cpu_s": parallel, "jobs": jobs, "problem": problem}}

    assert run.contention(runs(17.3, 22.0)) == pytest.approx(22.0 / 17.3 - 1)
    assert run.contention(runs(16.7, 17.1)) is None  # forking costs little: the same work, the same cpu time
    assert run.contention(runs(16.7, 22.0, problem="3 files not checked")) is None
    assert run.contention(runs(16.7, 22.0, jobs=1)) is None
