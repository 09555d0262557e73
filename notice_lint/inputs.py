"""Expand the paths given on the command line into the notices to check.

Files are taken as given (whatever their suffix); directories are walked for notice files; an argument
that does not exist but holds ``*``, ``?`` or ``[`` is a glob (``**`` spans directories). Version-control
and dependency directories are skipped, and ``--exclude`` patterns prune both walked and named paths.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .config import Discovery, FileSettings, Layer
    from .engine import Task

NOTICE_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt", ".eml")
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"})
GLOB_CHARACTERS = frozenset("*?[")


def expand(paths: list[str], excluded: Callable[[Path], bool] | None = None) -> list[Path]:
    """Files as given; directories walked for notice files (sorted, without following links); globs
    expanded. Each file appears once, in the order first found; ``excluded`` paths are left out."""
    skip = excluded or (lambda path: False)
    found: dict[Path, None] = {}
    for raw in paths:
        for path in _matches(raw):
            if skip(path):
                continue
            if not path.is_dir():
                found.setdefault(path)
                continue
            for file in _walk(path, skip):
                found.setdefault(file)
    return list(found)


def is_url(raw: str) -> bool:
    """A command-line input that names a web page rather than a file."""
    return raw.lower().startswith(("http://", "https://"))


def is_glob(raw: str) -> bool:
    return bool(GLOB_CHARACTERS & set(raw)) and not Path(raw).exists()


def _matches(raw: str) -> list[Path]:
    """What one argument names: itself, or the sorted matches of a glob (itself when nothing matches,
    so that it is reported as missing). Skipped directories are left out unless the pattern names them."""
    if not is_glob(raw):
        return [Path(raw)]
    named = set(Path(raw).parts)
    matches = [
        Path(match)
        for match in sorted(glob.glob(raw, recursive=True))
        if not any(part in SKIPPED_DIRECTORIES and part not in named for part in Path(match).parts)
    ]
    return matches or [Path(raw)]


def _walk(directory: Path, skip: Callable[[Path], bool]) -> list[Path]:
    files: list[Path] = []
    for root, subdirectories, names in os.walk(directory):
        subdirectories[:] = sorted(
            name for name in subdirectories if name not in SKIPPED_DIRECTORIES and not skip(Path(root, name))
        )
        files.extend(
            Path(root, name)
            for name in sorted(names)
            if name.lower().endswith(NOTICE_SUFFIXES) and not skip(Path(root, name))
        )
    return files


def plan(
    paths: list[str],
    command_line: Layer,
    discovery: Discovery,
    stdin: Callable[[], bytes],
    stdin_filename: str | None = None,
) -> list[Task]:
    """The tasks of a run, in the order given: each input with the settings of its nearest config file
    and the command line. ``-`` reads standard input once, named ``stdin_filename`` (its suffix picks
    the format, its place picks the config); web addresses are passed on as they are."""
    from .config import resolve
    from .engine import Task
    from .source import InputError, decode

    def settings_for(path: Path) -> FileSettings:
        return resolve(path, command_line, discovery.config_for(path))

    tasks: list[Task] = []
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            name = stdin_filename or "<stdin>"
            if any(task.path == name and (task.text is not None or task.error) for task in tasks):
                continue  # standard input is read once
            try:
                tasks.append(Task(name, settings_for(Path(name)), text=decode(stdin())))
            except InputError as error:
                tasks.append(Task(name, settings_for(Path(name)), error=str(error)))
            continue
        if is_url(raw):
            tasks.append(Task(raw, settings_for(Path.cwd() / "-")))
            continue
        for path in expand([raw], excluded=lambda candidate: settings_for(candidate).excluded(candidate)):
            if path.absolute() not in seen:
                seen.add(path.absolute())
                tasks.append(Task(str(path), settings_for(path)))
    return tasks
