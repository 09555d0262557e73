"""The command line: ``notice-lint check PATH...``."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .limits import DEFAULT_TIMEOUT
from .model import Severity
from .report import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> set[str]:
    return {item.strip() for value in values for item in value.split(",") if item.strip()}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="notice-lint")
def main() -> None:
    """Lint data-breach and incident notices before they are published."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to FILE (replaced in one step) instead of standard output.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Use this config file for every input instead of the nearest one.")
@click.option("--lang", type=click.Choice(["auto", "en", "ko"]), default=None,
              help="Language of the notices; auto (the default) reads <html lang> or detects it from the text.")
@click.option("--profile", "profiles", multiple=True, metavar="NAMES",
              help="Check against these jurisdiction profiles (comma-separated or repeated; default baseline).")
@click.option("--notice-date", default=None, metavar="YYYY-MM-DD",
              help="The day the notices are published, for notification-delay (else read from each notice).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error).")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (comma-separated ids).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated ids).")
@click.option("--severity", multiple=True, metavar="RULE=LEVEL",
              help="Report a rule at another level: error, warning, info or off (repeatable).")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A directory of extra rule files (repeatable).")
@click.option("--organisation", default=None, help="The organisation the notices speak for.")
@click.option("--domain", "domains", multiple=True, metavar="DOMAINS",
              help="The organisation's own web domains (comma-separated or repeated).")
@click.option("--main-selector", default=None, metavar="CSS",
              help="CSS selector of the element holding an HTML notice's body.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching GLOB (repeatable).")
@click.option("--max-file-size", default=None, metavar="SIZE",
              help="Refuse files bigger than this, e.g. 5MB or 500KB (default 5MB; 0 means no limit).")
@click.option("--stdin-filename", default=None, help="Name for text read from '-' (its suffix picks the format).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Check files in this many processes; 0 means one per CPU.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop checking a file after this long and report it as an error; 0 means no limit.")
@click.option("--no-cache", is_flag=True, help="Check every file afresh; neither read nor write the findings cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              envvar="NOTICE_LINT_CACHE_DIR", show_envvar=True,
              help="Where the findings cache lives (default: notice-lint in the user's cache directory).")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; change no file.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings, no summary.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each finding (text format).")
def check(paths, output_format, output, config_file, lang, profiles, notice_date, fail_on, select, ignore, severity,
          rules_dir, organisation, domains, main_selector, exclude, max_file_size, stdin_filename, jobs, timeout,
          no_cache, cache_dir, fix, diff, quiet, statistics) -> None:
    """Check notices (files, directories, globs, or '-' for stdin) and report findings.

    Settings come from the nearest .notice-lint.toml or pyproject.toml [tool.notice-lint] above each
    file (or --config); options given here win. Exit codes: 0 no findings at or above --fail-on,
    1 such findings (with --diff: fixes to make), 2 usage, configuration or input error.
    """
    from . import packs
    from .cache import FindingsCache
    from .cache import default_directory as default_cache_directory
    from .config import ConfigError, Discovery, command_line_layer, resolve
    from .engine import check_tasks
    from .inputs import plan
    from .packs import PackError
    from .report import render

    if fix and diff:
        _fail("--fix and --diff cannot be used together")
    if fix and "-" in paths:
        _fail("--fix cannot write back to standard input; use --diff")
    if statistics and output_format != "text":
        _fail("--statistics works with --format text")
    if notice_date is not None and _iso_date(notice_date) is None:
        _fail(f"--notice-date: {notice_date!r} is not a date; write YYYY-MM-DD")
    options = {
        "profiles": tuple(_split(profiles)) if profiles else None, "lang": lang, "fail_on": fail_on, "select": select, "ignore": ignore, "severity": severity,
        "rules_dirs": tuple(str(directory) for directory in rules_dir), "organisation": organisation,
        "domains": domains, "main_selector": main_selector, "exclude": exclude,
        "max_file_size": max_file_size,
    }
    try:
        discovery = Discovery(config_file)
        layer = command_line_layer(options)
        tasks = plan(list(paths), layer, discovery, sys.stdin.buffer.read, stdin_filename)
        run_options: dict = {"timeout": timeout or None, "keep_notice": output_format == "html"}
        packs.PARSED = None
        if notice_date:
            run_options["notice_date"] = notice_date
        if not no_cache and output_format != "html":  # the HTML report shows each notice's full text
            run_options["cache_dir"] = str(cache_dir or default_cache_directory())
            packs.PARSED = FindingsCache(Path(run_options["cache_dir"]))
        tasks = [replace(task, **run_options) for task in tasks]
        _warn_profile_conflicts(tasks)
        here = Path.cwd() / "-"
        run_rules = _rules_of_run([task.settings for task in tasks] or [resolve(here, layer, discovery.config_for(here))])
        results = check_tasks(tasks, jobs or os.cpu_count() or 1)
    except (ConfigError, PackError) as error:
        _fail(str(error))
    for result in results:
        if result.error:
            click.echo(f"notice-lint: {result.path}: {result.error}", err=True)
    if diff or fix:
        results, status = _fixes(results, tasks, write=fix, quiet=quiet, output=output)
        if diff:
            sys.exit(max(status, _exit_code(results, tasks, only_errors=True)))
    else:
        status = EXIT_CLEAN
    colour = (output_format == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    report = render(output_format, results, colour=colour, rules=run_rules, quiet=quiet, statistics=statistics)
    _emit(report, output, colour)
    sys.exit(max(status, _exit_code(results, tasks)))


@main.command("preview")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["auto", "en", "ko"]), default="auto", show_default=True,
              help="Language of the notices; auto reads <html lang> or detects it from the text.")
