"""The command line: ``notice-lint check PATH...``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
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
@click.option("--lang", type=click.Choice(["auto", "en", "ko"]), default="auto", show_default=True,
              help="Language of the notices; auto reads <html lang> or detects it from the text.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (comma-separated ids).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated ids).")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A directory of extra rule files (repeatable).")
@click.option("--stdin-filename", default=None, help="Name for text read from '-' (its suffix picks the format).")
def check(paths, output_format, lang, fail_on, select, ignore, rules_dir, stdin_filename) -> None:
    """Check notices (files, directories, or '-' for stdin) and report findings.

    Exit codes: 0 no findings at or above --fail-on, 1 such findings, 2 usage or input error.
    """
    from .engine import lint_paths
    from .packs import PackError, load_rules
    from .report import render

    try:
        rules = load_rules(list(rules_dir))
    except PackError as error:
        _fail(str(error))
    known = {rule.id for rule in rules}
    for rule_id in sorted((_split(select) | _split(ignore)) - known):
        _fail(f"unknown rule {rule_id!r}; 'notice-lint rules' lists them")
    if select:
        rules = [rule for rule in rules if rule.id in _split(select)]
    rules = [rule for rule in rules if rule.id not in _split(ignore)]
    language = None if lang == "auto" else lang

    try:
        results = lint_paths(list(paths), rules, language, sys.stdin.buffer.read, stdin_filename or "<stdin>")
    except PackError as error:
        _fail(str(error))
    for result in results:
        if result.error:
            click.echo(f"notice-lint: {result.path}: {result.error}", err=True)
    colour = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(render(output_format, results, colour=colour), color=colour)
    sys.exit(_exit_code(results, Severity(fail_on)))


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
    width = max(len(rule.id) for rule in rules)
    for rule in rules:
        languages = ",".join(rule_languages(rule))
        click.echo(f"{rule.id:<{width}}  {rule.kind:<17}  {rule.severity.value:<7}  {languages:<5}  {rule.summary}")


def _exit_code(results, fail_on: Severity) -> int:
    if any(result.error for result in results):
        return EXIT_ERROR
    worst = [finding.severity.rank for result in results for finding in result.findings]
    return EXIT_FINDINGS if worst and max(worst) >= fail_on.rank else EXIT_CLEAN


def _fail(message: str) -> None:
    click.echo(f"notice-lint: {message}", err=True)
    sys.exit(EXIT_ERROR)
