"""Run rules over notices: source text -> Notice -> findings, one result per input."""

from __future__ import annotations

import gc
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from .analysis import Analysis
from .config import FileSettings
from .inputs import is_url
from .kinds import KINDS
from .limits import DEFAULT_TIMEOUT, TimeLimitExceeded, time_limit
from .model import Finding, Notice, Settings
from .packs import PackError, Rule
from .parse import detect_format, parse_source
from .source import InputError, is_regular_file, read_notice_bytes, read_notice_text
from .suppress import Suppressions, read_suppressions

if TYPE_CHECKING:
    from .cache import FindingsCache


@dataclass
class FileResult:
    """What checking one input produced: its findings, or the reason it could not be checked."""

    path: str
    language: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    analysis: Analysis | None = field(default=None, repr=False, compare=False)
    """The checked notice, kept for the run-wide pass (:func:`lint_across`)."""
    suppressions: Suppressions | None = field(default=None, repr=False, compare=False)
    """The notice's inline suppressions, applied by :func:`settle` after every pass."""
    notice: Notice | None = field(default=None, repr=False, compare=False)
    """The parsed notice, for reporters that show it (the HTML report)."""


def lint_notice(notice: Notice, rules: list[Rule], settings: Settings | None = None) -> list[Finding]:
    """Every finding of ``rules`` in ``notice``, sorted by position."""
    return lint_analysis(Analysis(notice, settings), rules)


def lint_analysis(analysis: Analysis, rules: list[Rule]) -> list[Finding]:
    """Every finding of ``rules`` in an analyzed notice, sorted by position."""
    findings = [finding for rule in rules for finding in KINDS[rule.kind].check(rule, analysis)]
    return sorted(drop_superseded(findings, rules), key=Finding.sort_key)


