"""Expand the paths given on the command line into the notices to check."""

from __future__ import annotations

import os
from pathlib import Path

NOTICE_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt")
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"})


def expand(paths: list[str]) -> list[Path]:
    """Files as given; directories walked for notice files (sorted, without following links)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.append(path)
            continue
        for directory, subdirectories, files in os.walk(path):
            subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRECTORIES)
            found.extend(
                Path(directory, name) for name in sorted(files) if name.lower().endswith(NOTICE_SUFFIXES)
            )
    return found
