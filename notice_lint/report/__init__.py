"""Reporters turn results into text for people or machines; they never decide what is wrong.

Each reporter module has ``render(results, colour=False, ...) -> str``; ``FORMATS`` names them. Options a
reporter does not take (``rules`` for SARIF's rule metadata, ``quiet`` and ``statistics`` for text) are
not passed to it.
"""

from __future__ import annotations

import inspect
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine import FileResult

FORMATS = {"text": "text", "json": "json", "sarif": "sarif", "github": "github", "junit": "junit", "html": "html"}
"""Format name -> module in this package."""


def render(output_format: str, results: list[FileResult], colour: bool = False, **options: Any) -> str:
    """The report of ``results`` in ``output_format``."""
    module = import_module(f".{FORMATS[output_format]}", __name__)
    accepted = inspect.signature(module.render).parameters
    return module.render(results, colour=colour, **{key: value for key, value in options.items() if key in accepted})