def drop_superseded(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Drop a finding when a rule that supersedes its rule flags an overlapping span.

    A specific rule (``empty-reassurance``) may claim phrases a general one (``minimizing-wording``)
    also flags; in a run with both, the phrase is reported once, by the specific rule. A finding about
    an element (``missing-guidance`` element ``when-discovered``) yields only to one about the same element.
    """
    winners: dict[str, set[str]] = {}
    for rule in rules:
        for loser in rule.supersedes:
            winners.setdefault(loser, set()).add(rule.id)
    if not winners:
        return findings
    spans = _Spans([finding for finding in findings if any(finding.rule in ids for ids in winners.values())])
    return [
        finding
        for finding in findings
        if not any(spans.overlaps(winner, finding.element, finding) for winner in winners.get(finding.rule, ()))
    ]


class _Spans:
    """The findings of superseding rules, by rule and by (rule, element), sorted by start, to tell in
    logarithmic time whether one of them overlaps a given finding (a long notice has thousands)."""

    def __init__(self, findings: list[Finding]) -> None:
        groups: dict[tuple[str, str | None], list[Finding]] = {}
        for finding in findings:
            groups.setdefault((finding.rule, None), []).append(finding)
            if finding.element is not None:
                groups.setdefault((finding.rule, finding.element), []).append(finding)
        self.starts: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
        self.reach: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
        """Per group, the furthest end among the findings up to each one."""
        for key, group in groups.items():
            group.sort(key=lambda finding: (finding.line, finding.column))
            self.starts[key] = [(finding.line, finding.column) for finding in group]
            self.reach[key] = list(accumulate(((finding.end_line, finding.end_column) for finding in group), max))

    def overlaps(self, rule: str, element: str | None, finding: Finding) -> bool:
        """Whether a finding of ``rule`` (about ``element``, when given) overlaps ``finding``."""
        key = (rule, element)
        if key not in self.starts:
            return False
        before_end = bisect_left(self.starts[key], (finding.end_line, finding.end_column))
        return before_end > 0 and self.reach[key][before_end - 1] > (finding.line, finding.column)


def lint_text(
    text: str,
    path: str,
    rules: list[Rule],
    language: str | None = None,
    settings: Settings | None = None,
    main_selector: str | None = None,
) -> FileResult:
    """Check already-decoded text; ``path`` names it and picks the format by suffix.

    The findings are those of the rules; the notice's inline suppressions ride along on the result
    and are applied by :func:`settle`."""
    fmt = detect_format(path, text)
    suppressions = read_suppressions(text, fmt)
    notice = parse_source(suppressions.masked(text), path, fmt, language=language, main_selector=main_selector)
    notice.source = text  # parsed with marker lines blanked (same length, same lines); findings quote the file
    analysis = Analysis(notice, settings)
    findings = lint_analysis(analysis, rules)
    return FileResult(path, notice.language, findings, analysis=analysis, suppressions=suppressions, notice=notice)


def lint_file(
    path: Path,
    rules: list[Rule],
    language: str | None = None,
    display: str | None = None,
    settings: Settings | None = None,
    main_selector: str | None = None,
    max_size: int | None = None,
) -> FileResult:
    """Read, parse and check one file; a bad file (or one over ``max_size`` bytes) gives a result with
    ``error`` set, never an exception."""
    name = display or str(path)
    try:
        text = read_notice_text(path, max_size)
    except InputError as error:
        return FileResult(name, error=str(error))
    return lint_text(text, name, rules, language, settings, main_selector)


def lint_paths(
    paths: list[str],
    rules: list[Rule],
    language: str | None = None,
    stdin: Callable[[], bytes] | None = None,
    stdin_name: str = "<stdin>",
    settings: Settings | None = None,
) -> list[FileResult]:
    """Check every input named on a command line: files, directories, and ``-`` for ``stdin()``;
    then compare the notices with each other (:func:`lint_across`)."""
    from .inputs import expand
    from .source import decode

    results: list[FileResult] = []
    for raw in paths:
        if raw == "-":
            try:
                text = decode(stdin() if stdin else b"")
            except InputError as error:
                results.append(FileResult(stdin_name, error=str(error)))
                continue
            results.append(lint_text(text, stdin_name, rules, language, settings))
            continue
        if is_url(raw):
            from .live import lint_url

            results.append(lint_url(raw, rules, language, settings))
            continue
        results.extend(lint_file(path, rules, language, settings=settings) for path in expand([raw]))
    ran = {rule.id for rule in rules}
    return [settle(result, ran, ran) for result in lint_across(results, rules)]


def lint_across(results: list[FileResult], rules: list[Rule]) -> list[FileResult]:
    """The run-wide pass: a kind with ``check_run(rule, analyses)`` sees every notice of the run at once
    (one preview title on many pages of a site) and yields ``(analysis, finding)`` pairs; each finding
    joins the result of the notice it concerns. A result checked in another process brings only its
    notice; its analysis is rebuilt here (cheap: spaCy runs only if the kind reads the text)."""
    for result in results:
        if result.analysis is None and result.notice is not None:
            result.analysis = Analysis(result.notice)
    owners = {id(result.analysis): result for result in results if result.analysis is not None}
    analyses = [result.analysis for result in results if result.analysis is not None]
    for rule in rules:
        check_run = getattr(KINDS[rule.kind], "check_run", None)
        if check_run is None:
            continue
        for analysis, finding in check_run(rule, analyses):
            owners[id(analysis)].findings.append(finding)
    for result in results:
        result.findings.sort(key=Finding.sort_key)
    return results


def settle(result: FileResult, ran: set[str], known: set[str], file_settings: FileSettings | None = None) -> FileResult:
    """Apply the notice's inline suppressions (reporting unused ones), then the file's configured
    rule selection and severities. ``ran`` are the rules that were run, ``known`` every rule id."""
    findings = result.findings
    if result.suppressions is not None:
        findings = result.suppressions.apply(findings, ran, known)
    if file_settings is not None:
        findings = file_settings.adjust(findings)
    result.findings = sorted(findings, key=Finding.sort_key)
    result.suppressions = None
    return result


@dataclass(frozen=True)
class Task:
    """One input to check: a file path, or text already read (standard input), with its settings.
    ``error`` is set when the input could not be read at all."""

    path: str
    settings: FileSettings
    text: str | None = None
    error: str | None = None
    notice_date: str = ""
    """``--notice-date``: the day the notice is published, for notification-delay."""
    cache_dir: str | None = None
    """Where the findings cache lives (:mod:`notice_lint.cache`); None checks the file afresh."""
    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds checking the input may take before it is stopped with an error (None: no limit)."""
    keep_notice: bool = False
    """Keep the parsed notice's text blocks on the result (the HTML report shows them); without them a
    result holds only the source and the metadata the run-wide pass reads, so a long run stays small."""


_RULES: dict[tuple[str, ...], list[Rule]] = {}
"""Loaded rule packs by extra rules directories, once per process."""
MAX_SHAPED = 64
_SHAPED: dict[FileSettings, tuple[list[Rule], list[Rule]]] = {}
""":func:`rules_for`'s answers, once per settings and process (finding the profiles lists directories)."""


def rules_for(file_settings: FileSettings) -> tuple[list[Rule], list[Rule]]:
    """Every known rule (built-in and the settings' rules directories), and those the settings enable."""
    if file_settings in _SHAPED:
        known, enabled = _SHAPED[file_settings]
        return list(known), list(enabled)
    from .packs import load_rules
    from .profiles import shape_rules

    key = file_settings.rules_dirs
    if key not in _RULES:
        _RULES[key] = load_rules([Path(directory) for directory in key])
    known = shape_rules(_RULES[key], file_settings.profiles, [Path(directory) for directory in key])
    enabled = [rule for rule in known if file_settings.enabled(rule.id)]
    if len(_SHAPED) >= MAX_SHAPED:
        _SHAPED.clear()
    _SHAPED[file_settings] = (known, enabled)
    return list(known), list(enabled)


def check_tasks(tasks: list[Task], jobs: int = 1) -> list[FileResult]:
    """Check every task, in order: each with its own rules and settings, the run-wide pass over all of
    them, then suppressions and configured severities. With ``jobs`` > 1 files are checked in that many
    processes (one pipeline per language in each); the run-wide pass then works from the parsed notices."""
    from .suppress import UNUSED_SUPPRESSION

    rule_sets = {settings: rules_for(settings) for settings in dict.fromkeys(task.settings for task in tasks)}
    chosen = [rule_sets[task.settings] for task in tasks]
    run_wide = [rule for _, enabled in chosen for rule in enabled if hasattr(KINDS[rule.kind], "check_run")]
    answered = {index: hit for index, hit in ((index, _from_cache_only(task)) for index, task in enumerate(tasks)) if hit}
    pending = [task for index, task in enumerate(tasks) if index not in answered]
    with _long_lived_frozen():
        checked = _check_pending(pending, jobs)
    fresh = iter(checked)
    results = [answered[index] if index in answered else next(fresh) for index in range(len(tasks))]
    if run_wide:
        lint_across(results, list({rule.id: rule for rule in run_wide}.values()))
    settled = []
    for result, task, (known, enabled) in zip(results, tasks, chosen):
        ran = {rule.id for rule in enabled}
        settled.append(settle(result, ran, {rule.id for rule in known} | {UNUSED_SUPPRESSION}, task.settings))
        result.analysis = None
    return settled


def _check_pending(pending: list[Task], jobs: int) -> list[FileResult]:
    """Check the tasks the cache did not answer, in order, in ``jobs`` processes."""
    if jobs > 1 and len(pending) > 1:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        _warm_up(pending)
        _freeze()  # the workers start with the pipelines and rules out of the collector's way
        checked: list[FileResult] = []
        with ProcessPoolExecutor(max_workers=min(jobs, len(pending))) as pool:
            try:
                checked.extend(pool.map(_check_task, pending, chunksize=_chunk_size(len(pending), jobs)))
            except BrokenProcessPool:  # a worker was killed (out of memory, a crash in a library)
                checked += _check_isolated(pending[len(checked) :])
        return checked
    checked = []
    for task in pending:
        checked.append(_check_task(task))
        if len(checked) == 1:
            _freeze()  # after the first file: the pipelines and compiled rules now exist
    return checked


MAX_CHUNK = 10
"""Files a worker takes at a time: few enough that no worker is left with a long queue at the end."""


def _chunk_size(files: int, jobs: int) -> int:
    """Files per chunk handed to a worker: a quarter of each worker's share, at most MAX_CHUNK."""
    return max(1, min(MAX_CHUNK, files // (jobs * 4)))


def _freeze() -> None:
    """Move every object that outlived a collection out of the collector's sight (see
    :func:`_long_lived_frozen`)."""
    gc.collect()
    gc.freeze()


GC_THRESHOLD = 20_000
"""Allocations between collections of young objects while files are checked (Python's default is 700)."""


@contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """Keep the garbage collector off long-lived objects while files are checked. A check allocates many
    short-lived objects, so the collector runs often, and each older-generation pass walked the spaCy
    pipelines and the compiled rules (hundreds of thousands of objects) again: about a tenth of the run.
    Objects are frozen (``gc.freeze``) once they exist and young ones are collected less often; both are
    undone afterwards."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


WARM_UP = {
    "en": "<html><head><title>Notice of data breach</title><meta property='og:title' content='Notice of data breach'>"
          "</head><body><h1>What happened</h1><p>We are sorry: an attacker took your name on March 6, 2025. "
          "Call 1-800-555-0100.</p></body></html>",
    "ko": "<html><head><title>개인정보 유출 안내</title><meta property='og:title' content='개인정보 유출 안내'></head>"
          "<body><h1>유출 경위</h1><p>2025년 3월 6일 외부 공격자가 고객님의 이름을 빼냈습니다. 죄송합니다. "
          "문의: 02-555-0100</p></body></html>",
}
"""A short notice per language, checked once before worker processes are started (see :func:`_warm_up`)."""


def _warm_up(tasks: list[Task]) -> None:
    """Build the pipelines and compile the rules' matchers here, before the workers are forked, so that each
    starts with them instead of building its own. Where workers are not forked (Windows, macOS) it would
    only cost time, so it is skipped."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    for settings in list(dict.fromkeys(task.settings for task in tasks))[:4]:
        _, rules = rules_for(settings)
        for language, text in WARM_UP.items():
            try:
                lint_text(text, "warm-up.html", rules, language)
            except Exception:  # noqa: BLE001 - a rule that fails here fails again, and is reported, in its file
                return


def _from_cache_only(task: Task) -> FileResult | None:
    """The result of a file task answered by the findings cache, or None (checked in the usual way)."""
    if task.cache_dir is None or task.error is not None or task.text is not None or is_url(task.path):
        return None
    data = _bytes_for_cache(Path(task.path), task.settings.max_file_size)
    if data is None:
        return None
    cache, key = _cache_entry(task, data)
    hit = cache.load(key)
    if hit is None:
        return None
    return _from_cache(task.path, data, *hit)


def _check_isolated(tasks: list[Task]) -> list[FileResult]:
    """Check ``tasks`` one at a time in a worker process, starting a new one whenever a file kills it: the
    file that did is reported, the others are still checked."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    results: list[FileResult] = []
    pool: ProcessPoolExecutor | None = None
    try:
        for task in tasks:
            pool = pool or ProcessPoolExecutor(max_workers=1)
            try:
                results.append(pool.submit(_check_task, task).result())
            except BrokenProcessPool:
                results.append(FileResult(task.path, error="the process checking it was killed (out of memory, "
                                                           "or a crash in a library)"))
                pool.shutdown(wait=False)
                pool = None
    finally:
        if pool is not None:
            pool.shutdown()
    return results


def _check_task(task: Task) -> FileResult:
    """Lint one task (in this process or a worker) within its time limit; the result keeps its suppressions
    for :func:`settle`."""
    if task.error is not None:
        return FileResult(task.path, error=task.error)
    try:
        with time_limit(task.timeout):
            result = _lint_task(task)
    except TimeLimitExceeded:
        return FileResult(task.path, error=f"stopped after {task.timeout:g} s: checking took too long (a very large "
                                           "file, or a rule pattern that backtracks); see --timeout")
    except PackError:
        raise  # a rule pack that cannot be compiled stops the run with its own message, as at load
    except InputError as error:  # found while parsing: markup nested too deep to read
        return FileResult(task.path, error=str(error))
    except Exception as error:  # noqa: BLE001 - a bug met by one input must not stop the others; Ctrl-C still does
        return FileResult(task.path, error=internal_error(error))
    result.analysis = None
    if result.notice is not None and not task.keep_notice:
        result.notice = replace(result.notice, blocks=[])
    return result


def internal_error(error: BaseException) -> str:
    """The one-line reason for an input that hit a bug in notice-lint (or its libraries)."""
    detail = next((line.strip() for line in str(error).splitlines() if line.strip()), "")
    return f"internal error: {type(error).__name__}{': ' + detail if detail else ''}; please report it"


def _lint_task(task: Task) -> FileResult:
    _, rules = rules_for(task.settings)
    file_settings = task.settings
    run_settings = Settings(organisation=file_settings.organisation or "", domains=file_settings.domains,
                            notice_date=task.notice_date)
    if task.text is not None:
        result = lint_text(task.text, task.path, rules, file_settings.language, run_settings, file_settings.main_selector)
    elif is_url(task.path):
        from .live import lint_url

        result = lint_url(task.path, rules, file_settings.language, run_settings, file_settings.main_selector)
    else:
        result = _check_file(task, rules, run_settings)
    return result


def _check_file(task: Task, rules: list[Rule], run_settings: Settings) -> FileResult:
    """Lint a file (:func:`check_tasks` has already answered it from the cache if it could) and store the
    findings in the cache when the file did not change while it was checked."""
    path, file_settings = Path(task.path), task.settings
    data = _bytes_for_cache(path, file_settings.max_file_size) if task.cache_dir else None
    result = lint_file(path, rules, file_settings.language, None, run_settings, file_settings.main_selector,
                       file_settings.max_file_size)
    if data is not None and result.error is None and result.notice is not None:
        if _bytes_for_cache(path, file_settings.max_file_size) == data:
            cache, key = _cache_entry(task, data)
            cache.store(key, result.findings, result.notice)
    return result


def _cache_entry(task: Task, data: bytes) -> tuple[FindingsCache, str]:
    """The task's findings cache and the key of the entry for ``data``, the file's bytes."""
    from .cache import FindingsCache, entry_key

    return FindingsCache(Path(task.cache_dir or "")), entry_key(data, task.path, task.settings, task.notice_date)


def _bytes_for_cache(path: Path, max_size: int | None = None) -> bytes | None:
    """The file's bytes, or None when it cannot be read or is over ``max_size`` (linting it then reports
    why), or is no regular file (a pipe can be read only once, and a device may never end)."""
    if not is_regular_file(path):
        return None
    try:
        return read_notice_bytes(path, max_size)
    except InputError:
        return None


def _from_cache(path: str, data: bytes, findings: list[Finding], notice: Notice) -> FileResult:
    """A result rebuilt from a cache entry: the suppressions are read again from the file's text."""
    from .source import decode

    text = decode(data)
    suppressions = read_suppressions(text, notice.format)
    notice.path, notice.source = path, text  # a notice of its own, just read from the entry
    return FileResult(path, notice.language, findings, suppressions=suppressions, notice=notice)