@click.option("--platform", "platforms", multiple=True, metavar="IDS",
              help="Only these platforms (comma-separated: kakaotalk, x, facebook, linkedin, slack, discord, "
                   "telegram, line, whatsapp, imessage).")
def preview(inputs, output_format, lang, platforms) -> None:
    """Show the link preview each platform draws for a notice file or a live URL, with its warnings.

    Exit codes: 0 every input was read, 2 an input could not be read or fetched.
    """
    from .platforms import PLATFORM_IDS
    from .preview_command import run

    chosen = _split(platforms)
    for unknown in sorted(chosen - set(PLATFORM_IDS)):
        _fail(f"unknown platform {unknown!r}; known: {', '.join(PLATFORM_IDS)}")
    colour = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.exit(run(list(inputs), output_format, None if lang == "auto" else lang, chosen, colour))


@main.command("rules")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A directory of extra rule files (repeatable).")
def list_rules(rules_dir) -> None:
    """List every rule: id, kind, default severity, languages and what it flags."""
    from .packs import PackError, load_rules, rule_languages

    try:
        rules = load_rules(list(rules_dir))
    except PackError as error:
        _fail(str(error))
    from .suppress import UNUSED_SUMMARY, UNUSED_SUPPRESSION

    width = max([len(rule.id) for rule in rules] + [len(UNUSED_SUPPRESSION)])
    for rule in rules:
        languages = ",".join(rule_languages(rule))
        click.echo(f"{rule.id:<{width}}  {rule.kind:<17}  {rule.severity.value:<7}  {languages:<5}  {rule.summary}")
    # Made by the engine from suppression comments, so it has no rule file and no kind.
    click.echo(f"{UNUSED_SUPPRESSION:<{width}}  {'-':<17}  {'info':<7}  {'en,ko':<5}  {UNUSED_SUMMARY} (built in)")
    _list_profiles(list(rules_dir), width)


@main.command("explain")
@click.argument("name")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A directory of extra rule files (repeatable).")
def explain_command(name, rules_dir) -> None:
    """Explain a rule or a profile: why it exists, what it looks for, a failing and a passing example."""
    from .explain import UnknownName, explain
    from .packs import PackError

    try:
        click.echo(explain(name, list(rules_dir)), nl=False)
    except (UnknownName, PackError) as error:
        _fail(str(error).strip("'\""))


def _list_profiles(rules_dirs: list[Path], width: int) -> None:
    """The rules each profile adds (marked with the profile), then the profiles themselves."""
    from .packs import PackError, rule_languages
    from .profiles import known_profiles, load_profiles

    try:
        profiles = load_profiles(known_profiles(rules_dirs), rules_dirs)
    except PackError as error:
        _fail(str(error))
    for profile in profiles:
        for rule in profile.rules:
            languages = ",".join(rule_languages(rule))
            click.echo(f"{rule.id:<{width}}  {rule.kind:<17}  {rule.severity.value:<7}  {languages:<5}  "
                       f"{rule.summary} (--profile {profile.id})")
    click.echo("\nProfiles (check --profile NAME; 'notice-lint explain NAME' for details):")
    for profile in profiles:
        default = " (default)" if profile.id == "baseline" else ""
        click.echo(f"{profile.id:<{width}}  {profile.summary}{default}")


