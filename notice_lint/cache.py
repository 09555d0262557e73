"""The findings cache: a file checked before, with the same bytes, settings, rule packs and tool, is not
checked again, and a re-run on unchanged notices never loads spaCy.

An entry is one JSON file named by the SHA-256 of everything its findings depend on (see :func:`entry_key`):
the file's bytes and name, its resolved settings, the rule packs and profiles, the tool's own code and
version, and the versions of the libraries that parse and tokenize. An entry holds the file's own findings
(before inline suppressions and configured severities, which are applied afresh on every run) and the
notice's metadata, which the run-wide pass (``preview-site-default`` across files) reads.

Entries are written to a temporary file and renamed into place, so two runs sharing the directory never
see half an entry; an unreadable or damaged entry is a miss. The directory can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import asdict, replace
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .packs import tomllib
from .model import Finding, Link, MetaField, Notice, Severity

if TYPE_CHECKING:
    from .config import FileSettings

SCHEMA = "2"
"""Bumped when the entry layout changes."""
LIBRARIES = ("spacy", "beautifulsoup4", "lxml", "soupsieve")
"""Libraries whose version can change findings (tokenization, HTML parsing)."""
ENV_DIRECTORY = "NOTICE_LINT_CACHE_DIR"


def default_directory() -> Path:
    """``$NOTICE_LINT_CACHE_DIR``, else ``notice-lint`` in the user's cache directory (``$XDG_CACHE_HOME``
    or ``~/.cache``); never inside the checked project, so a run writes nothing beside the notices."""
    if os.environ.get(ENV_DIRECTORY):
        return Path(os.environ[ENV_DIRECTORY])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "notice-lint"


def entry_key(data: bytes, path: str, settings: FileSettings, notice_date: str) -> str:
    """The SHA-256 naming a file's entry: its bytes and name, its settings, and the run's fingerprint."""
    digest = hashlib.sha256(_settings_part(settings))
    for part in (path, notice_date):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _settings_part(settings: FileSettings) -> bytes:
    """The run's fingerprint and the settings (without where each came from), as the key's first bytes."""
    parts = (fingerprint(settings.rules_dirs), repr(replace(settings, origin=(), config_file=None)))
    return b"".join(part.encode("utf-8", "surrogateescape") + b"\0" for part in parts)


@cache
def fingerprint(rules_dirs: tuple[str, ...]) -> str:
    """What every entry of a run depends on: the tool (version and the size and time of each of its
    files, so an edited checkout misses), the libraries, and the contents of every rule and profile file.
    Computed once per process, as rule packs are loaded once per process."""
    from .packs import builtin_rules_dir

    digest = hashlib.sha256(f"{SCHEMA} {__version__} {sys.version_info[:2]}".encode())
    digest.update(_library_versions().encode())
    package = os.path.dirname(os.path.realpath(__file__))
    for name in _files(package, ".py"):
        stat = os.stat(os.path.join(package, name))
        digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    for directory in (str(builtin_rules_dir()), *rules_dirs):
        for name in _files(directory, ".toml"):
            with open(os.path.join(directory, name), "rb") as file:
                digest.update(name.encode() + b"\0" + file.read() + b"\0")
    return digest.hexdigest()


def _files(directory: str, suffix: str) -> list[str]:
    """The files under ``directory`` whose names end in ``suffix``, as sorted relative paths."""
    found = []
    for root, _, names in os.walk(directory):
        relative = os.path.relpath(root, directory)
        found += [name if relative == "." else os.path.join(relative, name) for name in names if name.endswith(suffix)]
    return sorted(found)


def _library_versions() -> str:
    """``name=version`` of each of LIBRARIES: from the names of the ``.dist-info`` directories on the path
    (a glance at a few directories), else from ``importlib.metadata`` (which reads much more)."""
    wanted = {_normalized(name): name for name in LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for item in names:
            if item.endswith(".dist-info"):
                project, _, version = item[: -len(".dist-info")].partition("-")
                name = wanted.get(_normalized(project))
                if name is not None:
                    found.setdefault(name, version)  # the first on the path, as Python imports it
    missing = [name for name in LIBRARIES if not found.get(name)]
    if missing:
        from importlib.metadata import PackageNotFoundError, version

        for name in missing:
            try:
                found[name] = version(name)
            except PackageNotFoundError:
                found[name] = "none"
    return " ".join(f"{name}={found[name]}" for name in LIBRARIES)


def _normalized(project: str) -> str:
    return re.sub(r"[-_.]+", "_", project).lower()


class FindingsCache:
    """Entries in ``directory``; :meth:`load` and :meth:`store` never raise for a cache problem."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _entry(self, key: str) -> Path:
        return self.directory / f"v{SCHEMA}" / key[:2] / f"{key}.json"

    def load(self, key: str) -> tuple[list[Finding], Notice] | None:
        """The cached findings and notice metadata (``source`` empty), or None on a miss."""
        try:
            entry = json.loads(self._entry(key).read_text(encoding="utf-8"))
            return [_finding(item) for item in entry["findings"]], _notice(entry["notice"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, findings: list[Finding], notice: Notice) -> None:
        """Write an entry in one step (a temporary file renamed into place); a failure is ignored."""
        entry = {"findings": [_plain(asdict(finding)) for finding in findings], "notice": _notice_entry(notice)}
        _write(self.directory, self._entry(key), entry)

    def parsed_toml(self, data: bytes) -> dict[str, Any]:
        """The table of a TOML file (a rule pack, a profile) with these bytes: parsed once, then read back
        as JSON, which is many times faster than parsing TOML. Raises what ``tomllib`` raises."""
        entry = self.directory / f"v{SCHEMA}" / "toml" / f"{hashlib.sha256(data).hexdigest()}.json"
        try:
            table = json.loads(entry.read_text(encoding="utf-8"))
            if isinstance(table, dict):
                return table
        except (OSError, ValueError):
            pass
        table = tomllib.loads(data.decode("utf-8"))
        _write(self.directory, entry, table)
        return table


def _write(directory: Path, target: Path, value: Any) -> None:
    """Write ``value`` as JSON to ``target`` in one step (a temporary file renamed into place); a failure,
    or a value JSON cannot hold (a TOML date), leaves no entry."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        target.parent.mkdir(parents=True, exist_ok=True)
        _tag(directory)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, TypeError, ValueError):
        return


def _tag(directory: Path) -> None:
    """Mark the directory as a cache, so backup tools skip it (https://bford.info/cachedir/)."""
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# notice-lint's findings cache.\n")


def _plain(value: Any) -> Any:
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _finding(item: dict[str, Any]) -> Finding:
    return Finding(**{**item, "severity": Severity(item["severity"])})


def _notice_entry(notice: Notice) -> dict[str, Any]:
    """The notice without its body blocks and source: what the run-wide pass and the reports read."""
    return {
        "path": notice.path,
        "format": notice.format,
        "language": notice.language,
        "has_head": notice.has_head,
        "meta": [_meta_entry(item) for item in notice.meta],
        "links": [_plain(asdict(link)) for link in notice.links],
    }


def _meta_entry(item: MetaField) -> dict[str, Any]:
    """A metadata field with its offsets as runs (see :func:`runs`): a field's characters mostly map one to one."""
    ends = None if all(end == start + 1 for start, end in zip(item.starts, item.ends)) else runs(item.ends)
    return {"name": item.name, "text": item.text, "anchor": item.anchor, "starts": runs(item.starts), "ends": ends}


def _meta(item: dict[str, Any]) -> MetaField:
    starts = unruns(item["starts"])
    ends = unruns([[first + 1, count] for first, count in item["starts"]]) if item["ends"] is None else unruns(item["ends"])
    return MetaField(item["text"], starts, ends, item["anchor"], item["name"])


def runs(values: tuple[int, ...]) -> list[list[int]]:
    """``values`` as [first, count] pairs of runs that go up by one: (4, 5, 6, 9) -> [[4, 3], [9, 1]]."""
    found: list[list[int]] = []
    for value in values:
        if found and value == found[-1][0] + found[-1][1]:
            found[-1][1] += 1
        else:
            found.append([value, 1])
    return found


def unruns(pairs: list[list[int]]) -> tuple[int, ...]:
    """The values that :func:`runs` made ``pairs`` of."""
    if len(pairs) == 1:  # most fields: their characters stand one after another in the source
        return tuple(range(pairs[0][0], pairs[0][0] + pairs[0][1]))
    return tuple(chain.from_iterable(range(first, first + count) for first, count in pairs))


def _notice(entry: dict[str, Any]) -> Notice:
    meta = [_meta(item) for item in entry["meta"]]
    links = [Link(**item) for item in entry["links"]]
    return Notice(entry["path"], "", entry["format"], entry["language"], meta=meta, has_head=entry["has_head"],
                  links=links)
