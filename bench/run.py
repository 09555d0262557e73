"""Benchmark notice-lint: cold start, throughput, peak memory, warm (cached) re-run, and proselint beside it.

    python bench/run.py [--count 1000] [--seed 1] [--corpus-dir DIR] [--runs 7] [--jobs 2]
                        [--json PATH] [--no-install] [--notice-lint PATH]

See bench/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import Corpus, build_corpus
from measure import Measured, run_measured

HERE = Path(__file__).resolve().parent
PROSELINT_VENV = HERE / ".venv-proselint"
BUDGETS = {"cold_s": 1.5, "throughput_s": 10.0, "rss_mb": 300.0}
BUDGET_COUNT = 1000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="notices in the corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus generator (default 1)")
    parser.add_argument("--corpus-dir", type=Path, help="where to build (or reuse) the corpus (default: a temp dir)")
    parser.add_argument("--runs", type=int, default=7, help="cold-start runs (default 7)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for the parallel run (default 2)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--no-install", action="store_true",
                        help="do not create bench/.venv-proselint; skip proselint if it is not there")
    parser.add_argument("--notice-lint", type=Path, help="the notice-lint executable (default: beside this Python)")
    return parser.parse_args(argv)


# --- what runs -------------------------------------------------------------------------------------------


def find_notice_lint(given: Path | None) -> Path:
    """The notice-lint console script: --notice-lint, else the one beside this Python, else on PATH."""
    for candidate in (given, Path(sys.executable).parent / "notice-lint", shutil.which("notice-lint")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    sys.exit("bench: notice-lint not found; install it (pip install -e .) or pass --notice-lint")


def interpreter_of(script: Path) -> str:
    """The Python a console script runs under (its #! line), so versions are read from the right place."""
    first = script.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    return first[2:].strip().split()[0] if first.startswith("#!") else sys.executable


def output_of(command: list[str]) -> str:
    """A short command's standard output and error, stripped; '' if it cannot run."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout + done.stderr).strip()


def package_version(python: str, name: str) -> str:
    """The installed version of ``name`` in ``python``'s environment, or 'not installed'."""
    code = f"import importlib.metadata as m\ntry: print(m.version({name!r}))\nexcept Exception: print('not installed')"
    return output_of([python, "-c", code]) or "unknown"


def cache_flag(notice_lint: Path) -> bool:
    """Whether this notice-lint has a findings cache that ``--no-cache`` turns off."""
    return "--no-cache" in output_of([str(notice_lint), "check", "--help"])


def ensure_proselint(install: bool) -> Path | None:
    """bench/.venv-proselint/bin/proselint, created with venv and pip when missing (unless not ``install``)."""
    executable = PROSELINT_VENV / "bin" / "proselint"
    if executable.is_file() or not install:
        return executable if executable.is_file() else None
    step(f"installing proselint into {PROSELINT_VENV}")
    subprocess.run([sys.executable, "-m", "venv", str(PROSELINT_VENV)], check=True)
    subprocess.run([str(PROSELINT_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "proselint"], check=True)
    return executable if executable.is_file() else None


def proselint_command(executable: Path) -> list[str]:
    """``proselint check`` (0.14 and later, many paths in one process) or plain ``proselint`` (older)."""
    return [str(executable), "check"] if re.search(r"\bcheck\b", output_of([str(executable), "--help"])) else [
        str(executable)]


def step(message: str) -> None:
    """Say on standard error what the benchmark is doing now (the report goes to standard output)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- the machine ---------------------------------------------------------------------------------------


def machine(notice_lint: Path, proselint: Path | None) -> dict:
    """CPU, cores, RAM, OS, load, and the versions of Python, notice-lint, spaCy and proselint."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    python = interpreter_of(notice_lint)
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gb": round(int(total.group(1)) / 1024 / 1024, 1) if total else None,
        "os": f"{os_name()} (kernel {platform.release()})",
        "python": output_of([python, "-c", "import sys; print(sys.version.split()[0])"]),
        "notice_lint": output_of([str(notice_lint), "--version"]).rpartition(" ")[2],
        "spacy": package_version(python, "spacy"),
        "proselint": package_version(str(proselint.parent / "python"), "proselint") if proselint else "not installed",
        "load_average_at_start": list(os.getloadavg()),
    }


def os_name() -> str:
    try:
        return re.search(r'^PRETTY_NAME="?([^"\n]+)', Path("/etc/os-release").read_text(), re.MULTILINE).group(1)
    except (OSError, AttributeError):
        return platform.platform()


# --- the measurements ----------------------------------------------------------------------------------


def checked_files(result: Measured) -> tuple[int | None, int]:
    """(files notice-lint reported on, files it could not check), from its closing summary line."""
    found = re.search(r"in (\d+) files?\.", result.stdout)
    failed = re.search(r"(\d+) files? could not be checked", result.stdout)
    return (int(found.group(1)) if found else None), (int(failed.group(1)) if failed else 0)


def summary(result: Measured, files: int, notice_lint: bool = True) -> dict:
    """The figures of one invocation over ``files`` files. A problem is noted when it failed, or (for
    notice-lint, from its summary line) did not check every file."""
    reported, failed = checked_files(result) if notice_lint else (files, 0)
    problem = None
    if result.exit_code not in (0, 1) or failed or reported != files:
        last = (result.stderr.strip().splitlines() or [""])[-1][:200]
        problem = f"exit {result.exit_code}, {reported} files reported, {failed} not checked: {last}"
    return {"files": files, "wall_s": round(result.wall_s, 3), "cpu_s": round(result.cpu_s, 3),
            "files_per_s": round(files / result.wall_s, 1), "max_rss_mb": round(result.max_rss_mb, 1),
            "tree_peak_pss_mb": round(result.tree_peak_mb, 1), "processes_at_tree_peak": result.tree_peak_processes,
            "largest_sampled_rss_mb": round(result.largest_sampled_rss_mb, 1),
            "sampler_cpu_s": round(result.sampler_cpu_s, 3), "exit_code": result.exit_code,
            "problem": problem, "command": " ".join(result.command[:5]) + (" ..." if len(result.command) > 5 else "")}


def cold_start(base: list[str], file: Path, runs: int, cwd: Path, env: dict) -> dict:
    """``notice-lint check FILE`` as a fresh process ``runs`` times (after one untimed warm-up run)."""
    command = base + [str(file.relative_to(cwd))]
    run_measured(command, cwd, env)
    results = [summary(run_measured(command, cwd, env), 1) for _ in range(runs)]
    times = [result["wall_s"] for result in results]
    return {"file": str(file), "runs": runs, "median_s": round(statistics.median(times), 3),
            "min_s": min(times), "max_s": max(times), "times_s": times,
            "cpu_s_median": round(statistics.median(result["cpu_s"] for result in results), 3),
            "max_rss_mb": max(result["max_rss_mb"] for result in results),
            "problem": next((result["problem"] for result in results if result["problem"]), None)}


def throughput(base: list[str], files: list[Path], jobs: int, cwd: Path, env: dict) -> dict:
    """One ``notice-lint check --jobs JOBS FILES...`` over every file, timed as a whole."""
    result = run_measured(base + ["--jobs", str(jobs)] + [str(f.relative_to(cwd)) for f in files], cwd, env)
    return {"jobs": jobs, **summary(result, len(files))}


def warm_rerun(base: list[str], files: list[Path], jobs: int, cwd: Path, env: dict, cache_dir: Path) -> dict:
    """Fill an empty findings cache with one run, then time a second run over the same files. Entries
    the second run adds are cache misses (e.g. notice-lint's code changed in between: it is in the key)."""
    shutil.rmtree(cache_dir, ignore_errors=True)
    env = {**env, "NOTICE_LINT_CACHE_DIR": str(cache_dir)}
    fill = throughput(base, files, jobs, cwd, env)
    filled = cache_entries(cache_dir)
    warm = throughput(base, files, jobs, cwd, env)
    misses = cache_entries(cache_dir) - filled
    if misses and not warm["problem"]:
        warm["problem"] = f"{misses} of {len(files)} files missed the cache and were checked again"
    return {"cache_dir": str(cache_dir), "entries_after_fill": filled, "misses_in_warm_run": misses,
            "fill": fill, "warm": warm}


def cache_entries(directory: Path) -> int:
    """How many entries (JSON files) the findings cache holds."""
    return sum(1 for _ in directory.rglob("*.json")) if directory.is_dir() else 0


def code_fingerprint(notice_lint: Path) -> str:
    """A hash of notice-lint's own code and rule packs, to tell whether they changed during the benchmark."""
    code = ("import hashlib, pathlib, notice_lint.packs as p\n"
            "root = pathlib.Path(p.__file__).parent; h = hashlib.sha256()\n"
            "for d in (root, p.builtin_rules_dir()):\n"
            "    for f in sorted(d.rglob('*')):\n"
            "        if f.suffix in ('.py', '.toml'): h.update(f.read_bytes())\n"
            "print(h.hexdigest()[:16])")
    return output_of([interpreter_of(notice_lint), "-c", code])


def stale_bytecode(notice_lint: Path) -> int:
    """How many of notice-lint's modules have no up-to-date compiled bytecode. pip compiles a package when it
    installs it, but an editable install under PYTHONDONTWRITEBYTECODE never is, and then every start compiles
    the modules again: a cold start no user of an installed package pays."""
    code = ("import importlib.util as u, os, pathlib, notice_lint\n"
            "root = pathlib.Path(notice_lint.__file__).parent\n"
            "def fresh(f):\n"
            "    c = pathlib.Path(u.cache_from_source(str(f)))\n"
            "    return c.is_file() and c.stat().st_mtime >= f.stat().st_mtime\n"
            "print(sum(not fresh(f) for f in root.rglob('*.py')))")
    found = output_of([interpreter_of(notice_lint), "-c", code])
    return int(found) if found.isdigit() else 0


def proselint_run(command: list[str], files: list[Path], cwd: Path) -> dict:
    """proselint over every English file in one process, timed as a whole."""
    result = run_measured(command + [str(f.relative_to(cwd)) for f in files], cwd)
    return {**summary(result, len(files), notice_lint=False), "output_lines": result.stdout.count("\n")}


# --- the report ----------------------------------------------------------------------------------------


def budgets(figures: dict) -> list[dict]:
    """Each budget with the measured figure and PASS or OVER; n/a when not measured, or when the run
    failed (a run that did not check every file is no measure of speed)."""
    cold = figures["cold_start"]
    parallel = figures["throughput"]["parallel"]
    valid = [run for run in notice_lint_runs(figures) if not run["problem"]]
    rows = [("cold start, one file (median)", None if cold["problem"] else cold["median_s"], BUDGETS["cold_s"], "s"),
            (f"{BUDGET_COUNT:,} notices, --jobs {figures['jobs']}",
             parallel["wall_s"] if figures["corpus"]["count"] == BUDGET_COUNT and not parallel["problem"] else None,
             BUDGETS["throughput_s"], "s"),
            ("peak RSS, largest single process", max((run["max_rss_mb"] for run in valid), default=None),
             BUDGETS["rss_mb"], "MB")]
    return [{"budget": name, "measured": value, "limit": limit, "unit": unit,
             "verdict": "n/a" if value is None else ("PASS" if value < limit else "OVER")}
            for name, value, limit, unit in rows]


CONTENTION = 0.15
"""More CPU time than this share for the parallel run than for the single one means the cores were contended."""


def contention(throughput: dict) -> float | None:
    """How much more CPU time the parallel run took than the single run over the same files (0.25 = 25%
    more), when that is over CONTENTION; None otherwise. The same work costs the same CPU time on an idle
    machine, whatever the number of processes (forking them costs little)."""
    single, parallel = throughput["single"], throughput["parallel"]
    if single["problem"] or parallel["problem"] or parallel["jobs"] == 1 or not single["cpu_s"]:
        return None
    extra = parallel["cpu_s"] / single["cpu_s"] - 1
    return extra if extra > CONTENTION else None


def notice_lint_runs(figures: dict) -> list[dict]:
    runs = [figures["cold_start"]] + list(figures["throughput"].values())
    if figures.get("warm"):
        runs += [figures["warm"]["fill"], figures["warm"]["warm"]]
    return runs


def print_report(figures: dict) -> None:
    """The compact human report."""
    m, c = figures["machine"], figures["corpus"]
    print(f"machine     {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), {m['ram_gb']} GB RAM, {m['os']}")
    print(f"software    Python {m['python']}, notice-lint {m['notice_lint']}, spaCy {m['spacy']}, "
          f"proselint {m['proselint']}")
    print(f"load avg    {' '.join(f'{x:.2f}' for x in m['load_average_at_start'])} at start, "
          f"{' '.join(f'{x:.2f}' for x in figures['load_average_at_end'])} at end (1/5/15 min, system-wide)")
    single = figures["throughput"]["single"]
    share = single["cpu_s"] / single["wall_s"]
    if share < 0.85:
        print(f"  ! the --jobs 1 run got {share:.0%} of a core: other work was running, so wall times are "
              f"inflated; cpu times are more reliable")
    slowdown = contention(figures["throughput"])
    if slowdown is not None:
        print(f"  ! the --jobs {figures['throughput']['parallel']['jobs']} run took {slowdown:.0%} more cpu time than "
              f"--jobs 1 for the same files: its cores slowed each other down (a shared or busy host), so its "
              f"wall time is inflated")
    print(f"corpus      {c['count']} notices ({c['by_kind']}), {c['bytes'] / 1e6:.1f} MB, seed {c['seed']}, "
          f"{'reused' if c['reused'] else 'built'} in {c['directory']}")
    print(f"cache       {figures['cache_note']}")
    if figures["stale_bytecode"]:
        print(f"  ! {figures['stale_bytecode']} of notice-lint's modules have no up-to-date bytecode (an editable "
              f"install with PYTHONDONTWRITEBYTECODE set?): every start compiles them, which an installed package "
              f"never does. Run `python -m compileall` on the package first for a fair cold start")
    if figures["code_changed"]:
        print("  ! notice-lint's code or rule packs changed while the benchmark ran: the runs measured different "
              "code, and the findings cache (keyed on that code) was invalidated")
    print()
    cold = figures["cold_start"]
    print(f"cold start  median {cold['median_s']:.2f} s (min {cold['min_s']:.2f}, max {cold['max_s']:.2f}; "
          f"{cold['runs']} runs), cpu {cold['cpu_s_median']:.2f} s, peak RSS {cold['max_rss_mb']:.0f} MB, "
          f"file {Path(cold['file']).name}")
    print(f"{'run':<34}{'files':>6}{'wall s':>9}{'cpu s':>9}{'files/s':>9}{'maxRSS MB':>11}{'tree PSS MB':>13}")
    rows = [(f"notice-lint --jobs {item['jobs']}", item) for item in figures["throughput"].values()]
    if figures.get("warm"):
        rows += [(f"cache fill --jobs {figures['warm']['fill']['jobs']}", figures["warm"]["fill"]),
                 (f"warm re-run (cached) --jobs {figures['warm']['warm']['jobs']}", figures["warm"]["warm"])]
    if figures.get("proselint"):
        rows += [("notice-lint --jobs 1, English only", figures["english"]),
                 ("proselint, English only", figures["proselint"])]
    for name, item in rows:
        print(f"{name:<34}{item['files']:>6}{item['wall_s']:>9.2f}{item['cpu_s']:>9.2f}{item['files_per_s']:>9.1f}"
              f"{item['max_rss_mb']:>11.0f}{item['tree_peak_pss_mb']:>13.0f}")
        if item.get("problem"):
            print(f"  ! {item['problem']}")
    if figures.get("proselint"):
        print(f"\nproselint   {figures['proselint_note']}")
        print(f"ratio       notice-lint / proselint wall time = {figures['ratio_wall']:.2f} "
              f"(cpu time {figures['ratio_cpu']:.2f})")
    else:
        print(f"\nproselint   skipped: {figures['proselint_note']}")
    print("\nbudgets")
    for row in figures["budgets"]:
        value = "-" if row["measured"] is None else f"{row['measured']:.2f} {row['unit']}"
        print(f"  {row['budget']:<36} {value:>11}  < {row['limit']:g} {row['unit']:<3} {row['verdict']}")


# --- putting it together -------------------------------------------------------------------------------


def corpus_figures(corpus: Corpus) -> dict:
    kinds: dict[str, int] = {}
    for path in corpus.files:
        key = f"{path.parent.name} {path.suffix[1:]}"
        kinds[key] = kinds.get(key, 0) + 1
    return {"directory": str(corpus.directory), "count": corpus.count, "seed": corpus.seed, "reused": corpus.reused,
            "english": len(corpus.english), "by_kind": ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
            "bytes": sum(path.stat().st_size for path in corpus.files)}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    notice_lint = find_notice_lint(args.notice_lint)
    proselint = ensure_proselint(install=not args.no_install)
    figures: dict = {"machine": machine(notice_lint, proselint), "jobs": args.jobs}
    code_at_start = code_fingerprint(notice_lint)
    figures["stale_bytecode"] = stale_bytecode(notice_lint)
    with tempfile.TemporaryDirectory(prefix="notice-lint-bench-") as scratch:
        directory = args.corpus_dir or Path(scratch) / "corpus"
        step(f"building a corpus of {args.count} notices in {directory}")
        corpus = build_corpus(directory.resolve(), args.count, args.seed)
        figures["corpus"] = corpus_figures(corpus)
        cwd = corpus.directory
        env = {**os.environ, "NOTICE_LINT_CACHE_DIR": str(Path(scratch) / "cache-unused")}
        has_cache = cache_flag(notice_lint)
        base = [str(notice_lint), "check"] + (["--no-cache"] if has_cache else [])
        figures["cache_note"] = ("every run below passes --no-cache except the cache fill and warm re-run"
                                 if has_cache else "this notice-lint has no --no-cache: no cache measured")
        step(f"cold start: {args.runs} runs of one file")
        figures["cold_start"] = cold_start(base, corpus.english[0], args.runs, cwd, env)
        step(f"throughput: {len(corpus.files)} files with --jobs 1, then --jobs {args.jobs}")
        figures["throughput"] = {"single": throughput(base, corpus.files, 1, cwd, env),
                                 "parallel": throughput(base, corpus.files, args.jobs, cwd, env)}
        if has_cache:
            step("findings cache: one run to fill it, one warm re-run")
            figures["warm"] = warm_rerun([str(notice_lint), "check"], corpus.files, args.jobs, cwd, env,
                                         Path(scratch) / "cache")
        if proselint:
            step(f"the {len(corpus.english)} English files: notice-lint --jobs 1, then proselint")
            figures["english"] = throughput(base, corpus.english, 1, cwd, env)
            command = proselint_command(proselint)
            figures["proselint"] = proselint_run(command, corpus.english, cwd)
            figures["proselint_note"] = (
                f"`{' '.join([Path(command[0]).name] + command[1:])} FILE...` once over the same "
                f"{len(corpus.english)} English files (Markdown and HTML; proselint reads HTML as plain text, "
                f"tags included), one process, no parallelism; timed as a whole, like `notice-lint check "
                f"--jobs 1` over the same files")
            figures["ratio_wall"] = round(figures["english"]["wall_s"] / figures["proselint"]["wall_s"], 2)
            figures["ratio_cpu"] = round(figures["english"]["cpu_s"] / figures["proselint"]["cpu_s"], 2)
        else:
            figures["proselint_note"] = "not installed (run without --no-install to install it)"
        figures["load_average_at_end"] = list(os.getloadavg())
        figures["code_changed"] = code_fingerprint(notice_lint) != code_at_start
        figures["budgets"] = budgets(figures)
    print_report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
