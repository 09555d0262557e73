"""Expand the paths given on the command line into the notices to check.

Files are taken as given (whatever their suffix); directories are walked for notice files; an argument
that does not exist but holds ``*``, ``?`` or ``[`` is a glob (``**`` spans directories). Version-control
and dependency directories are skipped, and ``--exclude`` patterns prune both walked and named paths.
A named pipe, device or socket that walking or a glob finds is planned as an error and never read.
"""

from __future__ import annotations

import glob
import os
from fnmatch import fnmatch
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
        for match in sorted(_glob(raw))
        if not any(part in SKIPPED_DIRECTORIES and part not in named for part in Path(match).parts)
    ]
    return matches or [Path(raw)]


def _glob(raw: str) -> list[str]:
    """``glob.glob(raw, recursive=True)``, except that ``**`` does not follow symbolic links to directories
    (as walking a directory does not) nor enter skipped directories the pattern does not name: the standard
    glob follows links, so a link to a parent directory (or two) made the search repeat, or never end."""
    if "**" not in raw:
        return glob.glob(raw)
    parts = Path(raw).parts
    literal = next(index for index, part in enumerate(parts) if GLOB_CHARACTERS & set(part))
    base = Path(*parts[:literal]) if literal else Path()
    pattern = parts[literal:]
    hidden_named = any(part.startswith(".") for part in pattern)
    found: list[str] = []
    for root, subdirectories, names in os.walk(base):
        subdirectories[:] = [
            name
            for name in subdirectories
            if not os.path.islink(os.path.join(root, name))
            and (name not in SKIPPED_DIRECTORIES or name in parts)
            and (hidden_named or not name.startswith("."))
        ]
        relative = Path(root).relative_to(base).parts
        for name in [*subdirectories, *names]:
            if _glob_matches(pattern, (*relative, name)):
                found.append(str(Path(root, name)) if literal else str(Path(*relative, name)))
    return found


def _glob_matches(pattern: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """Whether path components ``names`` match glob components ``pattern`` (``**``: any number of them);
    wildcards do not match a hidden name (one starting with ``.``), as in the standard glob."""
    if not pattern:
        return not names
    if pattern[0] == "**":
        if _glob_matches(pattern[1:], names):
            return True
        return bool(names) and not names[0].startswith(".") and _glob_matches(pattern, names[1:])
    if not names or (names[0].startswith(".") and not pattern[0].startswith(".")):
        return False
    return fnmatch(names[0], pattern[0]) and _glob_matches(pattern[1:], names[1:])


def _is_virtualenv(directory: Path) -> bool:
    """A Python virtual environment under any name (it holds ``pyvenv.cfg``): its packages' files are no notices."""
    return (directory / "pyvenv.cfg").is_file()


def _walk(directory: Path, skip: Callable[[Path], bool]) -> list[Path]:
    files: list[Path] = []
    for root, subdirectories, names in os.walk(directory):
        subdirectories[:] = sorted(
            name for name in subdirectories
            if name not in SKIPPED_DIRECTORIES and not _is_virtualenv(Path(root, name)) and not skip(Path(root, name))
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
    stdin: Callable[[int], bytes],
    stdin_filename: str | None = None,
) -> list[Task]:
    """The tasks of a run, in the order given: each input with the settings of its nearest config file
    and the command line. ``-`` reads standard input once, named ``stdin_filename`` (its suffix picks
    the format, its place picks the config), through ``stdin(size)`` so that no more than the size limit
    is taken in; web addresses are passed on as they are."""
    from .config import matching_overrides, resolve_layers
    from .engine import Task
    from .source import InputError, checked_text, read_limited, special_kind

    resolved: dict[tuple[int, tuple[int, ...]], FileSettings] = {}

    def settings_for(path: Path) -> FileSettings:
        """Files with the same config file and the same matching overrides share one settings object."""
        config = discovery.config_for(path)
        key = (id(config), matching_overrides(path, config))
        if key not in resolved:
            resolved[key] = resolve_layers(command_line, config, key[1])
        return resolved[key]

    tasks: list[Task] = []
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            name = stdin_filename or "<stdin>"
            if any(task.path == name and (task.text is not None or task.error) for task in tasks):
                continue  # standard input is read once
            settings = settings_for(Path(name))
            try:
                tasks.append(Task(name, settings, text=checked_text(read_limited(stdin, settings.max_file_size), "input")))
            except InputError as error:
                tasks.append(Task(name, settings, error=str(error)))
            except OSError as error:
                tasks.append(Task(name, settings, error=f"cannot read: {error.strerror or error}"))
            continue
        if is_url(raw):
            tasks.append(Task(raw, settings_for(Path.cwd() / "-")))
            continue
        for path in expand([raw], excluded=lambda candidate: settings_for(candidate).excluded(candidate)):
            if path.absolute() in seen:
                continue
            seen.add(path.absolute())
            kind = special_kind(path) if path != Path(raw) else None
            if kind:  # found by walking or a glob: a pipe there has no writer, a device may never end
                tasks.append(Task(str(path), settings_for(path), error=f"not a regular file ({kind}): not read"))
            else:
                tasks.append(Task(str(path), settings_for(path)))
    return tasks