def _iso_date(text: str):
    from .dates import parse_iso

    return parse_iso(text) if len(text.strip()) == 10 else None


def _warn_profile_conflicts(tasks: list) -> None:
    """Say once per set of profiles when one forbids what another requires (Massachusetts and the rest)."""
    from .profiles import conflicts, load_profiles

    for names in dict.fromkeys(task.settings.profiles for task in tasks):
        for line in conflicts(load_profiles(names)):
            click.echo(f"notice-lint: warning: {line}", err=True)


def _rules_of_run(settings_list: list) -> list:
    """The rules enabled for any input of the run; raises ConfigError for a rule id no pack defines."""
    from .config import COMMAND_LINE, PYPROJECT, ConfigError
    from .engine import rules_for
    from .suppress import UNUSED_SUPPRESSION

    enabled_rules: dict[str, object] = {}
    for settings in dict.fromkeys(settings_list):
        known, enabled = rules_for(settings)
        ids = {rule.id for rule in known} | {UNUSED_SUPPRESSION}
        for key, rule_id in settings.rule_ids():
            if rule_id in ids:
                continue
            origin = settings.origin_of(key)
            if origin == COMMAND_LINE:
                raise ConfigError(f"unknown rule {rule_id!r}; 'notice-lint rules' lists them")
            prefix = "tool.notice-lint." if origin.endswith(PYPROJECT) else ""
            raise ConfigError(f"{origin}: {prefix}{key}: unknown rule {rule_id!r}; 'notice-lint rules' lists them")
        enabled_rules.update((rule.id, rule) for rule in enabled)
    return [enabled_rules[rule_id] for rule_id in sorted(enabled_rules)]


def _fixes(results: list, tasks: list, write: bool, quiet: bool, output: Path | None) -> tuple[list, int]:
    """Apply (``write``) or print as a diff the safe fixes of each result; fixed files are checked again.
    Returns the results to report and an exit status for what went wrong while fixing."""
    from .engine import check_tasks
    from .fix import FixError, apply_fixes, fixable, unified_diff, write_atomically
    from .source import InputError, is_regular_file, read_notice_bytes

    status = EXIT_CLEAN
    diffs: list[str] = []
    changed: list[int] = []
    count = 0
    for index, (result, task) in enumerate(zip(results, tasks)):
        if result.error or not fixable(result.findings):
            continue
        try:
            if task.text is None and not is_regular_file(Path(task.path)):
                raise FixError("not a regular file")
            data = task.text.encode("utf-8") if task.text is not None else read_notice_bytes(Path(task.path))
            fixed = apply_fixes(data, result.findings)
            if fixed.applied and write:
                write_atomically(Path(task.path), fixed.data)
        except (FixError, InputError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            click.echo(f"notice-lint: {result.path}: not fixed: {reason}", err=True)
            status = EXIT_ERROR
            continue
        if not fixed.applied:
            continue
        count += fixed.applied
        changed.append(index)
        if not write:
            diffs.append(unified_diff(result.path, fixed.before, fixed.after))
    if write:
        for index, result in zip(changed, check_tasks([tasks[index] for index in changed])):
            results[index] = result
        if count and not quiet:
            click.echo(f"notice-lint: fixed {_count(count, 'finding')} in {_count(len(changed), 'file')}", err=True)
    else:
        _emit("".join(diffs).rstrip("\n"), output, colour=False)
        status = max(status, EXIT_FINDINGS if diffs else EXIT_CLEAN)
    return results, status


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _emit(text: str, output: Path | None, colour: bool) -> None:
    """Print ``text``, or write it to ``output`` in one step."""
    if output is not None:
        from .fix import write_atomically

        try:
            write_atomically(output, (text + "\n").encode("utf-8") if text else b"")
        except OSError as error:
            _fail(f"{output}: cannot write the report: {error.strerror or error}")
    elif text:
        click.echo(text, color=colour)


def _exit_code(results: list, tasks: list, only_errors: bool = False) -> int:
    """2 if an input could not be checked; else 1 if a finding reaches its file's --fail-on severity; else 0."""
    if any(result.error for result in results):
        return EXIT_ERROR
    if only_errors:
        return EXIT_CLEAN
    for result, task in zip(results, tasks):
        threshold = Severity(task.settings.fail_on).rank
        if any(finding.severity.rank >= threshold for finding in result.findings):
            return EXIT_FINDINGS
    return EXIT_CLEAN


def _fail(message: str) -> None:
    click.echo(f"notice-lint: {message}", err=True)
    sys.exit(EXIT_ERROR)
